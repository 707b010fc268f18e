package cli

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/scaffold"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/spf13/cobra"
)

func newNewCmd(g *globals) *cobra.Command {
	o := scaffold.RecordOptions{}
	kinds := strings.Join(scaffold.RecordKinds, "|")
	cmd := &cobra.Command{
		Use:   "new " + kinds,
		Short: "Start a new record from its template",
		Long: `New writes a new record in the right folder of the site: front matter from
the flags, and a "##" heading with a line of guidance for every section the
template requires at some moment of the record's life. The id is the date
and a slug of the title (or --slug). It never overwrites a file.

Keys left for later (coordinator, expected downtime, ...) and an incident's
first update are written commented out, with what they should hold, so the
new file validates at once and shows what comes next.

  incident     --category, --title; --services, --severity, --detected, --message, ...
  rca          --incident; --title, --author
  maintenance  --title, --services, --start, --end; --coordinator, --message
  exercise     --title; --date, --kind, --category, --participants`,
		Example: `  incidentsite new incident --category availability --title "AssetExplorer is slow" \
      --services assetexplorer=degraded_performance --severity minor
  incidentsite new rca --incident 2025-02-18-assetexplorer-down --author an-janssens
  incidentsite new maintenance --title "Database upgrade" --services assetexplorer \
      --start 2025-03-01T22:00+01:00 --end 2025-03-02T01:00+01:00 --coordinator an-janssens
  incidentsite new exercise --title "Ransomware tabletop" --date 2025-06-12 --participants operations-team`,
		ValidArgs: scaffold.RecordKinds,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 || !slices.Contains(scaffold.RecordKinds, args[0]) {
				return usagef("say what to start: incidentsite new %s", kinds)
			}
			return g.newRecord(args[0], o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Category, "category", "", "incident or exercise category: a template in templates/")
	f.StringVar(&o.Title, "title", "", "title, one line customers understand")
	f.StringVar(&o.Severity, "severity", "", "severity (default: the one matching the worst impact among --services)")
	f.StringVar(&o.Visibility, "visibility", "", "public or internal (default: the category's)")
	f.StringSliceVar(&o.Services, "services", nil, "affected services, comma-separated; id=impact sets an incident's impact")
	f.StringVar(&o.Impact, "impact", scaffold.DefaultImpact, "impact of services given without one")
	f.StringSliceVar(&o.Teams, "teams", nil, "teams involved (contact ids or roles)")
	f.StringSliceVar(&o.Regulation, "regulation", nil, "regulations that apply: nis2, gdpr, dora or the site's own (default: the category's)")
	f.StringVar(&o.Coordinator, "coordinator", "", "contact id of the coordinator")
	f.StringVar(&o.Detected, "detected", "", "when the incident was detected (default: now)")
	f.StringVar(&o.Message, "message", "", "the first update of an incident or maintenance, what customers are told (default: written commented out)")
	f.StringVar(&o.ExpectedDowntime, "expected-downtime", "", "how long customers should expect an incident to last: 45m, 2h, 1d")
	f.StringVar(&o.Slug, "slug", "", "the id after the date (default: made from the title)")
	f.StringVar(&o.Incident, "incident", "", "id of the incident an RCA analyses")
	f.StringVar(&o.Author, "author", "", "contact id of the RCA's author")
	f.StringVar(&o.Start, "start", "", "start of a maintenance window")
	f.StringVar(&o.End, "end", "", "end of a maintenance window")
	f.StringVar(&o.Date, "date", "", "day of an exercise (default: today)")
	f.StringVar(&o.ExerciseKind, "kind", scaffold.DefaultExerciseKind, "kind of exercise: "+strings.Join(vocab.ExerciseKinds, ", "))
	f.StringSliceVar(&o.Participants, "participants", nil, "exercise participants (contact ids or roles)")
	return cmd
}

func (g *globals) newRecord(kind string, o scaffold.RecordOptions) error {
	site, err := source.Dir(g.source)
	if err != nil {
		return usageError{err}
	}
	cfg, diags := config.Load(site)
	cat, d := (*catalog.Catalog)(nil), diag.List(nil)
	regs := (*regulation.Set)(nil)
	if cfg != nil && !diags.HasErrors() {
		cat, d = catalog.Load(site, cfg)
		diags.Append(d)
		regs, d = regulation.Load(site, cfg)
		diags.Append(d)
	}
	if diags.HasErrors() {
		_ = diag.Print(g.stderr, diags.Dedupe(), diag.Text, g.displayPrefix())
		fmt.Fprintln(g.stderr, "incidentsite: fix the site's configuration and templates first")
		return errFailed
	}
	// The records give the contacts to check names against and the
	// incident an RCA analyses; a broken file elsewhere is validate's
	// business, not a reason to refuse a new record.
	set, _ := content.Load(site, cfg)
	o.Now = time.Now()
	draft, err := scaffold.Record(kind, o, scaffold.Existing{Config: cfg, Catalog: cat, Regulations: regs, Records: set})
	if err != nil {
		return err
	}
	if err := draft.Write(g.source); err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "wrote %s\n%s\n", filepath.ToSlash(filepath.Join(g.source, filepath.FromSlash(draft.Path))), draft.Next)
	return nil
}

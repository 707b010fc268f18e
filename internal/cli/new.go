package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/ident"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/scaffold"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/validate"
	"github.com/incidentsite/incidentsite/internal/yamlx"
	"github.com/spf13/cobra"
)

// newOptions are the flags of "new"; each kind uses some of them.
type newOptions struct {
	category, title, severity, visibility, impact string
	services, teams, regulation, participants     []string
	coordinator, incident, author, kind           string
	at, start, end, date                          string
}

func newNewCmd(g *globals) *cobra.Command {
	o := &newOptions{}
	cmd := &cobra.Command{
		Use:   "new incident|rca|maintenance|exercise",
		Short: "Start a new record from its template",
		Long: `New writes a new record in the right folder of the site: front matter from
the flags, and a "##" heading with a line of guidance for every section the
template requires at some moment of the record's life. The id is the date
and a slug of the title. It never overwrites a file.

  incident     --category, --title; --services, --severity, --detected, ...
  rca          --incident; --title, --author
  maintenance  --title, --services, --start, --end; --coordinator
  exercise     --title; --date, --kind, --category, --participants`,
		Example: `  incidentsite new incident --category availability --title "AssetExplorer is slow" \
      --services assetexplorer=degraded_performance --severity minor
  incidentsite new rca --incident 2025-02-18-assetexplorer-down --author an-janssens
  incidentsite new maintenance --title "Database upgrade" --services assetexplorer \
      --start 2025-03-01T22:00+01:00 --end 2025-03-02T01:00+01:00 --coordinator an-janssens
  incidentsite new exercise --title "Ransomware tabletop" --date 2025-06-12 --participants operations-team`,
		ValidArgs: []string{"incident", "rca", "maintenance", "exercise"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 || !slices.Contains(cmd.ValidArgs, args[0]) {
				return usagef("say what to start: incidentsite new incident|rca|maintenance|exercise")
			}
			return g.newRecord(args[0], o, cmd)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.category, "category", "", "incident or exercise category: a template in templates/")
	f.StringVar(&o.title, "title", "", "title, one line customers understand")
	f.StringVar(&o.severity, "severity", "", "severity (default: the one the worst impact of --services stands for, else the category's least severe)")
	f.StringVar(&o.visibility, "visibility", "", "public or internal (default: the category's)")
	f.StringSliceVar(&o.services, "services", nil, "affected services, comma-separated; id=impact sets an incident's impact")
	f.StringVar(&o.impact, "impact", "partial_outage", "impact of services given without one")
	f.StringSliceVar(&o.teams, "teams", nil, "teams involved (contact ids or roles)")
	f.StringSliceVar(&o.regulation, "regulation", nil, "regulations that apply: nis2, gdpr (default: the category's)")
	f.StringVar(&o.coordinator, "coordinator", "", "contact id of the coordinator")
	f.StringVar(&o.at, "detected", "", "when the incident was detected (default: now)")
	f.StringVar(&o.incident, "incident", "", "id of the incident an RCA analyses")
	f.StringVar(&o.author, "author", "", "contact id of the RCA's author")
	f.StringVar(&o.start, "start", "", "start of a maintenance window")
	f.StringVar(&o.end, "end", "", "end of a maintenance window")
	f.StringVar(&o.date, "date", "", "day of an exercise (default: today)")
	f.StringVar(&o.kind, "kind", "tabletop", "kind of exercise: "+strings.Join(validate.ExerciseKinds, ", "))
	f.StringSliceVar(&o.participants, "participants", nil, "exercise participants (contact ids or roles)")
	return cmd
}

func (g *globals) newRecord(kind string, o *newOptions, cmd *cobra.Command) error {
	site, err := source.Dir(g.source)
	if err != nil {
		return usageError{err}
	}
	cfg, diags := config.Load(site)
	cat, d := (*catalog.Catalog)(nil), diag.List(nil)
	if cfg != nil && !diags.HasErrors() {
		cat, d = catalog.Load(site, cfg)
		diags.Append(d)
	}
	if diags.HasErrors() {
		_ = diag.Print(g.stderr, diags.Dedupe(), diag.Text, g.displayPrefix())
		fmt.Fprintln(g.stderr, "incidentsite: fix the site's configuration and templates first")
		return errFailed
	}
	loc := cfg.Location
	now := time.Now().In(loc).Truncate(time.Minute)
	lang := cfg.DefaultLanguage()
	when := func(flag, v string, def time.Time) (time.Time, error) {
		if v == "" {
			if def.IsZero() {
				return def, usagef("--%s is required", flag)
			}
			return def, nil
		}
		t, err := yamlx.ParseTime(v, loc)
		if err != nil {
			return t, usagef("--%s: %v", flag, err)
		}
		return t, nil
	}
	needTitle := func() error {
		if strings.TrimSpace(o.title) == "" {
			return usagef("--title is required: one line that says what happened, as in --title \"AssetExplorer is unavailable\"")
		}
		return nil
	}

	var (
		t      *catalog.Template
		fields []scaffold.Field
		file   string
		given  = map[string]bool{}
	)
	note := func(key string, v any, ok bool) {
		fields = append(fields, scaffold.Field{Key: key, Value: v})
		given[key] = ok
	}
	switch kind {
	case "incident":
		if err := needTitle(); err != nil {
			return err
		}
		cats := cat.Categories()
		if o.category == "" {
			return usagef("--category is required: one of %s", strings.Join(cats, ", "))
		}
		if t = cat.Get(o.category); t == nil || t.Kind != catalog.KindIncident {
			return usagef("--category %q is not one of %s%s", o.category, strings.Join(cats, ", "), diag.DidYouMean(o.category, cats))
		}
		sev := o.severity
		if sev != "" && !slices.Contains(t.Severities, sev) {
			return usagef("--severity %q is not one of %s (%s)", sev, strings.Join(t.Severities, ", "), t.Source())
		}
		// The visibility is written out even when it is the template's
		// default: whether customers see the incident must be plain.
		vis := o.visibility
		if vis == "" {
			vis = t.Visibility
		} else if !slices.Contains(validate.Visibilities, vis) {
			return usagef("--visibility %q is not one of public, internal", vis)
		}
		var svcs yamlx.Pairs
		for _, s := range o.services {
			id, impact, ok := strings.Cut(s, "=")
			if !ok {
				impact = o.impact
			}
			if cfg.Service(id) == nil {
				return usagef("--services: %q is not a service in %s%s; the services are %s", id, config.File, diag.DidYouMean(id, cfg.ServiceIDs()), strings.Join(cfg.ServiceIDs(), ", "))
			}
			if !slices.Contains(validate.Impacts, impact) {
				return usagef("--services: impact %q of %s is not one of %s", impact, id, strings.Join(validate.Impacts, ", "))
			}
			svcs = append(svcs, yamlx.Pair{Key: id, Value: impact})
		}
		if sev == "" {
			// The severity the worst impact stands for (a major outage is
			// the template's most severe), else the least severe.
			worst := "operational"
			for _, p := range svcs {
				if public.Worse(p.Value, worst) {
					worst = p.Value
				}
			}
			sev = projection.SeverityFor(t, worst)
		}
		detected, err := when("detected", o.at, now)
		if err != nil {
			return err
		}
		reg := o.regulation
		if reg == nil {
			reg = t.Regulation
		}
		note("title", o.title, true)
		note("category", t.Name, true)
		note("severity", sev, true)
		note("visibility", vis, true)
		note("services", svcs, len(svcs) > 0)
		note("detected", detected, true)
		note("coordinator", o.coordinator, o.coordinator != "")
		note("teams", o.teams, len(o.teams) > 0)
		note("regulation", reg, len(reg) > 0)
		id := detected.In(loc).Format("2006-01-02") + "-" + ident.Slug(o.title, 60)
		file = path.Join(content.KindIncident.Folder(), detected.In(loc).Format("2006"), id+".md")
	case "rca":
		t = cat.Get(catalog.KindRCA)
		if o.incident == "" {
			return usagef("--incident is required: the id of the incident the RCA analyses")
		}
		inc, err := g.findIncident(site, cfg, o.incident)
		if err != nil {
			return err
		}
		title := o.title
		if title == "" {
			title = inc.Title
		}
		note("title", title, true)
		note("incident", inc.ID, true)
		note("status", "draft", true)
		note("published", false, true)
		note("author", o.author, o.author != "")
		file = path.Join(content.KindRCA.Folder(), inc.ID+".md")
	case "maintenance":
		t = cat.Get(catalog.KindMaintenance)
		if err := needTitle(); err != nil {
			return err
		}
		if len(o.services) == 0 {
			return usagef("--services is required: the services the maintenance affects")
		}
		for _, s := range o.services {
			if cfg.Service(s) == nil {
				return usagef("--services: %q is not a service in %s%s", s, config.File, diag.DidYouMean(s, cfg.ServiceIDs()))
			}
		}
		start, err := when("start", o.start, time.Time{})
		if err != nil {
			return err
		}
		end, err := when("end", o.end, time.Time{})
		if err != nil {
			return err
		}
		if !end.After(start) {
			return usagef("--end must be after --start")
		}
		note("title", o.title, true)
		note("services", o.services, true)
		note("scheduled_for", start, true)
		note("scheduled_until", end, true)
		note("status", "scheduled", true)
		note("coordinator", o.coordinator, o.coordinator != "")
		id := start.In(loc).Format("2006-01-02") + "-" + ident.Slug(o.title, 60)
		file = path.Join(content.KindMaintenance.Folder(), id+".md")
	case "exercise":
		t = cat.Get(catalog.KindExercise)
		if err := needTitle(); err != nil {
			return err
		}
		day := now
		if o.date != "" {
			if day, err = time.ParseInLocation("2006-01-02", o.date, loc); err != nil {
				return usagef("--date %q is not a date such as 2025-06-12", o.date)
			}
		}
		if !slices.Contains(validate.ExerciseKinds, o.kind) {
			return usagef("--kind %q is not one of %s", o.kind, strings.Join(validate.ExerciseKinds, ", "))
		}
		if o.category != "" {
			if ct := cat.Get(o.category); ct == nil || ct.Kind != catalog.KindIncident {
				return usagef("--category %q is not one of %s", o.category, strings.Join(cat.Categories(), ", "))
			}
		}
		note("title", o.title, true)
		note("date", yamlx.Date{Time: day}, true)
		note("kind", o.kind, true)
		note("category", o.category, o.category != "")
		note("participants", o.participants, len(o.participants) > 0)
		id := day.Format("2006-01-02") + "-" + ident.Slug(o.title, 60)
		file = path.Join(content.KindExercise.Folder(), id+".md")
	}

	// What the template requires from the record's first moment must be
	// given now, or the new file would not validate.
	first := catalog.Moments[t.Kind][0]
	var missing []string
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range t.Fields {
			if !yield(k) {
				return
			}
		}
	}) {
		if t.Fields[name].RequiredFrom == first && !given[name] {
			missing = append(missing, "--"+name)
		}
	}
	if len(missing) > 0 {
		return usagef("%s requires %s from the start; pass %s", t.Source(), strings.Join(missing, ", "), strings.Join(missing, " and "))
	}

	data := scaffold.Record(fields, t, lang)
	// The file must read back cleanly; anything else is a bug here.
	if _, d := content.Parse(kindOf(kind), file, data, cfg); d.HasErrors() {
		return fmt.Errorf("internal error: the new file does not read back: %v", d.Err())
	}
	full := filepath.Join(g.source, filepath.FromSlash(file))
	if err := writeNew(full, data); err != nil {
		if errors.Is(err, fs.ErrExist) {
			fmt.Fprintf(g.stderr, "incidentsite: %s already exists; new never overwrites a file, so pick another --title or edit that file\n", filepath.ToSlash(full))
			return errFailed
		}
		return err
	}
	fmt.Fprintf(g.stdout, "wrote %s\n", filepath.ToSlash(full))
	return nil
}

func kindOf(kind string) content.Kind {
	switch kind {
	case "incident":
		return content.KindIncident
	case "rca":
		return content.KindRCA
	case "maintenance":
		return content.KindMaintenance
	}
	return content.KindExercise
}

// findIncident returns the incident with id, reading only the incidents.
func (g *globals) findIncident(site fs.FS, cfg *config.Config, id string) (*content.Incident, error) {
	set, _ := content.Load(site, cfg)
	var ids []string
	for _, inc := range set.Incidents {
		if inc.ID == id {
			return inc, nil
		}
		ids = append(ids, inc.ID)
	}
	return nil, usagef("--incident %q is not an incident in %s/%s", id, content.KindIncident.Folder(), diag.DidYouMean(id, ids))
}

// writeNew creates file with data, and its folder, refusing to replace
// an existing file.
func writeNew(file string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

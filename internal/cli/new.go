package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/ident"
	"github.com/incidentsite/incidentsite/internal/scaffold"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
	"github.com/spf13/cobra"
)

// newOptions are the flags of "new"; each kind uses some of them.
type newOptions struct {
	category, title, severity, visibility, impact string
	services, teams, regulation, participants     []string
	coordinator, incident, author, kind           string
	at, start, end, date                          string
	slug, message, expectedDowntime               string
}

func newNewCmd(g *globals) *cobra.Command {
	o := &newOptions{}
	cmd := &cobra.Command{
		Use:   "new incident|rca|maintenance|exercise",
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
	f.StringVar(&o.severity, "severity", "", "severity (default: the one matching the worst impact among --services)")
	f.StringVar(&o.visibility, "visibility", "", "public or internal (default: the category's)")
	f.StringSliceVar(&o.services, "services", nil, "affected services, comma-separated; id=impact sets an incident's impact")
	f.StringVar(&o.impact, "impact", string(vocab.PartialOutage), "impact of services given without one")
	f.StringSliceVar(&o.teams, "teams", nil, "teams involved (contact ids or roles)")
	f.StringSliceVar(&o.regulation, "regulation", nil, "regulations that apply: nis2, gdpr (default: the category's)")
	f.StringVar(&o.coordinator, "coordinator", "", "contact id of the coordinator")
	f.StringVar(&o.at, "detected", "", "when the incident was detected (default: now)")
	f.StringVar(&o.message, "message", "", "the first update of an incident or maintenance, what customers are told (default: written commented out)")
	f.StringVar(&o.expectedDowntime, "expected-downtime", "", "how long customers should expect an incident to last: 45m, 2h, 1d")
	f.StringVar(&o.slug, "slug", "", "the id after the date (default: made from the title)")
	f.StringVar(&o.incident, "incident", "", "id of the incident an RCA analyses")
	f.StringVar(&o.author, "author", "", "contact id of the RCA's author")
	f.StringVar(&o.start, "start", "", "start of a maintenance window")
	f.StringVar(&o.end, "end", "", "end of a maintenance window")
	f.StringVar(&o.date, "date", "", "day of an exercise (default: today)")
	f.StringVar(&o.kind, "kind", "tabletop", "kind of exercise: "+strings.Join(vocab.ExerciseKinds, ", "))
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
	// The records give the contacts to check names against and the
	// incident an RCA analyses; a broken file elsewhere is validate's
	// business, not a reason to refuse a new record.
	set, _ := content.Load(site, cfg)
	people := newPeople(set, cfg)
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
	for _, f := range [][2]string{{"--title", o.title}, {"--message", o.message}} {
		if flag, v := f[0], f[1]; strings.ContainsFunc(v, deceptive) {
			i := strings.IndexFunc(v, deceptive)
			r, _ := utf8.DecodeRuneInString(v[i:])
			return usagef("%s holds the character %U, which a record may not hold (a line break, a control or an invisible bidirectional control); write it on one line without it", flag, r)
		}
	}
	// recordID returns the record's id: the date and the slug of the
	// title, or --slug.
	recordID := func(day time.Time) (string, error) {
		slug := o.slug
		if slug == "" {
			if slug = ident.Slug(o.title, 60); slug == "" {
				return "", usagef("--title %q gives no id: it has no letters a-z or digits; give one with --slug, as in --slug database-outage", o.title)
			}
		} else if !ident.Valid(slug) || len(slug) > 60 {
			return "", usagef("--slug %q is not an id: use at most 60 %s, not starting or ending with a hyphen, as in --slug database-outage", slug, ident.Rule)
		}
		return day.In(loc).Format("2006-01-02") + "-" + slug, nil
	}

	var (
		t      *catalog.Template
		fields []scaffold.Field
		file   string
		next   string
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
		if t = cat.Get(o.category); t == nil || t.Kind != vocab.KindIncident {
			return usagef("--category %q is not one of %s%s", o.category, strings.Join(cats, ", "), diag.DidYouMean(o.category, cats))
		}
		// The visibility is written out even when it is the template's
		// default: whether customers see the incident must be plain.
		vis := vocab.Visibility(o.visibility)
		if vis == "" {
			vis = t.Visibility
		} else if !slices.Contains(vocab.Visibilities, vis) {
			return usagef("--visibility %q is not one of %s", vis, strings.Join(vocab.Strings(vocab.Visibilities), ", "))
		}
		var svcs yamlx.Pairs
		var worst vocab.Level
		for _, s := range o.services {
			id, word, ok := strings.Cut(s, "=")
			if !ok {
				word = o.impact
			}
			impact := vocab.Level(word)
			if err := checkService("--services", id, cfg); err != nil {
				return err
			}
			if slices.ContainsFunc(svcs, func(p yamlx.Pair) bool { return p.Key == id }) {
				return usagef("--services: %s is given twice; give each service once, with its impact", id)
			}
			if !slices.Contains(vocab.Impacts, impact) {
				impacts := vocab.Strings(vocab.Impacts)
				return usagef("--services: impact %q of %s is not one of %s%s", impact, id, strings.Join(impacts, ", "), diag.DidYouMean(string(impact), impacts))
			}
			svcs = append(svcs, yamlx.Pair{Key: id, Value: string(impact)})
			if impact.Worse(worst) {
				worst = impact
			}
		}
		// The severity the page will show follows from it (see
		// vocab.ImpactOf): by default, the one that matches the
		// services' worst impact, not merely the least severe.
		sev := o.severity
		if sev == "" {
			sev = vocab.SeverityFor(t.Severities, worst)
		} else if !slices.Contains(t.Severities, sev) {
			return usagef("--severity %q is not one of %s (%s)%s", sev, strings.Join(t.Severities, ", "), t.Source(), diag.DidYouMean(sev, t.Severities))
		}
		detected, err := when("detected", o.at, now)
		if err != nil {
			return err
		}
		if o.expectedDowntime != "" {
			if _, err := yamlx.ParseDuration(o.expectedDowntime); err != nil {
				return usagef("--expected-downtime: %v", err)
			}
		}
		if err := people.contact("--coordinator", o.coordinator); err != nil {
			return err
		}
		for _, team := range o.teams {
			if err := people.owner("--teams", team); err != nil {
				return err
			}
		}
		reg := o.regulation
		if reg == nil {
			reg = t.Regulation
		}
		for _, r := range reg {
			if !slices.Contains(catalog.Regulations, r) {
				return usagef("--regulation %q is not one of %s%s", r, strings.Join(catalog.Regulations, ", "), diag.DidYouMean(r, catalog.Regulations))
			}
		}
		note("title", o.title, true)
		note("category", t.Name, true)
		note("severity", sev, true)
		note("visibility", vis, true)
		note("services", svcs, len(svcs) > 0)
		note("detected", detected, true)
		note("coordinator", o.coordinator, o.coordinator != "")
		note("expected_downtime", o.expectedDowntime, o.expectedDowntime != "")
		note("teams", o.teams, len(o.teams) > 0)
		note("regulation", reg, len(reg) > 0)
		note("updates", scaffold.Update{At: detected, Status: vocab.Investigating, Message: strings.TrimSpace(o.message)}, o.message != "")
		rid, err := recordID(detected)
		if err != nil {
			return err
		}
		file = path.Join(content.Folder(vocab.KindIncident), detected.In(loc).Format("2006"), rid+".md")
		if strings.TrimSpace(o.message) == "" {
			next = "next: uncomment the first update and write what customers are told; then validate, commit and push"
		} else {
			next = "next: validate, commit and push; add an update at every change, and fill in what validate warns about"
		}
	case "rca":
		t = cat.Get(string(vocab.KindRCA))
		if o.incident == "" {
			return usagef("--incident is required: the id of the incident the RCA analyses")
		}
		if o.slug != "" {
			return usagef("--slug does not apply to an RCA: its id is the id of its incident")
		}
		inc, err := findIncident(set, o.incident)
		if err != nil {
			return err
		}
		if err := people.contact("--author", o.author); err != nil {
			return err
		}
		title := o.title
		if title == "" {
			title = inc.Title.Get(lang, lang) // the default language's; the author adds the others
		}
		note("title", title, true)
		note("incident", inc.ID, true)
		note("status", vocab.Draft, true)
		note("published", false, true)
		note("author", o.author, o.author != "")
		note("reviewers", nil, false)
		file = path.Join(content.Folder(vocab.KindRCA), inc.ID+".md")
		next = "next: write the sections, then set status: review and the reviewers; validate, commit and push"
	case "maintenance":
		t = cat.Get(string(vocab.KindMaintenance))
		if err := needTitle(); err != nil {
			return err
		}
		if len(o.services) == 0 {
			return usagef("--services is required: the services the maintenance affects; the services are %s", strings.Join(cfg.ServiceIDs(), ", "))
		}
		for _, s := range o.services {
			if err := checkService("--services", s, cfg); err != nil {
				return err
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
		if err := people.contact("--coordinator", o.coordinator); err != nil {
			return err
		}
		note("title", o.title, true)
		note("services", o.services, true)
		note("scheduled_for", start, true)
		note("scheduled_until", end, true)
		note("status", vocab.Scheduled, true)
		note("coordinator", o.coordinator, o.coordinator != "")
		// The first update announces the window, from now.
		note("updates", scaffold.Update{At: now, Status: vocab.Scheduled, Message: strings.TrimSpace(o.message)}, o.message != "")
		rid, err := recordID(start)
		if err != nil {
			return err
		}
		file = path.Join(content.Folder(vocab.KindMaintenance), rid+".md")
		if strings.TrimSpace(o.message) == "" {
			next = "next: uncomment the first update and announce the window to customers, write the sections; validate, commit and push"
		} else {
			next = "next: write the sections; validate, commit and push"
		}
	case "exercise":
		t = cat.Get(string(vocab.KindExercise))
		if err := needTitle(); err != nil {
			return err
		}
		day := now
		if o.date != "" {
			if day, err = time.ParseInLocation("2006-01-02", o.date, loc); err != nil {
				return usagef("--date %q is not a date such as 2025-06-12", o.date)
			}
		}
		if !slices.Contains(vocab.ExerciseKinds, o.kind) {
			return usagef("--kind %q is not one of %s", o.kind, strings.Join(vocab.ExerciseKinds, ", "))
		}
		if o.category != "" {
			if ct := cat.Get(o.category); ct == nil || ct.Kind != vocab.KindIncident {
				return usagef("--category %q is not one of %s%s", o.category, strings.Join(cat.Categories(), ", "), diag.DidYouMean(o.category, cat.Categories()))
			}
		}
		for _, p := range o.participants {
			if err := people.owner("--participants", p); err != nil {
				return err
			}
		}
		note("title", o.title, true)
		note("date", yamlx.Date{Time: day}, true)
		note("kind", o.kind, true)
		note("category", o.category, o.category != "")
		note("participants", o.participants, len(o.participants) > 0)
		note("findings", nil, false)
		rid, err := recordID(day)
		if err != nil {
			return err
		}
		file = path.Join(content.Folder(vocab.KindExercise), rid+".md")
		next = "next: after the exercise, write the sections and the findings; validate, commit and push"
	}

	// What the template requires from the record's first moment must be
	// given now, or the new file would not validate.
	first := catalog.Moments[t.Kind][0]
	var missing []string
	for _, name := range slices.Sorted(maps.Keys(t.Fields)) {
		if t.Fields[name].RequiredFrom == first && !given[name] {
			missing = append(missing, "--"+name)
		}
	}
	if len(missing) > 0 {
		return usagef("%s requires %s from the start; pass %s", t.Source(), strings.Join(missing, ", "), strings.Join(missing, " and "))
	}

	data := scaffold.Record(fields, t, lang)
	// The file must read back cleanly. The flags are checked above, so
	// what is left are values a record cannot hold (control characters).
	if _, d := content.Parse(vocab.Kind(kind), file, data, cfg); d.HasErrors() {
		return usagef("the flags give a value the new file cannot hold: %v", d.Err())
	}
	full := filepath.Join(g.source, filepath.FromSlash(file))
	if err := writeNew(g.source, file, data); err != nil {
		if errors.Is(err, fs.ErrExist) {
			hint := "pick another --title or --slug, or edit that file"
			if kind == "rca" {
				hint = "an incident has one RCA: edit that file"
			}
			fmt.Fprintf(g.stderr, "incidentsite: %s already exists; new never overwrites a file, so %s\n", filepath.ToSlash(full), hint)
			return errFailed
		}
		return err
	}
	fmt.Fprintf(g.stdout, "wrote %s\n%s\n", filepath.ToSlash(full), next)
	return nil
}

// deceptive reports whether r may not stand in a one-line text given as
// a flag: a control character (line breaks included) or an invisible
// bidirectional control, which could make a title read differently from
// what it says.
func deceptive(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}

// checkService returns a usage error when id is not a service of cfg.
func checkService(flag, id string, cfg *config.Config) error {
	if cfg.Service(id) != nil {
		return nil
	}
	return usagef("%s: %q is not a service in %s%s", flag, id, config.File, diag.Hint(id, cfg.ServiceIDs(), "the services are "+strings.Join(cfg.ServiceIDs(), ", ")))
}

// people are the site's contacts and the roles they hold, to check the
// names given to "new" as validation will.
type people struct {
	contacts map[string]bool
	roles    map[string]bool
	ids      []string
	cfg      *config.Config
}

func newPeople(set *content.Set, cfg *config.Config) *people {
	p := &people{contacts: map[string]bool{}, roles: map[string]bool{}, cfg: cfg}
	if set == nil {
		return p
	}
	for _, l := range set.Contacts {
		for _, c := range l.Contacts {
			if c.ID != "" && !p.contacts[c.ID] {
				p.contacts[c.ID] = true
				p.ids = append(p.ids, c.ID)
			}
			for _, r := range c.Roles {
				p.roles[r] = true
			}
		}
	}
	slices.Sort(p.ids)
	return p
}

// known names the contacts for a message: all of them when they are few.
func (p *people) known() string {
	switch {
	case len(p.ids) == 0:
		return fmt.Sprintf("there are no contacts yet; add them to a list in %s/", content.Folder(vocab.KindContacts))
	case len(p.ids) <= 12:
		return "the contacts are " + strings.Join(p.ids, ", ")
	}
	return fmt.Sprintf("see the lists in %s/", content.Folder(vocab.KindContacts))
}

// contact returns a usage error when id is given and is not a contact.
func (p *people) contact(flag, id string) error {
	if id == "" || p.contacts[id] {
		return nil
	}
	return usagef("%s %q is not a contact in %s/%s", flag, id, content.Folder(vocab.KindContacts), diag.Hint(id, p.ids, p.known()))
}

// owner returns a usage error when id is neither a contact nor a role a
// contact holds.
func (p *people) owner(flag, id string) error {
	if id == "" || p.contacts[id] || p.roles[id] {
		return nil
	}
	if p.cfg.Role(id) != nil {
		return usagef("%s %q is a role that no contact holds; add it to a contact's roles in %s/", flag, id, content.Folder(vocab.KindContacts))
	}
	roles := slices.Sorted(maps.Keys(p.roles))
	return usagef("%s %q is neither a contact nor a role held by a contact%s", flag, id, diag.Hint(id, append(slices.Clone(p.ids), roles...), p.known()))
}

// findIncident returns the incident with id among set's.
func findIncident(set *content.Set, id string) (*content.Incident, error) {
	var ids []string
	if set != nil {
		for _, inc := range set.Incidents {
			if inc.ID == id {
				return inc, nil
			}
			ids = append(ids, inc.ID)
		}
	}
	return nil, usagef("--incident %q is not an incident in %s/%s", id, content.Folder(vocab.KindIncident), diag.DidYouMean(id, ids))
}

// writeNew creates file with data, and its folder, refusing to replace
// an existing file.
func writeNew(root, rel string, data []byte) error {
	// Site files must be real files of the repository (the build refuses
	// links at any depth): never write through a linked folder, which
	// could put the record outside the site.
	dir := root
	for _, part := range strings.Split(path.Dir(rel), "/") {
		if part == "." {
			break
		}
		dir = filepath.Join(dir, part)
		st, err := os.Lstat(dir)
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err != nil {
			return err
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symbolic link; site files must be real files in the repository, so replace the link with the folder it points to", filepath.ToSlash(dir))
		}
	}
	file := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	// O_EXCL also refuses a link at the file's own name.
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

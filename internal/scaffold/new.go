package scaffold

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/ident"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// RecordKinds are the kinds of record Record starts, in the order the
// command lists them.
var RecordKinds = vocab.Strings([]vocab.Kind{vocab.KindIncident, vocab.KindRCA, vocab.KindMaintenance, vocab.KindExercise})

// recordKinds holds, for each of RecordKinds, the kind of record the
// loader reads back and the rules that start one.
var recordKinds = map[string]struct {
	content vocab.Kind
	start   func(*recordStart, *Draft) error
}{
	string(vocab.KindIncident):    {vocab.KindIncident, (*recordStart).incident},
	string(vocab.KindRCA):         {vocab.KindRCA, (*recordStart).rca},
	string(vocab.KindMaintenance): {vocab.KindMaintenance, (*recordStart).maintenance},
	string(vocab.KindExercise):    {vocab.KindExercise, (*recordStart).exercise},
}

// The defaults of options left empty.
const (
	DefaultImpact       = string(vocab.PartialOutage)
	DefaultExerciseKind = "tabletop"
)

// maxSlug is the longest slug of an id made by Record, so that the id
// with its date stays well within ident.MaxLen.
const maxSlug = 60

// RecordOptions say what a new record holds; each kind uses some of them.
// Each field is the flag of "incidentsite new" of the same name (Detected
// is --detected, ExerciseKind --kind), and errors name them so.
type RecordOptions struct {
	Title, Slug, Message string
	// Category is an incident's template, or an exercise's subject.
	Category   string
	Severity   string
	Visibility string
	// Services are service ids; an incident's may say its impact, as
	// "website=major_outage", else Impact (default DefaultImpact) is
	// theirs.
	Services []string
	Impact   string
	Teams    []string
	// Regulation nil is the incident category's.
	Regulation       []string
	Coordinator      string
	ExpectedDowntime string
	Incident, Author string
	// ExerciseKind is an exercise's kind, default DefaultExerciseKind.
	ExerciseKind string
	Participants []string
	// Detected, Start and End are times as written on the command line,
	// in the site's time zone unless they give one; Date is a day. An
	// empty Detected is Now, an empty Date Now's day.
	Detected, Start, End, Date string
	// Now is the time of the command, taken to the minute in the site's
	// time zone.
	Now time.Time
}

// Existing is the site a new record joins, as loaded: its configuration
// and templates, which must be free of errors, and its records, read as
// far as they could be (a broken file elsewhere is validate's business,
// not a reason to refuse a new record). Records may be nil.
type Existing struct {
	Config  *config.Config
	Catalog *catalog.Catalog
	// Regulations are the site's regulations, which --regulation and a
	// category's regulation: name.
	Regulations *regulation.Set
	Records     *content.Set
}

// An OptionError says that options cannot make a valid record or site: a
// value the site does not know, a required option left out. The command
// was used wrongly; its message names the option as a flag.
type OptionError struct{ msg string }

func (e *OptionError) Error() string { return e.msg }

func optionf(format string, args ...any) error {
	return &OptionError{fmt.Sprintf(format, args...)}
}

// A Draft is a new record, ready to be written.
type Draft struct {
	// Path is the record's file, relative to the site, as
	// "content/incidents/2025/2025-02-18-website-down.md".
	Path string
	// Text is the file's content. It reads back without error.
	Text []byte
	// Next says what to do with the new file.
	Next string
	// exists says what to do when Path is taken.
	exists string
}

// Record returns the draft of a new record of kind (one of RecordKinds)
// in site, from its template and o, or an *OptionError when o cannot
// make a record that validates.
//
// Its id is the day it starts (an incident's detection, a maintenance
// window's start, an exercise's date, in the site's time zone) and a slug
// of the title or o.Slug; an RCA takes its incident's id. Its front
// matter holds what o gives and the template's defaults (an incident's
// visibility and regulation, and the severity its services' worst impact
// stands for on the page); what the template requires later is written
// commented out, with what it should hold. Its body has a "##" heading
// for every section the template requires at some moment.
func Record(kind string, o RecordOptions, site Existing) (*Draft, error) {
	rk, ok := recordKinds[kind]
	if !ok {
		return nil, fmt.Errorf("scaffold: no record kind %q; the kinds are %s", kind, strings.Join(RecordKinds, ", "))
	}
	for _, f := range [][2]string{{"--title", o.Title}, {"--message", o.Message}} {
		if err := oneLine(f[0], f[1], "a record"); err != nil {
			return nil, err
		}
	}
	if o.Impact == "" {
		o.Impact = DefaultImpact
	}
	if o.ExerciseKind == "" {
		o.ExerciseKind = DefaultExerciseKind
	}
	loc := site.Config.Location
	r := &recordStart{
		RecordOptions: o,
		site:          site,
		loc:           loc,
		now:           o.Now.In(loc).Truncate(time.Minute),
		lang:          site.Config.DefaultLanguage(),
		people:        newPeople(site.Records, site.Config),
		t:             site.Catalog.Get(kind),
		given:         map[string]bool{},
	}
	d := &Draft{exists: "pick another --title or --slug, or edit that file"}
	if err := rk.start(r, d); err != nil {
		return nil, err
	}
	if err := r.requiredFromStart(); err != nil {
		return nil, err
	}
	d.Text = recordText(r.fields, r.t, r.lang)
	// The flags are checked above, so what could still fail to read
	// back are values a record cannot hold.
	if _, diags := content.Parse(rk.content, d.Path, d.Text, site.Config); diags.HasErrors() {
		return nil, optionf("the flags give a value the new file cannot hold: %v", diags.Err())
	}
	return d, nil
}

// recordStart is a record being made: the options, what they are checked
// against, and the front matter so far.
type recordStart struct {
	RecordOptions
	site   Existing
	loc    *time.Location
	now    time.Time
	lang   string
	people *people
	// t is the record's template; for an incident, its category's.
	t      *catalog.Template
	fields []field
	// given holds, for every key of fields, whether the options gave it.
	given map[string]bool
}

// set adds key to the front matter, with v; given says whether the
// options gave it, or whether it is left for later.
func (r *recordStart) set(key string, v any, given bool) {
	r.fields = append(r.fields, field{Key: key, Value: v})
	r.given[key] = given
}

func (r *recordStart) incident(d *Draft) error {
	if err := r.needTitle(); err != nil {
		return err
	}
	cat := r.site.Catalog
	cats := cat.Categories()
	if r.Category == "" {
		return optionf("--category is required: one of %s", strings.Join(cats, ", "))
	}
	if r.t = cat.Get(r.Category); r.t == nil || r.t.Kind != vocab.KindIncident {
		return optionf("--category %q is not one of %s%s", r.Category, strings.Join(cats, ", "), diag.DidYouMean(r.Category, cats))
	}
	t := r.t
	// The visibility is written out even when it is the template's
	// default: whether customers see the incident must be plain.
	vis := vocab.Visibility(r.Visibility)
	if vis == "" {
		vis = t.Visibility
	} else if !slices.Contains(vocab.Visibilities, vis) {
		return optionf("--visibility %q is not one of %s", vis, strings.Join(vocab.Strings(vocab.Visibilities), ", "))
	}
	var svcs yamlx.Pairs
	var worst vocab.Level
	for _, s := range r.Services {
		id, word, ok := strings.Cut(s, "=")
		if !ok {
			word = r.Impact
		}
		impact := vocab.Level(word)
		if err := r.service(id); err != nil {
			return err
		}
		if slices.ContainsFunc(svcs, func(p yamlx.Pair) bool { return p.Key == id }) {
			return optionf("--services: %s is given twice; give each service once, with its impact", id)
		}
		if !slices.Contains(vocab.Impacts, impact) {
			impacts := vocab.Strings(vocab.Impacts)
			return optionf("--services: impact %q of %s is not one of %s%s", impact, id, strings.Join(impacts, ", "), diag.DidYouMean(word, impacts))
		}
		svcs = append(svcs, yamlx.Pair{Key: id, Value: word})
		if impact.Worse(worst) {
			worst = impact
		}
	}
	// The severity the page will show follows from it (see
	// vocab.ImpactOf): by default, the one that matches the
	// services' worst impact, not merely the least severe.
	sev := r.Severity
	if sev == "" {
		sev = vocab.SeverityFor(t.Severities, worst)
	} else if !slices.Contains(t.Severities, sev) {
		return optionf("--severity %q is not one of %s (%s)%s", sev, strings.Join(t.Severities, ", "), t.Source(), diag.DidYouMean(sev, t.Severities))
	}
	detected, err := r.time("detected", r.Detected, r.now)
	if err != nil {
		return err
	}
	if r.ExpectedDowntime != "" {
		if _, err := yamlx.ParseDuration(r.ExpectedDowntime); err != nil {
			return optionf("--expected-downtime: %v", err)
		}
	}
	if err := r.people.contact("--coordinator", r.Coordinator); err != nil {
		return err
	}
	for _, team := range r.Teams {
		if err := r.people.owner("--teams", team); err != nil {
			return err
		}
	}
	reg := r.Regulation
	if reg == nil {
		reg = t.Regulation
	}
	for _, g := range reg {
		if msg := r.site.Regulations.CheckName(g); msg != "" {
			return optionf("--%s", msg)
		}
	}
	message := strings.TrimSpace(r.Message)
	r.set("title", r.Title, true)
	r.set("category", t.Name, true)
	r.set("severity", sev, true)
	r.set("visibility", vis, true)
	r.set("services", svcs, len(svcs) > 0)
	r.set("detected", detected, true)
	r.set("coordinator", r.Coordinator, r.Coordinator != "")
	r.set("expected_downtime", r.ExpectedDowntime, r.ExpectedDowntime != "")
	r.set("teams", r.Teams, len(r.Teams) > 0)
	r.set("regulation", reg, len(reg) > 0)
	if len(reg) > 0 {
		r.set("decisions", nil, false)
	}
	r.set("updates", update{At: detected, Status: vocab.Investigating, Message: message}, r.Message != "")
	id, err := r.id(detected)
	if err != nil {
		return err
	}
	// Incidents are many: a folder per year keeps each one short.
	d.Path = path.Join(content.Folder(vocab.KindIncident), detected.In(r.loc).Format("2006"), id+".md")
	d.Next = "next: validate, commit and push; add an update at every change, and fill in what validate warns about"
	if message == "" {
		d.Next = "next: uncomment the first update and write what customers are told; then validate, commit and push"
	}
	return nil
}

func (r *recordStart) rca(d *Draft) error {
	if r.Incident == "" {
		return optionf("--incident is required: the id of the incident the RCA analyses")
	}
	if r.Slug != "" {
		return optionf("--slug does not apply to an RCA: its id is the id of its incident")
	}
	inc, err := r.findIncident()
	if err != nil {
		return err
	}
	if err := r.people.contact("--author", r.Author); err != nil {
		return err
	}
	title := r.Title
	if title == "" {
		title = inc.Title.Get(r.lang, r.lang) // the default language's; the author adds the others
	}
	r.set("title", title, true)
	r.set("incident", inc.ID, true)
	r.set("status", vocab.Draft, true)
	r.set("published", false, true)
	r.set("author", r.Author, r.Author != "")
	r.set("reviewers", nil, false)
	d.Path = path.Join(content.Folder(vocab.KindRCA), inc.ID+".md")
	d.exists = "an incident has one RCA: edit that file"
	d.Next = "next: write the sections, then set status: review and the reviewers; validate, commit and push"
	return nil
}

func (r *recordStart) maintenance(d *Draft) error {
	if err := r.needTitle(); err != nil {
		return err
	}
	if len(r.Services) == 0 {
		return optionf("--services is required: the services the maintenance affects; the services are %s", strings.Join(r.site.Config.ServiceIDs(), ", "))
	}
	for _, s := range r.Services {
		if err := r.service(s); err != nil {
			return err
		}
	}
	start, err := r.time("start", r.Start, time.Time{})
	if err != nil {
		return err
	}
	end, err := r.time("end", r.End, time.Time{})
	if err != nil {
		return err
	}
	if !end.After(start) {
		return optionf("--end must be after --start")
	}
	if err := r.people.contact("--coordinator", r.Coordinator); err != nil {
		return err
	}
	message := strings.TrimSpace(r.Message)
	r.set("title", r.Title, true)
	r.set("services", r.Services, true)
	r.set("scheduled_for", start, true)
	r.set("scheduled_until", end, true)
	r.set("status", vocab.Scheduled, true)
	r.set("coordinator", r.Coordinator, r.Coordinator != "")
	// The first update announces the window, from now.
	r.set("updates", update{At: r.now, Status: vocab.Scheduled, Message: message}, r.Message != "")
	id, err := r.id(start)
	if err != nil {
		return err
	}
	d.Path = path.Join(content.Folder(vocab.KindMaintenance), id+".md")
	d.Next = "next: write the sections; validate, commit and push"
	if message == "" {
		d.Next = "next: uncomment the first update and announce the window to customers, write the sections; validate, commit and push"
	}
	return nil
}

func (r *recordStart) exercise(d *Draft) error {
	if err := r.needTitle(); err != nil {
		return err
	}
	day := r.now
	if r.Date != "" {
		var err error
		if day, err = time.ParseInLocation("2006-01-02", r.Date, r.loc); err != nil {
			return optionf("--date %q is not a date such as 2025-06-12", r.Date)
		}
	}
	if !slices.Contains(vocab.ExerciseKinds, r.ExerciseKind) {
		return optionf("--kind %q is not one of %s", r.ExerciseKind, strings.Join(vocab.ExerciseKinds, ", "))
	}
	if r.Category != "" {
		cats := r.site.Catalog.Categories()
		if ct := r.site.Catalog.Get(r.Category); ct == nil || ct.Kind != vocab.KindIncident {
			return optionf("--category %q is not one of %s%s", r.Category, strings.Join(cats, ", "), diag.DidYouMean(r.Category, cats))
		}
	}
	for _, p := range r.Participants {
		if err := r.people.owner("--participants", p); err != nil {
			return err
		}
	}
	r.set("title", r.Title, true)
	r.set("date", yamlx.Date{Time: day}, true)
	r.set("kind", r.ExerciseKind, true)
	r.set("category", r.Category, r.Category != "")
	r.set("participants", r.Participants, len(r.Participants) > 0)
	r.set("findings", nil, false)
	id, err := r.id(day)
	if err != nil {
		return err
	}
	d.Path = path.Join(content.Folder(vocab.KindExercise), id+".md")
	d.Next = "next: after the exercise, write the sections and the findings; validate, commit and push"
	return nil
}

// flags names the flag that gives each front matter key, where one does.
var flags = map[string]string{
	"title":             "--title",
	"category":          "--category",
	"severity":          "--severity",
	"visibility":        "--visibility",
	"services":          "--services",
	"detected":          "--detected",
	"coordinator":       "--coordinator",
	"expected_downtime": "--expected-downtime",
	"teams":             "--teams",
	"regulation":        "--regulation",
	"updates":           "--message",
	"incident":          "--incident",
	"author":            "--author",
	"scheduled_for":     "--start",
	"scheduled_until":   "--end",
	"date":              "--date",
	"kind":              "--kind",
	"participants":      "--participants",
}

// requiredFromStart returns an OptionError when the template requires a
// field from the record's first moment that the options leave out: the
// new file would not validate.
func (r *recordStart) requiredFromStart() error {
	first := catalog.Moments[r.t.Kind][0]
	var missing, unwritable []string
	for _, key := range slices.Sorted(maps.Keys(r.t.Fields)) {
		if r.t.Fields[key].RequiredFrom != first || r.given[key] {
			continue
		}
		if flag, ok := flags[key]; ok {
			missing = append(missing, flag)
		} else {
			unwritable = append(unwritable, key)
		}
	}
	if len(missing) > 0 {
		return optionf("%s requires %s from the start; pass %s", r.t.Source(), strings.Join(missing, ", "), strings.Join(missing, " and "))
	}
	if len(unwritable) > 0 {
		return optionf("%s requires %s from the start, which new has no flag for; make it required from a later moment (required_from), or write the record by hand", r.t.Source(), strings.Join(unwritable, ", "))
	}
	return nil
}

func (r *recordStart) needTitle() error {
	if strings.TrimSpace(r.Title) == "" {
		return optionf("--title is required: one line that says what happened, as in --title \"AssetExplorer is unavailable\"")
	}
	return nil
}

// time returns the time v of the flag named name, in the site's time
// zone unless v gives one; an empty v is def, or an error when def is
// zero.
func (r *recordStart) time(name, v string, def time.Time) (time.Time, error) {
	if v == "" {
		if def.IsZero() {
			return def, optionf("--%s is required", name)
		}
		return def, nil
	}
	t, err := yamlx.ParseTime(v, r.loc)
	if err != nil {
		return t, optionf("--%s: %v", name, err)
	}
	return t, nil
}

// id returns the record's id: its day in the site's time zone, and the
// slug of the title or --slug.
func (r *recordStart) id(day time.Time) (string, error) {
	slug := r.Slug
	if slug == "" {
		if slug = ident.Slug(r.Title, maxSlug); slug == "" {
			return "", optionf("--title %q gives no id: it has no letters a-z or digits; give one with --slug, as in --slug database-outage", r.Title)
		}
	} else if !ident.Valid(slug) || len(slug) > maxSlug {
		return "", optionf("--slug %q is not an id: use at most %d %s, not starting or ending with a hyphen, as in --slug database-outage", slug, maxSlug, ident.Rule)
	}
	return day.In(r.loc).Format("2006-01-02") + "-" + slug, nil
}

// service returns an OptionError when id is not a service of the site.
func (r *recordStart) service(id string) error {
	cfg := r.site.Config
	if cfg.Service(id) != nil {
		return nil
	}
	return optionf("--services: %q is not a service in %s%s", id, config.File, diag.Hint(id, cfg.ServiceIDs(), "the services are "+strings.Join(cfg.ServiceIDs(), ", ")))
}

// findIncident returns the incident an RCA analyses.
func (r *recordStart) findIncident() (*content.Incident, error) {
	var ids []string
	if set := r.site.Records; set != nil {
		for _, inc := range set.Incidents {
			if inc.ID == r.Incident {
				return inc, nil
			}
			ids = append(ids, inc.ID)
		}
	}
	return nil, optionf("--incident %q is not an incident in %s/%s", r.Incident, content.Folder(vocab.KindIncident), diag.DidYouMean(r.Incident, ids))
}

// oneLine returns an OptionError when v, the value of flag, holds a
// character that a one-line text in what (a record, the configuration)
// may not hold: a line break or tab, or one that diag.Deceptive names.
func oneLine(flag, v, what string) error {
	for _, c := range v {
		if d, _ := diag.Deceptive(c); d != "" || c == '\n' || c == '\t' {
			return optionf("%s holds the character %U, which %s may not hold (a line break, a control or an invisible bidirectional control); write it on one line without it", flag, c, what)
		}
	}
	return nil
}

// Package logbook renders the internal logbook from the model: the
// register of every incident, public and internal (as HTML, filtered by
// each column on a page per value, sorted and filtered in the browser by
// a small script where JavaScript runs, sortfilter.go, and as CSV and
// JSON for auditors), and
// a page per incident with everything its record holds: internal and
// external sections, every update with its internal note, the impact
// timeline, notifications, actions, coordinator and teams, the root
// cause analysis, and its legal clocks (legal.go: the decision under each
// regulation with its checklist, each stage's state, the authorities'
// requests, and a report draft per stage, drafts.go), and its
// communication checklist (checklist.go: each audience's who, how and
// when at the build's now, with a draft per moment and channel,
// commsdrafts.go); a page of every deadline due or missed across the
// incidents; and the maintenance windows, public and internal, with a
// page per window (maintenance.go).
//
// Unlike internal/site it reads the model, internal fields included: the
// logbook is for the team, management and auditors, and is published to
// an internal host. Every page says so in a banner, asks search engines
// not to index it, and the robots.txt disallows everything. Its layouts
// and UI strings come from the theme's logbook namespace
// (layouts/logbook/, keys logbook.*), which a site overrides as it does
// the public site's.
//
// The output, in the default language at the root and in each other
// language under its code:
//
//	index.html                 the register, newest first
//	years/YYYY/index.html      the register of one year; likewise
//	                           categories/ID/, severities/ID/,
//	                           visibility/ID/, statuses/ID/, services/ID/
//	incidents/ID/index.html    an incident
//	incidents/ID/drafts/REG-STAGE.txt
//	                           a report's draft, as plain text
//	deadlines/index.html       the legal deadlines across the incidents
//	contacts/index.html        the contact lists with their review age, a
//	                           role index and the register of authorities
//	actions/index.html         every follow-up action, by owner (people.go)
//	exercises/index.html       the exercises and the last test of the plan
//	breaches/index.html        the GDPR art. 33(5) register of every
//	                           privacy incident, oldest first (breach.go)
//	compliance/index.html      the auditor's checklist, each line OK or
//	                           attention with its items (compliance.go)
//	maintenance/index.html     every maintenance window, public and
//	                           internal: those not completed, soonest
//	                           first, then the completed, newest first
//	maintenance/ID/index.html  a window, with its internal sections and
//	                           notes, the updates the build derived, and
//	                           its audit trail
//	register.csv               the register, RFC 4180 (root only)
//	register.json              the register, fields below (root only)
//	logbook.css, logbook.js, robots.txt
//	                           (root only)
//
// register.json is an object {"generated": time, "incidents": [...]},
// each incident with these fields, in this order, times in RFC 3339 in
// the site's time zone: id, title (in the default language), category,
// severity, visibility (public or internal), status (the latest
// update's), services (ids, in the order the incident names them),
// detected, acknowledged, resolved (empty while open), duration_minutes
// (resolved − detected; null while open), coordinator (contact id),
// teams, regulation, rca (its id, or empty), file (the record's path),
// registered (when the record was first committed, the author's time of
// the commit that added it; empty without git history or when the
// history does not reach it).
// register.csv has the same columns, lists joined by spaces.
package logbook

import (
	_ "embed"
	"fmt"
	"path"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/plan"
	"github.com/incidentsite/incidentsite/internal/theme"
)

// Writer takes the files of the output as they are rendered, by
// slash-separated path; it must be safe for concurrent use, and keep no
// reference to data once Put returns: the renderer reuses it (as
// output.Writer says; the build's staging folder writes it to disk at
// once, a map in memory keeps a copy).
type Writer interface {
	Put(name string, data []byte) error
}

//go:embed logbook.css
var css []byte

// script is the register's sortable columns and filter (logbook.js).
//
//go:embed logbook.js
var script []byte

// Render writes the files of the logbook of m into out, each as it is
// rendered, drawn with the logbook layouts and UI strings of th.
func Render(m *model.Site, th *theme.Theme, out Writer) (err error) {
	defer func() {
		// A bug ends in an error that says so, not in a crash.
		if p := recover(); p != nil {
			err = internalError("", p)
		}
	}()
	r, err := newRenderer(m, th, out)
	if err != nil {
		return err
	}
	for _, s := range r.steps() {
		if err := s.run(); err != nil {
			return err
		}
		if err := r.failed(); err != nil {
			return err
		}
	}
	return nil
}

// step is a step of the rendering; its name is what a preview's error
// names.
type step struct {
	name string
	run  func() error
}

// pagesStep is the name of the step that writes the pages, which a
// preview plans page by page instead.
const pagesStep = "the pages"

// steps are the steps of the rendering, in their order.
func (r *renderer) steps() []step {
	return []step{{"the static files", r.static}, {pagesStep, r.pages}, {"the register's files", r.register}}
}

// Lazy is the logbook of a site rendered file by file, when a file is
// asked for: incidentsite serve's, so that a change is served once the
// site is checked, not once its thousands of pages are rendered. Each
// file is the same as Render's.
type Lazy struct{ plan *plan.Plan }

// NewLazy plans the logbook of m, drawn with th, and renders nothing
// yet: Render renders, into out, what writes a file.
func NewLazy(m *model.Site, th *theme.Theme, out Writer) (_ *Lazy, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = internalError("", p)
		}
	}()
	pl := plan.New()
	r, err := newRenderer(m, th, pl.Recording(out))
	if err != nil {
		return nil, err
	}
	jobs, err := r.plan()
	if err != nil {
		return nil, err
	}
	for _, j := range jobs {
		pl.Page(r.path(j.w.lang, j.p+"index.html"), j.folder, plan.Then(j.run, r.failed))
	}
	for _, s := range r.steps() {
		if s.name != pagesStep { // planned above, page by page
			pl.Step(s.name, plan.Then(s.run, r.failed))
		}
	}
	return &Lazy{plan: pl}, nil
}

// Render renders, unless it did already, what writes the file name (a
// slash-separated path of the logbook, "incidents/x/index.html"): its
// page, the incident page that writes it (a legal draft), or the step
// that writes it. It reports whether the logbook has the file, now in
// the Writer, and returns the error that kept it from being written.
func (l *Lazy) Render(name string) (bool, error) { return l.plan.Render(name) }

// Pages returns how many pages the logbook has, in all its languages.
func (l *Lazy) Pages() int { return l.plan.Pages() }

// internalError is the error for a panic p while writing page (a path
// of the output, or "" when not known).
func internalError(page string, p any) error {
	where := ""
	if page != "" {
		where = " while writing " + page
	}
	return fmt.Errorf("internal error%s: %v; please report it\n%s", where, p, debug.Stack())
}

// renderer holds what every step shares.
type renderer struct {
	m     *model.Site
	theme *theme.Theme
	out   Writer
	langs []string
	loc   *time.Location
	// strings holds the UI strings by language, then key.
	strings theme.UI
	// rows are the register's rows, newest first (the model's order).
	rows []row
	// byID holds the contacts by id; holders, by the roles they hold.
	byID    map[string]*model.Contact
	holders map[string][]*model.Contact
	// mdc remembers the latest Markdown renderings (mdcache.go).
	mdc *mdCache

	mu  sync.Mutex
	err error
}

func newRenderer(m *model.Site, th *theme.Theme, out Writer) (*renderer, error) {
	if m == nil || m.Config == nil || len(m.Config.Languages) == 0 {
		return nil, fmt.Errorf("internal error: the logbook got a site without languages; please report it")
	}
	r := &renderer{m: m, theme: th, out: out, langs: m.Config.Languages, loc: m.Config.Location, strings: th.UI(m.Config.Languages), mdc: newMDCache()}
	if r.loc == nil {
		r.loc = time.UTC
	}
	r.byID, r.holders = r.contacts()
	r.rows = make([]row, len(m.Incidents))
	for i, inc := range m.Incidents {
		r.rows[i] = r.row(inc)
	}
	return r, nil
}

// put writes a file of the output. The first error of the output is
// kept, makes the puts after it do nothing, and ends the rendering after
// the step that met it.
func (r *renderer) put(p string, data []byte) {
	if r.failed() != nil {
		return
	}
	if err := r.out.Put(p, data); err != nil {
		r.mu.Lock()
		if r.err == nil {
			r.err = err
		}
		r.mu.Unlock()
	}
}

func (r *renderer) failed() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// static writes the logbook's style sheet and the register's script
// (each the site's static/logbook.css or static/logbook.js, else the
// built-in one) and robots.txt, which asks every robot to stay out: the
// logbook is internal wherever it is served. The site's other static
// files are the public site's, and not copied.
func (r *renderer) static() error {
	own := map[string][]byte{}
	for _, f := range r.theme.Static() {
		own[f.Path] = f.Data
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"logbook.css", css}, {"logbook.js", script}} {
		if d, ok := own[theme.StaticDir+"/"+f.name]; ok {
			f.data = d
		}
		r.put(f.name, f.data)
	}
	r.put("robots.txt", []byte("User-agent: *\nDisallow: /\n"))
	return nil
}

func (r *renderer) defaultLang() string { return r.langs[0] }

// path returns where p (a path in a language's tree, "incidents/x/")
// lives in the output: at the root for the default language, under the
// language's code for the others.
func (r *renderer) path(lang, p string) string {
	if lang == r.defaultLang() {
		return p
	}
	if p == "" {
		return lang + "/"
	}
	s := path.Join(lang, p)
	if strings.HasSuffix(p, "/") {
		s += "/"
	}
	return s
}

// t returns the UI string key in lang, with {name} placeholders replaced
// by the pairs of args.
func (r *renderer) t(lang, key string, args ...string) string { return r.strings.T(lang, key, args...) }

// text returns t in lang, else in the default language.
func (r *renderer) text(lang string, t l10n.Text) string { return t.Get(lang, r.defaultLang()) }

// local is a record's text as a page in one language shows it, with the
// code of the language it is in when that is not the page's, for a lang
// attribute.
type local = l10n.Local

// local returns t in lang, else in the default language (or the plain
// text), else in any, by code order; a blank text counts as not written.
func (r *renderer) local(lang string, t l10n.Text) local { return t.Local(lang, r.defaultLang()) }

// plain is t in the default language, else the plain text, else any: the
// register's CSV and JSON are in one language.
func (r *renderer) plain(t l10n.Text) string { return r.local(r.defaultLang(), t).Text }

func (r *renderer) date(lang string, t time.Time) string {
	t = t.In(r.loc)
	return r.t(lang, "date.format", "day", strconv.Itoa(t.Day()), "month", r.t(lang, "month."+strconv.Itoa(int(t.Month()))), "year", strconv.Itoa(t.Year()))
}

func (r *renderer) dateTime(lang string, t time.Time) string {
	t = t.In(r.loc)
	return r.t(lang, "datetime.format", "day", strconv.Itoa(t.Day()), "month", r.t(lang, "month."+strconv.Itoa(int(t.Month()))),
		"year", strconv.Itoa(t.Year()), "time", t.Format("15:04"), "zone", t.Format("MST"))
}

// iso writes t for a datetime attribute and the register's files.
func (r *renderer) iso(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(r.loc).Format(time.RFC3339)
}

// duration writes d in lang, to the minute.
func (r *renderer) duration(lang string, d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return r.t(lang, "duration.minutes", "n", strconv.Itoa(m))
	case m < 24*60 && m%60 == 0:
		return r.t(lang, "duration.whole_hours", "h", strconv.Itoa(m/60))
	case m < 24*60:
		return r.t(lang, "duration.hours", "h", strconv.Itoa(m/60), "m", strconv.Itoa(m%60))
	case m%(24*60) < 60:
		return r.t(lang, "duration.whole_days", "d", strconv.Itoa(m/(24*60)))
	}
	return r.t(lang, "duration.days", "d", strconv.Itoa(m/(24*60)), "h", strconv.Itoa(m%(24*60)/60))
}

func incidentPath(id string) string { return "incidents/" + id + "/" }

package logbook

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"sync"
	"time"

	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/plan"
	"github.com/incidentsite/incidentsite/internal/theme"
)

// page is what every layout gets: the frame, and the page's own data in
// the embedded fields' names.
type page struct {
	Lang, SiteTitle, Title string
	// TitleLang is the language of Title when it is not the page's.
	TitleLang string
	// Home (the register), Static, CSV and JSON are links from this page.
	Home, Static, CSV, JSON string
	Alternates              []alternate
	Now                     time.Time
}

type framed struct{ *page }

func (f *framed) frame(p *page) { f.page = p }

type framer interface{ frame(*page) }

// alternate is the page in another language, linked relatively.
type alternate struct{ Lang, Name, Href string }

// layouts parses the theme's logbook layouts once per language, with
// functions that speak that language, by page layout name.
func (r *renderer) layouts(lang string) (map[string]*template.Template, error) {
	sets, err := r.theme.Templates(theme.Logbook, r.funcs(lang))
	if err != nil {
		return nil, err
	}
	// commsHTML, auditHTML, legalHTML, incidentHTML and frameHTML write
	// their templates' markup only in the sets where the templates they
	// write and the partials those include are the built-in ones
	// (sections.go, incidenthtml.go, frame.go); elsewhere funcs' "" or
	// nil sends each template to its layout's markup.
	fast := []struct {
		name      string
		templates []string
		fn        any
	}{
		{"commsHTML", commsPartials, func(v any) template.HTML { return r.commsHTML(lang, v) }},
		{"auditHTML", auditPartials, func(v any) template.HTML { return r.auditHTML(lang, v) }},
		{"legalHTML", legalPartials, func(v any) template.HTML { return r.legalHTML(lang, v) }},
		{"incidentHTML", incidentPartials, func(v any) template.HTML { return r.incidentHTML(lang, v) }},
		{"frameHTML", []string{theme.Logbook.Base}, func(v any) *frameParts { return r.frameHTML(lang, v) }},
	}
	for _, set := range sets {
		funcs := template.FuncMap{}
		for _, f := range fast {
			if r.theme.Builtin(theme.Logbook, set, f.templates...) {
				funcs[f.name] = f.fn
			}
		}
		set.Funcs(funcs)
	}
	return sets, nil
}

// funcs returns the functions the layouts of a page in lang call.
func (r *renderer) funcs(lang string) template.FuncMap {
	return template.FuncMap{
		"t":        func(key string, args ...string) string { return r.t(lang, key, args...) },
		"text":     func(t l10n.Text) string { return r.text(lang, t) },
		"date":     func(t time.Time) string { return r.date(lang, t) },
		"dateTime": func(t time.Time) string { return r.dateTime(lang, t) },
		"iso":      r.iso,
		"md":       func(b []byte) template.HTML { return r.md(b, 1) },
		// The markup of the partials "when", "day" and "person" (partials.go).
		"whenHTML":   func(v any) template.HTML { return r.whenHTML(lang, v) },
		"dayHTML":    func(v any) template.HTML { return r.dayHTML(lang, v) },
		"personHTML": func(v any) template.HTML { return r.personHTML(lang, v) },
		// Those of "comms", "audit" and "legal" (sections.go), which
		// layouts gives only the page sets whose partials are the
		// built-in ones.
		"commsHTML": noHTML,
		"auditHTML": noHTML,
		"legalHTML": noHTML,
		// That of incident.html's content (incidenthtml.go) and of the
		// frame (frame.go), likewise.
		"incidentHTML": noHTML,
		"frameHTML":    func(any) *frameParts { return nil },
	}
}

// noHTML is a partial's function that leaves the markup to the layout.
func noHTML(any) template.HTML { return "" }

// job is one page in one language: its layout, its path in the
// language's tree ("incidents/x/"), and its data.
type job struct {
	w      *pageWriter
	layout string
	p      string
	title  local
	build  func(*pageWriter) framer
	// folder is set for a page that writes other files in its folder
	// (an incident's legal drafts).
	folder bool
}

// run renders the job's page and writes it.
func (j *job) run() error { return j.w.render(j.layout, j.p, j.title, j.build) }

// pages writes every HTML page, in every language: the register, a
// register per facet (facets.go), a page per incident, and the
// maintenance windows with a page per window (maintenance.go). Pages are
// independent of each other and rendered in parallel, each written as
// soon as it is rendered; the work is linear in the incidents and their
// parts.
func (r *renderer) pages() error {
	jobs, err := r.plan()
	if err != nil {
		return err
	}
	return plan.All(len(jobs), func(i int) error { return jobs[i].run() }, r.failed)
}

// plan returns every page in every language, as jobs.
func (r *renderer) plan() ([]job, error) {
	var jobs []job
	var writers []*pageWriter // one per language
	facets := r.facets()
	for _, lang := range r.langs {
		ls, err := r.layouts(lang)
		if err != nil {
			return nil, err
		}
		w := &pageWriter{r: r, lang: lang, layouts: ls, rows: &sharedRows{byRoot: map[string][]*sharedRow{}}}
		jobs = append(jobs, job{w: w, layout: "register.html", title: local{Text: r.t(lang, "logbook.register")}, build: func(w *pageWriter) framer { return w.registerData(nil, facets) }})
		jobs = append(jobs,
			job{w: w, layout: "contacts.html", p: contactsPath, title: local{Text: r.t(lang, "logbook.contacts")}, build: func(w *pageWriter) framer { return w.contactsData() }},
			job{w: w, layout: "actions.html", p: actionsPath, title: local{Text: r.t(lang, "logbook.actions_all")}, build: func(w *pageWriter) framer { return w.actionsData() }},
			job{w: w, layout: "exercises.html", p: exercisesPath, title: local{Text: r.t(lang, "logbook.exercises")}, build: func(w *pageWriter) framer { return w.exercisesData() }},
			job{w: w, layout: "breaches.html", p: breachesPath, title: local{Text: r.t(lang, "logbook.breaches")}, build: func(w *pageWriter) framer { return w.breachesData() }},
			job{w: w, layout: "compliance.html", p: compliancePath, title: local{Text: r.t(lang, "logbook.compliance")}, build: func(w *pageWriter) framer { return w.complianceData() }},
			job{w: w, layout: "metrics.html", p: metricsPath, title: local{Text: r.t(lang, "logbook.metrics")}, build: func(w *pageWriter) framer { return w.metricsData() }})
		for _, f := range facets {
			title := local{Text: r.t(lang, "logbook.register_facet", "facet", r.t(lang, f.dim.key), "value", f.dim.label(w, f))}
			jobs = append(jobs, job{w: w, layout: "register.html", p: f.path(), title: title, build: func(w *pageWriter) framer { return w.registerData(f, facets) }})
		}
		jobs = append(jobs, job{w: w, layout: "deadlines.html", p: "deadlines/", title: local{Text: r.t(lang, "logbook.deadlines")}, build: func(w *pageWriter) framer { return w.deadlinesData() }})
		jobs = append(jobs, job{w: w, layout: "maintenance-list.html", p: maintenancePath, title: local{Text: r.t(lang, "logbook.maintenance")}, build: func(w *pageWriter) framer { return w.maintenanceListData() }})
		writers = append(writers, w)
	}
	// A record's pages in every language, one after the other: they
	// render the same Markdown, which the cache (mdcache.go) then still
	// holds.
	for _, m := range r.m.Maintenance {
		for _, w := range writers {
			jobs = append(jobs, job{w: w, layout: "maintenance.html", p: maintenanceWindowPath(m.ID), title: r.local(w.lang, m.Title), build: func(w *pageWriter) framer { return w.maintenanceData(m) }})
		}
	}
	for _, row := range r.rows {
		for _, w := range writers {
			jobs = append(jobs, job{w: w, layout: "incident.html", p: incidentPath(row.inc.ID), title: r.local(w.lang, row.inc.Title), build: func(w *pageWriter) framer { return w.incidentData(row.inc) }, folder: true})
		}
	}
	return jobs, nil
}

// pageWriter writes the pages of one language; render works on a copy
// that knows the page being built.
type pageWriter struct {
	r       *renderer
	lang    string
	layouts map[string]*template.Template
	// root is the relative way from the page being built to its
	// language's root.
	root string
	// rows are the register's rows as this language's facet pages show
	// them (see registerData).
	rows *sharedRows
}

// link returns the relative address of p (in this language's tree) from
// the page being built.
func (w *pageWriter) link(p string) string {
	if w.root == "" && p == "" {
		return "./"
	}
	return w.root + p
}

// render renders layout into the page at p ("incidents/x/") of this
// language's tree and writes it. Pages are rendered in goroutines: a
// panic is recovered here, where Render's recover cannot catch it.
func (lw *pageWriter) render(layout, p string, title local, build func(*pageWriter) framer) (err error) {
	r := lw.r
	out := r.path(lw.lang, p+"index.html")
	defer func() {
		if e := recover(); e != nil {
			err = internalError(out, e)
		}
	}()
	w := *lw
	w.root = strings.Repeat("../", strings.Count(p, "/"))
	static := strings.Repeat("../", strings.Count(out, "/"))
	pg := page{
		Lang: w.lang, SiteTitle: r.text(w.lang, r.m.Config.Title), Title: title.Text, TitleLang: title.Lang,
		Home: w.link(""), Static: static, CSV: static + "register.csv", JSON: static + "register.json", Now: r.m.Now,
	}
	if len(r.langs) > 1 {
		for _, l := range r.langs {
			href := static + r.path(l, p)
			if href == "" {
				href = "./"
			}
			pg.Alternates = append(pg.Alternates, alternate{Lang: l, Name: r.t(l, "language.name"), Href: href})
		}
	}
	data := build(&w)
	data.frame(&pg)
	b := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(b)
	if err := w.layouts[layout].ExecuteTemplate(b, theme.Logbook.Base, data); err != nil {
		return r.theme.ExecError("the logbook's "+out, err)
	}
	r.put(out, b.Bytes())
	return nil
}

// pageBuffers are the buffers pages are executed into. A page written
// into a new buffer made it grow a dozen times, doubling its way up to
// the page's size: the largest allocation of the logbook's rendering (16 %
// of its bytes). A Writer keeps no reference to what it is given.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putPageBuffer returns b to pageBuffers, unless it grew past 1 MiB (a
// register page at thousands of incidents), which would keep that much
// per processor for the rest of the build.
func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return
	}
	b.Reset()
	pageBuffers.Put(b)
}

// registerPage is the register, whole or of one facet.
type registerPage struct {
	framed
	// Filtered reports whether the page is a facet's; All links to the
	// whole register.
	Filtered bool
	All      string
	Facets   []facetGroup
	Rows     []registerRow
}

// facetGroup is a dimension's facets, as links.
type facetGroup struct {
	Label string
	Links []facetLink
}

type facetLink struct {
	Label, Href string
	// Facet is "dimension:value", as logbook.js reads it.
	Facet   string
	Count   int
	Current bool
}

// registerRow is an incident as a register page shows it.
type registerRow struct {
	ID, Href                              string
	Title                                 local
	Category                              local
	Severity, Visibility, VisibilityLabel string
	Status, StatusLabel                   string
	Services                              []string
	Detected, Resolved                    time.Time
	Duration                              string
	Ongoing                               bool
	// Registered is when the record was first committed (audit.go).
	Registered time.Time
	// Sort holds the sort values of the cells whose text does not sort,
	// and Facets the row's facets, for logbook.js (sortfilter.go).
	Sort   sortValues
	Facets string

	markup *rowMarkup // see HTML
}

// registerData is the register of the rows of f, or of every row when f
// is nil, with the links to every facet.
func (w *pageWriter) registerData(f *facet, facets []*facet) framer {
	r := w.r
	d := &registerPage{Filtered: f != nil, All: w.link("")}
	for _, x := range facets {
		if n := len(d.Facets); n == 0 || d.Facets[n-1].Label != r.t(w.lang, x.dim.key) {
			d.Facets = append(d.Facets, facetGroup{Label: r.t(w.lang, x.dim.key)})
		}
		g := &d.Facets[len(d.Facets)-1]
		g.Links = append(g.Links, facetLink{Label: x.dim.label(w, x), Href: w.link(x.path()), Facet: x.token(), Count: len(x.rows), Current: x == f})
	}
	set := w.layouts["register.html"]
	var write func(*registerRow) template.HTML // rowHTML, where its partials are built in
	if r.theme.Builtin(theme.Logbook, set, rowPartials...) {
		write = func(rr *registerRow) template.HTML { return r.rowHTML(w.lang, rr) }
	}
	if f == nil {
		for _, x := range r.rows {
			row := w.registerRow(x)
			row.markup = &rowMarkup{set: set, write: write}
			d.Rows = append(d.Rows, row)
		}
		return d
	}
	// A row is on one facet page per dimension, and every facet page
	// lies at the same depth: each row is built, and its markup written,
	// once for all of them. That was most of the register pages' work.
	shared := w.rows.at(w.root, len(r.rows))
	for _, i := range f.rows {
		s := shared[i]
		s.once.Do(func() {
			s.row = w.registerRow(r.rows[i])
			s.row.markup = &rowMarkup{set: set, write: write}
		})
		d.Rows = append(d.Rows, s.row)
	}
	return d
}

// sharedRows holds a language's register rows, by the root of the pages
// that show them, each built at most once.
type sharedRows struct {
	mu     sync.Mutex
	byRoot map[string][]*sharedRow
}

type sharedRow struct {
	once sync.Once
	row  registerRow
}

// at returns the n rows of pages at root.
func (s *sharedRows) at(root string, n int) []*sharedRow {
	s.mu.Lock()
	defer s.mu.Unlock()
	rows, ok := s.byRoot[root]
	if !ok {
		rows = make([]*sharedRow, n)
		for i := range rows {
			rows[i] = &sharedRow{}
		}
		s.byRoot[root] = rows
	}
	return rows
}

// rowMarkup is a register row's markup, written by the partial
// "register-row" of the register's layouts at most once.
type rowMarkup struct {
	set *template.Template
	// write writes the markup from Go (rowHTML) where the register's
	// layouts have the built-in partials; nil elsewhere.
	write func(*registerRow) template.HTML
	once  sync.Once
	html  template.HTML
	err   error
}

// HTML returns the row's markup, as the partial "register-row" writes
// it: the register's layout writes each row with it, so that a row shown
// on several facet pages is written once.
func (rr registerRow) HTML() (template.HTML, error) {
	m := rr.markup
	if m == nil {
		return "", errors.New("internal error: a register row without its layouts; please report it")
	}
	m.once.Do(func() {
		if m.write != nil {
			m.html = m.write(&rr)
			return
		}
		var b strings.Builder
		m.err = m.set.ExecuteTemplate(&b, "register-row", rr)
		m.html = template.HTML(b.String())
	})
	return m.html, m.err
}

func (w *pageWriter) registerRow(x row) registerRow {
	r, inc := w.r, x.inc
	rr := registerRow{
		ID: inc.ID, Href: w.link(incidentPath(inc.ID)), Title: r.local(w.lang, inc.Title), Category: w.categoryName(inc),
		Severity: inc.Severity, Visibility: string(inc.Visibility), VisibilityLabel: r.t(w.lang, "logbook.visibility."+string(inc.Visibility)),
		Status: string(inc.Status()), StatusLabel: r.t(w.lang, "update."+string(inc.Status())),
		Detected: inc.Detected, Resolved: inc.Resolved, Ongoing: !inc.IsResolved(), Registered: r.registered(inc),
	}
	for _, imp := range inc.Impacts {
		rr.Services = append(rr.Services, r.text(w.lang, imp.Service.Name))
	}
	rr.Sort, rr.Facets = sortOf(x, rr.Title.Text, r.m.Now), rowFacets(x)
	if inc.IsResolved() {
		rr.Duration = r.duration(w.lang, inc.Resolved.Sub(inc.Detected))
	} else if r.m.Now.After(inc.Detected) {
		rr.Duration = r.t(w.lang, "logbook.so_far", "duration", r.duration(w.lang, r.m.Now.Sub(inc.Detected)))
	}
	return rr
}

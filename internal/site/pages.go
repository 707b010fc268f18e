package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"
	"time"

	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/plan"
	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/theme"
)

// recentItems is how many past incidents and maintenance windows the
// status page lists.
const recentItems = 10

// Frame is what every layout gets: the frame, and the page's own data in
// the embedded fields' names. Layouts reach the frame's fields through
// the page's data (.Lang), or, faster, through .Frame (.Frame.Lang): a
// field of an embedded struct is found by a search at every use.
type Frame struct {
	Lang, SiteTitle, Title, Description, Organisation string
	// TitleLang is the language of Title when it is not the page's.
	TitleLang string
	Canonical string
	// Home, Static, History and API are links from this page.
	Home, Static, History, API, Calendar string
	Alternates                           []alternate
	Feeds                                []feedLink
	Now                                  time.Time
	// Shared holds the fields above that many pages have in common.
	Shared *Shared
}

// framed is embedded in every page's data, so that layouts reach the
// frame's fields (.Lang, .Home…) and the page's own alike.
type framed struct{ *Frame }

func (f *framed) frame(p *Frame) { f.Frame = p }

// alternate is the page in another language: Href is its absolute
// address, for search engines (<link rel="alternate" hreflang>); Local is
// its address relative to this page, for the visible language switch, so
// that a preview from disk or a local server stays there.
type alternate struct{ Lang, Name, Href, Local string }

type feedLink struct{ Type, Title, Label, Href string }

// layouts parses the theme's public layouts once per language, with
// functions that speak that language, by page layout name.
func (r *renderer) layouts(lang string) (map[string]*template.Template, error) {
	return r.theme.Templates(theme.Public, template.FuncMap{
		"t":        func(key string, args ...string) string { return r.t(lang, key, args...) },
		"text":     func(t l10n.Text) string { return r.text(lang, t) },
		"date":     func(t time.Time) string { return r.date(lang, t) },
		"dateTime": func(t time.Time) string { return r.dateTime(lang, t) },
		"iso":      func(t time.Time) string { return t.In(r.v.Location).Format(time.RFC3339) },
		"md":       r.sectionHTML,
	})
}

// job is one page in one language: its layout, its path in the
// language's tree ("incidents/x/"), and its data.
type job struct {
	w         *pageWriter
	layout, p string
	title     local
	// summary returns the page's description, when it is rendered: it
	// may render Markdown, which a preview does only for a page asked for.
	summary func() string
	build   func(*pageWriter) framer
}

// file returns the job's file in the output.
func (j *job) file() string {
	file := j.p
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	return j.w.r.path(j.w.lang, file)
}

// run renders the job's page and writes it.
func (j *job) run() error {
	out, data, err := j.w.render(j.layout, j.p, j.title, j.summary(), j.build)
	if err != nil {
		return err
	}
	j.w.r.put(out, data)
	return nil
}

// pages writes every HTML page, in every language. Pages are independent
// of each other and rendered in parallel, each written as soon as it is
// rendered.
func (r *renderer) pages() error {
	jobs, err := r.plan()
	if err != nil {
		return err
	}
	return plan.All(len(jobs), func(i int) error { return jobs[i].run() }, r.failed)
}

// plan returns every HTML page in every language, as jobs, and records
// each page of its own for the sitemap: the sitemap lists the pages
// planned, which a build writes, all of them, or fails.
func (r *renderer) plan() ([]job, error) {
	var jobs []job
	order := map[string]int{} // a page's place, by its path in a language's tree
	shared := &sharedFrames{frames: map[sharedKey]*Shared{}}
	hist := r.history()
	for li, lang := range r.v.Languages {
		ls, err := r.layouts(lang)
		if err != nil {
			return nil, err
		}
		w := &pageWriter{r: r, lang: lang, layouts: ls, shared: shared}
		add := func(layout, p string, title local, summary func() string, build func(*pageWriter) framer) {
			n, ok := order[p]
			if !ok {
				n = len(order)
				order[p] = n
			}
			jobs = append(jobs, job{w: w, layout: layout, p: p, summary: summary, title: title, build: build})
			if layout != "404.html" { // served at any address, no page of its own
				r.record(writtenPage{page: n, lang: li, loc: r.abs(lang, p), alternates: r.alternates(p)})
			}
		}
		text := func(s string) func() string { return func() string { return s } }
		add("status.html", "", local{}, text(r.text(lang, r.v.Description)), (*pageWriter).statusData)
		for _, inc := range r.v.Incidents {
			add("incident.html", incidentPath(inc.ID), r.local(lang, inc.Title), func() string { return r.firstUpdate(lang, inc.Updates) }, func(w *pageWriter) framer { return w.incidentData(inc) })
		}
		for _, m := range r.v.Maintenance {
			add("incident.html", maintenancePath(m.ID), r.local(lang, m.Title), func() string { return r.firstUpdate(lang, m.Updates) }, func(w *pageWriter) framer { return w.maintenanceData(m) })
		}
		for _, s := range r.v.Services {
			add("service.html", servicePath(s.ID), local{Text: r.text(lang, s.Name)}, text(r.text(lang, s.Description)), func(w *pageWriter) framer { return w.serviceData(s) })
		}
		all := text(r.t(lang, "site.history_all"))
		add("history.html", "history/", local{Text: r.t(lang, "site.history")}, all, func(w *pageWriter) framer { return w.historyData(0, hist) })
		for _, y := range hist.years {
			add("history.html", fmt.Sprintf("history/%d/", y), local{Text: r.t(lang, "site.history") + " " + fmt.Sprint(y)}, all,
				func(w *pageWriter) framer { return w.historyData(y, hist) })
		}
		if lang == r.defaultLang() {
			add("404.html", "404.html", local{Text: r.t(lang, "site.not_found")}, text(""), func(*pageWriter) framer { return &framed{} })
		}
	}
	return jobs, nil
}

// alternates are the page at p in every language, with the addresses the
// sitemap lists (Lang and Href).
func (r *renderer) alternates(p string) []alternate {
	alts := make([]alternate, len(r.v.Languages))
	for i, l := range r.v.Languages {
		alts[i] = alternate{Lang: l, Href: r.abs(l, p)}
	}
	return alts
}

// firstUpdate is the text of the first update in lang, a page's
// description.
func (r *renderer) firstUpdate(lang string, us []public.Update) string {
	if len(us) == 0 {
		return ""
	}
	return r.messageText(r.updateText(lang, us[0]).Text)
}

// pageWriter writes the pages of one language; render works on a copy
// that knows the page being built.
type pageWriter struct {
	r       *renderer
	lang    string
	layouts map[string]*template.Template
	// root is the relative way from the page being built to its tree's root.
	root string
	// shared holds the pages' Shared frames, for every language.
	shared *sharedFrames
}

// framer is a page's data, which the frame is set into.
type framer interface{ frame(*Frame) }

// link returns the relative address of p (in this language's tree) from
// the page being built.
func (w *pageWriter) link(p string) string {
	if w.root == "" && p == "" {
		return "./"
	}
	return w.root + p
}

// render renders layout into the page at p ("incidents/x/", or a file
// name) of this language's tree, and returns the page's output path,
// contents and frame.
func (lw *pageWriter) render(layout, p string, title local, description string, build func(*pageWriter) framer) (_ string, _ []byte, err error) {
	defer func() {
		// Pages are rendered in goroutines: Render's recover cannot catch
		// a panic here.
		if e := recover(); e != nil {
			err = internalError(lw.r.path(lw.lang, p), e)
		}
	}()
	w := *lw // this page's own copy
	r := w.r
	file := p
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	out := r.path(w.lang, file)
	depth := strings.Count(out, "/")
	w.root = strings.Repeat("../", strings.Count(file, "/"))
	static := strings.Repeat("../", depth)
	pg := Frame{
		Lang: w.lang, SiteTitle: r.siteTitle(w.lang), Title: title.Text, TitleLang: title.Lang, Description: oneLine(description, 200),
		Organisation: r.v.Organisation, Canonical: r.abs(w.lang, p), Now: r.v.Now,
		Home: w.link(""), Static: static, History: w.link("history/"),
		API: static + "api/v2/summary.json", Calendar: static + "maintenance.ics",
	}
	if layout == "404.html" {
		// Served at any address: only absolute links work.
		pg.Home, pg.Static, pg.History = r.abs(w.lang, ""), r.v.BaseURL, r.abs(w.lang, "history/")
		pg.API, pg.Calendar = r.v.BaseURL+"api/v2/summary.json", r.v.BaseURL+"maintenance.ics"
	}
	for _, l := range r.v.Languages {
		alt := alternate{Lang: l, Name: r.t(l, "language.name"), Href: r.abs(l, p), Local: static + r.path(l, p)}
		if alt.Local == "" {
			alt.Local = "./"
		}
		if layout == "404.html" {
			alt.Local = alt.Href
		}
		pg.Alternates = append(pg.Alternates, alt)
	}
	feedBase, feedName := "", pg.SiteTitle
	if strings.HasPrefix(p, "services/") {
		// A service's page offers that service's feeds and calendar.
		feedBase = p
		pg.Calendar = static + p + "maintenance.ics"
		if title.Text != "" {
			feedName = title.Text
		}
	}
	pg.Shared = w.shared.get(r, sharedKey{layout: layout, lang: w.lang, home: pg.Home, static: pg.Static, history: pg.History, api: pg.API,
		calendar: pg.Calendar, feedBase: feedBase, feedName: feedName}, w.layouts[layout])
	pg.Feeds = pg.Shared.Feeds
	data := build(&w)
	data.frame(&pg)
	b := pageBuffers.Get().(*bytes.Buffer)
	defer func() {
		if b.Cap() <= maxPooledPage {
			b.Reset()
			pageBuffers.Put(b)
		}
	}()
	if err := w.layouts[layout].ExecuteTemplate(b, theme.Public.Base, data); err != nil {
		return "", nil, r.theme.ExecError(out, err)
	}
	return out, bytes.Clone(b.Bytes()), nil
}

// sharedKey is what makes two pages' Shared the same.
type sharedKey struct {
	layout, lang, home, static, history, api, calendar string
	// feedBase is the folder of the page's feeds, "" or a service's;
	// feedName the name their titles give.
	feedBase, feedName string
}

// Shared is the part of a page's frame that many pages have in common:
// the incident pages of a language, say, have the same. Layouts reach it
// as .Frame.Shared; with Render, a template of the page's set whose data
// it is is rendered once for all of them.
type Shared struct {
	Lang, SiteTitle, Organisation        string
	Home, Static, History, API, Calendar string
	Feeds                                []feedLink
	Now                                  time.Time

	set  *template.Template
	mu   sync.Mutex
	done map[string]template.HTML
}

// Render returns template name of the page's set executed with s as its
// data. It is executed once: every page that shares s gets its HTML.
func (s *Shared) Render(name string) (template.HTML, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h, ok := s.done[name]; ok {
		return h, nil
	}
	var b strings.Builder
	if err := s.set.ExecuteTemplate(&b, name, s); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	s.done[name] = h
	return h, nil
}

// sharedFrames are the Shared frames of the pages, by what makes them
// the same; safe for concurrent use.
type sharedFrames struct {
	mu     sync.Mutex
	frames map[sharedKey]*Shared
}

// get returns the Shared of the pages of k, drawn with set.
func (sf *sharedFrames) get(r *renderer, k sharedKey, set *template.Template) *Shared {
	sf.mu.Lock()
	defer sf.mu.Unlock()
	if s, ok := sf.frames[k]; ok {
		return s
	}
	s := &Shared{Lang: k.lang, SiteTitle: r.siteTitle(k.lang), Organisation: r.v.Organisation, Now: r.v.Now,
		Home: k.home, Static: k.static, History: k.history, API: k.api, Calendar: k.calendar,
		set: set, done: map[string]template.HTML{}}
	for _, f := range []struct{ file, typ, key string }{{"feed.atom", "application/atom+xml", "site.feed_atom"}, {"feed.rss", "application/rss+xml", "site.feed_rss"}, {"feed.json", "application/feed+json", "site.feed_json"}} {
		s.Feeds = append(s.Feeds, feedLink{Type: f.typ, Title: k.feedName + " (" + r.t(k.lang, f.key) + ")", Label: r.t(k.lang, f.key), Href: r.abs(k.lang, k.feedBase+f.file)})
	}
	sf.frames[k] = s
	return s
}

// pageBuffers are the buffers pages are executed into: a page grown in a
// new buffer reallocates it a dozen times; the output gets an exact copy.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledPage is the largest buffer put back into pageBuffers.
const maxPooledPage = 1 << 20

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		cut := strings.LastIndexByte(s[:n], ' ')
		if cut < n/2 {
			cut = n
		}
		s = s[:cut] + "…"
	}
	return s
}

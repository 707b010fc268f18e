// Package site renders the public site from the public projection: the
// status page, incident, maintenance and service pages, the history, the
// feeds, the Statuspage-compatible API, badges, calendars, sitemap and
// robots.txt, in every configured language.
//
// It reaches the public projection and nothing internal: what it cannot
// reach, it cannot leak (internal/layering checks its imports). Its
// layouts, UI strings and static files come from the theme
// (internal/theme), which holds them, not the repository's files: it
// cannot read a record either.
package site

import (
	"fmt"
	"html/template"
	"maps"
	"path"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/plan"
	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/theme"
)

// Writer takes the files of the output as they are rendered, by
// slash-separated path; it must be safe for concurrent use. The build's
// staging folder (internal/output) is one; a test's map is another.
type Writer interface {
	Put(name string, data []byte) error
}

// Render writes the files of the public site of v into out, each as it
// is rendered, drawn with the layouts, UI strings and static files of th.
func Render(v *public.View, th *theme.Theme, out Writer) (err error) {
	defer func() {
		// A bug in a step ends in an error that says so, not in a
		// crash. (text/template recovers the panics of what a layout
		// calls itself: see theme.ExecError.)
		if p := recover(); p != nil {
			err = internalError("", p)
		}
	}()
	r := newRenderer(v, th, out)
	r.messages = renderMessages(v)
	r.sections = r.renderSections()
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

// steps are the steps of the rendering, in their order. The sitemap comes
// last: it lists the pages the pages step planned.
func (r *renderer) steps() []step {
	return []step{{"the static files", r.static}, {pagesStep, r.pages}, {"the feeds", r.feeds}, {"the aliases", r.aliases},
		{"the API", r.api}, {"the badges", r.badges}, {"the calendars", r.calendars}, {"the sitemap", r.sitemap}}
}

// Lazy is the public site of a view rendered file by file, when a file
// is asked for: incidentsite serve's, so that a change is served once
// the site is checked, not once its thousands of pages are rendered.
// Each file is the same as Render's.
type Lazy struct{ plan *plan.Plan }

// NewLazy plans the public site of v, drawn with th, and renders nothing
// yet: Render renders, into out, what writes a file.
func NewLazy(v *public.View, th *theme.Theme, out Writer) (_ *Lazy, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = internalError("", p)
		}
	}()
	pl := plan.New()
	// No page is rendered here: each renders its own messages and
	// sections (text.go) when it is asked for.
	r := newRenderer(v, th, pl.Recording(out))
	jobs, err := r.plan()
	if err != nil {
		return nil, err
	}
	for _, j := range jobs {
		pl.Page(j.file(), false, plan.Then(j.run, r.failed))
	}
	for _, s := range r.steps() {
		if s.name != pagesStep { // planned above, page by page
			pl.Step(s.name, plan.Then(s.run, r.failed))
		}
	}
	return &Lazy{plan: pl}, nil
}

// Render renders, unless it did already, what writes the file name (a
// slash-separated path of the site, "incidents/x/index.html"): its page,
// or the step that writes it. It reports whether the site has the file,
// now in the Writer, and returns the error that kept it from being
// written.
func (l *Lazy) Render(name string) (bool, error) { return l.plan.Render(name) }

// Pages returns how many pages the site has, in all its languages.
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
	v     *public.View
	theme *theme.Theme
	out   Writer
	// strings holds the UI strings by language, then key.
	strings theme.UI
	// messages are the update messages, rendered (text.go).
	messages map[string]message
	// sections are the sections' Markdown, rendered for a page (text.go).
	sections map[string]template.HTML

	mu sync.Mutex
	// err is the first error of out, which ends the rendering.
	err error
	// written records the pages written, for the sitemap (sitemap.go).
	written []writtenPage
}

func newRenderer(v *public.View, th *theme.Theme, out Writer) *renderer {
	return &renderer{v: v, theme: th, out: out, strings: th.UI(v.Languages)}
}

// put writes a file of the output, the one way every step does. It is
// safe for concurrent use. The first error of the output is kept, makes
// the puts after it do nothing, and ends the rendering after the step
// that met it (see failed).
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

// failed returns the first error of the output, if any.
func (r *renderer) failed() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// defaultLang is the site's first language.
func (r *renderer) defaultLang() string { return r.v.Languages[0] }

// path returns where p (a path in a language's tree, such as
// "incidents/x/") lives in the output: at the root for the default
// language, under the language's code for the others.
func (r *renderer) path(lang, p string) string {
	if lang == r.defaultLang() {
		return p
	}
	if p == "" {
		return lang + "/"
	}
	return path.Join(lang, p) + suffixSlash(p)
}

func suffixSlash(p string) string {
	if strings.HasSuffix(p, "/") {
		return "/"
	}
	return ""
}

// abs returns the absolute address of p in lang's tree.
func (r *renderer) abs(lang, p string) string { return r.v.BaseURL + r.path(lang, p) }

// t returns the UI string key in lang, with {name} placeholders replaced
// by the pairs of args: t("en", "site.updated", "time", "…").
func (r *renderer) t(lang, key string, args ...string) string { return r.strings.T(lang, key, args...) }

// text returns t in lang.
func (r *renderer) text(lang string, t l10n.Text) string { return t.Get(lang, r.defaultLang()) }

// local is a record's text as a page in one language shows it, with the
// code of the language it is in when that is not the page's (l10n.Local).
type local = l10n.Local

// local returns t as a page in lang shows it (l10n.Text.Local).
func (r *renderer) local(lang string, t l10n.Text) local { return t.Local(lang, r.defaultLang()) }

// sectionMarkdown returns section s in lang, else in the default
// language, else in another, by code order; and the code of the language
// it is in when that is not lang.
func (r *renderer) sectionMarkdown(lang string, s public.Section) ([]byte, string) {
	def := r.defaultLang()
	if lang == def && s.Markdown != nil {
		return s.Markdown, ""
	}
	if md, ok := s.Translations[lang]; ok {
		return md, ""
	}
	if s.Markdown != nil {
		return s.Markdown, def
	}
	codes := slices.Sorted(maps.Keys(s.Translations))
	if len(codes) == 0 {
		return nil, ""
	}
	return s.Translations[codes[0]], codes[0]
}

// date writes the day of t in lang, in the site's time zone.
func (r *renderer) date(lang string, t time.Time) string {
	t = t.In(r.v.Location)
	return r.t(lang, "date.format", "day", strconv.Itoa(t.Day()), "month", r.t(lang, "month."+strconv.Itoa(int(t.Month()))), "year", strconv.Itoa(t.Year()))
}

// dateTime writes t in lang, in the site's time zone.
func (r *renderer) dateTime(lang string, t time.Time) string {
	t = t.In(r.v.Location)
	return r.t(lang, "datetime.format", "day", strconv.Itoa(t.Day()), "month", r.t(lang, "month."+strconv.Itoa(int(t.Month()))),
		"year", strconv.Itoa(t.Year()), "time", t.Format("15:04"), "zone", t.Format("MST"))
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
		// "2 d", not "2 d 0 h"
		return r.t(lang, "duration.whole_days", "d", strconv.Itoa(m/(24*60)))
	}
	return r.t(lang, "duration.days", "d", strconv.Itoa(m/(24*60)), "h", strconv.Itoa(m%(24*60)/60))
}

// siteTitle is the site's title in lang.
func (r *renderer) siteTitle(lang string) string { return r.text(lang, r.v.Title) }

// updateAnchor is the fragment id of the update published at t on its
// incident's or maintenance's page; feed entries link to it, and it is the
// stable part of their ids.
func updateAnchor(t time.Time) string {
	// One allocation, not two: the anchor is made for every update of
	// every page and feed.
	var b [32]byte
	return string(t.UTC().AppendFormat(append(b[:0], "update-"...), "20060102T150405Z"))
}

// incidentPath is the page of an incident in a language's tree.
func incidentPath(id string) string { return "incidents/" + id + "/" }

// maintenancePath is the page of a maintenance window.
func maintenancePath(id string) string { return "maintenance/" + id + "/" }

// servicePath is the page of a service.
func servicePath(id string) string { return "services/" + id + "/" }

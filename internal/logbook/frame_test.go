package logbook

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/theme"
)

// TestFrameMatchesLayout proves that frameHTML writes what base.html
// writes around a page's content through html/template, byte for byte,
// for hostile texts and links in every field of the frame, with and
// without other languages.
func TestFrameMatchesLayout(t *testing.T) {
	_, r := fixtureRenderer(t)
	for _, lang := range r.langs {
		fast, slow := sectionSets(t, r, lang)
		if !r.theme.Builtin(theme.Logbook, fast, theme.Logbook.Base) {
			t.Fatal("the built-in layouts do not get frameHTML")
		}
		for _, s := range hostileTexts {
			for _, u := range []string{"../", s, "javascript:alert(1)"} {
				for _, alts := range [][]alternate{nil, {{Lang: lang, Name: s, Href: u}, {Lang: s, Name: u, Href: s}}} {
					p := hostileIncident("a", "b")
					p.frame(&page{Lang: lang, SiteTitle: s, Title: u, TitleLang: s, Home: u, Static: s, CSV: u + "x.csv", JSON: s,
						Alternates: alts, Now: time.Date(2025, 2, 18, 9, 5, 0, 0, time.UTC)})
					got, want := execPartial(t, fast, theme.Logbook.Base, p), execPartial(t, slow, theme.Logbook.Base, p)
					if got != want {
						t.Errorf("%s, %q, %q:\n%s", lang, s, u, firstDiff(got, want))
					}
				}
			}
		}
		p := hostileIncident("a", "b")
		p.frame(&page{Lang: lang})
		if r.frameHTML(lang, p) == nil || r.frameHTML(lang, struct{}{}) != nil {
			t.Error("frameHTML: a page's frame, and nil for what is no page")
		}
	}
}

// TestFrameFallBack: a site's own base.html is used as written.
func TestFrameFallBack(t *testing.T) {
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	site := openSite(t, fixtureFile, string(archive)+"-- layouts/logbook/base.html --\n{{define \"base\"}}<!DOCTYPE html><title>site frame</title>{{template \"content\" .}}{{end}}\n", true, fixtureNow)
	r, err := newRenderer(site.Model, site.Theme, &memOut{})
	if err != nil {
		t.Fatal(err)
	}
	sets, err := r.layouts(r.langs[0])
	if err != nil {
		t.Fatal(err)
	}
	if r.theme.Builtin(theme.Logbook, sets["incident.html"], theme.Logbook.Base) {
		t.Error("frameHTML is on under a site's base.html")
	}
	files := renderProject(t, site)
	if got := string(files["index.html"]); !strings.HasPrefix(got, "<!DOCTYPE html><title>site frame</title>") {
		t.Errorf("the register does not use the site's frame: %.200q", got)
	}
}

// TestRowMatchesLayout proves that rowHTML writes what the partial
// "register-row" writes through html/template: for every row of the
// fixture's register and for hostile texts in every field.
func TestRowMatchesLayout(t *testing.T) {
	_, r := fixtureRenderer(t)
	at := time.Date(2025, 2, 18, 9, 5, 0, 0, time.UTC)
	for _, lang := range r.langs {
		sets, err := r.layouts(lang)
		if err != nil {
			t.Fatal(err)
		}
		set := sets["register.html"]
		if !r.theme.Builtin(theme.Logbook, set, rowPartials...) {
			t.Fatal("the built-in layouts do not get rowHTML")
		}
		same := func(what string, rr registerRow) {
			t.Helper()
			if got, want := string(r.rowHTML(lang, &rr)), execPartial(t, set, "register-row", rr); got != want {
				t.Errorf("%s %s:\n%s", lang, what, firstDiff(got, want))
			}
		}
		w := &pageWriter{r: r, lang: lang, root: "../", rows: &sharedRows{byRoot: map[string][]*sharedRow{}}}
		for _, x := range r.rows {
			same(x.inc.ID, w.registerRow(x))
		}
		if len(r.rows) == 0 {
			t.Fatal("the fixture has no register row")
		}
		for _, s := range hostileTexts {
			for _, u := range []string{"x", s, "javascript:alert(1)"} {
				same("hostile", registerRow{ID: s, Href: u, Title: local{Text: s, Lang: u}, Category: local{Text: u, Lang: s}, Severity: s,
					Visibility: u, VisibilityLabel: s, Status: s, StatusLabel: u, Services: []string{s, u}, Detected: at, Resolved: at,
					Duration: s, Registered: at, Sort: sortValues{Title: s, Severity: u, Status: s, Resolved: u, Duration: s}, Facets: u})
				same("open", registerRow{ID: u, Href: s, Ongoing: true, Sort: sortValues{Title: u}})
			}
		}
	}
}

// TestRowFallBack: a site's own register-row is used as written.
func TestRowFallBack(t *testing.T) {
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	site := openSite(t, fixtureFile, string(archive)+"-- layouts/logbook/partials/register-row.html --\n{{define \"register-row\"}}<tr><td class=\"site-row\">{{.ID}}</td></tr>{{end}}\n", true, fixtureNow)
	files := renderProject(t, site)
	if got := string(files["index.html"]); !strings.Contains(got, `<td class="site-row">`) {
		t.Errorf("the register does not use the site's row: %.300q", got)
	}
}

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

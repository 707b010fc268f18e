package logbook

import (
	"bytes"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// TestPages checks every page of the fixture's logbook: the internal
// banner, noindex, the language of the page, no script but the
// register's deferred logbook.js (the page works without JavaScript),
// ids unique on the page, and every relative link leading to a file of
// the logbook. robots.txt disallows everything.
func TestPages(t *testing.T) {
	files := renderFixture(t)
	if got := string(files["robots.txt"]); got != "User-agent: *\nDisallow: /\n" {
		t.Errorf("robots.txt = %q", got)
	}
	pages := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(files[name]))
		if err != nil {
			t.Fatal(err)
		}
		lang := "en"
		if strings.HasPrefix(name, "nl/") {
			lang = "nl"
		}
		if got, _ := doc.Find("html").Attr("lang"); got != lang {
			t.Errorf("%s: lang %q, want %q", name, got, lang)
		}
		if got, _ := doc.Find(`meta[name="robots"]`).Attr("content"); got != "noindex, nofollow" {
			t.Errorf("%s: robots %q", name, got)
		}
		if banner := doc.Find(".internal strong").Text(); banner != map[string]string{"en": "Internal.", "nl": "Intern."}[lang] {
			t.Errorf("%s: banner %q", name, banner)
		}
		// The register's script is progressive (sortfilter.go); no page
		// has code of its own, so that a strict Content-Security-Policy
		// holds.
		doc.Find("script").Each(func(_ int, s *goquery.Selection) {
			src, _ := s.Attr("src")
			if _, deferred := s.Attr("defer"); path.Base(src) != "logbook.js" || !deferred || strings.TrimSpace(s.Text()) != "" {
				html, _ := goquery.OuterHtml(s)
				t.Errorf("%s has a script other than the deferred logbook.js: %s", name, html)
			}
		})
		ids := map[string]bool{}
		doc.Find("[id]").Each(func(_ int, s *goquery.Selection) {
			id, _ := s.Attr("id")
			if ids[id] {
				t.Errorf("%s: id %q twice", name, id)
			}
			ids[id] = true
		})
		doc.Find("a[href], link[href], script[src]").Each(func(_ int, s *goquery.Selection) {
			href, ok := s.Attr("href")
			if !ok {
				href, _ = s.Attr("src")
			}
			u, err := url.Parse(href)
			if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(href, "#") {
				return
			}
			target := path.Join(path.Dir(name), u.Path)
			if strings.HasSuffix(u.Path, "/") || u.Path == "." || u.Path == "./" {
				target = path.Join(target, "index.html")
			}
			if target == "index.html" && u.Path == "" {
				return
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s links to %s, which the logbook lacks (%s)", name, href, target)
			}
		})
	}
	// In two languages: the register; its facets: two years, three
	// categories, four severities, two visibilities, two statuses, four
	// services; six incidents; the deadlines; contacts, actions and
	// exercises; the breach register and the compliance page; the
	// metrics; the maintenance windows and a page for each of four.
	if pages != 2*(1+2+3+4+2+2+4+6+1+3+2+1+1+4) {
		t.Errorf("%d pages", pages)
	}
}

// TestLayoutErrorIsPositioned: an error executing a site's logbook layout
// names the layout's file, line and column and the page being written.
func TestLayoutErrorIsPositioned(t *testing.T) {
	p := openSite(t, "site", `
-- incidentsite.yaml --
title: Test
base_url: https://status.example.org/
languages: [en, nl]
services:
  - {id: web, name: Website}
-- layouts/logbook/register.html --
{{define "content"}}
  <p>{{.Now.In nil}}</p>{{end}}
`, true, time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC))
	err := Render(p.Model, p.Theme, &memOut{})
	want := `layouts/logbook/register.html:2:12: executing "content" at <.Now.In>: error calling In: time: missing Location in call to Time.In (writing the logbook's index.html); fix the layout, or remove it to use the built-in one`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}

// TestOwnStyle: a site's static/logbook.css replaces the built-in one.
func TestOwnStyle(t *testing.T) {
	site := `
-- incidentsite.yaml --
title: Test
base_url: https://status.example.org/
languages: [en]
services:
  - {id: web, name: Website}
`
	files := renderProject(t, openSite(t, "site", site, true, time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)))
	if !bytes.Equal(files["logbook.css"], css) || len(css) == 0 {
		t.Errorf("without a site's own: logbook.css is not the built-in one")
	}
	own := "body { color: red }\n"
	files = renderProject(t, openSite(t, "site", site+"-- static/logbook.css --\n"+own, true, time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)))
	if got := string(files["logbook.css"]); got != own {
		t.Errorf("logbook.css = %q, want the site's", got)
	}
	if got := string(files["index.html"]); !strings.Contains(got, "No incidents registered.") {
		t.Errorf("the empty register says nothing:\n%s", got)
	}
}

// TestDeterministic: two renderings of the fixture, its pages rendered in
// parallel, give the same files, byte for byte.
func TestDeterministic(t *testing.T) {
	one, two := renderFixture(t), renderFixture(t)
	if len(one) != len(two) {
		t.Fatalf("%d files, then %d", len(one), len(two))
	}
	for name, data := range one {
		if !bytes.Equal(data, two[name]) {
			t.Errorf("%s differs between two renderings", name)
		}
	}
}

// TestFacets: each facet's page lists exactly the incidents that have its
// value, newest first, and links every other facet; the whole register
// lists them all.
func TestFacets(t *testing.T) {
	files := renderFixture(t)
	ids := func(name string) []string {
		t.Helper()
		data, ok := files[name]
		if !ok {
			t.Fatalf("%s was not written", name)
		}
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		doc.Find("table.register tbody th code").Each(func(_ int, s *goquery.Selection) { out = append(out, s.Text()) })
		if n := doc.Find(`nav.facets a, nav.facets [aria-current="page"]`).Length(); n != 1+17 {
			t.Errorf("%s: %d facet links, want 18", name, n)
		}
		return out
	}
	const (
		api      = "2026-11-23-api-slow-responses"
		takeover = "2026-11-22-portal-account-takeover"
		formula  = "2026-05-04-formula-title"
		export   = "2026-03-12-misdirected-data-export"
		portal   = "2025-09-03-portal-upload-vulnerability"
		explorer = "2025-02-18-assetexplorer-down"
	)
	for _, tc := range []struct {
		page string
		want []string
	}{
		{"index.html", []string{api, takeover, formula, export, portal, explorer}},
		{"years/2025/index.html", []string{portal, explorer}},
		{"categories/availability/index.html", []string{api, formula, explorer}},
		{"severities/minor/index.html", []string{api, formula}},
		{"visibility/internal/index.html", []string{takeover, formula, export}},
		{"statuses/identified/index.html", []string{api, takeover}},
		{"services/assetexplorer/index.html", []string{api, explorer}},
		{"nl/services/api/index.html", []string{api, formula}},
	} {
		if got := ids(tc.page); !slices.Equal(got, tc.want) {
			t.Errorf("%s lists %v, want %v", tc.page, got, tc.want)
		}
	}
}

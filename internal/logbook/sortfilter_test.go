package logbook

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// TestSortValues: the sort value of each cell whose text does not sort,
// for an open and a resolved incident, a severity its category does not
// list, no category, and an incident detected after the build's now.
func TestSortValues(t *testing.T) {
	now := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	scale := &catalog.Template{Name: "availability", Severities: []string{"minor", "major", "critical"}}
	status := func(s vocab.Status) []model.Update { return []model.Update{{Status: s}} }
	for _, tc := range []struct {
		name string
		inc  model.Incident
		want sortValues
	}{
		{"resolved", model.Incident{Template: scale, Severity: "critical", Detected: now.Add(-3 * time.Hour),
			Resolved: now.Add(-time.Hour - 29*time.Second), Updates: status(vocab.Resolved)},
			sortValues{Title: "T", Severity: "3", Status: "4", Duration: "120"}},
		{"open", model.Incident{Template: scale, Severity: "minor", Detected: now.Add(-90 * time.Minute), Updates: status(vocab.Monitoring)},
			sortValues{Title: "T", Severity: "1", Status: "3", Resolved: "Infinity", Duration: "90"}},
		{"no update yet is investigating", model.Incident{Template: scale, Severity: "major", Detected: now},
			sortValues{Title: "T", Severity: "2", Status: "1", Resolved: "Infinity", Duration: "0"}},
		{"a severity the category does not list sorts by its text", model.Incident{Template: scale, Severity: "huge", Detected: now},
			sortValues{Title: "T", Status: "1", Resolved: "Infinity", Duration: "0"}},
		{"no category", model.Incident{Severity: "minor", Detected: now},
			sortValues{Title: "T", Status: "1", Resolved: "Infinity", Duration: "0"}},
		{"detected after now has no duration yet", model.Incident{Template: scale, Severity: "minor", Detected: now.Add(time.Hour)},
			sortValues{Title: "T", Severity: "1", Status: "1", Resolved: "Infinity"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sortOf(row{inc: &tc.inc}, "T", now); got != tc.want {
				t.Errorf("sortOf = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestRegisterScript: every register page, whole or of a facet, loads the
// register's script from the root, deferred, with the strings it shows;
// the header names the initial order; each row carries its facets, each
// a facet the page links, and every cell its sort value or a <time>.
func TestRegisterScript(t *testing.T) {
	files := renderFixture(t)
	if !bytes.Equal(files["logbook.js"], script) || len(script) == 0 {
		t.Fatal("logbook.js is not the built-in script")
	}
	for name, root := range map[string]string{"index.html": "", "nl/index.html": "../", "years/2025/index.html": "../../", "nl/services/api/index.html": "../../../"} {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(files[name]))
		if err != nil {
			t.Fatal(err)
		}
		s := doc.Find("script")
		if src, _ := s.Attr("src"); s.Length() != 1 || src != root+"logbook.js" || s.AttrOr("defer", "no") == "no" {
			t.Errorf("%s: script %q (%d), want one deferred %slogbook.js", name, src, s.Length(), root)
		}
		table := doc.Find("table.register")
		for _, a := range []string{"data-filter", "data-any", "data-shown"} {
			if v := table.AttrOr(a, ""); v == "" || strings.HasPrefix(v, "logbook.") {
				t.Errorf("%s: table %s = %q, want a UI string", name, a, v)
			}
		}
		if !strings.Contains(table.AttrOr("data-shown", ""), "{n}") || !strings.Contains(table.AttrOr("data-shown", ""), "{total}") {
			t.Errorf("%s: data-shown %q lacks {n} or {total}", name, table.AttrOr("data-shown", ""))
		}
		if got := doc.Find(`thead th[aria-sort]`); got.Length() != 1 || got.AttrOr("aria-sort", "") != "descending" || got.Index() != 6 {
			t.Errorf("%s: aria-sort on %d headers, the %dth, want descending on Detected alone", name, got.Length(), got.Index())
		}
		var links []string
		doc.Find("nav.facets [data-facet]").Each(func(_ int, s *goquery.Selection) { links = append(links, s.AttrOr("data-facet", "")) })
		rows := table.Find("tbody tr")
		if rows.Length() == 0 {
			t.Fatalf("%s: no rows", name)
		}
		rows.Each(func(i int, tr *goquery.Selection) {
			facets := strings.Fields(tr.AttrOr("data-facets", ""))
			if len(facets) < 4 {
				t.Errorf("%s row %d: facets %q", name, i, facets)
			}
			for _, f := range facets {
				if !slices.Contains(links, f) {
					t.Errorf("%s row %d: facet %s is linked nowhere on the page", name, i, f)
				}
			}
			cells := tr.Children()
			if cells.Length() != 10 {
				t.Fatalf("%s row %d: %d cells", name, i, cells.Length())
			}
			if got, want := cells.Eq(0).AttrOr("data-sort", ""), cells.Eq(0).Find("a").Text(); got != want {
				t.Errorf("%s row %d: title sorts by %q, want %q", name, i, got, want)
			}
			for _, c := range []int{2, 4, 8} { // severity, status, duration: numbers
				if v := cells.Eq(c).AttrOr("data-sort", ""); strings.Trim(v, "0123456789") != "" || v == "" {
					t.Errorf("%s row %d cell %d: data-sort %q, want a number", name, i, c, v)
				}
			}
			if cells.Eq(6).Find("time[datetime]").Length() != 1 {
				t.Errorf("%s row %d: detected has no <time datetime>", name, i)
			}
			resolved := cells.Eq(7)
			if resolved.Find("time[datetime]").Length() != 1 && resolved.AttrOr("data-sort", "") != "Infinity" {
				t.Errorf("%s row %d: resolved has neither a <time datetime> nor data-sort Infinity", name, i)
			}
		})
	}
}

// TestOwnScript: a site's static/logbook.js replaces the built-in one.
func TestOwnScript(t *testing.T) {
	site := `
-- incidentsite.yaml --
title: Test
base_url: https://status.example.org/
languages: [en]
services:
  - {id: web, name: Website}
-- static/logbook.js --
console.log("own");
`
	files := renderProject(t, openSite(t, "site", site, true, time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)))
	if got := string(files["logbook.js"]); got != "console.log(\"own\");\n" {
		t.Errorf("logbook.js = %q, want the site's", got)
	}
}

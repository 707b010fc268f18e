package site

import (
	"bytes"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// TestPagesGolden pins the status page, an incident page, a service page
// and the history page of the fixture; go test -update rewrites them.
func TestPagesGolden(t *testing.T) {
	files := renderFixture(t)
	for name, file := range map[string]string{
		"page-status":      "index.html",
		"page-status-nl":   "nl/index.html",
		"page-incident":    "incidents/2025-02-18-assetexplorer-down/index.html",
		"page-incident-nl": "nl/incidents/2025-02-18-assetexplorer-down/index.html",
		"page-maintenance": "maintenance/2026-12-06-network-switch-replacement/index.html",
		"page-service":     "services/api/index.html",
		"page-history":     "history/index.html",
		"page-404":         "404.html",
	} {
		t.Run(name, func(t *testing.T) {
			data, ok := files[file]
			if !ok {
				t.Fatalf("no %s", file)
			}
			testutil.Golden(t, name+".html", data)
		})
	}
}

// TestPagesStructure checks what a reader relies on, with a parser rather
// than by text.
func TestPagesStructure(t *testing.T) {
	files := renderFixture(t)
	status := parse(t, files["index.html"])
	if got := status.Find("p.banner").First().Text(); !strings.Contains(got, "Some systems are slower than usual") {
		t.Errorf("banner %q", got)
	}
	// The fixture's internal GDPR incident is nowhere.
	for name, data := range files {
		if bytes.Contains(data, []byte("misdirected")) || bytes.Contains(data, []byte("wrong customer")) {
			t.Errorf("%s mentions the internal incident", name)
		}
	}
	if _, ok := files["incidents/2026-03-12-misdirected-data-export/index.html"]; ok {
		t.Error("the internal incident has a page")
	}
	// Every language has its tree, with hreflang alternates both ways.
	for _, f := range []string{"index.html", "nl/index.html", "nl/incidents/2025-02-18-assetexplorer-down/index.html", "nl/services/api/index.html", "nl/history/index.html"} {
		doc := parse(t, files[f])
		if got := attrs(doc.Find("link[rel=alternate][hreflang]"), "hreflang"); !slices.Equal(got, []string{"en", "nl"}) {
			t.Errorf("%s: hreflang alternates %q, want en and nl", f, got)
		}
	}
	// Times are machine-readable, in the site's zone.
	inc := parse(t, files["incidents/2025-02-18-assetexplorer-down/index.html"])
	if datetimes := attrs(inc.Find("time"), "datetime"); !slices.Contains(datetimes, "2025-02-18T09:05:00+01:00") {
		t.Errorf("no <time datetime> for the start: %v", datetimes)
	}
	// Each update has the anchor feeds link to.
	if inc.Find("li#update-20250218T083300Z").Length() != 1 {
		t.Error("the resolving update has no anchor")
	}
	checkSelfContained(t, files, "https://status.example.org/")
	// The status page and its stylesheet stay small.
	if n := len(files["index.html"]) + len(files["style.css"]); n > 60_000 {
		t.Errorf("status page and CSS weigh %d bytes, over 60 KB", n)
	}
}

// checkSelfContained checks that no HTML file of files has a script or
// makes the browser fetch anything from another site than base: no
// element's src, no stylesheet or icon, names another host. Links a
// reader follows may go anywhere.
func checkSelfContained(t *testing.T, files map[string][]byte, base string) {
	t.Helper()
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc := parse(t, data)
		if doc.Find("script").Length() > 0 {
			t.Errorf("%s has a script", name)
		}
		loads := doc.Find("[src], link[rel~=stylesheet], link[rel~=icon]")
		for _, ref := range append(attrs(loads, "src"), attrs(loads, "href")...) {
			u, err := url.Parse(ref)
			if err != nil || (u.Host != "" && !strings.HasPrefix(ref, base)) {
				t.Errorf("%s loads %s", name, ref)
			}
		}
	}
}

// TestDeterministic: the same input gives byte-identical output, every
// file of it, whatever the machine's time zone and locale.
func TestDeterministic(t *testing.T) {
	render := func() map[string][]byte {
		p := openFixture(t)
		return renderView(t, projection.Public(p.Model), p.Theme)
	}
	a := render()
	saved := time.Local
	defer func() { time.Local = saved }()
	time.Local = time.FixedZone("UTC+13:45", (13*60+45)*60)
	t.Setenv("TZ", "Pacific/Chatham")
	t.Setenv("LANG", "nl_BE.UTF-8")
	t.Setenv("LC_ALL", "nl_BE.UTF-8")
	b := render()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two renders", name)
		}
	}
}

// parse parses an HTML file of the output, for assertions through CSS
// selectors: parse(t, data).Find("nav.langs a").
func parse(t testing.TB, data []byte) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// attrs returns the values of the attribute name of the elements of s
// that have it, in document order.
func attrs(s *goquery.Selection, name string) []string {
	var out []string
	for _, e := range s.EachIter() {
		if v, ok := e.Attr(name); ok {
			out = append(out, v)
		}
	}
	return out
}

package site

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"golang.org/x/net/html"
)

// TestPagesGolden pins the status page, an incident page, a service page
// and the history page of the example site; go test -update rewrites them.
func TestPagesGolden(t *testing.T) {
	files := renderExample(t)
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
	files := renderExample(t)
	status := parse(t, files["index.html"])
	if got := text(find(status, "p", "banner")); !strings.Contains(got, "Some systems are slower than usual") {
		t.Errorf("banner %q", got)
	}
	// The internal GDPR incident of the example site is nowhere.
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
		alts := 0
		for _, l := range findAll(doc, "link") {
			if attr(l, "rel") == "alternate" && attr(l, "hreflang") != "" {
				alts++
			}
		}
		if alts != 2 {
			t.Errorf("%s: %d hreflang alternates, want 2", f, alts)
		}
	}
	// Times are machine-readable, in the site's zone.
	inc := parse(t, files["incidents/2025-02-18-assetexplorer-down/index.html"])
	var datetimes []string
	for _, tm := range findAll(inc, "time") {
		datetimes = append(datetimes, attr(tm, "datetime"))
	}
	if !containsString(datetimes, "2025-02-18T09:05:00+01:00") {
		t.Errorf("no <time datetime> for the start: %v", datetimes)
	}
	// Each update has the anchor feeds link to.
	if find(inc, "li", "") == nil || !bytes.Contains(files["incidents/2025-02-18-assetexplorer-down/index.html"], []byte(`id="update-20250218T083300Z"`)) {
		t.Error("the resolving update has no anchor")
	}
	// No script, no request to another site.
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc := parse(t, data)
		if len(findAll(doc, "script")) > 0 {
			t.Errorf("%s has a script", name)
		}
		for _, n := range append(findAll(doc, "link"), append(findAll(doc, "img"), findAll(doc, "a")...)...) {
			for _, a := range []string{"href", "src"} {
				v := attr(n, a)
				if n.Data == "link" && attr(n, "rel") != "stylesheet" && attr(n, "rel") != "icon" {
					continue
				}
				if n.Data == "a" {
					continue
				}
				if strings.HasPrefix(v, "http") && !strings.HasPrefix(v, "https://status.example.org/") {
					t.Errorf("%s loads %s", name, v)
				}
			}
		}
	}
	// The status page and its stylesheet stay small.
	if n := len(files["index.html"]) + len(files["style.css"]); n > 60_000 {
		t.Errorf("status page and CSS weigh %d bytes, over 60 KB", n)
	}
}

// TestDeterministic: the same input gives byte-identical output, every
// file of it, whatever the machine's time zone and locale.
func TestDeterministic(t *testing.T) {
	render := func() map[string][]byte {
		p := openExample(t)
		files, err := renderAll(projection.Public(p.Model), p.FS)
		if err != nil {
			t.Fatal(err)
		}
		return files
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

func parse(t *testing.T, data []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func findAll(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// find returns the first tag element whose class list has class ("" for
// any).
func find(n *html.Node, tag, class string) *html.Node {
	for _, e := range findAll(n, tag) {
		if class == "" || containsString(strings.Fields(attr(e, "class")), class) {
			return e
		}
	}
	return nil
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

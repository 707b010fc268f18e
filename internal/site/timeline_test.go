package site

import (
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/projection"
	"golang.org/x/net/html"
)

// TestLanguageSwitchRelative: the visible language switch of every page
// links relatively to the same page in the other language, so that a
// preview from disk stays on disk; the <link hreflang> alternates stay
// absolute for search engines. The 404 page, served at any address,
// keeps absolute links.
func TestLanguageSwitchRelative(t *testing.T) {
	files := renderExample(t)
	checked := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc := parse(t, data)
		if isRedirect(doc) {
			continue // Statuspage's address of a maintenance window: it only sends the reader on
		}
		nav := find(doc, "nav", "langs")
		if nav == nil {
			t.Errorf("%s has no language switch", name)
			continue
		}
		for _, a := range findAll(nav, "a") {
			href := attr(a, "href")
			if name == "404.html" {
				if !strings.HasPrefix(href, "https://status.example.org/") {
					t.Errorf("404.html: switch link %q, want an absolute one", href)
				}
				continue
			}
			if strings.Contains(href, "://") || strings.HasPrefix(href, "/") {
				t.Errorf("%s: switch link %q is not relative", name, href)
				continue
			}
			// It leads to the same page in the other language's tree.
			target := path.Join(path.Dir(name), href)
			want := path.Join(langPrefix(attr(a, "hreflang")), path.Dir(strings.TrimPrefix(name, "nl/")))
			if target != want {
				t.Errorf("%s: switch link %q leads to %q, want %q", name, href, target, want)
			}
			if _, ok := files[path.Join(target, "index.html")]; !ok {
				t.Errorf("%s: switch link %q leads to no page", name, href)
			}
			checked++
		}
		for _, l := range findAll(doc, "link") {
			if attr(l, "hreflang") != "" && !strings.HasPrefix(attr(l, "href"), "https://status.example.org/") {
				t.Errorf("%s: <link hreflang> %q is not absolute", name, attr(l, "href"))
			}
		}
	}
	if checked == 0 {
		t.Error("no language switch link checked")
	}
}

func langPrefix(lang string) string {
	if lang == "en" {
		return ""
	}
	return lang
}

// TestMaintenanceAutomaticUpdates renders the example site when its
// upcoming window has started, and again when it has ended: the automatic
// updates appear on the page, in the feeds and the API, in the reader's
// language, and the window moves from upcoming to active to history.
func TestMaintenanceAutomaticUpdates(t *testing.T) {
	p := openExample(t)
	const id = "2026-12-06-network-switch-replacement"
	for _, tc := range []struct {
		name   string
		now    time.Time
		status string
		en, nl []string
	}{
		{"during", time.Date(2026, 12, 6, 6, 0, 0, 0, time.UTC), "in_progress",
			[]string{"Scheduled maintenance is in progress."}, []string{"Het geplande onderhoud is bezig."}},
		{"after", time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC), "completed",
			[]string{"Scheduled maintenance is in progress.", "The scheduled maintenance has been completed."},
			[]string{"Het geplande onderhoud is bezig.", "Het geplande onderhoud is voltooid."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := *p.Model
			m.Now = tc.now
			files, err := renderAll(projection.Public(&m), p.FS)
			if err != nil {
				t.Fatal(err)
			}
			for file, want := range map[string][]string{
				"maintenance/" + id + "/index.html":    tc.en,
				"nl/maintenance/" + id + "/index.html": tc.nl,
				"feed.atom":                            tc.en,
				"nl/feed.json":                         tc.nl,
				"api/v2/scheduled-maintenances.json":   tc.en,
			} {
				for _, w := range want {
					if !strings.Contains(string(files[file]), w) {
						t.Errorf("%s lacks %q", file, w)
					}
				}
			}
			active := string(files["api/v2/scheduled-maintenances/active.json"])
			if got := strings.Contains(active, id); got != (tc.status == "in_progress") {
				t.Errorf("active.json lists the window: %v, want %v", got, tc.status == "in_progress")
			}
			page := parse(t, files["maintenance/"+id+"/index.html"])
			if b := text(find(page, "p", "banner")); !slices.Contains([]string{"In progress", "Completed"}, strings.TrimSpace(b)) {
				t.Errorf("banner %q", b)
			}
		})
	}
}

// TestExpectedResolution: while an incident is open, its page and the
// status page say when it is expected to be resolved, from its detection
// and expected downtime, and that it takes longer once that time has
// passed; a resolved incident says neither.
func TestExpectedResolution(t *testing.T) {
	p := openExample(t)
	const open = "incidents/2026-11-23-api-slow-responses/index.html"
	const closed = "incidents/2025-02-18-assetexplorer-down/index.html"
	for _, tc := range []struct {
		now    time.Time
		en, nl string
	}{
		// Detected at 08:40 CET with 4h of expected downtime.
		{time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC),
			"around 12:40 CET (expected downtime 4 h)", "rond 12:40 CET (verwachte onderbreking 4 u)"},
		{time.Date(2026, 11, 23, 11, 40, 0, 0, time.UTC),
			"taking longer than the expected 4 h", "duurt langer dan de verwachte 4 u"},
	} {
		m := *p.Model
		m.Now = tc.now
		files, err := renderAll(projection.Public(&m), p.FS)
		if err != nil {
			t.Fatal(err)
		}
		for file, want := range map[string]string{"index.html": tc.en, open: tc.en, "nl/index.html": tc.nl, "nl/" + open: tc.nl} {
			if !strings.Contains(string(files[file]), want) {
				t.Errorf("now %v: %s lacks %q", tc.now, file, want)
			}
		}
		if strings.Contains(string(files[closed]), "Expected resolution") {
			t.Errorf("now %v: the resolved incident's page says when it is expected to be resolved", tc.now)
		}
	}
}

// isRedirect reports whether doc is a page that only sends the reader on
// (a meta refresh), such as incidents/ID/ of a maintenance window.
func isRedirect(doc *html.Node) bool {
	for _, m := range findAll(doc, "meta") {
		if strings.EqualFold(attr(m, "http-equiv"), "refresh") {
			return true
		}
	}
	return false
}

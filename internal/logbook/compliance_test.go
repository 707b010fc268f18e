package logbook

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/model"
)

// TestIsBreach: a privacy incident is one of the privacy category or one
// that lists the GDPR, whatever else it lists.
func TestIsBreach(t *testing.T) {
	privacy, security := &catalog.Template{Name: "privacy"}, &catalog.Template{Name: "security"}
	for _, tc := range []struct {
		name string
		inc  model.Incident
		want bool
	}{
		{"privacy category, no regulation", model.Incident{Template: privacy}, true},
		{"security, under the GDPR and NIS2", model.Incident{Template: security, Regulation: []string{"nis2", "gdpr"}}, true},
		{"security, under NIS2 only", model.Incident{Template: security, Regulation: []string{"nis2"}}, false},
		{"no template, under the GDPR", model.Incident{Regulation: []string{"gdpr"}}, true},
		{"no template, no regulation", model.Incident{}, false},
	} {
		if got := isBreach(&tc.inc); got != tc.want {
			t.Errorf("%s: isBreach = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestComplianceChecks: each line of the compliance page is OK or needs
// attention by the other pages' rules, and lists the items behind it; a
// change to the fixture moves exactly the line it concerns.
func TestComplianceChecks(t *testing.T) {
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	type state struct {
		ok    bool
		items int
	}
	// The fixture: a missed early warning; the plan tested in June; the
	// suppliers' list reviewed 17 months ago; the GDPR incident's RCA in
	// review; the account takeover decided to notify under NIS2 and the
	// GDPR with no report sent.
	base := map[string]state{"clocks": {false, 1}, "plan": {true, 1}, "contacts": {false, 1}, "rca": {false, 1}, "decisions": {false, 2}}
	for _, tc := range []struct {
		name string
		// edits are pairs of old and new text, each replaced once, from
		// the first's place on.
		edits   []string
		changed map[string]state
	}{
		{"the fixture", nil, nil},
		{"the list reviewed this month", []string{"reviewed: 2025-06-30", "reviewed: 2026-11-02"}, map[string]state{"contacts": {true, 0}}},
		{"the RCA final", []string{"incident: 2026-03-12-misdirected-data-export\nstatus: review", "incident: 2026-03-12-misdirected-data-export\nstatus: final"}, map[string]state{"rca": {true, 0}}},
		{"the plan tested 13 months ago", []string{"date: 2026-06-11\nkind: tabletop", "date: 2025-10-11\nkind: tabletop"}, map[string]state{"plan": {false, 1}}},
		{"a privacy incident outside the GDPR", []string{
			"title: =HYPERLINK", "title: =HYPERLINK",
			"category: availability\nseverity: minor", "category: privacy\nseverity: low\nregulation: []",
			"## Impact\n", "## Data involved\n",
			"## Root cause\n", "## Cause\n",
		}, map[string]state{"decisions": {false, 3}}},
		{"the plan never tested", []string{"date: 2026-06-11\nkind: tabletop", "date: 2027-06-11\nkind: tabletop"}, map[string]state{"plan": {false, 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, from := string(archive), 0
			for i := 0; i+1 < len(tc.edits); i += 2 {
				j := strings.Index(a[from:], tc.edits[i])
				if j < 0 {
					t.Fatalf("the fixture lacks %q", tc.edits[i])
				}
				j += from
				a = a[:j] + tc.edits[i+1] + a[j+len(tc.edits[i]):]
				from = j
			}
			files := renderProject(t, openSite(t, fixtureFile, a, true, fixtureNow))
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(files["compliance/index.html"]))
			if err != nil {
				t.Fatal(err)
			}
			for id, want := range base {
				if c, ok := tc.changed[id]; ok {
					want = c
				}
				sec := doc.Find("#check-" + id)
				if sec.Length() != 1 {
					t.Errorf("no check %s", id)
					continue
				}
				got := state{ok: sec.Find("h2 .ok").Length() == 1, items: sec.Find("li").Length()}
				if got != want {
					t.Errorf("check %s: ok %v with %d items, want ok %v with %d", id, got.ok, got.items, want.ok, want.items)
				}
			}
		})
	}
}

// TestBreachEffectsFallBackToUpdates: a breach whose record has no
// section about its data or impact shows the updates' messages as its
// effects, and still its remedial action.
func TestBreachEffectsFallBackToUpdates(t *testing.T) {
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	a := string(archive)
	// Remove the two sections, heading and text, up to the next heading.
	for _, h := range []string{"## Data involved\n", "## Risk assessment\n"} {
		i := strings.Index(a, h)
		if i < 0 {
			t.Fatalf("the fixture lacks %q", h)
		}
		j := strings.Index(a[i+len(h):], "\n## ")
		a = a[:i] + a[i+len(h)+j+1:]
	}
	files := renderProject(t, openSite(t, fixtureFile, a, true, fixtureNow))
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(files["breaches/index.html"]))
	if err != nil {
		t.Fatal(err)
	}
	b := doc.Find("#b-2026-03-12-misdirected-data-export")
	if n := b.Find("ul li time").Length(); n != 3 {
		t.Errorf("effects: %d updates, want 3:\n%s", n, b.Text())
	}
	if !strings.Contains(b.Text(), "mixed up two customers") {
		t.Errorf("effects lack the updates' messages")
	}
	if n := b.Find("#b-2026-03-12-misdirected-data-export-immediate-actions").Length(); n != 1 {
		t.Errorf("remedial action lost its section")
	}
}

package diff_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/diff"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/site"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

var now = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

const incidentFile = "content/incidents/2025/2025-02-18-website-down.md"

// website is a public incident with one update; the cases edit it.
const website = `---
title: Website down
category: availability
severity: minor
services: {website: degraded_performance}
detected: 2025-02-18T09:05:00+01:00
acknowledged: 2025-02-18T09:10:00+01:00
coordinator: an-janssens
expected_downtime: 1h
updates:
  - {at: 2025-02-18T09:10:00+01:00, status: investigating, message: The website is slow.}
actions:
  - {title: Add a server, owner: ops, due: 2025-03-31}
---

## Impact
Pages load slowly.
`

// sideOf checks a site of the minimal configuration and contacts plus
// the given incident file ("" for none).
func sideOf(t *testing.T, incident string) diff.Side {
	t.Helper()
	archive := "-- incidentsite.yaml --\n" + testutil.MinimalConfig + "-- content/contacts/internal.md --\n" + testutil.MinimalContacts
	if incident != "" {
		archive += "-- " + incidentFile + " --\n" + incident
	}
	p := project.New(testutil.SiteFS(archive), nil, now)
	p.Check()
	if p.Model == nil {
		t.Fatalf("invalid site: %v", p.Diags)
	}
	return diff.Side{Site: p.Model}
}

func edit(s string, pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			panic("no " + pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func kinds(r *diff.Report) []string {
	var out []string
	for _, c := range r.Changes {
		out = append(out, string(c.Audience)+" "+string(c.Kind)+" "+string(c.Severity))
	}
	return out
}

func TestCompare(t *testing.T) {
	internal := edit(website, "category: availability\n", "category: availability\nvisibility: internal\n")
	regulated := edit(website, "category: availability\n", "category: availability\nregulation: [nis2]\n")
	for _, tc := range []struct {
		name       string
		base, head string
		want       []string
	}{
		{name: "no change", base: website, head: website},
		{name: "blank lines around a section change nothing", base: website, head: website + "\n\n"},
		{name: "incident added", base: "", head: website, want: []string{"public incident-added notice", "public update-added notice", "team action-added notice"}},
		{name: "internal incident added", base: "", head: internal, want: []string{"team incident-added notice", "team action-added notice"}},
		{name: "made public", base: internal, head: website, want: []string{"public made-public loud", "public update-added notice"}},
		{name: "withdrawn", base: website, head: internal, want: []string{"public withdrawn loud"}},
		{name: "public deleted", base: website, head: "", want: []string{"public deleted loud"}},
		{name: "internal deleted", base: internal, head: "", want: []string{"team deleted warning"}},
		{name: "update added with a new status and impact",
			base: website,
			head: edit(website, "actions:", "  - {at: 2025-02-18T09:40:00+01:00, status: identified, message: A disk is full., services: {website: partial_outage}}\nactions:"),
			want: []string{"public update-added notice", "public status-changed notice", "public impact-changed notice"}},
		{name: "severity changes the impact",
			base: website, head: edit(website, "severity: minor", "severity: major"),
			want: []string{"public impact-changed notice"}},
		{name: "published message rewritten",
			base: website, head: edit(website, "The website is slow.", "The website is fine."),
			want: []string{"public text-rewritten warning"}},
		{name: "a translation added to a message is a rewrite of the message",
			base: website, head: edit(website, "message: The website is slow.}", "message: {en: The website is slow., nl: De website is traag.}}"),
			want: []string{"public text-rewritten warning"}},
		{name: "update's status changed",
			base: website, head: edit(website, "status: investigating, message: The website is slow.", "status: identified, message: The website is slow."),
			want: []string{"public status-changed warning", "public status-changed notice"}},
		{name: "update removed",
			base: edit(website, "actions:", "  - {at: 2025-02-18T09:40:00+01:00, status: identified, message: A disk is full.}\nactions:"), head: website,
			want: []string{"public update-removed warning", "public status-changed notice"}},
		{name: "title rewritten",
			base: website, head: edit(website, "title: Website down", "title: Website unavailable"),
			want: []string{"public text-rewritten warning"}},
		{name: "section rewritten, added and removed",
			base: website, head: edit(website, "Pages load slowly.", "Pages load slowly or not at all.\n\n## Workaround\nUse the app."),
			want: []string{"public text-rewritten warning", "public section-added notice"}},
		{name: "section removed",
			base: website, head: edit(website, "## Impact\nPages load slowly.\n", ""),
			want: []string{"public section-removed warning"}},
		{name: "internal note and section change nothing for customers",
			base: website, head: edit(website, "message: The website is slow.}", "message: The website is slow., internal: ticket 42}", "Pages load slowly.\n", "Pages load slowly.\n\n## Internal notes\nSecret.\n"),
		},
		{name: "action done, added, removed",
			base: website,
			head: edit(website, "  - {title: Add a server, owner: ops, due: 2025-03-31}", "  - {title: Add a server, owner: ops, due: 2025-03-31, done: 2025-02-28}\n  - {title: Alert on disk, owner: ops, due: 2025-03-15}"),
			want: []string{"team action-done notice", "team action-added notice"}},
		{name: "notification and decision added",
			base: regulated, head: edit(regulated, "updates:", "notifications:\n  - {to: ops, kind: early-warning, at: 2025-02-18T15:00:00+01:00}\ndecisions:\n  - {regulation: nis2, at: 2025-02-18T14:00:00+01:00, by: an-janssens, notify: true, criteria: [service-unavailable], reason: All down.}\nupdates:"),
			want: []string{"team notification-added notice", "team decision-added notice"}},
		{name: "notification and decision removed",
			base: edit(regulated, "updates:", "notifications:\n  - {to: ops, kind: early-warning, at: 2025-02-18T15:00:00+01:00}\ndecisions:\n  - {regulation: nis2, at: 2025-02-18T14:00:00+01:00, by: an-janssens, notify: false, reason: Small.}\nupdates:"), head: regulated,
			want: []string{"team notification-removed warning", "team decision-removed warning", "team deadline-missed warning", "team deadline-missed warning"}}, // without the decision not to notify, the clocks run again
		{name: "two actions of one title are two actions",
			base: website,
			head: edit(website, "  - {title: Add a server, owner: ops, due: 2025-03-31}", "  - {title: Add a server, owner: ops, due: 2025-03-31}\n  - {title: Add a server, owner: ops, due: 2025-04-30}"),
			want: []string{"team action-added notice"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := diff.Compare(sideOf(t, tc.base), sideOf(t, tc.head))
			if d := cmp.Diff(tc.want, kinds(r)); d != "" {
				t.Errorf("changes (-want +got):\n%s", d)
			}
		})
	}
}

// TestUpdateAnchor checks that an added update's address points at the
// update on the page the public site renders.
func TestUpdateAnchor(t *testing.T) {
	archive := "-- incidentsite.yaml --\n" + testutil.MinimalConfig + "-- content/contacts/internal.md --\n" + testutil.MinimalContacts + "-- " + incidentFile + " --\n" + website
	p := project.New(testutil.SiteFS(archive), nil, now)
	p.Check()
	if p.Model == nil {
		t.Fatalf("invalid site: %v", p.Diags)
	}
	r := diff.Compare(sideOf(t, ""), diff.Side{Site: p.Model})
	var url string
	for _, c := range r.Changes {
		if c.Kind == diff.UpdateAdded {
			url = c.URL
		}
	}
	page, anchor, ok := strings.Cut(url, "#")
	if !ok {
		t.Fatalf("update-added URL %q has no anchor", url)
	}
	out := &memOut{files: map[string][]byte{}}
	if err := site.Render(projection.Public(p.Model), p.Theme, out); err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(page, "https://status.example.org/") + "index.html"
	html, ok := out.files[name]
	if !ok {
		t.Fatalf("the site has no page %s for %s", name, page)
	}
	if !bytes.Contains(html, []byte(`id="`+anchor+`"`)) {
		t.Errorf("%s has no element with id %q", name, anchor)
	}
}

type memOut struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memOut) Put(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = data
	return nil
}

// TestJSONSchema checks the document's top level and a change's fields,
// which notification hooks read with jq.
func TestJSONSchema(t *testing.T) {
	base, head := sideOf(t, ""), sideOf(t, website)
	base.Rev, base.Commit = "main", "0123456789abcdef0123456789abcdef01234567"
	r := diff.Compare(base, head)
	var buf bytes.Buffer
	if err := diff.WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version int
		Base    struct{ Rev, Commit *string }
		Head    struct{ Rev, Commit *string }
		Changes []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 1 || doc.Base.Rev == nil || *doc.Base.Rev != "main" || doc.Head.Rev != nil || doc.Head.Commit != nil {
		t.Errorf("top level: %s", buf.Bytes())
	}
	for _, c := range doc.Changes {
		for _, k := range []string{"audience", "kind", "record", "record_kind", "title", "url", "file", "severity", "detail"} {
			if _, ok := c[k]; !ok {
				t.Errorf("change without %q: %v", k, c)
			}
		}
		if c["kind"] == "update-added" {
			d := c["detail"].(map[string]any)
			if d["at"] != "2025-02-18T09:10:00+01:00" || d["status"] != "investigating" || d["message"].(map[string]any)["en"] != "The website is slow." {
				t.Errorf("update-added detail: %v", d)
			}
		}
	}
}

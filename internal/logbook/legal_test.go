package logbook

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// TestMailto: a mailto: link encodes every reserved character, writes
// line breaks as CRLF (RFC 6068), and carries the subject only when the
// whole link would be longer than the cap.
func TestMailto(t *testing.T) {
	long := strings.Repeat("x", 2000)
	for _, tc := range []struct {
		name          string
		to            []string
		subject, body string
		max           int
		want          string
		full          bool
	}{
		{"plain", []string{"a@example.org"}, "Hi", "Body", 100, "mailto:a@example.org?subject=Hi&body=Body", true},
		{"several recipients", []string{"a@example.org", "b@example.org"}, "S", "B", 100, "mailto:a@example.org,b@example.org?subject=S&body=B", true},
		{"no recipient", nil, "S", "B", 100, "mailto:?subject=S&body=B", true},
		{"spaces are %20, not +", []string{"a@example.org"}, "a b+c", "", 100, "mailto:a@example.org?subject=a%20b%2Bc&body=", true},
		{"reserved characters", []string{"a@example.org"}, "&?=#%", "", 100, "mailto:a@example.org?subject=%26%3F%3D%23%25&body=", true},
		{"line breaks are CRLF", []string{"a@example.org"}, "S", "one\ntwo\r\nthree", 100, "mailto:a@example.org?subject=S&body=one%0D%0Atwo%0D%0Athree", true},
		{"UTF-8", []string{"a@example.org"}, "Café “x”", "", 100, "mailto:a@example.org?subject=Caf%C3%A9%20%E2%80%9Cx%E2%80%9D&body=", true},
		{"an address with a reserved character", []string{"a&b@example.org"}, "S", "", 100, "mailto:a%26b@example.org?subject=S&body=", true},
		{"exactly at the cap", []string{"a@example.org"}, "S", "12", 38, "mailto:a@example.org?subject=S&body=12", true},
		{"over the cap: subject only", []string{"a@example.org"}, "S", "123", 38, "mailto:a@example.org?subject=S", false},
		{"a long body", []string{"a@example.org"}, "S", long, maxMailto, "mailto:a@example.org?subject=S", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, full := mailto(tc.to, tc.subject, tc.body, tc.max)
			if got != tc.want || full != tc.full {
				t.Errorf("mailto = %q, %v; want %q, %v", got, full, tc.want, tc.full)
			}
			if full && len(got) > tc.max {
				t.Errorf("full link of %d characters, over the cap %d", len(got), tc.max)
			}
			// The link reads back as what was encoded.
			u, err := url.Parse(got)
			if err != nil {
				t.Fatal(err)
			}
			if s := u.Query().Get("subject"); s != tc.subject {
				t.Errorf("subject reads back as %q", s)
			}
			if b := u.Query().Get("body"); full && b != strings.ReplaceAll(strings.ReplaceAll(tc.body, "\r\n", "\n"), "\n", "\r\n") {
				t.Errorf("body reads back as %q", b)
			}
		})
	}
}

// TestNoDecision: a regulated incident without a decision shows that the
// decision is due, on its page and on the deadlines page; its report is
// due, with a draft, and a notification sent to the wrong contact is
// named as not counting.
func TestNoDecision(t *testing.T) {
	p := openSite(t, "site", `
-- incidentsite.yaml --
title: Test
base_url: https://status.example.org/
languages: [en]
services:
  - {id: web, name: Website}
-- content/incidents/2025-06-01-leak.md --
---
title: Leak
category: privacy
severity: low
visibility: internal
services: {web: degraded_performance}
detected: 2025-06-01T10:00:00Z
regulation: [gdpr]
notifications:
  - {to: lawyer, kind: breach-notification, at: 2025-06-01T12:00:00Z}
---
-- content/contacts/external.md --
---
title: External contacts
audience: external
owner: lawyer
reviewed: 2025-05-01
contacts:
  - {id: lawyer, name: Our lawyer, roles: [legal-adviser], email: law@example.org}
---
`, true, time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC))
	files := renderProject(t, p)
	for _, name := range []string{"incidents/2025-06-01-leak/index.html", "deadlines/index.html"} {
		if !strings.Contains(string(files[name]), "No decision yet: due") {
			t.Errorf("%s does not say the decision is due", name)
		}
	}
	// Detected 10:00 UTC on 1 June: the GDPR notification is due 72 hours
	// later, 46 hours after the build's now.
	if page := string(files["deadlines/index.html"]); !strings.Contains(page, "1 d 22 h left") {
		t.Errorf("the deadlines page lacks the time left:\n%s", page)
	}
	// A notification to someone who holds none of the stage's roles
	// meets nothing, and the page says so.
	if page := string(files["incidents/2025-06-01-leak/index.html"]); !strings.Contains(page, "The breach-notification sent to Our lawyer on 1 Jun 2025, 12:00 UTC does not count") {
		t.Errorf("the incident page does not say the notification to the lawyer does not count")
	}
	if _, ok := files["incidents/2025-06-01-leak/drafts/gdpr-notification.txt"]; !ok {
		t.Error("the due notification has no draft file")
	}
}

// TestFill: a draft's content item is filled from the record: a section
// of the same id, else the sources itemSources names for it, best first
// (the RCA's root cause before the incident's own); the latest update
// with a message for a status; the DPO's contact details; else nothing,
// and the draft marks the field to fill.
func TestFill(t *testing.T) {
	_, r := fixtureRenderer(t)
	w := &pageWriter{r: r, lang: "en"}
	sec := func(id, md string) model.Section { return model.Section{ID: id, Markdown: []byte(md)} }
	at := time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)
	inc := &model.Incident{
		Sections: []model.Section{sec("root-cause", "Own cause."), sec("impact", "Two *services* down.<!-- hidden -->"), sec("indicators", "IP 192.0.2.1")},
		RCA:      &model.RCA{Sections: []model.Section{sec("root-cause", "RCA cause."), sec("summary", "RCA summary.")}},
		Updates: []model.Update{
			{At: at, Status: vocab.Investigating, Message: l10n.Text{"en": "First."}},
			{At: at.Add(time.Hour), Status: vocab.Identified, Message: l10n.Text{"en": "Second\nline."}},
			{At: at.Add(2 * time.Hour), Status: vocab.Monitoring},
		},
	}
	for _, tc := range []struct{ item, want string }{
		{"indicators", "IP 192.0.2.1"},
		{"root-cause", "RCA cause."},
		{"description", "RCA summary."},
		{"consequences", "Two services down."},
		{"status", "2 Jan 2026, 11:00 CET, Identified: Second line."},
		{"contact", "Emma Claes, Legal & compliance, dpo@example.org, +32 470 00 01 05"},
		{"cross-border", ""},
		{"unknown-item", ""},
	} {
		t.Run(tc.item, func(t *testing.T) {
			if got := w.fill(inc, tc.item); got != tc.want {
				t.Errorf("fill(%q) = %q, want %q", tc.item, got, tc.want)
			}
		})
	}
	// Without an RCA, the incident's own section answers.
	inc.RCA = nil
	if got := w.fill(inc, "root-cause"); got != "Own cause." {
		t.Errorf("fill(root-cause) without an RCA = %q", got)
	}
}

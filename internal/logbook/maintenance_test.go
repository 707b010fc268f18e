package logbook

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// TestMaintenanceList: at the build's now, the windows not completed
// (scheduled, started by the build at their scheduled time, in progress
// by hand, overrunning) come first, soonest first; the completed ones
// (by the file, or ended by the build at their scheduled end) after them,
// newest first; public and internal alike, each with its status at now.
func TestMaintenanceList(t *testing.T) {
	now := time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
	// id, visibility, from and until (hours from now), status, and an
	// update's time (hours from now) when the file has one.
	windows := []struct {
		id, vis  string
		from, to int
		status   string
		update   *int
	}{
		{"done-long-ago", "public", -500, -498, "completed", nil},
		{"next-week", "internal", 150, 152, "scheduled", nil},
		{"tomorrow", "public", 24, 26, "scheduled", nil},
		{"started-by-the-build", "public", -1, 1, "scheduled", nil},
		{"ended-by-the-build", "internal", -5, -3, "in_progress", nil},
		{"overrunning", "public", -5, -1, "in_progress", ptr(0)},
		{"put-off", "public", -2, 2, "scheduled", ptr(-1)},
		{"done-yesterday", "public", -26, -24, "completed", nil},
	}
	var site strings.Builder
	site.WriteString(`-- incidentsite.yaml --
title: Test
base_url: https://status.example.org/
languages: [en]
timezone: UTC
services:
  - {id: web, name: Website}
-- content/contacts/internal.md --
---
title: Internal
audience: internal
owner: an
reviewed: 2025-06-01
contacts:
  - {id: an, name: An, email: an@example.org, roles: [operations-team, service-desk]}
---
`)
	at := func(h int) string { return now.Add(time.Duration(h) * time.Hour).Format(time.RFC3339) }
	for _, w := range windows {
		fmt.Fprintf(&site, "-- content/maintenance/%s.md --\n---\ntitle: %s\nvisibility: %s\nservices: [web]\nscheduled_for: %s\nscheduled_until: %s\nstatus: %s\ncoordinator: an\n",
			w.id, w.id, w.vis, at(w.from), at(w.to), w.status)
		if w.update != nil {
			fmt.Fprintf(&site, "updates:\n  - {at: %s, status: %s, message: By hand.}\n", at(*w.update), w.status)
		}
		site.WriteString("---\n\n## What we will do\nWork.\n\n## Plan and rollback\nSteps.\n")
	}
	files := renderProject(t, openSite(t, "site", site.String(), true, now))
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(files["maintenance/index.html"]))
	if err != nil {
		t.Fatal(err)
	}
	rows := func(section string) []string {
		var out []string
		doc.Find(section + " tbody tr").Each(func(_ int, tr *goquery.Selection) {
			out = append(out, tr.Find("code").Text()+" "+tr.Find(`span[class^="m-"]`).Text()+" "+tr.Find(".tag").Text())
		})
		return out
	}
	// overrunning is in progress by hand, with an update after its
	// scheduled end: not completed.
	wantUpcoming := []string{
		"overrunning In progress Public",
		"put-off Scheduled Public",
		"started-by-the-build In progress Public",
		"tomorrow Scheduled Public",
		"next-week Scheduled Internal only",
	}
	wantPast := []string{
		"ended-by-the-build Completed Internal only",
		"done-yesterday Completed Public",
		"done-long-ago Completed Public",
	}
	if got := rows(`section[aria-labelledby="h-upcoming"]`); !slices.Equal(got, wantUpcoming) {
		t.Errorf("upcoming:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantUpcoming, "\n"))
	}
	if got := rows(`section[aria-labelledby="h-past"]`); !slices.Equal(got, wantPast) {
		t.Errorf("past:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantPast, "\n"))
	}
	for _, w := range windows {
		if _, ok := files["maintenance/"+w.id+"/index.html"]; !ok {
			t.Errorf("maintenance/%s/ was not written", w.id)
		}
	}
	if !strings.Contains(string(files["maintenance/ended-by-the-build/index.html"]), "The scheduled maintenance has been completed.") {
		t.Error("the window the build ended does not say so in the page's language")
	}
}

func ptr(n int) *int { return &n }

// TestNoMaintenance: a site without windows says so.
func TestNoMaintenance(t *testing.T) {
	files := renderProject(t, openSite(t, "site", `
-- incidentsite.yaml --
title: Test
base_url: https://status.example.org/
languages: [en]
services:
  - {id: web, name: Website}
`, true, time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)))
	if got := string(files["maintenance/index.html"]); !strings.Contains(got, "No maintenance windows registered.") || strings.Contains(got, "<table") {
		t.Errorf("the empty list:\n%s", got)
	}
}

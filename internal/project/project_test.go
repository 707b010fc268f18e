package project_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// exampleNow is a "now" at which the example site is current: after its
// ongoing incident started, before its upcoming maintenance.
var exampleNow = time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC)

// TestExampleSite keeps the repository's own example site valid, without
// a single warning, and checks what the model makes of it.
func TestExampleSite(t *testing.T) {
	p, err := project.Open(project.Options{Dir: "../..", Now: exampleNow})
	if err != nil {
		t.Fatal(err)
	}
	p.Check()
	for _, d := range p.Diags {
		t.Errorf("%s", d)
	}
	if p.Model == nil {
		t.Fatal("no model")
	}
	want := map[content.Kind]int{content.KindIncident: 4, content.KindRCA: 3, content.KindMaintenance: 2, content.KindContacts: 2, content.KindExercise: 1}
	for k, n := range want {
		if got := p.Counts()[k]; got != n {
			t.Errorf("%s: %d, want %d", k, got, n)
		}
	}
	var open, internal int
	for _, inc := range p.Model.Incidents {
		if !inc.IsResolved() {
			open++
		}
		if inc.Visibility == "internal" {
			internal++
		}
	}
	if open != 1 || internal != 1 {
		t.Errorf("open incidents %d, internal %d; want 1 and 1", open, internal)
	}
	first := p.Model.Incidents[len(p.Model.Incidents)-1]
	if first.ID != "2025-02-18-assetexplorer-down" || first.RCA == nil || !first.RCA.Published {
		t.Errorf("oldest incident %s, RCA %v: want the AssetExplorer outage with its published RCA", first.ID, first.RCA)
	}
}

// TestNowFromContent: outside git, "now" is the newest time in the
// content, so that the same files give the same result on any day.
func TestNowFromContent(t *testing.T) {
	dir := t.TempDir()
	for name, f := range testutil.SiteFS(`
-- incidentsite.yaml --
` + testutil.MinimalConfig + `
-- content/contacts/internal.md --
` + testutil.MinimalContacts) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := project.Open(project.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	p.Check()
	if want := time.Date(2025, 1, 15, 0, 0, 0, 0, mustLoc(t, "Europe/Brussels")); !p.Now.Equal(want) {
		t.Errorf("now = %v (from %s), want %v", p.Now, p.NowFrom, want)
	}
}

func mustLoc(t *testing.T, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// BenchmarkValidate10k loads, validates and models a generated site of
// 10,000 incidents (with updates, sections and RCAs) from disk.
func BenchmarkValidate10k(b *testing.B) {
	dir := b.TempDir()
	writeSite(b, dir, 10_000)
	b.ResetTimer()
	for b.Loop() {
		p, err := project.Open(project.Options{Dir: dir, Now: exampleNow})
		if err != nil {
			b.Fatal(err)
		}
		p.Check()
		if p.Model == nil {
			b.Fatalf("invalid: %v", p.Diags.Err())
		}
	}
}

// writeSite writes a valid site of n incidents, one RCA per ten.
func writeSite(tb testing.TB, dir string, n int) {
	tb.Helper()
	write := func(name, text string) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write("incidentsite.yaml", testutil.MinimalConfig)
	write("content/contacts/internal.md", testutil.MinimalContacts)
	write("content/exercises/2026-06-01-tabletop.md", "---\ntitle: Tabletop\ndate: 2026-06-01\nkind: tabletop\nparticipants: [ops]\nfindings: []\n---\n\n## Scenario\nx\n\n## Observations\nx\n\n## Lessons learned\nx\n")
	start := time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range n {
		d := start.Add(time.Duration(i) * 4 * time.Hour)
		id := fmt.Sprintf("%s-incident-%05d", d.Format("2006-01-02"), i)
		at := func(m int) string { return d.Add(time.Duration(m) * time.Minute).Format(time.RFC3339) }
		rca := ""
		if i%10 == 0 {
			rca = "rca: " + id + "\n"
			write("content/rcas/"+id+".md", fmt.Sprintf("---\ntitle: RCA %d\nincident: %s\nstatus: final\npublished: true\nauthor: an-janssens\nreviewers: [ops]\n---\n\n## Summary\nx\n\n## Timeline\nx\n\n## Root cause\nx\n\n## Corrective actions\nx\n\n## Lessons learned\nx\n", i, id))
		}
		write(fmt.Sprintf("content/incidents/%s/%s.md", d.Format("2006"), id), fmt.Sprintf(`---
title: AssetExplorer is unavailable (%d)
category: availability
severity: minor
visibility: public
services:
  assetexplorer: major_outage
  website: degraded_performance
detected: %s
acknowledged: %s
resolved: %s
expected_downtime: 30m
coordinator: an-janssens
teams: [ops]
updates:
  - at: %s
    status: investigating
    message: We are investigating reports that AssetExplorer cannot be reached.
    internal: Monitoring alert; the database failover did not complete.
  - at: %s
    status: identified
    message: The database did not fail over; we are promoting the standby.
  - at: %s
    status: resolved
    message: AssetExplorer is available again. A root cause analysis will follow.
actions:
  - {title: Test database failover monthly, owner: ops, due: 2025-03-31, done: false}
%s---

## Impact
Customers could not sign in to AssetExplorer for 28 minutes.

## Workaround
None was needed.

## Root cause
The database failover did not complete in time.

## Immediate actions
- The standby was promoted by hand.

## Internal notes
The failover script timed out on the replica's WAL replay; see the RCA.

## Preventive measures
Failover is tested monthly.
`, i, at(0), at(7), at(35), at(7), at(20), at(35), rca))
	}
}

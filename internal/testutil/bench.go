package testutil

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/gensite"
)

// WriteSite writes into dir a valid site of n resolved incidents over
// the years before 2026, each with three updates, every section and an
// action, and an RCA for one in ten: the site of the benchmarks.
func WriteSite(tb testing.TB, dir string, n int) {
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
	write("incidentsite.yaml", MinimalConfig)
	write("content/contacts/internal.md", MinimalContacts)
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

// BenchSizes are the numbers of incidents of the per-phase benchmarks:
// 1,000, and 10,000 with INCIDENTSITE_BENCH_10K set (the generated
// repository alone takes a minute to write).
func BenchSizes() []int {
	if os.Getenv("INCIDENTSITE_BENCH_10K") != "" {
		return []int{1_000, 10_000}
	}
	return []int{1_000}
}

// GeneratedSite writes a site of n incidents and 5n commits with package
// gensite into a new temporary folder, and returns the folder.
func GeneratedSite(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	if _, err := gensite.Write(dir, n); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// EditIncident returns a function that edits one incident of the site in
// dir (the middle one of content/incidents, by name) as a person saving
// it does: each call writes the file as it was with a line of its own
// appended, so that each call is a change. The benchmarks of a
// preview's rebuild call it between builds.
func EditIncident(tb testing.TB, dir string) func() {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "content", "incidents", "*", "*.md"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no incident in %s: %v", dir, err)
	}
	edited := files[len(files)/2]
	orig, err := os.ReadFile(edited)
	if err != nil {
		tb.Fatal(err)
	}
	edits := 0
	return func() {
		edits++
		if err := os.WriteFile(edited, fmt.Appendf(orig, "\nEdit %d.\n", edits), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

package validate_test

import (
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// strict turns validation.strict on in the base site's configuration.
var strict = edit{cfgFile, "timezone: Europe/Brussels\n", "timezone: Europe/Brussels\nvalidation: {strict: true}\n"}

// TestStrict checks that validation.strict raises what is still to be
// written to an error when the record's own text brought it on, and
// leaves what the clock brought on a warning.
func TestStrict(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "strict-base-site-is-valid",
			edits: []edit{strict},
			want:  nil,
		},
		{
			name:  "strict-section-required-once-resolved",
			edits: []edit{strict, {incFile, "## Root cause\nThe database failover did not complete.\n\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:1: section \"Root cause\" is required once the incident is resolved (templates/availability.yaml, built in); add \"## Root cause\" to the body: What caused the outage, in words a customer understands.",
			},
		},
		{
			name:  "strict-field-required-once-acknowledged",
			edits: []edit{strict, {incFile, "expected_downtime: 30m\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:1: expected_downtime is required once the incident is acknowledged (templates/availability.yaml, built in); add expected_downtime: to the front matter",
			},
		},
		{
			name:  "strict-missing-rca",
			edits: []edit{strict, {incFile, "rca: 2025-02-18-assetexplorer-down\n", ""}},
			drop:  []string{rcaFile},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:4:11: a resolved major availability incident should have a root cause analysis (templates/availability.yaml, built in); run \"incidentsite new rca --incident 2025-02-18-assetexplorer-down\"",
			},
		},
		{
			// The exercise was held because its date passed: the clock
			// brought the requirement on, so it stays a warning.
			name:  "strict-exercise-held-stays-warning",
			edits: []edit{strict, {exerFile, "## Observations\nNobody had the CSIRT's number at hand.\n\n", ""}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:3:1: warning: section \"Observations\" is required once the exercise has been held (templates/exercise.yaml, built in); add \"## Observations\" to the body: What happened during the exercise, as it happened.",
			},
		},
	})
}

// laterNows are the "nows" at which a repository valid today is checked
// again: a minute, a day, the turn of a review period, and years later.
var laterNows = []time.Duration{
	time.Minute, 24 * time.Hour, 31 * 24 * time.Hour, 180 * 24 * time.Hour, 366 * 24 * time.Hour,
	2 * 366 * 24 * time.Hour, 5 * 366 * 24 * time.Hour, 30 * 366 * 24 * time.Hour,
}

// TestValidLaterIsValid checks DESIGN.md's non-negotiable 0: time passing
// never turns a valid repository into a failing one. The base site, with
// and without validation.strict and with a planned exercise and
// maintenance ahead, and the example site at the project's root, are
// valid at a "now" and have no error at any later one (warnings about
// review ages and the like are expected).
func TestValidLaterIsValid(t *testing.T) {
	planned := siteCase{files: `
-- content/exercises/2025-09-10-failover-drill.md --
---
title: Failover drill
date: 2025-09-10
kind: technical
participants: [ops]
---
-- content/maintenance/2025-08-01-network.md --
---
title: Network upgrade
services: [website]
scheduled_for: 2025-08-01T22:00:00+02:00
scheduled_until: 2025-08-02T02:00:00+02:00
status: scheduled
coordinator: an-janssens
---

## What we will do
Replace the core switches.
`}
	example, err := source.Dir("../..")
	if err != nil {
		t.Fatal(err)
	}
	sites := []struct {
		name  string
		fsys  func(t *testing.T) fs.FS
		start time.Time
	}{
		{"base", func(t *testing.T) fs.FS { return testutil.SiteFS(baseSite) }, now},
		{"base-strict", func(t *testing.T) fs.FS { return siteCase{edits: []edit{strict}}.site(t) }, now},
		{"planned-ahead", func(t *testing.T) fs.FS { return planned.site(t) }, now},
		{"planned-ahead-strict", func(t *testing.T) fs.FS { return siteCase{edits: []edit{strict}, files: planned.files}.site(t) }, now},
		{"example", func(t *testing.T) fs.FS { return example }, time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)},
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			fsys := s.fsys(t)
			if got := errorsOnly(checkAt(t, fsys, s.start)); len(got) > 0 {
				t.Fatalf("not valid at %s:\n%s", s.start.Format(time.RFC3339), strings.Join(got, "\n"))
			}
			for _, d := range laterNows {
				at := s.start.Add(d)
				if got := errorsOnly(checkAt(t, fsys, at)); len(got) > 0 {
					t.Errorf("valid at %s, but not at %s:\n%s", s.start.Format(time.RFC3339), at.Format(time.RFC3339), strings.Join(got, "\n"))
				}
			}
		})
	}
}

func errorsOnly(lines []string) []string {
	var out []string
	for _, l := range lines {
		if !strings.Contains(l, ": warning: ") && !strings.HasPrefix(l, "warning: ") {
			out = append(out, l)
		}
	}
	return out
}

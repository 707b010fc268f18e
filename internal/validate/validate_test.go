package validate_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/validate"
)

// now is the build's "now" in every test: a fixed time, never the clock.
var now = time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)

// Paths of the base site's files, for edits.
const (
	cfgFile  = "incidentsite.yaml"
	incFile  = "content/incidents/2025/2025-02-18-assetexplorer-down.md"
	rcaFile  = "content/rcas/2025-02-18-assetexplorer-down.md"
	mntFile  = "content/maintenance/2025-03-01-database-upgrade.md"
	intFile  = "content/contacts/internal.md"
	extFile  = "content/contacts/external.md"
	exerFile = "content/exercises/2025-06-12-ransomware-tabletop.md"
)

// baseSite is a valid site that validates without a single diagnostic:
// testutil's minimal config and internal contacts, an external contact
// list, a resolved major availability incident with its RCA, a completed
// maintenance window and an exercise held within the year. Each case
// below changes one thing in it.
var baseSite = "-- " + cfgFile + " --\n" + testutil.MinimalConfig +
	"-- " + intFile + " --\n" + testutil.MinimalContacts + `
-- content/contacts/external.md --
---
title: External contacts
audience: external
owner: an-janssens
reviewed: 2025-01-15
contacts:
  - id: ccb
    name: Centre for Cybersecurity Belgium
    roles: [csirt]
    email: incident@ccb.belgium.be
---
-- content/incidents/2025/2025-02-18-assetexplorer-down.md --
---
title: AssetExplorer is unavailable
category: availability
severity: major
visibility: public
services:
  assetexplorer: major_outage
detected: 2025-02-18T09:05:00+01:00
acknowledged: 2025-02-18T09:12:00+01:00
resolved: 2025-02-18T09:40:00+01:00
expected_downtime: 30m
coordinator: an-janssens
teams: [ops]
regulation: [nis2]
notifications:
  - {to: ccb, kind: early-warning, at: 2025-02-18T15:00:00+01:00}
decisions: [{regulation: nis2, at: 2025-02-18T14:00:00+01:00, by: an-janssens, notify: true, criteria: [service-unavailable], reason: All customers were cut off.}]
updates:
  - at: 2025-02-18T09:12:00+01:00
    status: investigating
    message: We are investigating reports that AssetExplorer cannot be reached.
  - at: 2025-02-18T09:40:00+01:00
    status: resolved
    message: AssetExplorer is available again.
actions:
  - {title: Test the database failover monthly, owner: ops, due: 2025-03-31, done: false}
rca: 2025-02-18-assetexplorer-down
---

## Impact
Customers could not sign in to AssetExplorer for 28 minutes.

## Root cause
The database failover did not complete.

## Immediate actions
09:20 failed over by hand.

## Preventive measures
Test the failover monthly.
-- content/rcas/2025-02-18-assetexplorer-down.md --
---
title: Database failover did not complete
incident: 2025-02-18-assetexplorer-down
status: final
published: true
author: an-janssens
reviewers: [ops]
date: 2025-02-25
---

## Summary
AssetExplorer was down for 28 minutes.

## Timeline
09:05 alert; 09:40 recovered.

## Root cause
The replica's WAL replay timed out.

## Corrective actions
Monthly failover tests.

## Lessons learned
Alerts worked; the runbook did not.
-- content/maintenance/2025-03-01-database-upgrade.md --
---
title: Database upgrade
visibility: public
services: [assetexplorer]
scheduled_for: 2025-03-01T22:00:00+01:00
scheduled_until: 2025-03-02T00:00:00+01:00
status: completed
coordinator: an-janssens
updates:
  - at: 2025-02-20T10:00:00+01:00
    status: scheduled
    message: We will upgrade the database on Saturday night.
  - at: 2025-03-02T00:00:00+01:00
    status: completed
    message: The upgrade is done.
---

## What we will do
Upgrade PostgreSQL.

## Plan and rollback
Restore the snapshot if the upgrade fails.
-- content/exercises/2025-06-12-ransomware-tabletop.md --
---
title: Ransomware tabletop
date: 2025-06-12
kind: tabletop
category: security
facilitator: an-janssens
participants: [an-janssens, ops]
findings:
  - {title: Print the contact list, owner: an-janssens, due: 2025-07-31}
---

## Scenario
File servers encrypted on a Friday night.

## Observations
Nobody had the CSIRT's number at hand.

## Lessons learned
Keep a printed contact list.
`

// check loads fsys as a site and validates it as the commands do
// (internal/project): a configuration with errors stops there. It returns
// every diagnostic, sorted, as the lines a user would read.
func check(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	return checkAt(t, fsys, now)
}

// checkAt is check with the build's "now" at.
func checkAt(t *testing.T, fsys fs.FS, at time.Time) []string {
	t.Helper()
	cfg, diags := config.Load(fsys)
	if cfg != nil && !diags.HasErrors() {
		cat, d := catalog.Load(fsys, cfg)
		diags.Append(d)
		regs, d := regulation.Load(fsys, cfg)
		diags.Append(d)
		set, d := content.Load(fsys, cfg)
		diags.Append(d)
		diags.Append(validate.Validate(validate.Input{Config: cfg, Catalog: cat, Regulations: regs, Content: set, Now: at}))
	}
	var out []string
	for _, d := range diags.Dedupe() {
		out = append(out, d.String())
	}
	return out
}

// edit replaces old, which must occur exactly once, by new in file.
type edit struct{ file, old, new string }

// siteCase is the base site with one change, and what validating it must
// print.
type siteCase struct {
	name string
	// edits are applied to the base site's files.
	edits []edit
	// files is a txtar archive of files added to the base site, or
	// replacing its files of the same name.
	files string
	// drop lists base files to remove.
	drop []string
	// modify, when set, changes the site last, for what a txtar archive
	// cannot hold (symbolic links, large files).
	modify func(fstest.MapFS)
	want   []string
}

func (c siteCase) site(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := testutil.SiteFS(baseSite)
	for _, e := range c.edits {
		f := fsys[e.file]
		if f == nil {
			t.Fatalf("edit: no file %s in the base site", e.file)
		}
		if n := strings.Count(string(f.Data), e.old); n != 1 {
			t.Fatalf("edit: %q occurs %d times in %s, want once", e.old, n, e.file)
		}
		f.Data = []byte(strings.Replace(string(f.Data), e.old, e.new, 1))
	}
	for name, f := range testutil.SiteFS(c.files) {
		fsys[name] = f
	}
	for _, name := range c.drop {
		if fsys[name] == nil {
			t.Fatalf("drop: no file %s in the base site", name)
		}
		delete(fsys, name)
	}
	if c.modify != nil {
		c.modify(fsys)
	}
	return fsys
}

func runSiteCases(t *testing.T, cases []siteCase) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.name] {
			t.Fatalf("two cases are named %q", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			got := check(t, c.site(t))
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("diagnostics differ (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBaseSiteIsValid is the passing case of every rule below: the base
// site, every kind of record in it, validates without a diagnostic.
func TestBaseSiteIsValid(t *testing.T) {
	fsys := testutil.SiteFS(baseSite)
	if got := check(t, fsys); len(got) > 0 {
		t.Fatalf("the base site has diagnostics:\n%s", strings.Join(got, "\n"))
	}
	cfg, _ := config.Load(fsys)
	set, _ := content.Load(fsys, cfg)
	got := []int{len(set.Incidents), len(set.RCAs), len(set.Maintenance), len(set.Contacts), len(set.Exercises)}
	if want := []int{1, 1, 1, 2, 1}; !cmp.Equal(got, want) {
		t.Errorf("the base site has %v incidents, RCAs, maintenance windows, contact lists and exercises, want %v", got, want)
	}
}

// Package gensite generates large site repositories for benchmarks and
// for the comparison with other tools (issue 11): N incidents over ten
// years in the site's usual folders, each registered by one commit and
// edited by update commits, five commits per incident in all, with root
// cause analyses, maintenance windows, contacts and exercises, public
// and internal records, and the three categories, so that every page of
// the public site and of the logbook has work.
//
// The same N gives the same bytes and the same commit hashes: the
// authors and times are fixed. The history's shape is
// historytest.Changes'; this package writes the records' files.
package gensite

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/incidentsite/incidentsite/internal/history/historytest"
)

// The site's configuration and contact lists: the example site's.
//
//go:embed skeleton
var skeleton embed.FS

// CommitsPerIncident is how many commits a generated site has per
// incident: its registration and four updates (one commit in all starts
// the site, and the last incident has one update fewer).
const CommitsPerIncident = 5

// Start is the time of a generated site's first commit; its history
// spans the ten years from there.
var Start = time.Date(2016, 1, 4, 9, 0, 0, 0, time.UTC)

// Spec returns the history of a site of n incidents and 5n commits, for
// historytest.Generate and historytest.GenerateRepo.
func Spec(n int) historytest.Spec {
	spec := historytest.Spec{Incidents: n, Commits: CommitsPerIncident * n, Start: Start, Years: 10, Base: Base()}
	// The last commit's time: the site's "now", which no date may pass.
	end := Start.Add(Start.AddDate(10, 0, 0).Sub(Start) / time.Duration(spec.Commits) * time.Duration(spec.Commits-1))
	// Two exercises a year.
	every := max(1, n/20)
	spec.Record = func(v historytest.Version) []historytest.File { return record(v, every, end) }
	return spec
}

// Base returns the files of a generated site that are no record: the
// configuration and the contact lists.
func Base() []historytest.File {
	var files []historytest.File
	err := fs.WalkDir(skeleton, "skeleton", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := skeleton.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, historytest.File{Path: strings.TrimPrefix(p, "skeleton/"), Data: string(data)})
		return nil
	})
	if err != nil {
		panic(err) // the embedded files are part of the program
	}
	return files
}

// Write makes dir (which must not exist, or be empty) a git repository
// holding a generated site of n incidents, with main checked out: the
// work tree holds the site's files as of the last commit. It returns the
// last commit.
func Write(dir string, n int) (plumbing.Hash, error) {
	if n <= 0 {
		return plumbing.ZeroHash, fmt.Errorf("gensite: %d incidents: want at least one", n)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return plumbing.ZeroHash, err
	}
	head, err := historytest.GenerateRepo(dir, Spec(n))
	if err != nil {
		return plumbing.ZeroHash, err
	}
	// GenerateRepo leaves the work tree empty: check main out.
	if _, err := exec.LookPath("git"); err == nil {
		cmd := exec.Command("git", "reset", "-q", "--hard", "main")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			return plumbing.ZeroHash, fmt.Errorf("gensite: git reset: %w: %s", err, out)
		}
		return head, nil
	}
	repo, err := git.PlainOpen(dir)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	w, err := repo.Worktree()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Reset(&git.ResetOptions{Commit: head, Mode: git.HardReset}); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("gensite: check out main: %w", err)
	}
	return head, nil
}

// kind is one of the records' four shapes, taken in turn.
type kind struct {
	category, severity, visibility, title string
	services                              string // the services: map's lines
	regulation                            string // "" for none
	sections                              string
}

var kinds = []kind{{
	category: "availability", severity: "minor", visibility: "public",
	title:    "AssetExplorer is unavailable",
	services: "  assetexplorer: major_outage\n  api: degraded_performance\n",
	sections: "## Impact\nCustomers could not sign in to AssetExplorer.\n\n## Workaround\nNone was needed.\n\n" +
		"## Root cause\nThe database failover did not complete in time.\n\n## Immediate actions\n- The standby was promoted by hand.\n\n" +
		"## Internal notes\nThe failover script timed out on the replica's log replay.\n\n## Preventive measures\nFailover is tested monthly.\n",
}, {
	category: "security", severity: "high", visibility: "public", regulation: "nis2",
	title:    "Vulnerability exploited in the customer portal",
	services: "  customer-portal: partial_outage\n",
	sections: "## What happened\nAn attacker exploited a flaw in the upload component.\n\n## Severity and impact\nHigh. Uploads were switched off.\n\n" +
		"## Measures taken\nWe switched uploads off and applied the vendor's fix.\n\n## What you need to do\nNothing is required.\n\n" +
		"## Cause\nThe upload component did not check file names in archives.\n\n## Indicators of compromise\nRequests from 203.0.113.0/24.\n\n" +
		"## Containment and recovery\nThe server was rebuilt from a clean image.\n\n## Preventive measures\nCritical libraries are patched within 48 hours.\n",
}, {
	category: "privacy", severity: "medium", visibility: "internal", regulation: "gdpr",
	title:    "Customer data export sent to the wrong customer",
	services: "  servicedesk: degraded_performance\n",
	sections: "## Data involved\nNames and e-mail addresses of 41 people.\n\n## Laws possibly breached\nGDPR art. 5(1)(f) and art. 32.\n\n" +
		"## What we need from you\nNothing.\n\n## Cause\nAn export job matched customers on their short name.\n\n## Our apology\nWe are sorry.\n\n" +
		"## Risk assessment\nLow to medium risk.\n\n## Immediate actions\nThe export job was stopped.\n\n## Preventive measures\nExports are keyed on the customer id.\n",
}, {
	category: "availability", severity: "minor", visibility: "internal",
	title:    "Slow responses from the internal reporting API",
	services: "  api: degraded_performance\n",
	sections: "## Impact\nReports take several seconds to load.\n\n## Workaround\nRetry requests that time out.\n\n" +
		"## Root cause\nA storage node was slow.\n\n## Immediate actions\n- Traffic moved away from the slow storage node.\n\n" +
		"## Preventive measures\nStorage nodes are monitored for latency.\n",
}}

var statuses = []string{"investigating", "identified", "monitoring"}

// rfc writes t as the records do.
func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// record writes version v of record v.Index, and with it, where the
// record has one, its RCA (with the last version), its maintenance window
// or its exercise (with the first: one every so many records). Nothing
// done in it lies after end, the last commit's time.
func record(v historytest.Version, every int, end time.Time) []historytest.File {
	i, k := v.Index, kinds[v.Index%len(kinds)]
	first, now := v.Times[0], v.Times[len(v.Times)-1]
	detected := first.Add(-10 * time.Minute)
	id := fmt.Sprintf("%s-incident-%05d", first.Format("2006-01-02"), i)
	last := v.Update == v.Updates && v.Updates > 0
	// The security and privacy incidents have an RCA, as their templates
	// ask, and one availability incident in five.
	hasRCA := k.category != "availability" || i%5 == 0

	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s (%d)\ncategory: %s\nseverity: %s\nvisibility: %s\nservices:\n%s", k.title, i, k.category, k.severity, k.visibility, k.services)
	fmt.Fprintf(&b, "detected: %s\nacknowledged: %s\n", rfc(detected), rfc(first))
	if last {
		fmt.Fprintf(&b, "resolved: %s\n", rfc(now))
	}
	b.WriteString("expected_downtime: 4h\ncoordinator: an-janssens\nteams: [platform]\n")
	switch k.regulation {
	case "nis2":
		b.WriteString("regulation: [nis2]\nnotifications:\n")
		ref := fmt.Sprintf("CSIRT-%s-%05d", first.Format("2006"), i)
		for _, n := range []struct {
			kind  string
			after time.Duration
		}{{"early-warning", 3 * time.Hour}, {"notification", 30 * time.Hour}, {"final-report", 20 * 24 * time.Hour}} {
			if at := detected.Add(n.after); !at.After(end) {
				fmt.Fprintf(&b, "  - {to: csirt, kind: %s, at: %s, reference: %s}\n", n.kind, rfc(at), ref)
			}
		}
		fmt.Fprintf(&b, "decisions:\n  - regulation: nis2\n    at: %s\n    by: sofie-peeters\n    notify: true\n    criteria: [malicious-access, service-limited]\n    reason: An attacker reached a portal server; a significant incident.\n", rfc(detected.Add(2*time.Hour)))
	case "gdpr":
		b.WriteString("regulation: [gdpr]\n")
		if at := detected.Add(40 * time.Hour); !at.After(end) {
			fmt.Fprintf(&b, "notifications:\n  - {to: data-protection-authority, kind: breach-notification, at: %s, reference: DPA-%s-%05d}\n", rfc(at), first.Format("2006"), i)
		}
		fmt.Fprintf(&b, "decisions:\n  - regulation: gdpr\n    at: %s\n    by: emma-claes\n    notify: true\n    criteria: [personal-data, risk]\n    conditions: {high-risk: false}\n    reason: Personal data reached another customer; the risk is not high.\n", rfc(detected.Add(20*time.Hour)))
	}
	b.WriteString("updates:\n")
	for u, at := range v.Times {
		status := statuses[min(u, len(statuses)-1)]
		if u == v.Updates && u > 0 {
			status = "resolved"
		}
		fmt.Fprintf(&b, "  - at: %s\n    status: %s\n    message: Update %d of incident %d.\n", rfc(at), status, u, i)
		if u == 0 {
			fmt.Fprintf(&b, "    internal: Monitoring alert %d; on-call engineer paged.\n", i)
		}
	}
	if v.Update > 0 {
		fmt.Fprintf(&b, "actions:\n  - {title: Prevent incident %d from happening again, owner: platform, due: %s, done: %s}\n",
			i, first.AddDate(0, 1, 0).Format("2006-01-02"), doneBy(first.AddDate(0, 0, 7), end))
	}
	if hasRCA && last {
		fmt.Fprintf(&b, "rca: %s\n", id)
	}
	b.WriteString("---\n\n")
	b.WriteString(k.sections)

	files := []historytest.File{{Path: path.Join("content/incidents", first.Format("2006"), id+".md"), Data: b.String()}}
	if hasRCA && last {
		files = append(files, historytest.File{Path: "content/rcas/" + id + ".md", Data: rca(id, i, now, k.visibility == "public")})
	}
	if v.Update == 0 && i%20 == 7 {
		files = append(files, maintenance(i, first))
	}
	if v.Update == 0 && i%every == every/2 {
		files = append(files, exercise(i, first, end))
	}
	return files
}

// doneBy is an action's done: the day at, or false when at lies after
// end.
func doneBy(at, end time.Time) string {
	if at.After(end) {
		return "false"
	}
	return at.Format("2006-01-02")
}

func rca(id string, i int, at time.Time, published bool) string {
	return fmt.Sprintf(`---
title: Root cause analysis of incident %d
incident: %s
status: final
published: %t
author: an-janssens
reviewers: [pieter-de-smet, tom-hermans]
date: %s
---

## Summary
Incident %d: the database did not fail over to its standby in time.

## Timeline
- The monitoring alert fires.
- The standby is promoted by hand.

## Root cause
The failover script waited a fixed 60 seconds for the standby.

## Corrective actions
- The failover timeout now follows the measured replay lag.

## Contributing factors
Nobody owned the failover script after the team change.

## Lessons learned
Runbooks must name an owner for every script.
`, i, id, published, at.Format("2006-01-02"), i)
}

// maintenance is a completed maintenance window that took place the
// week before at, announced the week before that.
func maintenance(i int, at time.Time) historytest.File {
	day := at.AddDate(0, 0, -7).Truncate(24 * time.Hour)
	from, until := day.Add(21*time.Hour), day.Add(24*time.Hour)
	id := fmt.Sprintf("%s-maintenance-%05d", from.Format("2006-01-02"), i)
	return historytest.File{Path: "content/maintenance/" + id + ".md", Data: fmt.Sprintf(`---
title: Database upgrade %d
services: [assetexplorer, api]
scheduled_for: %s
scheduled_until: %s
status: completed
coordinator: an-janssens
updates:
  - at: %s
    status: scheduled
    message: We upgrade the database behind AssetExplorer.
  - at: %s
    status: in_progress
    message: The upgrade has started.
  - at: %s
    status: completed
    message: The upgrade is complete.
---

## What we will do
We upgrade the database cluster behind AssetExplorer.

## Impact
AssetExplorer is read-only for up to an hour.

## Plan and rollback
Rollback: switch back to the untouched old primary.
`, i, rfc(from), rfc(until), rfc(from.AddDate(0, 0, -7)), rfc(from), rfc(until.Add(-time.Hour)))}
}

func exercise(i int, at, end time.Time) historytest.File {
	date := at.Format("2006-01-02")
	return historytest.File{Path: fmt.Sprintf("content/exercises/%s-tabletop-%05d.md", date, i), Data: fmt.Sprintf(`---
title: Ransomware tabletop exercise %d
date: %s
kind: tabletop
category: security
scenario: File servers and backups encrypted on a Monday morning.
facilitator: secure-response
participants: [tom-hermans, an-janssens, sofie-peeters, emma-claes]
findings:
  - {title: Keep an offline copy of the contact lists, owner: an-janssens, due: %s, done: %s}
---

## Scenario
Monday 07:30: the service desk cannot open shared files.

## Observations
The contact list was on the encrypted file server.

## Lessons learned
Offline copies fix the gap we found.
`, i, date, at.AddDate(0, 1, 0).Format("2006-01-02"), doneBy(at.AddDate(0, 0, 10), end))}
}

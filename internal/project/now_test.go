package project_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// nowSite is a valid site whose content holds a future internal
// exercise: a "now" taken from the content would be its date, and would
// reveal it.
var nowSite = `
-- incidentsite.yaml --
` + testutil.MinimalConfig + `
-- content/contacts/internal.md --
` + testutil.MinimalContacts + `
-- content/exercises/2031-06-12-ransomware.md --
---
title: Ransomware tabletop
date: 2031-06-12
kind: tabletop
participants: [an-janssens]
findings: []
---

## Scenario
x

## Observations
x

## Lessons learned
x
`

func writeSite(t *testing.T, dir, archive string) {
	t.Helper()
	for name, f := range testutil.SiteFS(archive) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// commitSite commits every file of dir with go-git at when and returns
// the commit's hash.
func commitSite(t *testing.T, dir string, when time.Time) string {
	t.Helper()
	h, err := testutil.CommitDir(dir, "commit", "Test", "test@example.org", when)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestNow: every source of the build's "now", in its order, and never the
// content.
func TestNow(t *testing.T) {
	brussels := mustLoc(t, "Europe/Brussels")
	clock := time.Date(2025, 3, 5, 8, 30, 0, 0, time.UTC)
	commitTime := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

	outside := t.TempDir()
	writeSite(t, outside, nowSite)

	clean := t.TempDir()
	writeSite(t, clean, nowSite)
	hash := commitSite(t, clean, commitTime)
	commit := "commit " + hash[:12]

	dirty := t.TempDir()
	writeSite(t, dirty, nowSite)
	commitSite(t, dirty, commitTime)
	writeSite(t, dirty, "-- content/incidents/2025/2025-03-05-down.md --\n---\ntitle: Down\n---\n")

	for _, c := range []struct {
		name string
		opts project.Options
		now  time.Time
		from string
		text string
	}{
		{"outside git: the clock, not the future exercise", project.Options{Dir: outside},
			clock, "the clock: not in a git repository", "2025-03-05 09:30 CET (the clock: not in a git repository)"},
		{"a clean work tree: HEAD's time", project.Options{Dir: clean},
			commitTime, commit, "2025-03-01 13:00 CET (" + commit + ")"},
		{"uncommitted changes: the clock", project.Options{Dir: dirty},
			clock, "the clock: content/incidents/2025/2025-03-05-down.md is not committed", ""},
		{"--rev: the commit's time, whatever the work tree holds", project.Options{Dir: dirty, Rev: "HEAD"},
			commitTime, commit, ""},
		{"SOURCE_DATE_EPOCH before the commit", project.Options{Dir: clean, SourceDateEpoch: "1740830400"},
			time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC), "SOURCE_DATE_EPOCH", "2025-03-01 13:00 CET (SOURCE_DATE_EPOCH)"},
		{"--now before SOURCE_DATE_EPOCH", project.Options{Dir: clean, NowFlag: "2025-02-18T10:00:00+01:00", SourceDateEpoch: "1740830400"},
			time.Date(2025, 2, 18, 9, 0, 0, 0, time.UTC), "--now", "2025-02-18 10:00 CET (--now)"},
		{"--now without an offset is in the site's time zone", project.Options{Dir: outside, NowFlag: "2025-07-01T10:00"},
			time.Date(2025, 7, 1, 10, 0, 0, 0, brussels), "--now", "2025-07-01 10:00 CEST (--now)"},
		{"--now with seconds and a space", project.Options{Dir: outside, NowFlag: "2025-07-01 10:00:30"},
			time.Date(2025, 7, 1, 10, 0, 30, 0, brussels), "--now", "2025-07-01 10:00:30 CEST (--now)"},
		{"--now as a date is its midnight in the site's time zone", project.Options{Dir: outside, NowFlag: "2025-03-01"},
			time.Date(2025, 3, 1, 0, 0, 0, 0, brussels), "--now", "2025-03-01 00:00 CET (--now)"},
		{"--now in seconds", project.Options{Dir: outside, NowFlag: "1740830400"},
			time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC), "--now", ""},
		{"Now set by a program", project.Options{Dir: dirty, Now: clock.Add(time.Hour), NowFlag: "2025-01-01"},
			clock.Add(time.Hour), "--now", ""},
		{"Now set by a program that says where it came from", project.Options{Dir: clean, Now: clock, NowFrom: "the clock: serve"},
			clock, "the clock: serve", "2025-03-05 09:30 CET (the clock: serve)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.opts.Clock = func() time.Time { return clock }
			p, err := project.Open(c.opts)
			if err != nil {
				t.Fatal(err)
			}
			p.Check()
			if !p.Now.Equal(c.now) || !strings.HasPrefix(p.NowFrom, c.from) {
				t.Errorf("now = %v (%s), want %v (%s)", p.Now, p.NowFrom, c.now, c.from)
			}
			if c.text != "" && p.NowText() != c.text {
				t.Errorf("NowText() = %q, want %q", p.NowText(), c.text)
			}
			if p.Config == nil {
				t.Errorf("the site does not load: %v", p.Diags.Err())
			}
		})
	}
}

// TestNowRefused: a --now or SOURCE_DATE_EPOCH that is not a time stops
// the command before anything is read.
func TestNowRefused(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, nowSite)
	for _, c := range []struct {
		opts project.Options
		want string
	}{
		{project.Options{Dir: dir, NowFlag: "yesterday"}, `--now "yesterday" is not a time; write it as 2025-02-18T10:00:00+01:00, as 2025-02-18T10:00 or 2025-02-18 in the site's time zone, or as seconds since 1970`},
		{project.Options{Dir: dir, NowFlag: "2025-02-30"}, `--now "2025-02-30" is not a time`},
		{project.Options{Dir: dir, SourceDateEpoch: "soon"}, `SOURCE_DATE_EPOCH "soon" is not a number of seconds since 1970`},
	} {
		_, err := project.Open(c.opts)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want %q", c.opts, err, c.want)
		}
	}
}

// TestOpenErrors: what the command line names wrongly (a folder or a
// revision that is not there, a --now or --rev that is no value) is
// ErrNotFound or ErrInvalid, which the commands report as a usage error,
// in words that name it.
func TestOpenErrors(t *testing.T) {
	outside := t.TempDir()
	writeSite(t, outside, nowSite)
	repo := t.TempDir()
	writeSite(t, repo, nowSite)
	commitSite(t, repo, time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
	for _, c := range []struct {
		opts project.Options
		kind error
		want string
	}{
		{project.Options{Dir: filepath.Join(outside, "missing")}, project.ErrNotFound, "open site "},
		{project.Options{Dir: repo, Rev: "no-such-branch"}, project.ErrNotFound, `revision "no-such-branch": no commit, branch or tag has this name`},
		{project.Options{Dir: repo, Rev: "0123456789abcdef0123456789abcdef01234567"}, project.ErrNotFound, `revision "0123456789abcdef0123456789abcdef01234567": no commit, branch or tag has this name`},
		{project.Options{Dir: outside, Rev: "main"}, project.ErrInvalid, "--rev needs a git repository, but "},
		{project.Options{Dir: repo, NowFlag: "soon"}, project.ErrInvalid, `--now "soon" is not a time`},
		{project.Options{Dir: repo, SourceDateEpoch: "x"}, project.ErrInvalid, `SOURCE_DATE_EPOCH "x" is not`},
	} {
		_, err := project.Open(c.opts)
		if !errors.Is(err, c.kind) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want %v starting %q", c.opts, err, c.kind, c.want)
		}
	}
}

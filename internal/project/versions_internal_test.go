package project

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/incidentsite/incidentsite/internal/history"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// TestVersionsSkipsSettledRecords checks that a committed record none of
// whose commits is recent gets no versions (its old versions are not read:
// validate.History would report nothing of them), and that one with a
// commit at or after since, or with uncommitted changes, gets them all.
func TestVersionsSkipsSettledRecords(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commit := func(msg string, when time.Time) {
		if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
			t.Fatal(err)
		}
		sig := &object.Signature{Name: "An Janssens", Email: "an@example.org", When: when}
		if _, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
			t.Fatal(err)
		}
	}
	incident := func(updates string) string {
		return "---\ntitle: The website is down\ncategory: availability\nseverity: minor\nvisibility: public\n" +
			"services: {website: major_outage}\ndetected: 2025-02-18T09:05:00+01:00\nupdates:\n" + updates + "---\n"
	}
	first := "  - at: 2025-02-18T09:10:00+01:00\n    status: investigating\n    message: We are investigating.\n"
	second := "  - at: 2025-02-18T09:40:00+01:00\n    status: resolved\n    message: The website is back.\n"
	const file = "content/incidents/2025/2025-02-18-website-down.md"
	write("incidentsite.yaml", testutil.MinimalConfig)
	write("content/contacts/internal.md", testutil.MinimalContacts)
	write(file, incident(first))
	registered := time.Date(2025, 2, 18, 8, 12, 0, 0, time.UTC)
	commit("register", registered)
	resolved := time.Date(2025, 2, 18, 8, 41, 0, 0, time.UTC)
	write(file, incident(first+second))
	commit("resolve", resolved)

	p, err := Open(Options{Dir: dir, Now: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	p.Check()
	if p.Model == nil || p.History == nil {
		t.Fatalf("model %v, history %v: %v", p.Model != nil, p.History != nil, p.Diags)
	}
	inc := p.Content.Incidents[0]
	if inc.File != file {
		t.Fatalf("incident %s, want %s", inc.File, file)
	}
	rd := history.NewReader(p.repo, int64(p.Config.Limits.MaxFileSize))
	tests := []struct {
		name  string
		dirty bool
		since time.Time
		want  int // snapshots
	}{
		{"every commit before since", false, resolved.Add(time.Second), 0},
		{"the last commit at since", false, resolved, 2},
		{"the last commit after since", false, registered.Add(time.Minute), 2},
		{"a zero since: every commit counts", false, time.Time{}, 2},
		// The work tree's version comes first, then both commits.
		{"uncommitted changes", true, resolved.Add(time.Hour), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := versions(p.History, rd.Read, p.FS, p.Config, p.Catalog, &inc.Doc, inc.Updates, true, tt.dirty, vocab.KindIncident, tt.since)
			if len(v.Snapshots) != tt.want || len(v.Public) != tt.want {
				t.Errorf("%d snapshots, %d visibilities; want %d", len(v.Snapshots), len(v.Public), tt.want)
			}
			if v.File != file {
				t.Errorf("file %q, want %q", v.File, file)
			}
		})
	}
}

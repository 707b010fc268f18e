package project_test

import (
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-billy/v5/memfs"
	"github.com/go-git/go-billy/v5/util"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/memory"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// TestRevisions checks committed revisions of a repository that lives in
// memory: the pipeline reads them through source.Git exactly as it reads a
// work tree, and takes "now" from the commit.
func TestRevisions(t *testing.T) {
	wt := memfs.New()
	repo, err := git.Init(memory.NewStorage(), wt)
	if err != nil {
		t.Fatal(err)
	}
	commit := func(msg string, when time.Time, files map[string]string) {
		t.Helper()
		for name, text := range files {
			if err := util.WriteFile(wt, name, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		w, err := repo.Worktree()
		if err != nil {
			t.Fatal(err)
		}
		if err := w.AddWithOptions(&git.AddOptions{All: true}); err != nil {
			t.Fatal(err)
		}
		sig := &object.Signature{Name: "Test", Email: "test@example.org", When: when}
		if _, err := w.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
			t.Fatal(err)
		}
	}
	incident := func(severity string) string {
		return "---\ntitle: The website is down\ncategory: availability\nseverity: " + severity +
			"\nservices: {website: major_outage}\ndetected: 2025-02-18T09:05:00+01:00\n---\n"
	}
	first := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	commit("a valid site", first, map[string]string{
		"incidentsite.yaml":                         testutil.MinimalConfig,
		"content/contacts/internal.md":              testutil.MinimalContacts,
		"content/incidents/2025/2025-02-18-down.md": incident("minor"),
	})
	commit("a typo", first.Add(24*time.Hour), map[string]string{
		"content/incidents/2025/2025-02-18-down.md": incident("huge"),
	})

	check := func(rev string) *project.Project {
		t.Helper()
		fsys, r, err := source.Git(repo, rev, ".")
		if err != nil {
			t.Fatal(err)
		}
		p := project.New(fsys, &r, time.Time{})
		p.Check()
		return p
	}

	old := check("HEAD~1")
	if old.Model == nil {
		t.Errorf("HEAD~1: %v", old.Diags.Err())
	}
	if !old.Now.Equal(first) {
		t.Errorf("HEAD~1: now = %v, want the commit's time %v", old.Now, first)
	}
	head := check("HEAD")
	if head.Model != nil || !strings.Contains(head.Diags.Err().Error(),
		`content/incidents/2025/2025-02-18-down.md:4:11: severity "huge" is not one of minor, major, critical`) {
		t.Errorf("HEAD: got %v, want the severity error", head.Diags.Err())
	}
}

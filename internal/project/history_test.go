package project_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// gitSite is a site in a repository on disk, committed with go-git.
type gitSite struct {
	t    *testing.T
	dir  string
	repo *git.Repository
}

func newGitSite(t *testing.T) *gitSite {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return &gitSite{t, dir, repo}
}

func (s *gitSite) write(name, text string) {
	s.t.Helper()
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *gitSite) commit(msg string, when time.Time) string {
	s.t.Helper()
	wt, err := s.repo.Worktree()
	if err != nil {
		s.t.Fatal(err)
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		s.t.Fatal(err)
	}
	sig := &object.Signature{Name: "An Janssens", Email: "an@example.org", When: when}
	h, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		s.t.Fatal(err)
	}
	return h.String()
}

func (s *gitSite) check(rev string) *project.Project {
	s.t.Helper()
	p, err := project.Open(project.Options{Dir: s.dir, Rev: rev, Now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		s.t.Fatal(err)
	}
	p.Check()
	if p.Model == nil {
		s.t.Fatalf("no model: %v", p.Diags.Err())
	}
	return p
}

// TestHistoryPass runs the history pass on a site whose incident is
// registered, updated on time, renamed, and has a published message
// reworded, with a contact list changed in the work tree: the model
// gets every record's audit, and the reworded message one warning at
// its update.
func TestHistoryPass(t *testing.T) {
	s := newGitSite(t)
	brussels := mustLoc(t, "Europe/Brussels")
	at := func(h, m int) time.Time { return time.Date(2025, 2, 18, h, m, 0, 0, brussels) }
	incident := func(updates string) string {
		return "---\ntitle: The website is down\ncategory: availability\nseverity: minor\nvisibility: public\n" +
			"services: {website: major_outage}\ndetected: 2025-02-18T09:05:00+01:00\nupdates:\n" + updates + "---\n"
	}
	first := "  - at: 2025-02-18T09:10:00+01:00\n    status: investigating\n    message: We are investigating.\n"
	s.write("incidentsite.yaml", testutil.MinimalConfig)
	s.write("content/contacts/internal.md", testutil.MinimalContacts)
	s.write("content/incidents/2025/down.md", incident(first))
	c1 := s.commit("Register the outage\n\nPaged by the monitoring.", at(9, 12))
	second := "  - at: 2025-02-18T09:40:00+01:00\n    status: resolved\n    message: The website is back.\n"
	s.write("content/incidents/2025/down.md", incident(first+second))
	s.commit("Resolve it", at(9, 41))
	if err := os.Remove(filepath.Join(s.dir, "content/incidents/2025/down.md")); err != nil {
		t.Fatal(err)
	}
	reworded := strings.Replace(first, "We are investigating.", "We are looking into it.", 1)
	s.write("content/incidents/2025/2025-02-18-website-down.md", incident(first+second))
	s.commit("Rename", at(14, 0))
	s.write("content/incidents/2025/2025-02-18-website-down.md", incident(reworded+second))
	c3 := s.commit("Reword", at(15, 0))
	s.write("content/contacts/internal.md", testutil.MinimalContacts+"\n")

	p := s.check("")
	got := historyDiags(p)
	want := []string{
		"content/incidents/2025/2025-02-18-website-down.md:9:5: warning: the message of the update of 2025-02-18 09:10 CET was published in commit " + c1[:12] +
			` (An Janssens, 2025-02-18 09:12 CET, "Register the outage") and changed in commit ` + c3[:12] +
			` (An Janssens, 2025-02-18 15:00 CET, "Reword"): customers read the old words, and the chronology is meant to be append-only; keep them, and add an update that corrects them ("We are investigating." → "We are looking into it.")`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	a := p.Model.Audit("content/incidents/2025/2025-02-18-website-down.md")
	if a == nil || len(a.Trail) != 4 || a.Uncommitted {
		t.Fatalf("incident's audit = %+v; want 4 commits, committed", a)
	}
	var trail []string
	for _, c := range a.Trail {
		trail = append(trail, c.Kind+" "+c.Path+" "+c.Subject+" "+c.Time.In(brussels).Format("15:04"))
	}
	wantTrail := []string{
		"modified content/incidents/2025/2025-02-18-website-down.md Reword 15:00",
		"moved content/incidents/2025/2025-02-18-website-down.md Rename 14:00",
		"modified content/incidents/2025/down.md Resolve it 09:41",
		"added content/incidents/2025/down.md Register the outage 09:12",
	}
	if strings.Join(trail, "\n") != strings.Join(wantTrail, "\n") {
		t.Errorf("trail:\n%s\nwant:\n%s", strings.Join(trail, "\n"), strings.Join(wantTrail, "\n"))
	}
	if a.Registered == nil || a.Registered.Hash != c1 || a.Registered.Author != "An Janssens" {
		t.Errorf("registered = %+v; want commit %s by An Janssens", a.Registered, c1)
	}
	if c := p.Model.Audit("content/contacts/internal.md"); c == nil || !c.Uncommitted || len(c.Trail) != 1 {
		t.Errorf("contact list's audit = %+v; want 1 commit, uncommitted changes", c)
	}

	// The commit before the rewording: no warning, and its own history.
	old := s.check("HEAD~1")
	if d := historyDiags(old); len(d) != 0 {
		t.Errorf("HEAD~1: %v", d)
	}
	if a := old.Model.Audit("content/incidents/2025/2025-02-18-website-down.md"); a == nil || len(a.Trail) != 3 || a.Uncommitted {
		t.Errorf("HEAD~1: audit %+v; want 3 commits", a)
	}
	if c := old.Model.Audit("content/contacts/internal.md"); c == nil || c.Uncommitted {
		t.Errorf("HEAD~1: contact list's audit = %+v; a commit has no uncommitted changes", c)
	}
}

// historyDiags are the diagnostics of the history pass.
func historyDiags(p *project.Project) []string {
	var out []string
	for _, d := range p.Diags {
		switch d.Rule {
		case "update-drift", "rewritten", "history-missing", "history-shallow", "history-unreadable":
			out = append(out, d.String())
		}
	}
	return out
}

// TestHistoryOutsideGit builds a site outside git with one warning and
// no audits.
func TestHistoryOutsideGit(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"incidentsite.yaml": testutil.MinimalConfig, "content/contacts/internal.md": testutil.MinimalContacts} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := project.Open(project.Options{Dir: dir, Now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	p.Check()
	if p.Model == nil || p.Model.Audits != nil || p.History != nil {
		t.Fatalf("model %v, audits %v, history %v; want a model without history", p.Model != nil, p.Model.Audits, p.History)
	}
	got := historyDiags(p)
	want := "content: warning: the site is not in a git repository, so its records have no history: the logbook shows no audit trail and no time of registration, and no check compares updates with their commits; keep the site in git and build from a clone"
	if strings.Join(got, "\n") != want {
		t.Errorf("history's diagnostics %q; want the one warning %q", got, want)
	}
}

// TestHistoryUnreadable builds a site whose history lacks an old
// commit's tree, as a damaged clone can: one warning, and the site still
// builds.
func TestHistoryUnreadable(t *testing.T) {
	s := newGitSite(t)
	when := time.Date(2025, 2, 18, 9, 0, 0, 0, time.UTC)
	s.write("incidentsite.yaml", testutil.MinimalConfig)
	s.write("content/contacts/internal.md", testutil.MinimalContacts)
	first := s.commit("a site", when)
	s.write("content/contacts/internal.md", strings.Replace(testutil.MinimalContacts, "reviewed: 2025-01-15", "reviewed: 2025-02-01", 1))
	s.commit("more contacts", when.Add(time.Hour))

	c, err := s.repo.CommitObject(plumbing.NewHash(first))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := c.Tree()
	if err != nil {
		t.Fatal(err)
	}
	sub, err := tree.Tree("content")
	if err != nil {
		t.Fatal(err)
	}
	h := sub.Hash.String()
	if err := os.Remove(filepath.Join(s.dir, ".git", "objects", h[:2], h[2:])); err != nil {
		t.Fatal(err)
	}

	p := s.check("")
	got := historyDiags(p)
	if len(got) != 1 || !strings.HasPrefix(got[0], "content: warning: cannot read the git history (read history of ") ||
		!strings.HasSuffix(got[0], "): the logbook shows no audit trail and no time of registration, and no check compares updates with their commits; check the repository with git fsck") {
		t.Errorf("history's diagnostics %q; want the one history-unreadable warning", got)
	}
	if p.History != nil || p.Model.Audits != nil {
		t.Errorf("history %v, audits %v; want none", p.History, p.Model.Audits)
	}
}

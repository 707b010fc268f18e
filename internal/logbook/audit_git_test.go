package logbook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// TestAuditFromGit renders the logbook of a site in a real repository:
// an incident registered, then resolved, then changed in the work tree.
// Its page lists both commits, the first as its registration, and marks
// the uncommitted change; the register's files carry the registration.
func TestAuditFromGit(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
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
	commit := func(msg string, when time.Time) string {
		wt, err := repo.Worktree()
		if err != nil {
			t.Fatal(err)
		}
		if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
			t.Fatal(err)
		}
		sig := &object.Signature{Name: "An Janssens", Email: "an@example.org", When: when}
		h, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig})
		if err != nil {
			t.Fatal(err)
		}
		return h.String()
	}
	const file = "content/incidents/2025/2025-02-18-website-down.md"
	incident := func(updates string) string {
		return "---\ntitle: The website is down\ncategory: availability\nseverity: minor\nvisibility: public\n" +
			"services: {website: major_outage}\ndetected: 2025-02-18T09:05:00+01:00\nupdates:\n" + updates + "---\n"
	}
	first := "  - at: 2025-02-18T09:10:00+01:00\n    status: investigating\n    message: We are investigating.\n"
	second := "  - at: 2025-02-18T09:40:00+01:00\n    status: resolved\n    message: The website is back.\n"
	write("incidentsite.yaml", testutil.MinimalConfig+"repository_url: https://git.example.org/ops/status\n")
	write("content/contacts/internal.md", testutil.MinimalContacts)
	write(file, incident(first))
	c1 := commit("Register the outage", time.Date(2025, 2, 18, 8, 12, 0, 0, time.UTC))
	write(file, incident(first+second))
	c2 := commit("Resolve it", time.Date(2025, 2, 18, 8, 41, 0, 0, time.UTC))
	write(file, incident(first+second)+"\n## Impact\n\nThe website, for everyone; written after the last commit.\n")

	p, err := project.Open(project.Options{Dir: dir, Now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	p.Check()
	if p.Model == nil || p.Diags.HasErrors() {
		t.Fatalf("the site does not check: %v", p.Diags)
	}
	files := renderProject(t, p)
	page := string(files["incidents/2025-02-18-website-down/index.html"])
	for _, want := range []string{
		`<a href="https://git.example.org/ops/status/commit/` + c1 + `"><code>` + c1[:7] + `</code></a>`,
		`<a href="https://git.example.org/ops/status/commit/` + c2 + `"><code>` + c2[:7] + `</code></a>`,
		"Register the outage", "Resolve it", "by An Janssens",
		`<p class="uncommitted"><strong>Uncommitted changes.</strong>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the incident's page lacks %q", want)
		}
	}
	if strings.Contains(page, "No history") {
		t.Error("the page of a site in git says it has no history")
	}
	if csv := string(files["register.csv"]); !strings.Contains(csv, file+",2025-02-18T") {
		t.Errorf("register.csv does not give the registration:\n%s", csv)
	}
}

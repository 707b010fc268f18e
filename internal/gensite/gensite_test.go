package gensite_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/incidentsite/incidentsite/internal/gensite"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// TestWrite generates small sites and checks them as a build does, the
// history pass included: no error, and from 41 incidents up no warning
// either (at 600, the last incidents' actions would be done after the
// last commit, the site's "now", were it not for the check on end);
// every kind of record; five commits per incident; the same commits on a
// second run, with or without the git program.
func TestWrite(t *testing.T) {
	// The go-git run below changes PATH for the rest of the test: the
	// size it checks comes last.
	for _, n := range []int{1, 2, 600, 41} {
		dir := t.TempDir()
		head, err := gensite.Write(dir, n)
		if err != nil {
			t.Fatal(err)
		}
		p, err := project.Open(project.Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		p.Check()
		if p.Diags.HasErrors() {
			t.Fatalf("%d incidents: %v", n, p.Diags)
		}
		// A few incidents spread over ten years are a site that did not
		// review its contacts nor exercise for years: warnings, which a
		// site of realistic size has none of.
		if n >= 41 && len(p.Diags) > 0 {
			t.Errorf("%d incidents: %v", n, p.Diags)
		}
		if p.History == nil {
			t.Fatalf("%d incidents: no history read", n)
		}
		if !strings.HasPrefix(p.NowFrom, "commit ") {
			t.Errorf("%d incidents: now from %q, want the commit's (a clean work tree)", n, p.NowFrom)
		}
		counts := p.Counts()
		if counts[vocab.KindIncident] != n {
			t.Errorf("%d incidents: counted %v", n, counts)
		}
		repo, err := git.PlainOpen(dir)
		if err != nil {
			t.Fatal(err)
		}
		log, err := repo.Log(&git.LogOptions{From: head})
		if err != nil {
			t.Fatal(err)
		}
		commits := 0
		log.ForEach(func(*object.Commit) error { commits++; return nil })
		if commits != gensite.CommitsPerIncident*n {
			t.Errorf("%d incidents: %d commits, want %d", n, commits, gensite.CommitsPerIncident*n)
		}
		if n != 41 {
			continue
		}
		// The last size.
		// Every kind of record, public and internal, with regulations.
		for kind, min := range map[vocab.Kind]int{vocab.KindRCA: 10, vocab.KindMaintenance: 2, vocab.KindExercise: 2, vocab.KindContacts: 3} {
			if counts[kind] < min {
				t.Errorf("%d %s, want at least %d", counts[kind], kind, min)
			}
		}
		m := p.Model
		cats, vis, regs := map[string]int{}, map[vocab.Visibility]int{}, 0
		for _, inc := range p.Content.Incidents {
			cats[inc.Category]++
			vis[inc.Visibility]++
			if len(inc.Regulation) > 0 {
				regs++
			}
		}
		if len(cats) != 3 || len(vis) != 2 || regs == 0 || m == nil {
			t.Errorf("categories %v, visibilities %v, %d with a regulation", cats, vis, regs)
		}
		// The same run again gives the same commits, and so does go-git
		// without the git program.
		if again, err := gensite.Write(t.TempDir(), n); err != nil || again != head {
			t.Errorf("second Write = %s, %v; want %s", again, err, head)
		}
		if _, err := exec.LookPath("git"); err == nil {
			t.Setenv("PATH", "")
			other := t.TempDir()
			if again, err := gensite.Write(other, n); err != nil || again != head {
				t.Errorf("Write without git = %s, %v; want %s", again, err, head)
			}
			if matches, _ := filepath.Glob(filepath.Join(other, "content", "incidents", "*", "*.md")); len(matches) != n {
				t.Errorf("without git: %d incidents checked out, want %d", len(matches), n)
			}
		}
	}
	if _, err := gensite.Write(t.TempDir(), 0); err == nil {
		t.Error("Write of 0 incidents: no error")
	}
}

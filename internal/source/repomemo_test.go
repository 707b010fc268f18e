package source_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/incidentsite/incidentsite/internal/source"
)

// TestRepoMemo: the memo gives the repository it opened while the folder
// and the packs are the same, a commit since included (loose objects are
// read from disk), and opens it anew once a gc changed the packs, whose
// objects it then reads.
func TestRepoMemo(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "gc.auto=0"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	head := func(m *source.RepoMemo) (any, string) {
		t.Helper()
		repo, sub, err := m.Open(filepath.Join(dir, "site"))
		if err != nil || sub != "site" {
			t.Fatalf("Open: %q, %v", sub, err)
		}
		rev, err := source.Head(repo)
		if err != nil {
			t.Fatal(err)
		}
		return repo, rev.Hash
	}
	git("init", "-q")
	write("site/incidentsite.yaml", "title: One\n")
	git("add", "-A")
	git("commit", "-q", "-m", "one")
	git("gc", "-q")

	var m source.RepoMemo
	first, h1 := head(&m)
	if again, h := head(&m); again != first || h != h1 {
		t.Errorf("the same packs: a new repository (%v) or another HEAD (%s, %s)", again != first, h, h1)
	}

	// A commit: loose objects, the same packs, the same repository.
	write("site/incidentsite.yaml", "title: Two\n")
	git("commit", "-q", "-am", "two")
	same, h2 := head(&m)
	if same != first || h2 == h1 {
		t.Errorf("after a commit: new repository %v, HEAD %s (was %s)", same != first, h2, h1)
	}

	// A gc packs the loose objects anew and drops the old pack: the
	// repository is opened again and reads the commit from the new pack.
	git("gc", "-q", "--prune=now")
	loose, _ := filepath.Glob(filepath.Join(dir, ".git/objects/??/*"))
	if len(loose) != 0 {
		t.Fatalf("gc left %d loose objects", len(loose))
	}
	other, h3 := head(&m)
	if other == first || h3 != h2 {
		t.Errorf("after a gc: new repository %v, HEAD %s, want %s", other != first, h3, h2)
	}

	// Another folder: another repository.
	var nilMemo *source.RepoMemo
	if repo, _, err := nilMemo.Open(filepath.Join(dir, "site")); err != nil || repo == other {
		t.Errorf("a nil memo: %v, the memo's repository %v", err, repo == other)
	}
	if _, _, err := m.Open(t.TempDir()); err == nil {
		t.Error("a folder outside git opened a repository")
	}
	if again, _ := head(&m); again == other {
		t.Error("after another folder, the first folder's repository was kept")
	}
}

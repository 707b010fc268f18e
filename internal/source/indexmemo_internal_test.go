package source

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5"
)

// TestIndexMemo: the memo gives the index it decoded while the index
// file's bytes are the same, and decodes it again once git wrote another.
func TestIndexMemo(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	dir := t.TempDir()
	add := func(name string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("git", "add", name)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git add: %v\n%s", err, out)
		}
	}
	if out, err := exec.Command("git", "init", "-q", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	var m IndexMemo
	empty, err := m.read(repo)
	if err != nil || len(empty.Entries) != 0 {
		t.Fatalf("no index file yet: %v, %v", empty, err)
	}
	add("a.md")
	first, err := m.read(repo)
	if err != nil || len(first.Entries) != 1 {
		t.Fatalf("after git add: %v, %v", first, err)
	}
	again, err := m.read(repo)
	if err != nil || again != first {
		t.Errorf("the same index file was decoded again (%v)", err)
	}
	want, err := repo.Storer.Index()
	if err != nil || len(want.Entries) != len(again.Entries) || want.Entries[0].Hash != again.Entries[0].Hash {
		t.Errorf("the memo's index differs from go-git's (%v)", err)
	}
	add("b.md")
	next, err := m.read(repo)
	if err != nil || next == first || len(next.Entries) != 2 {
		t.Errorf("after another git add: the index of before, or %v", err)
	}
	var none *IndexMemo
	if idx, err := none.read(repo); err != nil || len(idx.Entries) != 2 {
		t.Errorf("a nil memo: %v, %v", idx, err)
	}
}

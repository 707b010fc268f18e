package project_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// TestUncommittedFiles edits a few records of a committed site of 600
// incidents, in the first, a middle and the last of the runs of files
// the history pass reads at once, and adds one: exactly these have
// uncommitted changes in their audit.
func TestUncommittedFiles(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteSite(t, dir, 600)
	commit(t, dir, "600 incidents")
	files, err := filepath.Glob(filepath.Join(dir, "content", "incidents", "*", "*.md"))
	if err != nil || len(files) != 600 {
		t.Fatalf("%d incidents written: %v", len(files), err)
	}
	sort.Strings(files)
	var want []string
	for _, f := range []string{files[0], files[300], files[599]} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, append(data, "\nEdited.\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, f)
		want = append(want, filepath.ToSlash(rel))
	}
	added := "content/exercises/2026-07-01-walkthrough.md"
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(added)), []byte("---\ntitle: Walkthrough\ndate: 2026-07-01\nkind: walkthrough\nparticipants: [ops]\n---\n\n## Scenario\nx\n\n## Observations\nx\n\n## Lessons learned\nx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want = append(want, added)
	slices.Sort(want)

	p := check(t, project.Options{Dir: dir, Now: exampleNow})
	if p.Model == nil {
		t.Fatal(p.Diags.Err())
	}
	var got []string
	for file, a := range p.Model.Audits {
		if a.Uncommitted {
			got = append(got, file)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("uncommitted:\n%v\nwant:\n%v", got, want)
	}
	if len(p.Model.Audits) < 600 {
		t.Errorf("%d audits, want one per record", len(p.Model.Audits))
	}
}

// TestUncommittedLineEnds: a checkout that converts line ends
// (core.autocrlf) holds other bytes than the blobs committed, and git
// still calls it clean: so does the audit. An edit on top is
// uncommitted.
func TestUncommittedLineEnds(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	dir := t.TempDir()
	testutil.WriteSite(t, dir, 3)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "core.autocrlf=true"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("config", "core.autocrlf", "true")
	git("add", "-A")
	git("commit", "-q", "-m", "site")
	// Written again from the index, with CRLF line ends.
	if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	git("checkout", "--", "content")
	// Older than the index, as a checkout of a while ago: not git's
	// "racy" case, where the times prove nothing and the bytes are read.
	past := time.Now().Add(-time.Minute)
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, past, past)
	})
	if err != nil {
		t.Fatal(err)
	}
	git("update-index", "-q", "--refresh")
	files, err := filepath.Glob(filepath.Join(dir, "content", "incidents", "*", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no incidents: %v", err)
	}
	data, err := os.ReadFile(files[0])
	if err != nil || !strings.Contains(string(data), "\r\n") {
		t.Fatalf("the checkout did not convert the line ends: %v", err)
	}
	uncommitted := func() []string {
		t.Helper()
		p := check(t, project.Options{Dir: dir, Now: exampleNow})
		if p.Model == nil {
			t.Fatal(p.Diags.Err())
		}
		var got []string
		for file, a := range p.Model.Audits {
			if a.Uncommitted {
				got = append(got, file)
			}
		}
		return got
	}
	if got := uncommitted(); len(got) != 0 {
		t.Errorf("a clean checkout with CRLF line ends: uncommitted %v", got)
	}
	if err := os.WriteFile(files[0], append(data, "Edited.\r\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	// The edited file is uncommitted. (So are the other files whose
	// bytes are not their blob's, then: once git's index says that
	// something differs, the line ends are not told from an edit, as
	// before the loader took the blob ids.)
	rel, _ := filepath.Rel(dir, files[0])
	if got := uncommitted(); !slices.Contains(got, filepath.ToSlash(rel)) {
		t.Errorf("one file edited: uncommitted %v, want %s among them", got, rel)
	}
}

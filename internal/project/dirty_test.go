package project_test

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

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

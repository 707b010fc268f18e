package history_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/go-git/go-git/v5"

	"github.com/incidentsite/incidentsite/internal/history"
	"github.com/incidentsite/incidentsite/internal/history/historytest"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// TestGeneratedGolden reads the history of a generated repository on
// disk (one pack of git fast-import, or go-git's loose objects without
// git) and compares every file's audit trail and its blob in Head with
// testdata/generated.golden, written by the walk before it read the
// pack files itself: the walk's optimisations change nothing it finds.
func TestGeneratedGolden(t *testing.T) {
	dir := t.TempDir()
	head, err := historytest.GenerateRepo(dir, historytest.Spec{Incidents: 30, Commits: 150})
	if err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	h, _, err := history.Read(repo, head.String(), history.Options{Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	for _, p := range h.Paths() {
		for _, r := range h.Trail(p) {
			fmt.Fprintln(&got, p, r.Kind, r.Hash, r.AuthorTime.Unix(), r.Path, r.Blob, r.From, r.To, r.Subject, r.Boundary)
		}
		fmt.Fprintln(&got, "head", h.Blob(p))
	}
	const golden = "testdata/generated.golden"
	if *testutil.Update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("the history read differs from %s (go test -update rewrites it):\n%s", golden, got.String())
	}
}

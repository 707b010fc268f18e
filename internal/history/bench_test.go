package history_test

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/storage/memory"
	"github.com/google/go-cmp/cmp"

	"github.com/incidentsite/incidentsite/internal/history"
	"github.com/incidentsite/incidentsite/internal/history/historytest"
)

// TestGenerate reads a small generated history from a repository on
// disk, as a build does: each record is registered by its own commit and
// edited by its share of the others.
func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	head, err := historytest.GenerateRepo(dir, historytest.Spec{Incidents: 3, Commits: 8})
	if err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ref, err := repo.Head(); err != nil || ref.Hash() != head {
		t.Fatalf("HEAD = %v, %v; want %s", ref, err, head)
	}
	h, _, err := history.Read(repo, head.String(), history.Options{Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range h.Paths() {
		first, err := h.First(p)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %d %s", p, len(h.Revisions(p)), first.Subject))
	}
	want := []string{
		"content/incidents/2016/2016-01-04-incident-00000.md 2 2016-01-04-incident-00000: register",
		"content/incidents/2018/2018-07-05-incident-00001.md 3 2018-07-05-incident-00001: register",
		"content/incidents/2022/2022-04-05-incident-00002.md 3 2022-04-05-incident-00002: register",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	// Without the git program, go-git writes the same history.
	t.Setenv("PATH", "")
	if h, err := historytest.GenerateRepo(t.TempDir(), historytest.Spec{Incidents: 3, Commits: 8}); err != nil || h != head {
		t.Errorf("GenerateRepo without git = %s, %v; want %s", h, err, head)
	}
	if _, err := historytest.Generate(historytest.New(memory.NewStorage()), historytest.Spec{Incidents: 3, Commits: 2}); err == nil {
		t.Error("Generate of more incidents than commits: no error")
	}
}

// BenchmarkHistory reads the history of a generated repository of 1,000
// incidents and 5,000 commits on disk (and, with INCIDENTSITE_BENCH_10K
// set, of 10,000 incidents and 50,000 commits), next to "git log
// --name-only" on the same repository when git is installed: the anchor
// issue 11 measures the history pass against; then the same read from a
// Cache, and through a Memo. The repository is written once, before the
// timings (see historytest.GenerateRepo).
func BenchmarkHistory(b *testing.B) {
	sizes := [][2]int{{1_000, 5_000}}
	if os.Getenv("INCIDENTSITE_BENCH_10K") != "" {
		sizes = append(sizes, [2]int{10_000, 50_000})
	}
	for _, size := range sizes {
		b.Run(fmt.Sprintf("%d-incidents-%d-commits", size[0], size[1]), func(b *testing.B) {
			dir := b.TempDir()
			head, err := historytest.GenerateRepo(dir, historytest.Spec{Incidents: size[0], Commits: size[1]})
			if err != nil {
				b.Fatal(err)
			}
			b.Run("history", func(b *testing.B) {
				files := 0
				for b.Loop() {
					// Open the repository anew each time, as a build
					// does, so that go-git's object cache starts cold.
					repo, err := git.PlainOpen(dir)
					if err != nil {
						b.Fatal(err)
					}
					h, _, err := history.Read(repo, head.String(), history.Options{Dir: "content"})
					if err != nil {
						b.Fatal(err)
					}
					files = len(h.Paths())
				}
				if files != size[0] {
					b.Fatalf("%d files with revisions, want %d", files, size[0])
				}
			})
			// A history kept in a Cache (decoded each time) and in a
			// Memo (given back as it is), as a long-lived process
			// reads HEAD's history on every rebuild.
			c := &mapCache{m: map[string][]byte{}}
			m := history.NewMemo()
			for _, opts := range []struct {
				name string
				opts history.Options
			}{{"cached", history.Options{Dir: "content", Cache: c}}, {"memo", history.Options{Dir: "content", Cache: c, Memo: m}}} {
				b.Run(opts.name, func(b *testing.B) {
					files := 0
					for b.Loop() {
						repo, err := git.PlainOpen(dir)
						if err != nil {
							b.Fatal(err)
						}
						h, _, err := history.Read(repo, head.String(), opts.opts)
						if err != nil {
							b.Fatal(err)
						}
						files = len(h.Paths())
					}
					if files != size[0] {
						b.Fatalf("%d files with revisions, want %d", files, size[0])
					}
				})
			}
			b.Run("git-log", func(b *testing.B) {
				if _, err := exec.LookPath("git"); err != nil {
					b.Skip("no git program")
				}
				for b.Loop() {
					cmd := exec.Command("git", "log", "--name-only", "HEAD")
					cmd.Dir = dir
					cmd.Stdout = io.Discard
					if err := cmd.Run(); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// TestParallel reads one generated history from disk, where several
// goroutines compare the trees, and from memory, where one does: the
// results are the same. Run with -race.
func TestParallel(t *testing.T) {
	spec := historytest.Spec{Incidents: 150, Commits: 900}
	dir := t.TempDir()
	head, err := historytest.GenerateRepo(dir, spec)
	if err != nil {
		t.Fatal(err)
	}
	st := memory.NewStorage()
	if h, err := historytest.Generate(historytest.New(st), spec); err != nil || h != head {
		t.Fatalf("Generate = %s, %v; want %s as on disk", h, err, head)
	}
	disk, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	mem, err := git.Open(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got [2]map[string]string
	for i, repo := range []*git.Repository{disk, mem} {
		h, _, err := history.Read(repo, head.String(), history.Options{Dir: "content"})
		if err != nil {
			t.Fatal(err)
		}
		got[i] = map[string]string{}
		for _, p := range h.Paths() {
			var s []string
			for _, r := range h.Trail(p) {
				s = append(s, fmt.Sprint(r.Kind, r.Hash, r.AuthorTime, r.Path, r.Blob))
			}
			got[i][p] = strings.Join(s, "\n")
		}
	}
	if len(got[0]) != spec.Incidents {
		t.Fatalf("%d files, want %d", len(got[0]), spec.Incidents)
	}
	if diff := cmp.Diff(got[1], got[0]); diff != "" {
		t.Errorf("(-one goroutine, +several):\n%s", diff)
	}
}

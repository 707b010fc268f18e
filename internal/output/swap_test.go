package output

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

func mustWrite(t *testing.T, root string, files map[string][]byte) []string {
	t.Helper()
	f, err := Check(root, filepath.Join(root, "public"), "-o public")
	if err != nil {
		t.Fatal(err)
	}
	s, warnings, err := NewStage(f)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Discard()
	for name, data := range files {
		if err := s.Put(name, data); err != nil {
			t.Fatal(err)
		}
	}
	w, err := Swap(s)
	if err != nil {
		t.Fatal(err)
	}
	return append(warnings, w...)
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Name())
	}
	return out
}

func mkdir(t *testing.T, dir string, files ...string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWriteWithoutExchange: where the OS has no atomic exchange, two
// renames give the same result.
func TestWriteWithoutExchange(t *testing.T) {
	exchange = func(a, b string) error { return errNoExchange }
	t.Cleanup(func() { exchange = exchangeFolders })
	root := t.TempDir()
	mustWrite(t, root, map[string][]byte{"index.html": []byte("a"), "old.html": nil})
	mustWrite(t, root, map[string][]byte{"index.html": []byte("b")})
	if b, _ := os.ReadFile(filepath.Join(root, "public/index.html")); string(b) != "b" {
		t.Errorf("index.html = %q", b)
	}
	if got := names(t, filepath.Join(root, "public")); !slices.Equal(got, []string{Marker, "index.html"}) {
		t.Errorf("public holds %v", got)
	}
	if got := names(t, root); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside the output: %v", got)
	}
}

// TestExchangeLeavesNoGap reads the output while it is replaced again and
// again: with an atomic exchange, the index is always there.
func TestExchangeLeavesNoGap(t *testing.T) {
	probe := t.TempDir()
	mkdir(t, filepath.Join(probe, "a"))
	mkdir(t, filepath.Join(probe, "b"))
	if err := exchangeFolders(filepath.Join(probe, "a"), filepath.Join(probe, "b")); errors.Is(err, errNoExchange) {
		t.Skip("no atomic exchange on this OS or file system")
	} else if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	mustWrite(t, root, map[string][]byte{"index.html": []byte("0")})
	var (
		stop   atomic.Bool
		misses atomic.Int64
		wg     sync.WaitGroup
	)
	wg.Go(func() {
		for !stop.Load() {
			if _, err := os.ReadFile(filepath.Join(root, "public/index.html")); err != nil {
				misses.Add(1)
			}
		}
	})
	for i := range 50 {
		mustWrite(t, root, map[string][]byte{"index.html": []byte{byte('0' + i%10)}})
	}
	stop.Store(true)
	wg.Wait()
	if n := misses.Load(); n > 0 {
		t.Errorf("the index was missing %d times during the swaps", n)
	}
}

// TestRemoveFailureIsAWarning: once the new output is in place, failing
// to remove the old one is no failure; the next build removes it.
func TestRemoveFailureIsAWarning(t *testing.T) {
	root := t.TempDir()
	mustWrite(t, root, map[string][]byte{"index.html": []byte("a")})
	removeAll = func(string) error { return &os.PathError{Op: "unlinkat", Path: "x", Err: os.ErrPermission} }
	warnings := mustWrite(t, root, map[string][]byte{"index.html": []byte("b")})
	removeAll = os.RemoveAll
	if b, _ := os.ReadFile(filepath.Join(root, "public/index.html")); string(b) != "b" {
		t.Errorf("index.html = %q", b)
	}
	left := names(t, root)
	if len(warnings) != 1 || len(left) != 2 {
		t.Fatalf("warnings %q, beside the output %v", warnings, left)
	}
	want := "-o public: the new output is in place, but the previous one could not be removed from " + left[0] +
		" (permission denied); the next build removes it, or remove it yourself"
	if warnings[0] != want {
		t.Errorf("warning:\n got %s\nwant %s", warnings[0], want)
	}
	mustWrite(t, root, map[string][]byte{"index.html": []byte("c")})
	if got := names(t, root); !slices.Equal(got, []string{"public"}) {
		t.Errorf("the next build left %v", got)
	}
}

// TestRemoveStale removes what killed builds left, and nothing else.
func TestRemoveStale(t *testing.T) {
	root := t.TempDir()
	mkdir(t, filepath.Join(root, ".public.new-killed"), Marker, "index.html")
	mkdir(t, filepath.Join(root, ".public.new-killed.old"), Marker)
	mkdir(t, filepath.Join(root, ".public.new-notours"), "index.html")
	mkdir(t, filepath.Join(root, ".public.new-running"), Marker)
	mkdir(t, filepath.Join(root, ".other.new-killed"), Marker)
	mkdir(t, filepath.Join(root, "target"), Marker, "keep.html")
	if err := os.Symlink("target", filepath.Join(root, ".public.new-link")); err != nil {
		t.Fatal(err)
	}
	unlock, err := lock(filepath.Join(root, ".public.new-running"))
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	mustWrite(t, root, map[string][]byte{"index.html": nil})
	want := []string{".other.new-killed", ".public.new-link", ".public.new-notours", ".public.new-running", "public", "target"}
	if got := names(t, root); !slices.Equal(got, want) {
		t.Errorf("left %v\nwant %v", got, want)
	}
	if got := names(t, filepath.Join(root, "target")); len(got) != 2 {
		t.Errorf("the link's target lost files: %v", got)
	}

	// What cannot be removed is a warning.
	mkdir(t, filepath.Join(root, ".public.new-stuck"), Marker)
	removeAll = func(p string) error {
		if filepath.Base(p) == ".public.new-stuck" {
			return &os.PathError{Op: "unlinkat", Path: p, Err: os.ErrPermission}
		}
		return os.RemoveAll(p)
	}
	defer func() { removeAll = os.RemoveAll }()
	warnings := mustWrite(t, root, map[string][]byte{"index.html": nil})
	if want := []string{"-o public: cannot remove .public.new-stuck, left by an earlier build that was stopped (permission denied); remove it yourself"}; !slices.Equal(warnings, want) {
		t.Errorf("warnings %q\nwant %q", warnings, want)
	}
}

// stageAll stages files into the folders of root, one map each, as a
// build of several sites does.
func stageAll(t *testing.T, root string, files map[string]map[string][]byte) []*Stage {
	t.Helper()
	var stages []*Stage
	for _, name := range slices.Sorted(maps.Keys(files)) {
		f, err := Check(root, filepath.Join(root, name), "-o "+name)
		if err != nil {
			t.Fatal(err)
		}
		s, _, err := NewStage(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Discard)
		for p, data := range files[name] {
			if err := s.Put(p, data); err != nil {
				t.Fatal(err)
			}
		}
		stages = append(stages, s)
	}
	return stages
}

// TestSwapAllOrNothing: when the second of two sites cannot be swapped
// in, the first is swapped back, with or without an atomic exchange, and
// whether or not it had an output before.
func TestSwapAllOrNothing(t *testing.T) {
	refuse := errors.New("refused")
	for _, tc := range []struct {
		name       string
		noExchange bool
		firstNew   bool // the first site had no output before
	}{
		{name: "exchange"},
		{name: "renames", noExchange: true},
		{name: "first-new", firstNew: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			before := map[string]map[string][]byte{"logbook": {"index.html": []byte("old logbook")}}
			if !tc.firstNew {
				before["public"] = map[string][]byte{"index.html": []byte("old public")}
			}
			if _, err := Swap(stageAll(t, root, before)...); err != nil {
				t.Fatal(err)
			}
			exchange = func(a, b string) error {
				if filepath.Base(b) == "logbook" {
					return refuse
				}
				if tc.noExchange {
					return errNoExchange
				}
				return exchangeFolders(a, b)
			}
			t.Cleanup(func() { exchange = exchangeFolders })
			stages := stageAll(t, root, map[string]map[string][]byte{
				"logbook": {"index.html": []byte("new logbook")},
				"public":  {"index.html": []byte("new public")},
			})
			// Swap the public site first, so that it is the one put back.
			slices.Reverse(stages)
			if _, err := Swap(stages...); !errors.Is(err, refuse) {
				t.Fatalf("Swap: %v, want %v", err, refuse)
			}
			for _, s := range stages {
				s.Discard()
			}
			if b, _ := os.ReadFile(filepath.Join(root, "logbook/index.html")); string(b) != "old logbook" {
				t.Errorf("logbook/index.html = %q", b)
			}
			want := []string{"logbook"}
			if tc.firstNew {
				if _, err := os.Stat(filepath.Join(root, "public")); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("public was left in place: %v", err)
				}
			} else {
				want = append(want, "public")
				if b, _ := os.ReadFile(filepath.Join(root, "public/index.html")); string(b) != "old public" {
					t.Errorf("public/index.html = %q", b)
				}
			}
			if got := names(t, root); !slices.Equal(got, want) {
				t.Errorf("left %v, want %v", got, want)
			}
		})
	}
}

// TestStageEnds: a stage swapped in takes no more files, and discarding
// it then leaves the output alone.
func TestStageEnds(t *testing.T) {
	root := t.TempDir()
	stages := stageAll(t, root, map[string]map[string][]byte{"public": {"index.html": []byte("a")}})
	if _, err := Swap(stages...); err != nil {
		t.Fatal(err)
	}
	if err := stages[0].Put("late.html", nil); err == nil {
		t.Error("Put after Swap: no error")
	}
	if _, err := Swap(stages...); err == nil {
		t.Error("a second Swap: no error")
	}
	stages[0].Discard()
	if got := names(t, filepath.Join(root, "public")); !slices.Equal(got, []string{Marker, "index.html"}) {
		t.Errorf("public holds %v", got)
	}
}

// TestPutConcurrent: files of one new folder put at once all land.
func TestPutConcurrent(t *testing.T) {
	root := t.TempDir()
	s := stageAll(t, root, map[string]map[string][]byte{"public": nil})[0]
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Go(func() {
			if err := s.Put(fmt.Sprintf("a/b/%d.html", i), []byte{byte(i)}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if _, err := Swap(s); err != nil {
		t.Fatal(err)
	}
	if got := names(t, filepath.Join(root, "public/a/b")); len(got) != 64 || s.Files() != 64 {
		t.Errorf("a/b holds %d files, Files() = %d", len(got), s.Files())
	}
}

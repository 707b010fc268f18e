package output

import (
	"errors"
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
	warnings, err := Write(f, files)
	if err != nil {
		t.Fatal(err)
	}
	return warnings
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

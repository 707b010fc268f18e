package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestRemoveTree removes a tree wider and deeper than the workers, with
// links to a folder and a file outside it that must survive, and is a
// no-op on a folder that is not there.
func TestRemoveTree(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	makeFolder(t, outside)
	writeText(t, filepath.Join(outside, "keep.txt"), "keep")
	dir := filepath.Join(root, "old")
	for i := range 30 {
		d := filepath.Join(dir, "incidents", fmt.Sprintf("i-%02d", i), "drafts")
		makeFolder(t, d)
		writeText(t, filepath.Join(d, "a.txt"), "a")
		writeText(t, filepath.Join(filepath.Dir(d), "index.html"), "page")
	}
	deep := dir
	for i := range 40 {
		deep = filepath.Join(deep, fmt.Sprint("d", i))
	}
	makeFolder(t, deep)
	writeText(t, filepath.Join(deep, "f"), "f")
	makeFolder(t, filepath.Join(dir, "empty"))
	writeText(t, filepath.Join(dir, "index.html"), "x")
	if err := os.Symlink(outside, filepath.Join(dir, "incidents", "i-03", "link-dir")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "keep.txt"), filepath.Join(dir, "link-file")); err != nil {
		t.Fatal(err)
	}

	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s still there: %v", dir, err)
	}
	if b, err := os.ReadFile(filepath.Join(outside, "keep.txt")); err != nil || string(b) != "keep" {
		t.Errorf("a link was followed: the file outside reads %q, %v", b, err)
	}
	if err := removeTree(dir); err != nil {
		t.Errorf("a folder that is not there: %v", err)
	}
	file := filepath.Join(root, "file")
	writeText(t, file, "x")
	if err := removeTree(file); err != nil {
		t.Errorf("a file: %v", err)
	}
	if _, err := os.Lstat(file); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the file is still there: %v", err)
	}
}

// BenchmarkRemoveTree removes a tree shaped like a logbook's incident
// pages, 2,000 folders of two files each, with removeTree and, to compare,
// os.RemoveAll.
func BenchmarkRemoveTree(b *testing.B) {
	for _, bm := range []struct {
		name   string
		remove func(string) error
	}{{"removeTree", removeTree}, {"os.RemoveAll", os.RemoveAll}} {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				dir := filepath.Join(b.TempDir(), "old")
				for i := range 2000 {
					d := filepath.Join(dir, "incidents", fmt.Sprint("i-", i))
					if err := os.MkdirAll(d, 0o755); err != nil {
						b.Fatal(err)
					}
					for _, f := range []string{"index.html", "draft.txt"} {
						if err := os.WriteFile(filepath.Join(d, f), []byte("x"), 0o644); err != nil {
							b.Fatal(err)
						}
					}
				}
				b.StartTimer()
				if err := bm.remove(dir); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func makeFolder(t *testing.T, d string) {
	t.Helper()
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeText(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

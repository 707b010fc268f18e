package testutil

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// Seeds returns fuzz seeds from the module's own files, so that every new
// script test and example also feeds the fuzzers. It walks the module from
// root (the package's "../.."), reading files and the files inside txtar
// archives, and passes each one's slash-separated name (a ".tmpl" suffix
// dropped) and contents to pick, which returns the seed to keep, or nil.
func Seeds(tb testing.TB, root string, pick func(name string, data []byte) []byte) [][]byte {
	tb.Helper()
	var out [][]byte
	add := func(name string, data []byte) {
		if seed := pick(strings.TrimSuffix(filepath.ToSlash(name), ".tmpl"), data); seed != nil {
			out = append(out, seed)
		}
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			switch d.Name() {
			case ".git", "fuzz", "public", "logbook", "node_modules":
				return fs.SkipDir
			}
			return nil
		case !d.Type().IsRegular():
			return nil
		case strings.HasSuffix(p, ".txtar"):
			a, err := txtar.ParseFile(p)
			if err != nil {
				return err
			}
			for _, f := range a.Files {
				add(f.Name, f.Data)
			}
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		add(p, data)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(out) == 0 {
		tb.Fatal("no seed files")
	}
	return out
}

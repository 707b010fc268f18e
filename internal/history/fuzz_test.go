package history

import (
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/memory"
)

// FuzzDiff compares two arbitrary raw trees: never a panic, and a tree
// compared with itself has no change.
func FuzzDiff(f *testing.F) {
	blob := string(make([]byte, 20))
	f.Add("100644 a.md\x00"+blob, "100644 a.md\x00"+string(append(make([]byte, 19), 1)))
	f.Add("40000 x\x00"+blob+"100644 y\x00"+blob, "100644 x\x00"+blob)
	f.Add("120000 .a\x00"+blob, "")
	f.Fuzz(func(t *testing.T, a, b string) {
		st := memory.NewStorage()
		put := func(raw string) plumbing.Hash {
			obj := st.NewEncodedObject()
			obj.SetType(plumbing.TreeObject)
			w, _ := obj.Writer()
			w.Write([]byte(raw))
			w.Close()
			h, err := st.SetEncodedObject(obj)
			if err != nil {
				t.Fatal(err)
			}
			return h
		}
		ha, hb := put(a), put(b)
		w, err := newWalker(st, newObjects(st, nil), "content")
		if err != nil {
			t.Fatal(err)
		}
		// Subtrees named by the fuzzed hashes are mostly missing: an
		// error, like any other.
		_ = w.diff(ha, hb, "content", 0, func(string, plumbing.Hash, plumbing.Hash) {})
		n := 0
		if err := w.diff(ha, ha, "content", 0, func(string, plumbing.Hash, plumbing.Hash) { n++ }); err != nil || n != 0 {
			t.Errorf("a tree compared with itself: %d changes, %v", n, err)
		}
	})
}

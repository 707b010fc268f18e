package history

import (
	"slices"
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

// FuzzParseTree checks that parseTree accepts exactly the trees treeIter
// reads to their end without an error, with an entry starting where
// treeIter finds one.
func FuzzParseTree(f *testing.F) {
	for _, s := range []string{
		"", "100644 a\x00aaaaaaaaaaaaaaaaaaaa", "40000 dir\x00bbbbbbbbbbbbbbbbbbbb100644 f\x00cccccccccccccccccccc",
		"100644 a\x00short", "100644 \x00aaaaaaaaaaaaaaaaaaaa", "1006a4 a\x00aaaaaaaaaaaaaaaaaaaa", " a\x00aaaaaaaaaaaaaaaaaaaa", "100644",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want []int32
		it := treeIter{b: raw}
		var err error
		for {
			want = append(want, int32(len(raw)-len(it.b)))
			var ok bool
			if _, ok, err = it.next(); err != nil || !ok {
				break
			}
		}
		tr, perr := parseTree(raw)
		if (err != nil) != (perr != nil) {
			t.Fatalf("treeIter: %v; parseTree: %v", err, perr)
		}
		if perr == nil && !slices.Equal(tr.start, want) {
			t.Fatalf("entries start at %v, treeIter finds %v", tr.start, want)
		}
	})
}

package history

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/memory"
)

// TestDiffSkipsCommonEntries compares, for random pairs of trees that
// differ in a few entries (at their start, their end, or in between,
// names that share prefixes and suffixes), what diff reports with what
// a comparison of the two lists of entries by name finds: skipping the
// entries the trees share at both ends loses no change.
func TestDiffSkipsCommonEntries(t *testing.T) {
	st := memory.NewStorage()
	put := func(files map[string]plumbing.Hash) plumbing.Hash {
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		var raw []byte
		for _, n := range names {
			h := files[n]
			raw = append(raw, "100644 "+n+"\x00"...)
			raw = append(raw, h[:]...)
		}
		obj := st.NewEncodedObject()
		obj.SetType(plumbing.TreeObject)
		w, _ := obj.Writer()
		w.Write(raw)
		w.Close()
		h, err := st.SetEncodedObject(obj)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	blob := func(r *rand.Rand) plumbing.Hash {
		var h plumbing.Hash
		for i := range h {
			h[i] = byte(r.IntN(3)) // few values: hashes that share bytes
		}
		return h
	}
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		a := map[string]plumbing.Hash{}
		for range r.IntN(40) {
			a[fmt.Sprintf("f%d.md", r.IntN(60))] = blob(r)
		}
		b := map[string]plumbing.Hash{}
		for n, h := range a {
			b[n] = h
		}
		for range r.IntN(4) {
			n := fmt.Sprintf("f%d.md", r.IntN(60))
			switch r.IntN(3) {
			case 0:
				delete(b, n)
			default:
				b[n] = blob(r)
			}
		}
		var want []string
		for n, h := range a {
			if g, ok := b[n]; !ok || g != h {
				want = append(want, fmt.Sprint("c/", n, h, b[n]))
			}
		}
		for n, h := range b {
			if _, ok := a[n]; !ok {
				want = append(want, fmt.Sprint("c/", n, plumbing.ZeroHash, h))
			}
		}
		w, err := newWalker(st, newObjects(st, nil), "c")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		err = w.diff(put(a), put(b), "c", 0, func(p string, old, new plumbing.Hash) {
			got = append(got, fmt.Sprint(p, old, new))
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: got\n%q\nwant\n%q", round, got, want)
		}
	}
}

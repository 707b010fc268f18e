package history

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-billy/v5/memfs"
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

// FuzzParseTreeLike checks that parsing a tree like another, parsed
// before, gives what parsing it alone gives: the same error or none, the
// same entries.
func FuzzParseTreeLike(f *testing.F) {
	entry := func(mode, name string, h byte) string {
		return mode + " " + name + "\x00" + strings.Repeat(string(rune(h)), 20)
	}
	var many strings.Builder
	for i := range 50 {
		many.WriteString(entry("100644", fmt.Sprintf("2025-%04d.md", i), byte('a'+i%26)))
	}
	a := many.String()
	at := func(i int) int { return strings.Index(a, fmt.Sprintf("2025-%04d.md", i)) - len("100644 ") }
	for _, b := range []string{
		a, // the same
		a[:at(20)] + entry("100644", "2025-0020.md", 'z') + a[at(21):],  // a file changed
		a[:at(20)] + entry("100644", "2025-0020b.md", 'y') + a[at(20):], // a file added
		a[:at(20)] + a[at(21):], // one removed
		a[:at(20)] + entry("100644", "2025-0020-longer-name.md", 'x') + a[at(21):], // renamed
		entry("100644", "0.md", 'q') + a,                                           // added first
		a + entry("100644", "zzz.md", 'q'),                                         // added last
		a[:at(49)],                                                                 // the last removed
		a[at(1):],                                                                  // the first removed
		"",                                                                         // all removed
		a[:at(20)] + "100644 broken" + a[at(21):],                              // damaged between
		a[:at(20)] + entry("100644", "2025-0020.md", 'z')[:10] + a[at(20)+10:], // an entry across the common end
		a[:at(20)] + entry("40000", "2025-0020.md", 'z') + a[at(21):],          // a file became a folder
	} {
		f.Add([]byte(a), []byte(b))
	}
	f.Add([]byte(entry("100644", "a", 'a')), []byte(entry("100644", "a", 'a')[:25]))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		like, err := parseTree(a)
		if err != nil {
			return // only a tree parsed is a model
		}
		got, gerr := parseTreeLike(b, like)
		want, werr := parseTree(b)
		if (gerr != nil) != (werr != nil) {
			t.Fatalf("parseTreeLike: %v; parseTree: %v", gerr, werr)
		}
		if werr == nil && (!bytes.Equal(got.raw, want.raw) || !slices.Equal(got.start, want.start)) {
			t.Fatalf("entries start at %v, parseTree finds %v", got.start, want.start)
		}
	})
}

// FuzzPatch applies arbitrary deltas to arbitrary bases: never a panic,
// and a result is exactly as long as the delta says.
func FuzzPatch(f *testing.F) {
	f.Add([]byte("0123456789"), []byte{10, 7, 0x91, 2, 4, 3, 'a', 'b', 'c'})
	f.Add([]byte("0123456789"), []byte{10, 5, 0x80})
	f.Add([]byte{}, []byte{0, 1, 1, 'x'})
	f.Fuzz(func(t *testing.T, base, delta []byte) {
		// A crafted delta may ask for up to maxObject bytes; the
		// fuzzer's results are kept small.
		if _, rest, ok := uvarint(delta); ok {
			if dst, _, ok := uvarint(rest); ok && dst > 1<<20 {
				return
			}
		}
		out, err := patch(base, delta)
		if err != nil {
			return
		}
		_, rest, _ := uvarint(delta)
		dst, _, _ := uvarint(rest)
		if uint64(len(out)-1) != dst {
			t.Fatalf("result of %d bytes, the delta says %d", len(out)-1, dst)
		}
	})
}

// FuzzParseIndex reads arbitrary pack indexes: never a panic, and every
// offset of an index it accepts can be asked for.
func FuzzParseIndex(f *testing.F) {
	head := append([]byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}, make([]byte, 256*4)...)
	f.Add(head)
	one := slices.Clone(head)
	for i := 8; i < len(one); i += 4 {
		one[i+3] = 1 // fan-out: one object
	}
	f.Add(append(one, make([]byte, 20+4+4)...))
	big := slices.Clone(one)
	f.Add(append(append(big, make([]byte, 20+4)...), 0x80, 0, 0, 0))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := packFile{size: 1 << 20}
		if err := p.parseIndex(b); err != nil {
			return
		}
		for i := range p.fan[255] {
			off, ok := p.offset(i)
			if !ok {
				t.Fatalf("offset %d of an accepted index is unreadable", i)
			}
			p.end(off)
		}
	})
}

// FuzzPackObject reads an object from arbitrary pack data, each offset
// in offs (an index's) a possible object: never a panic, a hang or an
// allocation past the bounds, whatever the headers, deltas and zlib
// streams say.
func FuzzPackObject(f *testing.F) {
	// A blob "hi" and an offset delta of it that appends "!".
	var blob bytes.Buffer
	blob.Write([]byte{0x32}) // blob, size 2
	zw := zlib.NewWriter(&blob)
	zw.Write([]byte("hi"))
	zw.Close()
	var delta bytes.Buffer
	delta.Write([]byte{0x66, byte(blob.Len())}) // ofs-delta, size 6, back
	zw = zlib.NewWriter(&delta)
	zw.Write([]byte{2, 3, 0x90, 2, 1, '!'})
	zw.Close()
	f.Add(append(slices.Clone(blob.Bytes()), delta.Bytes()...), uint16(blob.Len()))
	f.Add([]byte{0x7f, 0xff, 0xff, 0xff, 0x0f}, uint16(0))
	f.Fuzz(func(t *testing.T, data []byte, second uint16) {
		fs := memfs.New()
		file, err := fs.Create("pack")
		if err != nil {
			t.Fatal(err)
		}
		file.Write(data)
		p := &packFile{f: file, size: int64(len(data)) + 20, ends: []int64{0}}
		if s := int64(second); s > 0 && s < int64(len(data)) {
			p.ends = append(p.ends, s)
		}
		o := newObjects(memory.NewStorage(), []*packFile{p})
		for _, off := range slices.Clone(p.ends) {
			typ, b, err := o.at(p, off, 0)
			if err == nil && len(b) > maxObject {
				t.Fatalf("object of type %v and %d bytes", typ, len(b))
			}
		}
	})
}

// FuzzUnmarshalBinary decodes arbitrary data as a cached history: never
// a panic, and what decodes encodes back to a History that decodes the
// same.
func FuzzUnmarshalBinary(f *testing.F) {
	c := &Commit{Hash: plumbing.ZeroHash.String(), Author: "An", Email: "an@example.org",
		AuthorTime: time.Unix(1739865600, 0).In(time.FixedZone("", 3600)), CommitTime: time.Unix(1739865660, 0).In(time.UTC), Subject: "s"}
	h := &History{Head: c, Shallow: true, walked: 3, files: map[string][]Revision{
		"content/a.md": {{Commit: c, Kind: Moved, Path: "content/a.md", From: "content/b.md"}},
		"content/b.md": {{Commit: c, Kind: Deleted, Path: "content/b.md", To: "content/a.md"}},
	}, head: map[string]plumbing.Hash{"content/a.md": {1}}}
	seed, err := h.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(encodingMagic))
	f.Add(seed[:len(seed)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		var h History
		if h.UnmarshalBinary(data) != nil {
			return
		}
		again, err := h.MarshalBinary()
		if err != nil {
			return // a revision without its commit: refused on the way out
		}
		var h2 History
		if err := h2.UnmarshalBinary(again); err != nil {
			t.Fatalf("a re-encoded history does not decode: %v", err)
		}
		again2, err := h2.MarshalBinary()
		if err != nil || !bytes.Equal(again, again2) {
			t.Fatalf("encoding is not stable: %v", err)
		}
	})
}

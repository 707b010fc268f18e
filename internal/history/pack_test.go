package history

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/incidentsite/incidentsite/internal/history/historytest"
)

// TestObjects reads every object of a generated repository on disk (in
// one pack, with chains of deltas) with the walk's reader and with
// go-git's: the contents are the same.
func TestObjects(t *testing.T) {
	dir := t.TempDir()
	if _, err := historytest.GenerateRepo(dir, historytest.Spec{Incidents: 40, Commits: 200}); err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	packs, done, err := openPacks(repo.Storer)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	if len(packs) == 0 {
		t.Fatal("no pack file")
	}
	o := newObjects(repo.Storer, packs)
	iter, err := repo.Storer.IterEncodedObjects(plumbing.AnyObject)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = iter.ForEach(func(obj plumbing.EncodedObject) error {
		r, err := obj.Reader()
		if err != nil {
			return err
		}
		want, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return err
		}
		got, err := o.read(obj.Type(), obj.Hash())
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s %s: contents differ", obj.Type(), obj.Hash())
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 600 {
		t.Errorf("%d objects read, want at least 600", n)
	}
	// An object outside the packs (a loose one) comes from go-git.
	loose := repo.Storer.NewEncodedObject()
	loose.SetType(plumbing.TreeObject)
	lw, _ := loose.Writer()
	lw.Write([]byte("100644 new.md\x00aaaaaaaaaaaaaaaaaaaa"))
	lw.Close()
	lh, err := repo.Storer.SetEncodedObject(loose)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := o.read(plumbing.TreeObject, lh); err != nil || string(got) != "100644 new.md\x00aaaaaaaaaaaaaaaaaaaa" {
		t.Errorf("a loose tree: %q, %v", got, err)
	}
	// An offset where no object of the index starts, as a crafted delta
	// could name for its base; a pack cut short.
	p := packs[0]
	if _, _, err := o.at(p, p.ends[0]+1, 0); !errors.Is(err, errBadPack) {
		t.Errorf("an object in the middle of another: %v, want errBadPack", err)
	}
	short := *p
	short.size = p.ends[len(p.ends)-1] + 1
	if _, _, err := o.at(&short, short.ends[len(short.ends)-1], 0); err == nil {
		t.Error("an object cut short: no error")
	}
	// A commit asked for as a tree.
	head, _ := repo.Head()
	if _, err := o.read(plumbing.TreeObject, head.Hash()); err == nil {
		t.Error("a commit read as a tree: no error")
	}
	if _, err := o.read(plumbing.TreeObject, plumbing.NewHash("0123456789012345678901234567890123456789")); !errors.Is(err, plumbing.ErrObjectNotFound) {
		t.Errorf("a missing object: %v, want ErrObjectNotFound", err)
	}
}

func TestPatch(t *testing.T) {
	base := []byte("0123456789")
	for _, tc := range []struct {
		name  string
		delta []byte
		want  string // "" for an error
	}{
		{"copy and insert", []byte{10, 7, 0x91, 2, 4, 3, 'a', 'b', 'c'}, "2345abc"},
		{"insert only", []byte{10, 2, 2, 'x', 'y'}, "xy"},
		{"copy of 0x10000 past the base", []byte{10, 5, 0x80}, ""},
		{"wrong base size", []byte{9, 1, 1, 'x'}, ""},
		{"result longer than said", []byte{10, 1, 2, 'x', 'y'}, ""},
		{"result shorter than said", []byte{10, 3, 1, 'x'}, ""},
		{"copy past the base", []byte{10, 4, 0x91, 8, 4}, ""},
		{"insert past the delta", []byte{10, 4, 4, 'x'}, ""},
		{"truncated copy", []byte{10, 4, 0x91}, ""},
		{"reserved command 0", []byte{10, 0, 0}, ""},
		{"truncated size", []byte{0x80}, ""},
		{"empty", nil, ""},
	} {
		got, err := patch(base, tc.delta)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("%s: %q, want an error", tc.name, got[1:])
		case tc.want != "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && string(got[1:]) != tc.want:
			t.Errorf("%s: %q, want %q", tc.name, got[1:], tc.want)
		}
	}
}

func TestParseIndex(t *testing.T) {
	var p packFile
	for _, b := range [][]byte{nil, []byte("PACK"), append([]byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}, make([]byte, 1000)...)} {
		if err := p.parseIndex(b); err == nil {
			t.Errorf("parseIndex(%d bytes): no error", len(b))
		}
	}
}

package history

import (
	"errors"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/incidentsite/incidentsite/internal/wire"
)

// encodingMagic starts an encoded History; its number changes whenever
// the encoding does. What the walk puts in a History is the program's
// business: a cache keys what it keeps by the program too (package cache).
const encodingMagic = "incidentsite history 2\n"

// MarshalBinary encodes h, everything Read gives and what its warnings
// say, for a cache: UnmarshalBinary gives a History equal to h.
func (h *History) MarshalBinary() ([]byte, error) {
	var e wire.Encoder
	e.Raw([]byte(encodingMagic))
	// The commits the revisions share, each once, numbered in the order
	// of the walk; Head first, whether or not it changed a file.
	index := map[*Commit]int{}
	var list []*Commit
	add := func(c *Commit) {
		if _, ok := index[c]; !ok {
			index[c] = len(list)
			list = append(list, c)
		}
	}
	if h.Head != nil {
		add(h.Head)
	}
	paths := h.Paths()
	for _, p := range paths {
		for _, r := range h.files[p] {
			add(r.Commit)
		}
	}
	e.Bool(h.Head != nil)
	e.Bool(h.Shallow)
	e.Bool(h.missing)
	e.Uint(uint64(h.walked))
	e.Uint(uint64(len(list)))
	for _, c := range list {
		if c == nil {
			return nil, errors.New("encode history: a revision has no commit")
		}
		e.String(c.Hash)
		e.String(c.Author)
		e.String(c.Email)
		e.Time(c.AuthorTime, nil)
		e.Time(c.CommitTime, nil)
		e.String(c.Subject)
		e.Bool(c.Boundary)
		e.Uint(uint64(c.order))
	}
	e.Uint(uint64(len(paths)))
	for _, p := range paths {
		e.String(p)
		revs := h.files[p]
		e.Uint(uint64(len(revs)))
		for _, r := range revs {
			e.Uint(uint64(index[r.Commit]))
			e.Byte(byte(r.Kind))
			e.String(r.Path)
			e.Raw(r.Blob[:])
			e.String(r.From)
			e.String(r.To)
		}
	}
	head := make([]string, 0, len(h.head))
	for p := range h.head {
		head = append(head, p)
	}
	slices.Sort(head)
	e.Uint(uint64(len(head)))
	for _, p := range head {
		e.String(p)
		b := h.head[p]
		e.Raw(b[:])
	}
	return e.Data(), nil
}

// UnmarshalBinary decodes what MarshalBinary encoded into h. Data that is
// not such an encoding, cut short or from another version, is an error,
// never a panic: a cache file may be damaged. h's strings share data's
// memory: the caller must not modify data after (wire.Decoder).
func (h *History) UnmarshalBinary(data []byte) error {
	d := wire.NewDecoder(data, "history")
	if !d.Magic(encodingMagic) {
		return d.Err()
	}
	out := History{files: map[string][]Revision{}, head: map[string]plumbing.Hash{}}
	hasHead := d.Bool()
	out.Shallow = d.Bool()
	out.missing = d.Bool()
	out.walked = d.Index()
	n := d.Count(8)
	list := make([]*Commit, 0, n)
	for range n {
		c := &Commit{Hash: d.String(), Author: d.String(), Email: d.String()}
		c.AuthorTime = d.Time(nil)
		c.CommitTime = d.Time(nil)
		c.Subject = d.String()
		c.Boundary = d.Bool()
		c.order = d.Index()
		list = append(list, c)
	}
	if hasHead {
		if len(list) == 0 {
			d.Fail()
		} else {
			out.Head = list[0]
		}
	}
	for range d.Count(2) {
		p := d.String()
		revs := make([]Revision, 0, d.Count(24))
		for range cap(revs) {
			var r Revision
			if i := d.Index(); i < len(list) {
				r.Commit = list[i]
			} else {
				d.Fail()
			}
			r.Kind = Kind(d.Byte())
			if r.Kind < Added || r.Kind > Moved {
				d.Fail()
			}
			r.Path = d.String()
			d.Raw(r.Blob[:])
			r.From = d.String()
			r.To = d.String()
			revs = append(revs, r)
		}
		if d.Err() != nil {
			break
		}
		out.files[p] = revs
	}
	for range d.Count(21) {
		p := d.String()
		var h plumbing.Hash
		d.Raw(h[:])
		out.head[p] = h
	}
	if err := d.Done(); err != nil {
		return err
	}
	*h = out
	return nil
}

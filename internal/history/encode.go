package history

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// encodingMagic starts an encoded History; its number changes whenever
// the encoding does. What the walk puts in a History is the program's
// business: a cache keys what it keeps by the program too (package cache).
const encodingMagic = "incidentsite history 1\n"

// MarshalBinary encodes h, everything Read gives and what its warnings
// say, for a cache: UnmarshalBinary gives a History equal to h.
func (h *History) MarshalBinary() ([]byte, error) {
	var e encoder
	e.b = append(e.b, encodingMagic...)
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
	e.bool(h.Head != nil)
	e.bool(h.Shallow)
	e.bool(h.missing)
	e.uint(uint64(h.walked))
	e.uint(uint64(len(list)))
	for _, c := range list {
		if c == nil {
			return nil, errors.New("encode history: a revision has no commit")
		}
		e.str(c.Hash)
		e.str(c.Author)
		e.str(c.Email)
		e.time(c.AuthorTime)
		e.time(c.CommitTime)
		e.str(c.Subject)
		e.bool(c.Boundary)
		e.uint(uint64(c.order))
	}
	e.uint(uint64(len(paths)))
	for _, p := range paths {
		e.str(p)
		revs := h.files[p]
		e.uint(uint64(len(revs)))
		for _, r := range revs {
			e.uint(uint64(index[r.Commit]))
			e.b = append(e.b, byte(r.Kind))
			e.str(r.Path)
			e.b = append(e.b, r.Blob[:]...)
			e.str(r.From)
			e.str(r.To)
		}
	}
	head := make([]string, 0, len(h.head))
	for p := range h.head {
		head = append(head, p)
	}
	slices.Sort(head)
	e.uint(uint64(len(head)))
	for _, p := range head {
		e.str(p)
		b := h.head[p]
		e.b = append(e.b, b[:]...)
	}
	return e.b, nil
}

// UnmarshalBinary decodes what MarshalBinary encoded into h. Data that is
// not such an encoding, cut short or from another version, is an error,
// never a panic: a cache file may be damaged.
func (h *History) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if len(d.b) < len(encodingMagic) || string(d.b[:len(encodingMagic)]) != encodingMagic {
		return errors.New("decode history: not an encoded history of this version")
	}
	d.b = d.b[len(encodingMagic):]
	out := History{files: map[string][]Revision{}, head: map[string]plumbing.Hash{}}
	hasHead := d.bool()
	out.Shallow = d.bool()
	out.missing = d.bool()
	out.walked = d.int()
	n := d.count(8)
	list := make([]*Commit, 0, n)
	for range n {
		c := &Commit{Hash: d.str(), Author: d.str(), Email: d.str()}
		c.AuthorTime = d.time()
		c.CommitTime = d.time()
		c.Subject = d.str()
		c.Boundary = d.bool()
		c.order = d.int()
		list = append(list, c)
	}
	if hasHead {
		if len(list) == 0 {
			d.fail()
		} else {
			out.Head = list[0]
		}
	}
	for range d.count(2) {
		p := d.str()
		revs := make([]Revision, 0, d.count(24))
		for range cap(revs) {
			var r Revision
			if i := d.int(); i < len(list) {
				r.Commit = list[i]
			} else {
				d.fail()
			}
			r.Kind = Kind(d.byte())
			if r.Kind < Added || r.Kind > Moved {
				d.fail()
			}
			r.Path = d.str()
			r.Blob = d.hash()
			r.From = d.str()
			r.To = d.str()
			revs = append(revs, r)
		}
		if d.err != nil {
			break
		}
		out.files[p] = revs
	}
	for range d.count(21) {
		p := d.str()
		out.head[p] = d.hash()
	}
	if d.err == nil && len(d.b) != 0 {
		d.fail()
	}
	if d.err != nil {
		return d.err
	}
	*h = out
	return nil
}

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// time encodes t as the walk makes it (go-git's reading of a commit's
// signature): seconds, and UTC or a fixed zone with its name and offset.
func (e *encoder) time(t time.Time) {
	e.b = binary.AppendVarint(e.b, t.Unix())
	e.uint(uint64(t.Nanosecond()))
	if t.Location() == time.UTC {
		e.bool(false)
		return
	}
	e.bool(true)
	name, off := t.Zone()
	e.str(name)
	e.b = binary.AppendVarint(e.b, int64(off))
}

// decoder reads an encoding; its first error sticks, and every read after
// it gives a zero value.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errors.New("decode history: the data is damaged")
	}
	d.b = nil
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// int reads a count or an index, which fits an int.
func (d *decoder) int() int {
	v := d.uint()
	if v > math.MaxInt32 {
		d.fail()
		return 0
	}
	return int(v)
}

// count reads how many items follow, each at least size bytes long: a
// count the rest of the data cannot hold is damage, not an allocation.
func (d *decoder) count(size int) int {
	n := d.int()
	if n > len(d.b)/size {
		d.fail()
		return 0
	}
	return n
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) bool() bool {
	switch d.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail()
	return false
}

func (d *decoder) str() string {
	n := d.int()
	if n > len(d.b) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) hash() plumbing.Hash {
	var h plumbing.Hash
	if len(d.b) < len(h) {
		d.fail()
		return h
	}
	copy(h[:], d.b)
	d.b = d.b[len(h):]
	return h
}

func (d *decoder) time() time.Time {
	secs := d.varint()
	nsec := d.uint()
	if nsec >= uint64(time.Second) {
		d.fail()
		return time.Time{}
	}
	t := time.Unix(secs, int64(nsec))
	if !d.bool() {
		return t.In(time.UTC)
	}
	name := d.str()
	off := d.varint()
	if off < -24*3600 || off > 24*3600 {
		d.fail()
		return time.Time{}
	}
	return t.In(time.FixedZone(name, int(off)))
}

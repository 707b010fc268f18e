package history

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// The walk reads its commits and trees from the repository's pack files
// itself, and asks go-git only for the objects they lack (loose objects,
// alternates). go-git's pack reader hashes every object it puts in its
// cache, a delta's result included, to key it: a quarter of the walk's
// time (10,000 incidents, 50,000 commits: 3.5 s of 14 s of CPU in
// SHA-1). Here a resolved object is kept by its place in its pack, which
// the delta that needs it names, and nothing is hashed.

const (
	// maxObject bounds the size of a commit or tree the walk reads, and
	// of a delta's result: a crafted pack must not make it allocate
	// without end.
	maxObject = 256 << 20
	// maxChain bounds how many deltas lead to an object: deltas naming
	// their base by hash could name each other.
	maxChain = 10_000
	// baseCacheBytes is how many bytes of resolved objects each reader
	// keeps: the bases of the deltas it reads next. Consecutive versions
	// of a tree are usually deltas of each other, so a few chains
	// suffice.
	baseCacheBytes = 16 << 20
)

var errBadPack = errors.New("malformed pack file")

// packFile is one pack and its index, shared by the readers of a walk:
// they read it with ReadAt only.
type packFile struct {
	f     billy.File
	size  int64
	fan   [256]uint32
	names []byte // the sorted hashes, 20 bytes each
	off32 []byte
	off64 []byte
	// ends holds the offset of every object, sorted, then where the
	// last one ends: an object's data ends where the next one starts,
	// so it is read with one ReadAt of its size.
	ends []int64
}

// openPacks opens the pack files of a repository on disk; nil, and no
// error, for any other storage or a repository without packs.
func openPacks(s storage.Storer) ([]*packFile, func(), error) {
	fsys, ok := s.(*filesystem.Storage)
	if !ok {
		return nil, func() {}, nil
	}
	hashes, err := fsys.ObjectPacks()
	if err != nil {
		return nil, nil, fmt.Errorf("list pack files: %w", err)
	}
	var packs []*packFile
	done := func() {
		for _, p := range packs {
			p.f.Close()
		}
	}
	fs := fsys.Filesystem()
	for _, h := range hashes {
		p, err := openPack(fs, "objects/pack/pack-"+h.String())
		if err != nil {
			done()
			return nil, nil, err
		}
		packs = append(packs, p)
	}
	return packs, done, nil
}

func openPack(fs billy.Filesystem, name string) (*packFile, error) {
	idx, err := readAll(fs, name+".idx")
	if err != nil {
		return nil, err
	}
	p := &packFile{}
	if err := p.parseIndex(idx); err != nil {
		return nil, fmt.Errorf("%s.idx: %w", name, err)
	}
	f, err := fs.Open(name + ".pack")
	if err != nil {
		return nil, err
	}
	fi, err := fs.Stat(name + ".pack")
	if err != nil {
		f.Close()
		return nil, err
	}
	p.f, p.size = f, fi.Size()
	return p, nil
}

func readAll(fs billy.Filesystem, name string) ([]byte, error) {
	f, err := fs.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// parseIndex reads a pack index of version 2, the only one git has
// written since 2008.
func (p *packFile) parseIndex(b []byte) error {
	const head = 8 + 256*4
	if len(b) < head || !bytes.Equal(b[:8], []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}) {
		return errors.New("not a pack index of version 2")
	}
	prev := uint32(0)
	for i := range p.fan {
		p.fan[i] = binary.BigEndian.Uint32(b[8+4*i:])
		if p.fan[i] < prev {
			return errBadPack
		}
		prev = p.fan[i]
	}
	n := uint64(p.fan[255])
	rest := b[head:]
	if uint64(len(rest)) < n*(20+4+4) {
		return errBadPack
	}
	p.names = rest[:n*20]
	p.off32 = rest[n*24 : n*28]
	p.off64 = rest[n*28:]
	p.ends = make([]int64, 0, n+1)
	for i := range uint32(n) {
		off, ok := p.offset(i)
		if !ok {
			return errBadPack
		}
		p.ends = append(p.ends, off)
	}
	slices.Sort(p.ends)
	return nil
}

// offset returns the offset of the i-th object of the index.
func (p *packFile) offset(i uint32) (int64, bool) {
	o := binary.BigEndian.Uint32(p.off32[i*4:])
	if o&0x80000000 == 0 {
		return int64(o), true
	}
	j := uint64(o&0x7fffffff) * 8
	if j+8 > uint64(len(p.off64)) {
		return 0, false
	}
	return int64(binary.BigEndian.Uint64(p.off64[j:]) & (1<<63 - 1)), true
}

// end returns where the data of the object at off ends, false when no
// object of the index starts at off.
func (p *packFile) end(off int64) (int64, bool) {
	const trailer = 20 // the pack's hash
	i, found := slices.BinarySearch(p.ends, off)
	switch {
	case !found:
		return 0, false
	case i+1 < len(p.ends):
		return p.ends[i+1], true
	}
	return max(off, p.size-trailer), true
}

// find returns the offset of h in p.
func (p *packFile) find(h plumbing.Hash) (int64, bool) {
	lo, hi := uint32(0), p.fan[h[0]]
	if h[0] > 0 {
		lo = p.fan[h[0]-1]
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		switch c := bytes.Compare(h[:], p.names[mid*20:mid*20+20]); {
		case c == 0:
			return p.offset(mid)
		case c < 0:
			hi = mid
		default:
			lo = mid + 1
		}
	}
	return 0, false
}

// objects reads raw objects for one goroutine: from the packs, which it
// shares with other readers, else from s.
type objects struct {
	s     storage.Storer
	packs []*packFile

	buf   []byte        // the packed data of the object being read
	br    *bytes.Reader // reads buf
	zr    io.ReadCloser
	cache map[packKey][]byte
	ring  []packKey // the keys cached, oldest first from next
	next  int
	bytes int
}

type packKey struct {
	p   *packFile
	off int64
}

func newObjects(s storage.Storer, packs []*packFile) *objects {
	return &objects{s: s, packs: packs, br: bytes.NewReader(nil), cache: map[packKey][]byte{}}
}

// read returns the contents of the object h, which must be of type typ.
// The slice must not be modified.
func (o *objects) read(typ plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	t, b, err := o.find(h, 0)
	if err != nil {
		return nil, err
	}
	if t != typ {
		return nil, fmt.Errorf("%s is a %s, not a %s", h, t, typ)
	}
	return b, nil
}

func (o *objects) find(h plumbing.Hash, depth int) (plumbing.ObjectType, []byte, error) {
	for _, p := range o.packs {
		if off, ok := p.find(h); ok {
			return o.at(p, off, depth)
		}
	}
	obj, err := o.s.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return 0, nil, err
	}
	r, err := obj.Reader()
	if err != nil {
		return 0, nil, err
	}
	defer r.Close()
	b := make([]byte, 0, min(max(0, obj.Size()), maxObject))
	buf := bytes.NewBuffer(b)
	if _, err := io.Copy(buf, io.LimitReader(r, maxObject+1)); err != nil {
		return 0, nil, err
	}
	if buf.Len() > maxObject {
		return 0, nil, fmt.Errorf("%s: larger than %d bytes", h, maxObject)
	}
	return obj.Type(), buf.Bytes(), nil
}

// at returns the object at offset off of p, resolving its deltas.
func (o *objects) at(p *packFile, off int64, depth int) (plumbing.ObjectType, []byte, error) {
	if depth > maxChain {
		return 0, nil, fmt.Errorf("%w: a chain of more than %d deltas", errBadPack, maxChain)
	}
	key := packKey{p, off}
	if b, ok := o.cache[key]; ok {
		return typeOf(b), b[1:], nil
	}
	if off < 0 || off >= p.size {
		return 0, nil, errBadPack
	}
	end, ok := p.end(off)
	if !ok {
		return 0, nil, fmt.Errorf("%w: no object at offset %d", errBadPack, off)
	}
	n := end - off
	if n > 2*maxObject {
		return 0, nil, fmt.Errorf("%w: an object of more than %d bytes", errBadPack, 2*maxObject)
	}
	if int64(cap(o.buf)) < n {
		o.buf = make([]byte, n)
	}
	o.buf = o.buf[:n]
	if k, err := p.f.ReadAt(o.buf, off); k < len(o.buf) {
		return 0, nil, fmt.Errorf("read pack file: %w", err)
	}
	o.br.Reset(o.buf)
	c, err := o.br.ReadByte()
	if err != nil {
		return 0, nil, errBadPack
	}
	typ := plumbing.ObjectType(c >> 4 & 7)
	size := uint64(c & 15)
	for shift := 4; c&0x80 != 0; shift += 7 {
		if c, err = o.br.ReadByte(); err != nil || shift > 56 {
			return 0, nil, errBadPack
		}
		size |= uint64(c&0x7f) << shift
	}
	var baseOff int64
	var baseHash plumbing.Hash
	switch typ {
	case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
		b, err := o.inflate(size)
		if err != nil {
			return 0, nil, err
		}
		return typ, o.keep(key, typ, b), nil
	case plumbing.OFSDeltaObject:
		if c, err = o.br.ReadByte(); err != nil {
			return 0, nil, errBadPack
		}
		back := int64(c & 0x7f)
		for c&0x80 != 0 {
			if c, err = o.br.ReadByte(); err != nil || back >= 1<<55 {
				return 0, nil, errBadPack
			}
			back = (back+1)<<7 | int64(c&0x7f)
		}
		if back <= 0 || back > off {
			return 0, nil, errBadPack
		}
		baseOff = off - back
	case plumbing.REFDeltaObject:
		if _, err := io.ReadFull(o.br, baseHash[:]); err != nil {
			return 0, nil, errBadPack
		}
	default:
		return 0, nil, fmt.Errorf("%w: an object of type %d", errBadPack, typ)
	}
	delta, err := o.inflate(size)
	if err != nil {
		return 0, nil, err
	}
	// The reader is free again: the base may be read with it.
	var base []byte
	if typ == plumbing.OFSDeltaObject {
		typ, base, err = o.at(p, baseOff, depth+1)
	} else {
		typ, base, err = o.find(baseHash, depth+1)
	}
	if err != nil {
		return 0, nil, err
	}
	b, err := patch(base, delta[1:])
	if err != nil {
		return 0, nil, err
	}
	return typ, o.keep(key, typ, b), nil
}

// inflate reads size bytes of zlib data at the reader.
func (o *objects) inflate(size uint64) ([]byte, error) {
	if size > maxObject {
		return nil, fmt.Errorf("%w: an object of %d bytes", errBadPack, size)
	}
	var err error
	if o.zr == nil {
		o.zr, err = zlib.NewReader(o.br)
	} else {
		err = o.zr.(zlib.Resetter).Reset(o.br, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errBadPack, err)
	}
	// One byte more than the type, for the cache.
	b := make([]byte, 1+size)
	if _, err := io.ReadFull(o.zr, b[1:]); err != nil {
		return nil, fmt.Errorf("%w: %v", errBadPack, err)
	}
	return b, nil
}

// keep caches b, whose first byte is free for typ, and returns the
// object's contents.
func (o *objects) keep(key packKey, typ plumbing.ObjectType, b []byte) []byte {
	b[0] = byte(typ)
	if len(b) <= baseCacheBytes/4 {
		for o.bytes+len(b) > baseCacheBytes && o.next < len(o.ring) {
			old := o.ring[o.next]
			o.bytes -= len(o.cache[old])
			delete(o.cache, old)
			o.next++
		}
		if o.next > len(o.ring)/2 {
			o.ring = append(o.ring[:0], o.ring[o.next:]...)
			o.next = 0
		}
		o.cache[key] = b
		o.ring = append(o.ring, key)
		o.bytes += len(b)
	}
	return b[1:]
}

func typeOf(b []byte) plumbing.ObjectType { return plumbing.ObjectType(b[0]) }

// patch applies a delta to base. Its result has a free first byte, as
// inflate's has.
func patch(base, delta []byte) ([]byte, error) {
	src, delta, ok := uvarint(delta)
	if !ok || src != uint64(len(base)) {
		return nil, fmt.Errorf("%w: a delta for a base of another size", errBadPack)
	}
	dst, delta, ok := uvarint(delta)
	if !ok || dst > maxObject {
		return nil, errBadPack
	}
	out := make([]byte, 1, 1+dst)
	for len(delta) > 0 {
		cmd := delta[0]
		delta = delta[1:]
		switch {
		case cmd&0x80 != 0:
			var off, n uint64
			for i := range 4 {
				if cmd&(1<<i) != 0 {
					if len(delta) == 0 {
						return nil, errBadPack
					}
					off |= uint64(delta[0]) << (8 * i)
					delta = delta[1:]
				}
			}
			for i := range 3 {
				if cmd&(0x10<<i) != 0 {
					if len(delta) == 0 {
						return nil, errBadPack
					}
					n |= uint64(delta[0]) << (8 * i)
					delta = delta[1:]
				}
			}
			if n == 0 {
				n = 0x10000
			}
			if off+n > uint64(len(base)) || uint64(len(out)-1)+n > dst {
				return nil, errBadPack
			}
			out = append(out, base[off:off+n]...)
		case cmd != 0:
			n := int(cmd)
			if n > len(delta) || uint64(len(out)-1+n) > dst {
				return nil, errBadPack
			}
			out = append(out, delta[:n]...)
			delta = delta[n:]
		default:
			return nil, errBadPack
		}
	}
	if uint64(len(out)-1) != dst {
		return nil, errBadPack
	}
	return out, nil
}

func uvarint(b []byte) (uint64, []byte, bool) {
	var v uint64
	for i, shift := 0, 0; i < len(b) && shift < 64; i, shift = i+1, shift+7 {
		v |= uint64(b[i]&0x7f) << shift
		if b[i]&0x80 == 0 {
			return v, b[i+1:], true
		}
	}
	return 0, nil, false
}

// Package wire is the binary encoding of what incidentsite keeps in its
// cache folder (package cache): the history of a commit, the records as
// parsed. It writes varints, strings and times one after the other, with
// no names and no types: the writer and the reader of a value agree on
// its layout, and the cache keys what it keeps by the program that
// wrote it, so that no other version reads it.
//
// A Decoder reads data that may be damaged or cut short: its first
// error sticks, every read after it gives a zero value, and no count it
// reads makes it allocate more than the data could hold. A damaged file
// is an error, never a panic.
//
// Slices and maps keep whether they were nil: Len writes a length plus
// one, and zero for nil, so that a value decoded is deeply equal to the
// value encoded.
package wire

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"time"
	"unsafe"
)

// Encoder appends encoded values to a buffer. The zero value is ready to
// use.
type Encoder struct{ b []byte }

// Data returns what was encoded so far.
func (e *Encoder) Data() []byte { return e.b }

// Reset empties e, keeping its buffer for what is encoded next.
func (e *Encoder) Reset() { e.b = e.b[:0] }

// Grow makes room for n more bytes.
func (e *Encoder) Grow(n int) { e.b = slices.Grow(e.b, n) }

// Raw appends b as it is, for a magic string or a fixed-size hash.
func (e *Encoder) Raw(b []byte) { e.b = append(e.b, b...) }

// Uint appends v.
func (e *Encoder) Uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

// Varint appends v, small negative numbers short.
func (e *Encoder) Varint(v int64) { e.b = binary.AppendVarint(e.b, v) }

// Int appends v, an int of any sign.
func (e *Encoder) Int(v int) { e.Varint(int64(v)) }

// Byte appends c.
func (e *Encoder) Byte(c byte) { e.b = append(e.b, c) }

// Bool appends v as one byte.
func (e *Encoder) Bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// String appends s with its length.
func (e *Encoder) String(s string) {
	e.Uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// Bytes appends b with its length, and whether it is nil.
func (e *Encoder) Bytes(b []byte) {
	e.Len(len(b), b == nil)
	e.b = append(e.b, b...)
}

// Len appends the length of a slice or a map that follows, and whether
// it is nil.
func (e *Encoder) Len(n int, isNil bool) {
	if isNil {
		e.Uint(0)
		return
	}
	e.Uint(uint64(n) + 1)
}

// The zones a time is encoded in.
const (
	zoneZero  = iota // the zero time
	zoneUTC          // UTC
	zoneSite         // the Location given to Time, the site's
	zoneLocal        // time.Local
	zoneFixed        // any other, as its name and offset at that time
)

// Time appends t: its instant, and its zone as one of UTC, site (by
// name: an IANA zone such as Europe/Brussels), time.Local or else a fixed
// zone of t's name and offset. A time in
// another named zone decodes in a fixed zone: equal to t, not deeply
// equal.
func (e *Encoder) Time(t time.Time, site *time.Location) {
	switch loc := t.Location(); {
	case t.IsZero() && loc == time.UTC:
		e.Byte(zoneZero)
		return
	case loc == time.UTC:
		e.Byte(zoneUTC)
	case site != nil && (loc == site || loc.String() == site.String()):
		// The site's zone, or the same zone loaded again (a preview
		// server loads the configuration at each build).
		e.Byte(zoneSite)
	case loc == time.Local:
		e.Byte(zoneLocal)
	default:
		e.Byte(zoneFixed)
		name, off := t.Zone()
		e.String(name)
		e.Int(off)
	}
	e.Varint(t.Unix())
	e.Uint(uint64(t.Nanosecond()))
}

// Decoder reads what an Encoder wrote. Strings and byte slices it returns
// share the data's memory: the caller hands the data over, and must never
// modify it after, nor the byte slices handed out.
type Decoder struct {
	b    []byte
	s    string
	off  int
	what string
	err  error
}

// NewDecoder returns a Decoder of data, which holds what; what names it
// in the error for damaged data, as in "decode history: ...". The data is
// the Decoder's from then on (see Decoder): its strings are views of it,
// not a copy, which at 10,000 incidents saves copying the 47 MB the
// cache reads back at each run.
func NewDecoder(data []byte, what string) *Decoder {
	return &Decoder{b: data, s: unsafe.String(unsafe.SliceData(data), len(data)), what: what}
}

// Err returns the first error, nil when every read so far succeeded.
func (d *Decoder) Err() error { return d.err }

// Done returns the first error, or an error when data is left over.
func (d *Decoder) Done() error {
	if d.err == nil && d.off != len(d.b) {
		d.Fail()
	}
	return d.err
}

// Fail records that the data is damaged: every read after it gives a
// zero value.
func (d *Decoder) Fail() {
	if d.err == nil {
		d.err = fmt.Errorf("decode %s: the data is damaged", d.what)
	}
	d.off = len(d.b)
}

// Failf records that the data is not what the caller expects, with why.
func (d *Decoder) Failf(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("decode %s: %s", d.what, fmt.Sprintf(format, args...))
	}
	d.off = len(d.b)
}

// Left returns the number of bytes not read yet.
func (d *Decoder) Left() int { return len(d.b) - d.off }

// Mark returns where the next read starts, for Since.
func (d *Decoder) Mark() int { return d.off }

// Since returns the data read since mark, as it was written: a value
// decoded and also kept as its encoding, to be written again with Raw
// without encoding it again. It shares the data.
func (d *Decoder) Since(mark int) []byte {
	if d.err != nil || mark < 0 || mark > d.off {
		return nil
	}
	return d.b[mark:d.off:d.off]
}

// Sub returns a Decoder of the next n bytes, which d skips: a part that
// can be decoded apart, on another goroutine. It shares d's data and
// copy of it; its errors are its own. A Sub beyond the data fails d and
// returns a Decoder of nothing, failed too.
func (d *Decoder) Sub(n int) *Decoder {
	if n < 0 || n > d.Left() {
		d.Fail()
		sub := &Decoder{what: d.what}
		sub.Fail()
		return sub
	}
	sub := &Decoder{b: d.b[:d.off+n], s: d.s[:d.off+n], off: d.off, what: d.what}
	d.off += n
	return sub
}

// Magic reads the string magic, written with Raw, and fails when the data
// does not start with it.
func (d *Decoder) Magic(magic string) bool {
	if d.Left() < len(magic) || d.s[d.off:d.off+len(magic)] != magic {
		d.Failf("not an encoded %s of this version", d.what)
		return false
	}
	d.off += len(magic)
	return true
}

// Raw fills p with the next len(p) bytes.
func (d *Decoder) Raw(p []byte) {
	if d.Left() < len(p) {
		d.Fail()
		clear(p)
		return
	}
	copy(p, d.b[d.off:])
	d.off += len(p)
}

// Uint reads what Encoder.Uint wrote.
func (d *Decoder) Uint() uint64 {
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.Fail()
		return 0
	}
	d.off += n
	return v
}

// Varint reads what Encoder.Varint wrote.
func (d *Decoder) Varint() int64 {
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.Fail()
		return 0
	}
	d.off += n
	return v
}

// Int reads what Encoder.Int wrote.
func (d *Decoder) Int() int {
	v := d.Varint()
	if v < math.MinInt || v > math.MaxInt {
		d.Fail()
		return 0
	}
	return int(v)
}

// Index reads an index or a count written with Uint, which fits an
// int32.
func (d *Decoder) Index() int {
	v := d.Uint()
	if v > math.MaxInt32 {
		d.Fail()
		return 0
	}
	return int(v)
}

// Count reads a count written with Uint of items that follow, each at
// least size bytes long: a count the rest of the data cannot hold is
// damage, not an allocation.
func (d *Decoder) Count(size int) int {
	n := d.Index()
	if n > d.Left()/max(size, 1) {
		d.Fail()
		return 0
	}
	return n
}

// Len reads what Encoder.Len wrote, for items each at least size bytes
// long (see Count).
func (d *Decoder) Len(size int) (n int, isNil bool) {
	v := d.Index()
	if v == 0 {
		return 0, true
	}
	if v-1 > d.Left()/max(size, 1) {
		d.Fail()
		return 0, true
	}
	return v - 1, false
}

// Byte reads what Encoder.Byte wrote.
func (d *Decoder) Byte() byte {
	if d.Left() < 1 {
		d.Fail()
		return 0
	}
	c := d.b[d.off]
	d.off++
	return c
}

// Bool reads what Encoder.Bool wrote.
func (d *Decoder) Bool() bool {
	switch d.Byte() {
	case 0:
		return false
	case 1:
		return true
	}
	d.Fail()
	return false
}

// String reads what Encoder.String wrote.
func (d *Decoder) String() string {
	n := d.Index()
	if n > d.Left() {
		d.Fail()
		return ""
	}
	s := d.s[d.off : d.off+n]
	d.off += n
	return s
}

// Bytes reads what Encoder.Bytes wrote: a slice of the data, of capacity
// its length.
func (d *Decoder) Bytes() []byte {
	n, isNil := d.Len(1)
	if isNil {
		return nil
	}
	b := d.b[d.off : d.off+n : d.off+n]
	d.off += n
	return b
}

// Time reads what Encoder.Time wrote, with the same site zone.
func (d *Decoder) Time(site *time.Location) time.Time {
	zone := d.Byte()
	var loc *time.Location
	switch zone {
	case zoneZero:
		return time.Time{}
	case zoneUTC:
		loc = time.UTC
	case zoneSite:
		if site == nil {
			d.Failf("a time in the site's zone, and no zone given")
			return time.Time{}
		}
		loc = site
	case zoneLocal:
		loc = time.Local
	case zoneFixed:
		name := d.String()
		off := d.Int()
		if off < -24*3600 || off > 24*3600 {
			d.Fail()
			return time.Time{}
		}
		loc = time.FixedZone(name, off)
	default:
		d.Fail()
		return time.Time{}
	}
	secs := d.Varint()
	nsec := d.Uint()
	if nsec >= uint64(time.Second) {
		d.Fail()
		return time.Time{}
	}
	return time.Unix(secs, int64(nsec)).In(loc)
}

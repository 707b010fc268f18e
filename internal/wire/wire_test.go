package wire

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// value is one of everything an Encoder writes, in one layout.
type value struct {
	U       uint64
	V       int64
	I       int
	C       byte
	B       bool
	S       string
	Data    []byte
	T       []time.Time
	Hash    [4]byte
	Trailer string
}

func (v *value) encode(e *Encoder, site *time.Location) {
	e.Uint(v.U)
	e.Varint(v.V)
	e.Int(v.I)
	e.Byte(v.C)
	e.Bool(v.B)
	e.String(v.S)
	e.Bytes(v.Data)
	e.Len(len(v.T), v.T == nil)
	for _, t := range v.T {
		e.Time(t, site)
	}
	e.Raw(v.Hash[:])
	e.String(v.Trailer)
}

func decodeValue(d *Decoder, site *time.Location) value {
	var v value
	v.U = d.Uint()
	v.V = d.Varint()
	v.I = d.Int()
	v.C = d.Byte()
	v.B = d.Bool()
	v.S = d.String()
	v.Data = d.Bytes()
	if n, isNil := d.Len(2); !isNil {
		v.T = make([]time.Time, 0, n)
		for range n {
			v.T = append(v.T, d.Time(site))
		}
	}
	d.Raw(v.Hash[:])
	v.Trailer = d.String()
	return v
}

func TestRoundTrip(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	parsed, err := time.Parse(time.RFC3339, "2025-09-04T09:00:00+05:30")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		v    value
	}{
		{"zero", value{}},
		{"extremes", value{U: math.MaxUint64, V: math.MinInt64, I: math.MaxInt, C: 255, B: true, S: "héllo\x00", Data: []byte{0, 1, 2}, Hash: [4]byte{1, 2, 3, 4}, Trailer: "end"}},
		{"empty, not nil", value{Data: []byte{}, T: []time.Time{}}},
		{"times", value{T: []time.Time{
			{},
			time.Date(2025, 9, 4, 9, 0, 0, 123, time.UTC),
			time.Date(2025, 9, 4, 9, 0, 0, 0, brussels),
			time.Date(2025, 1, 4, 9, 0, 0, 0, time.Local),
			parsed,
			time.Date(1, 1, 1, 0, 0, 0, 0, brussels), // zero instant, not UTC
			time.Date(-300, 1, 1, 0, 0, 0, 0, time.UTC),
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e Encoder
			e.Raw([]byte("magic\n"))
			tt.v.encode(&e, brussels)
			d := NewDecoder(e.Data(), "test value")
			if !d.Magic("magic\n") {
				t.Fatal(d.Err())
			}
			got := decodeValue(d, brussels)
			if err := d.Done(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.v) {
				t.Errorf("decoded\n%#v\nwant\n%#v", got, tt.v)
			}
		})
	}
}

// TestDamaged cuts and flips an encoding: each is an error, never a
// panic, and never a value with more than the data held.
func TestDamaged(t *testing.T) {
	site := time.FixedZone("CET", 3600)
	v := value{U: 300, V: -5, I: 1 << 40, S: "text", Data: []byte("data"),
		T: []time.Time{time.Date(2025, 9, 4, 9, 0, 0, 0, site), time.Date(2025, 9, 4, 9, 0, 0, 0, time.FixedZone("X", 7200))}, Trailer: "t"}
	var e Encoder
	v.encode(&e, site)
	data := e.Data()
	for n := range len(data) {
		d := NewDecoder(data[:n], "test value")
		decodeValue(d, site)
		if d.Done() == nil {
			t.Errorf("cut at %d of %d: no error", n, len(data))
		}
	}
	for i := range data {
		b := append([]byte(nil), data...)
		b[i] ^= 0xff
		d := NewDecoder(b, "test value")
		decodeValue(d, site)
		_ = d.Done() // a flip may decode; it must not panic
	}
	d := NewDecoder(append(append([]byte(nil), data...), 0), "test value")
	decodeValue(d, site)
	if err := d.Done(); err == nil || !strings.Contains(err.Error(), "decode test value: the data is damaged") {
		t.Errorf("data left over: %v", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		read func(d *Decoder)
		want string
	}{
		{"magic", []byte("other"), func(d *Decoder) { d.Magic("magic\n") }, "decode x: not an encoded x of this version"},
		{"bool", []byte{2}, func(d *Decoder) { d.Bool() }, "damaged"},
		{"count beyond the data", []byte{100, 1, 2}, func(d *Decoder) { d.Count(1) }, "damaged"},
		{"length beyond the data", []byte{100, 1, 2}, func(d *Decoder) { d.Len(1) }, "damaged"},
		{"string beyond the data", []byte{5, 'a'}, func(d *Decoder) { _ = d.String() }, "damaged"},
		{"index too big", []byte{0xff, 0xff, 0xff, 0xff, 0x0f}, func(d *Decoder) { d.Index() }, "damaged"},
		{"site zone without a site", []byte{zoneSite, 0, 0}, func(d *Decoder) { d.Time(nil) }, "no zone given"},
		{"unknown zone", []byte{9, 0, 0}, func(d *Decoder) { d.Time(nil) }, "damaged"},
		{"offset beyond a day", []byte{zoneFixed, 0, 0xff, 0xff, 0x0f, 0, 0}, func(d *Decoder) { d.Time(nil) }, "damaged"},
		{"nanoseconds beyond a second", []byte{zoneUTC, 0, 0xff, 0xff, 0xff, 0xff, 0x0f}, func(d *Decoder) { d.Time(nil) }, "damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDecoder(tt.data, "x")
			tt.read(d)
			if err := d.Err(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one with %q", err, tt.want)
			}
			// Every read after the first error gives a zero value.
			if d.Uint() != 0 || d.String() != "" || d.Bytes() != nil || !d.Time(nil).IsZero() || d.Left() != 0 {
				t.Error("a read after the error gave a value")
			}
		})
	}
}

// FuzzDecoder reads arbitrary data as a value: never a panic, and what
// decodes without error encodes back to the same bytes.
func FuzzDecoder(f *testing.F) {
	site := time.FixedZone("CET", 3600)
	var e Encoder
	(&value{U: 1, S: "s", Data: []byte("d"), T: []time.Time{time.Date(2025, 1, 1, 0, 0, 0, 0, site)}}).encode(&e, site)
	f.Add(e.Data())
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewDecoder(data, "fuzzed value")
		v := decodeValue(d, site)
		if d.Done() != nil {
			return
		}
		var e Encoder
		v.encode(&e, site)
		d2 := NewDecoder(e.Data(), "fuzzed value")
		if got := decodeValue(d2, site); d2.Done() != nil || !reflect.DeepEqual(got, v) {
			t.Errorf("a decoded value does not survive encoding: %#v, then %#v (%v)", v, got, d2.Err())
		}
	})
}

// TestSubAndSince: parts cut with Sub decode apart, and Since gives a
// part's bytes as written, which Raw writes again to the same encoding.
func TestSubAndSince(t *testing.T) {
	var part, e Encoder
	e.Uint(2)
	for _, s := range []string{"first", "second"} {
		part.Reset()
		part.String(s)
		part.Int(len(s))
		e.Uint(uint64(len(part.Data())))
		e.Raw(part.Data())
	}
	d := NewDecoder(e.Data(), "parts")
	subs := make([]*Decoder, d.Count(1))
	for i := range subs {
		subs[i] = d.Sub(d.Index())
	}
	if err := d.Done(); err != nil {
		t.Fatal(err)
	}
	var again Encoder
	again.Uint(uint64(len(subs)))
	for i, want := range []string{"first", "second"} {
		mark := subs[i].Mark()
		if s, n := subs[i].String(), subs[i].Int(); s != want || n != len(want) {
			t.Errorf("part %d: %q %d", i, s, n)
		}
		if err := subs[i].Done(); err != nil {
			t.Errorf("part %d: %v", i, err)
		}
		raw := subs[i].Since(mark)
		again.Uint(uint64(len(raw)))
		again.Raw(raw)
	}
	if string(again.Data()) != string(e.Data()) {
		t.Error("the parts written again with Raw differ")
	}

	// A part longer than the data fails both.
	d = NewDecoder([]byte{1, 2}, "parts")
	sub := d.Sub(5)
	if d.Err() == nil || sub.Err() == nil || sub.Left() != 0 {
		t.Error("a part beyond the data decoded")
	}
	// A part's reads end at its end.
	d = NewDecoder([]byte{5, 'a', 'b', 'c', 'd', 'e'}, "parts")
	sub = d.Sub(3)
	if s := sub.String(); s != "" || sub.Err() == nil {
		t.Errorf("a string read beyond its part: %q", s)
	}
}

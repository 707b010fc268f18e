package yamlx

import (
	"maps"
	"slices"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/wire"
	"gopkg.in/yaml.v3"
)

// Encode appends p, which may be nil, to e, for a cache of parsed records:
// DecodePositions gives Positions deeply equal to p.
func (p *Positions) Encode(e *wire.Encoder) {
	e.Bool(p != nil)
	if p == nil {
		return
	}
	e.String(p.File)
	EncodePosition(e, p.Root)
	e.Int(p.offset)
	e.Len(len(p.entries), p.entries == nil)
	for _, en := range p.entries {
		e.Uint(uint64(en.keyOff))
		e.Uint(uint64(en.keyLen))
		e.Int(int(en.keyLine))
		e.Int(int(en.keyCol))
		e.Int(int(en.valLine))
		e.Int(int(en.valCol))
		e.Int(int(en.first))
		e.Int(int(en.count))
		e.Uint(uint64(en.kind))
	}
	e.String(p.keys)
	e.Len(len(p.comments), p.comments == nil)
	for _, c := range p.comments {
		e.String(c)
	}
	e.Len(len(p.aliases), p.aliases == nil)
	for _, k := range slices.Sorted(maps.Keys(p.aliases)) {
		e.String(k)
		e.String(p.aliases[k])
	}
	EncodeSet(e, p.failed)
}

// DecodePositions reads what Positions.Encode wrote. Damaged data is d's
// error, and the Positions then unusable.
func DecodePositions(d *wire.Decoder) *Positions {
	if !d.Bool() {
		return nil
	}
	p := &Positions{File: d.String()}
	p.Root = DecodePosition(d)
	p.offset = d.Int()
	if n, isNil := d.Len(9); !isNil {
		p.entries = make([]entry, n)
		for i := range p.entries {
			en := &p.entries[i]
			en.keyOff = uint32(d.Index())
			en.keyLen = uint32(d.Index())
			en.keyLine = int32(d.Int())
			en.keyCol = int32(d.Int())
			en.valLine = int32(d.Int())
			en.valCol = int32(d.Int())
			en.first = int32(d.Int())
			en.count = int32(d.Int())
			en.kind = yaml.Kind(d.Index())
		}
	}
	p.keys = d.String()
	// Every entry's key and children must lie within what was decoded:
	// a lookup indexes them without checking.
	for _, en := range p.entries {
		if uint64(en.keyOff)+uint64(en.keyLen) > uint64(len(p.keys)) ||
			en.first < 0 || en.count < 0 || int64(en.first)+int64(en.count) > int64(len(p.entries)) {
			d.Fail()
			return nil
		}
	}
	if n, isNil := d.Len(1); !isNil {
		p.comments = make([]string, n)
		for i := range p.comments {
			p.comments[i] = d.String()
		}
	}
	if n, isNil := d.Len(2); !isNil {
		p.aliases = make(map[string]string, n)
		for range n {
			k := d.String()
			p.aliases[k] = d.String()
		}
	}
	p.failed = DecodeSet(d)
	return p
}

// EncodePosition appends pos to e.
func EncodePosition(e *wire.Encoder, pos diag.Position) {
	e.String(pos.File)
	e.Int(pos.Line)
	e.Int(pos.Col)
}

// DecodePosition reads what EncodePosition wrote.
func DecodePosition(d *wire.Decoder) diag.Position {
	return diag.Position{File: d.String(), Line: d.Int(), Col: d.Int()}
}

// EncodeSet appends a set of paths, such as the keys that failed, to e.
func EncodeSet(e *wire.Encoder, set map[string]bool) {
	e.Len(len(set), set == nil)
	for _, k := range slices.Sorted(maps.Keys(set)) {
		e.String(k)
		e.Bool(set[k])
	}
}

// DecodeSet reads what EncodeSet wrote.
func DecodeSet(d *wire.Decoder) map[string]bool {
	n, isNil := d.Len(2)
	if isNil {
		return nil
	}
	set := make(map[string]bool, n)
	for range n {
		k := d.String()
		set[k] = d.Bool()
	}
	return set
}

package markdown

import "github.com/incidentsite/incidentsite/internal/wire"

// Encode appends s to e, for a cache of parsed records: DecodeSplit gives
// a Split deeply equal to s.
func (s *Split) Encode(e *wire.Encoder) {
	e.Bytes(s.Preamble)
	e.Int(s.PreambleLine)
	e.Len(len(s.Sections), s.Sections == nil)
	for _, sec := range s.Sections {
		e.String(sec.Heading)
		e.Int(sec.Line)
		e.Int(sec.Col)
		e.Bytes(sec.Body)
		e.Int(sec.BodyLine)
		e.Bool(sec.Empty)
		e.Len(len(sec.Dropped), sec.Dropped == nil)
		for _, dr := range sec.Dropped {
			e.Int(dr.Offset)
			e.String(dr.Text)
		}
	}
	e.Len(len(s.Titles), s.Titles == nil)
	for _, h := range s.Titles {
		e.Int(h.Level)
		e.Int(h.Line)
		e.Int(h.Col)
		e.String(h.Text)
	}
}

// DecodeSplit reads what Split.Encode wrote; damaged data is d's error.
func DecodeSplit(d *wire.Decoder) Split {
	var s Split
	s.Preamble = d.Bytes()
	s.PreambleLine = d.Int()
	if n, isNil := d.Len(7); !isNil {
		s.Sections = make([]Section, n)
		for i := range s.Sections {
			sec := &s.Sections[i]
			sec.Heading = d.String()
			sec.Line = d.Int()
			sec.Col = d.Int()
			sec.Body = d.Bytes()
			sec.BodyLine = d.Int()
			sec.Empty = d.Bool()
			if n, isNil := d.Len(2); !isNil {
				sec.Dropped = make([]Dropped, n)
				for j := range sec.Dropped {
					sec.Dropped[j] = Dropped{Offset: d.Int(), Text: d.String()}
				}
			}
		}
	}
	if n, isNil := d.Len(4); !isNil {
		s.Titles = make([]Heading, n)
		for i := range s.Titles {
			s.Titles[i] = Heading{Level: d.Int(), Line: d.Int(), Col: d.Int(), Text: d.String()}
		}
	}
	return s
}

package yamlx

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

var (
	zonedLayouts = []string{
		time.RFC3339Nano,
		"2006-01-02T15:04Z07:00",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04Z07:00",
		"2006-01-02 15:04:05 Z07:00",
		"2006-01-02 15:04 Z07:00",
	}
	localLayouts = []string{
		"2006-01-02T15:04:05",
		"2006-01-02T15:04",
		"2006-01-02 15:04:05",
		"2006-01-02 15:04",
	}
)

// ParseTime parses a date and time as written in a site file: RFC 3339
// (2025-02-18T09:05:00+01:00), with a space instead of the T, without
// seconds, or without an offset, in which case it is a time in loc. A date
// without a time of day is refused: an incident's moments need one.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	// In loc, so that a time whose offset is loc's at that instant is a
	// time in loc, and others are in a fixed zone: never in time.Local,
	// as time.Parse would give, so that what is parsed does not depend
	// on the machine's time zone (a cache of parsed records is shared
	// by processes that may have another).
	for _, l := range zonedLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return time.Time{}, fmt.Errorf("%q has no time of day; write it as %sT09:00:00+01:00", s, s)
	}
	// Parse again for the most telling reason ("day out of range").
	_, err := time.Parse(time.RFC3339, s)
	var pe *time.ParseError
	if errors.As(err, &pe) && pe.Message != "" {
		return time.Time{}, fmt.Errorf("%q is not a valid date and time%s", s, pe.Message)
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time; write it as 2025-02-18T09:05:00+01:00", s)
}

// Date is a calendar day, held as midnight at its start in the site's
// time zone.
type Date struct{ time.Time }

// UnmarshalYAMLNode implements Unmarshaler.
func (t *Date) UnmarshalYAMLNode(d *Decoder, path string, n *yaml.Node) {
	s, ok := d.Scalar(path, n, "a date")
	if !ok {
		return
	}
	loc := d.Location
	if loc == nil {
		loc = time.UTC
	}
	v, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil {
		var pe *time.ParseError
		if errors.As(err, &pe) && pe.Message != "" && len(s) == 10 {
			d.Errorf(n, "type", "%s: %q is not a valid date%s", Name(path), s, pe.Message)
		} else {
			d.Errorf(n, "type", "%s must be a date written as 2025-02-18, not %q", Name(path), s)
		}
		return
	}
	t.Time = v
}

// String returns the date as 2006-01-02.
func (t Date) String() string { return t.Format("2006-01-02") }

// Duration is a length of time written as 30m, 2h, 1h30m or 3d.
type Duration struct{ time.Duration }

// UnmarshalYAMLNode implements Unmarshaler.
func (t *Duration) UnmarshalYAMLNode(d *Decoder, path string, n *yaml.Node) {
	s, ok := d.Scalar(path, n, "a duration")
	if !ok {
		return
	}
	v, err := ParseDuration(s)
	if err != nil {
		d.Errorf(n, "type", "%s: %v", Name(path), err)
		return
	}
	t.Duration = v
}

// ParseDuration parses a positive duration such as 45m, 2h, 1h30m or 3d
// (a day is 24 hours).
func ParseDuration(s string) (time.Duration, error) {
	bad := fmt.Errorf("%q is not a duration; write it as 45m, 2h, 1h30m or 3d", s)
	rest := s
	var days time.Duration
	if i := strings.IndexByte(rest, 'd'); i > 0 {
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n < 0 || n > 3650 {
			return 0, bad
		}
		days = time.Duration(n) * 24 * time.Hour
		rest = rest[i+1:]
	}
	var v time.Duration
	if rest != "" {
		var err error
		if v, err = time.ParseDuration(rest); err != nil {
			return 0, bad
		}
	}
	v += days
	if v <= 0 {
		return 0, fmt.Errorf("%q must be longer than zero", s)
	}
	return v, nil
}

// Pair is one entry of an ordered mapping of text to text.
type Pair struct{ Key, Value string }

// Pairs is a mapping of text to text that keeps the order it was written
// in, such as an incident's services and their impact.
type Pairs []Pair

// UnmarshalYAMLNode implements Unmarshaler.
func (p *Pairs) UnmarshalYAMLNode(d *Decoder, path string, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "type", "%s must be a mapping of keys to values, one \"key: value\" per line, not %s", Name(path), describe(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "type", "a key must be plain text, not %s", describe(k))
			continue
		}
		sub := joinKey(path, k.Value)
		val := ""
		if !isNull(v) {
			var ok bool
			if val, ok = d.Scalar(sub, v, "text"); !ok {
				continue
			}
		}
		*p = append(*p, Pair{k.Value, val})
	}
}

package yamlx

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/incidentsite/incidentsite/internal/diag"
	"gopkg.in/yaml.v3"
)

// Unmarshaler is implemented by types that decode themselves from a node.
// They report problems through d and record the positions they know of.
type Unmarshaler interface {
	UnmarshalYAMLNode(d *Decoder, path string, n *yaml.Node)
}

// Decoder decodes a node tree into Go values, strictly: keys must be known
// fields, values must have the field's type. Struct fields are named by
// their `yaml:"name"` tag; fields without one are not decoded.
type Decoder struct {
	// File is the path reported in diagnostics.
	File string
	// LineOffset is added to every line number.
	LineOffset int
	// Location is the time zone of date-times written without an offset,
	// and of dates. Nil means UTC.
	Location *time.Location

	diags diag.List
	pos   *Positions
	// noLeaves turns decodeLeaf off, for the test that compares.
	noLeaves bool
}

// Decode decodes n into out, a non-nil pointer, and returns where each key
// and value stands along with the problems found. A nil n leaves out as it
// is.
func (d *Decoder) Decode(n *yaml.Node, out any) (*Positions, diag.List) {
	d.diags = nil
	d.pos = newPositions(d.File, n, d.LineOffset)
	if n != nil {
		if n.Kind != yaml.MappingNode {
			d.Errorf(n, "type", "the top level must be a mapping of keys to values, not %s", describe(n))
		} else {
			d.decode("", n, reflect.ValueOf(out).Elem())
		}
	}
	return d.pos, d.diags
}

// DecodeValue decodes n, the value at path, into out, a non-nil pointer,
// as Decode decodes the values it holds. It lets an Unmarshaler decode
// its plain form, a type without the method, and then adjust the result,
// with the same strictness, messages and positions.
func (d *Decoder) DecodeValue(path string, n *yaml.Node, out any) {
	d.decode(path, n, reflect.ValueOf(out).Elem())
}

// Pos returns the position of n.
func (d *Decoder) Pos(n *yaml.Node) diag.Position {
	return diag.Position{File: d.File, Line: n.Line + d.LineOffset, Col: n.Column}
}

// Errorf reports an error at n.
func (d *Decoder) Errorf(n *yaml.Node, rule, format string, args ...any) {
	d.diags.Errorf(d.Pos(n), rule, format, args...)
}

// Join returns the path of child under parent.
func Join(parent string, child any) string {
	// Keys and indexes are all it is given, on every value of every file:
	// they skip fmt, whose reflection was 4% of validate's time.
	switch v := child.(type) {
	case string:
		return joinKey(parent, v)
	case int:
		return joinKey(parent, strconv.Itoa(v))
	}
	return joinKey(parent, fmt.Sprint(child))
}

// joinKey is Join for a key. The decoder calls it rather than Join for
// every value: a string passed as an interface is boxed on the heap.
func joinKey(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// name returns the last element of path, for messages.
func name(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		last := path[i+1:]
		if _, err := strconv.Atoi(last); err == nil {
			return name(path[:i]) + " item " + strconv.Itoa(mustAtoi(last)+1)
		}
		return last
	}
	if path == "" {
		return "the front matter"
	}
	return path
}

func mustAtoi(s string) int { n, _ := strconv.Atoi(s); return n }

// Name returns how messages should call the value at path: its key, or
// "updates item 2" for an element of a list.
func Name(path string) string { return name(path) }

var (
	unmarshalerType = reflect.TypeFor[Unmarshaler]()
	timeType        = reflect.TypeFor[time.Time]()
)

// unmarshalers caches, per type, whether a pointer to it implements
// Unmarshaler: asking reflect for every value was a third of decoding.
var unmarshalers sync.Map // reflect.Type -> bool

func isUnmarshaler(t reflect.Type) bool {
	if ok, found := unmarshalers.Load(t); found {
		return ok.(bool)
	}
	ok := reflect.PointerTo(t).Implements(unmarshalerType)
	unmarshalers.Store(t, ok)
	return ok
}

func (d *Decoder) decode(path string, n *yaml.Node, v reflect.Value) {
	if v.CanAddr() && isUnmarshaler(v.Type()) {
		if isNull(n) {
			return
		}
		v.Addr().Interface().(Unmarshaler).UnmarshalYAMLNode(d, path, n)
		return
	}
	if isNull(n) {
		return
	}
	if v.Type() == timeType {
		if t, ok := d.scalar(path, n, "a date and time"); ok {
			if tm, err := ParseTime(t, d.Location); err != nil {
				d.Errorf(n, "type", "%s: %v", name(path), err)
			} else {
				v.Set(reflect.ValueOf(tm))
			}
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.decode(path, n, p.Elem())
		v.Set(p)
	case reflect.String:
		if s, ok := d.scalar(path, n, "text"); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		if s, ok := d.scalar(path, n, "true or false"); ok {
			switch {
			case n.Tag == "!!bool" && (s == "true" || s == "True" || s == "TRUE"):
				v.SetBool(true)
			case n.Tag == "!!bool":
				v.SetBool(false)
			default:
				d.Errorf(n, "type", "%s must be true or false, not %q", name(path), s)
			}
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if s, ok := d.scalar(path, n, "a whole number"); ok {
			i, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n.Tag != "!!int" || v.OverflowInt(i) {
				d.Errorf(n, "type", "%s must be a whole number, not %q", name(path), s)
				return
			}
			v.SetInt(i)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			hint := ""
			if n.Kind == yaml.ScalarNode {
				hint = fmt.Sprintf("; write [%s]", n.Value)
			}
			d.Errorf(n, "type", "%s must be a list, not %s%s", name(path), describe(n), hint)
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(joinKey(path, strconv.Itoa(i)), c, s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.Errorf(n, "type", "%s must be a mapping of keys to values, not %s", name(path), describe(n))
			return
		}
		if v.Type().Key().Kind() != reflect.String {
			panic("yamlx: map keys must be strings")
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				d.Errorf(k, "type", "a key must be plain text, not %s", describe(k))
				continue
			}
			e := reflect.New(v.Type().Elem()).Elem()
			d.decode(joinKey(path, k.Value), val, e)
			m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), e)
		}
		v.Set(m)
	case reflect.Struct:
		d.decodeStruct(path, n, v)
	default:
		panic("yamlx: cannot decode into " + v.Type().String())
	}
}

func (d *Decoder) decodeStruct(path string, n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "type", "%s must be a mapping of keys to values, not %s", name(path), describe(n))
		return
	}
	fields := fieldsOf(v.Type())
	// written holds the keys written here, and those recovered from a
	// typo; it is needed only for an unknown key, which is rare.
	var written map[string]bool
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "type", "a key must be plain text, not %s", describe(k))
			continue
		}
		key := k.Value
		idx, ok := fields.index[key]
		if !ok {
			msg := fmt.Sprintf("unknown key %q", key)
			if where := name(path); path != "" {
				msg += " in " + where
			}
			guess := diag.Suggest(key, fields.names)
			if guess != "" {
				msg += fmt.Sprintf("; did you mean %q?", guess)
			} else {
				msg += "; the keys allowed here are " + strings.Join(fields.names, ", ")
			}
			d.Errorf(k, "unknown-key", "%s", msg)
			if written == nil {
				written = make(map[string]bool, len(n.Content)/2)
				for i := 0; i < len(n.Content); i += 2 {
					written[n.Content[i].Value] = true
				}
			}
			if guess == "" || written[guess] {
				continue
			}
			// Recover as if the key were spelled right, so that the rest
			// of the checks see what was meant instead of reporting the
			// key as missing too.
			key, idx = guess, fields.index[guess]
			written[guess] = true
			d.pos.alias(Join(path, guess), Join(path, k.Value))
		}
		if d.decodeLeaf(fields.leaves[idx], val, v.Field(idx)) {
			continue
		}
		before := len(d.diags)
		d.decode(joinKey(path, key), val, v.Field(idx))
		if len(d.diags) > before {
			d.pos.fail(Join(path, key))
		}
	}
}

type structFields struct {
	index map[string]int
	names []string
	// leaves tells, by field index, which fields decodeLeaf may set.
	leaves []leaf
}

// leaf is a kind of field whose value is one scalar, which needs no
// path unless it is wrong.
type leaf uint8

const (
	notLeaf leaf = iota
	leafString
	leafBool
	leafTime
)

func leafOf(t reflect.Type) leaf {
	switch {
	case isUnmarshaler(t):
		return notLeaf
	case t == timeType:
		return leafTime
	case t.Kind() == reflect.String:
		return leafString
	case t.Kind() == reflect.Bool:
		return leafBool
	}
	return notLeaf
}

// decodeLeaf sets v, a field of kind l, from n when n is a value decode
// would take without a word, and reports whether it did; else it leaves
// v alone, and decode does the work and reports what is wrong. It saves
// joining the path of every scalar of every record, which decode needs
// only for a message.
func (d *Decoder) decodeLeaf(l leaf, n *yaml.Node, v reflect.Value) bool {
	if l == notLeaf || n.Kind != yaml.ScalarNode || d.noLeaves {
		return false
	}
	if isNull(n) {
		return true // decode leaves v as it is
	}
	switch l {
	case leafString:
		v.SetString(n.Value)
	case leafBool:
		if n.Tag != "!!bool" {
			return false
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case leafTime:
		t, err := ParseTime(n.Value, d.Location)
		if err != nil {
			return false
		}
		v.Set(reflect.ValueOf(t))
	}
	return true
}

var fieldCache sync.Map // reflect.Type -> *structFields

func fieldsOf(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	f := &structFields{index: make(map[string]int), leaves: make([]leaf, t.NumField())}
	for i := range t.NumField() {
		f.leaves[i] = leafOf(t.Field(i).Type)
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		f.index[tag] = i
		f.names = append(f.names, tag)
	}
	slices.Sort(f.names)
	fieldCache.Store(t, f)
	return f
}

// scalar returns n's text when it is a scalar, and reports an error naming
// want otherwise.
func (d *Decoder) scalar(path string, n *yaml.Node, want string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n, "type", "%s must be %s, not %s", name(path), want, describe(n))
		return "", false
	}
	return n.Value, true
}

// Scalar is scalar for Unmarshaler implementations.
func (d *Decoder) Scalar(path string, n *yaml.Node, want string) (string, bool) {
	return d.scalar(path, n, want)
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "this value"
}

// FieldNames returns the YAML keys of the struct v points to, sorted.
func FieldNames(v any) []string {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return slices.Clone(fieldsOf(t).names)
}

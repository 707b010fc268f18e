package yamlx

import (
	"strconv"
	"strings"

	"github.com/incidentsite/incidentsite/internal/diag"
	"gopkg.in/yaml.v3"
)

// Positions tells where each decoded key and value stands in its file.
// Paths join keys and list indexes with dots: "updates.1.at".
//
// Positions keep a compact index of the node tree, not the tree itself:
// a record's yaml.Node tree took twenty times the memory of its decoded
// values, and every loaded record kept it until the build ended. The
// index holds, for each written key (or list item), its text and where
// its key and value stand, the children of each value side by side, so
// that a path is found as in the tree, one segment at a time, a list
// item by its index.
type Positions struct {
	File string
	// Root is where the decoded text starts; it answers for paths that
	// were never written.
	Root   diag.Position
	offset int
	// entries[0] is the decoded node itself; the children of entries[i]
	// are entries[first:first+count].
	entries []entry
	// keys holds the text of every key, one after the other.
	keys string
	// comments are the comment lines of the top level, after their "#"
	// and trimmed, that hold a ":", for Commented.
	comments []string
	// aliases maps the path of a key the decoder recovered from a typo
	// ("sevrity" read as "severity") to the path as written.
	aliases map[string]string
	// failed holds the paths of keys whose values could not be decoded.
	failed map[string]bool
}

// entry is one key of a mapping and its value, or one item of a list
// (key empty, its key position that of the item). Its key is
// keys[keyOff:keyOff+keyLen]: an entry holds no pointer, so the garbage
// collector never looks into the entries of the records loaded.
type entry struct {
	keyOff, keyLen  uint32
	keyLine, keyCol int32
	valLine, valCol int32
	first, count    int32
	kind            yaml.Kind
}

// key returns e's key.
func (p *Positions) key(e *entry) string { return p.keys[e.keyOff : e.keyOff+e.keyLen] }

// newPositions indexes the tree under n, which may be nil.
func newPositions(file string, n *yaml.Node, offset int) *Positions {
	p := &Positions{
		File:   file,
		Root:   diag.Position{File: file, Line: offset + 1, Col: 1},
		offset: offset,
	}
	if n == nil {
		return p
	}
	count, keyLen := countEntries(n)
	p.entries = make([]entry, 1, 1+count)
	p.entries[0] = entry{keyLine: int32(n.Line), keyCol: int32(n.Column), valLine: int32(n.Line), valCol: int32(n.Column), kind: n.Kind}
	keys := make([]byte, 0, keyLen)
	p.fill(0, n, &keys)
	p.keys = string(keys)
	p.comments = topComments(n)
	return p
}

// children returns the number of entries directly under n and the step
// between them in n.Content.
func children(n *yaml.Node) (count, step int) {
	switch n.Kind {
	case yaml.MappingNode:
		return len(n.Content) / 2, 2
	case yaml.SequenceNode:
		return len(n.Content), 1
	}
	return 0, 0
}

// countEntries returns the number of entries under n and the length of
// their keys.
func countEntries(n *yaml.Node) (entries, keyLen int) {
	count, step := children(n)
	entries = count
	for i := range count {
		if step == 2 {
			keyLen += len(n.Content[i*step].Value)
		}
		e, k := countEntries(n.Content[i*step+step-1])
		entries, keyLen = entries+e, keyLen+k
	}
	return entries, keyLen
}

// fill appends the entries under n, the node of entries[at], and those
// under them, each value's children side by side, and their keys to
// keys.
func (p *Positions) fill(at int, n *yaml.Node, keys *[]byte) {
	count, step := children(n)
	if count == 0 {
		return
	}
	first := len(p.entries)
	p.entries[at].first, p.entries[at].count = int32(first), int32(count)
	for i := range count {
		k, v := n.Content[i*step], n.Content[i*step+step-1]
		e := entry{keyOff: uint32(len(*keys)), keyLine: int32(k.Line), keyCol: int32(k.Column), valLine: int32(v.Line), valCol: int32(v.Column), kind: v.Kind}
		if step == 2 {
			*keys = append(*keys, k.Value...)
			e.keyLen = uint32(len(k.Value))
		}
		p.entries = append(p.entries, e)
	}
	for i := range count {
		p.fill(first+i, n.Content[i*step+step-1], keys)
	}
}

// topComments returns the comment lines that Commented looks at: those of
// n, of the document's top node when n is a document, and of that top
// node's keys and values.
func topComments(n *yaml.Node) []string {
	var out []string
	add := func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			if c == "" {
				continue
			}
			for line := range strings.SplitSeq(c, "\n") {
				rest, ok := strings.CutPrefix(strings.TrimSpace(line), "#")
				if rest = strings.TrimSpace(rest); ok && strings.Contains(rest, ":") {
					out = append(out, rest)
				}
			}
		}
	}
	root := n
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	add(n)
	add(root)
	for _, c := range root.Content {
		add(c)
	}
	return out
}

func (p *Positions) fail(path string) {
	if p.failed == nil {
		p.failed = map[string]bool{}
	}
	p.failed[path] = true
}

// Failed reports whether the value of path, or something inside it, was
// reported as wrong while decoding. Checks that would call such a key
// missing should stay quiet: the problem is reported already.
func (p *Positions) Failed(path string) bool { return p != nil && p.failed[path] }

func (p *Positions) alias(meant, written string) {
	if p.aliases == nil {
		p.aliases = map[string]string{}
	}
	p.aliases[meant] = written
}

// Key returns the position of path's key (for a list item, the item), or
// of its nearest written ancestor.
func (p *Positions) Key(path string) diag.Position { return p.lookup(path, true) }

// Value returns the position of path's value, or of its nearest written
// ancestor.
func (p *Positions) Value(path string) diag.Position { return p.lookup(path, false) }

// Has reports whether path was written in the file.
func (p *Positions) Has(path string) bool {
	if p == nil {
		return false
	}
	return p.find(path) != nil
}

func (p *Positions) lookup(path string, key bool) diag.Position {
	if p == nil {
		return diag.Position{}
	}
	for path != "" {
		if e := p.find(path); e != nil {
			if key {
				return p.pos(e.keyLine, e.keyCol)
			}
			return p.pos(e.valLine, e.valCol)
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return p.Root
}

func (p *Positions) pos(line, col int32) diag.Position {
	return diag.Position{File: p.File, Line: int(line) + p.offset, Col: int(col)}
}

// find returns the entry of path: the key and its value, or the list
// item; nil when path was not written.
func (p *Positions) find(path string) *entry {
	if len(p.aliases) > 0 {
		path = p.unalias(path)
	}
	if len(p.entries) == 0 {
		return nil
	}
	n := &p.entries[0]
	var found *entry
	// The segments are cut by hand: validate asks for the positions of
	// every record's times and updates, and strings.SplitSeq's iterator
	// was most of the cost of finding them.
	for rest, more := path, true; more; {
		seg := rest
		if i := strings.IndexByte(rest, '.'); i >= 0 {
			seg, rest = rest[:i], rest[i+1:]
		} else {
			more = false
		}
		kids := p.entries[n.first : n.first+n.count]
		found = nil
		switch n.kind {
		case yaml.MappingNode:
			for i := range kids {
				if p.key(&kids[i]) == seg {
					found = &kids[i]
					break
				}
			}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(kids) {
				return nil
			}
			found = &kids[i]
		default:
			return nil
		}
		if found == nil {
			return nil
		}
		n = found
	}
	return found
}

// unalias rewrites the longest prefix of path that is an alias.
func (p *Positions) unalias(path string) string {
	for end := len(path); end > 0; end = strings.LastIndexByte(path[:end], '.') {
		if w, ok := p.aliases[path[:end]]; ok {
			return w + path[end:]
		}
	}
	return path
}

// Commented reports whether a top-level key appears as a comment, as in
// "# coordinator: …", which "incidentsite new" writes for a key still to
// be filled in: a message about the missing key can then say to
// uncomment it. It is meant for the few keys a diagnostic is about.
func (p *Positions) Commented(key string) bool {
	if p == nil {
		return false
	}
	for _, c := range p.comments {
		if strings.HasPrefix(c, key+":") {
			return true
		}
	}
	return false
}

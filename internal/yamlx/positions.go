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
// Positions are found on demand by walking the node tree: they are needed
// only for the few values a diagnostic points at, and recording all of
// them up front cost more than the rest of decoding.
type Positions struct {
	File string
	// Root is where the decoded text starts; it answers for paths that
	// were never written.
	Root   diag.Position
	node   *yaml.Node
	offset int
	// aliases maps the path of a key the decoder recovered from a typo
	// ("sevrity" read as "severity") to the path as written.
	aliases map[string]string
	// failed holds the paths of keys whose values could not be decoded.
	failed map[string]bool
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
	k, v := p.find(path)
	return k != nil && v != nil
}

func (p *Positions) lookup(path string, key bool) diag.Position {
	if p == nil {
		return diag.Position{}
	}
	for path != "" {
		k, v := p.find(path)
		switch {
		case key && k != nil:
			return p.pos(k)
		case !key && v != nil:
			return p.pos(v)
		case k != nil:
			return p.pos(k)
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return p.Root
}

func (p *Positions) pos(n *yaml.Node) diag.Position {
	return diag.Position{File: p.File, Line: n.Line + p.offset, Col: n.Column}
}

// find returns the key and value nodes of path; for a list item both are
// the item.
func (p *Positions) find(path string) (key, val *yaml.Node) {
	if len(p.aliases) > 0 {
		path = p.unalias(path)
	}
	n := p.node
	if n == nil {
		return nil, nil
	}
	for seg := range strings.SplitSeq(path, ".") {
		switch n.Kind {
		case yaml.MappingNode:
			key, val = nil, nil
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg {
					key, val = n.Content[i], n.Content[i+1]
					break
				}
			}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil, nil
			}
			key, val = n.Content[i], n.Content[i]
		default:
			return nil, nil
		}
		if val == nil {
			return nil, nil
		}
		n = val
	}
	return key, val
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
	if p == nil || p.node == nil {
		return false
	}
	root := p.node
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	found := false
	check := func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, line := range strings.Split(c, "\n") {
				rest, ok := strings.CutPrefix(strings.TrimSpace(line), "#")
				if ok && strings.HasPrefix(strings.TrimSpace(rest), key+":") {
					found = true
				}
			}
		}
	}
	check(p.node)
	check(root)
	for _, n := range root.Content {
		check(n)
	}
	return found
}

package yamlx

import (
	"strconv"
	"strings"
	"testing"

	"github.com/incidentsite/incidentsite/internal/diag"
	"gopkg.in/yaml.v3"
)

// treeFind is how Positions found a path when they kept the node tree:
// the reference the index must agree with.
func treeFind(n *yaml.Node, path string) (key, val *yaml.Node) {
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

// treeLookup is Positions.Key and Value on the tree.
func treeLookup(n *yaml.Node, file string, offset int, path string, key bool) diag.Position {
	pos := func(n *yaml.Node) diag.Position {
		return diag.Position{File: file, Line: n.Line + offset, Col: n.Column}
	}
	for path != "" {
		k, v := treeFind(n, path)
		switch {
		case key && k != nil:
			return pos(k)
		case !key && v != nil:
			return pos(v)
		case k != nil:
			return pos(k)
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return diag.Position{File: file, Line: offset + 1, Col: 1}
}

// treeCommented is Positions.Commented on the tree.
func treeCommented(node *yaml.Node, key string) bool {
	if node == nil {
		return false
	}
	root := node
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
	check(node)
	check(root)
	for _, n := range root.Content {
		check(n)
	}
	return found
}

// writtenPaths returns every path written under n, with a few that are
// not.
func writtenPaths(n *yaml.Node, path string, out []string) []string {
	out = append(out, path, Join(path, "nope"), Join(path, 99), Join(path, -1))
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			out = writtenPaths(n.Content[i+1], Join(path, n.Content[i].Value), out)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			out = writtenPaths(c, Join(path, i), out)
		}
	}
	return out
}

// checkIndex fails when the index of n answers a path otherwise than the
// tree does.
func checkIndex(t *testing.T, n *yaml.Node) {
	t.Helper()
	p := newPositions("f.md", n, 3)
	paths := []string{"", ".", "..", "0", "a.b", "updates.0.at"}
	if n != nil {
		paths = writtenPaths(n, "", paths)
	}
	for _, path := range paths {
		k, v := treeFind(n, path)
		if got, want := p.Has(path), k != nil && v != nil; got != want {
			t.Fatalf("Has(%q) = %v, want %v", path, got, want)
		}
		for _, key := range []bool{true, false} {
			if got, want := p.lookup(path, key), treeLookup(n, "f.md", 3, path, key); got != want {
				t.Fatalf("lookup(%q, key %v) = %v, want %v", path, key, got, want)
			}
		}
		last := path[strings.LastIndexByte(path, '.')+1:]
		for _, key := range []string{path, last} {
			if got, want := p.Commented(key), treeCommented(n, key); got != want {
				t.Fatalf("Commented(%q) = %v, want %v", key, got, want)
			}
		}
	}
	if n == nil {
		return
	}
	var top *yaml.Node = n
	if top.Kind == yaml.DocumentNode && len(top.Content) > 0 {
		top = top.Content[0]
	}
	for _, c := range append([]*yaml.Node{n, top}, top.Content...) {
		for _, text := range []string{c.HeadComment, c.LineComment, c.FootComment} {
			for _, line := range strings.Split(text, "\n") {
				rest, _ := strings.CutPrefix(strings.TrimSpace(line), "#")
				key, _, _ := strings.Cut(strings.TrimSpace(rest), ":")
				if got, want := p.Commented(key), treeCommented(n, key); got != want {
					t.Fatalf("Commented(%q) = %v, want %v", key, got, want)
				}
			}
		}
	}
}

var positionSeeds = []string{
	"",
	"title: x\n",
	"- a\n- [b, c]\n- {d: e}\n",
	"title: Sign-in fails\n# coordinator: an\nupdates:\n  - at: 2025-02-18T09:05:00Z\n    status: investigating\n    message: {en: a, nl: b}\n  - at: 2025-02-18T10:00:00Z # done\n    services: {api: operational}\n# teams: [a]\n",
	"a.b: 1\na: {b: 2}\n\"\": empty\n",
	"a: &x 1\nb: *x\n",
	"? [k]\n: v\nk: [1, 2, [3, [4]]]\n",
	"just text\n",
	"# head: comment\nkey: value # line: comment\n\n# foot: comment\n",
}

// FuzzPositions checks that the index of a node tree answers every path
// and comment as the tree itself does.
func FuzzPositions(f *testing.F) {
	for _, s := range positionSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			return
		}
		checkIndex(t, &doc)
		if len(doc.Content) > 0 {
			checkIndex(t, doc.Content[0])
		}
	})
}

func TestPositionsIndex(t *testing.T) {
	checkIndex(t, nil)
	for _, s := range positionSeeds {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(s), &doc); err != nil {
			t.Fatal(err)
		}
		checkIndex(t, &doc)
		if len(doc.Content) > 0 {
			checkIndex(t, doc.Content[0])
		}
	}
}

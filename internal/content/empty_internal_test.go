package content

import (
	"maps"
	"testing"

	"github.com/incidentsite/incidentsite/internal/yamlx"
	"gopkg.in/yaml.v3"
)

// naiveEmpty is emptyPaths as it was: a path joined for every value.
func naiveEmpty(path string, n *yaml.Node, m map[string]bool) map[string]bool {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := yamlx.Join(path, k.Value)
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				if m == nil {
					m = map[string]bool{}
				}
				m[p] = true
			}
			m = naiveEmpty(p, v, m)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			m = naiveEmpty(yamlx.Join(path, i), c, m)
		}
	}
	return m
}

var emptySeeds = []string{
	"title: x\n",
	"coordinator:\nteams: [a, ~]\n",
	"updates:\n  - at: 1\n    message:\n  - {at: 2, services: {api: }}\n  - [a, {b: }]\n",
	"a: {b: {c: {d: null}}}\ne: [[[{f: ~}]]]\n",
	"- a\n- b:\n",
}

func checkEmpty(t *testing.T, src string) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil || len(doc.Content) == 0 {
		return
	}
	n := doc.Content[0]
	if got, want := emptyPaths("", n, nil), naiveEmpty("", n, nil); !maps.Equal(got, want) {
		t.Fatalf("emptyPaths = %v, want %v", got, want)
	}
}

func TestEmptyPaths(t *testing.T) {
	for _, s := range emptySeeds {
		checkEmpty(t, s)
	}
}

// FuzzEmptyPaths checks emptyPaths against joining every path.
func FuzzEmptyPaths(f *testing.F) {
	for _, s := range emptySeeds {
		f.Add(s)
	}
	f.Fuzz(checkEmpty)
}

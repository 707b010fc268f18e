package yamlx

import (
	"strings"

	"github.com/incidentsite/incidentsite/internal/diag"
)

// Positions tells where each decoded key and value stands in its file.
// Paths join keys and list indexes with dots: "updates.1.at".
type Positions struct {
	File string
	// Root is where the decoded text starts; it answers for paths that
	// were never written.
	Root diag.Position
	keys map[string]diag.Position
	vals map[string]diag.Position
}

// Key returns the position of path's key, or of its nearest written
// ancestor.
func (p *Positions) Key(path string) diag.Position { return p.lookup(p.keys, path) }

// Value returns the position of path's value, or of its nearest written
// ancestor.
func (p *Positions) Value(path string) diag.Position { return p.lookup(p.vals, path) }

// Has reports whether path was written in the file.
func (p *Positions) Has(path string) bool {
	if p == nil {
		return false
	}
	_, ok := p.vals[path]
	return ok
}

func (p *Positions) lookup(m map[string]diag.Position, path string) diag.Position {
	if p == nil {
		return diag.Position{}
	}
	for path != "" {
		if pos, ok := m[path]; ok {
			return pos
		}
		if pos, ok := p.keys[path]; ok {
			return pos
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return p.Root
}

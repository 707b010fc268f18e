// Package frontmatter splits a Markdown file into its YAML front matter and
// its body, with adrg/frontmatter restricted to YAML between "---" lines,
// and parses the front matter with yamlx so that every line number counts
// from the top of the file.
package frontmatter

import (
	"bytes"
	"errors"

	"github.com/adrg/frontmatter"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/yamlx"
	"gopkg.in/yaml.v3"
)

// Document is a Markdown file split in two.
type Document struct {
	// Node is the front matter's top node; nil when it is empty.
	Node *yaml.Node
	// LineOffset is the number of lines before the front matter's text
	// (the opening "---" line and any blank lines before it).
	LineOffset int
	// Body is the Markdown after the closing "---" line.
	Body []byte
	// BodyLine is the line of the file on which Body starts.
	BodyLine int
}

// Split splits data, the contents of file, and parses its front matter.
// maxDepth bounds the YAML nesting (zero: yamlx.DefaultMaxDepth). A file
// without front matter, or whose front matter is never closed, is an error:
// adrg/frontmatter would hand the whole file back as body text, and an
// internal incident would then be read as a page with no settings at all.
func Split(file string, data []byte, maxDepth int) (*Document, diag.List) {
	var diags diag.List
	open, openLine := opening(data)
	if open < 0 {
		diags.Errorf(diag.Position{File: file, Line: 1, Col: 1}, "front-matter",
			"the file does not start with front matter; begin it with a line \"---\", the YAML keys, and another \"---\"")
		return nil, diags
	}
	var raw []byte
	format := frontmatter.NewFormat("---", "---", func(b []byte, _ any) error {
		raw = bytes.Clone(b)
		return nil
	})
	body, err := frontmatter.MustParse(bytes.NewReader(data), nil, format)
	if errors.Is(err, frontmatter.ErrNotFound) {
		diags.Errorf(diag.Position{File: file, Line: openLine, Col: 1}, "front-matter",
			"the front matter opened here is never closed; add a line \"---\" after its last key")
		return nil, diags
	}
	if err != nil {
		diags.Errorf(diag.Position{File: file, Line: 1, Col: 1}, "front-matter", "cannot read the front matter: %v", err)
		return nil, diags
	}
	doc := &Document{
		LineOffset: openLine,
		Body:       body,
		BodyLine:   1 + bytes.Count(data[:len(data)-len(body)], []byte("\n")),
	}
	doc.Node, diags = yamlx.Parse(file, raw, openLine, maxDepth)
	return doc, diags
}

// opening returns the offset and line (from 1) of the opening "---" line,
// after any blank lines, or -1 when the first non-blank line is something
// else. It follows adrg/frontmatter's reading of lines: trimmed of spaces.
func opening(data []byte) (offset, line int) {
	line = 1
	for off := 0; off < len(data); line++ {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
		}
		switch t := bytes.TrimSpace(data[off:next]); {
		case len(t) == 0:
			off = next
			continue
		case string(t) == "---":
			return off, line
		}
		return -1, 0
	}
	return -1, 0
}

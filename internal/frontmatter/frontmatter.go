// Package frontmatter splits a Markdown file into its YAML front matter and
// its body, between "---" lines as adrg/frontmatter reads them, and parses the front matter with yamlx so that every line number counts
// from the top of the file.
package frontmatter

import (
	"bytes"

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
	raw, body, ok := split(data)
	if !ok {
		diags.Errorf(diag.Position{File: file, Line: openLine, Col: 1}, "front-matter",
			"the front matter opened here is never closed; add a line \"---\" after its last key")
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

// split returns the front matter of data and the body after it, as
// adrg/frontmatter.MustParse with the format "---" to "---" returned
// them (TestSplitAsAdrg, FuzzSplitAsAdrg compare the two), without its
// buffered reader and its copy of the file, which were a fifth of the
// bytes allocated in loading a site. Lines are compared trimmed of white
// space. Blank lines may come before the opening "---", which must end
// with a newline; the front matter ends at the next "---" line, the last
// line of the file included. ok is false when there is no opening or no
// closing line. raw and body are slices of data.
func split(data []byte) (raw, body []byte, ok bool) {
	// line returns the line at off, its newline included, and whether
	// it is the file's last, without a newline.
	line := func(off int) (text []byte, next int, last bool) {
		if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
			return data[off : off+i+1], off + i + 1, false
		}
		return data[off:], len(data), true
	}
	off := 0
	for {
		text, next, last := line(off)
		if last {
			return nil, nil, false
		}
		off = next
		t := bytes.TrimSpace(text)
		if len(t) == 0 {
			continue
		}
		if string(t) != "---" {
			return nil, nil, false
		}
		break
	}
	start := off
	for {
		text, next, last := line(off)
		if string(bytes.TrimSpace(text)) == "---" {
			return data[start:off], data[next:], true
		}
		if last {
			return nil, nil, false
		}
		off = next
	}
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

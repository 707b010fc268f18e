// Package frontmatter splits a Markdown file into its YAML front matter and
// its body, with adrg/frontmatter restricted to YAML between "---" lines,
// and parses the front matter with yamlx so that every line number counts
// from the top of the file.
package frontmatter

import (
	"bufio"
	"bytes"
	"errors"
	"sync"

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

// readers hold the buffered readers handed to adrg/frontmatter, which
// reads through a bufio.Reader and uses the one it is given when its
// buffer is large enough (bufio.NewReader's rule): without them, each
// file cost a new 4 KiB buffer, more than most records' text.
var readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, readerSize) }}

// readerSize is bufio's default size, the least bufio.NewReader accepts
// as is.
const readerSize = 4096

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
	// adrg/frontmatter copies the file into a buffer of its own, which
	// grows as it reads: the front matter it hands over, and the body it
	// returns, are the same bytes as data's, and are taken from data
	// instead, so that what a loaded record keeps is its body alone, not
	// that buffer and its spare capacity.
	var raw []byte
	start := open + lineLen(data[open:])
	format := frontmatter.NewFormat("---", "---", func(b []byte, _ any) error {
		if end := start + len(b); end <= len(data) && bytes.Equal(data[start:end], b) {
			raw = data[start:end:end]
		} else {
			raw = bytes.Clone(b)
		}
		return nil
	})
	r := readers.Get().(*bufio.Reader)
	r.Reset(bytes.NewReader(data))
	body, err := frontmatter.MustParse(r, nil, format)
	r.Reset(nil)
	readers.Put(r)
	if errors.Is(err, frontmatter.ErrNotFound) {
		diags.Errorf(diag.Position{File: file, Line: openLine, Col: 1}, "front-matter",
			"the front matter opened here is never closed; add a line \"---\" after its last key")
		return nil, diags
	}
	if err != nil {
		diags.Errorf(diag.Position{File: file, Line: 1, Col: 1}, "front-matter", "cannot read the front matter: %v", err)
		return nil, diags
	}
	if !bytes.HasSuffix(data, body) {
		// Never seen: adrg/frontmatter returns the end of what it read.
		diags.Errorf(diag.Position{File: file, Line: 1, Col: 1}, "internal-error",
			"the body read from this file is not its end; please report it with the file attached")
		return nil, diags
	}
	doc := &Document{
		LineOffset: openLine,
		Body:       bytes.Clone(body),
		BodyLine:   1 + bytes.Count(data[:len(data)-len(body)], []byte("\n")),
	}
	doc.Node, diags = yamlx.Parse(file, raw, openLine, maxDepth)
	return doc, diags
}

// lineLen returns the length of data's first line with its line ending.
func lineLen(data []byte) int {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1
	}
	return len(data)
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

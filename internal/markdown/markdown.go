// Package markdown owns the one goldmark configuration of incidentsite: it
// splits a record's body into its "##" sections, bounds the inputs that
// make Markdown parsers slow, and maps goldmark's byte offsets to lines.
package markdown

import (
	"bytes"
	"regexp"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// md is the shared goldmark instance: CommonMark with tables,
// strikethrough and autolinks, and the default safe renderer (raw HTML and
// dangerous links are dropped).
var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))

// Section is one "##" section of a body.
type Section struct {
	// Heading is the heading's text.
	Heading string
	// Line and Col are where the heading starts in the file.
	Line, Col int
	// Body is the Markdown between this heading and the next "##" heading.
	Body []byte
	// BodyLine is the line of the file on which Body starts.
	BodyLine int
	// Empty reports whether Body holds nothing but blank lines and HTML
	// comments (such as the guidance "incidentsite new" writes).
	Empty bool
	// Dropped is the raw HTML of Body that Render leaves out, with
	// offsets into Body, found by the same parse that split the body.
	Dropped []Dropped
}

// Heading is a heading other than "##" found outside any section's rules.
type Heading struct {
	Level     int
	Line, Col int
	Text      string
}

// Split is a body cut into its parts.
type Split struct {
	// Preamble is the text before the first "##" heading, if not empty.
	Preamble []byte
	// PreambleLine is where Preamble starts.
	PreambleLine int
	Sections     []Section
	// Titles are the level-1 headings, which a body must not have: the
	// record's title is its heading.
	Titles []Heading
}

// SplitSections parses body, which starts on line firstLine of its file,
// and returns its "##" sections in order. Call Check first: it refuses the
// inputs on which parsing is slow.
func SplitSections(body []byte, firstLine int) Split {
	lines := newLineIndex(body)
	doc := md.Parser().Parse(text.NewReader(body))
	var out Split
	type cut struct {
		start, after int // heading start, end of the heading's line
		h            *ast.Heading
	}
	var cuts []cut
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok || (h.Level != 1 && h.Level != 2) {
			continue
		}
		start, after := headingSpan(h, body)
		if h.Level == 1 {
			l, c := lines.pos(start)
			out.Titles = append(out.Titles, Heading{Level: 1, Line: l + firstLine - 1, Col: c, Text: headingText(h, body)})
			continue
		}
		cuts = append(cuts, cut{start, after, h})
	}
	end := len(body)
	if len(cuts) > 0 {
		end = cuts[0].start
	}
	if !isBlank(body[:end]) {
		out.Preamble = body[:end]
		l, _ := lines.pos(firstNonSpace(body[:end]))
		out.PreambleLine = l + firstLine - 1
	}
	// Raw HTML in offset order: each section takes its own.
	raw := dropped(doc, body)
	for i, c := range cuts {
		stop := len(body)
		if i+1 < len(cuts) {
			stop = cuts[i+1].start
		}
		var mine []Dropped
		for len(raw) > 0 && raw[0].Offset < stop {
			if d := raw[0]; d.Offset >= c.after {
				d.Offset -= c.after
				mine = append(mine, d)
			}
			raw = raw[1:]
		}
		l, col := lines.pos(c.start)
		bl, _ := lines.pos(c.after)
		sec := body[c.after:stop]
		out.Sections = append(out.Sections, Section{
			Heading:  headingText(c.h, body),
			Line:     l + firstLine - 1,
			Col:      col,
			Body:     sec,
			BodyLine: bl + firstLine - 1,
			Empty:    isBlank(sec),
			Dropped:  mine,
		})
	}
	return out
}

// headingSpan returns the offset where h's line starts and the offset
// just after the line that ends it (the underline of a setext heading).
func headingSpan(h *ast.Heading, src []byte) (start, after int) {
	segs := h.Lines()
	if segs.Len() == 0 {
		// An empty ATX heading ("##") has no lines; goldmark records where
		// its block starts.
		if p := h.Pos(); p >= 0 && p <= len(src) {
			return bytes.LastIndexByte(src[:p], '\n') + 1, lineEnd(src, p)
		}
		return emptyHeadingSpan(h, src)
	}
	first, last := segs.At(0), segs.At(segs.Len()-1)
	start = bytes.LastIndexByte(src[:first.Start], '\n') + 1
	after = lineEnd(src, last.Stop)
	if !bytes.Contains(src[start:first.Start], []byte("#")) {
		// A setext heading (its text may start with "#"): its underline
		// belongs to it.
		after = lineEnd(src, after)
	}
	return start, after
}

func emptyHeadingSpan(h *ast.Heading, src []byte) (int, int) {
	// Walk back to the previous sibling's end, then forward to the "##".
	from := 0
	if p := h.PreviousSibling(); p != nil && p.Lines().Len() > 0 {
		from = p.Lines().At(p.Lines().Len() - 1).Stop
	}
	if loc := emptyHeadingRE.FindIndex(src[from:]); loc != nil {
		return from + loc[0], lineEnd(src, from+loc[1])
	}
	return from, lineEnd(src, from)
}

func lineEnd(src []byte, off int) int {
	if off >= len(src) {
		return len(src)
	}
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

func headingText(h *ast.Heading, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for c := t.FirstChild(); c != nil; c = c.NextSibling() {
				if tx, ok := c.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return string(bytes.TrimSpace(b.Bytes()))
}

var emptyHeadingRE = regexp.MustCompile(`(?m)^ {0,3}##[ \t]*#*[ \t]*$`)

var commentRE = regexp.MustCompile(`(?s)<!--.*?-->`)

// isBlank reports whether b holds nothing but white space and HTML
// comments.
func isBlank(b []byte) bool {
	if len(bytes.TrimSpace(b)) == 0 {
		return true
	}
	if !bytes.Contains(b, []byte("<!--")) {
		return false
	}
	return len(bytes.TrimSpace(commentRE.ReplaceAll(b, nil))) == 0
}

func firstNonSpace(b []byte) int {
	for i, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return i
		}
	}
	return 0
}

// lineIndex maps byte offsets to lines and columns.
type lineIndex []int

func newLineIndex(b []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range b {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// pos returns the 1-based line and column (in bytes) of off.
func (li lineIndex) pos(off int) (line, col int) {
	lo, hi := 0, len(li)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, off - li[lo] + 1
}

// Position returns the position in file of byte off of body, which starts
// on line firstLine.
func Position(file string, body []byte, firstLine, off int) diag.Position {
	l, c := newLineIndex(body).pos(off)
	return diag.Position{File: file, Line: l + firstLine - 1, Col: c}
}

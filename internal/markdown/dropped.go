package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Dropped is raw HTML that the rendering leaves out of the page: a
// Section's (found by SplitSections) or a message's (DroppedMessageHTML).
// Comments are not among them: they are meant to be left out (the
// guidance "incidentsite new" writes is one).
type Dropped struct {
	// Offset is where it starts in the source.
	Offset int
	// Text is its first line, as written.
	Text string
}

// DroppedMessageHTML returns the raw HTML of an update's message that
// RenderMessage leaves out, with offsets into msg as written.
func DroppedMessageHTML(msg string) []Dropped {
	// Raw HTML, inline or a block, starts with "<": a message without
	// one (nearly all) has none to drop, and needs no parse, which was
	// 4% of validate's time.
	if !strings.Contains(msg, "<") {
		return nil
	}
	return parseDroppedMessageHTML(msg)
}

// parseDroppedMessageHTML is DroppedMessageHTML without its shortcut.
func parseDroppedMessageHTML(msg string) []Dropped {
	src := dedent(msg)
	if len(Check("", src, 1, DefaultLimits)) > 0 {
		return nil // shown as escaped text, nothing is dropped
	}
	out := dropped(messageParser.Parse(text.NewReader(src)), src)
	// dedent removed the white space that starts lines: map back.
	for i := range out {
		out[i].Offset = undent(msg, out[i].Offset)
	}
	return out
}

func dropped(doc ast.Node, src []byte) []Dropped {
	var out []Dropped
	add := func(off int, b []byte) {
		b = bytes.TrimSpace(b)
		if bytes.HasPrefix(b, []byte("<!--")) || len(b) == 0 {
			return
		}
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = bytes.TrimSpace(b[:i])
		}
		out = append(out, Dropped{Offset: off, Text: string(b)})
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				add(n.Segments.At(0).Start, rawValue(n, src))
			}
		case *ast.HTMLBlock:
			if lines := n.Lines(); lines.Len() > 0 {
				var b []byte
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					b = append(b, seg.Value(src)...)
				}
				add(lines.At(0).Start, b)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// undent maps an offset in dedent(msg) back to msg.
func undent(msg string, off int) int {
	in, out := 0, 0
	atLineStart := true
	for in < len(msg) {
		c := msg[in]
		if atLineStart && (c == ' ' || c == '\t') {
			in++
			continue
		}
		if out == off {
			return in
		}
		atLineStart = c == '\n'
		in++
		out++
	}
	return in
}

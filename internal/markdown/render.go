package markdown

import (
	"bytes"
	"html"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Render converts Markdown to HTML that is safe to put in a page: raw HTML
// is dropped (goldmark's default renderer, without WithUnsafe), and a link
// or image is kept only when its address is relative or uses http, https
// or mailto, whatever its case or entity encoding; otherwise only its text
// remains. Headings are shifted down by shift levels (a "###" inside a
// section becomes an h4 when shift is 1), so that a page's outline holds.
//
// Call Check first: Render must not be given the inputs it refuses.
func Render(src []byte, shift int) template.HTML {
	doc := safeParser.Parse(text.NewReader(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if h, ok := n.(*ast.Heading); ok {
			h.Level = min(6, h.Level+shift)
		}
		return ast.WalkContinue, nil
	})
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, doc); err != nil {
		return template.HTML(template.HTMLEscapeString(string(src)))
	}
	// The only template.HTML in incidentsite: goldmark's safe output.
	return template.HTML(b.String())
}

// safeParser is md's parser with the link allow-list added.
var safeParser = func() parser.Parser {
	p := md.Parser()
	p.AddOptions(parser.WithASTTransformers(util.Prioritized(linkFilter{}, 0)))
	return p
}()

// linkFilter replaces links and images whose address is not allowed by
// their content (their text, or an image's alternative text).
type linkFilter struct{}

// Transform implements parser.ASTTransformer.
func (linkFilter) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	var bad []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Link:
			if !AllowedURL(string(v.Destination)) {
				bad = append(bad, n)
			}
		case *ast.Image:
			if !AllowedURL(string(v.Destination)) {
				bad = append(bad, n)
			}
		case *ast.AutoLink:
			if !AllowedURL(string(v.URL(reader.Source()))) {
				bad = append(bad, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range bad {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		if al, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(al.Label(reader.Source())))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// AllowedURL reports whether u may be a link's address on a page: a
// relative address, or an absolute one with the scheme http, https or
// mailto. Character references are decoded first (goldmark decodes them
// only when it writes the page), and control characters and spaces, which
// browsers strip before reading a scheme, are ignored.
func AllowedURL(u string) bool {
	var b strings.Builder
	for _, r := range html.UnescapeString(u) {
		if r > ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	s := strings.ToLower(b.String())
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return true // no scheme: relative
	}
	switch s[:i] {
	case "http", "https", "mailto":
		return true
	}
	return false
}

package markdown

import (
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
	h, err := renderDoc(src, doc)
	if err != nil {
		return template.HTML(template.HTMLEscapeString(string(src)))
	}
	// The only template.HTML in incidentsite: goldmark's safe output.
	return template.HTML(h)
}

// safeParser is md's parser with the link allow-list added.
var safeParser = func() parser.Parser {
	p := md.Parser()
	p.AddOptions(parser.WithASTTransformers(util.Prioritized(linkFilter{}, 0), util.Prioritized(rawFilter{}, 1)))
	return p
}()

// linkFilter replaces links and images whose address is not allowed by
// their content (their text, or an image's alternative text), and a
// remote image by a link to it: a page of the status site loads nothing
// from elsewhere (a remote image is a tracking pixel, and it would tell a
// third party who reads the page during an outage).
type linkFilter struct{}

// Transform implements parser.ASTTransformer.
func (linkFilter) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	var bad, remote []ast.Node
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
			switch dest := string(v.Destination); {
			case !AllowedURL(dest):
				bad = append(bad, n)
			case RemoteURL(dest):
				remote = append(remote, n)
			}
		case *ast.AutoLink:
			if !AllowedURL(string(v.URL(reader.Source()))) {
				bad = append(bad, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range remote {
		img := n.(*ast.Image)
		if inLink(img) || img.Parent() == nil {
			// A link cannot hold a link: keep the alternative text.
			bad = append(bad, n)
			continue
		}
		link := ast.NewLink()
		link.Destination, link.Title = img.Destination, img.Title
		if img.FirstChild() == nil {
			link.AppendChild(link, ast.NewString(img.Destination))
		}
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
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

// inLink reports whether n is inside a link.
func inLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Link); ok {
			return true
		}
	}
	return false
}

// RemoteURL reports whether u, an address AllowedURL accepts, points away
// from the site: it has a scheme, or it starts with two slashes (a
// protocol-relative address; browsers read a backslash as a slash).
func RemoteURL(u string) bool {
	s := urlChars(u)
	if i := strings.IndexAny(s, ":/?#\\"); i >= 0 && s[i] == ':' {
		return true
	}
	return len(s) >= 2 && (s[0] == '/' || s[0] == '\\') && (s[1] == '/' || s[1] == '\\')
}

// urlChars returns u as a browser reads it: character references decoded,
// without control characters and spaces, in lower case.
func urlChars(u string) string {
	var b strings.Builder
	for _, r := range html.UnescapeString(u) {
		if r > ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	return strings.ToLower(b.String())
}

// AllowedURL reports whether u may be a link's address on a page: a
// relative address, or an absolute one with the scheme http, https or
// mailto. Character references are decoded first (goldmark decodes them
// only when it writes the page), and control characters and spaces, which
// browsers strip before reading a scheme, are ignored.
func AllowedURL(u string) bool {
	s := urlChars(u)
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

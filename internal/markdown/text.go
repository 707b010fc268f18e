package markdown

import (
	"html/template"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// RenderMessage converts an update's message to HTML as Render does, but
// with inline Markdown only: emphasis, code, links and autolinks, in
// paragraphs. A message is a few sentences written in a YAML value, where
// a line that starts with "#", "-", "1." or four spaces is text, not a
// heading, list or code block, and a heading in a timeline would break
// the page's outline. Raw HTML and comments are dropped, link reference
// definitions are consumed, and links and images pass the same allow-list
// as Render's.
//
// A message beyond DefaultLimits is not parsed (a conversion cannot be
// cancelled): it is shown as escaped text.
func RenderMessage(msg string) template.HTML {
	src := dedent(msg)
	if len(Check("", src, 1, DefaultLimits)) > 0 {
		return template.HTML("<p>" + template.HTMLEscapeString(msg) + "</p>\n")
	}
	doc := messageParser.Parse(text.NewReader(src))
	h, err := renderDoc(src, doc)
	if err != nil {
		return template.HTML("<p>" + template.HTMLEscapeString(msg) + "</p>\n")
	}
	// goldmark's safe output, as Render's.
	return template.HTML(h)
}

// dedent returns msg without the white space that starts its lines: in a
// message it means nothing, and goldmark would hand an indented line to a
// code block parser, which a message has not.
func dedent(msg string) []byte {
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, " \t")
	}
	return []byte(strings.Join(lines, "\n"))
}

// messageParser knows paragraphs and inline Markdown only.
var messageParser = parser.NewParser(
	parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 1000)),
	parser.WithInlineParsers(append(parser.DefaultInlineParsers(),
		util.Prioritized(extension.NewStrikethroughParser(), 500),
		util.Prioritized(extension.NewLinkifyParser(), 999))...),
	parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	parser.WithASTTransformers(util.Prioritized(linkFilter{}, 0), util.Prioritized(rawFilter{}, 1)),
)

// rawFilter removes what lies between an inline opening tag whose content
// is not text (<script>, <style> and the like) and its closing tag in the
// same paragraph: the renderer leaves out the tags themselves, and the
// script would otherwise show as text. (A <script> at the start of a line
// of a body is an HTML block, which the renderer leaves out whole.)
type rawFilter struct{}

// Transform implements parser.ASTTransformer.
func (rawFilter) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var opens []*ast.RawHTML
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if r, ok := n.(*ast.RawHTML); ok && entering {
			if m := rawTagRE.FindSubmatch(rawValue(r, src)); m != nil && m[1] == nil && hiddenTags[strings.ToLower(string(m[2]))] {
				opens = append(opens, r)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, r := range opens {
		if r.Parent() == nil {
			continue // removed with an earlier one
		}
		m := rawTagRE.FindSubmatch(rawValue(r, src))
		name := strings.ToLower(string(m[2]))
		var drop []ast.Node
		for n := r.NextSibling(); n != nil; n = n.NextSibling() {
			if c, ok := n.(*ast.RawHTML); ok {
				if cm := rawTagRE.FindSubmatch(rawValue(c, src)); cm != nil && cm[1] != nil && strings.EqualFold(string(cm[2]), name) {
					break
				}
			}
			drop = append(drop, n)
		}
		for _, n := range drop {
			n.Parent().RemoveChild(n.Parent(), n)
		}
	}
}

// hiddenTags are the elements whose content a browser does not show as
// text.
var hiddenTags = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "iframe": true, "noscript": true,
	"noembed": true, "noframes": true, "template": true, "xmp": true, "object": true, "svg": true, "math": true,
}

var rawTagRE = regexp.MustCompile(`^<(/)?([A-Za-z][A-Za-z0-9-]*)`)

func rawValue(r *ast.RawHTML, src []byte) []byte {
	var b []byte
	for i := 0; i < r.Segments.Len(); i++ {
		s := r.Segments.At(i)
		b = append(b, s.Value(src)...)
	}
	return b
}

// PlainText returns the text of h, the output of Render or RenderMessage,
// for the outputs that are not HTML (feeds, the API, the calendar, page
// descriptions): what a reader of the page sees, without markup. A link
// keeps its text, an image its alternative text; paragraphs, headings and
// blocks are separated by a blank line, list items start a line with
// "- ", and white space is collapsed as a browser collapses it, except in
// code blocks. Comments, and so the raw HTML Render leaves out, are not
// text: every output shows the same sanitised text as the pages.
func PlainText(h template.HTML) string {
	z := html.NewTokenizer(strings.NewReader(string(h)))
	var b strings.Builder
	// brk is the line break due before the next text, prefix what starts
	// its line; space says that white space separates it from the last.
	brk, prefix, space, pre := "", "", false, 0
	write := func(s string) {
		if s == "" {
			return
		}
		switch {
		case b.Len() == 0:
		case brk != "":
			b.WriteString(brk)
		case space:
			b.WriteByte(' ')
		}
		if brk != "" || b.Len() == 0 {
			b.WriteString(prefix)
			prefix = ""
		}
		brk, space = "", false
		b.WriteString(s)
	}
	lineBreak := func(s string) {
		if len(s) > len(brk) {
			brk = s
		}
		space = false
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.TextToken:
			t := string(z.Text())
			if pre > 0 {
				write(strings.TrimRight(t, "\n"))
				continue
			}
			f := strings.Fields(t)
			if len(f) == 0 {
				space = space || (t != "" && b.Len() > 0)
				continue
			}
			if t[0] == ' ' || t[0] == '\t' || t[0] == '\n' || t[0] == '\r' || t[0] == '\f' {
				space = true
			}
			write(strings.Join(f, " "))
			last := t[len(t)-1]
			space = last == ' ' || last == '\t' || last == '\n' || last == '\r' || last == '\f'
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); a {
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote,
				atom.Ul, atom.Ol, atom.Table, atom.Hr, atom.Div, atom.Pre:
				lineBreak("\n\n")
				if a == atom.Pre {
					pre++
				}
			case atom.Li:
				lineBreak("\n")
				prefix = "- "
			case atom.Tr, atom.Br:
				lineBreak("\n")
			case atom.Td, atom.Th:
				space = b.Len() > 0
			case atom.Img:
				for {
					k, v, more := z.TagAttr()
					if string(k) == "alt" {
						write(strings.Join(strings.Fields(string(v)), " "))
					}
					if !more {
						break
					}
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); a {
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote,
				atom.Ul, atom.Ol, atom.Table, atom.Div, atom.Pre:
				lineBreak("\n\n")
				if a == atom.Pre && pre > 0 {
					pre--
				}
			case atom.Li, atom.Tr:
				lineBreak("\n")
			}
		}
	}
}

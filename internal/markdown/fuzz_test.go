package markdown_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/incidentsite/incidentsite/internal/markdown"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// fuzzSlow is how long one call may take before the fuzz target reports
// super-linear behaviour: ordinary inputs take microseconds, and the
// margin keeps a loaded machine from failing it.
const fuzzSlow = 2 * time.Second

// FuzzMarkdown checks invariants of Check and SplitSections on any body.
//
// TODO(fuzz): each section's Heading is the text goldmark renders for the
// heading, without markup.
// TODO(fuzz): Check accepts every body whose parse takes less than a
// millisecond per kilobyte (no false alarms on ordinary reports).
func FuzzMarkdown(f *testing.F) {
	for _, s := range markdownSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"",
		"## A\nx\n## B\n",
		"Title\n=====\n\nSection\n-------\nbody\n",
		"#5 outage\n---\ntext\n",
		"- a\n\n##\n\n- b\n\n##\n",
		"> q\n\n##\n",
		"```\n## code\n```\n## real\n",
		"## A\n<!-- guidance -->\n\n## B\n\n",
		"## A\r\nx\r\n",
		"[a]: /x\nSec\n---\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n",
		"[x](javascript:alert(1)) [y](&#106;avascript:1) <javascript:x> ![i](data:image/png,x)",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[r]: vbscript:x\n\n[z][r]",
	} {
		f.Add([]byte(s))
	}
	const first = 7
	f.Fuzz(func(t *testing.T, body []byte) {
		orig := bytes.Clone(body)
		start := time.Now()
		d := markdown.Check("f.md", body, first, markdown.DefaultLimits)
		for _, x := range d {
			if x.Pos.File != "f.md" || x.Pos.Line < first || x.Pos.Col < 1 || x.Pos.Line > first+bytes.Count(body, []byte("\n")) {
				t.Errorf("bad position: %#v", x)
			}
		}
		if len(d) > 0 {
			return // SplitSections is never called on such a body
		}
		s := markdown.SplitSections(body, first)
		if el := time.Since(start); el > fuzzSlow {
			t.Errorf("Check and SplitSections took %v on %d bytes", el, len(body))
		}
		if !bytes.Equal(body, orig) {
			t.Fatal("the body was changed")
		}

		// Preamble and sections are consecutive slices of body: the
		// preamble from its start, each section's Body up to the next
		// heading's line, the last one to the end.
		lineOf := func(off int) int { return first + bytes.Count(body[:off], []byte("\n")) }
		offset := func(sub []byte) int { return cap(body) - cap(sub) }
		if s.Preamble != nil {
			if offset(s.Preamble) != 0 {
				t.Errorf("preamble starts at %d", offset(s.Preamble))
			}
			if s.PreambleLine < first {
				t.Errorf("PreambleLine %d", s.PreambleLine)
			}
		}
		prevEnd := 0
		if s.Preamble != nil {
			prevEnd = len(s.Preamble)
		}
		for i, sec := range s.Sections {
			off := offset(sec.Body)
			if off < prevEnd || off+len(sec.Body) > len(body) {
				t.Fatalf("section %d body at %d..%d, after %d, in %d bytes", i, off, off+len(sec.Body), prevEnd, len(body))
			}
			if !bytes.Equal(body[off:off+len(sec.Body)], sec.Body) {
				t.Fatalf("section %d body is not a slice of the input", i)
			}
			if got := lineOf(off); got != sec.BodyLine {
				t.Errorf("section %d: BodyLine %d, but its body starts on line %d", i, sec.BodyLine, got)
			}
			if sec.Line < first || sec.Col < 1 || sec.Line > sec.BodyLine || (i > 0 && sec.Line < s.Sections[i-1].BodyLine) {
				t.Errorf("section %d at %d:%d, body on line %d", i, sec.Line, sec.Col, sec.BodyLine)
			}
			if i+1 == len(s.Sections) && off+len(sec.Body) != len(body) {
				t.Errorf("the last section ends at %d of %d", off+len(sec.Body), len(body))
			}
			if sec.Empty && len(bytes.TrimSpace(sec.Body)) > 0 && !bytes.Contains(sec.Body, []byte("<!--")) {
				t.Errorf("section %d is Empty but holds %q", i, sec.Body)
			}
			prevEnd = off + len(sec.Body)
		}
		for _, h := range s.Titles {
			if h.Level != 1 || h.Line < first || h.Col < 1 || h.Line > first+bytes.Count(body, []byte("\n")) {
				t.Errorf("title %#v", h)
			}
		}

		// What reaches a page: only the elements goldmark writes for
		// Markdown, no event attributes, no address outside the allow-list.
		out := markdown.Render(body, 1)
		if el := time.Since(start); el > 2*fuzzSlow {
			t.Errorf("Render took %v on %d bytes", el, len(body))
		}
		checkHTML(t, "Render", string(out), markdownElements)
		_ = markdown.PlainText(out)

		// A message: inline elements only, in paragraphs.
		msg := markdown.RenderMessage(string(body))
		if el := time.Since(start); el > 3*fuzzSlow {
			t.Errorf("RenderMessage took %v on %d bytes", el, len(body))
		}
		checkHTML(t, "RenderMessage", string(msg), messageElements)
		_ = markdown.PlainText(msg)

		// What validation reports as left out points at a "<" of the
		// input, in a section or in a message.
		for i, sec := range s.Sections {
			for _, d := range sec.Dropped {
				if d.Offset < 0 || d.Offset >= len(sec.Body) || sec.Body[d.Offset] != '<' {
					t.Errorf("section %d: Dropped offset %d does not point at a tag (%q)", i, d.Offset, d.Text)
				}
			}
		}
		for _, d := range markdown.DroppedMessageHTML(string(body)) {
			if d.Offset < 0 || d.Offset >= len(body) || body[d.Offset] != '<' {
				t.Errorf("DroppedMessageHTML: offset %d does not point at a tag (%q)", d.Offset, d.Text)
			}
		}
	})
}

// checkHTML checks what reaches a page: only the elements allowed, no
// event attributes, no address outside the allow-list, and no image from
// another site.
func checkHTML(t *testing.T, name, out string, allowed map[string]bool) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if !allowed[tok.Data] {
			t.Errorf("%s wrote a <%s> element: %s", name, tok.Data, out)
		}
		for _, a := range tok.Attr {
			switch {
			case a.Key == "style" && (a.Val == "text-align:left" || a.Val == "text-align:right" || a.Val == "text-align:center"):
				// goldmark's table column alignment
			case strings.HasPrefix(strings.ToLower(a.Key), "on") || a.Key == "style":
				t.Errorf("%s wrote the attribute %s: %s", name, a.Key, out)
			case (a.Key == "href" || a.Key == "src") && !markdown.AllowedURL(a.Val):
				t.Errorf("%s kept the address %q", name, a.Val)
			case a.Key == "src" && markdown.RemoteURL(a.Val):
				t.Errorf("%s loads the remote image %q", name, a.Val)
			}
		}
	}
}

// messageElements are the elements of a message: paragraphs and inline
// Markdown.
var messageElements = map[string]bool{
	"p": true, "a": true, "img": true, "em": true, "strong": true, "code": true, "br": true, "del": true,
}

// markdownElements are the elements goldmark writes for CommonMark with
// tables, strikethrough and autolinks.
var markdownElements = map[string]bool{
	"p": true, "a": true, "img": true, "em": true, "strong": true, "code": true, "pre": true, "blockquote": true,
	"ul": true, "ol": true, "li": true, "hr": true, "br": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "del": true,
}

// markdownSeeds returns the bodies of the module's Markdown files and of
// those inside the txtar archives of its testdata folders.
func markdownSeeds(tb testing.TB) [][]byte {
	return testutil.Seeds(tb, "../..", func(name string, data []byte) []byte {
		if !strings.HasSuffix(name, ".md") {
			return nil
		}
		// Drop the front matter, if any.
		if rest, ok := bytes.CutPrefix(data, []byte("---\n")); ok {
			if _, body, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
				return body
			}
		}
		return data
	})
}

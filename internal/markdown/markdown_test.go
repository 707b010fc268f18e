package markdown_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/markdown"
)

// sec is a Section reduced to what the tests compare, Body as text.
type sec struct {
	Heading   string
	Line, Col int
	Body      string
	BodyLine  int
	Empty     bool
}

type split struct {
	Preamble     string
	PreambleLine int
	Sections     []sec
	Titles       []markdown.Heading
}

func reduce(s markdown.Split) split {
	out := split{Preamble: string(s.Preamble), PreambleLine: s.PreambleLine, Titles: s.Titles}
	for _, x := range s.Sections {
		out.Sections = append(out.Sections, sec{x.Heading, x.Line, x.Col, string(x.Body), x.BodyLine, x.Empty})
	}
	return out
}

func TestSplitSections(t *testing.T) {
	// Every body starts on line 10 of its file, after the front matter.
	const first = 10
	for _, tc := range []struct {
		name string
		body string
		want split
	}{
		{
			name: "empty",
			body: "",
			want: split{},
		},
		{
			name: "ATX headings",
			body: "## Impact\nCustomers could not sign in.\n\n## Workaround\nNone.\n",
			want: split{Sections: []sec{
				{"Impact", 10, 1, "Customers could not sign in.\n\n", 11, false},
				{"Workaround", 13, 1, "None.\n", 14, false},
			}},
		},
		{
			name: "closing hashes, indentation and inline markup",
			body: "   ## Root *cause* `db` ##\ntext\n##  Next  \n",
			want: split{Sections: []sec{
				{"Root cause db", 10, 1, "text\n", 11, false},
				{"Next", 12, 1, "", 13, true},
			}},
		},
		{
			name: "setext headings",
			body: "Impact\n------\nslow\n\nRoot\ncause\n---\nA disk.\n",
			want: split{Sections: []sec{
				{"Impact", 10, 1, "slow\n\n", 12, false},
				{"Root cause", 14, 1, "A disk.\n", 17, false},
			}},
		},
		{
			name: "setext heading starting with a hash",
			body: "#5 outage\n---\ntext\n",
			want: split{Sections: []sec{{"#5 outage", 10, 1, "text\n", 12, false}}},
		},
		{
			name: "headings inside fenced code are not sections",
			body: "## Notes\n```\n## not a heading\n```\n~~~md\nTitle\n---\n~~~\n",
			want: split{Sections: []sec{{"Notes", 10, 1, "```\n## not a heading\n```\n~~~md\nTitle\n---\n~~~\n", 11, false}}},
		},
		{
			name: "headings in quotes, lists and indented code are not sections",
			body: "## A\n> ## quoted\n\n- ## listed\n\n    ## code\n",
			want: split{Sections: []sec{{"A", 10, 1, "> ## quoted\n\n- ## listed\n\n    ## code\n", 11, false}}},
		},
		{
			name: "other levels stay in their section",
			body: "## A\n### Detail\n#### More\n",
			want: split{Sections: []sec{{"A", 10, 1, "### Detail\n#### More\n", 11, false}}},
		},
		{
			name: "preamble",
			body: "\n\nSome text first.\n\n## A\nx\n",
			want: split{
				Preamble: "\n\nSome text first.\n\n", PreambleLine: 12,
				Sections: []sec{{"A", 14, 1, "x\n", 15, false}},
			},
		},
		{
			name: "blank and comment-only preamble is none",
			body: "\n<!-- guidance -->\n\n## A\nx\n",
			want: split{Sections: []sec{{"A", 13, 1, "x\n", 14, false}}},
		},
		{
			name: "preamble without sections",
			body: "Just text.\n",
			want: split{Preamble: "Just text.\n", PreambleLine: 10},
		},
		{
			name: "level-1 titles",
			body: "# AssetExplorer down\n\n## A\nx\n# Another\n\nTitle\n=====\n",
			want: split{
				Preamble: "# AssetExplorer down\n\n", PreambleLine: 10,
				Sections: []sec{{"A", 12, 1, "x\n# Another\n\nTitle\n=====\n", 13, false}},
				Titles: []markdown.Heading{
					{Level: 1, Line: 10, Col: 1, Text: "AssetExplorer down"},
					{Level: 1, Line: 14, Col: 1, Text: "Another"},
					{Level: 1, Line: 16, Col: 1, Text: "Title"},
				},
			},
		},
		{
			name: "empty sections",
			body: "## Impact\n\n<!-- Which services and customers are affected. -->\n\n## Workaround\n<!--\nseveral\nlines\n-->\n## Root cause\n\n\n",
			want: split{Sections: []sec{
				{"Impact", 10, 1, "\n<!-- Which services and customers are affected. -->\n\n", 11, true},
				{"Workaround", 14, 1, "<!--\nseveral\nlines\n-->\n", 15, true},
				{"Root cause", 19, 1, "\n\n", 20, true},
			}},
		},
		{
			name: "a comment and text is not empty",
			body: "## Impact\n<!-- guidance -->\nSlow.\n## B\n<!-- unclosed\n",
			want: split{Sections: []sec{
				{"Impact", 10, 1, "<!-- guidance -->\nSlow.\n", 11, false},
				{"B", 13, 1, "<!-- unclosed\n", 14, false},
			}},
		},
		{
			name: "empty headings",
			body: "##\nx\n## ##\n",
			want: split{Sections: []sec{
				{"", 10, 1, "x\n", 11, false},
				{"", 12, 1, "", 13, true},
			}},
		},
		{
			name: "empty headings after lists",
			body: "- a\n\n##\n\n- b\n\n  ##\ntext\n",
			want: split{
				Preamble: "- a\n\n", PreambleLine: 10,
				Sections: []sec{
					{"", 12, 1, "\n- b\n\n  ##\ntext\n", 13, false},
				},
			},
		},
		{
			name: "CRLF",
			body: "## A\r\nx\r\n\r\n## B\r\ny\r\n",
			want: split{Sections: []sec{
				{"A", 10, 1, "x\r\n\r\n", 11, false},
				{"B", 13, 1, "y\r\n", 14, false},
			}},
		},
		{
			name: "no final newline",
			body: "## A\nx",
			want: split{Sections: []sec{{"A", 10, 1, "x", 11, false}}},
		},
		{
			name: "heading on the last line",
			body: "## A",
			want: split{Sections: []sec{{"A", 10, 1, "", 10, true}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := []byte(tc.body)
			got := reduce(markdown.SplitSections(body, first))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if string(body) != tc.body {
				t.Error("SplitSections changed its input")
			}
		})
	}
}

func TestPosition(t *testing.T) {
	body := []byte("ab\ncd\n\nef")
	for _, tc := range []struct {
		off, line, col int
	}{
		{0, 5, 1}, {1, 5, 2}, {2, 5, 3}, {3, 6, 1}, {6, 7, 1}, {7, 8, 1}, {9, 8, 3},
	} {
		want := diag.Position{File: "f.md", Line: tc.line, Col: tc.col}
		if got := markdown.Position("f.md", body, 5, tc.off); got != want {
			t.Errorf("Position(%d) = %s, want %s", tc.off, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	lim := markdown.Limits{MaxNesting: 4, MaxLinkDefs: 3, MaxTableCells: 10, MaxLinks: 3, MaxBrackets: 8}
	for _, tc := range []struct {
		name     string
		body     string
		line     int // 0: no diagnostic
		contains string
	}{
		{name: "ordinary", body: "## A\n- a\n  - b\n    > c\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[x]: /x\n"},
		// The estimate counts the spaces between markers as indentation,
		// so "> > > >" is 4 + 3/3 = 5 deep.
		{name: "nesting at the limit", body: ">>>> x\n> > > x\n- - - x\n"},
		{name: "quotes", body: "x\n>>>>> x\n", line: 11, contains: "nested 5 deep here, more than 4"},
		{name: "spaced quotes", body: "x\n> > > > x\n", line: 11, contains: "nested 5 deep here, more than 4"},
		{name: "lists", body: "- - - - - x\n", line: 10, contains: "nested 6 deep"},
		{name: "ordered lists", body: "1. 2) 3. 4. 5. x\n", line: 10, contains: "nested 6 deep"},
		{name: "nested list items on their own lines", body: "- a\n    - b\n        - c\n            - d\n", line: 13, contains: "nested 5 deep"},
		{name: "indentation counts", body: "ok\n            > > x\n", line: 11, contains: "nested 6 deep"},
		{name: "tabs count", body: "\t\t\t- x\n", line: 10, contains: "nested 5 deep"},
		{name: "markers need a space", body: "----------\n**bold**\n1.5 million\n"},
		{name: "indentation alone is not nesting", body: "                                x\n"},
		{name: "link definitions at the limit", body: "[a]: /a\n[b]: /b\n [c]: /c\n"},
		{name: "links at the limit", body: "[a](b) [a](b) [a](b)\n\n[a](b) [a](b) [a](b)\n"},
		{name: "too many links in a paragraph", body: "[a](b) [a](b)\n[a](\n![a](b\n", line: 12, contains: "more than 3 links in one paragraph"},
		{name: "brackets at the limit", body: "[[[x]]]\n[[[[[\n\n[[[[[[[[\n"},
		{name: "too many brackets", body: "[[[x]]]\n[[[[[[\n", line: 11, contains: `more than 8 "[" in one paragraph`},
		{name: "too many link definitions", body: "[a]: /a\n[b]: /b\n[c]: /c\ntext\n[d]: /d\n[e]: /e\n", line: 14, contains: "more than 3 link reference definitions"},
		{name: "not link definitions", body: "[]: /a\n    [b]: /b\n[c] : /c\n[d]\n[e]: /e\n[f]: /f\n[g]: /g\n"},
		// Cells are counted as "|" characters, each row as wide as the
		// widest line before it in the table.
		{name: "table cells at the limit", body: "|a|b|\n|-|-|\n|x|\n\ntext | more\n"},
		{name: "rows without pipes", body: "|a|b|c|d|\n|-|-|-|-|\nx\nx\n", line: 12, contains: "more than 10 cells"},
		{name: "a blank line ends a table", body: "|a|b|c|d|\n|-|-|-|-|\n\nx\nx\nx\n"},
		{name: "too many table cells", body: "| a | b | c | d |\n| - | - | - | - |\n| 1 | 2 | 3 | 4 |\n", line: 12, contains: "more than 10 cells"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := markdown.Check("f.md", []byte(tc.body), 10, lim)
			if tc.line == 0 {
				if len(d) > 0 {
					t.Fatalf("unexpected: %v", d)
				}
				return
			}
			if len(d) != 1 {
				t.Fatalf("got %v, want one diagnostic", d)
			}
			want := diag.Position{File: "f.md", Line: tc.line, Col: 1}
			if d[0].Pos != want || d[0].Rule != "markdown-limit" || d[0].Severity != diag.Error || !strings.Contains(d[0].Message, tc.contains) {
				t.Errorf("got %s [%s], want %s containing %q", d[0], d[0].Rule, want, tc.contains)
			}
		})
	}
}

func TestCheckDefaultLimits(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		bad  bool
	}{
		{"deep quote", strings.Repeat(">", 17) + " x\n", true},
		{"deep list", strings.Repeat("- ", 17) + "x\n", true},
		{"link definitions", strings.Repeat("[a]: /a\n", 201), true},
		{"table", strings.Repeat("|a|b|c|d|e|\n", 1001), true},
		{"wide table with bare rows", "|" + strings.Repeat("a|", 2000) + "\n|" + strings.Repeat("-|", 2000) + "\n" + strings.Repeat("x\n", 40000), true},
		{"unclosed links", strings.Repeat("[a](", 40000), true},
		{"links in many paragraphs", strings.Repeat("[a](b)\n\n", 1000), false},
		{"nested brackets", strings.Repeat("[x", 300000) + strings.Repeat("]", 300000), true},
		{"a log excerpt", "```\n" + strings.Repeat("[2025-02-18 09:05:00] db: failover timed out\n", 1000) + "```\n", false},
		{"an incident report", "## Impact\n- a\n  - b\n\n| a | b |\n|---|---|\n", false},
	} {
		d := markdown.Check("f.md", []byte(tc.body), 1, markdown.DefaultLimits)
		if d.HasErrors() != tc.bad {
			t.Errorf("%s: %v", tc.name, d)
		}
	}
}

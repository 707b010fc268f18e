package frontmatter_test

import (
	"strings"
	"testing"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/frontmatter"
	"gopkg.in/yaml.v3"
)

// titleLine returns the line of the front matter's "title" key, counted
// from the top of the file, or 0.
func titleLine(doc *frontmatter.Document) int {
	if doc.Node == nil || doc.Node.Kind != yaml.MappingNode {
		return 0
	}
	for i := 0; i+1 < len(doc.Node.Content); i += 2 {
		if doc.Node.Content[i].Value == "title" {
			return doc.Node.Content[i].Line + doc.LineOffset
		}
	}
	return 0
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name       string
		in         string
		lineOffset int
		titleLine  int
		body       string
		bodyLine   int
		nilNode    bool
	}{
		{
			name:       "plain",
			in:         "---\ntitle: x\n---\n\n## Impact\nNone.\n",
			lineOffset: 1, titleLine: 2, body: "\n## Impact\nNone.\n", bodyLine: 4,
		},
		{
			name:       "leading blank lines",
			in:         "\n  \n\t\n---\ntitle: x\n---\nbody\n",
			lineOffset: 4, titleLine: 5, body: "body\n", bodyLine: 7,
		},
		{
			name:       "CRLF",
			in:         "---\r\ncategory: a\r\ntitle: x\r\n---\r\nbody\r\n",
			lineOffset: 1, titleLine: 3, body: "body\r\n", bodyLine: 5,
		},
		{
			name:       "spaces around the markers",
			in:         "---  \ntitle: x\n  ---\nbody\n",
			lineOffset: 1, titleLine: 2, body: "body\n", bodyLine: 4,
		},
		{
			name:       "thematic break in the body",
			in:         "---\ntitle: x\n---\nabove\n\n---\n\nbelow\n---\n",
			lineOffset: 1, titleLine: 2, body: "above\n\n---\n\nbelow\n---\n", bodyLine: 4,
		},
		{
			name:       "no body",
			in:         "---\ntitle: x\n---\n",
			lineOffset: 1, titleLine: 2, body: "", bodyLine: 4,
		},
		{
			name:       "closing marker at the end without a newline",
			in:         "---\ntitle: x\n---",
			lineOffset: 1, titleLine: 2, body: "", bodyLine: 3,
		},
		{
			name:       "empty front matter",
			in:         "---\n---\nbody\n",
			lineOffset: 1, nilNode: true, body: "body\n", bodyLine: 3,
		},
		{
			name:       "comment-only front matter",
			in:         "---\n# nothing yet\n---\nbody\n",
			lineOffset: 1, nilNode: true, body: "body\n", bodyLine: 4,
		},
		{
			name:       "TOML markers are not front matter markers",
			in:         "---\ntitle: \"+++\"\n---\n+++\n",
			lineOffset: 1, titleLine: 2, body: "+++\n", bodyLine: 4,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.in)
			doc, d := frontmatter.Split("f.md", data, 0)
			if len(d) > 0 {
				t.Fatalf("unexpected diagnostics: %v", d)
			}
			if doc.LineOffset != tc.lineOffset {
				t.Errorf("LineOffset = %d, want %d", doc.LineOffset, tc.lineOffset)
			}
			if (doc.Node == nil) != tc.nilNode {
				t.Errorf("Node = %v, want nil: %v", doc.Node, tc.nilNode)
			}
			if got := titleLine(doc); got != tc.titleLine {
				t.Errorf("title on line %d, want %d", got, tc.titleLine)
			}
			if string(doc.Body) != tc.body {
				t.Errorf("Body = %q, want %q", doc.Body, tc.body)
			}
			if doc.BodyLine != tc.bodyLine {
				t.Errorf("BodyLine = %d, want %d", doc.BodyLine, tc.bodyLine)
			}
			if string(data) != tc.in {
				t.Errorf("Split changed its input")
			}
		})
	}
}

func TestSplitErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		line     int
		rule     string
		contains string
	}{
		{"empty file", "", 1, "front-matter", "does not start with front matter"},
		{"blank file", "\n\n", 1, "front-matter", "does not start with front matter"},
		{"no front matter", "# AssetExplorer is down\n\nbody\n", 1, "front-matter", "does not start with front matter"},
		{"text before the front matter", "hello\n---\ntitle: x\n---\n", 1, "front-matter", "does not start with front matter"},
		{"TOML front matter", "+++\ntitle = \"x\"\n+++\n", 1, "front-matter", "does not start with front matter"},
		{"JSON front matter", "{\"title\": \"x\"}\n\nbody\n", 1, "front-matter", "does not start with front matter"},
		{"yaml-named marker", "---yaml\ntitle: x\n---\n", 1, "front-matter", "does not start with front matter"},
		{"four dashes", "----\ntitle: x\n----\n", 1, "front-matter", "does not start with front matter"},
		// adrg/frontmatter hands an unterminated front matter back as the
		// body, with no error.
		{"unterminated", "---\ntitle: x\nvisibility: internal\n\nbody\n", 1, "front-matter", "never closed"},
		{"unterminated after blank lines", "\n\n---\ntitle: x\n", 3, "front-matter", "never closed"},
		{"only an opening marker", "---", 1, "front-matter", "never closed"},
		{"only an opening marker and a newline", "---\n", 1, "front-matter", "never closed"},
		{"closed by four dashes", "---\ntitle: x\n----\nbody\n", 1, "front-matter", "never closed"},
		// YAML problems are on the file's lines.
		{"YAML syntax", "\n---\ntitle: x\n bad: 1\n---\n", 4, "yaml-syntax", "mapping values are not allowed"},
		{"duplicate key", "---\ntitle: x\ntitle: y\n---\n", 3, "duplicate-key", "already set on line 2"},
		{"alias", "---\na: &x 1\nb: *x\n---\n", 2, "yaml-anchor", "anchor"},
		{"second document", "---\ntitle: x\n--- # more\nother: y\n---\n", 3, "yaml-syntax", "second YAML document"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, d := frontmatter.Split("f.md", []byte(tc.in), 0)
			if len(d) == 0 {
				t.Fatal("no diagnostics")
			}
			g := d[0]
			if g.Pos != (diag.Position{File: "f.md", Line: tc.line, Col: g.Pos.Col}) || g.Pos.Col < 1 || g.Rule != tc.rule || !strings.Contains(g.Message, tc.contains) || g.Severity != diag.Error {
				t.Errorf("got %s [%s], want line %d [%s] containing %q", g, g.Rule, tc.line, tc.rule, tc.contains)
			}
		})
	}
}

func TestSplitMaxDepth(t *testing.T) {
	in := "---\na:\n  b:\n    c: 1\n---\n"
	if _, d := frontmatter.Split("f.md", []byte(in), 2); len(d) != 1 || d[0].Rule != "yaml-depth" || d[0].Pos.Line != 4 {
		t.Errorf("depth 2: %v", d)
	}
	if _, d := frontmatter.Split("f.md", []byte(in), 3); len(d) != 0 {
		t.Errorf("depth 3: %v", d)
	}
}

package yamlx_test

import (
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// offset is the line offset the parse tests use, as if the YAML were front
// matter that starts on line 11 of its file.
const offset = 10

// found is a diagnostic reduced to what the tests pin.
type found struct {
	Line, Col int
	Rule      string
	Contains  string
}

func checkDiags(t *testing.T, got diag.List, want []found) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(want), dump(got))
	}
	for i, w := range want {
		g := got[i]
		if g.Pos.File != "f.yaml" || g.Pos.Line != w.Line || (w.Col != 0 && g.Pos.Col != w.Col) || g.Rule != w.Rule || !strings.Contains(g.Message, w.Contains) {
			t.Errorf("diagnostic %d = %s [%s], want line %d col %d [%s] containing %q", i, g, g.Rule, w.Line, w.Col, w.Rule, w.Contains)
		}
		if g.Severity != diag.Error {
			t.Errorf("diagnostic %d is not an error: %s", i, g)
		}
	}
}

func dump(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString("\t" + d.String() + " [" + d.Rule + "]\n")
	}
	return b.String()
}

func TestParseRefuses(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in       string
		maxDepth int
		want     []found
	}{
		{
			name: "anchor",
			in:   "title: x\nteams: &t [a, b]\n",
			want: []found{{12, 8, "yaml-anchor", "anchor &t"}},
		},
		{
			name: "alias",
			in:   "a: &x 1\nb: *x\n",
			want: []found{{11, 4, "yaml-anchor", "anchor &x"}, {12, 4, "yaml-anchor", "alias *x"}},
		},
		{
			name: "alias bomb",
			in:   "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
			want: nil, // checked below: refused, quickly
		},
		{
			name: "standard tag",
			in:   "a: !!str 1\n",
			want: []found{{11, 4, "yaml-tag", "tag !!str"}},
		},
		{
			name: "custom tag",
			in:   "a:\n  b: !secret x\n",
			want: []found{{12, 6, "yaml-tag", "tag !secret"}},
		},
		{
			name: "merge key",
			in:   "base: {x: 1}\nother:\n  <<: {y: 2}\n  z: 3\n",
			want: []found{{13, 3, "yaml-anchor", "merge key"}},
		},
		{
			name: "duplicate key",
			in:   "a: 1\nb: 2\na: 3\n",
			want: []found{{13, 1, "duplicate-key", `key "a" is already set on line 11`}},
		},
		{
			name: "duplicate nested key",
			in:   "updates:\n  - at: x\n    status: y\n    at: z\n",
			want: []found{{14, 5, "duplicate-key", `key "at" is already set on line 12`}},
		},
		{
			// More keys than walk compares one by one: a map finds them.
			name: "duplicate key in a large mapping",
			in:   "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\nb: 9\ni: 10\nb: 11\n",
			want: []found{{19, 1, "duplicate-key", `key "b" is already set on line 12`}, {21, 1, "duplicate-key", `key "b" is already set on line 12`}},
		},
		{
			name: "duplicate key twice in a small mapping",
			in:   "a: 1\nb: 2\na: 3\na: 4\n",
			want: []found{{13, 1, "duplicate-key", `key "a" is already set on line 11`}, {14, 1, "duplicate-key", `key "a" is already set on line 11`}},
		},
		{
			name:     "depth",
			in:       "a:\n  b:\n    c:\n      d: 1\n",
			maxDepth: 3,
			want:     []found{{14, 7, "yaml-depth", "deeper than 3"}},
		},
		{
			name:     "depth of lists",
			in:       "- - - [1]\n",
			maxDepth: 3,
			want:     []found{{11, 7, "yaml-depth", "deeper than 3"}},
		},
		{
			name: "default depth",
			in:   strings.Repeat("[", yamlx.DefaultMaxDepth+1) + strings.Repeat("]", yamlx.DefaultMaxDepth+1) + "\n",
			want: []found{{11, yamlx.DefaultMaxDepth + 1, "yaml-depth", "deeper than 12"}},
		},
		{
			name: "second document",
			in:   "a: 1\n---\nb: 2\n",
			want: []found{{12, 1, "yaml-syntax", "second YAML document"}},
		},
		{
			name: "empty second document",
			in:   "a: 1\nb: 2\n---\n",
			want: []found{{13, 1, "yaml-syntax", "second YAML document"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, d := yamlx.Parse("f.yaml", []byte(tc.in), offset, tc.maxDepth)
			if n != nil {
				t.Errorf("got a node for refused input")
			}
			if tc.name == "alias bomb" {
				if !d.HasErrors() {
					t.Fatal("no error")
				}
				return
			}
			checkDiags(t, d, tc.want)
		})
	}
}

func TestParseAccepts(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		maxDepth int
		nilNode  bool
	}{
		{name: "empty", in: "", nilNode: true},
		{name: "blank lines", in: "\n\n  \n", nilNode: true},
		{name: "only comments", in: "# nothing yet\n", nilNode: true},
		{name: "explicit document start", in: "---\na: 1\n"},
		{name: "document end marker", in: "a: 1\n...\n"},
		{name: "depth at the limit", in: "a:\n  b:\n    c: 1\n", maxDepth: 3},
		{name: "ampersand and star in text", in: "a: R&D\nb: 5 * 3\nc: \"*x\"\nd: '&y'\n"},
		{name: "quoted << is a plain key", in: "\"<<\": 1\n"},
		{name: "same key in sibling mappings", in: "- {a: 1}\n- {a: 2}\n"},
		{name: "timestamp", in: "at: 2025-02-18T09:05:00+01:00\n"},
		{name: "CRLF", in: "a: 1\r\nb: [x, y]\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, d := yamlx.Parse("f.yaml", []byte(tc.in), offset, tc.maxDepth)
			if len(d) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", dump(d))
			}
			if (n == nil) != tc.nilNode {
				t.Errorf("node = %v, want nil: %v", n, tc.nilNode)
			}
		})
	}
}

// TestParseSyntaxLines checks that each syntax error points at the line
// that holds the problem, counted from the top of the file. yaml.v3 counts
// the lines of its parser errors from 0 and of its scanner errors from 1.
func TestParseSyntaxLines(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     found
	}{
		{"unclosed flow list", "a: 1\nb: [1, 2\n", found{12, 1, "yaml-syntax", "did not find expected ',' or ']'"}},
		{"unclosed flow mapping", "a: 1\nb: {c: 2\n", found{12, 1, "yaml-syntax", "did not find expected ',' or '}'"}},
		{"odd indentation", "a:\n  b: 1\n c: 2\n", found{13, 2, "yaml-syntax", "did not find expected key"}},
		{"list then mapping", "- a\nb: 1\n", found{12, 1, "yaml-syntax", "did not find expected '-' indicator"}},
		{"indented key", "a: 1\n b: 2\n", found{12, 2, "yaml-syntax", "mapping values are not allowed"}},
		{"colon in value", "title: Outage: database\n", found{11, 1, "yaml-syntax", `quote the value if it contains ": "`}},
		{"unclosed quote", "a: 1\nb: 'x\n", found{12, 1, "yaml-syntax", "a quote or bracket is not closed"}},
		{"at sign", "title: x\nsummary: @x\n", found{12, 1, "yaml-syntax", "cannot start any token"}},
		{"tab", "a: 1\n\tb: 2\n", found{12, 1, "yaml-syntax", "tab character"}},
		// yaml.v3 names the line of the list's first item for these: the
		// key that breaks the list is on a later line.
		{"key of an update indented less", "title: x\nupdates:\n  - at: 1\n    status: y\n   message: z\nb: 1\n", found{15, 4, "yaml-syntax", "did not find expected '-' indicator"}},
		{"key of an update at the list's level", "title: x\nupdates:\n  - at: 1\n    status: y\n  message: z\nb: 1\n", found{15, 3, "yaml-syntax", "did not find expected '-' indicator"}},
		{"after blank lines", "title: x\nupdates:\n  - at: 1\n    status: y\n\n\n   message: z\nb: 1\n", found{17, 4, "yaml-syntax", "did not find expected '-' indicator"}},
		{"key of a later update indented more", "title: x\nupdates:\n  - at: 1\n    status: y\n  - at: 2\n     status: z\nb: 1\n", found{16, 6, "yaml-syntax", "mapping values are not allowed"}},
		{"item indented less", "title: x\nupdates:\n  - at: 1\n    status: y\n - at: 2\nb: 1\n", found{15, 2, "yaml-syntax", "did not find expected key"}},
		{"tab before a key of an update", "title: x\nupdates:\n  - at: 1\n    status: y\n\tmessage: z\nb: 1\n", found{15, 1, "yaml-syntax", "tab character"}},
		{"tab after spaces", "title: x\nupdates:\n  - at: 1\n    status: y\n  \tmessage: z\n", found{15, 3, "yaml-syntax", "tab character"}},
		{"tab on a blank line", "title: x\nupdates:\n  - at: 1\n    message: z\n\t\nb: 1\n", found{15, 1, "yaml-syntax", "tab character"}},
		// A bracket or quote left open is reported where it opens.
		{"flow mapping left open", "title: x\nservices: {a: b,\n  c: d\nx: 1\ny: 2\n", found{12, 1, "yaml-syntax", "did not find expected ',' or '}'"}},
		{"quote left open", "title: 'x\nupdates:\n  - at: 1\nc: 1\n", found{11, 1, "yaml-syntax", "a quote or bracket is not closed"}},
		{"error on the first line", "[a\n", found{11, 1, "yaml-syntax", "YAML syntax error"}},
		{"text after document end", "a: 1\n...\nb: 2\n", found{13, 1, "yaml-syntax", "did not find expected <document start>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, d := yamlx.Parse("f.yaml", []byte(tc.in), offset, 0)
			if n != nil {
				t.Errorf("got a node for invalid input")
			}
			checkDiags(t, d, []found{tc.want})
		})
	}
}

// TestParseEnd checks the nodes at the end of a text.
func TestParseEnd(t *testing.T) {
	for _, in := range []string{"---", "---\n", "--- # nothing\n"} {
		if n, d := yamlx.Parse("f.yaml", []byte(in), 0, 0); n != nil || len(d) > 0 {
			t.Errorf("Parse(%q) = %v, %v; want an empty document", in, n, d)
		}
	}
	if n, d := yamlx.Parse("f.yaml", []byte("~\n"), 0, 0); n == nil || len(d) > 0 {
		t.Errorf("a written null is a value: %v, %v", n, d)
	}
	// yaml.v3 puts an empty value at the end of a text without a final
	// newline on the line after it.
	n, d := yamlx.Parse("f.yaml", []byte("a: 1\nbb:"), 0, 0)
	if len(d) > 0 {
		t.Fatal(d)
	}
	if v := n.Content[3]; v.Line != 2 || v.Column != 4 {
		t.Errorf("empty value at %d:%d, want 2:4", v.Line, v.Column)
	}
}

// TestParseNoOffset checks positions when the YAML is a whole file.
func TestParseNoOffset(t *testing.T) {
	_, d := yamlx.Parse("f.yaml", []byte("a: 1\na: 2\n"), 0, 0)
	checkDiags(t, d, []found{{2, 1, "duplicate-key", "line 1"}})
	_, d = yamlx.Parse("f.yaml", []byte("---\n---\n"), 0, 0)
	checkDiags(t, d, []found{{2, 1, "yaml-syntax", "second YAML document"}})
	_, d = yamlx.Parse("f.yaml", []byte("a: [\n"), 0, 0)
	for _, x := range d {
		if x.Pos.Line < 1 || x.Pos.Col < 1 {
			t.Errorf("bad position %s", x)
		}
	}
}

// TestParseComments checks the warning about text that a " #" silently
// turns into a comment, and that comments meant as comments are left
// alone.
func TestParseComments(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []found
	}{
		{"message cut short", "title: x\nmessage: Restarted the database # 2 of 3 nodes\n",
			[]found{{12, 33, "yaml-comment", `reads only "Restarted the database" and the rest is dropped; quote the value to keep it all, as in "Restarted the database # 2 of 3 nodes"`}}},
		{"in a list of updates", "updates:\n  - at: 2025-02-18T09:12:00+01:00\n    message: Ticket # 4411 is open\n",
			[]found{{13, 21, "yaml-comment", `reads only "Ticket"`}}},
		{"list item", "- Check é # then restart\n", []found{{11, 11, "yaml-comment", `reads only "Check é"`}}},
		{"comment after a single word", "severity: major   # or critical\n", nil},
		{"comment after a time", "resolved: 2025-02-18T09:40:00+01:00 # absent while open\n", nil},
		{"quoted value", "message: \"Ticket # 4411\" # note\n", nil},
		{"hash without a space after it", "message: Ticket #4411 is open\n", []found{{11, 17, "yaml-comment", `reads only "Ticket"`}}},
		{"one word, one space", "severity: major # or critical\n", []found{{11, 17, "yaml-comment", `reads only "major"`}}},
		{"hash inside a word", "message: ticket#4411 is open\n", nil},
		{"comment on its own line", "# the message\nmessage: Ticket 4411 is open\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, d := yamlx.Parse("f.yaml", []byte(tc.in), offset, 0)
			if n == nil {
				t.Fatalf("no node: a warning must not refuse the text:\n%s", dump(d))
			}
			if len(d) != len(tc.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(d), len(tc.want), dump(d))
			}
			for i, w := range tc.want {
				g := d[i]
				if g.Severity != diag.Warning || g.Pos.Line != w.Line || g.Pos.Col != w.Col || g.Rule != w.Rule || !strings.Contains(g.Message, w.Contains) {
					t.Errorf("diagnostic %d = %s [%s], want a warning at line %d col %d [%s] containing %q", i, g, g.Rule, w.Line, w.Col, w.Rule, w.Contains)
				}
			}
		})
	}
}

// TestParseDeceptiveEscapes checks that the characters refused as raw
// bytes are refused when YAML's escapes write them.
func TestParseDeceptiveEscapes(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     found
	}{
		{"right-to-left override", "title: \"Paid \\u202egpj.exe\"\n", found{11, 14, "encoding", "bidirectional control character U+202E, written as an escape; remove it"}},
		{"isolate in a list", "teams:\n  - ops\n  - \"\\u2066x\"\n", found{13, 6, "encoding", "U+2066"}},
		{"right-to-left mark", "title: \"\\u200F\"\n", found{11, 9, "encoding", "U+200F"}},
		{"arabic letter mark", "title: \"é\\x41\\\\\\u061C\"\n", found{11, 16, "encoding", "U+061C"}},
		{"terminal escape", "message: \"\\e[2J\"\n", found{11, 11, "encoding", "control character U+001B"}},
		{"C1 next line", "message: \"a\\Nb\"\n", found{11, 12, "encoding", "control character U+0085"}},
		{"carriage return", "message: \"a\\rb\"\n", found{11, 12, "encoding", "control character U+000D"}},
		{"null", "message: \"a\\0\"\n", found{11, 12, "encoding", "control character U+0000"}},
		{"line separator", "message: \"a\\Lb\"\n", found{11, 12, "encoding", "line separator U+2028"}},
		{"on a later line of the value", "message: \"first\n  \\u202e\"\n", found{11, 10, "encoding", "U+202E"}},
		{"in a key", "\"ti\\u202etle\": x\n", found{11, 4, "encoding", "U+202E"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, d := yamlx.Parse("f.yaml", []byte(tc.in), offset, 0)
			if n != nil {
				t.Errorf("got a node for refused input")
			}
			checkDiags(t, d, []found{tc.want})
		})
	}
	// Tabs and line feeds are text.
	if _, d := yamlx.Parse("f.yaml", []byte("message: \"a\\tb\\nc\"\nbody: |\n  one\n  two\n"), offset, 0); len(d) > 0 {
		t.Errorf("tab and line feed refused:\n%s", dump(d))
	}
}

// TestParseManyComments checks that warning about comments stays linear:
// a comment on each of 40,000 lines.
func TestParseManyComments(t *testing.T) {
	var b strings.Builder
	b.WriteString("list:\n")
	for range 40000 {
		b.WriteString("  - two words # cut\n")
	}
	start := time.Now()
	_, d := yamlx.Parse("f.yaml", []byte(b.String()), 0, 0)
	if len(d) != 40000 {
		t.Fatalf("%d warnings, want 40000", len(d))
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("took %v", el)
	}
}

package yamlx

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/incidentsite/incidentsite/internal/diag"
	"gopkg.in/yaml.v3"
)

// DefaultMaxDepth is the deepest nesting of mappings and lists that Parse
// accepts unless told otherwise. Site files need four or five levels.
const DefaultMaxDepth = 12

// Parse parses data, the YAML text of file that starts at line
// lineOffset+1 of that file, and returns its top node. An empty document
// gives a nil node and no diagnostics. maxDepth bounds the nesting; zero
// means DefaultMaxDepth.
func Parse(file string, data []byte, lineOffset, maxDepth int) (*yaml.Node, diag.List) {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	var diags diag.List
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		diags = append(diags, syntaxError(file, data, err, lineOffset))
		return nil, diags
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		// extra.Line is the line of the "---" that starts the second
		// document.
		diags.Errorf(diag.Position{File: file, Line: max(1, extra.Line) + lineOffset, Col: 1}, "yaml-syntax",
			"a second YAML document starts here; a file holds one document, so remove the \"---\" line")
		return nil, diags
	} else if !errors.Is(err, io.EOF) {
		diags = append(diags, syntaxError(file, data, err, lineOffset))
		return nil, diags
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	g := guard{file: file, data: data, offset: lineOffset, maxDepth: maxDepth}
	g.lastLine = 1 + bytes.Count(data, []byte("\n"))
	g.lastCol = len(data) - bytes.LastIndexByte(data, '\n')
	root := doc.Content[0]
	g.walk(root, 1)
	if g.diags.HasErrors() {
		return nil, g.diags
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" && root.Value == "" {
		return nil, g.diags // only a "---" line
	}
	return root, g.diags
}

type guard struct {
	file     string
	data     []byte
	starts   []int // where each line of data starts; see line
	offset   int
	maxDepth int
	diags    diag.List
	// lastLine and lastCol are where data ends.
	lastLine, lastCol int
}

// clamp moves a node that yaml.v3 places past the end of data (an empty
// value at the end of text without a final newline lands on the next
// line) to the end of data.
func (g *guard) clamp(n *yaml.Node) {
	if n.Line > g.lastLine {
		n.Line, n.Column = g.lastLine, g.lastCol
	}
}

func (g *guard) pos(n *yaml.Node) diag.Position {
	return diag.Position{File: g.file, Line: n.Line + g.offset, Col: n.Column}
}

// walk refuses anchors, aliases, explicit tags, merge keys, duplicate keys,
// nesting beyond maxDepth, and values that hold a character diag.Deceptive
// names. yaml.v3 does not guard alias expansion when
// decoding into a yaml.Node, so aliases must never get past this point.
func (g *guard) walk(n *yaml.Node, depth int) {
	g.clamp(n)
	if n.Anchor != "" {
		g.diags.Errorf(g.pos(n), "yaml-anchor", "YAML anchor &%s is not allowed; write the value out in full", n.Anchor)
	}
	if n.Kind == yaml.AliasNode {
		g.diags.Errorf(g.pos(n), "yaml-anchor", "YAML alias *%s is not allowed; write the value out in full", n.Value)
		return
	}
	if n.Style&yaml.TaggedStyle != 0 {
		g.diags.Errorf(g.pos(n), "yaml-tag", "YAML tag %s is not allowed; remove it (quote the value to make it text)", n.Tag)
	}
	if depth > g.maxDepth && (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) {
		g.diags.Errorf(g.pos(n), "yaml-depth", "nesting is deeper than %d levels; a site file never needs that much", g.maxDepth)
		return
	}
	if n.Kind == yaml.ScalarNode {
		g.comment(n)
		if i, r := diag.FirstDeceptive(n.Value); i >= 0 {
			// The file's bytes are checked before parsing: only an escape
			// ("\u202e", "\x1b") can bring such a character in.
			what, fix := diag.Deceptive(r)
			pos := g.pos(n)
			if n.Style == yaml.DoubleQuotedStyle {
				pos.Col = escapeColumn(g.line(n.Line), n.Column, utf8.RuneCountInString(n.Value[:i]))
			}
			g.diags.Errorf(pos, "encoding", "this value holds the %s %U, written as an escape; %s", what, r, fix)
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		// A map finds the keys seen before; a mapping of a few keys, as
		// most are, compares them instead of allocating one.
		var seen map[string]int
		if len(n.Content)/2 > smallMapping {
			seen = make(map[string]int, len(n.Content)/2)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			g.clamp(k)
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				g.diags.Errorf(g.pos(k), "yaml-anchor", "YAML merge key << is not allowed; write the keys out in full")
				continue
			}
			if k.Kind == yaml.ScalarNode {
				line, ok := 0, false
				if seen != nil {
					line, ok = seen[k.Value]
				} else {
					line, ok = earlierKey(n.Content[:i], k.Value, g.offset)
				}
				if ok {
					g.diags.Errorf(g.pos(k), "duplicate-key", "key %q is already set on line %d; remove one of them", k.Value, line)
				} else if seen != nil {
					seen[k.Value] = k.Line + g.offset
				}
			}
			g.walk(k, depth+1)
			g.walk(n.Content[i+1], depth+1)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			g.walk(c, depth+1)
		}
	}
}

// smallMapping is the most keys a mapping may have for walk to find
// duplicate keys by comparing each with those before it.
const smallMapping = 8

// earlierKey returns the line (plus offset) of the first key among the
// keys and values of a mapping in content that is plain text equal to
// key and no merge key, as walk's map records them.
func earlierKey(content []*yaml.Node, key string, offset int) (int, bool) {
	for i := 0; i+1 < len(content); i += 2 {
		if k := content[i]; k.Kind == yaml.ScalarNode && k.Tag != "!!merge" && k.Value == key {
			return k.Line + offset, true
		}
	}
	return 0, false
}

// comment warns about a plain scalar followed by a comment on its line
// that reads like text cut short: "message: Restarted the database # 2 of
// 3" reads as "Restarted the database", and the rest silently
// disappears. A value of several words, or a word of text with a single
// space before the "#" ("Ticket # 4411"), is taken as text cut short; a
// comment after a single word set off by more spaces ("severity: major
// # or critical"), or after a time or number, as meant.
func (g *guard) comment(n *yaml.Node) {
	if n.Style != 0 || n.LineComment == "" || strings.Contains(n.Value, "\n") {
		return
	}
	pos := g.pos(n)
	gap := 0
	if line := g.line(n.Line); line != nil {
		if i := bytes.LastIndex(line, []byte(n.LineComment)); i >= 0 {
			pos.Col = 1 + utf8.RuneCount(line[:i])
			gap = len(line[:i]) - len(bytes.TrimRight(line[:i], " \t"))
		}
	}
	if !strings.ContainsAny(n.Value, " \t") && (gap != 1 || n.Tag != "!!str") {
		return
	}
	g.diags.Warnf(pos, "yaml-comment",
		"\" #\" starts a YAML comment, so the value before it reads only %q and the rest is dropped; quote the value to keep it all, as in %q, or put the comment on a line of its own",
		n.Value, n.Value+" "+n.LineComment)
}

// escapeColumn returns the column of the escape that writes the
// character number target (from 0) of a double-quoted value whose opening
// quote stands at column col of line; col itself when the value does not
// reach that far on this line.
func escapeColumn(line []byte, col, target int) int {
	runes := []rune(string(line))
	if col < 1 || col > len(runes) {
		return col
	}
	for i, k := col, 0; i < len(runes); k++ { // runes[i] is at column i+1
		if k == target {
			return i + 1
		}
		switch {
		case runes[i] == '"':
			return col
		case runes[i] != '\\' || i+1 >= len(runes):
			i++
		case runes[i+1] == 'x':
			i += 4
		case runes[i+1] == 'u':
			i += 6
		case runes[i+1] == 'U':
			i += 10
		default:
			i += 2
		}
	}
	return col
}

// line returns line n (from 1) of the text, without its line ending, or
// nil. The lines' starts are found once: a file may hold a comment on
// every line.
func (g *guard) line(n int) []byte {
	if g.starts == nil {
		g.starts = []int{0}
		for i, b := range g.data {
			if b == '\n' {
				g.starts = append(g.starts, i+1)
			}
		}
	}
	if n < 1 || n > len(g.starts) {
		return nil
	}
	return lineOf(g.data[g.starts[n-1]:], 1)
}

// lineOf returns line n (from 1) of data, without its line ending, or nil.
func lineOf(data []byte, n int) []byte {
	for ; n > 1; n-- {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return nil
		}
		data = data[i+1:]
	}
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	return bytes.TrimSuffix(data, []byte("\r"))
}

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// hints turns yaml.v3's parser messages into advice.
var hints = [][2]string{
	{"mapping values are not allowed in this context", "; quote the value if it contains \": \", or check the indentation"},
	{"did not find expected key", "; check the indentation of this line and the one before"},
	{"found character that cannot start any token", "; quote the value (tabs and characters such as @ and ` cannot start plain YAML text)"},
	{"could not find expected ':'", "; a key needs \": \" after it, or the value needs quotes"},
	{"did not find expected '-' indicator", "; every item of a list needs the same indentation and a \"- \""},
	{"found unexpected end of stream", "; a quote or bracket is not closed"},
	{"did not find expected node content", "; a value is missing or a bracket is not closed"},
	{"found a tab character", "; indent with spaces, not tabs"},
	{"did not find expected ',' or ']'", "; a list in [brackets] is not closed, or an item needs quotes"},
	{"did not find expected ',' or '}'", "; a mapping in {braces} is not closed, or a value needs quotes"},
}

// parserProblems are the messages of yaml.v3's parser, as opposed to its
// scanner. yaml.v3 reports the line of a parser error counted from 0 (it
// adds 1 for scanner errors only), and leaves out a line 0.
var parserProblems = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found duplicate %YAML directive",
	"found duplicate %TAG directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// misplaced are the parts of yaml.v3's messages whose line is found
// again: a line that does not fit where it stands (its indentation, a
// tab), and a quote left open, which yaml.v3 reports at the end of the
// text (the shortest failing run of lines ends where the quote opens). A
// bracket left open is reported where yaml.v3 says, where it opens.
var misplaced = []string{
	"did not find expected '-' indicator",
	"did not find expected key",
	"mapping values are not allowed in this context",
	"could not find expected ':'",
	"tab character",
	"found unexpected end of stream",
}

// syntaxError turns an error of yaml.v3 into a diagnostic on the line
// that holds the problem. For a line that does not fit where it stands,
// yaml.v3 names the line where the enclosing collection starts (a
// mis-indented key in the third update is reported on the line of
// "updates:"'s first item), so the line is found again as the shortest
// run of leading lines of data that fails with the same message; the
// message's own line is the fallback, and the answer for a bracket left
// open.
func syntaxError(file string, data []byte, err error, offset int) diag.Diagnostic {
	msg, line := splitError(err)
	last := bytes.Count(data, []byte("\n"))
	if !bytes.HasSuffix(data, []byte("\n")) {
		last++
	}
	if slices.ContainsFunc(misplaced, func(m string) bool { return strings.Contains(msg, m) }) {
		if l := failingLine(data, msg, last); l > 0 {
			line = l
		}
	}
	line = max(1, min(line, last))
	col := 1
	if text := lineOf(data, line); text != nil {
		indent := bytes.TrimLeft(text, " ")
		if strings.Contains(msg, "tab character") {
			indent = bytes.TrimLeft(text, " \t")
			if i := bytes.IndexByte(text, '\t'); i >= 0 && i < len(text)-len(indent) {
				indent = text[i:]
			}
		}
		if len(indent) > 0 {
			col = 1 + utf8.RuneCount(text[:len(text)-len(indent)])
		}
	}
	for _, h := range hints {
		if strings.Contains(msg, h[0]) {
			msg += h[1]
			break
		}
	}
	return diag.Diagnostic{
		Pos:      diag.Position{File: file, Line: line + offset, Col: col},
		Severity: diag.Error,
		Rule:     "yaml-syntax",
		Message:  "YAML syntax error: " + msg,
	}
}

// splitError returns yaml.v3's message without its "yaml: line N: "
// prefix, and the line it names (1 when it names none).
func splitError(err error) (msg string, line int) {
	msg, line = err.Error(), 1
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		msg = m[2]
		if n, convErr := strconv.Atoi(m[1]); convErr == nil && n > 0 {
			line = n
			if slices.Contains(parserProblems, msg) {
				line++
			}
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return msg, line
}

// failingLine returns the smallest n such that the first n of data's
// lines fail to parse with msg, found by bisection (a few parses of the
// text, not one per line), or 0 when the lines before do not parse
// either.
func failingLine(data []byte, msg string, lines int) int {
	ends := make([]int, 0, lines) // ends[i]: the end of line i+1
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) < lines {
		ends = append(ends, len(data))
	}
	fails := func(n int) bool {
		return prefixError(data[:ends[n-1]]) == msg
	}
	lo, hi := 1, len(ends) // fails(hi) is the whole text
	if hi == 0 || !fails(hi) {
		return 0
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// prefixError returns the message of the first error parsing data, as
// Parse reads it (at most two documents), or "".
func prefixError(data []byte) string {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for range 2 {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return ""
			}
			msg, _ := splitError(err)
			return msg
		}
	}
	return ""
}

package markdown

import (
	"bytes"

	"github.com/incidentsite/incidentsite/internal/diag"
)

// Limits bounds the Markdown shapes on which goldmark's parsing grows
// faster than the input: deep nesting of lists and quotes, many link
// reference definitions, huge tables, many links in one paragraph. A
// conversion cannot be cancelled, so such input is refused before parsing.
type Limits struct {
	MaxNesting    int
	MaxLinkDefs   int
	MaxTableCells int
	// MaxLinks bounds the links ("](") of one paragraph: goldmark tries
	// each link that never closes against the rest of the paragraph, so
	// "[a](" repeated 40,000 times takes seconds. Zero means no limit.
	MaxLinks int
	// MaxBrackets bounds the "[" of one paragraph: brackets nested
	// 300,000 deep take seconds. Zero means no limit.
	MaxBrackets int
}

// DefaultLimits are far above what an incident report needs.
var DefaultLimits = Limits{MaxNesting: 16, MaxLinkDefs: 200, MaxTableCells: 5000, MaxLinks: 200, MaxBrackets: 2000}

// Check reports where body, which starts on line firstLine of file, goes
// beyond lim.
func Check(file string, body []byte, firstLine int, lim Limits) diag.List {
	var diags diag.List
	linkDefs, cells, links, brackets, width := 0, 0, 0, 0, 0
	line := firstLine
	for rest := body; len(rest) > 0; line++ {
		l := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if d := nesting(l); d > lim.MaxNesting {
			diags.Errorf(diag.Position{File: file, Line: line, Col: 1}, "markdown-limit",
				"lists or quotes are nested %d deep here, more than %d; flatten them", d, lim.MaxNesting)
			return diags
		}
		if isLinkDef(l) {
			if linkDefs++; linkDefs == lim.MaxLinkDefs+1 {
				diags.Errorf(diag.Position{File: file, Line: line, Col: 1}, "markdown-limit",
					"more than %d link reference definitions; write the links inline", lim.MaxLinkDefs)
				return diags
			}
		}
		blank := len(bytes.TrimSpace(l)) == 0
		if blank {
			links, brackets, width = 0, 0, 0 // a blank line ends a paragraph or a table
		}
		if links += bytes.Count(l, []byte("](")); lim.MaxLinks > 0 && links > lim.MaxLinks {
			diags.Errorf(diag.Position{File: file, Line: line, Col: 1}, "markdown-limit",
				"more than %d links in one paragraph; split it with blank lines", lim.MaxLinks)
			return diags
		}
		if brackets += bytes.Count(l, []byte("[")); lim.MaxBrackets > 0 && brackets > lim.MaxBrackets {
			diags.Errorf(diag.Position{File: file, Line: line, Col: 1}, "markdown-limit",
				"more than %d \"[\" in one paragraph; split it with blank lines", lim.MaxBrackets)
			return diags
		}
		// Every line of a table counts as wide as its widest line: goldmark
		// pads each row, even one written without "|", to the header's
		// columns, so 2,000 columns and 40,000 rows of "x" take seconds.
		if width = max(width, bytes.Count(l, []byte("|"))); width > 0 && !blank {
			if cells += width; cells > lim.MaxTableCells {
				diags.Errorf(diag.Position{File: file, Line: line, Col: 1}, "markdown-limit",
					"tables have more than %d cells; link to a file instead", lim.MaxTableCells)
				return diags
			}
		}
	}
	return diags
}

// nesting estimates how deep the start of a line nests quotes and lists:
// one level per ">" and per list marker, and one per three columns of
// indentation before them.
func nesting(l []byte) int {
	depth, indent := 0, 0
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case c == ' ':
			indent++
		case c == '\t':
			indent += 4
		case c == '>':
			depth++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			depth++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && (l[j+1] == ' ' || l[j+1] == '\t') {
				depth++
				i = j
				continue
			}
			return finish(depth, indent)
		default:
			return finish(depth, indent)
		}
	}
	return finish(depth, indent)
}

func finish(depth, indent int) int {
	if depth == 0 {
		return 0
	}
	return depth + indent/3
}

func isLinkDef(l []byte) bool {
	t := bytes.TrimLeft(l, " ")
	if len(l)-len(t) > 3 || len(t) < 4 || t[0] != '[' {
		return false
	}
	i := bytes.Index(t, []byte("]:"))
	return i > 1
}

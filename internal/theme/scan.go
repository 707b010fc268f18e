package theme

import (
	"strings"
	"unicode/utf8"

	"github.com/incidentsite/incidentsite/internal/diag"
)

// text/template/parse reports a syntax error only as text, with a line
// and no column, and leaves no node behind to point at. So the position of
// a syntax error comes from our own data: scanActions finds where each
// action {{…}} of a layout starts and ends, with a small scanner that
// knows what the template lexer knows about them (trim markers, comments,
// quoted and raw strings, character constants); syntaxError then lets the
// parser itself tell which action is the first that cannot parse (see
// there). The position reported is that action's line and column.

// action is one {{…}} of a layout.
type action struct {
	// start and end are the offsets of its "{{" and just past its "}}".
	start, end int
	// keyword is the action's first word when it is a keyword of the
	// template language (if, range, with, block, define, else, end…),
	// else "".
	keyword string
}

// opens reports whether the action starts a block that {{end}} closes.
func (a action) opens() bool {
	switch a.keyword {
	case "if", "range", "with", "block", "define":
		return true
	}
	return false
}

var keywords = map[string]bool{
	"block": true, "break": true, "continue": true, "define": true, "else": true,
	"end": true, "if": true, "range": true, "template": true, "with": true,
}

// scanError is a problem that stops the scan: an action, comment or
// quoted text that is never closed.
type scanError struct {
	offset int
	msg    string
}

// scanActions returns the actions of src in order, or the first one it
// cannot find the end of.
func scanActions(src string) ([]action, *scanError) {
	var actions []action
	for i := 0; ; {
		j := strings.Index(src[i:], "{{")
		if j < 0 {
			return actions, nil
		}
		start := i + j
		end, keyword, err := scanAction(src, start)
		if err != nil {
			return actions, err
		}
		actions = append(actions, action{start: start, end: end, keyword: keyword})
		i = end
	}
}

// scanAction reads the action that starts at src[start:], "{{", and
// returns the offset just past its "}}" and its keyword.
func scanAction(src string, start int) (end int, keyword string, err *scanError) {
	i := start + 2
	if hasLeftTrim(src[i:]) {
		i += 2
	}
	// A comment: {{/* … */}}, closed right after "*/".
	if strings.HasPrefix(src[i:], "/*") {
		c := strings.Index(src[i+2:], "*/")
		if c < 0 {
			return 0, "", &scanError{start, "this comment is never closed; end it with */}}"}
		}
		k := i + 2 + c + 2
		if hasRightTrim(src[k:]) {
			k += 2
		}
		if !strings.HasPrefix(src[k:], "}}") {
			return 0, "", &scanError{start, "this comment must end with */}}, with nothing between */ and }}"}
		}
		return k + 2, "", nil
	}
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	w := i
	for w < len(src) && isWordByte(src[w]) {
		w++
	}
	if keywords[src[i:w]] {
		keyword = src[i:w]
	}
	for i < len(src) {
		switch c := src[i]; {
		case strings.HasPrefix(src[i:], "}}"):
			return i + 2, keyword, nil
		case c == '"' || c == '\'':
			k := i + 1
			for ; k < len(src) && src[k] != c && src[k] != '\n'; k++ {
				if src[k] == '\\' {
					k++
				}
			}
			if k >= len(src) || src[k] != c {
				what := "quoted text"
				if c == '\'' {
					what = "character constant"
				}
				return 0, "", &scanError{i, "this " + what + " is never closed on its line; close it with " + string(c)}
			}
			i = k + 1
		case c == '`':
			k := strings.IndexByte(src[i+1:], '`')
			if k < 0 {
				return 0, "", &scanError{i, "this raw string is never closed; close it with `"}
			}
			i += 1 + k + 1
		default:
			i++
		}
	}
	return 0, "", &scanError{start, "this action is never closed; end it with }}"}
}

// hasLeftTrim and hasRightTrim report whether s starts with the trim
// marker of a left ("{{- ") or right (" -}}") delimiter, as the template
// lexer reads them: a dash and a space.
func hasLeftTrim(s string) bool  { return len(s) >= 2 && s[0] == '-' && isSpace(s[1]) }
func hasRightTrim(s string) bool { return len(s) >= 2 && isSpace(s[0]) && s[1] == '-' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// lines maps byte offsets of a file to lines and columns; a column counts
// characters, as editors do.
type lines struct {
	file   string
	src    string
	starts []int
}

func newLines(file, src string) *lines {
	l := &lines{file: file, src: src, starts: []int{0}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// pos returns the position of the byte at offset.
func (l *lines) pos(offset int) diag.Position {
	offset = max(0, min(offset, len(l.src)))
	n := 0
	for lo, hi := 0, len(l.starts); lo < hi; {
		m := (lo + hi) / 2
		if l.starts[m] <= offset {
			n, lo = m, m+1
		} else {
			hi = m
		}
	}
	return diag.Position{File: l.file, Line: n + 1, Col: utf8.RuneCountInString(l.src[l.starts[n]:offset]) + 1}
}

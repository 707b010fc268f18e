package source

import (
	"unicode/utf8"

	"github.com/incidentsite/incidentsite/internal/diag"
)

// maxTextProblems is how many encoding problems CheckText reports per
// file before it stops: one broken file should not bury the others.
const maxTextProblems = 5

// CheckText reports what makes data unfit as a site's text file: a byte
// order mark, bytes that are not UTF-8, control characters other than tab,
// line feed and carriage return (the latter only before a line feed), and
// the invisible characters that reorder text (U+202A to U+202E, U+2066 to
// U+2069) or break lines (U+2028, U+2029), which can make a file read
// differently from what it says.
func CheckText(file string, data []byte) diag.List {
	var diags diag.List
	line, col := 1, 1
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		diags.Errorf(diag.Position{File: file, Line: 1, Col: 1}, "encoding",
			"the file starts with a byte order mark; save it as UTF-8 without BOM")
		data = data[3:]
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		pos := diag.Position{File: file, Line: line, Col: col}
		switch {
		case r == utf8.RuneError && size <= 1:
			diags.Errorf(pos, "encoding", "byte 0x%02X is not UTF-8; save the file as UTF-8", data[i])
		case r == '\n':
			line, col = line+1, 0
		case r == '\r' && (i+1 == len(data) || data[i+1] != '\n'):
			// YAML would count it as a line break, and every position
			// after it would be off by a line.
			diags.Errorf(pos, "encoding", "a carriage return without a line feed is not a line ending; save the file with LF or CRLF line endings")
		case r == '\t' || r == '\r':
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0x9F):
			diags.Errorf(pos, "encoding", "control character %U is not allowed; remove it", r)
		case r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069:
			diags.Errorf(pos, "encoding", "invisible bidirectional control character %U is not allowed; remove it", r)
		case r == 0x2028 || r == 0x2029:
			diags.Errorf(pos, "encoding", "invisible line separator %U is not allowed; use a plain line break", r)
		}
		if len(diags) >= maxTextProblems {
			diags.Errorf(pos, "encoding", "more encoding problems follow; fix these first")
			break
		}
		i += size
		col++
	}
	return diags
}

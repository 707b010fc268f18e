package source

import (
	"unicode/utf8"

	"github.com/incidentsite/incidentsite/internal/diag"
)

// maxTextProblems is how many encoding problems CheckText reports per
// file before it stops: one broken file should not bury the others.
const maxTextProblems = 5

// CheckText reports what makes data unfit as a site's text file: a byte
// order mark, bytes that are not UTF-8, a carriage return other than
// before a line feed, and the characters that diag.Deceptive names
// (controls, the invisible characters that reorder text or break lines),
// which can make a file read differently from what it says. The same rule
// applies to values after YAML's escapes and to Markdown's character
// references.
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
		default:
			if what, fix := diag.Deceptive(r); what != "" {
				diags.Errorf(pos, "encoding", "%s %U is not allowed; %s", what, r, fix)
			}
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

package markdown

import (
	"bytes"
	"html"
	"strconv"
	"unicode/utf8"

	"github.com/incidentsite/incidentsite/internal/diag"
)

// CheckCharRefs reports the character references in text (&#x202E;,
// &#8238;, &rlm;) that Markdown would turn into a character diag.Deceptive
// names: refused as raw bytes, such a character must not come in written
// as a reference either. text starts at line and col of file; a line
// feed in it starts a new line at column 1.
//
// References are resolved as goldmark resolves them: numeric ones to the
// code point (0, surrogates and code points beyond Unicode become U+FFFD),
// named ones by the HTML5 table. They are checked everywhere, code spans
// and blocks included, where they stay as written: "&amp;#x202E;" writes
// one as text.
func CheckCharRefs(file string, text []byte, line, col int) diag.List {
	var diags diag.List
	lineStart := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			line, col, lineStart = line+1, 1, i+1
			continue
		case '&':
		default:
			continue
		}
		n, r := charRef(text[i:])
		if n == 0 {
			continue
		}
		if what, fix := diag.Deceptive(r); what != "" {
			c := col + utf8.RuneCount(text[lineStart:i])
			diags.Errorf(diag.Position{File: file, Line: line, Col: c}, "encoding",
				"character reference %s is the %s %U; %s", text[i:i+n], what, r, fix)
		}
		i += n - 1
	}
	return diags
}

// charRef returns the length of the character reference at the start of
// b and the character it stands for, or 0 when b starts with none. A
// named reference that stands for two characters gives the first.
func charRef(b []byte) (int, rune) {
	if len(b) < 3 || b[0] != '&' {
		return 0, 0
	}
	end := bytes.IndexByte(b[:min(len(b), 34)], ';')
	if end < 0 {
		return 0, 0
	}
	body := b[1:end]
	if body[0] == '#' {
		digits, base, maxLen := body[1:], 10, 7
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			digits, base, maxLen = digits[1:], 16, 6
		}
		if len(digits) == 0 || len(digits) > maxLen {
			return 0, 0
		}
		v, err := strconv.ParseUint(string(digits), base, 32)
		if err != nil {
			return 0, 0
		}
		r := rune(v)
		if v == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return end + 1, r
	}
	for _, c := range body {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return 0, 0
		}
	}
	s := html.UnescapeString(string(b[:end+1]))
	if s == string(b[:end+1]) {
		return 0, 0 // not a known name
	}
	r, _ := utf8.DecodeRuneInString(s)
	return end + 1, r
}

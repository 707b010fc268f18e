package diag

import (
	"fmt"
	"strings"
)

// Deceptive tells what r is when it is a character that can make text
// read differently from what it says, and what to do about it; what is ""
// for any other character. They are the control characters (C0, DEL and
// C1) other than tab and line feed, the invisible bidirectional controls
// that reorder text (U+202A to U+202E, U+2066 to U+2069, the marks
// U+200E, U+200F and U+061C), and the line and paragraph separators
// U+2028 and U+2029.
//
// It is the one rule for raw bytes in a file, for values after YAML's
// escapes, for Markdown's character references, and for what the text
// printer escapes.
func Deceptive(r rune) (what, fix string) {
	switch {
	case r == '\t' || r == '\n':
		return "", ""
	case r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0x9F):
		return "control character", "remove it"
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return "invisible bidirectional control character", "remove it"
	case r == 0x2028 || r == 0x2029:
		return "invisible line separator", "use a plain line break"
	}
	return "", ""
}

// FirstDeceptive returns the byte offset and the first character of s
// that Deceptive names, or -1.
func FirstDeceptive(s string) (int, rune) {
	for i, r := range s {
		if what, _ := Deceptive(r); what != "" {
			return i, r
		}
	}
	return -1, 0
}

// Escape returns s with every character that Deceptive names, and line
// feeds, written as a Go escape (\n, \u202e), so that a file name or a
// value printed in a message cannot reorder what a terminal shows, nor
// start a line of its own such as a fake "site is valid".
func Escape(s string) string {
	if !needsEscape(s, true) {
		return s
	}
	return escape(s, "")
}

// escapeMessage is Escape for a message, which may hold lines of its own
// (an internal error's stack): a line feed starts an indented
// continuation line, which cannot pass for a line of the output.
func escapeMessage(s string) string {
	if !needsEscape(s, false) && !strings.Contains(s, "\n") {
		return s
	}
	return strings.ReplaceAll(escape(s, "\n"), "\n", "\n\t")
}

func needsEscape(s string, newline bool) bool {
	for _, r := range s {
		if what, _ := Deceptive(r); what != "" || (newline && r == '\n') {
			return true
		}
	}
	return false
}

// escape writes the characters Deceptive names, and line feeds, as Go
// escapes, except those in keep.
func escape(s string, keep string) string {
	var b strings.Builder
	for _, r := range s {
		what, _ := Deceptive(r)
		switch {
		case strings.ContainsRune(keep, r):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case what != "":
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

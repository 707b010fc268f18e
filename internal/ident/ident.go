// Package ident defines the ids that name everything in a site (incidents,
// services, contacts, roles, categories) and makes them from titles.
package ident

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest id accepted; ids become file and folder names.
const MaxLen = 100

// Valid reports whether s is an id: 1 to MaxLen lowercase ASCII letters,
// digits and hyphens, not starting or ending with a hyphen. Such an id is
// safe as a file name on every system and in every URL.
func Valid(s string) bool {
	if len(s) == 0 || len(s) > MaxLen || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Rule describes Valid for messages.
const Rule = "lowercase letters a-z, digits and hyphens"

// Slug turns a title into an id: accents dropped, lowercase, runs of other
// characters turned into one hyphen, at most max bytes, cut at a hyphen.
func Slug(title string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	s := b.String()
	if max > 0 && len(s) > max {
		s = s[:max]
		if i := strings.LastIndexByte(s, '-'); i > max/2 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	return s
}

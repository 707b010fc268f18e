package diag

import (
	"fmt"
	"strings"
)

// DidYouMean returns `; did you mean "x"?` when one of options is close to
// got (a small edit distance, or the same letters in another case), and ""
// otherwise. It is meant to be appended to a message.
func DidYouMean(got string, options []string) string {
	if s := Suggest(got, options); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

// Suggest returns the option closest to got, when one is close enough to
// be a likely typo of it, and "" otherwise.
func Suggest(got string, options []string) string {
	best, bestDist := "", 0
	g := strings.ToLower(got)
	for _, o := range options {
		d := distance(g, strings.ToLower(o))
		if d == 0 && o != got {
			return o
		}
		limit := max(1, min(3, len(o)/3))
		if d <= limit && (best == "" || d < bestDist) {
			best, bestDist = o, d
		}
	}
	if best == got {
		return ""
	}
	return best
}

// distance is the Damerau-Levenshtein (optimal string alignment) distance
// between a and b, counted in bytes. Inputs longer than 64 bytes are not
// compared: no useful suggestion comes from them.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		if a == b {
			return 0
		}
		return 1 << 10
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// Hint returns DidYouMean(got, options) when it finds a close option, and
// "; " + otherwise when it does not: a message ends with one piece of
// advice, the most specific one.
func Hint(got string, options []string, otherwise string) string {
	if h := DidYouMean(got, options); h != "" {
		return h
	}
	return "; " + otherwise
}

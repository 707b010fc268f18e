package ident_test

import (
	"strings"
	"testing"

	"github.com/incidentsite/incidentsite/internal/ident"
)

func TestValid(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"a", true},
		{"2025-02-18-assetexplorer-down", true},
		{"an-janssens", true},
		{"a--b", true},
		{"0", true},
		{strings.Repeat("a", ident.MaxLen), true},
		{strings.Repeat("a", ident.MaxLen+1), false},
		{"", false},
		{"-a", false},
		{"a-", false},
		{"-", false},
		{"A", false},
		{"a_b", false},
		{"a.b", false},
		{"a b", false},
		{"a/b", false},
		{"..", false},
		{"café", false},
		{"a\x00", false},
	} {
		if got := ident.Valid(tc.in); got != tc.want {
			t.Errorf("Valid(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestSlug(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"AssetExplorer is unavailable", 0, "assetexplorer-is-unavailable"},
		{"  Database upgrade: v14 → v16!  ", 0, "database-upgrade-v14-v16"},
		{"Beschikbaarheid één café naïef Ærø", 0, "beschikbaarheid-een-cafe-naief-r"},
		{"Straße", 0, "stra-e"},
		{"ﬁle Ⅳ", 0, "file-iv"}, // compatibility forms decompose
		{"日本語", 0, ""},
		{"", 0, ""},
		{"---", 0, ""},
		{"a_b.c", 0, "a-b-c"},
		// Cut at a hyphen in the second half, else in the middle of a word.
		{"the quick brown fox", 12, "the-quick"},
		{"the quick brown fox", 10, "the-quick"},
		{"the quick brown fox", 9, "the-quick"},
		{"the quick brown fox", 4, "the"},
		{"abcdefghij klm", 5, "abcde"},
		{"ab cdefghijklm", 8, "ab-cdefg"},
		{"a b", 2, "a"},
	} {
		got := ident.Slug(tc.in, tc.max)
		if got != tc.want {
			t.Errorf("Slug(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
		if got != "" && !ident.Valid(got) {
			t.Errorf("Slug(%q, %d) = %q is not a valid id", tc.in, tc.max, got)
		}
		if tc.max > 0 && len(got) > tc.max {
			t.Errorf("Slug(%q, %d) = %q is too long", tc.in, tc.max, got)
		}
	}
	long := strings.Repeat("incident ", 30)
	if got := ident.Slug(long, ident.MaxLen); !ident.Valid(got) || len(got) > ident.MaxLen || !strings.HasSuffix(got, "incident") {
		t.Errorf("Slug of a long title = %q", got)
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"AssetExplorer is unavailable", "één café", "a-", "", "ﬁ Ⅳ ß"} {
		f.Add(s, 20)
	}
	f.Fuzz(func(t *testing.T, title string, max int) {
		max = max % 200
		got := ident.Slug(title, max)
		if got != "" && !ident.Valid(got) && len(got) <= ident.MaxLen {
			t.Errorf("Slug(%q, %d) = %q is not a valid id", title, max, got)
		}
		if max > 0 && len(got) > max {
			t.Errorf("Slug(%q, %d) = %q is longer than %d", title, max, got, max)
		}
	})
}

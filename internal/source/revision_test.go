package source_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/incidentsite/incidentsite/internal/source"
)

func TestCheckRevision(t *testing.T) {
	for _, tc := range []struct {
		rev  string
		want string // a part of the error, "" when accepted
	}{
		{rev: "HEAD"},
		{rev: "main"},
		{rev: "origin/main"},
		{rev: "refs/tags/v1.0"},
		{rev: "v1.0-rc1"},
		{rev: "HEAD~1"},
		{rev: "main^2"},
		{rev: "HEAD~^"},
		{rev: "0123abcd"},
		{rev: "0123abcd4567890123abcd4567890123abcd4567"},
		{rev: "feature/incident-2025_02"},
		{rev: "fix-été"},
		{rev: "", want: "empty"},
		{rev: strings.Repeat("a", 256), want: "longer than 255"},
		{rev: "-h", want: "would read as an option"},
		{rev: "--output=/etc/passwd", want: "would read as an option"},
		{rev: "main..HEAD", want: "is a range"},
		{rev: "main...HEAD", want: "is a range"},
		{rev: "../secret", want: "is a range"},
		{rev: "main@{1}", want: "reflog"},
		{rev: "@{upstream}", want: "reflog"},
		{rev: "HEAD^{/fix}", want: `holds '{'`},
		{rev: "HEAD:content/x.md", want: `holds ':'`},
		{rev: "feat*", want: `holds '*'`},
		{rev: "feat?", want: `holds '?'`},
		{rev: "feat[1]", want: `holds '['`},
		{rev: `feat\x`, want: `holds '\\'`},
		{rev: "my branch", want: "space"},
		{rev: "main\n", want: "space"},
		{rev: "main\x00", want: "control"},
		{rev: "main\x1b[2J", want: "control"},
		{rev: "main\u202e", want: "invisible"},
		{rev: "main/", want: "no final"},
		{rev: "a//b", want: "no empty part"},
		{rev: ".hidden", want: "starting with"},
		{rev: "a/.hidden", want: "starting with"},
		{rev: "main.", want: "no final"},
		{rev: "main.lock", want: ".lock"},
		{rev: "\xff", want: "UTF-8"},
	} {
		t.Run(tc.rev, func(t *testing.T) {
			err := source.CheckRevision(tc.rev)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("CheckRevision(%q) = %v, want nil", tc.rev, err)
			case tc.want != "" && err == nil:
				t.Fatalf("CheckRevision(%q) = nil, want an error with %q", tc.rev, tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Fatalf("CheckRevision(%q) = %v, want an error with %q", tc.rev, err, tc.want)
			case err != nil && !errors.Is(err, source.ErrBadRevision):
				t.Fatalf("CheckRevision(%q) = %v, not ErrBadRevision", tc.rev, err)
			}
		})
	}
}

// FuzzCheckRevision checks that whatever CheckRevision accepts cannot be
// read as an option or a range, and holds no control character or space.
func FuzzCheckRevision(f *testing.F) {
	for _, s := range []string{"HEAD~1", "main", "-x", "a..b", "a b", "HEAD^{/x}", "origin/main"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, rev string) {
		if source.CheckRevision(rev) != nil {
			return
		}
		if rev == "" || strings.HasPrefix(rev, "-") || strings.Contains(rev, "..") || strings.ContainsAny(rev, " \t\r\n\x00:{}") {
			t.Fatalf("CheckRevision accepted %q", rev)
		}
	})
}

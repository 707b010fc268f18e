package theme

import (
	"io/fs"
	"strings"
	"testing"
)

// FuzzLayout: any layout is either parsed or refused with an error at a
// line and column inside it; the check never panics.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{"{{define \"a\"}}{{if .X}}x{{else}}y{{end}}{{end}}", "{{/* c */}}{{`}}`}}", "{{\"a\\\"}}\"}}", "{{- .X -}}"} {
		f.Add(s)
	}
	_ = fs.WalkDir(embedded, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			data, _ := fs.ReadFile(embedded, p)
			f.Add(string(data))
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, src string) {
		l, diags := parseLayout(&File{Path: "layouts/partials/x.html", Data: []byte(src)})
		_, err := parseTrees("layouts/partials/x.html", src)
		if (err != nil) != (l == nil) || (l == nil) != diags.HasErrors() {
			t.Fatalf("parse error %v, but layout %v and diagnostics %v", err, l != nil, diags)
		}
		lines := strings.Count(src, "\n") + 1
		for _, d := range diags {
			if d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col < 1 {
				t.Errorf("%v: position outside the layout of %d lines", d, lines)
			}
		}
	})
}

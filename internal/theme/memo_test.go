package theme

import (
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/incidentsite/incidentsite/internal/testutil"
)

// TestMemo: a Memo gives the theme of the Load before while the site's
// files and the options are the same, and builds anew when a layout, a
// UI string, a static file or an option changes, or when reading
// reported anything; each Load equals a Load without the Memo.
func TestMemo(t *testing.T) {
	fsys := testutil.SiteFS(`
-- layouts/status.html --
{{define "content"}}mine{{end}}
-- layouts/i18n/en.yaml --
mine.key: Mine {{bad
-- static/style.css --
body {}
`)
	var m Memo
	var before *Theme
	for _, step := range []struct {
		name   string
		change func()
		opts   Options
		same   bool
	}{
		{name: "first", opts: langs("en")},
		{name: "nothing changed", opts: langs("en"), same: true},
		{name: "a layout", change: func() {
			fsys["layouts/status.html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}yours{{end}}`)}
		}, opts: langs("en")},
		{name: "a UI string", change: func() {
			fsys["layouts/i18n/en.yaml"] = &fstest.MapFile{Data: []byte("mine.key: Mine\n")}
		}, opts: langs("en")},
		{name: "a static file", change: func() {
			fsys["static/logo.svg"] = &fstest.MapFile{Data: []byte("<svg/>")}
		}, opts: langs("en")},
		{name: "another language", opts: langs("en", "nl")},
		{name: "the same again", opts: langs("en", "nl"), same: true},
		{name: "a file that cannot be read", change: func() {
			fsys["layouts/partials/link.html"] = &fstest.MapFile{Mode: 0o777 | 1<<27} // a symbolic link
		}, opts: langs("en", "nl")},
		{name: "still unreadable: built anew", opts: langs("en", "nl")},
	} {
		if step.change != nil {
			step.change()
		}
		got, gotDiags := m.Load(fsys, step.opts)
		want, wantDiags := Load(fsys, step.opts)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s: the memo's theme or diagnostics differ from a Load without it", step.name)
		}
		if step.name == "a file that cannot be read" && !wantDiags.HasErrors() {
			t.Fatalf("%s: no error: %v", step.name, wantDiags)
		}
		if (got == before) != step.same {
			t.Errorf("%s: the theme of the Load before given %v, want %v", step.name, got == before, step.same)
		}
		before = got
	}
}

package theme

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"testing"
)

// TestExecErrorInnermost: a layout that calls a method executing a
// partial itself (as a register row's HTML does) fails where the partial
// fails, and the message names the partial's file, line and column, the
// site's own file when it overrides the built-in one.
func TestExecErrorInnermost(t *testing.T) {
	th, diags := load(t, `
-- layouts/logbook/partials/register-row.html --
{{define "register-row"}}
<tr><td>{{index .Services 5}}</td></tr>{{end}}
`, langs("en"))
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	row := template.Must(template.New("layouts/logbook/partials/register-row.html").Parse(string(th.File("layouts/logbook/partials/register-row.html").Data)))
	outer := template.Must(template.New("layouts/logbook/register.html").Funcs(template.FuncMap{
		"rowHTML": func(v any) (template.HTML, error) {
			var b strings.Builder
			err := row.ExecuteTemplate(&b, "register-row", v)
			return template.HTML(b.String()), err
		},
	}).Parse("<table>\n{{rowHTML .}}</table>"))
	err := outer.Execute(&bytes.Buffer{}, map[string]any{"Services": []string{"api"}})
	if err == nil {
		t.Fatal("no error")
	}
	got := th.ExecError("the logbook's index.html", err).Error()
	want := `layouts/logbook/partials/register-row.html:2:11: executing "register-row" at <index .Services 5>: error calling index: index out of range: 5 (writing the logbook's index.html); fix the layout, or remove it to use the built-in one`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// Without the walk to the innermost error, the outer layout was named.
	if !strings.Contains(err.Error(), "layouts/logbook/register.html:2:") {
		t.Errorf("the outer error %q does not name the outer layout: the test proves nothing", err)
	}
	if errors.Unwrap(err) == nil {
		t.Error("text/template no longer wraps the method's error")
	}
}

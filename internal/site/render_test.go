package site

import (
	"html/template"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/theme"
)

// TestRenderPanicIsAnError: a bug of the renderer's (here: a view
// without languages, which the front half never makes) ends in an error
// that says so, not in a crash.
func TestRenderPanicIsAnError(t *testing.T) {
	th, _ := theme.Load(fstest.MapFS{}, theme.Options{})
	err := Render(&public.View{}, th, &memOut{})
	if err == nil || !strings.Contains(err.Error(), "internal error") || !strings.Contains(err.Error(), "please report it") {
		t.Fatalf("err = %v, want an internal error", err)
	}
}

// TestLayoutErrorIsPositioned: an error executing a site's layout names
// the layout's file, line and column and the page being written; a panic
// in a function or method the layout calls is an internal error, at the
// same place.
func TestLayoutErrorIsPositioned(t *testing.T) {
	p := project.New(testutil.SiteFS(`
-- incidentsite.yaml --
title: Test
base_url: https://status.example.org/
languages: [en, nl]
services:
  - {id: web, name: Website}
-- layouts/status.html --
{{define "content"}}
  <p>{{.Now.In nil}}</p>{{end}}
`), nil, time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC))
	p.Check()
	if p.Model == nil {
		t.Fatal(p.Diags)
	}
	v, th := projection.Public(p.Model), p.Theme
	err := Render(v, th, &memOut{})
	want := `layouts/status.html:2:12: executing "content" at <.Now.In>: error calling In: time: missing Location in call to Time.In (writing index.html); fix the layout, or remove it to use the built-in one`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}

	// A runtime error in a function: text/template recovers the panic.
	tmpl := template.Must(template.New("layouts/partials/parts.html").Funcs(template.FuncMap{
		"boom": func() string { var m map[string]*int; return strings.Repeat("x", *m["x"]) },
	}).Parse("\n\n   {{boom}}"))
	err = th.ExecError("nl/index.html", tmpl.Execute(io.Discard, nil))
	if err == nil || !strings.HasPrefix(err.Error(), "layouts/partials/parts.html (built in):3:6: internal error while writing nl/index.html: executing") ||
		!strings.HasSuffix(err.Error(), "please report it") {
		t.Errorf("err = %v, want an internal error at layouts/partials/parts.html (built in):3:6", err)
	}
}

// TestRendererHoldsNoFileSystem: the renderer receives the projection and
// the theme, and holds nothing through which it could open a file of the
// repository: no interface, function or channel anywhere in its type but
// its output, a Writer, which it can only put files into, and the first
// error the output returned.
func TestRendererHoldsNoFileSystem(t *testing.T) {
	writer := reflect.TypeFor[Writer]()
	if writer.NumMethod() != 1 || writer.Method(0).Name != "Put" {
		t.Fatalf("Writer has methods beyond Put: %v", writer)
	}
	seen := map[reflect.Type]bool{}
	var check func(typ reflect.Type, where string)
	check = func(typ reflect.Type, where string) {
		if seen[typ] || where == "renderer.out" && typ == writer || where == "renderer.err" && typ == reflect.TypeFor[error]() {
			return
		}
		seen[typ] = true
		switch typ.Kind() {
		case reflect.Interface, reflect.Func, reflect.Chan, reflect.UnsafePointer:
			t.Errorf("%s is a %s", where, typ)
		case reflect.Pointer, reflect.Slice, reflect.Array:
			check(typ.Elem(), where)
		case reflect.Map:
			check(typ.Key(), where)
			check(typ.Elem(), where)
		case reflect.Struct:
			for i := range typ.NumField() {
				check(typ.Field(i).Type, where+"."+typ.Field(i).Name)
			}
		}
	}
	check(reflect.TypeFor[renderer](), "renderer")
}

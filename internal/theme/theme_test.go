package theme

import (
	"errors"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// langs returns the options of a site in codes, each declared at line 1
// of incidentsite.yaml, in the column of its index.
func langs(codes ...string) Options {
	var opts Options
	for i, c := range codes {
		opts.Languages = append(opts.Languages, Language{Code: c, Pos: diag.Position{File: "incidentsite.yaml", Line: 1, Col: 12 + 4*i}})
	}
	return opts
}

func load(t *testing.T, archive string, opts Options) (*Theme, []string) {
	t.Helper()
	th, diags := Load(testutil.SiteFS(archive), opts)
	var got []string
	for _, d := range diags.Dedupe() {
		got = append(got, d.String())
	}
	return th, got
}

// TestBuiltin: the built-in files load and check clean in the built-in
// languages, so that every site starts without a diagnostic.
func TestBuiltin(t *testing.T) {
	th, got := load(t, "", langs("en", "nl"))
	if len(got) > 0 {
		t.Fatalf("the built-in theme has problems:\n%s", strings.Join(got, "\n"))
	}
	if got, want := th.Pages(Public), []string{"404.html", "history.html", "incident.html", "service.html", "status.html"}; !slices.Equal(got, want) {
		t.Errorf("public pages = %v, want %v", got, want)
	}
	if f := th.layouts[Public]["base.html"]; f == nil || f.Origin() != "layouts/base.html (built in)" {
		t.Errorf("base.html: %+v", f)
	}
	if got, want := th.Pages(Logbook), []string{"actions.html", "breaches.html", "compliance.html", "contacts.html", "deadlines.html", "exercises.html", "incident.html", "maintenance-list.html", "maintenance.html", "metrics.html", "register.html"}; !slices.Equal(got, want) {
		t.Errorf("logbook pages = %v, want %v", got, want)
	}
}

// TestPrecedence: a site's file replaces the built-in file of the same
// path, and a new path adds a file; UI strings merge key by key.
func TestPrecedence(t *testing.T) {
	th, got := load(t, `
-- layouts/status.html --
{{define "content"}}mine{{end}}
-- layouts/partials/mine.html --
{{define "mine"}}{{t "site.history"}}{{end}}
-- layouts/i18n/nl.yaml --
site.history: Archief
-- layouts/i18n/en.yaml --
mine.key: Mine
-- static/style.css --
body {}
-- static/logo.svg --
<svg/>
-- static/.well-known/security.txt --
Contact: mailto:security@example.org
-- static/.hidden --
no
`, langs("en", "nl"))
	if len(got) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(got, "\n"))
	}
	for _, tc := range []struct {
		name, origin, data string
	}{
		{"status.html", "layouts/status.html", `{{define "content"}}mine{{end}}`},
		{"incident.html", "layouts/incident.html (built in)", ""},
		{"partials/mine.html", "layouts/partials/mine.html", `{{define "mine"}}`},
		{"partials/parts.html", "layouts/partials/parts.html (built in)", ""},
	} {
		f := th.layouts[Public][tc.name]
		if f == nil || f.Origin() != tc.origin || !strings.Contains(string(f.Data), tc.data) {
			t.Errorf("%s: got %+v, want origin %s", tc.name, f, tc.origin)
		}
	}
	var static []string
	for _, f := range th.Static() {
		static = append(static, f.Origin())
	}
	if want := []string{"static/.well-known/security.txt", "static/favicon.svg (built in)", "static/logo.svg", "static/style.css"}; !slices.Equal(static, want) {
		t.Errorf("static = %v, want %v", static, want)
	}
	nl := th.Strings("nl")
	if nl["site.history"] != "Archief" || nl["site.services"] != "Diensten" || nl["mine.key"] != "Mine" {
		t.Errorf("nl strings: history %q, services %q, mine.key %q; want the site's, then the built-in ones, then the site's English", nl["site.history"], nl["site.services"], nl["mine.key"])
	}
	if en := th.Strings("en"); en["site.history"] != "History" {
		t.Errorf("en: history %q", en["site.history"])
	}
}

// TestNamespaces: layouts/logbook/ is the logbook's, not a folder of the
// public site's; each namespace finds its own base.html and partials.
func TestNamespaces(t *testing.T) {
	th, got := load(t, `
-- layouts/logbook/base.html --
{{define "base"}}<main>{{template "content" .}}</main>{{end}}
-- layouts/logbook/partials/rows.html --
{{define "rows"}}{{range .}}<tr></tr>{{end}}{{end}}
-- layouts/logbook/register.html --
{{define "content"}}{{template "rows" .Incidents}}{{end}}
-- layouts/extra/x.html --
x
-- layouts/notes.txt --
x
-- layouts/i18n/README.md --
x
`, langs("en"))
	want := []string{
		"layouts/extra/x.html:1:1: warning: ignored: a layout is layouts/NAME.html or layouts/partials/NAME.html (the logbook's: layouts/logbook/NAME.html, layouts/logbook/partials/NAME.html)",
		"layouts/i18n/README.md:1:1: warning: ignored: layouts/i18n/ holds one file per language, named LANG.yaml (en.yaml)",
		"layouts/notes.txt:1:1: warning: ignored: a layout is layouts/NAME.html or layouts/partials/NAME.html (the logbook's: layouts/logbook/NAME.html, layouts/logbook/partials/NAME.html)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := th.Pages(Logbook); !slices.Equal(got, []string{"actions.html", "breaches.html", "compliance.html", "contacts.html", "deadlines.html", "exercises.html", "incident.html", "maintenance-list.html", "maintenance.html", "metrics.html", "register.html"}) {
		t.Errorf("logbook pages = %v", got)
	}
	if f := th.layouts[Logbook]["base.html"]; f == nil || f.Origin() != "layouts/logbook/base.html" {
		t.Errorf("logbook base: %+v", f)
	}
	if f := th.layouts[Public]["base.html"]; f == nil || !f.Builtin {
		t.Errorf("the public base must stay the built-in one: %+v", f)
	}
	if slices.Contains(th.Pages(Public), "register.html") || th.layouts[Public]["logbook/register.html"] != nil {
		t.Error("the logbook's layout is a public one")
	}
	if th.File("layouts/logbook/partials/rows.html") != th.layouts[Logbook]["partials/rows.html"] {
		t.Error("File does not find the logbook's partial by its path")
	}
	stub := func(...any) string { return "" }
	funcs := map[string]any{}
	for _, name := range Logbook.Funcs {
		funcs[name] = stub
	}
	sets, err := th.Templates(Logbook, funcs)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := sets["register.html"].ExecuteTemplate(&b, Logbook.Base, map[string]any{"Incidents": []int{1, 2}}); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "<main><tr></tr><tr></tr></main>"; got != want {
		t.Errorf("logbook page = %q, want %q", got, want)
	}
}

// TestCheck: each check of the layouts and strings, positioned.
func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name, files string
		langs       []string
		want        []string
	}{
		{
			name:  "syntax in an action",
			files: "-- layouts/status.html --\n{{define \"content\"}}\n<p>\n  {{if .X}}{{printf \"%s\" .Y )}}{{end}}\n{{end}}\n",
			want:  []string{`layouts/status.html:3:12: unexpected right paren; fix the layout, or remove it to use the built-in one`},
		},
		{
			name:  "unexpected end",
			files: "-- layouts/partials/mine.html --\n{{define \"a\"}}x{{end}}\n{{end}}\n",
			want:  []string{`layouts/partials/mine.html:2:1: unexpected {{end}}; fix the layout`},
		},
		{
			name:  "block never closed",
			files: "-- layouts/partials/mine.html --\n{{define \"a\"}}\n  {{range .}}x\n{{end}}\n",
			want:  []string{`layouts/partials/mine.html:1:1: this {{define}} is never closed; close it with {{end}}; fix the layout`},
		},
		{
			name:  "else outside a block",
			files: "-- layouts/partials/mine.html --\n{{define \"a\"}}{{end}}{{else}}\n",
			want:  []string{`layouts/partials/mine.html:1:22: unexpected {{else}}; fix the layout`},
		},
		{
			name:  "undefined variable",
			files: "-- layouts/partials/mine.html --\n{{define \"a\"}}{{with $x := .}}{{end}}\n{{$x}}{{end}}\n",
			want:  []string{`layouts/partials/mine.html:2:1: undefined variable "$x"; fix the layout`},
		},
		{
			name:  "quoted text not closed",
			files: "-- layouts/partials/mine.html --\n{{define \"a\"}}é {{t \"site.history}}\n{{end}}\n",
			want:  []string{`layouts/partials/mine.html:1:21: this quoted text is never closed on its line; close it with "; fix the layout`},
		},
		{
			name:  "action not closed",
			files: "-- layouts/partials/mine.html --\n{{define \"a\"}}{{.X}\n{{end}}\n",
			// The action runs to the }} of {{end}}; the parser
			// stops at the lone "}" in it.
			want: []string{`layouts/partials/mine.html:1:15: bad character U+007D '}'; fix the layout`},
		},
		{
			name:  "action never closed",
			files: "-- layouts/partials/mine.html --\n{{define \"a\"}}{{end}}{{.X\n",
			want:  []string{`layouts/partials/mine.html:1:22: this action is never closed; end it with }}; fix the layout`},
		},
		{
			name:  "comment and raw string are skipped",
			files: "-- layouts/partials/mine.html --\n{{/* a }} comment */}}{{define \"a\"}}{{printf `}}\n{{` .}}{{.X )}}{{end}}\n",
			want:  []string{`layouts/partials/mine.html:2:8: unexpected right paren; fix the layout`},
		},
		{
			name:  "unknown function",
			files: "-- layouts/partials/mine.html --\n{{define \"a\"}}{{dateTim .At}}{{end}}\n",
			want:  []string{`layouts/partials/mine.html:1:17: function "dateTim" is not defined; a layout may call t, text, date, dateTime, iso, md and text/template's own; did you mean "dateTime"?`},
		},
		{
			name:  "template defined nowhere",
			files: "-- layouts/status.html --\n{{define \"content\"}}\n{{template \"dott\" .}}{{end}}\n",
			want:  []string{`layouts/status.html:2:12: template "dott" is defined in no layout of the public site; did you mean "dot"?; define it with {{define "dott"}} in a partial (layouts/partials/NAME.html), or correct the name`},
		},
		{
			name:  "template defined for another page only",
			files: "-- layouts/status.html --\n{{define \"content\"}}{{template \"mine\"}}{{end}}\n{{define \"mine\"}}x{{end}}\n-- layouts/404.html --\n{{define \"content\"}}{{template \"mine\"}}{{end}}\n",
			want:  []string{`layouts/404.html:1:32: template "mine" is not defined for the page layout layouts/404.html, which reaches this call; define it there or in a partial`},
		},
		{
			name:  "an attribute left open",
			files: "-- layouts/status.html --\n{{define \"content\"}}\n<a href=\"{{.Home}}>home</a>{{end}}\n",
			// html/template finds the quote left open in the built-in
			// base.html, which continues in the context it left.
			want: []string{`layouts/base.html (built in):1:1: ends in a non-text context: {stateURL delimDoubleQuote urlPartPreQuery jsCtxRegexp [] attrURL elementNone <nil>} (html/template); a layout of the site called before this point leaves a tag, attribute or quote open: check layouts/status.html`},
		},
		{
			name:  "a shared part of the frame left open",
			files: "-- layouts/partials/frame.html --\n{{define \"base-head\"}}{{end}}{{define \"base-top\"}}{{end}}{{define \"base-foot\"}}\n<footer><a href=\"{{.Home}}>home</a></footer>{{end}}\n",
			// The public site renders base-foot on its own, once for
			// the pages that share it (.Frame.Shared.Render): it is
			// checked on its own.
			want: []string{`layouts/partials/frame.html:1:1: ends in a non-text context: {stateURL delimDoubleQuote urlPartPreQuery jsCtxRegexp [] attrURL elementNone <nil>} (html/template); fix the layout, or remove it to use the built-in one`},
		},
		{
			name:  "branches that end in different contexts",
			files: "-- layouts/partials/mine.html --\n{{define \"mine\"}}\n{{if .X}}<a href=\"{{else}}<b>{{end}}x{{end}}\n-- layouts/status.html --\n{{define \"content\"}}{{template \"mine\" .}}{{end}}\n",
			want:  []string{`layouts/partials/mine.html:2:6: {{if}} branches end in different contexts: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp [] attrURL elementNone <nil>}, {stateText delimNone urlPartNone jsCtxRegexp [] attrNone elementNone <nil>} (html/template); fix the layout`},
		},
		{
			name:  "a template defined in two partials",
			files: "-- layouts/partials/mine.html --\n{{define \"time\"}}<time>{{.}}</time>{{end}}\n",
			want:  []string{`layouts/partials/mine.html:1:18: warning: template "time" is also defined in layouts/partials/parts.html (built in), which is read after this file and replaces this definition; rename one of them`},
		},
		{
			name:  "a page fills a block of the base",
			files: "-- layouts/base.html --\n{{define \"base\"}}{{block \"content\" .}}none{{end}}{{end}}\n-- layouts/status.html --\n{{define \"content\"}}status{{end}}\n",
		},
		{
			name:  "a site's own partial",
			files: "-- layouts/partials/mine.html --\n{{define \"mine\"}}<p>{{t \"site.history\"}}</p>{{end}}\n-- layouts/status.html --\n{{define \"content\"}}{{template \"mine\" .}}{{end}}\n",
		},
		{
			name:  "key missing from a language",
			files: "-- layouts/i18n/en.yaml --\nmine.key: Mine\n-- layouts/i18n/de.yaml --\nsite.history: Geschichte\n-- layouts/partials/mine.html --\n{{define \"mine\"}}{{t \"site.history\"}} {{t \"site.services\"}} {{t \"mine.key\"}}{{end}}\n",
			langs: []string{"en", "de"},
			want: []string{
				// The built-in layouts' keys are reported together.
				"re:^" + regexp.QuoteMeta("layouts/i18n/de.yaml:1:1: warning: lacks ") + `\d+` + regexp.QuoteMeta(" UI strings that the built-in layouts use, so pages in de show them in English: incident.affected, ") +
					".*" + regexp.QuoteMeta("logbook.register, ") + ".*" + regexp.QuoteMeta("site.updated, skip, status.degraded_performance, status.major_outage, status.partial_outage") + "$",
				`layouts/partials/mine.html:1:43: warning: UI string "site.services" is missing from layouts/i18n/de.yaml, so pages in de show the English text; add it to layouts/i18n/de.yaml`,
				// The site's English stands in, as the built-in English does.
				`layouts/partials/mine.html:1:65: warning: UI string "mine.key" is missing from layouts/i18n/de.yaml, so pages in de show the English text; add it to layouts/i18n/de.yaml`,
			},
		},
		{
			name:  "key defined nowhere",
			files: "-- layouts/partials/mine.html --\n{{define \"mine\"}}{{t \"site.histroy\"}}{{end}}\n",
			langs: []string{"en"},
			want: []string{
				`layouts/partials/mine.html:1:22: UI string "site.histroy" is not defined for en, so its pages would show the key itself: add it to layouts/i18n/en.yaml; did you mean "site.history"?`,
			},
		},
		{
			name:  "language without strings",
			langs: []string{"en", "fr"},
			want: []string{
				`incidentsite.yaml:1:16: language "fr" has no UI strings, so its pages would be in English marked lang="fr": add layouts/i18n/fr.yaml, translating the keys of the built-in layouts/i18n/en.yaml`,
			},
		},
		{
			name:  "strings file of the wrong shape",
			files: "-- layouts/i18n/nl.yaml --\nsite.history: Archief\nsite.services:\n  - Diensten\n",
			want:  []string{`layouts/i18n/nl.yaml:3:3: UI string "site.services" must be text, not a list; write it on one line, in quotes if it holds a colon`},
		},
		{
			name:  "strings file that is a list",
			files: "-- layouts/i18n/nl.yaml --\n- a\n",
			want:  []string{`layouts/i18n/nl.yaml:1:1: a UI strings file is a mapping of keys to text (site.history: History), not a list`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			codes := tc.langs
			if codes == nil {
				codes = []string{"en", "nl"}
			}
			_, got := load(t, tc.files, langs(codes...))
			// A want starting "re:" is a regular expression: the built-in
			// keys a language lacks grow with every page.
			if !slices.EqualFunc(got, tc.want, func(g, w string) bool {
				if re, ok := strings.CutPrefix(w, "re:"); ok {
					return regexp.MustCompile(re).MatchString(g)
				}
				return g == w
			}) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// failingFS fails to open one file with a permission error.
type failingFS struct {
	fstest.MapFS
	name string
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.Open(name)
}

// TestUnreadable: a site's file that cannot be read is an error, not a
// silent fallback to the built-in one; one gone since it was listed falls
// back.
func TestUnreadable(t *testing.T) {
	files := testutil.SiteFS("-- layouts/base.html --\n{{define \"base\"}}mine{{end}}\n-- static/style.css --\nmine\n")
	for _, tc := range []struct {
		name, want string
		err        error
	}{
		{"layouts/base.html", "layouts/base.html:1:1: cannot read: permission denied; fix it, or remove it to use the built-in one", fs.ErrPermission},
		{"static/style.css", "static/style.css:1:1: cannot read: permission denied; fix it, or remove it to use the built-in one", fs.ErrPermission},
	} {
		_, diags := Load(failingFS{files, tc.name}, langs("en"))
		var got []string
		for _, d := range diags {
			got = append(got, d.String())
		}
		if !slices.Equal(got, []string{tc.want}) {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	gone := goneFS{files, "layouts/base.html"}
	th, diags := Load(gone, langs("en"))
	if len(diags) > 0 || !th.layouts[Public]["base.html"].Builtin {
		t.Errorf("a file gone since listed: %v, %+v", diags, th.layouts[Public]["base.html"])
	}
}

// goneFS lists a file that no longer opens.
type goneFS struct {
	fstest.MapFS
	name string
}

func (f goneFS) Open(name string) (fs.File, error) {
	if name == f.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return f.MapFS.Open(name)
}

// TestThemeHoldsNoFileSystem: a theme built from a repository with a
// record gives the renderer no way to read it. It holds bytes only: no
// interface, function or channel that could open a file, and nothing of
// the record.
func TestThemeHoldsNoFileSystem(t *testing.T) {
	const marker = "zqx-record-marker"
	th, _ := load(t, "-- content/incidents/x.md --\n---\ntitle: "+marker+"\n---\n-- static/a.txt --\na\n", langs("en"))
	seen := map[reflect.Type]bool{}
	var check func(typ reflect.Type, where string)
	check = func(typ reflect.Type, where string) {
		if seen[typ] {
			return
		}
		seen[typ] = true
		switch typ.Kind() {
		case reflect.Interface, reflect.Func, reflect.Chan, reflect.UnsafePointer:
			t.Errorf("%s is a %s: a renderer could reach more than the theme through it", where, typ)
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
	check(reflect.TypeOf(th), "Theme")
	for _, f := range th.Static() {
		if strings.Contains(string(f.Data), marker) || strings.HasPrefix(f.Path, "content/") {
			t.Errorf("the theme holds %s", f.Path)
		}
	}
	if th.File("content/incidents/x.md") != nil {
		t.Error("the theme finds the record")
	}
}

// TestTemplatesFuncs: a renderer must give exactly the functions the
// namespace declares, which the check accepts.
func TestTemplatesFuncs(t *testing.T) {
	if _, err := builtin().Templates(Public, map[string]any{"t": nil}); err == nil {
		t.Error("Templates accepts a renderer that lacks functions")
	}
}

// TestSyntaxErrorsAreFound: a layout that text/template refuses is never
// passed by the check, whatever the error: the check and the renderer's
// parse agree.
func TestSyntaxErrorsAreFound(t *testing.T) {
	for _, src := range []string{
		"{{", "{{end}}", "{{if}}", "{{if .}}", "{{range .}}{{else}}{{else}}{{end}}", "{{break}}",
		"{{define \"a\"}}{{define \"b\"}}{{end}}{{end}}", "{{.X.}}", "{{$x := 1}}{{$y}}", "{{/* x */ }}",
		"{{template .X}}", "{{with $x := .}}{{end}}{{$x}}", "{{(.X}}", "{{.X)}}",
		"{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}", "{{`a\n", "{{'ab'}}",
	} {
		l, diags := parseLayout(&File{Path: "layouts/partials/x.html", Data: []byte(src)})
		if l != nil || !diags.HasErrors() {
			t.Errorf("%q: no syntax error reported", src)
			continue
		}
		for _, d := range diags {
			if d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Errorf("%q: %v has no line and column", src, d)
			}
		}
	}
}

func TestParserMessage(t *testing.T) {
	for _, tc := range []struct{ err, want string }{
		{"template: layouts/x.html:12: unexpected {{end}}", "unexpected {{end}}"},
		{"template: multiple definition of template \"a\"", "multiple definition of template \"a\""},
		{"template: layouts/x.html:a: b", "template: layouts/x.html:a: b"},
	} {
		if got := parserMessage("layouts/x.html", errors.New(tc.err)); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.err, got, tc.want)
		}
	}
}

// TestUIT checks the placeholders T fills: each {name} of the pairs
// given, once, left to right, and never a placeholder inside a value it
// put in.
func TestUIT(t *testing.T) {
	u := UI{"en": {
		"plain":  "No placeholders",
		"one":    "Late by {duration}",
		"two":    "{title}: {duration} left",
		"same":   "{n} of {n}",
		"braces": "{{n}} and {n and {} and {missing}",
	}}
	tests := []struct {
		key  string
		args []string
		want string
	}{
		{"plain", nil, "No placeholders"},
		{"plain", []string{"n", "1"}, "No placeholders"},
		{"one", nil, "Late by {duration}"},
		{"one", []string{"duration", "2 hours"}, "Late by 2 hours"},
		{"one", []string{"other", "x"}, "Late by {duration}"},
		{"one", []string{"duration"}, "Late by {duration}"}, // no value: no pair
		{"two", []string{"duration", "1 day", "title", "Backup"}, "Backup: 1 day left"},
		// A value is not read again: a title that holds a placeholder
		// stays as written, whatever the order of the pairs.
		{"two", []string{"title", "{duration}", "duration", "1 day"}, "{duration}: 1 day left"},
		{"two", []string{"duration", "{title}", "title", "Backup"}, "Backup: {title} left"},
		{"same", []string{"n", "3", "n", "4"}, "3 of 3"},
		{"braces", []string{"n", "7"}, "{7} and {n and {} and {missing}"},
		{"no.such.key", []string{"n", "7"}, "no.such.key"},
		{"one", []string{"duration", ""}, "Late by "},
	}
	for _, tt := range tests {
		if got := u.T("en", tt.key, tt.args...); got != tt.want {
			t.Errorf("T(%q, %q) = %q, want %q", tt.key, tt.args, got, tt.want)
		}
	}
	if got := u.T("nl", "one", "duration", "x"); got != "one" {
		t.Errorf("a language without strings: %q, want the key", got)
	}
}

// TestBuiltinTemplates: Builtin tells a template's built-in definition
// from one a site's file or a page's own layout gives it again.
func TestBuiltinTemplates(t *testing.T) {
	stub := func(...any) string { return "" }
	funcs := map[string]any{}
	for _, name := range Logbook.Funcs {
		funcs[name] = stub
	}
	for _, tc := range []struct {
		name, archive string
		// want is Builtin's answer for each template, in register.html's
		// set then incident.html's.
		want map[string][2]bool
	}{
		{"built in", "", map[string][2]bool{"when": {true, true}, "audit": {true, true}, "person": {true, true}, "nowhere": {false, false}}},
		{"a site's partial", "-- layouts/logbook/partials/zz.html --\n{{define \"when\"}}w{{end}}\n",
			map[string][2]bool{"when": {false, false}, "audit": {true, true}}},
		{"a site's file in place of the built-in one", "-- layouts/logbook/partials/audit.html --\n{{define \"audit\"}}a{{end}}{{define \"audit-commit\"}}c{{end}}\n",
			map[string][2]bool{"audit": {false, false}, "audit-commit": {false, false}, "when": {true, true}}},
		{"a page's own layout", "-- layouts/logbook/incident.html --\n{{define \"main\"}}m{{end}}{{define \"person\"}}p{{end}}\n",
			map[string][2]bool{"person": {true, false}, "when": {true, true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			th, _ := load(t, tc.archive, langs("en"))
			sets, err := th.Templates(Logbook, funcs)
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tc.want {
				for i, page := range []string{"register.html", "incident.html"} {
					if got := th.Builtin(Logbook, sets[page], name); got != want[i] {
						t.Errorf("%s in %s: Builtin = %v, want %v", name, page, got, want[i])
					}
				}
			}
			if !th.Builtin(Logbook, sets["register.html"]) {
				t.Error("no name: want true")
			}
		})
	}
}

package theme

import (
	"crypto/sha256"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/source"
)

//go:embed all:defaults
var embedded embed.FS

// Folders of a site that hold its theme.
const (
	LayoutsDir = "layouts"
	StringsDir = "layouts/i18n"
	StaticDir  = "static"
)

// baseFile and partialsDir are the parts of a namespace's folder that
// every page shares.
const (
	baseFile    = "base.html"
	partialsDir = "partials"
)

// Namespace is the layouts of one site.
type Namespace struct {
	// Name is how messages call the site: "public", "logbook".
	Name string
	// Dir is the folder of the namespace's layouts, in a site and among
	// the built-in files.
	Dir string
	// Base is the template each page executes; a page's own layout
	// defines the templates that Base calls.
	Base string
	// Funcs are the functions the site's renderer gives its layouts,
	// besides text/template's own.
	Funcs []string
	// Standalone are the templates the renderer executes on their own
	// when a page asks for them, outside the page's own escaping: the
	// public site's parts of the frame that many pages share
	// (.Frame.Shared.Render). The checks escape each as a page's text.
	Standalone []string
}

// layoutFuncs are the functions a renderer gives its layouts: t (a UI
// string), text (a record's text), date, dateTime, iso and md.
var layoutFuncs = []string{"t", "text", "date", "dateTime", "iso", "md"}

// logbookFuncs are the logbook's: layoutFuncs, and whenHTML, dayHTML and
// personHTML, the markup of the partials "when", "day" and "person" that
// every logbook page calls many times; commsHTML, auditHTML and
// legalHTML, that of the partials "comms", "audit" and "legal" of every
// incident's page; incidentHTML, that of the incident page's own
// content; and frameHTML, the frame of every page (base.html): written at
// once by Go.
var logbookFuncs = append(slices.Clone(layoutFuncs), "whenHTML", "dayHTML", "personHTML", "commsHTML", "auditHTML", "legalHTML", "incidentHTML", "frameHTML")

// The namespaces, one per site.
var (
	// Public is the public site's: layouts/NAME.html and
	// layouts/partials/*.html.
	Public = &Namespace{Name: "public", Dir: LayoutsDir, Base: "base", Funcs: layoutFuncs, Standalone: []string{"base-head", "base-top", "base-foot"}}
	// Logbook is the internal logbook's: layouts/logbook/NAME.html and
	// layouts/logbook/partials/*.html. It has no built-in layouts yet.
	Logbook = &Namespace{Name: "logbook", Dir: LayoutsDir + "/logbook", Base: "base", Funcs: logbookFuncs}

	// Namespaces lists them all.
	Namespaces = []*Namespace{Public, Logbook}
)

// File is one entry of the theme: a layout, a strings file or a static
// file.
type File struct {
	// Path is the file's slash-separated path in a site:
	// "layouts/base.html", "static/style.css".
	Path string
	// Builtin reports whether the file is the embedded default rather
	// than the site's own.
	Builtin bool
	// Data is the file's contents.
	Data []byte
}

// Origin returns how messages name the file: its path, followed by
// " (built in)" for an embedded default.
func (f *File) Origin() string {
	if f.Builtin {
		return f.Path + " (built in)"
	}
	return f.Path
}

// Theme is the layouts, UI strings and static files of a site: each the
// site's own where it has one, else the built-in one. A Theme is not
// changed after Load and may be shared by goroutines.
type Theme struct {
	// layouts holds each namespace's layouts by their path in its folder:
	// "base.html", "partials/parts.html", "status.html".
	layouts map[*Namespace]map[string]*File
	// strings and builtinStrings hold the UI strings files by language.
	strings, builtinStrings map[string]*stringsFile
	// static holds the static files by path.
	static map[string]*File
}

// builtin returns the theme of the embedded defaults alone.
var builtin = sync.OnceValue(func() *Theme {
	t := &Theme{
		layouts:        map[*Namespace]map[string]*File{},
		strings:        map[string]*stringsFile{},
		builtinStrings: map[string]*stringsFile{},
		static:         map[string]*File{},
	}
	for _, ns := range Namespaces {
		t.layouts[ns] = map[string]*File{}
	}
	defaults, err := fs.Sub(embedded, "defaults")
	if err != nil {
		panic(err)
	}
	var diags diag.List
	for _, dir := range []string{LayoutsDir, StaticDir} {
		files, d := source.Walk(defaults, dir, source.Limits{})
		diags.Append(d)
		for _, f := range files {
			data, err := fs.ReadFile(defaults, f.Path)
			if err != nil {
				panic(err)
			}
			file := &File{Path: f.Path, Builtin: true, Data: data}
			if dir == StaticDir {
				t.static[f.Path] = file
				continue
			}
			diags.Append(t.add(file, 0))
		}
	}
	if len(diags) > 0 {
		// The built-in files come with the binary; a test checks them.
		panic(fmt.Sprintf("theme: the built-in files are broken:\n%v", diags))
	}
	return t
})

// Options is what Load needs to know of the site's configuration.
type Options struct {
	// Languages are the site's languages, the default first.
	Languages []Language
	// MaxFiles is the most files layouts/ and static/ each may hold.
	MaxFiles int
	// MaxDepth bounds the nesting of a UI strings file's YAML.
	MaxDepth int
}

// Language is a language of the site and where the configuration names
// it.
type Language struct {
	Code string
	Pos  diag.Position
}

// Load returns the theme of the site in fsys: the built-in files, each
// replaced by the site's file of the same path, and the site's other files
// of layouts/ and static/. It reports the files that cannot be read (a
// file listed that is gone since falls back to the built-in one; any other
// failure is an error, never a silent fallback) and checks the whole theme
// for the site's languages (check.go).
func Load(fsys fs.FS, opts Options) (*Theme, diag.List) { return (*Memo)(nil).Load(fsys, opts) }

// Memo keeps the theme one Load built, for the next Load of the same
// files with the same options in a long-lived process: the preview
// server loads the theme at every save, and checking every layout (every
// template's escaping, every UI string) took 0.035 s of each save. A
// Theme is never modified once loaded, so builds share it.
//
// The site's files are still listed and read at every Load: what they
// hold, byte for byte, with their paths and the options, is the key. A
// Load whose listing or reading reported anything builds anew. A Memo is
// safe for concurrent use; the zero value is ready to use.
type Memo struct {
	mu    sync.Mutex
	key   [sha256.Size]byte
	theme *Theme
	diags diag.List
}

// Load is theme.Load through m: the theme of the Load before when the
// site's files and opts are the same. A nil m keeps nothing.
func (m *Memo) Load(fsys fs.FS, opts Options) (*Theme, diag.List) {
	b := builtin()
	t := &Theme{
		layouts:        map[*Namespace]map[string]*File{},
		strings:        map[string]*stringsFile{},
		builtinStrings: b.builtinStrings,
		static:         maps.Clone(b.static),
	}
	for ns, m := range b.layouts {
		t.layouts[ns] = maps.Clone(m)
	}
	var diags diag.List
	lim := source.Limits{MaxFiles: opts.MaxFiles}
	files, d := source.Walk(fsys, LayoutsDir, lim)
	diags.Append(d)
	var layouts []*File
	for _, f := range files {
		data, ok := read(fsys, f, t.overrides(f.Path), &diags)
		if ok {
			layouts = append(layouts, &File{Path: f.Path, Data: data})
		}
	}
	// The static files go into the site as they are: they must be real
	// files of the repository (source.Walk refuses the rest).
	_, d = source.Walk(fsys, StaticDir, lim)
	diags.Append(d)
	var static []*File
	if !d.HasErrors() {
		for _, f := range staticFiles(fsys, &diags) {
			if data, ok := read(fsys, f, t.static[f.Path] != nil, &diags); ok {
				static = append(static, &File{Path: f.Path, Data: data})
			}
		}
	}
	var key [sha256.Size]byte
	if m != nil && len(diags) == 0 {
		key = themeKey(layouts, static, opts)
		m.mu.Lock()
		kept, keptDiags := m.theme, m.diags
		same := kept != nil && m.key == key
		m.mu.Unlock()
		if same {
			return kept, slices.Clip(keptDiags)
		}
	}
	for _, f := range layouts {
		diags.Append(t.add(f, opts.MaxDepth))
	}
	for _, f := range static {
		t.static[f.Path] = f
	}
	diags.Append(t.check(opts.Languages))
	if m != nil {
		m.mu.Lock()
		m.theme, m.diags, m.key = nil, nil, [sha256.Size]byte{}
		if key != ([sha256.Size]byte{}) {
			// Clipped, so that an append to the diagnostics handed out
			// never writes into the array the Memo keeps.
			m.theme, m.diags, m.key = t, slices.Clip(diags), key
		}
		m.mu.Unlock()
	}
	return t, diags
}

// themeKey is the hash of all a theme is built from besides the built-in
// files (which are the program's): the site's layouts and static files,
// their paths and bytes, and opts.
func themeKey(layouts, static []*File, opts Options) [sha256.Size]byte {
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	field(fmt.Sprintf("%d %d %d", opts.MaxFiles, opts.MaxDepth, len(opts.Languages)))
	for _, l := range opts.Languages {
		field(l.Code)
		field(l.Pos.String())
	}
	for _, list := range [][]*File{layouts, static} {
		field(strconv.Itoa(len(list)))
		for _, f := range list {
			field(f.Path)
			field(string(f.Data))
		}
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	return key
}

// read reads f from fsys. A file gone since it was listed is not there:
// the built-in one stands in for it. Any other failure is reported.
func read(fsys fs.FS, f source.File, overrides bool, diags *diag.List) ([]byte, bool) {
	data, err := source.ReadFile(fsys, f, 0)
	switch {
	case err == nil:
		return data, true
	case errors.Is(err, fs.ErrNotExist):
		return nil, false
	}
	fix := "fix it, or remove it"
	if overrides {
		fix = "fix it, or remove it to use the built-in one"
	}
	diags.Errorf(diag.Position{File: f.Path, Line: 1, Col: 1}, "read", "cannot read: %v; %s", err, fix)
	return nil, false
}

// staticFiles lists the files under static/ the sites copy: regular
// files whose names do not start with a dot, in any folder. Unlike
// source.Walk it enters folders whose names start with a dot: a site's
// static/.well-known/security.txt (RFC 8615, RFC 9116) has always been
// published.
func staticFiles(fsys fs.FS, diags *diag.List) []source.File {
	var files []source.File
	err := fs.WalkDir(fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && p == StaticDir && errors.Is(err, fs.ErrNotExist):
			return fs.SkipDir
		case err != nil:
			return err
		case d.IsDir() || strings.HasPrefix(d.Name(), ".") || !d.Type().IsRegular():
			// source.Walk reported the irregular entries outside dot
			// folders; inside them they were never copied.
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files = append(files, source.File{Path: p, Size: info.Size()})
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Position{File: StaticDir, Line: 1, Col: 1}, "read", "cannot read: %v", err)
	}
	return files
}

// overrides reports whether the site's file at p replaces a built-in one.
func (t *Theme) overrides(p string) bool {
	if lang, ok := stringsLang(p); ok {
		return t.builtinStrings[lang] != nil
	}
	ns, name, ok := locate(p)
	return ok && builtin().layouts[ns][name] != nil
}

// add puts f, a file of layouts/, in its place: a UI strings file, or a
// layout of its namespace. It warns about a file that has no place, which
// nothing would read.
func (t *Theme) add(f *File, maxDepth int) diag.List {
	var diags diag.List
	at := diag.Position{File: f.Path, Line: 1, Col: 1}
	if strings.HasPrefix(f.Path, StringsDir+"/") {
		lang, ok := stringsLang(f.Path)
		if !ok {
			diags.Warnf(at, "theme-file", "ignored: %s/ holds one file per language, named LANG.yaml (en.yaml)", StringsDir)
			return diags
		}
		s, d := parseStrings(f, maxDepth)
		diags.Append(d)
		if f.Builtin {
			t.builtinStrings[lang] = s
		} else {
			t.strings[lang] = s
		}
		return diags
	}
	ns, name, ok := locate(f.Path)
	if !ok {
		diags.Warnf(at, "theme-file", "ignored: a layout is %s/NAME.html or %s/%s/NAME.html (the logbook's: %s/NAME.html, %s/%s/NAME.html)",
			Public.Dir, Public.Dir, partialsDir, Logbook.Dir, Logbook.Dir, partialsDir)
		return diags
	}
	t.layouts[ns][name] = f
	return diags
}

// stringsLang returns the language of the UI strings file at p,
// "layouts/i18n/nl.yaml".
func stringsLang(p string) (string, bool) {
	dir, base := path.Split(p)
	if dir != StringsDir+"/" || path.Ext(base) != ".yaml" || base == ".yaml" {
		return "", false
	}
	return strings.TrimSuffix(base, ".yaml"), true
}

// locate returns the namespace of the layout at p, a site's path, and its
// name in the namespace's folder: "base.html", "partials/parts.html". The
// deepest namespace folder holding p wins, so that layouts/logbook/ is
// the logbook's, not a folder of the public site's.
func locate(p string) (*Namespace, string, bool) {
	var ns *Namespace
	for _, n := range Namespaces {
		if strings.HasPrefix(p, n.Dir+"/") && (ns == nil || len(n.Dir) > len(ns.Dir)) {
			ns = n
		}
	}
	if ns == nil || path.Ext(p) != ".html" {
		return nil, "", false
	}
	name := strings.TrimPrefix(p, ns.Dir+"/")
	dir, base := path.Split(name)
	if strings.HasPrefix(base, ".") || (dir != "" && dir != partialsDir+"/") {
		return nil, "", false
	}
	return ns, name, true
}

// Pages returns the names of ns's page layouts ("404.html",
// "status.html"…): the files directly in its folder other than base.html,
// sorted.
func (t *Theme) Pages(ns *Namespace) []string {
	var names []string
	for name := range t.layouts[ns] {
		if !strings.Contains(name, "/") && name != baseFile {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// common returns the layouts every page of ns is parsed with: base.html,
// then the partials by name.
func (t *Theme) common(ns *Namespace) []*File {
	var files []*File
	if f := t.layouts[ns][baseFile]; f != nil {
		files = append(files, f)
	}
	for _, name := range slices.Sorted(maps.Keys(t.layouts[ns])) {
		if strings.HasPrefix(name, partialsDir+"/") {
			files = append(files, t.layouts[ns][name])
		}
	}
	return files
}

// File returns the layout or strings file at p, a site's path
// ("layouts/base.html"), or nil.
func (t *Theme) File(p string) *File {
	if lang, ok := stringsLang(p); ok {
		if s := t.stringsFile(lang); s != nil && s.file.Path == p {
			return s.file
		}
		return nil
	}
	if ns, name, ok := locate(p); ok {
		return t.layouts[ns][name]
	}
	return nil
}

// Static returns the static files, sorted by path.
func (t *Theme) Static() []*File {
	return slices.SortedFunc(maps.Values(t.static), func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
}

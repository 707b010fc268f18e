package theme

import (
	"errors"
	"fmt"
	"html/template"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"text/template/parse"

	"github.com/incidentsite/incidentsite/internal/diag"
)

// builtinFuncs are the functions text/template gives every template.
var builtinFuncs = []string{
	"and", "call", "eq", "ge", "gt", "html", "index", "js", "le", "len", "lt", "ne",
	"not", "or", "print", "printf", "println", "slice", "urlquery",
}

// check checks the theme for a site in langs: that each language has UI
// strings, and each namespace's layouts (checkLayouts).
func (t *Theme) check(langs []Language) diag.List {
	var diags diag.List
	for _, l := range langs {
		if lang := l.Code; !t.hasStrings(lang) {
			diags.Errorf(l.Pos, "ui-strings",
				"language %q has no UI strings, so its pages would be in English marked lang=%q: add %s/%s.yaml, translating the keys of the built-in %s/%s.yaml",
				lang, lang, StringsDir, lang, StringsDir, fallbackLang)
		}
	}
	// One check of the keys for every namespace: a key that the public
	// site and the logbook both use, or that a language lacks in both, is
	// reported once.
	keys := &keyCheck{t: t, langs: langs, seen: map[[2]string]bool{}, builtinMissing: map[string][]string{}}
	for _, ns := range Namespaces {
		diags.Append(t.checkLayouts(ns, keys))
	}
	diags.Append(keys.builtinReport())
	return diags
}

// layout is one layout file, parsed.
type layout struct {
	file  *File
	lines *lines
	// trees holds the templates the file defines, by name: its own (named
	// by its path) and one per {{define}} or {{block}}.
	trees map[string]*parse.Tree
}

// pos returns the position of n, a node of l.
func (l *layout) pos(n parse.Node) diag.Position { return l.lines.pos(int(n.Position())) }

// checkLayouts parses every layout of ns and reports syntax errors,
// functions no renderer provides, templates called but defined nowhere or
// not for a page that reaches the call, and UI keys that a configured
// language lacks.
func (t *Theme) checkLayouts(ns *Namespace, keys *keyCheck) diag.List {
	var diags diag.List
	common := t.common(ns)
	var pages []*File
	for _, name := range t.Pages(ns) {
		pages = append(pages, t.layouts[ns][name])
	}
	parsed := map[*File]*layout{}
	defined := map[string]bool{}
	for _, f := range append(slices.Clone(common), pages...) {
		l, d := parseLayout(f)
		diags.Append(d)
		if l == nil {
			continue
		}
		parsed[f] = l
		for name := range l.trees {
			defined[name] = true
		}
	}
	funcs := append(slices.Clone(builtinFuncs), ns.Funcs...)
	for _, f := range slices.SortedFunc(maps.Keys(parsed), func(a, b *File) int { return strings.Compare(a.Path, b.Path) }) {
		l := parsed[f]
		for _, name := range slices.Sorted(maps.Keys(l.trees)) {
			walk(l.trees[name].Root, func(n parse.Node) {
				switch n := n.(type) {
				case *parse.IdentifierNode:
					if !slices.Contains(funcs, n.Ident) {
						diags.Errorf(l.pos(n), "layout-func", "function %q is not defined; a layout may call %s and text/template's own%s",
							n.Ident, strings.Join(ns.Funcs, ", "), diag.DidYouMean(n.Ident, funcs))
					}
				case *parse.TemplateNode:
					if !defined[n.Name] {
						diags.Errorf(l.pos(n), "layout-template", "template %q is defined in no layout of the %s site%s; define it with {{define %q}} in a partial (%s/%s/NAME.html), or correct the name",
							n.Name, ns.Name, diag.DidYouMean(n.Name, slices.Sorted(maps.Keys(defined))), n.Name, ns.Dir, partialsDir)
					}
				case *parse.CommandNode:
					if key, ok := stringsKey(n); ok {
						diags.Append(keys.check(l, key))
					}
				}
			})
		}
	}
	diags.Append(checkRedefined(common, parsed))
	for _, page := range pages {
		diags.Append(checkPage(ns, common, page, parsed))
	}
	return diags
}

// checkRedefined warns about a template that two of the shared layouts
// (base.html and the partials) define: the one read later, by file name,
// replaces the other in every page, so a site's partial that defines a
// name the built-in partials also define would be silently ignored. A
// page's own layout may redefine a shared template: that is how a page
// fills a {{block}}.
func checkRedefined(common []*File, parsed map[*File]*layout) diag.List {
	var diags diag.List
	type def struct {
		l    *layout
		tree *parse.Tree
	}
	defs := map[string]def{}
	for _, f := range common {
		l := parsed[f]
		if l == nil {
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(l.trees)) {
			tree := l.trees[name]
			if parse.IsEmptyTree(tree.Root) {
				continue
			}
			if d, ok := defs[name]; ok {
				diags.Warnf(d.l.pos(d.tree.Root), "layout-template", "template %q is also defined in %s, which is read after this file and replaces this definition; rename one of them",
					name, l.file.Origin())
			}
			defs[name] = def{l, tree}
		}
	}
	return diags
}

// checkPage follows the templates that page's Base template reaches, in
// the set Templates gives it, and reports each call to a template that
// the set lacks (one that another page defines, or no layout at all:
// checkLayouts reports those), then what html/template refuses in it. It
// skips a page whose set does not parse.
func checkPage(ns *Namespace, common []*File, page *File, parsed map[*File]*layout) diag.List {
	var diags diag.List
	type def struct {
		l    *layout
		tree *parse.Tree
	}
	set := map[string]def{}
	for _, f := range append(slices.Clone(common), page) {
		l := parsed[f]
		if l == nil {
			return nil
		}
		for name, tree := range l.trees {
			// As text/template does: an empty definition does not
			// replace one that is there.
			if _, ok := set[name]; !ok || !parse.IsEmptyTree(tree.Root) {
				set[name] = def{l, tree}
			}
		}
	}
	if _, ok := set[ns.Base]; !ok {
		diags.Errorf(diag.Position{File: path.Join(ns.Dir, baseFile), Line: 1, Col: 1}, "layout-template",
			"no layout of the %s site defines the template %q, which its pages execute; define it with {{define %q}} in %s",
			ns.Name, ns.Base, ns.Base, path.Join(ns.Dir, baseFile))
		return diags
	}
	seen := map[string]bool{ns.Base: true}
	queue := []string{ns.Base}
	for len(queue) > 0 {
		d := set[queue[0]]
		queue = queue[1:]
		walk(d.tree.Root, func(n parse.Node) {
			call, ok := n.(*parse.TemplateNode)
			if !ok || seen[call.Name] {
				return
			}
			seen[call.Name] = true
			if _, ok := set[call.Name]; ok {
				queue = append(queue, call.Name)
				return
			}
			for _, l := range parsed {
				if l.trees[call.Name] != nil {
					diags.Errorf(d.l.pos(call), "layout-template", "template %q is not defined for the page layout %s, which reaches this call; define it there or in a partial",
						call.Name, page.Path)
					return
				}
			}
		})
	}
	if !diags.HasErrors() {
		diags.Append(checkEscaping(ns, common, page, parsed, func(name string) *layout { return set[name].l }))
	}
	return diags
}

// checkEscaping reports what html/template refuses in page's set when it
// escapes the templates that the page's Base template reaches: an action
// in a place where it cannot tell what to escape for, such as a quoted
// attribute or a <script> that a template leaves open. html/template
// escapes on the first execution only, so the set is executed, with
// functions that do nothing, into a writer that fails the first write:
// escaping is done by then. parsed holds the layouts, parsed; definer
// returns the layout that defines a template of page's set.
func checkEscaping(ns *Namespace, common []*File, page *File, parsed map[*File]*layout, definer func(string) *layout) diag.List {
	var diags diag.List
	funcs := template.FuncMap{}
	for _, name := range ns.Funcs {
		funcs[name] = func(...any) string { return "" }
	}
	set, err := parseCommon(common, funcs)
	if err == nil {
		set, err = addPage(set, page)
	}
	if err != nil {
		// checkLayouts reported it.
		return nil
	}
	// The base, then the templates the renderer executes on their own
	// (Namespace.Standalone), each in the context of a page's text.
	var e *template.Error
	for _, root := range append([]string{ns.Base}, ns.Standalone...) {
		if root != ns.Base && set.Lookup(root) == nil {
			continue
		}
		err = set.ExecuteTemplate(failWriter{}, root, nil)
		if errors.As(err, &e) && e.ErrorCode != template.ErrNoSuchTemplate {
			break
		}
		// checkLayouts reports a template defined nowhere.
		e = nil
	}
	if e == nil {
		return nil
	}
	// Without a node, the error is about the template it names. With one,
	// the template it names is the one being escaped, which may not be
	// the one holding the node at fault. The node's own tree knows its
	// file, its ParseName, and tells it only through ErrorContext, as
	// "layouts/x.html:line:col": the file is the layout whose path starts
	// it; the line and column come from the node's offset, as for every
	// other check.
	l := definer(e.Name)
	if e.Node != nil {
		loc, _ := (*parse.Tree)(nil).ErrorContext(e.Node)
		l = nil
		for f, pl := range parsed {
			if strings.HasPrefix(loc, f.Path+":") && (l == nil || len(f.Path) > len(l.file.Path)) {
				l = pl
			}
		}
	}
	if l == nil {
		return nil
	}
	at := diag.Position{File: l.lines.file, Line: max(1, e.Line), Col: 1}
	if e.Node != nil {
		at = l.pos(e.Node)
	}
	fix := fixLayout(l.file)
	if l.file.Builtin {
		// A built-in layout escapes on its own: the context it is in
		// comes from a site's layout it called before, one that leaves
		// a tag, an attribute or a quote open.
		var own []string
		for _, f := range append(slices.Clone(common), page) {
			if !f.Builtin {
				own = append(own, f.Path)
			}
		}
		if len(own) > 0 {
			fix = "a layout of the site called before this point leaves a tag, attribute or quote open: check " + strings.Join(own, ", ")
		}
	}
	diags.Errorf(at, "layout-html", "%s (html/template); %s", e.Description, fix)
	return diags
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("not written") }

// stringsKey returns the key of a call of t with a constant key:
// {{t "site.history"}}.
func stringsKey(n *parse.CommandNode) (*parse.StringNode, bool) {
	if len(n.Args) < 2 {
		return nil, false
	}
	if id, ok := n.Args[0].(*parse.IdentifierNode); !ok || id.Ident != "t" {
		return nil, false
	}
	key, ok := n.Args[1].(*parse.StringNode)
	return key, ok
}

// keyCheck reports the UI keys that layouts use and a configured language
// lacks.
type keyCheck struct {
	t     *Theme
	langs []Language
	// seen holds the keys checked, with their language: each is reported
	// once, at its first use.
	seen map[[2]string]bool
	// builtinMissing holds by language the keys that the built-in
	// layouts use and the language lacks, reported together.
	builtinMissing map[string][]string
}

// check reports a UI key that a configured language lacks, once per key
// and language: a warning when the page falls back to the built-in
// English text, an error when it would show the key itself. A language
// without any strings is reported once, by Theme.check. Keys the built-in
// layouts use are gathered for builtinReport: the site has no file to
// point at there.
func (k *keyCheck) check(l *layout, key *parse.StringNode) diag.List {
	var diags diag.List
	if k.nowhere(l, key) {
		// One message, not one per language.
		file := path.Join(StringsDir, fallbackLang+".yaml")
		diags.Errorf(l.pos(key), "ui-string", "UI string %q is defined in no strings file, so pages would show the key itself: add it to %s, which stands in for the languages that lack it, and translate it in the others%s",
			key.Text, file, diag.DidYouMean(key.Text, slices.Sorted(maps.Keys(k.t.Strings(fallbackLang)))))
		return diags
	}
	for _, lg := range k.langs {
		lang := lg.Code
		if !k.t.hasStrings(lang) || k.seen[[2]string{key.Text, lang}] {
			continue
		}
		k.seen[[2]string{key.Text, lang}] = true
		if k.t.has(lang, key.Text) {
			continue
		}
		file := path.Join(StringsDir, lang+".yaml")
		_, fallback := k.t.builtinStrings[fallbackLang].value(key.Text)
		if _, ok := k.t.strings[fallbackLang].value(key.Text); ok {
			fallback = true
		}
		switch {
		case fallback && lang != fallbackLang && l.file.Builtin:
			k.builtinMissing[lang] = append(k.builtinMissing[lang], key.Text)
		case fallback && lang != fallbackLang:
			diags.Warnf(l.pos(key), "ui-string", "UI string %q is missing from %s, so pages in %s show the English text; add it to %s",
				key.Text, file, lang, file)
		default:
			diags.Errorf(l.pos(key), "ui-string", "UI string %q is not defined for %s, so its pages would show the key itself: add it to %s%s",
				key.Text, lang, file, diag.DidYouMean(key.Text, slices.Sorted(maps.Keys(k.t.Strings(lang)))))
		}
	}
	return diags
}

// nowhere reports, the first time it meets key, whether no configured
// language with strings has it and English does not stand in for it: a
// key misspelled or never added. It marks the key as seen.
func (k *keyCheck) nowhere(l *layout, key *parse.StringNode) bool {
	if l.file.Builtin {
		return false
	}
	if _, ok := k.t.builtinStrings[fallbackLang].value(key.Text); ok {
		return false
	}
	if _, ok := k.t.strings[fallbackLang].value(key.Text); ok {
		return false
	}
	n := 0
	for _, lg := range k.langs {
		if !k.t.hasStrings(lg.Code) {
			continue
		}
		if k.seen[[2]string{key.Text, lg.Code}] || k.t.has(lg.Code, key.Text) {
			return false
		}
		n++
	}
	if n < 2 {
		return false
	}
	for _, lg := range k.langs {
		k.seen[[2]string{key.Text, lg.Code}] = true
	}
	return true
}

// builtinReport reports, once per language, the keys the built-in layouts
// use that the language's strings file lacks.
func (k *keyCheck) builtinReport() diag.List {
	var diags diag.List
	for _, lang := range slices.Sorted(maps.Keys(k.builtinMissing)) {
		missing := k.builtinMissing[lang]
		slices.Sort(missing)
		s := k.t.stringsFile(lang)
		diags.Warnf(diag.Position{File: s.file.Origin(), Line: 1, Col: 1}, "ui-string", "lacks %d UI strings that the built-in layouts use, so pages in %s show them in English: %s",
			len(missing), lang, strings.Join(missing, ", "))
	}
	return diags
}

// has reports whether lang's own strings (the site's and the built-in
// ones, without the English fallback) have key; for English, the
// built-in English strings count.
func (t *Theme) has(lang, key string) bool {
	for _, s := range []*stringsFile{t.strings[lang], t.builtinStrings[lang]} {
		if _, ok := s.value(key); ok {
			return true
		}
	}
	return false
}

func (s *stringsFile) value(key string) (string, bool) {
	if s == nil {
		return "", false
	}
	v, ok := s.values[key]
	return v, ok
}

// parseLayout parses f on its own, as Templates will in its set, and
// reports a syntax error at the action where it is. Functions are checked
// by the caller, which knows the namespace's.
func parseLayout(f *File) (*layout, diag.List) {
	src := string(f.Data)
	// A built-in layout is named as such: the site has no file there.
	l := &layout{file: f, lines: newLines(f.Origin(), src)}
	trees, err := parseTrees(f.Path, src)
	if err == nil {
		l.trees = trees
		return l, nil
	}
	var diags diag.List
	pos, msg := syntaxError(f.Path, src, err)
	diags.Errorf(l.lines.pos(pos), "layout-syntax", "%s; %s", msg, fixLayout(f))
	return nil, diags
}

// fixLayout is the advice that ends a message about a layout.
func fixLayout(f *File) string {
	switch {
	case f.Builtin:
		return "the built-in layout is broken: please report it"
	case builtin().File(f.Path) != nil:
		return "fix the layout, or remove it to use the built-in one"
	}
	return "fix the layout"
}

// parseTrees parses src, the layout name, into its templates. Functions
// are not checked here.
func parseTrees(name, src string) (map[string]*parse.Tree, error) {
	trees := map[string]*parse.Tree{}
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck
	_, err := t.Parse(src, "", "", trees)
	return trees, err
}

// syntaxError returns where in src, the layout name that fails to parse
// with err, the error is, and what it is. The parser stops at the first
// action it cannot take, so the error lies in the shortest prefix of the
// layout that fails to parse when it is ended right after an action and
// every block still open is closed with {{end}}: a prefix that parses has
// no error, and once one fails every longer one does, so a binary search
// over the actions finds it in a few parses. When every prefix parses,
// the layout ends with a block still open. The message is the parser's,
// without the "template: name:line:" it starts with.
func syntaxError(name, src string, err error) (offset int, msg string) {
	actions, serr := scanActions(src)
	if serr != nil {
		return serr.offset, serr.msg
	}
	// open[i] is how many blocks are still open after actions[i].
	open := make([]int, len(actions))
	var stack []int
	for i, a := range actions {
		switch {
		case a.opens():
			stack = append(stack, i)
		case a.keyword == "end" && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
		open[i] = len(stack)
	}
	prefix := func(i int) error {
		_, err := parseTrees(name, src[:actions[i].end]+strings.Repeat("{{end}}", open[i]))
		return err
	}
	if i := sort.Search(len(actions), func(i int) bool { return prefix(i) != nil }); i < len(actions) {
		return actions[i].start, parserMessage(name, prefix(i))
	}
	if len(stack) > 0 {
		a := actions[stack[len(stack)-1]]
		return a.start, fmt.Sprintf("this {{%s}} is never closed; close it with {{end}}", a.keyword)
	}
	return 0, parserMessage(name, err)
}

// parserMessage returns err's message without the "template: name:line: "
// that text/template/parse starts it with: the position is ours.
func parserMessage(name string, err error) string {
	msg := err.Error()
	rest, ok := strings.CutPrefix(msg, "template: "+name+":")
	if !ok {
		return strings.TrimPrefix(msg, "template: ")
	}
	k := strings.Index(rest, ": ")
	if k <= 0 || strings.Trim(rest[:k], "0123456789") != "" {
		return msg
	}
	return rest[k+2:]
}

// walk calls visit for n and every node under it.
func walk(n parse.Node, visit func(parse.Node)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		visit(n)
		for _, c := range n.Nodes {
			walk(c, visit)
		}
	case *parse.ActionNode:
		visit(n)
		walk(n.Pipe, visit)
	case *parse.IfNode:
		visit(n)
		walkBranch(&n.BranchNode, visit)
	case *parse.RangeNode:
		visit(n)
		walkBranch(&n.BranchNode, visit)
	case *parse.WithNode:
		visit(n)
		walkBranch(&n.BranchNode, visit)
	case *parse.TemplateNode:
		visit(n)
		walk(n.Pipe, visit)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		visit(n)
		for _, c := range n.Cmds {
			walk(c, visit)
		}
	case *parse.CommandNode:
		visit(n)
		for _, a := range n.Args {
			walk(a, visit)
		}
	case *parse.ChainNode:
		visit(n)
		walk(n.Node, visit)
	case nil:
	default:
		visit(n)
	}
}

func walkBranch(b *parse.BranchNode, visit func(parse.Node)) {
	walk(b.Pipe, visit)
	walk(b.List, visit)
	walk(b.ElseList, visit)
}

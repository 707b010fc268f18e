package theme

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
)

// Templates parses the layouts of ns with funcs, which must be the
// namespace's Funcs, and returns by page layout name ("status.html") the
// template set a page executes (its Base template): base.html, the
// partials and the page's own layout. Each template is named by its file's
// path ("layouts/partials/parts.html"), so that an error names the file;
// a template defined again in a later file (a page's own layout, or a
// partial whose name sorts later) replaces the earlier definition.
//
// Load has checked the layouts; an error here is one Load reported.
func (t *Theme) Templates(ns *Namespace, funcs template.FuncMap) (map[string]*template.Template, error) {
	if got := slices.Sorted(maps.Keys(funcs)); !slices.Equal(got, slices.Sorted(slices.Values(ns.Funcs))) {
		return nil, fmt.Errorf("the %s layouts' functions are %v, but the renderer gives %v", ns.Name, ns.Funcs, got)
	}
	common, err := parseCommon(t.common(ns), funcs)
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, name := range t.Pages(ns) {
		set, err := addPage(common, t.layouts[ns][name])
		if err != nil {
			return nil, err
		}
		out[name] = set
	}
	return out, nil
}

// parseCommon parses the layouts every page shares into one set.
func parseCommon(files []*File, funcs template.FuncMap) (*template.Template, error) {
	common := template.New("").Funcs(funcs)
	for _, f := range files {
		if _, err := common.New(f.Path).Parse(string(f.Data)); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Origin(), err)
		}
	}
	return common, nil
}

// addPage returns a copy of common with page's layout added.
func addPage(common *template.Template, page *File) (*template.Template, error) {
	set, err := common.Clone()
	if err != nil {
		return nil, err
	}
	if _, err := set.New(page.Path).Parse(string(page.Data)); err != nil {
		return nil, fmt.Errorf("%s: %w", page.Origin(), err)
	}
	return set, nil
}

// Builtin reports whether each template of names in set, a set that
// Templates returned for ns, has its built-in definition: neither a
// site's file nor a page's own layout defines it again. A renderer that
// writes a partial's markup from Go (the logbook's commsHTML) does so only
// where the partials that markup includes are the built-in ones.
func (t *Theme) Builtin(ns *Namespace, set *template.Template, names ...string) bool {
	for _, name := range names {
		tmpl := set.Lookup(name)
		if tmpl == nil || tmpl.Tree == nil {
			return false
		}
		// A template's tree carries the name of the file it was parsed
		// from (Templates names each by its path).
		rel, ok := strings.CutPrefix(tmpl.Tree.ParseName, ns.Dir+"/")
		if f := t.layouts[ns][rel]; !ok || f == nil || !f.Builtin {
			return false
		}
	}
	return true
}

package theme

import (
	"maps"
	"strings"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/yamlx"
	"gopkg.in/yaml.v3"
)

// fallbackLang is the language whose built-in strings stand in for the
// keys another language lacks.
const fallbackLang = "en"

// stringsFile is one UI strings file: a mapping of keys to text.
type stringsFile struct {
	file   *File
	values map[string]string
	// keys holds where each key is written.
	keys map[string]diag.Position
}

// parseStrings reads f as a UI strings file: a mapping of keys
// ("site.history") to text, each a plain value. It reports any other
// shape at its place.
func parseStrings(f *File, maxDepth int) (*stringsFile, diag.List) {
	s := &stringsFile{file: f, values: map[string]string{}, keys: map[string]diag.Position{}}
	node, diags := yamlx.Parse(f.Path, f.Data, 0, maxDepth)
	if node == nil || diags.HasErrors() {
		return s, diags
	}
	dec := &yamlx.Decoder{File: f.Path}
	if node.Kind != yaml.MappingNode {
		diags.Errorf(dec.Pos(node), "ui-strings", "a UI strings file is a mapping of keys to text (site.history: History), not %s", describeNode(node))
		return s, diags
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			diags.Errorf(dec.Pos(k), "ui-strings", "a key must be plain text, not %s", describeNode(k))
			continue
		}
		if v.Kind != yaml.ScalarNode {
			diags.Errorf(dec.Pos(v), "ui-strings", "UI string %q must be text, not %s; write it on one line, in quotes if it holds a colon", k.Value, describeNode(v))
			continue
		}
		s.values[k.Value] = v.Value
		if v.Tag == "!!null" {
			s.values[k.Value] = ""
		}
		s.keys[k.Value] = dec.Pos(k)
	}
	return s, diags
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return "a value"
}

// stringsFile returns the file of lang's strings that the site reads:
// the site's, else the built-in one; or nil.
func (t *Theme) stringsFile(lang string) *stringsFile {
	if s := t.strings[lang]; s != nil {
		return s
	}
	return t.builtinStrings[lang]
}

// Strings returns the UI strings of lang by key: the site's file for lang
// wins key by key over the built-in one, which wins over the English
// strings (the site's, then the built-in ones): a key a site adds in
// English stands in for the languages that lack it, as the built-in ones
// do.
func (t *Theme) Strings(lang string) map[string]string {
	out := map[string]string{}
	for _, s := range []*stringsFile{t.builtinStrings[fallbackLang], t.strings[fallbackLang], t.builtinStrings[lang], t.strings[lang]} {
		if s != nil {
			maps.Copy(out, s.values)
		}
	}
	return out
}

// hasStrings reports whether lang has a strings file, the site's or a
// built-in one.
func (t *Theme) hasStrings(lang string) bool { return t.stringsFile(lang) != nil }

// UI is the UI strings of a site's languages, by language and key, as a
// renderer reads them.
type UI map[string]map[string]string

// UI returns the UI strings of langs (see Strings).
func (t *Theme) UI(langs []string) UI {
	u := make(UI, len(langs))
	for _, lang := range langs {
		u[lang] = t.Strings(lang)
	}
	return u
}

// T returns the string of key in lang with each {name} of args, given as
// name, value pairs, replaced; the key itself when lang lacks it (the
// theme's checks make that an error for keys the layouts use). A {name}
// args does not name stays as it is, and the first pair of a name wins.
//
// The string is read once, left to right, and a value put in is not read
// again: a record's title holding "{duration}" stays as written. (Each
// pair used to be replaced in turn, which both read the text again per
// pair and replaced placeholders inside the values put in earlier; the
// logbook calls T some hundred times per page.)
func (u UI) T(lang, key string, args ...string) string {
	s, ok := u[lang][key]
	if !ok {
		s = key
	}
	if len(args) < 2 {
		return s
	}
	open := strings.IndexByte(s, '{')
	if open < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for open >= 0 {
		end := strings.IndexByte(s[open+1:], '}')
		if end < 0 {
			break
		}
		end += open + 1
		if v, ok := arg(args, s[open+1:end]); ok {
			b.WriteString(s[:open])
			b.WriteString(v)
			s = s[end+1:]
			open = strings.IndexByte(s, '{')
			continue
		}
		// Not a placeholder of args: keep the brace, and look again
		// from the next character ("{{n}" holds "{n}").
		next := strings.IndexByte(s[open+1:], '{')
		if next < 0 {
			break
		}
		open += 1 + next
	}
	b.WriteString(s)
	return b.String()
}

// arg returns the value of name in args, name and value pairs, the first
// pair of that name.
func arg(args []string, name string) (string, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			return args[i+1], true
		}
	}
	return "", false
}

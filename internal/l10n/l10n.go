// Package l10n holds text written in one or more of a site's languages.
package l10n

import (
	"slices"
	"strings"

	"github.com/incidentsite/incidentsite/internal/yamlx"
	"gopkg.in/yaml.v3"
)

// Text is a text per language code. Written as plain text in YAML it holds
// one entry under the empty code, which stands for every language.
type Text map[string]string

// UnmarshalYAMLNode implements yamlx.Unmarshaler: a Text is plain text or a
// mapping of language codes to text.
func (t *Text) UnmarshalYAMLNode(d *yamlx.Decoder, path string, n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		*t = Text{"": n.Value}
		return
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "type", "%s must be text, or a mapping of language codes to text such as {en: Impact, nl: Impact}", yamlx.Name(path))
		return
	}
	m := make(Text, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "type", "%s: a language code must be plain text, such as en", yamlx.Name(path))
			continue
		}
		if s, ok := d.Scalar(yamlx.Join(path, k.Value), v, "text"); ok {
			m[k.Value] = s
		}
	}
	*t = m
}

// Get returns the text in lang, else the text for every language, else the
// text in fallback, else any text, chosen by code order.
func (t Text) Get(lang, fallback string) string {
	if s, ok := t[lang]; ok {
		return s
	}
	if s, ok := t[""]; ok {
		return s
	}
	if s, ok := t[fallback]; ok {
		return s
	}
	for _, k := range t.Codes() {
		return t[k]
	}
	return ""
}

// Codes returns the language codes t has, sorted.
func (t Text) Codes() []string {
	codes := make([]string, 0, len(t))
	for k := range t {
		codes = append(codes, k)
	}
	slices.Sort(codes)
	return codes
}

// IsZero reports whether t holds no text at all.
func (t Text) IsZero() bool {
	for _, s := range t {
		if s != "" {
			return false
		}
	}
	return true
}

// All returns every text t holds, in code order.
func (t Text) All() []string {
	var out []string
	for _, k := range t.Codes() {
		out = append(out, t[k])
	}
	return out
}

// Local is a text as a page in one language shows it. Lang is the code
// of the language the text is in when that is not the page's: the record
// has no text in the page's language and the page shows another's, and
// the element holding it says so with a lang attribute, so that a screen
// reader pronounces it right. String makes {{.Title}} in a site's own
// layout print the text.
type Local struct{ Text, Lang string }

func (l Local) String() string { return l.Text }

// Local returns t as a page in lang shows it: the text in lang, else the
// default language's (def; which validation requires), else any, by code
// order. A text left blank counts as not written. A record's plain text
// (t[""]) is read as the default language's: a coordinator writes in one
// language, and on another language's page a screen reader must know it.
func (t Text) Local(lang, def string) Local {
	if s := t[lang]; strings.TrimSpace(s) != "" {
		return Local{Text: s}
	}
	for _, s := range []string{t[def], t[""]} {
		if strings.TrimSpace(s) == "" {
			continue
		}
		if lang == def {
			return Local{Text: s}
		}
		return Local{Text: s, Lang: def}
	}
	for _, code := range t.Codes() {
		if strings.TrimSpace(t[code]) != "" {
			return Local{Text: t[code], Lang: code}
		}
	}
	return Local{}
}

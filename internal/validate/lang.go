package validate

import (
	"slices"
	"strings"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// text checks a record's text that may be written per language, as
// title: {en: Sign-in fails, nl: Inloggen mislukt}: every code is a
// configured language (an unknown code is an error, as an unknown key
// is), and the default language has the text every other language falls
// back to. Without it the pages still show a text, in another language
// and marked so; the translation is still to be written, so it is a
// warning (DESIGN.md, non-negotiable 0), an error with validation.strict.
// Plain text is the default language's. It reports whether t holds any
// text; the caller says what to write when not.
func (v *validator) text(p *yamlx.Positions, path string, t l10n.Text) bool {
	blank := true
	for _, s := range t {
		blank = blank && strings.TrimSpace(s) == ""
	}
	if blank {
		return false
	}
	if _, every := t[""]; every {
		return true
	}
	langs, def := v.Config.Languages, v.Config.DefaultLanguage()
	for _, code := range t.Codes() {
		key := yamlx.Join(path, code)
		switch {
		case !slices.Contains(langs, code):
			v.errorf(p.Key(key), "language", "language %q is not one of the site's languages (%s)%s",
				code, strings.Join(langs, ", "), diag.Hint(code, langs, "add it to languages: in incidentsite.yaml, or remove it"))
		case code != def && strings.TrimSpace(t[code]) == "":
			v.warnf(p.Key(key), "language", "%s has no text in %q, so its readers see the %q text; write it, or remove %s:",
				yamlx.Name(path), code, def, code)
		}
	}
	if strings.TrimSpace(t[def]) == "" {
		v.duef(p.Key(path), "language", false, "%s has no text in %q, the site's default language, which the other languages fall back to; add %s: with the text",
			yamlx.Name(path), def, def)
	}
	return true
}

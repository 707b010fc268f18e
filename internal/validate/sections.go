package validate

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/markdown"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// moment tells whether a record has reached a moment of its life, and
// which place in the file shows it.
type moment func(name string) (bool, diag.Position)

// momentWords says "once the incident is resolved" and the like.
var momentWords = map[string]string{
	"detected":     "from detection on",
	"acknowledged": "once the incident is acknowledged",
	"identified":   "once the cause is identified",
	"monitoring":   "once a fix is being monitored",
	"resolved":     "once the incident is resolved",
	"draft":        "from the first draft",
	"review":       "once the RCA is in review",
	"final":        "once the RCA is final",
	"scheduled":    "once the maintenance is scheduled",
	"in_progress":  "once the maintenance is in progress",
	"verifying":    "once the maintenance is being verified",
	"completed":    "once the maintenance is completed",
	"planned":      "once the exercise is planned",
	"held":         "once the exercise has been held",
}

// clockMoments are the moments that the build's "now" brings on, rather
// than something written in the record: an exercise is held once its
// date has passed.
var clockMoments = map[string]bool{"held": true}

// sections checks a body against template t: every "##" section is one
// the template declares, appears once, and those required at a moment the
// record has reached are there and not empty.
func (v *validator) sections(d *content.Doc, t *catalog.Template, reached moment) {
	if !d.BodyRead() {
		return
	}
	lang := v.Config.DefaultLanguage()
	var titles []string
	for _, s := range t.Sections {
		titles = append(titles, s.Title.Get(lang, lang))
	}
	if d.Body.Preamble != nil {
		v.errorf(diag.Position{File: d.File, Line: d.Body.PreambleLine, Col: 1}, "unknown-section",
			"text before the first section belongs to no section; put it under a \"## \" heading, one of: %s", quoteList(titles))
	}
	for _, h := range d.Body.Titles {
		v.errorf(diag.Position{File: d.File, Line: h.Line, Col: h.Col}, "unknown-section",
			"level-1 heading %q: the title comes from the front matter, and sections start with \"## \"", h.Text)
	}
	// present holds the sections written in the default language; filled,
	// those of them with text, which a translation falls back to.
	present, filled := map[string]bool{}, map[string]bool{}
	// translated holds the sections written with text in another of the
	// site's languages. When their default-language text is missing, one
	// error says so, and the requirement for the section stays quiet: one
	// mistake, one message.
	translated := map[string]bool{}
	for _, s := range d.Body.Sections {
		if sec, code := t.SectionInLanguage(s.Heading); sec != nil && code != "" && code != lang && slices.Contains(v.Config.Languages, code) && !s.Empty {
			translated[sec.ID] = true
		}
	}
	type translation struct {
		sec     *catalog.Section
		heading string
		at      diag.Position
	}
	var translations []translation
	seen := map[[2]string]bool{}
	for _, s := range d.Body.Sections {
		at := diag.Position{File: d.File, Line: s.Line, Col: s.Col}
		sec, code := t.SectionInLanguage(s.Heading)
		if sec == nil {
			v.errorf(at, "unknown-section", "section %q is not declared by %s%s",
				s.Heading, t.Source(), diag.Hint(s.Heading, sectionTitles(t), "the sections are: "+quoteList(titles)))
			continue
		}
		switch {
		case code == lang:
			v.errorf(at, "language", "section %q is tagged [%s], the site's default language, which a section without a tag is in; remove the tag", s.Heading, code)
			continue
		case code != "" && !slices.Contains(v.Config.Languages, code):
			v.errorf(at, "language", "section %q is tagged [%s], which is not one of the site's languages (%s)%s", s.Heading, code,
				strings.Join(v.Config.Languages, ", "), diag.Hint(code, v.Config.Languages, "tag it with one of them, or add it to languages: in incidentsite.yaml"))
			continue
		}
		if seen[[2]string{sec.ID, code}] {
			v.errorf(at, "duplicate-section", "section %q appears twice; merge the two", s.Heading)
			continue
		}
		seen[[2]string{sec.ID, code}] = true
		for _, h := range s.Dropped {
			v.droppedHTML(markdown.Position(d.File, s.Body, s.BodyLine, h.Offset), h)
		}
		if sec.Audience == catalog.External {
			v.hiddenHeadings(d.File, s, t)
		}
		if code != "" {
			// The requirements are checked on the default language's
			// section, which every other language falls back to.
			if !s.Empty {
				translations = append(translations, translation{sec, s.Heading, at})
			}
			continue
		}
		present[sec.ID] = true
		filled[sec.ID] = !s.Empty
		if sec.RequiredFrom != "" && s.Empty && !translated[sec.ID] {
			if ok, _ := reached(sec.RequiredFrom); ok {
				v.duef(at, "required-section", clockMoments[sec.RequiredFrom], "section %q is empty, but it is required %s (%s); write in it: %s",
					s.Heading, momentWords[sec.RequiredFrom], t.Source(), guidance(sec, lang))
			}
		}
	}
	reported := map[string]bool{}
	for _, tr := range translations {
		if filled[tr.sec.ID] || reported[tr.sec.ID] {
			continue
		}
		reported[tr.sec.ID] = true
		title := tr.sec.Title.Get(lang, lang)
		// Still to be written: the other trees show the translation,
		// marked with its language, until then.
		if present[tr.sec.ID] {
			v.duef(tr.at, "language", false, "section %q has text, but its section in %s, the site's default language, which the other languages fall back to, is empty; write the text in %s under \"## %s\"",
				tr.heading, lang, lang, title)
			continue
		}
		v.duef(tr.at, "language", false, "section %q has no section in %s, the site's default language, which the other languages fall back to; add \"## %s\" with the text in %s",
			tr.heading, lang, title, lang)
	}
	for i := range t.Sections {
		sec := &t.Sections[i]
		if sec.RequiredFrom == "" || present[sec.ID] || translated[sec.ID] {
			continue
		}
		if ok, at := reached(sec.RequiredFrom); ok {
			v.duef(at, "required-section", clockMoments[sec.RequiredFrom], "section %q is required %s (%s); add \"## %s\" to the body: %s",
				sec.Title.Get(lang, lang), momentWords[sec.RequiredFrom], t.Source(), sec.Title.Get(lang, lang), guidance(sec, lang))
		}
	}
}

// hiddenHeadings warns about a line of external section s that looks like
// the heading of one of t's internal sections but does not start one:
// inside a list, a quote or a code block, escaped ("\\## Internal notes")
// or at another level ("### Internal notes"). Everything under it is
// published with s; the author almost certainly meant a new section.
func (v *validator) hiddenHeadings(file string, s markdown.Section, t *catalog.Template) {
	// A heading-like line has a "#" (headingLike): a section without one
	// needs neither the map nor its lines split, which were 4% of
	// validate's time.
	if !bytes.Contains(s.Body, []byte("#")) {
		return
	}
	internal := map[string]string{}
	for _, sec := range t.Sections {
		if sec.Audience != catalog.Internal {
			continue
		}
		for _, title := range append([]string{sec.ID}, sec.Title.All()...) {
			if k := strings.ToLower(strings.TrimSpace(title)); k != "" {
				internal[k] = title
			}
		}
	}
	if len(internal) == 0 {
		return
	}
	for i, line := range strings.Split(string(s.Body), "\n") {
		col, text, ok := headingLike(line)
		if !ok {
			continue
		}
		title, found := internal[strings.ToLower(text)]
		if !found {
			continue
		}
		v.warnf(diag.Position{File: file, Line: s.BodyLine + i, Col: col}, "hidden-section",
			"%q looks like the heading of internal section %q, but it is part of external section %q and is published with it; start the internal section with \"## %s\" at the start of a line of its own",
			strings.TrimSpace(line), title, s.Heading, title)
	}
}

// headingLike returns the text of line when it reads as a heading once
// what can hide one is taken off its start: indentation, quote and list
// markers, a backslash; and the column of its first "#".
func headingLike(line string) (col int, text string, ok bool) {
	i := 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t' || c == '>' || c == '\\':
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				i = j + 2
				continue
			}
			return 0, "", false
		default:
			goto hashes
		}
	}
hashes:
	start := i
	for i < len(line) && line[i] == '#' {
		i++
	}
	if i == start || i-start > 6 || (i < len(line) && line[i] != ' ' && line[i] != '\t') {
		return 0, "", false
	}
	text = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(line[i:]), "#"))
	return start + 1, strings.TrimSpace(strings.ReplaceAll(text, "\\", "")), text != ""
}

// fields checks that the keys the template requires from a reached moment
// are in the front matter.
func (v *validator) fields(d *content.Doc, t *catalog.Template, reached moment) {
	for _, name := range t.FieldNames() {
		r := t.Fields[name]
		if d.Has(name) || !slices.Contains(fieldNames[t.Kind], name) {
			// A field that is no key of the record is reported on the
			// template: asking for it here would advise an unknown key.
			continue
		}
		if ok, at := reached(r.RequiredFrom); ok {
			fix := "add " + name + ": to the front matter"
			if d.Pos.Commented(name) {
				fix = "uncomment the line " + name + ": in the front matter and give it its value"
			}
			v.duef(at, "required-field", clockMoments[r.RequiredFrom], "%s is required %s (%s); %s",
				name, momentWords[r.RequiredFrom], t.Source(), fix)
		}
	}
}

// fieldNames lists the front matter keys of each kind of record, which a
// template's fields may require.
var fieldNames = map[vocab.Kind][]string{
	vocab.KindIncident:    yamlx.FieldNames(&content.Incident{}),
	vocab.KindRCA:         yamlx.FieldNames(&content.RCA{}),
	vocab.KindMaintenance: yamlx.FieldNames(&content.Maintenance{}),
	vocab.KindExercise:    yamlx.FieldNames(&content.Exercise{}),
}

// template checks what a template can only be checked against with the
// record types and the regulations at hand: that its fields are keys of
// its kind of record, that its regulation: names regulations.
func (v *validator) template(t *catalog.Template) {
	for i, r := range t.Regulation {
		if msg := v.Regulations.CheckName(r); msg != "" {
			v.errorf(t.Pos.Value(yamlx.Join("regulation", i)), "enum", "%s", msg)
		}
	}
	names := fieldNames[t.Kind]
	for _, f := range slices.Sorted(maps.Keys(t.Fields)) {
		if !slices.Contains(names, f) {
			v.errorf(t.Pos.Key("fields."+f), "unknown-key", "field %q is not a key of a%s %s%s", f, an(string(t.Kind)), t.Kind,
				diag.Hint(f, names, "the keys are "+strings.Join(names, ", ")))
		}
	}
}

// rolesHeld warns about roles that a template's internal communication
// names but that no contact holds: nobody would be told.
func (v *validator) rolesHeld() {
	if v.contactsUnknown() {
		return
	}
	for _, t := range v.Catalog.Templates() {
		for i, r := range t.Communication.Internal.Who {
			if v.Config.Role(r) != nil && v.roleHolders[r] == 0 {
				// A built-in template is not among the site's files: say
				// so, or the position would send people looking for it.
				from := ""
				if t.Builtin {
					from = " (" + t.Source() + ")"
				}
				v.warnf(t.Pos.Value(fmt.Sprintf("communication.internal.who.%d", i)), "unheld-role",
					"no contact holds role %q%s, so nobody would be told; add it to a contact's roles in %s/", r, from, content.Folder(vocab.KindContacts))
			}
		}
	}
}

func guidance(s *catalog.Section, lang string) string {
	if g := s.Guidance.Get(lang, lang); g != "" {
		return g
	}
	return "write what it asks for"
}

// sectionTitles lists the titles of t's sections in every language.
func sectionTitles(t *catalog.Template) []string {
	var titles []string
	for _, s := range t.Sections {
		titles = append(titles, s.Title.All()...)
	}
	return titles
}

func quoteList(items []string) string {
	out := ""
	for i, s := range items {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%q", s)
	}
	return out
}

func an(s string) string {
	if s != "" && (s[0] == 'a' || s[0] == 'e' || s[0] == 'i' || s[0] == 'o' || s[0] == 'u') {
		return "n"
	}
	return ""
}

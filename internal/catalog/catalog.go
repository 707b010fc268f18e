// Package catalog loads the category templates: the built-in ones embedded
// in the binary and the site's own from its templates/ folder, with one
// precedence rule: a site's file replaces the built-in file of the same
// name, and a new name adds a category.
//
// A template says, for one kind of record, what the record must say
// (sections and fields, and from which moment of its life), and how the
// team communicates about it.
package catalog

import (
	"embed"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/ident"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

//go:embed defaults/templates/*.yaml
var embedded embed.FS

// Dir is the folder of templates, in a site and among the built-ins.
const Dir = "templates"

// recordKinds are the kinds whose template is the file of their name
// (rca.yaml); every other file is an incident category, of kind
// vocab.KindIncident. Contact lists have no template.
var recordKinds = []vocab.Kind{vocab.KindRCA, vocab.KindMaintenance, vocab.KindExercise}

// Moments lists, per kind, the moments of a record's life in order; a
// section or field is required from one of them onwards. An RCA's and a
// maintenance window's are their statuses.
var Moments = map[vocab.Kind][]string{
	vocab.KindIncident:    {"detected", "acknowledged", "identified", "monitoring", "resolved"},
	vocab.KindRCA:         vocab.Strings(vocab.RCAStatuses),
	vocab.KindMaintenance: vocab.Strings(vocab.MaintenanceStatuses),
	vocab.KindExercise:    {"planned", "held"},
}

// CommunicationMoments are the moments a communication plan may name.
var CommunicationMoments = map[vocab.Kind][]string{
	vocab.KindIncident:    {"detected", "acknowledged", "identified", "during-recovery", "delayed", "resolved", "post-incident"},
	vocab.KindMaintenance: {"scheduled", "reminder", "started", "delayed", "completed"},
}

// Audiences of a section.
const (
	External = "external"
	Internal = "internal"
)

// Template is one category template.
type Template struct {
	Name        string    `yaml:"name"`
	Title       l10n.Text `yaml:"title"`
	Description l10n.Text `yaml:"description"`
	// Severities are the values an incident's severity may take, least
	// severe first.
	Severities []string `yaml:"severities"`
	// Visibility is the default of an incident's visibility.
	Visibility vocab.Visibility `yaml:"visibility"`
	// RCARequiredFor lists the severities for which a resolved incident
	// should have a root cause analysis.
	RCARequiredFor []string `yaml:"rca_required_for"`
	// Regulation lists the regulations incidents of this category usually
	// fall under; "new" proposes them.
	Regulation    []string             `yaml:"regulation"`
	Sections      []Section            `yaml:"sections"`
	Fields        map[string]FieldRule `yaml:"fields"`
	Communication Communication        `yaml:"communication"`

	// Kind is vocab.KindIncident for a category, else the record it
	// describes.
	Kind vocab.Kind `yaml:"-"`
	// File is the template's path, "templates/availability.yaml".
	File string `yaml:"-"`
	// Builtin reports whether the template is the embedded default.
	Builtin bool             `yaml:"-"`
	Pos     *yamlx.Positions `yaml:"-"`

	// headings finds a section by its id or any of its titles, folded to
	// lower case.
	headings map[string]*Section
	// written maps the ids and titles as written in the template to what
	// headings gives for them.
	written map[string]*Section
	// fieldNames are the keys of Fields, sorted, as loaded.
	fieldNames []string
}

// FieldNames returns the keys of Fields, sorted; the caller must not
// change the slice. Validation asks for them for every record: they are
// sorted once, when the template is loaded.
func (t *Template) FieldNames() []string {
	if len(t.fieldNames) != len(t.Fields) {
		return slices.Sorted(maps.Keys(t.Fields)) // a template built by hand
	}
	return t.fieldNames
}

// Section is a "##" section of a record's body.
type Section struct {
	ID       string    `yaml:"id"`
	Title    l10n.Text `yaml:"title"`
	Audience string    `yaml:"audience"`
	// RequiredFrom is the moment from which the section must be present
	// and not empty; empty means optional.
	RequiredFrom string `yaml:"required_from"`
	// Guidance is one line on what the section should say.
	Guidance l10n.Text `yaml:"guidance"`
}

// FieldRule says from when a front matter key is required.
type FieldRule struct {
	RequiredFrom string `yaml:"required_from"`
}

// Communication is who must be told what, how and when.
type Communication struct {
	External Plan `yaml:"external"`
	Internal Plan `yaml:"internal"`
}

// Plan is one audience's part of the communication plan.
type Plan struct {
	Who  []string `yaml:"who"`
	How  []string `yaml:"how"`
	When []string `yaml:"when"`
}

// Source returns how messages refer to the template's file.
func (t *Template) Source() string {
	if t.Builtin {
		return t.File + ", built in"
	}
	return t.File
}

// Section returns the section with id, or nil.
func (t *Template) Section(id string) *Section {
	for i := range t.Sections {
		if t.Sections[i].ID == id {
			return &t.Sections[i]
		}
	}
	return nil
}

// SectionByHeading returns the section whose id or title, in any
// language, is heading (compared without regard to case), or nil.
func (t *Template) SectionByHeading(heading string) *Section {
	if s, ok := t.written[heading]; ok {
		return s
	}
	return t.headings[strings.ToLower(strings.TrimSpace(heading))]
}

// SectionInLanguage returns the section that a "##" heading starts and
// the language code it is tagged with: "Oorzaak [nl]" is the section
// titled "Oorzaak" (in any language) written in nl. A heading without a
// tag has code "", the default language. A heading that is a section's
// title as it stands is that section, untagged, even if it ends in
// brackets. It returns nil when the heading names no section.
func (t *Template) SectionInLanguage(heading string) (sec *Section, code string) {
	if sec := t.SectionByHeading(heading); sec != nil {
		return sec, ""
	}
	h := strings.TrimSpace(heading)
	i := strings.LastIndex(h, " [")
	if i < 0 || !strings.HasSuffix(h, "]") {
		return nil, ""
	}
	code = h[i+2 : len(h)-1]
	if code == "" || strings.ContainsAny(code, " \t[]") {
		return nil, ""
	}
	if sec := t.SectionByHeading(h[:i]); sec != nil {
		return sec, code
	}
	return nil, ""
}

func (t *Template) indexHeadings() {
	t.headings = make(map[string]*Section, 3*len(t.Sections))
	for i := range t.Sections {
		s := &t.Sections[i]
		for _, h := range append([]string{s.ID}, s.Title.All()...) {
			if k := strings.ToLower(strings.TrimSpace(h)); t.headings[k] == nil {
				t.headings[k] = s
			}
		}
	}
	// Records mostly write a heading as the template does ("## Impact"):
	// looking it up as written first saves folding its case, which
	// allocated for every heading of every record.
	t.written = make(map[string]*Section, 3*len(t.Sections))
	for i := range t.Sections {
		s := &t.Sections[i]
		for _, h := range append([]string{s.ID}, s.Title.All()...) {
			t.written[h] = t.headings[strings.ToLower(strings.TrimSpace(h))]
		}
	}
}

// Catalog is the set of templates of a site.
type Catalog struct {
	byName map[string]*Template
}

// Get returns the template with name, or nil.
func (c *Catalog) Get(name string) *Template { return c.byName[name] }

// Categories returns the names of the incident categories, sorted.
func (c *Catalog) Categories() []string {
	var names []string
	for n, t := range c.byName {
		if t.Kind == vocab.KindIncident {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// Templates returns every template, sorted by name.
func (c *Catalog) Templates() []*Template {
	var out []*Template
	for _, n := range slices.Sorted(maps.Keys(c.byName)) {
		out = append(out, c.byName[n])
	}
	return out
}

// Builtin returns the embedded default templates' files, for init.
func Builtin() fs.FS {
	sub, err := fs.Sub(embedded, "defaults")
	if err != nil {
		panic(err)
	}
	return sub
}

// Load reads the built-in templates and the site's templates/ folder in
// site, the site's file winning over the built-in one of the same name,
// and checks each against cfg.
func Load(site fs.FS, cfg *config.Config) (*Catalog, diag.List) {
	var diags diag.List
	c := &Catalog{byName: map[string]*Template{}}
	files := map[string]struct {
		fsys    fs.FS
		builtin bool
		f       source.File
	}{}
	builtinFiles, d := source.Walk(Builtin(), Dir, source.Limits{})
	diags.Append(d)
	for _, f := range builtinFiles {
		files[path.Base(f.Path)] = struct {
			fsys    fs.FS
			builtin bool
			f       source.File
		}{Builtin(), true, f}
	}
	lim := source.Limits{MaxFileSize: int64(cfg.Limits.MaxFileSize), MaxFiles: 1000}
	siteFiles, d := source.Walk(site, Dir, lim)
	diags.Append(d)
	for _, f := range siteFiles {
		base := path.Base(f.Path)
		if path.Dir(f.Path) != Dir {
			diags.Errorf(diag.Position{File: f.Path, Line: 1, Col: 1}, "file-name", "templates must sit directly in templates/, not in a subfolder")
			continue
		}
		if path.Ext(base) != ".yaml" {
			diags.Warnf(diag.Position{File: f.Path, Line: 1, Col: 1}, "file-name", "ignored: templates are .yaml files")
			continue
		}
		files[base] = struct {
			fsys    fs.FS
			builtin bool
			f       source.File
		}{site, false, f}
	}
	for _, base := range slices.Sorted(maps.Keys(files)) {
		e := files[base]
		limit, depth := int64(cfg.Limits.MaxFileSize), cfg.Limits.MaxDepth
		if e.builtin {
			// The site's limits guard against its own files; the built-in
			// templates come with the binary and must load whatever they
			// are, or every category would go missing.
			limit, depth = 0, yamlx.DefaultMaxDepth
		}
		data, err := source.ReadFile(e.fsys, e.f, limit)
		if err != nil {
			diags.Errorf(diag.Position{File: e.f.Path, Line: 1, Col: 1}, "read", "cannot read: %v", err)
			continue
		}
		t, d := parse(e.f.Path, data, cfg, depth)
		diags.Append(d)
		if t != nil {
			t.Builtin = e.builtin
			c.byName[t.Name] = t
		}
	}
	for _, k := range recordKinds {
		switch e, ok := files[string(k)+".yaml"]; {
		case c.byName[string(k)] != nil:
		case ok && !e.builtin:
			// The built-in one is always there: only a site's broken
			// replacement can leave the kind without a template.
			diags.Errorf(diag.Position{File: e.f.Path, Line: 1, Col: 1}, "template",
				"this file replaces the built-in %s template but cannot be read; fix it, or remove it to use the built-in one", k)
		default:
			diags.Errorf(diag.Position{File: path.Join(Dir, string(k)+".yaml"), Line: 1, Col: 1}, "template", "the %s template is missing", k)
		}
	}
	return c, diags
}

// Parse reads data as the template file file and checks it against cfg.
// It returns nil when the file cannot be read as a template at all.
func Parse(file string, data []byte, cfg *config.Config) (*Template, diag.List) {
	return parse(file, data, cfg, cfg.Limits.MaxDepth)
}

// parse is Parse with the YAML nesting bounded by maxDepth.
func parse(file string, data []byte, cfg *config.Config, maxDepth int) (*Template, diag.List) {
	diags := source.CheckText(file, data)
	if diags.HasErrors() {
		return nil, diags
	}
	node, d := yamlx.Parse(file, data, 0, maxDepth)
	diags.Append(d)
	if d.HasErrors() {
		return nil, diags
	}
	t := &Template{File: file}
	dec := &yamlx.Decoder{File: file, Location: cfg.Location}
	pos, d := dec.Decode(node, t)
	diags.Append(d)
	t.Pos = pos
	stem := strings.TrimSuffix(path.Base(file), ".yaml")
	t.Kind = vocab.KindIncident
	if k := vocab.Kind(stem); slices.Contains(recordKinds, k) {
		t.Kind = k
	}
	diags.Append(t.check(stem, cfg))
	t.indexHeadings()
	t.fieldNames = slices.Sorted(maps.Keys(t.Fields))
	return t, diags
}

func (t *Template) check(stem string, cfg *config.Config) diag.List {
	var diags diag.List
	p := t.Pos
	if !ident.Valid(stem) {
		diags.Errorf(p.Root, "file-name", "template file name %q must be %s, then .yaml", stem, ident.Rule)
	}
	switch {
	case t.Name == "":
		diags.Errorf(p.Key("name"), "required", "name is missing; add name: %s", stem)
		t.Name = stem
	case t.Name != stem:
		diags.Errorf(p.Value("name"), "template", "name %q differs from the file name; it must be %q", t.Name, stem)
		t.Name = stem
	}
	if t.Title.IsZero() {
		diags.Errorf(p.Key("title"), "required", "title is missing; add title: {en: ..., nl: ...}")
	}
	diags.Append(t.checkText("title", t.Title, cfg))

	if t.Kind == vocab.KindIncident {
		if len(t.Severities) == 0 {
			diags.Errorf(p.Key("severities"), "required", "severities is missing; list them least severe first, as in severities: [minor, major, critical]")
		}
		diags.Append(checkIDs(p, "severities", "severity", t.Severities))
		if t.Visibility == "" {
			diags.Errorf(p.Key("visibility"), "required", "visibility is missing; add visibility: public or visibility: internal")
		} else if !slices.Contains(vocab.Visibilities, t.Visibility) {
			diags.Errorf(p.Value("visibility"), "enum", "visibility %q is not one of %s", t.Visibility, strings.Join(vocab.Strings(vocab.Visibilities), ", "))
		}
		for i, s := range t.RCARequiredFor {
			if !slices.Contains(t.Severities, s) {
				diags.Errorf(p.Value(yamlx.Join("rca_required_for", i)), "enum", "severity %q is not one of %s%s", s, strings.Join(t.Severities, ", "), diag.DidYouMean(s, t.Severities))
			}
		}
		// regulation: names regulations, which are loaded apart
		// (package regulation): validate checks it against them.
	} else {
		for _, k := range []string{"severities", "visibility", "rca_required_for", "regulation"} {
			if p.Has(k) {
				diags.Errorf(p.Key(k), "template", "%s applies to incident categories only; remove it from the %s template", k, t.Kind)
			}
		}
	}

	moments := Moments[t.Kind]
	seen := map[string]bool{}
	for i := range t.Sections {
		s := &t.Sections[i]
		base := yamlx.Join("sections", i)
		switch {
		case s.ID == "":
			diags.Errorf(p.Key(base), "required", "section has no id; add id:")
		case !ident.Valid(s.ID):
			diags.Errorf(p.Value(base+".id"), "id", "section id %q must be %s", s.ID, ident.Rule)
		case seen[s.ID]:
			diags.Errorf(p.Value(base+".id"), "duplicate-id", "section %q is declared twice", s.ID)
		}
		seen[s.ID] = true
		if s.Title.IsZero() {
			diags.Errorf(p.Key(base), "required", "section %q has no title; add title: {en: ..., nl: ...}", s.ID)
		}
		diags.Append(t.checkText(base+".title", s.Title, cfg))
		diags.Append(t.checkText(base+".guidance", s.Guidance, cfg))
		switch s.Audience {
		case External, Internal:
		case "":
			diags.Errorf(p.Key(base), "required", "section %q has no audience; add audience: external (customers read it) or internal", s.ID)
		default:
			diags.Errorf(p.Value(base+".audience"), "enum", "audience %q is not one of external, internal%s", s.Audience, diag.DidYouMean(s.Audience, []string{External, Internal}))
		}
		if s.RequiredFrom != "" && !slices.Contains(moments, s.RequiredFrom) {
			diags.Errorf(p.Value(base+".required_from"), "enum", "moment %q is not one of %s%s", s.RequiredFrom, strings.Join(moments, ", "), diag.DidYouMean(s.RequiredFrom, moments))
		}
	}
	diags.Append(t.checkHeadings())
	for _, name := range slices.Sorted(maps.Keys(t.Fields)) {
		r := t.Fields[name]
		if r.RequiredFrom == "" {
			diags.Errorf(p.Key("fields."+name), "required", "field %q needs required_from: one of %s", name, strings.Join(moments, ", "))
		} else if !slices.Contains(moments, r.RequiredFrom) {
			diags.Errorf(p.Value("fields."+name+".required_from"), "enum", "moment %q is not one of %s%s", r.RequiredFrom, strings.Join(moments, ", "), diag.DidYouMean(r.RequiredFrom, moments))
		}
	}
	diags.Append(t.checkPlan("communication.external", t.Communication.External, cfg, config.Customer, config.External))
	diags.Append(t.checkPlan("communication.internal", t.Communication.Internal, cfg, config.Internal))
	return diags
}

func (t *Template) checkPlan(base string, plan Plan, cfg *config.Config, audiences ...string) diag.List {
	var diags diag.List
	p := t.Pos
	for i, who := range plan.Who {
		at := p.Value(yamlx.Join(base+".who", i))
		r := cfg.Role(who)
		switch {
		case r == nil:
			diags.Errorf(at, "unknown-role", "role %q is unknown%s", who, diag.Hint(who, cfg.RoleIDs(), "declare it under roles: in "+config.File))
		case !slices.Contains(audiences, r.Audience):
			diags.Errorf(at, "unknown-role", "role %q is a%s %s role; %s.who takes %s roles", who, an(r.Audience), r.Audience, base, strings.Join(audiences, " or "))
		}
	}
	side := strings.TrimPrefix(base, "communication.")
	for i, how := range plan.How {
		at := p.Value(yamlx.Join(base+".how", i))
		ch := cfg.Channel(how)
		switch {
		case ch == nil:
			diags.Errorf(at, "unknown-channel", "channel %q is unknown%s", how, diag.Hint(how, cfg.ChannelIDs(), "declare it under channels: in "+config.File))
		case ch.Audience != "both" && ch.Audience != side:
			diags.Errorf(at, "unknown-channel", "channel %q is for %s communication, not %s", how, ch.Audience, side)
		}
	}
	when := CommunicationMoments[t.Kind]
	for i, w := range plan.When {
		if !slices.Contains(when, w) {
			diags.Errorf(p.Value(yamlx.Join(base+".when", i)), "enum", "moment %q is not one of %s%s", w, strings.Join(when, ", "), diag.DidYouMean(w, when))
		}
	}
	if (len(plan.Who) > 0 || len(plan.How) > 0 || len(plan.When) > 0) && (len(plan.Who) == 0 || len(plan.How) == 0 || len(plan.When) == 0) {
		diags.Errorf(p.Key(base), "template", "%s needs who, how and when together", base)
	}
	return diags
}

func an(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "n"
	}
	return ""
}

// checkHeadings reports a section whose id or title, in any language, is
// also another section's (compared without regard to case, as headings
// are read): a "##" heading would name both, and its text could land in
// the wrong one, an internal section's on the public page.
func (t *Template) checkHeadings() diag.List {
	var diags diag.List
	type name struct {
		section int
		what    string // "id", or "title" with its language
	}
	owner := map[string]name{}
	for i := range t.Sections {
		s := &t.Sections[i]
		base := yamlx.Join("sections", i)
		type entry struct{ text, what, path string }
		entries := []entry{{s.ID, "id", base + ".id"}}
		for _, code := range s.Title.Codes() {
			e := entry{s.Title[code], "title", base + ".title"}
			if code != "" {
				e.what, e.path = "title ("+code+")", yamlx.Join(base+".title", code)
			}
			entries = append(entries, e)
		}
		for _, e := range entries {
			k := strings.ToLower(strings.TrimSpace(e.text))
			if k == "" {
				continue
			}
			o, taken := owner[k]
			if !taken {
				owner[k] = name{i, e.what}
				continue
			}
			other := &t.Sections[o.section]
			if o.section == i || other.ID == s.ID {
				// One section may say the same in two languages; an id
				// declared twice is reported as such.
				continue
			}
			diags.Errorf(t.Pos.Value(e.path), "duplicate-title",
				"section %q has the %s %q, which is the %s of section %q: a \"## %s\" heading could not tell them apart; give each section titles of its own",
				s.ID, e.what, e.text, o.what, other.ID, e.text)
		}
	}
	return diags
}

func (t *Template) checkText(path string, txt l10n.Text, cfg *config.Config) diag.List {
	var diags diag.List
	for _, code := range txt.Codes() {
		if code != "" && !slices.Contains(cfg.Languages, code) && !t.Builtin && !isKnownLanguage(code) {
			diags.Errorf(t.Pos.Key(yamlx.Join(path, code)), "language", "language %q is not one of the site's languages (%s)", code, strings.Join(cfg.Languages, ", "))
		}
	}
	return diags
}

// isKnownLanguage reports whether code is a language the built-in files
// are written in; a template may carry them for sites that add them later.
func isKnownLanguage(code string) bool { return code == "en" || code == "nl" }

func checkIDs(p *yamlx.Positions, key, what string, ids []string) diag.List {
	var diags diag.List
	seen := map[string]bool{}
	for i, id := range ids {
		at := p.Value(yamlx.Join(key, i))
		switch {
		case !ident.Valid(id):
			diags.Errorf(at, "id", "%s %q must be %s", what, id, ident.Rule)
		case seen[id]:
			diags.Errorf(at, "duplicate-id", "%s %q is listed twice", what, id)
		}
		seen[id] = true
	}
	return diags
}

package regulation

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/ident"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

//go:embed defaults/regulations/*.yaml
var embedded embed.FS

// Dir is the folder of regulations, in a site and among the built-ins.
const Dir = "regulations"

// Regulation is one law's reporting obligations.
type Regulation struct {
	Name  string    `yaml:"name"`
	Title l10n.Text `yaml:"title"`
	// Article cites the provision that sets the obligations, as in
	// "Directive (EU) 2022/2555 (NIS2), art. 23".
	Article string `yaml:"article"`
	// Question is what the team decides for each incident under the
	// regulation: "Is this a significant incident?".
	Question l10n.Text `yaml:"question"`
	// Criteria are the checklist the team weighs to answer Question.
	Criteria []Criterion `yaml:"criteria"`
	// Conditions are further findings a stage may depend on, decided
	// with the question.
	Conditions []Criterion `yaml:"conditions"`
	Stages     []Stage     `yaml:"stages"`

	// File is the regulation's path, "regulations/nis2.yaml".
	File string `yaml:"-"`
	// Builtin reports whether the regulation is the embedded default.
	Builtin bool             `yaml:"-"`
	Pos     *yamlx.Positions `yaml:"-"`
}

// Criterion is one item of a checklist, with the article it comes from.
type Criterion struct {
	ID      string    `yaml:"id"`
	Article string    `yaml:"article"`
	Text    l10n.Text `yaml:"text"`
}

// Stage is one report a regulation asks for.
type Stage struct {
	ID      string    `yaml:"id"`
	Title   l10n.Text `yaml:"title"`
	Article string    `yaml:"article"`
	// Kinds are the values of an incident's notifications' kind that
	// record this stage; none means the stage's id.
	Kinds []string `yaml:"kinds"`
	// To are the roles of the recipients; the stage is met when a
	// notification reached a contact of each.
	To []string `yaml:"to"`
	// Clocks start the stage's deadline; when several have started, the
	// earliest deadline counts.
	Clocks []Timer `yaml:"clocks"`
	// IfOngoing replaces Clocks when the incident is still being handled
	// at the deadline they give (NIS2 art. 23(4)(e)); a stage that
	// Replaces this one is then due at that deadline instead.
	IfOngoing *Ongoing `yaml:"if_ongoing"`
	// Replaces names an earlier stage with IfOngoing that this stage
	// stands in for while the incident is ongoing at that stage's
	// deadline; such a stage has no clocks of its own.
	Replaces string `yaml:"replaces"`
	// Condition names one of the regulation's conditions: the stage is
	// required only when the decision found it.
	Condition string `yaml:"condition"`
	// Content is what the report must hold.
	Content []Item `yaml:"content"`
}

// Ongoing is how a stage's clock runs when the incident is still being
// handled at its deadline.
type Ongoing struct {
	Clocks []Timer `yaml:"clocks"`
}

// Item is one thing a report must hold.
type Item struct {
	ID      string    `yaml:"id"`
	Article string    `yaml:"article"`
	Text    l10n.Text `yaml:"text"`
	// LateOnly marks what only a late report must hold: the reasons for
	// the delay (GDPR art. 33(1)).
	LateOnly bool `yaml:"late_only"`
}

// A Timer starts a clock at an event and runs for a period.
type Timer struct {
	// From is the event: one of Starts.
	From string `yaml:"from"`
	// Stage is the earlier stage whose submission starts the clock, for
	// From submitted and last-submitted.
	Stage  string `yaml:"stage"`
	Within Period `yaml:"within"`
}

// The events a clock may start from.
const (
	// FromDetected is awareness: the incident's detected time.
	FromDetected = "detected"
	// FromClassified is the decision that the incident falls under the
	// regulation (significant, notifiable, major).
	FromClassified = "classified"
	// FromSubmitted is the first actual submission of an earlier stage.
	FromSubmitted = "submitted"
	// FromLastSubmitted is the latest submission of an earlier stage
	// (DORA's final report follows the latest intermediate report).
	FromLastSubmitted = "last-submitted"
	// FromRequested is the authority's latest request for the stage.
	FromRequested = "requested"
	// FromHandled is the end of the incident's handling.
	FromHandled = "handled"
)

// Starts are the events a clock may start from.
var Starts = []string{FromDetected, FromClassified, FromSubmitted, FromLastSubmitted, FromRequested, FromHandled}

// PeriodKind tells how a Period runs.
type PeriodKind int

// The kinds of period.
const (
	// Hours is an absolute duration: it runs through nights, weekends,
	// holidays and changes of summer time.
	Hours PeriodKind = iota + 1
	// Months is a number of calendar months in the site's time zone.
	Months
	// Immediate is "without undue delay": no fixed deadline; the stage
	// is due from the moment its clock starts and is never missed.
	Immediate
	// Requested is the deadline the authority's request sets; a request
	// without one is due at once.
	Requested
)

// Period is how long a clock runs, written as 24h, 1 month, 3 months,
// without undue delay or as requested.
type Period struct {
	Kind     PeriodKind
	Duration time.Duration
	Months   int
}

// maxMonths bounds a period in months: no report is due years later.
const maxMonths = 120

// ParsePeriod parses a period as written in a regulation file.
func ParsePeriod(s string) (Period, error) {
	t := strings.Join(strings.Fields(strings.ToLower(s)), " ")
	switch t {
	case "without undue delay":
		return Period{Kind: Immediate}, nil
	case "as requested":
		return Period{Kind: Requested}, nil
	}
	if n, unit, ok := strings.Cut(t, " "); ok && (unit == "month" || unit == "months") {
		m, err := strconv.Atoi(n)
		if err != nil || m < 1 || m > maxMonths || (unit == "month" && m != 1) {
			return Period{}, fmt.Errorf("%q is not a period; write a whole number of months from 1 to %d, as in 1 month or 3 months", s, maxMonths)
		}
		return Period{Kind: Months, Months: m}, nil
	}
	d, err := yamlx.ParseDuration(t)
	if err != nil || strings.Contains(t, " ") {
		return Period{}, fmt.Errorf("%q is not a period; write 24h, 72h, 1 month, without undue delay or as requested", s)
	}
	return Period{Kind: Hours, Duration: d}, nil
}

// UnmarshalYAMLNode implements yamlx.Unmarshaler.
func (p *Period) UnmarshalYAMLNode(d *yamlx.Decoder, path string, n *yaml.Node) {
	s, ok := d.Scalar(path, n, "a period")
	if !ok {
		return
	}
	v, err := ParsePeriod(s)
	if err != nil {
		d.Errorf(n, "type", "%s: %v", yamlx.Name(path), err)
		return
	}
	*p = v
}

// String returns the period as it is written.
func (p Period) String() string {
	switch p.Kind {
	case Hours:
		if p.Duration%time.Hour == 0 {
			return fmt.Sprintf("%dh", p.Duration/time.Hour)
		}
		return p.Duration.String()
	case Months:
		if p.Months == 1 {
			return "1 month"
		}
		return fmt.Sprintf("%d months", p.Months)
	case Immediate:
		return "without undue delay"
	case Requested:
		return "as requested"
	}
	return ""
}

// Deadline returns when a period that starts at start ends, for Hours and
// Months; Immediate ends at once; Requested has no deadline of its own
// and returns start.
//
// Hours are added as an absolute duration, counted from the minute of the
// event: a day with a change of summer time has 23 or 25 hours on the
// clock on the wall, and none of them is skipped. Regulation (EEC,
// Euratom) No 1182/71 would let an hour period start at the next full
// hour; counting from the minute is never later than the law.
//
// Months follow Regulation 1182/71 art. 3(2)(c): the day of the event
// does not count, and the period ends when the same date of the last
// month expires, or the last day of that month when it has no such date:
// a month from an event on 31 January ends when 28 February (29 in a
// leap year) expires, at the midnight that starts 1 March in loc.
// The extension of art. 3(4) to the next working day is not applied:
// holidays are national, and the earlier date is never late.
func (p Period) Deadline(start time.Time, loc *time.Location) time.Time {
	switch p.Kind {
	case Hours:
		return start.Add(p.Duration)
	case Months:
		if loc == nil {
			loc = time.UTC
		}
		y, m, d := start.In(loc).Date()
		last := time.Date(y, m+time.Month(p.Months)+1, 0, 0, 0, 0, 0, loc).Day()
		// The end of day min(d, last) of the target month is the start of
		// the next day.
		return time.Date(y, m+time.Month(p.Months), min(d, last)+1, 0, 0, 0, 0, loc)
	}
	return start
}

// Source returns how messages refer to the regulation's file.
func (r *Regulation) Source() string {
	if r.Builtin {
		return r.File + ", built in"
	}
	return r.File
}

// Stage returns the stage with id, or nil.
func (r *Regulation) Stage(id string) *Stage {
	for i := range r.Stages {
		if r.Stages[i].ID == id {
			return &r.Stages[i]
		}
	}
	return nil
}

// Condition returns the condition with id, or nil.
func (r *Regulation) Condition(id string) *Criterion {
	for i := range r.Conditions {
		if r.Conditions[i].ID == id {
			return &r.Conditions[i]
		}
	}
	return nil
}

// Kinds returns the notification kinds of the regulation's stages, in the
// order of the stages.
func (r *Regulation) Kinds() []string {
	var out []string
	for i := range r.Stages {
		out = append(out, r.Stages[i].Kinds...)
	}
	return out
}

// Roles returns the roles the regulation's stages address, sorted, each
// once: each must be held by a contact for a report to reach it.
func (r *Regulation) Roles() []string {
	seen := map[string]bool{}
	for i := range r.Stages {
		for _, role := range r.Stages[i].To {
			seen[role] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// CheckCriterion returns what is wrong with id as one of r's criteria, or
// "" when it is one: a decision's checklist names the criteria it found.
func (r *Regulation) CheckCriterion(id string) string {
	return oneOf("criterion", id, r.Name, criterionIDs(r.Criteria))
}

// CheckCondition returns what is wrong with id as one of r's conditions,
// or "" when it is one.
func (r *Regulation) CheckCondition(id string) string {
	return oneOf("condition", id, r.Name, criterionIDs(r.Conditions))
}

// CheckStage returns what is wrong with id as one of r's stages, or ""
// when it is one: an authority's request names the stage it asks for.
func (r *Regulation) CheckStage(id string) string {
	ids := make([]string, len(r.Stages))
	for i := range r.Stages {
		ids[i] = r.Stages[i].ID
	}
	return oneOf("stage", id, r.Name, ids)
}

func criterionIDs(list []Criterion) []string {
	ids := make([]string, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	return ids
}

// oneOf returns "" when got is one of options, else the message:
// `nis2 stage "intermediat" is not one of …; did you mean …?`.
func oneOf(what, got, reg string, options []string) string {
	if slices.Contains(options, got) {
		return ""
	}
	if len(options) == 0 {
		return fmt.Sprintf("%s %s %q is unknown: %s has no %ss", reg, what, got, reg, what)
	}
	return fmt.Sprintf("%s %s %q is not one of %s%s", reg, what, got, strings.Join(options, ", "), diag.DidYouMean(got, options))
}

// Set is the set of regulations of a site.
type Set struct {
	byName map[string]*Regulation
	byKind map[string]kindRef
}

type kindRef struct {
	reg   *Regulation
	stage int
}

// Get returns the regulation with name, or nil.
func (s *Set) Get(name string) *Regulation { return s.byName[name] }

// Names returns the names of the regulations, sorted: the values an
// incident's or a template's regulation: may take.
func (s *Set) Names() []string { return slices.Sorted(maps.Keys(s.byName)) }

// Regulations returns every regulation, sorted by name.
func (s *Set) Regulations() []*Regulation {
	var out []*Regulation
	for _, n := range s.Names() {
		out = append(out, s.byName[n])
	}
	return out
}

// ByKind returns the regulation and stage a notification kind records,
// or nil, nil when no stage has the kind.
func (s *Set) ByKind(kind string) (*Regulation, *Stage) {
	ref, ok := s.byKind[kind]
	if !ok {
		return nil, nil
	}
	return ref.reg, &ref.reg.Stages[ref.stage]
}

// Kinds returns the notification kinds of the regulations named, or of
// every regulation when none is named, sorted. Unknown names are skipped.
func (s *Set) Kinds(names ...string) []string {
	if len(names) == 0 {
		names = s.Names()
	}
	var out []string
	for _, n := range names {
		if r := s.byName[n]; r != nil {
			out = append(out, r.Kinds()...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// CheckName returns what is wrong with name as a regulation, or "" when
// it names one: `regulation "nis" is not one of dora, gdpr, nis2; did you
// mean "nis2"?`.
func (s *Set) CheckName(name string) string {
	if s.byName[name] != nil {
		return ""
	}
	names := s.Names()
	return fmt.Sprintf("regulation %q is not one of %s%s", name, strings.Join(names, ", "),
		diag.Hint(name, names, "or add "+path.Join(Dir, name+".yaml")))
}

// CheckKind returns what is wrong with kind as the kind of a notification
// of an incident under the regulations listed, or "" when it records a
// stage of one of them. The message lists the kinds of the listed
// regulations and suggests the closest: `notification kind
// "early-warnig" is not one of early-warning, final-report, …; did you
// mean "early-warning"?`, or names the regulation to add: `a
// breach-notification is a GDPR report, but regulation does not list
// gdpr; add it to regulation:`.
func (s *Set) CheckKind(kind string, listed []string) string {
	if r, _ := s.ByKind(kind); r != nil {
		if slices.Contains(listed, r.Name) {
			return ""
		}
		return fmt.Sprintf("a%s %s is a %s report, but regulation does not list %s; add it to regulation:", an(kind), kind, strings.ToUpper(r.Name), r.Name)
	}
	all := s.Kinds()
	var kinds []string
	if len(listed) > 0 {
		kinds = s.Kinds(listed...)
	}
	if len(kinds) == 0 {
		return fmt.Sprintf("notification kind %q is not one of %s%s", kind, strings.Join(all, ", "), diag.DidYouMean(kind, all))
	}
	hint := diag.DidYouMean(kind, kinds)
	if hint == "" {
		hint = diag.DidYouMean(kind, all)
	}
	return fmt.Sprintf("notification kind %q is not one of %s (the kinds of %s)%s", kind, strings.Join(kinds, ", "), strings.Join(listed, ", "), hint)
}

func an(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "n"
	}
	return ""
}

// Builtin returns the embedded default regulations' files, for init.
func Builtin() fs.FS {
	sub, err := fs.Sub(embedded, "defaults")
	if err != nil {
		panic(err)
	}
	return sub
}

// Load reads the built-in regulations and the site's regulations/ folder
// in site, the site's file winning over the built-in one of the same
// name, and checks each against cfg. A notification kind must record one
// stage of one regulation: a kind two regulations claim is an error at
// the site's file.
func Load(site fs.FS, cfg *config.Config) (*Set, diag.List) {
	var diags diag.List
	type entry struct {
		fsys    fs.FS
		builtin bool
		f       source.File
	}
	files := map[string]entry{}
	builtinFiles, d := source.Walk(Builtin(), Dir, source.Limits{})
	diags.Append(d)
	for _, f := range builtinFiles {
		files[path.Base(f.Path)] = entry{Builtin(), true, f}
	}
	lim := source.Limits{MaxFileSize: int64(cfg.Limits.MaxFileSize), MaxFiles: 100}
	siteFiles, d := source.Walk(site, Dir, lim)
	diags.Append(d)
	for _, f := range siteFiles {
		base := path.Base(f.Path)
		if path.Dir(f.Path) != Dir {
			diags.Errorf(diag.Position{File: f.Path, Line: 1, Col: 1}, "file-name", "regulations must sit directly in regulations/, not in a subfolder")
			continue
		}
		if path.Ext(base) != ".yaml" {
			diags.Warnf(diag.Position{File: f.Path, Line: 1, Col: 1}, "file-name", "ignored: regulations are .yaml files")
			continue
		}
		files[base] = entry{site, false, f}
	}
	s := &Set{byName: map[string]*Regulation{}, byKind: map[string]kindRef{}}
	// Built-in files first, so that a kind a site's file also claims is
	// reported at the site's file, which the team can change.
	bases := slices.Sorted(maps.Keys(files))
	slices.SortStableFunc(bases, func(a, b string) int {
		switch ab, bb := files[a].builtin, files[b].builtin; {
		case ab == bb:
			return 0
		case ab:
			return -1
		}
		return 1
	})
	for _, base := range bases {
		e := files[base]
		limit, depth := int64(cfg.Limits.MaxFileSize), cfg.Limits.MaxDepth
		if e.builtin {
			// The site's limits guard against its own files; the built-in
			// regulations come with the binary and load whatever they are.
			limit, depth = 0, yamlx.DefaultMaxDepth
		}
		data, err := source.ReadFile(e.fsys, e.f, limit)
		if err != nil {
			diags.Errorf(diag.Position{File: e.f.Path, Line: 1, Col: 1}, "read", "cannot read: %v", err)
			continue
		}
		r, d := parse(e.f.Path, data, cfg, depth, e.builtin)
		diags.Append(d)
		if r == nil {
			continue
		}
		// A regulation with errors stays, as a template does, so that
		// incidents under it are not reported as well: the build fails
		// on its errors anyway, and Clocks copes with what it holds.
		diags.Append(s.addKinds(r))
		s.byName[r.Name] = r
	}
	return s, diags
}

// addKinds indexes r's kinds, reporting one another regulation claims.
func (s *Set) addKinds(r *Regulation) diag.List {
	var diags diag.List
	for i := range r.Stages {
		st := &r.Stages[i]
		for j, k := range st.Kinds {
			if o, ok := s.byKind[k]; ok && o.reg.Name != r.Name {
				at := r.Pos.Value(yamlx.Join(yamlx.Join("stages", i), "kinds"))
				if r.Pos.Has(yamlx.Join(yamlx.Join(yamlx.Join("stages", i), "kinds"), j)) {
					at = r.Pos.Value(yamlx.Join(yamlx.Join(yamlx.Join("stages", i), "kinds"), j))
				}
				diags.Errorf(at, "duplicate-kind",
					"notification kind %q already records the %s stage %q (%s); give stage %q a kind of its own under kinds:, as in %s-%s",
					k, o.reg.Name, o.reg.Stages[o.stage].ID, o.reg.Source(), st.ID, r.Name, k)
				continue
			}
			s.byKind[k] = kindRef{r, i}
		}
	}
	return diags
}

// Parse reads data as the regulation file file and checks it against
// cfg. It returns nil when the file cannot be read as a regulation at all.
func Parse(file string, data []byte, cfg *config.Config) (*Regulation, diag.List) {
	return parse(file, data, cfg, cfg.Limits.MaxDepth, false)
}

func parse(file string, data []byte, cfg *config.Config, maxDepth int, builtin bool) (*Regulation, diag.List) {
	diags := source.CheckText(file, data)
	if diags.HasErrors() {
		return nil, diags
	}
	node, d := yamlx.Parse(file, data, 0, maxDepth)
	diags.Append(d)
	if d.HasErrors() {
		return nil, diags
	}
	r := &Regulation{File: file, Builtin: builtin}
	dec := &yamlx.Decoder{File: file, Location: cfg.Location}
	pos, d := dec.Decode(node, r)
	diags.Append(d)
	r.Pos = pos
	diags.Append(r.check(strings.TrimSuffix(path.Base(file), ".yaml"), cfg))
	return r, diags
}

func (r *Regulation) check(stem string, cfg *config.Config) diag.List {
	var diags diag.List
	p := r.Pos
	if !ident.Valid(stem) {
		diags.Errorf(p.Root, "file-name", "regulation file name %q must be %s, then .yaml", stem, ident.Rule)
	}
	switch {
	case r.Name == "":
		diags.Errorf(p.Key("name"), "required", "name is missing; add name: %s", stem)
		r.Name = stem
	case r.Name != stem:
		diags.Errorf(p.Value("name"), "regulation", "name %q differs from the file name; it must be %q", r.Name, stem)
		r.Name = stem
	}
	if r.Title.IsZero() {
		diags.Errorf(p.Key("title"), "required", "title is missing; add title: {en: ..., nl: ...}")
	}
	if strings.TrimSpace(r.Article) == "" {
		diags.Errorf(p.Key("article"), "required", "article is missing; cite the provision that sets the reporting obligations, as in article: Directive (EU) 2022/2555 (NIS2), art. 23")
	}
	if r.Question.IsZero() {
		diags.Errorf(p.Key("question"), "required", "question is missing; add the question the team decides for each incident, as in question: {en: Is this a significant incident?}")
	}
	diags.Append(r.checkText("title", r.Title, cfg))
	diags.Append(r.checkText("question", r.Question, cfg))
	diags.Append(r.checkCriteria("criteria", "criterion", r.Criteria, cfg))
	diags.Append(r.checkCriteria("conditions", "condition", r.Conditions, cfg))
	if len(r.Stages) == 0 {
		diags.Errorf(p.Key("stages"), "required", "stages is missing; list the reports the regulation asks for, each with id, title, article, to, clocks and content")
	}
	seen := map[string]int{}
	kinds := map[string]string{}
	for i := range r.Stages {
		diags.Append(r.checkStage(i, seen, kinds, cfg))
		if id := r.Stages[i].ID; id != "" {
			if _, dup := seen[id]; !dup {
				seen[id] = i
			}
		}
	}
	return diags
}

func (r *Regulation) checkCriteria(key, what string, list []Criterion, cfg *config.Config) diag.List {
	var diags diag.List
	p := r.Pos
	seen := map[string]bool{}
	for i, c := range list {
		base := yamlx.Join(key, i)
		switch {
		case c.ID == "":
			diags.Errorf(p.Key(base), "required", "%s has no id; add id:", what)
		case !ident.Valid(c.ID):
			diags.Errorf(p.Value(base+".id"), "id", "%s id %q must be %s", what, c.ID, ident.Rule)
		case seen[c.ID]:
			diags.Errorf(p.Value(base+".id"), "duplicate-id", "%s %q is declared twice", what, c.ID)
		}
		seen[c.ID] = true
		if c.Text.IsZero() {
			diags.Errorf(p.Key(base), "required", "%s %q has no text; add text: {en: ...}", what, c.ID)
		}
		if strings.TrimSpace(c.Article) == "" {
			diags.Errorf(p.Key(base), "required", "%s %q has no article; cite where the law says it, as in article: NIS2 art. 23(3)(a)", what, c.ID)
		}
		diags.Append(r.checkText(base+".text", c.Text, cfg))
	}
	return diags
}

// checkStage checks stage i; seen holds the ids of the stages before it
// (by index) and kinds the stage of each kind declared so far.
func (r *Regulation) checkStage(i int, seen map[string]int, kinds map[string]string, cfg *config.Config) diag.List {
	var diags diag.List
	p := r.Pos
	s := &r.Stages[i]
	base := yamlx.Join("stages", i)
	switch _, dup := seen[s.ID]; {
	case s.ID == "":
		diags.Errorf(p.Key(base), "required", "stage has no id; add id:, as in id: early-warning")
	case !ident.Valid(s.ID):
		diags.Errorf(p.Value(base+".id"), "id", "stage id %q must be %s", s.ID, ident.Rule)
	case dup:
		diags.Errorf(p.Value(base+".id"), "duplicate-id", "stage %q is declared twice", s.ID)
	}
	if s.Title.IsZero() {
		diags.Errorf(p.Key(base), "required", "stage %q has no title; add title: {en: ..., nl: ...}", s.ID)
	}
	diags.Append(r.checkText(base+".title", s.Title, cfg))
	if strings.TrimSpace(s.Article) == "" {
		diags.Errorf(p.Key(base), "required", "stage %q has no article; cite it, as in article: NIS2 art. 23(4)(a)", s.ID)
	}

	if len(s.Kinds) == 0 && !p.Has(base+".kinds") && ident.Valid(s.ID) {
		s.Kinds = []string{s.ID}
	}
	for j, k := range s.Kinds {
		at := p.Value(yamlx.Join(base+".kinds", j))
		switch {
		case !ident.Valid(k):
			diags.Errorf(at, "id", "notification kind %q must be %s", k, ident.Rule)
		case kinds[k] != "":
			diags.Errorf(at, "duplicate-kind", "notification kind %q already records stage %q; a kind records one stage", k, kinds[k])
		default:
			kinds[k] = s.ID
		}
	}
	if p.Has(base+".kinds") && len(s.Kinds) == 0 {
		diags.Errorf(p.Value(base+".kinds"), "required", "stage %q needs at least one kind, the value of kind: that records it in an incident's notifications", s.ID)
	}

	if len(s.To) == 0 {
		diags.Errorf(p.Key(base), "required", "stage %q has no recipient; add to: [ROLE], as in to: [csirt]", s.ID)
	}
	dupRole := map[string]bool{}
	for j, role := range s.To {
		at := p.Value(yamlx.Join(base+".to", j))
		switch {
		case dupRole[role]:
			diags.Errorf(at, "duplicate-id", "role %q is listed twice", role)
		case !r.Builtin && cfg.Role(role) == nil:
			// A built-in regulation may name a role a site removed
			// or never declares: it matters only to sites under it,
			// where validation asks for a contact who holds it.
			diags.Errorf(at, "unknown-role", "role %q is unknown%s", role, diag.Hint(role, cfg.RoleIDs(), "declare it under roles: in "+config.File))
		}
		dupRole[role] = true
	}

	if s.Condition != "" && r.Condition(s.Condition) == nil {
		ids := make([]string, len(r.Conditions))
		for j, c := range r.Conditions {
			ids[j] = c.ID
		}
		diags.Errorf(p.Value(base+".condition"), "enum", "condition %q is not one of the regulation's conditions%s", s.Condition,
			diag.Hint(s.Condition, ids, "declare it under conditions:"))
	}

	if s.Replaces != "" {
		t, ok := seen[s.Replaces]
		switch {
		case !ok:
			diags.Errorf(p.Value(base+".replaces"), "enum", "replaces names stage %q, which is not declared before stage %q%s", s.Replaces, s.ID, diag.DidYouMean(s.Replaces, slices.Collect(maps.Keys(seen))))
		case r.Stages[t].IfOngoing == nil:
			diags.Errorf(p.Value(base+".replaces"), "regulation", "stage %q has no if_ongoing: clocks, so no stage can replace it while the incident is ongoing; add if_ongoing: to it", s.Replaces)
		case r.Stages[t].Replaces != "":
			diags.Errorf(p.Value(base+".replaces"), "regulation", "stage %q itself replaces stage %q; replace that one", s.Replaces, r.Stages[t].Replaces)
		}
		if p.Has(base+".clocks") || s.IfOngoing != nil {
			diags.Errorf(p.Key(base+".replaces"), "regulation", "stage %q replaces %q and is due at its deadline: remove its clocks: and if_ongoing:", s.ID, s.Replaces)
		}
	} else {
		if len(s.Clocks) == 0 {
			diags.Errorf(p.Key(base), "required", "stage %q has no clocks; add clocks: [{from: detected, within: 24h}], or replaces: STAGE", s.ID)
		}
		diags.Append(r.checkTimers(base+".clocks", s.ID, s.Clocks, seen))
		if s.IfOngoing != nil {
			if len(s.IfOngoing.Clocks) == 0 {
				diags.Errorf(p.Key(base+".if_ongoing"), "required", "if_ongoing needs clocks:, as in clocks: [{from: handled, within: 1 month}]")
			}
			diags.Append(r.checkTimers(base+".if_ongoing.clocks", s.ID, s.IfOngoing.Clocks, seen))
		}
	}

	seenItem := map[string]bool{}
	for j, it := range s.Content {
		ib := yamlx.Join(base+".content", j)
		switch {
		case it.ID == "":
			diags.Errorf(p.Key(ib), "required", "content item has no id; add id:")
		case !ident.Valid(it.ID):
			diags.Errorf(p.Value(ib+".id"), "id", "content item id %q must be %s", it.ID, ident.Rule)
		case seenItem[it.ID]:
			diags.Errorf(p.Value(ib+".id"), "duplicate-id", "content item %q is declared twice in stage %q", it.ID, s.ID)
		}
		seenItem[it.ID] = true
		if it.Text.IsZero() {
			diags.Errorf(p.Key(ib), "required", "content item %q has no text; add text: {en: ...}", it.ID)
		}
		if strings.TrimSpace(it.Article) == "" {
			diags.Errorf(p.Key(ib), "required", "content item %q has no article; cite it, as in article: GDPR art. 33(3)(a)", it.ID)
		}
		diags.Append(r.checkText(ib+".text", it.Text, cfg))
	}
	if len(s.Content) == 0 {
		diags.Errorf(p.Key(base), "required", "stage %q has no content; list what the report must hold under content:, each item with id, article and text", s.ID)
	}
	return diags
}

// checkTimers checks the clocks of stage id at key; seen holds the stages
// declared before it.
func (r *Regulation) checkTimers(key, id string, timers []Timer, seen map[string]int) diag.List {
	var diags diag.List
	p := r.Pos
	for i, t := range timers {
		base := yamlx.Join(key, i)
		switch {
		case t.From == "":
			diags.Errorf(p.Key(base), "required", "clock has no from:; add one of %s", strings.Join(Starts, ", "))
		case !slices.Contains(Starts, t.From):
			diags.Errorf(p.Value(base+".from"), "enum", "clock start %q is not one of %s%s", t.From, strings.Join(Starts, ", "), diag.DidYouMean(t.From, Starts))
		case t.From == FromSubmitted || t.From == FromLastSubmitted:
			_, ok := seen[t.Stage]
			switch {
			case t.Stage == "":
				diags.Errorf(p.Key(base), "required", "a clock from %s needs stage: the earlier stage whose submission starts it", t.From)
			case t.Stage == id:
				diags.Errorf(p.Value(base+".stage"), "regulation", "stage %q cannot start its own clock; name an earlier stage", id)
			case !ok:
				diags.Errorf(p.Value(base+".stage"), "enum", "stage %q is not declared before stage %q; a clock starts from an earlier stage's submission%s", t.Stage, id, diag.DidYouMean(t.Stage, slices.Collect(maps.Keys(seen))))
			}
		case t.Stage != "":
			diags.Errorf(p.Key(base+".stage"), "regulation", "stage: applies to clocks from submitted or last-submitted; remove it")
		}
		switch {
		case !p.Has(base + ".within"):
			if !p.Failed(base + ".within") {
				diags.Errorf(p.Key(base), "required", "clock has no within:; add 24h, 1 month, without undue delay or as requested")
			}
		case t.Within.Kind == Requested && t.From != FromRequested && t.From != "":
			diags.Errorf(p.Value(base+".within"), "regulation", "only a clock from requested runs as requested; give a period such as 72h")
		}
	}
	return diags
}

func (r *Regulation) checkText(path string, txt l10n.Text, cfg *config.Config) diag.List {
	var diags diag.List
	for _, code := range txt.Codes() {
		if code != "" && !slices.Contains(cfg.Languages, code) && !r.Builtin && code != "en" && code != "nl" {
			diags.Errorf(r.Pos.Key(yamlx.Join(path, code)), "language", "language %q is not one of the site's languages (%s)", code, strings.Join(cfg.Languages, ", "))
		}
	}
	return diags
}

package logbook

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"time"

	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/model"
)

// The pages of this file are about the people and the preparation behind
// the incidents: the contact lists with a role index and a register of
// the authorities (contacts/), every follow-up action (actions/) and the
// exercises of the response plan (exercises/).
// The audiences of roles and contact lists, as the configuration and
// the contact lists write them.
const (
	audienceInternal = "internal"
	audienceExternal = "external"
	audienceCustomer = "customer"
)

const (
	contactsPath  = "contacts/"
	actionsPath   = "actions/"
	exercisesPath = "exercises/"
)

// authorityRoles are the built-in roles of the authorities an incident
// may have to be reported to; the roles a regulation's reports go to
// count too (a site's competent-authority), see renderer.authorityRoles.
var authorityRoles = []string{"csirt", "supervisory-authority", "financial-supervisor", "competent-authority", "police", "fod-economie"}

// daysSince returns how many calendar days in loc lie between the day
// of day and the day of now: 0 on the same day, negative when day comes
// after now's day. Days are counted on the calendar, so a change of
// summer time in between does not shift the count.
func daysSince(day, now time.Time, loc *time.Location) int {
	y1, m1, d1 := day.In(loc).Date()
	y2, m2, d2 := now.In(loc).Date()
	a := time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)
	b := time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a) / (24 * time.Hour))
}

// overdueReview reports whether the day day lies more than months months
// before now's day in loc: the same limit as validation's (a list
// reviewed on 2025-11-23 is still current on 2026-11-23, not the day
// after). From 29 February, a year back is 1 March.
func overdueReview(day, now time.Time, loc *time.Location, months int) bool {
	y, m, d := now.In(loc).Date()
	limit := time.Date(y, m, d, 0, 0, 0, 0, loc).AddDate(0, -months, 0)
	y1, m1, d1 := day.In(loc).Date()
	return time.Date(y1, m1, d1, 0, 0, 0, 0, loc).Before(limit)
}

// age is a day's distance from the build's now, as a page says it.
type age struct {
	Day  time.Time
	Text string
	// Stale reports whether it is past the site's limit.
	Stale bool
}

func (w *pageWriter) age(day time.Time, months int) age {
	r := w.r
	n := daysSince(day, r.m.Now, r.loc)
	a := age{Day: day, Stale: overdueReview(day, r.m.Now, r.loc, months)}
	switch {
	case n < 0:
		a.Text = r.t(w.lang, "logbook.days_ahead", "n", strconv.Itoa(-n))
	case n == 0:
		a.Text = r.t(w.lang, "logbook.today")
	case n == 1:
		a.Text = r.t(w.lang, "logbook.day_ago")
	default:
		a.Text = r.t(w.lang, "logbook.days_ago", "n", strconv.Itoa(n))
	}
	return a
}

// contactsPage lists the contact lists, the role index and the register
// of the authorities.
type contactsPage struct {
	framed
	Months      int
	Lists       []contactList
	Roles       []roleGroup
	Unheld      []roleEntry
	Authorities []authority
}

type contactList struct {
	ID, Title, File, Audience, AudienceLabel string
	Owner                                    *person
	Reviewed                                 age
	Contacts                                 []contactEntry
	// Body is the list's text, its headings under the list's.
	Body template.HTML
}

// contactEntry is a contact with its roles, by name.
type contactEntry struct {
	person
	Roles               []roleName
	Availability, Notes string
}

type roleName struct{ ID, Name string }

type roleGroup struct {
	Label    string
	Customer bool
	Roles    []roleEntry
}

// roleEntry is a role with its holders, and who needs it held: the
// templates the records use whose internal communication names it, and
// the regulations whose reports go to it.
type roleEntry struct {
	roleName
	Holders  []person
	NamedBy  []string
	Customer bool
	// Unheld reports whether someone needs it and nobody holds it.
	Unheld bool
}

// authority is an external contact that reports go to, with the routes.
type authority struct {
	person
	Roles               []roleName
	Availability, Notes string
	Routes              []route
}

// route is a regulation's report that goes to an authority.
type route struct {
	Regulation, Stage, Article string
	StageLang                  string
}

// rolesNeeded returns, by role, what names it: the internal
// communication of each template an incident or exercise uses, and each
// regulation an incident lists (by its reports' recipients); and the
// regulations, each once in the order met. It reads each record once.
func (r *renderer) rolesNeeded(lang string) (map[string][]string, []model.Clocks) {
	needed := map[string][]string{}
	add := func(role, by string) {
		if !slices.Contains(needed[role], by) {
			needed[role] = append(needed[role], by)
		}
	}
	// A template is known by its pointer; the package reaches templates
	// only through the model's records.
	seenT := map[any]bool{}
	var regs []model.Clocks
	template := func(key any, title l10n.Text, id string, who []string) {
		if seenT[key] {
			return
		}
		seenT[key] = true
		name := r.local(lang, title).Text
		if name == "" {
			name = id
		}
		for _, role := range who {
			add(role, r.t(lang, "logbook.named_by_template", "template", name))
		}
	}
	for _, inc := range r.m.Incidents {
		if t := inc.Template; t != nil {
			template(t, t.Title, t.Name, t.Communication.Internal.Who)
		}
		for _, c := range inc.Clocks {
			if c.Regulation == nil || slices.ContainsFunc(regs, func(x model.Clocks) bool { return x.Regulation == c.Regulation }) {
				continue
			}
			regs = append(regs, c)
			for _, role := range c.Regulation.Roles() {
				add(role, r.t(lang, "logbook.named_by_regulation", "regulation", r.regulationName(lang, c)))
			}
		}
	}
	for _, e := range r.m.Exercises {
		if t := e.Category; t != nil {
			template(t, t.Title, t.Name, t.Communication.Internal.Who)
		}
	}
	return needed, regs
}

func (w *pageWriter) roleName(id string) roleName {
	if role := w.r.m.Config.Role(id); role != nil {
		if name := w.r.local(w.lang, role.Name).Text; name != "" {
			return roleName{ID: id, Name: name}
		}
	}
	return roleName{ID: id, Name: id}
}

func (w *pageWriter) contactEntry(c *model.Contact) contactEntry {
	e := contactEntry{person: *personOf(c), Availability: c.Availability, Notes: c.Notes}
	for _, role := range c.Roles {
		e.Roles = append(e.Roles, w.roleName(role))
	}
	return e
}

func (w *pageWriter) contactsData() framer {
	r, lang := w.r, w.lang
	cfg := r.m.Config
	d := &contactsPage{Months: cfg.Checks.ContactsReviewMonths}
	for _, l := range r.m.ContactLists {
		cl := contactList{ID: l.ID, Title: l.Title, File: l.File, Audience: l.Audience,
			AudienceLabel: r.t(lang, "logbook.audience."+l.Audience), Owner: personOf(l.Owner), Body: r.md(l.Markdown, 2)}
		if !l.Reviewed.IsZero() {
			cl.Reviewed = w.age(l.Reviewed, d.Months)
		}
		for _, c := range l.Contacts {
			cl.Contacts = append(cl.Contacts, w.contactEntry(c))
		}
		d.Lists = append(d.Lists, cl)
	}

	needed, regs := r.rolesNeeded(lang)
	groups := map[string]*roleGroup{}
	audiences := []string{audienceInternal, audienceExternal, audienceCustomer}
	for _, aud := range audiences {
		d.Roles = append(d.Roles, roleGroup{Label: r.t(lang, "logbook.roles."+aud), Customer: aud == audienceCustomer})
	}
	for i, aud := range audiences {
		groups[aud] = &d.Roles[i]
	}
	for _, id := range cfg.RoleIDs() {
		role := cfg.Role(id)
		e := roleEntry{roleName: w.roleName(id), NamedBy: needed[id], Customer: role.Audience == audienceCustomer}
		for _, c := range r.holders[id] {
			e.Holders = append(e.Holders, *personOf(c))
		}
		e.Unheld = len(e.NamedBy) > 0 && len(e.Holders) == 0 && !e.Customer
		if e.Unheld {
			d.Unheld = append(d.Unheld, e)
		}
		if g := groups[role.Audience]; g != nil {
			g.Roles = append(g.Roles, e)
		}
	}

	authorities := r.authorityRoles(regs)
	for _, l := range r.m.ContactLists {
		if l.Audience != audienceExternal {
			continue
		}
		for _, c := range l.Contacts {
			if r.byID[c.ID] != c || !slices.ContainsFunc(c.Roles, func(role string) bool { return authorities[role] }) {
				continue
			}
			a := authority{person: *personOf(c), Availability: c.Availability, Notes: c.Notes}
			for _, role := range c.Roles {
				a.Roles = append(a.Roles, w.roleName(role))
			}
			for _, rc := range regs {
				reg := rc.Regulation
				for i := range reg.Stages {
					s := &reg.Stages[i]
					if !slices.ContainsFunc(s.To, func(role string) bool { return slices.Contains(c.Roles, role) }) {
						continue
					}
					title := r.local(lang, s.Title)
					if title.Text == "" {
						title.Text = s.ID
					}
					a.Routes = append(a.Routes, route{Regulation: r.regulationName(lang, rc), Stage: title.Text, StageLang: title.Lang, Article: s.Article})
				}
			}
			d.Authorities = append(d.Authorities, a)
		}
	}
	return d
}

// authorityRoles returns the roles of authorities: the built-in ones and
// those the regulations' reports go to, but not a customer role.
func (r *renderer) authorityRoles(regs []model.Clocks) map[string]bool {
	set := map[string]bool{}
	for _, role := range authorityRoles {
		set[role] = true
	}
	for _, c := range regs {
		for _, role := range c.Regulation.Roles() {
			if cr := r.m.Config.Role(role); cr == nil || cr.Audience != audienceCustomer {
				set[role] = true
			}
		}
	}
	return set
}

// regulationName is the title of the regulation whose clocks c are,
// else its name.
func (r *renderer) regulationName(lang string, c model.Clocks) string {
	if t := r.local(lang, c.Regulation.Title).Text; t != "" {
		return t
	}
	return c.Regulation.Name
}

// actionsPage lists every follow-up action, by owner.
type actionsPage struct {
	framed
	Overdue, Open, Done int
	Owners              []ownerActions
}

type ownerActions struct {
	Owner               person
	Overdue, Open, Done int
	Actions             []listedAction
}

// listedAction is an action with a link to the record it was agreed in.
type listedAction struct {
	action
	Href, Record string
	RecordLang   string
}

// stateOrder sorts overdue first, then open, then done.
var stateOrder = map[string]int{"overdue": 0, "open": 1, "done": 2}

func (w *pageWriter) actionsData() framer {
	r, lang := w.r, w.lang
	d := &actionsPage{}
	byOwner := map[string]*ownerActions{}
	var owners []string
	add := func(a content.Action, from, href string, record local) {
		la := listedAction{action: w.action(a, from), Href: href, Record: record.Text, RecordLang: record.Lang}
		g := byOwner[a.Owner]
		if g == nil {
			g = &ownerActions{Owner: la.Owner}
			byOwner[a.Owner] = g
			owners = append(owners, a.Owner)
		}
		g.Actions = append(g.Actions, la)
		switch la.State {
		case "overdue":
			g.Overdue++
			d.Overdue++
		case "open":
			g.Open++
			d.Open++
		default:
			g.Done++
			d.Done++
		}
	}
	for _, inc := range r.m.Incidents {
		for _, a := range inc.Actions {
			add(a, r.t(lang, "logbook.from_incident"), w.link(incidentPath(inc.ID)+"#h-actions"), r.local(lang, inc.Title))
		}
	}
	for _, rca := range r.m.RCAs {
		href := ""
		if rca.Incident != nil {
			href = w.link(incidentPath(rca.Incident.ID) + "#h-rca")
		}
		title := r.local(lang, rca.Title)
		if title.Text == "" {
			title.Text = rca.ID
		}
		for _, a := range rca.Actions {
			add(a, r.t(lang, "logbook.from_rca"), href, title)
		}
	}
	for _, e := range r.m.Exercises {
		for _, a := range e.Findings {
			add(a, r.t(lang, "logbook.from_exercise"), w.link(exercisesPath+"#"+exerciseAnchor(e.ID)), local{Text: e.Title})
		}
	}
	for _, id := range owners {
		g := byOwner[id]
		slices.SortStableFunc(g.Actions, func(a, b listedAction) int {
			if c := cmp.Compare(stateOrder[a.State], stateOrder[b.State]); c != 0 {
				return c
			}
			return dueCompare(a.Due, b.Due)
		})
		d.Owners = append(d.Owners, *g)
	}
	// Owners with overdue actions first, the most first; then those with
	// open ones; then by name.
	slices.SortStableFunc(d.Owners, func(a, b ownerActions) int {
		if c := cmp.Compare(b.Overdue, a.Overdue); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Open, a.Open); c != 0 {
			return c
		}
		return cmp.Compare(a.Owner.Name, b.Owner.Name)
	})
	return d
}

// dueCompare orders due days earliest first, an action without a due
// day last.
func dueCompare(a, b time.Time) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

func exerciseAnchor(id string) string { return "x-" + id }

// exercisesPage lists the exercises, newest first, with the last test of
// the plan.
type exercisesPage struct {
	framed
	Months int
	// Last is the last exercise held by now; zero when none was.
	Last      age
	LastTitle string
	None      bool
	Exercises []exerciseEntry
}

type exerciseEntry struct {
	ID, Anchor, Title, File, Kind, Scenario string
	Category                                local
	Date                                    time.Time
	Planned                                 bool
	Facilitator                             *person
	Participants                            []person
	Findings                                []action
	Sections                                []section
}

func (w *pageWriter) exercisesData() framer {
	r, lang := w.r, w.lang
	d := &exercisesPage{Months: r.m.Config.Checks.ExerciseMonths}
	var last *model.Exercise
	for _, e := range r.m.Exercises {
		// An exercise without its date yet (validation warns) is neither
		// held nor planned.
		planned := !e.Date.IsZero() && daysSince(e.Date, r.m.Now, r.loc) < 0
		if !planned && !e.Date.IsZero() && (last == nil || e.Date.After(last.Date)) {
			last = e
		}
		x := exerciseEntry{ID: e.ID, Anchor: exerciseAnchor(e.ID), Title: e.Title, File: e.File, Kind: e.Kind, Scenario: e.Scenario,
			Date: e.Date, Planned: planned, Facilitator: personOf(e.Facilitator), Sections: w.sections(e.Sections, exerciseAnchor(e.ID)+"-")}
		if e.Category != nil {
			x.Category = w.r.local(lang, e.Category.Title)
			if x.Category.Text == "" {
				x.Category = local{Text: e.Category.Name}
			}
		}
		for _, p := range e.Participants {
			x.Participants = append(x.Participants, w.who(p))
		}
		for _, f := range e.Findings {
			x.Findings = append(x.Findings, w.action(f, ""))
		}
		d.Exercises = append(d.Exercises, x)
	}
	slices.SortStableFunc(d.Exercises, func(a, b exerciseEntry) int { return b.Date.Compare(a.Date) })
	if last == nil {
		d.None = true
	} else {
		d.Last, d.LastTitle = w.age(last.Date, d.Months), last.Title
	}
	return d
}

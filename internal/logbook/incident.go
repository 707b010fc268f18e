package logbook

import (
	"html/template"
	"maps"
	"slices"
	"time"

	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/model"
)

// incidentPage is an incident's page: everything its record holds.
type incidentPage struct {
	framed
	ID, File                              string
	Category                              local
	Severity, Visibility, VisibilityLabel string
	Status, StatusLabel                   string
	Detected, Acknowledged, Resolved      time.Time
	Duration, Expected                    string
	Coordinator                           *person
	Teams                                 []person
	Regulation                            []string
	Timeline                              []serviceTimeline
	Updates                               []update
	External, Internal                    []section
	Notifications                         []notification
	Actions                               []action
	RCA                                   *rcaData
	// Legal is the incident's standing under each regulation it lists
	// (legal.go).
	Legal []legalData
	// Audits are the audit trails of the record and its RCA's (audit.go).
	Audits []auditData
	// Comms is the communication checklist (checklist.go).
	Comms *commsSection
}

// person is a contact as a page shows it; or a role (a team, an owner
// written as a role) with the contacts who hold it; or a name no contact
// list holds.
type person struct {
	ID, Name, Organisation, Phone, Email, Chat string
	// Known reports whether a contact list holds the person.
	Known bool
	// Role reports whether ID is a role; Holders are the contacts who
	// hold it, in the order of the contact lists.
	Role    bool
	Holders []person
}

type serviceTimeline struct {
	Name    string
	Periods []period
}

type period struct {
	From, To   time.Time
	Level      string
	LevelLabel string
}

type update struct {
	At                  time.Time
	Status, StatusLabel string
	Body                template.HTML
	// Lang is the language of Body when it is not the page's.
	Lang     string
	Internal string
	Changes  []string
}

type section struct {
	// Anchor is the section's fragment id, unique on the page.
	ID, Anchor string
	Title      local
	Audience   string
	Markdown   []byte
	// Lang is the language of Markdown when it is not the page's.
	Lang string
}

type notification struct {
	To              *person
	Kind, Reference string
	At              time.Time
}

// action is a follow-up with its state at the build's now: done, overdue
// (its due day is over) or open.
type action struct {
	Title, State, StateLabel string
	Owner                    person
	Due                      time.Time
	// DoneOn is the day it was done, zero when not done or not
	// recorded; Late reports that day is after the due day.
	DoneOn time.Time
	Late   bool
	// From says where it was agreed: the incident or its RCA.
	From string
}

type rcaData struct {
	ID, File, Title, TitleLang, Status, StatusLabel string
	Published                                       bool
	Author                                          *person
	Reviewers                                       []person
	Date                                            time.Time
	Sections                                        []section
}

// contacts returns the site's contacts by id, the first of an id as the
// model links it, and by the roles they hold, in the order of the lists.
func (r *renderer) contacts() (map[string]*model.Contact, map[string][]*model.Contact) {
	byID := map[string]*model.Contact{}
	holders := map[string][]*model.Contact{}
	for _, l := range r.m.ContactLists {
		for _, c := range l.Contacts {
			if byID[c.ID] != nil {
				continue
			}
			byID[c.ID] = c
			for _, role := range c.Roles {
				holders[role] = append(holders[role], c)
			}
		}
	}
	return byID, holders
}

func personOf(c *model.Contact) *person {
	if c == nil {
		return nil
	}
	return &person{ID: c.ID, Name: c.Name, Organisation: c.Organisation, Phone: c.Phone, Email: c.Email, Chat: c.Chat, Known: true}
}

// who is the contact id, else the role id with the contacts who hold
// it, else the text naming someone no list holds.
func (w *pageWriter) who(id string) person {
	if c := w.r.byID[id]; c != nil {
		return *personOf(c)
	}
	holders := w.r.holders[id]
	role := w.r.m.Config.Role(id)
	if role == nil && len(holders) == 0 {
		return person{ID: id, Name: id}
	}
	p := person{ID: id, Name: id, Role: true}
	if role != nil {
		if name := w.r.local(w.lang, role.Name).Text; name != "" {
			p.Name = name
		}
	}
	for _, c := range holders {
		p.Holders = append(p.Holders, *personOf(c))
	}
	return p
}

// categoryName is the incident's category as a reader knows it: the
// template's title (with its language when not the page's), else its id.
func (w *pageWriter) categoryName(inc *model.Incident) local {
	if inc.Template == nil {
		return local{}
	}
	if l := w.r.local(w.lang, inc.Template.Title); l.Text != "" {
		return l
	}
	return local{Text: inc.Template.Name}
}

func (w *pageWriter) incidentData(inc *model.Incident) framer {
	r, lang := w.r, w.lang
	d := &incidentPage{
		ID: inc.ID, File: inc.File, Category: w.categoryName(inc), Severity: inc.Severity,
		Visibility: string(inc.Visibility), VisibilityLabel: r.t(lang, "logbook.visibility."+string(inc.Visibility)),
		Status: string(inc.Status()), StatusLabel: r.t(lang, "update."+string(inc.Status())),
		Detected: inc.Detected, Acknowledged: inc.Acknowledged, Resolved: inc.Resolved,
		Coordinator: personOf(inc.Coordinator), Regulation: inc.Regulation,
	}
	switch {
	case inc.IsResolved():
		d.Duration = r.duration(lang, inc.Resolved.Sub(inc.Detected))
	case r.m.Now.After(inc.Detected):
		d.Duration = r.t(lang, "logbook.so_far", "duration", r.duration(lang, r.m.Now.Sub(inc.Detected)))
	}
	if inc.ExpectedDowntime > 0 {
		d.Expected = r.duration(lang, inc.ExpectedDowntime)
	}
	for _, team := range inc.Teams {
		d.Teams = append(d.Teams, w.who(team))
	}
	for _, st := range inc.Timeline() {
		tl := serviceTimeline{Name: r.text(lang, st.Service.Name)}
		for _, p := range st.Periods {
			tl.Periods = append(tl.Periods, period{From: p.From, To: p.To, Level: string(p.Level), LevelLabel: r.t(lang, "status."+string(p.Level))})
		}
		d.Timeline = append(d.Timeline, tl)
	}
	for _, u := range inc.Updates {
		msg := r.local(lang, u.Message)
		up := update{At: u.At, Status: string(u.Status), StatusLabel: r.t(lang, "update."+string(u.Status)),
			Body: r.message(msg.Text), Lang: msg.Lang, Internal: u.Internal}
		for _, imp := range u.Impacts {
			up.Changes = append(up.Changes, r.text(lang, imp.Service.Name)+": "+r.t(lang, "status."+string(imp.Level)))
		}
		d.Updates = append(d.Updates, up)
	}
	for _, s := range w.sections(inc.Sections, "sec-") {
		if s.Audience == "internal" {
			d.Internal = append(d.Internal, s)
		} else {
			d.External = append(d.External, s)
		}
	}
	for _, n := range inc.Notifications {
		d.Notifications = append(d.Notifications, notification{To: personOf(n.To), Kind: n.Kind, Reference: n.Reference, At: n.At})
	}
	d.Legal = w.legal(inc)
	d.Audits = w.audits(inc)
	d.Comms = w.incidentComms(inc)
	for _, a := range inc.Actions {
		d.Actions = append(d.Actions, w.action(a, r.t(lang, "logbook.from_incident")))
	}
	if rca := inc.RCA; rca != nil {
		title := r.local(lang, rca.Title)
		d.RCA = &rcaData{ID: rca.ID, File: rca.File, Title: title.Text, TitleLang: title.Lang, Status: string(rca.Status),
			StatusLabel: r.t(lang, "logbook.rca_status."+string(rca.Status)), Published: rca.Published,
			Author: personOf(rca.Author), Date: rca.Date, Sections: w.sections(rca.Sections, "rca-")}
		for _, c := range rca.Reviewers {
			d.RCA.Reviewers = append(d.RCA.Reviewers, *personOf(c))
		}
		for _, a := range rca.Actions {
			d.Actions = append(d.Actions, w.action(a, r.t(lang, "logbook.from_rca")))
		}
	}
	return d
}

// sections returns ss, anchored at prefix+id, in this page's language, each else in the default
// language, else in another, by code order.
func (w *pageWriter) sections(ss []model.Section, prefix string) []section {
	def := w.r.defaultLang()
	out := make([]section, 0, len(ss))
	for _, s := range ss {
		sec := section{ID: s.ID, Anchor: prefix + s.ID, Title: w.r.local(w.lang, s.Title), Audience: s.Audience}
		switch md, ok := s.Translations[w.lang]; {
		case w.lang == def && s.Markdown != nil:
			sec.Markdown = s.Markdown
		case ok:
			sec.Markdown = md
		case s.Markdown != nil:
			sec.Markdown, sec.Lang = s.Markdown, def
		default:
			codes := slices.Sorted(maps.Keys(s.Translations))
			if len(codes) == 0 {
				continue
			}
			sec.Markdown, sec.Lang = s.Translations[codes[0]], codes[0]
		}
		out = append(out, sec)
	}
	return out
}

// action is a follow-up agreed in from, with its owner (a contact id,
// or a name) resolved and its state at the build's now.
func (w *pageWriter) action(a content.Action, from string) action {
	st := actionState(a.Due.Time, a.Done, w.r.m.Now, w.r.loc)
	return action{Title: a.Title, Owner: w.who(a.Owner), Due: a.Due.Time, DoneOn: a.DoneOn.Time, Late: doneLateDay(followUpOf(a), w.r.loc),
		State: st, StateLabel: w.r.t(w.lang, "logbook.action."+st), From: from}
}

// actionState is done for an action done, overdue once the whole of its
// due day (in the site's time zone) has passed at now, else open.
func actionState(due time.Time, done bool, now time.Time, loc *time.Location) string {
	switch {
	case done:
		return "done"
	case due.IsZero():
		return "open"
	}
	y, m, d := due.In(loc).Date()
	if !now.Before(time.Date(y, m, d+1, 0, 0, 0, 0, loc)) {
		return "overdue"
	}
	return "open"
}

package diff

import (
	"time"

	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// SchemaVersion is the version of the JSON report's schema (README,
// "incidentsite diff"). It changes only when a field changes meaning or
// goes away; new kinds and new fields keep it.
const SchemaVersion = 1

// Audience is who a change is for.
type Audience string

// The audiences.
const (
	// Public changes are what customers will see on the status page.
	Public Audience = "public"
	// Team changes are what the team will see in the logbook.
	Team Audience = "team"
)

// Severity is how loudly a report says a change.
type Severity string

// The severities, quietest first.
const (
	// Notice: what a change is expected to do (a new update).
	Notice Severity = "notice"
	// Warning: what customers or auditors already read changes (published
	// text rewritten, an update removed).
	Warning Severity = "warning"
	// Loud: a record appears on or disappears from the status page.
	Loud Severity = "loud"
)

// Kind is what a change is. Its word is the JSON report's "kind".
type Kind string

// The kinds of change for customers.
const (
	IncidentAdded    Kind = "incident-added"
	MaintenanceAdded Kind = "maintenance-added"
	UpdateAdded      Kind = "update-added"
	UpdateRemoved    Kind = "update-removed"
	StatusChanged    Kind = "status-changed"
	ImpactChanged    Kind = "impact-changed"
	ScheduleChanged  Kind = "schedule-changed"
	MadePublic       Kind = "made-public"
	Withdrawn        Kind = "withdrawn"
	TextRewritten    Kind = "text-rewritten"
	SectionAdded     Kind = "section-added"
	SectionRemoved   Kind = "section-removed"
	RCAPublished     Kind = "rca-published"
	RCAWithdrawn     Kind = "rca-withdrawn"
	Deleted          Kind = "deleted"
)

// The kinds of change for the team. The team also gets IncidentAdded,
// MaintenanceAdded and Deleted for internal records.
const (
	RCAAdded            Kind = "rca-added"
	RCAStatusChanged    Kind = "rca-status-changed"
	ActionAdded         Kind = "action-added"
	ActionDone          Kind = "action-done"
	ActionRemoved       Kind = "action-removed"
	NotificationAdded   Kind = "notification-added"
	NotificationRemoved Kind = "notification-removed"
	DecisionAdded       Kind = "decision-added"
	DecisionRemoved     Kind = "decision-removed"
	DeadlineMet         Kind = "deadline-met"
	DeadlineMissed      Kind = "deadline-missed"
)

// Parts of a record whose text customers read, in Detail.Part.
const (
	PartTitle      = "title"
	PartUpdate     = "update"
	PartSection    = "section"
	PartRCASection = "rca-section"
)

// Change is one thing a change does.
type Change struct {
	Audience Audience `json:"audience"`
	Kind     Kind     `json:"kind"`
	// Record is the record's id, RecordKind its kind.
	Record     string     `json:"record"`
	RecordKind vocab.Kind `json:"record_kind"`
	// Title is the record's title in the site's default language.
	Title string `json:"title"`
	// URL is the page customers read, for a public change ("" for the
	// team's): an update's anchor on its record's page for UpdateAdded,
	// the page a withdrawn or deleted record had.
	URL string `json:"url"`
	// File is the record's file in the head revision, else in the base.
	File     string   `json:"file"`
	Severity Severity `json:"severity"`
	Detail   Detail   `json:"detail"`
}

// Detail is what a change holds beyond its record. Each kind sets the
// fields the README lists for it; the others are left out of JSON.
type Detail struct {
	// At is an update's time (UpdateAdded, UpdateRemoved,
	// TextRewritten of an update, StatusChanged of an update), a
	// notification's, a decision's, or when a stage was met.
	At *time.Time `json:"at,omitempty"`
	// Status is an update's status, or a new record's.
	Status string `json:"status,omitempty"`
	// Message is an update's message by language code.
	Message Text `json:"message,omitempty"`
	// Part is which text TextRewritten, SectionAdded or SectionRemoved
	// is about: title, update, section or rca-section; Section is the
	// section's id.
	Part    string `json:"part,omitempty"`
	Section string `json:"section,omitempty"`
	// Service is the service of an ImpactChanged about one service, and
	// ServiceName its name in the default language.
	Service     string `json:"service,omitempty"`
	ServiceName string `json:"service_name,omitempty"`
	// Old and New are the value before and after: a status, an impact
	// or level, a Text by language code, a Schedule.
	Old any `json:"old,omitempty"`
	New any `json:"new,omitempty"`
	// Impact and Services describe a new incident: its impact, and each
	// service's level; Services also a new maintenance window's.
	Impact   string            `json:"impact,omitempty"`
	Services map[string]string `json:"services,omitempty"`
	// IncidentSeverity is a new internal incident's severity, as its
	// template names it.
	IncidentSeverity string `json:"incident_severity,omitempty"`
	// Schedule is a new maintenance window's.
	Schedule *Schedule `json:"schedule,omitempty"`
	// Incident is the incident an RCA analyses.
	Incident string `json:"incident,omitempty"`
	// Action is an action's (ActionAdded, ActionDone, ActionRemoved).
	Action *Action `json:"action,omitempty"`
	// Notification is a notification's (NotificationAdded).
	Notification *Notification `json:"notification,omitempty"`
	// Decision is a decision's (DecisionAdded).
	Decision *Decision `json:"decision,omitempty"`
	// Deadline is a legal stage's (DeadlineMet, DeadlineMissed).
	Deadline *Deadline `json:"deadline,omitempty"`
	// Visibility is what a withdrawn or deleted record was or is.
	Visibility string `json:"visibility,omitempty"`
}

// Text is a text by language code; the site's default language holds
// what a record wrote for every language.
type Text map[string]string

// Schedule is a maintenance window's time.
type Schedule struct {
	From  time.Time `json:"from"`
	Until time.Time `json:"until"`
}

// Action is a follow-up action of an incident, an RCA or an exercise.
type Action struct {
	Title string `json:"title"`
	Owner string `json:"owner"`
	// Due and DoneOn are days, 2025-03-31; "" when not set.
	Due    string `json:"due,omitempty"`
	Done   bool   `json:"done"`
	DoneOn string `json:"done_on,omitempty"`
}

// Notification is a report to an authority or the people affected.
type Notification struct {
	Kind      string    `json:"kind"`
	To        string    `json:"to"`
	At        time.Time `json:"at"`
	Reference string    `json:"reference,omitempty"`
}

// Decision is the team's decision under a regulation.
type Decision struct {
	Regulation string    `json:"regulation"`
	At         time.Time `json:"at"`
	By         string    `json:"by"`
	Notify     bool      `json:"notify"`
	Reason     string    `json:"reason,omitempty"`
}

// Deadline is a legal stage's clock.
type Deadline struct {
	Regulation string `json:"regulation"`
	Stage      string `json:"stage"`
	// Title is the stage's title in the default language.
	Title string `json:"title"`
	// Old is the stage's state before the change ("" for a new
	// incident), New after.
	Old      string     `json:"old,omitempty"`
	New      string     `json:"new"`
	Deadline *time.Time `json:"deadline,omitempty"`
	// Late is how late a met stage's report came, in minutes.
	LateMinutes int64 `json:"late_minutes,omitempty"`
}

// Revision names one side of a comparison.
type Revision struct {
	// Rev is the revision as given; "" for the work tree.
	Rev string
	// Commit is the commit's hash; "" for the work tree.
	Commit string
}

// Side is one of the two sites compared.
type Side struct {
	Revision
	// Site is the revision's checked model.
	Site *model.Site
}

// Report is what a change does.
type Report struct {
	Base, Head Revision
	// Now is the "now" both sites were checked at, so that nothing
	// time brings shows as a change.
	Now time.Time
	// Location is the head site's time zone, for the reports' times.
	Location *time.Location
	// Language is the head site's default language: the reports quote
	// it first.
	Language string
	Changes  []Change
}

// Counts returns how many changes are for customers and for the team.
func (r *Report) Counts() (public, team int) {
	for _, c := range r.Changes {
		if c.Audience == Public {
			public++
		} else {
			team++
		}
	}
	return public, team
}

// Compare returns what changes from base to head. Both sites must have
// been checked at the same "now".
func Compare(base, head Side) *Report {
	r := &Report{Base: base.Revision, Head: head.Revision, Now: head.Site.Now, Location: head.Site.Config.Location}
	if r.Location == nil {
		r.Location = time.UTC
	}
	r.Language = head.Site.Config.DefaultLanguage()
	c := &comparer{def: r.Language, loc: r.Location}
	c.base, c.head = index(base.Site), index(head.Site)
	c.public(base.Site, head.Site)
	c.team(base.Site, head.Site)
	r.Changes = c.out
	return r
}

// comparer collects the changes.
type comparer struct {
	def        string
	loc        *time.Location
	base, head *records
	out        []Change
}

// records are a site's records by id.
type records struct {
	incidents   map[string]*model.Incident
	maintenance map[string]*model.Maintenance
	rcas        map[string]*model.RCA
	exercises   map[string]*model.Exercise
}

func index(s *model.Site) *records {
	r := &records{
		incidents:   make(map[string]*model.Incident, len(s.Incidents)),
		maintenance: make(map[string]*model.Maintenance, len(s.Maintenance)),
		rcas:        make(map[string]*model.RCA, len(s.RCAs)),
		exercises:   make(map[string]*model.Exercise, len(s.Exercises)),
	}
	for _, i := range s.Incidents {
		r.incidents[i.ID] = i
	}
	for _, m := range s.Maintenance {
		r.maintenance[m.ID] = m
	}
	for _, x := range s.RCAs {
		r.rcas[x.ID] = x
	}
	for _, e := range s.Exercises {
		r.exercises[e.ID] = e
	}
	return r
}

// text returns t by language code, with what t writes for every
// language under the default language's code.
func (c *comparer) text(t l10n.Text) Text {
	out := make(Text, len(t))
	for k, v := range t {
		if k == "" {
			k = c.def
		}
		if _, ok := out[k]; ok && k == c.def && t[c.def] != "" {
			continue // the default language's own text wins
		}
		out[k] = v
	}
	return out
}

// equal reports whether two texts say the same.
func equal(a, b Text) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func (c *comparer) add(ch Change) { c.out = append(c.out, ch) }

// at returns t in the site's time zone, for JSON.
func (c *comparer) at(t time.Time) *time.Time {
	t = t.In(c.loc)
	return &t
}

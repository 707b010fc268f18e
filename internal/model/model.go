// Package model is the typed, cross-linked form of a valid site: services
// with their groups, incidents with their template, contacts and RCA,
// sections in template order. It is built only from input that passed
// validation, so its consumers need not check again.
//
// Where a record's part is the same as written (an action, a contact's
// own fields), the model holds package content's type rather than a copy
// of it; its own types are for what it links (a contact for an id, a
// service for a key) or derives.
//
// It holds everything, internal fields included; the public site must
// reach it only through a public projection.
package model

import (
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// Site is a whole valid site.
type Site struct {
	Config *config.Config
	// Now is the build's "now".
	Now time.Time

	Groups       []*Group
	Services     []*Service
	Incidents    []*Incident
	RCAs         []*RCA
	Maintenance  []*Maintenance
	ContactLists []*ContactList
	Exercises    []*Exercise

	// Audits holds, by record file, what git's history tells of each
	// record (see Audit); nil when the site is not in git.
	Audits map[string]*Audit
}

// Group is a heading of services.
type Group struct {
	ID          string
	Name        l10n.Text
	Description l10n.Text
	Services    []*Service
}

// Service is a component of the status page.
type Service struct {
	ID          string
	Name        l10n.Text
	Description l10n.Text
	// Group is nil for a service outside any group.
	Group *Group
}

// Incident is one incident.
type Incident struct {
	ID       string
	File     string
	Title    l10n.Text
	Template *catalog.Template
	Severity string
	// Visibility is public or internal, the template's default applied.
	Visibility       vocab.Visibility
	Impacts          []Impact
	Detected         time.Time
	Acknowledged     time.Time
	Resolved         time.Time
	ExpectedDowntime time.Duration
	Coordinator      *Contact
	Teams            []string
	Regulation       []string
	Notifications    []Notification
	// Decisions are the team's decisions under the regulations, in the
	// order of the file.
	Decisions []Decision
	// Requests are the authorities' requests for reports.
	Requests []Request
	// Clocks are the legal clocks of each regulation the incident lists,
	// in the order of Regulation, at the build's now.
	Clocks   []Clocks
	Updates  []Update
	Actions  []content.Action
	RCA      *RCA
	Sections []Section

	// Checklists are the template's communication plans checked against
	// the updates at the build's now (checklist.go).
	Checklists []Checklist
}

// Decision is what the team decided about an incident under a regulation.
type Decision struct {
	Regulation *regulation.Regulation
	At         time.Time
	// By is who took it: a contact id or a role; ByContact is the contact
	// when it is one.
	By        string
	ByContact *Contact
	// Notify reports whether the incident must be reported under the
	// regulation.
	Notify bool
	// Criteria are the regulation's criteria found met, in the
	// regulation's order.
	Criteria []*regulation.Criterion
	// Conditions are the regulation's conditions decided, true or false.
	Conditions map[string]bool
	Reason     string
}

// Request is an authority's request for a stage's report.
type Request struct {
	Regulation *regulation.Regulation
	Stage      *regulation.Stage
	// From is who asked: a contact id or a role; FromContact is the
	// contact when it is one.
	From        string
	FromContact *Contact
	At          time.Time
	// Due is the deadline the request sets; zero asks for the report at
	// once.
	Due time.Time
}

// Clocks are an incident's legal clocks under one regulation.
type Clocks struct {
	Regulation *regulation.Regulation
	// Decision is the incident's decision under it, or nil while none is
	// recorded (the decision is then due).
	Decision *Decision
	// Facts are what the clocks were computed from; Stages point into
	// its Notifications.
	Facts *regulation.Facts
	// Stages are the states of the regulation's stages at the build's
	// now, in the regulation's order.
	Stages []regulation.Status

	// notes are the incident's notifications, in the order of
	// Facts.Notifications.
	notes []*Notification
}

// Notification returns the incident's notification that n, a
// notification of c.Facts (as Status.By and Recipient.By point to), was
// made from, or nil.
func (c *Clocks) Notification(n *regulation.Notification) *Notification {
	for i := range c.Facts.Notifications {
		if &c.Facts.Notifications[i] == n {
			return c.notes[i]
		}
	}
	return nil
}

// Impact is how an incident affects one service.
type Impact struct {
	Service *Service
	// Level is one of vocab.Impacts; in an update also operational, for
	// a service that recovered.
	Level vocab.Level
}

// Notification is a report to an authority or to the people affected.
type Notification struct {
	// To is the contact it went to; nil when it went to the holders of
	// a role (ToRole), as a communication to affected-users does.
	To *Contact
	// ToRole is the role it went to, when To is nil.
	ToRole    string
	Kind      string
	At        time.Time
	Reference string
}

// Update is a message of a timeline.
type Update struct {
	At      time.Time
	Status  vocab.Status
	Message l10n.Text
	// Internal is a note for the logbook only.
	Internal string
	// Impacts are the services' impacts from this update on, for the
	// services it names; the others keep theirs. See Incident.Timeline.
	Impacts []Impact
	// Auto reports whether the build derived the update rather than the
	// file stating it: a maintenance window that started or ended at its
	// scheduled time. Its Message is empty; renderers say it in the
	// reader's language. See Maintenance.Timeline.
	Auto bool
}

// Section is a section of a body, with its template's declaration.
type Section struct {
	ID       string
	Title    l10n.Text
	Audience string
	// Markdown is the section in the default language; nil while only
	// other languages have it (a warning says so).
	Markdown []byte
	// Translations is the section in other languages, by language code:
	// the sections headed "## Title [code]".
	Translations map[string][]byte
	// Line is where the section's text starts in its file: the default
	// language's, else the first translation's.
	Line int
}

// Status returns the status of the latest update, or investigating when
// there is none yet.
func (i *Incident) Status() vocab.Status {
	if n := len(i.Updates); n > 0 {
		return i.Updates[n-1].Status
	}
	return vocab.Investigating
}

// IsResolved reports whether the incident is over.
func (i *Incident) IsResolved() bool { return !i.Resolved.IsZero() }

// RCA is a root cause analysis.
type RCA struct {
	ID        string
	File      string
	Title     l10n.Text
	Incident  *Incident
	Status    vocab.RCAStatus
	Published bool
	Author    *Contact
	Reviewers []*Contact
	Date      time.Time
	Actions   []content.Action
	Sections  []Section
}

// Maintenance is a scheduled maintenance window.
type Maintenance struct {
	ID    string
	File  string
	Title l10n.Text
	// Template is the maintenance template: its sections and its
	// communication plans.
	Template *catalog.Template
	// Visibility is public unless the file says internal.
	Visibility     vocab.Visibility
	Services       []*Service
	ScheduledFor   time.Time
	ScheduledUntil time.Time
	Status         vocab.Status
	Coordinator    *Contact
	Updates        []Update
	Sections       []Section

	// Checklists are the maintenance template's communication plans
	// checked against the written updates at the build's now
	// (maintchecklist.go).
	Checklists []Checklist
}

// ContactList is a list of contacts.
type ContactList struct {
	ID       string
	File     string
	Title    string
	Audience string
	Owner    *Contact
	Reviewed time.Time
	Contacts []*Contact
	Markdown []byte
}

// Contact is a person, team or organisation to reach, in the list that
// holds it.
type Contact struct {
	content.Contact
	List *ContactList
}

// Exercise is a test of the incident response plan.
type Exercise struct {
	ID           string
	File         string
	Title        string
	Date         time.Time
	Kind         string
	Category     *catalog.Template
	Scenario     string
	Facilitator  *Contact
	Participants []string
	Findings     []content.Action
	Sections     []Section
}

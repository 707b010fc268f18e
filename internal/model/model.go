// Package model is the typed, cross-linked form of a valid site: services
// with their groups, incidents with their template, contacts and RCA,
// sections in template order. It is built only from input that passed
// validation, so its consumers need not check again.
//
// It holds everything, internal fields included; the public site must
// reach it only through a public projection.
package model

import (
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/l10n"
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

// Visibility of a record.
const (
	Public   = "public"
	Internal = "internal"
)

// Incident is one incident.
type Incident struct {
	ID       string
	File     string
	Title    l10n.Text
	Template *catalog.Template
	Severity string
	// Visibility is Public or Internal, the template's default applied.
	Visibility       string
	Impacts          []Impact
	Detected         time.Time
	Acknowledged     time.Time
	Resolved         time.Time
	ExpectedDowntime time.Duration
	Coordinator      *Contact
	Teams            []string
	Regulation       []string
	Notifications    []Notification
	Updates          []Update
	Actions          []Action
	RCA              *RCA
	Sections         []Section
}

// Impact is how an incident affects one service.
type Impact struct {
	Service *Service
	// Level is degraded_performance, partial_outage, major_outage or
	// under_maintenance; in an update also operational, for a service
	// that recovered.
	Level string
}

// Notification is a report to an authority or to the people affected.
type Notification struct {
	To        *Contact
	Kind      string
	At        time.Time
	Reference string
}

// Update is a message of a timeline.
type Update struct {
	At      time.Time
	Status  string
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

// Action is a follow-up task; Owner is a contact id or a role.
type Action struct {
	Title string
	Owner string
	Due   time.Time
	Done  bool
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

// Status returns the status of the latest update, or "investigating"
// when there is none yet.
func (i *Incident) Status() string {
	if n := len(i.Updates); n > 0 {
		return i.Updates[n-1].Status
	}
	return "investigating"
}

// IsResolved reports whether the incident is over.
func (i *Incident) IsResolved() bool { return !i.Resolved.IsZero() }

// RCA is a root cause analysis.
type RCA struct {
	ID        string
	File      string
	Title     l10n.Text
	Incident  *Incident
	Status    string
	Published bool
	Author    *Contact
	Reviewers []*Contact
	Date      time.Time
	Actions   []Action
	Sections  []Section
}

// Maintenance is a scheduled maintenance window.
type Maintenance struct {
	ID             string
	File           string
	Title          l10n.Text
	Visibility     string
	Services       []*Service
	ScheduledFor   time.Time
	ScheduledUntil time.Time
	Status         string
	Coordinator    *Contact
	Updates        []Update
	Sections       []Section
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

// Contact is a person, team or organisation to reach.
type Contact struct {
	ID           string
	Name         string
	Organisation string
	Roles        []string
	Phone        string
	Email        string
	Chat         string
	Availability string
	Notes        string
	List         *ContactList
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
	Findings     []Action
	Sections     []Section
}

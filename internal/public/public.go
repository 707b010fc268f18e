// Package public is the projection of a site that customers may see: the
// public incidents and maintenance windows, their updates' public
// messages, the external sections, published RCAs' external sections, and
// the services with their status and availability.
//
// It copies from the model by an explicit allow-list into types that have
// no field for anything internal (notes, internal sections, contacts,
// coordinators, actions, notifications, internal records), so that a
// renderer given a View cannot leak what it cannot reach. Package
// projection makes the View from the model (projection.Public).
package public

import (
	"time"

	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// View is everything the public site shows.
type View struct {
	Title        l10n.Text
	Description  l10n.Text
	Organisation string
	// BaseURL ends in "/".
	BaseURL   string
	Languages []string
	Location  *time.Location
	// Now is the build's "now".
	Now time.Time

	Groups []*Group
	// Services are in the order of the configuration.
	Services []*Service
	// Incidents are the public incidents, newest first.
	Incidents []*Incident
	// Maintenance are the public maintenance windows, latest start first.
	Maintenance []*Maintenance
	// Status is the overall status: the worst of the services', raised to
	// the level of the impact of an unresolved incident that names no
	// service (minor is degraded_performance, major partial_outage,
	// critical major_outage), and under_maintenance when otherwise
	// operational during maintenance. An incident that names services
	// counts by their impact at its latest update, so the page drops from
	// "major outage" to "degraded" while the fix is monitored.
	// It is Statuspage's page indicator in the words of component status.
	Status vocab.Level
	// Days is how many days the availability history covers.
	Days int
	// FeedEntries is how many of the latest updates a feed holds.
	FeedEntries int
}

// Group is a heading of services.
type Group struct {
	ID          string
	Name        l10n.Text
	Description l10n.Text
	Services    []*Service
}

// Service is a component with its current status and history.
type Service struct {
	ID          string
	Name        l10n.Text
	Description l10n.Text
	Group       *Group
	// Status is the service's level now.
	Status vocab.Level
	// Incidents are the public incidents that affected the service,
	// newest first.
	Incidents   []*Incident
	Maintenance []*Maintenance
	// History is the service's availability, one entry a day, oldest
	// first, ending with the day of Now.
	History []Day
	// Uptime is the share of the history's time the service was up, from
	// 0 to 1, weighted by impact.
	Uptime float64
}

// Day is a service's availability on one day.
type Day struct {
	// Date is midnight at the start of the day, in the site's time zone.
	Date time.Time
	// Uptime is the day's share of available time, weighted by impact.
	Uptime float64
	// Worst is the worst impact of the day ("" when none).
	Worst vocab.Level
	// Down is the impact-weighted downtime of the day.
	Down time.Duration
	// Incidents are the incidents that touched the day.
	Incidents []*Incident
}

// Incident is a public incident.
type Incident struct {
	ID    string
	Title l10n.Text
	// Category is the title of the incident's category.
	Category l10n.Text
	// Impact is Statuspage's: none, minor, major or critical.
	Impact vocab.Impact
	// Status is the latest update's, one of vocab.IncidentStatuses.
	Status   vocab.Status
	Affected []Affected
	// Started is when the team detected the incident.
	Started  time.Time
	Resolved time.Time
	// Updated is the time of the latest update, or Started.
	Updated time.Time
	// ExpectedDowntime is how long the team expects the incident to last
	// from Started; 0 when it did not say.
	ExpectedDowntime time.Duration
	// Updates are oldest first.
	Updates  []Update
	Sections []Section
	// RCA is the published root cause analysis, or nil.
	RCA *RCA
}

// Affected is one service an incident affects, and how over time.
type Affected struct {
	Service *Service
	// Level is the service's impact as of the latest update: its current
	// impact while the incident is open. It is one of vocab.Impacts, or
	// operational once an update said the service recovered.
	Level vocab.Level
	// Worst is the worst impact the service had during the incident.
	Worst vocab.Level
	// Periods are the spans of the incident at each level, oldest first.
	Periods []Period
}

// Period is a span of time during which an incident held a service at one
// level.
type Period struct {
	From time.Time
	// To is zero while the incident is open.
	To    time.Time
	Level vocab.Level
}

// Update is a public message of a timeline.
type Update struct {
	At      time.Time
	Status  vocab.Status
	Message l10n.Text
	// Changes are the services whose impact the update changed, with
	// their impact from then on.
	Changes []Change
	// Auto reports whether the build wrote the update: a maintenance
	// window that started or ended at its scheduled time. Its Message is
	// empty; renderers say it in the reader's language.
	Auto bool
}

// Change is a service's impact from an update on.
type Change struct {
	Service *Service
	Level   vocab.Level
}

// Section is an external section of a body, in Markdown.
type Section struct {
	ID    string
	Title l10n.Text
	// Markdown is the section in the default language, nil when only
	// other languages have it; Translations holds it in other languages,
	// by code.
	Markdown     []byte
	Translations map[string][]byte
}

// RCA is the public part of a final, published root cause analysis.
type RCA struct {
	Title    l10n.Text
	Date     time.Time
	Sections []Section
}

// Maintenance is a public maintenance window.
type Maintenance struct {
	ID             string
	Title          l10n.Text
	Services       []*Service
	ScheduledFor   time.Time
	ScheduledUntil time.Time
	// Status is scheduled, in_progress, verifying or completed at the
	// build's now: a window starts and ends by itself at its scheduled
	// times, as on Statuspage, with an automatic update (Update.Auto).
	Status vocab.Status
	// Updates are oldest first, the automatic ones included.
	Updates  []Update
	Sections []Section
	// Updated is the time of the latest update, or ScheduledFor.
	Updated time.Time
}

// IsResolved reports whether the incident is over.
func (i *Incident) IsResolved() bool { return !i.Resolved.IsZero() }

// IsActive reports whether the maintenance is under way.
func (m *Maintenance) IsActive() bool { return m.Status.UnderWay() }

// IsUpcoming reports whether the maintenance is still to start.
func (m *Maintenance) IsUpcoming() bool { return m.Status == vocab.Scheduled }

package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// The JSON API has the shapes of Atlassian Statuspage's public api/v2, so
// that tools written for Statuspage read it unchanged: the same paths, the
// same field names in the same order, the same enums, null where
// Statuspage writes null. API.md describes the mapping.

// apiDir is where the API lives, at the root of the default language.
const apiDir = "api/v2/"

// apiLimit is how many incidents and maintenance windows the full lists
// hold: Statuspage returns the 50 most recent.
const apiLimit = 50

// apiTimeLayout is how Statuspage writes times: milliseconds and the
// page's UTC offset, "Z" when it is zero (2014-05-14T14:22:39.441-06:00).
const apiTimeLayout = "2006-01-02T15:04:05.000Z07:00"

type apiPage struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	URL       string `json:"url"`
	TimeZone  string `json:"time_zone"`
	UpdatedAt string `json:"updated_at"`
}

type apiStatus struct {
	Indicator   vocab.Impact `json:"indicator"`
	Description string       `json:"description"`
}

type apiComponent struct {
	ID                 string      `json:"id"`
	Name               string      `json:"name"`
	Status             vocab.Level `json:"status"`
	CreatedAt          string      `json:"created_at"`
	UpdatedAt          string      `json:"updated_at"`
	Position           int         `json:"position"`
	Description        *string     `json:"description"`
	Showcase           bool        `json:"showcase"`
	StartDate          *string     `json:"start_date"`
	GroupID            *string     `json:"group_id"`
	PageID             string      `json:"page_id"`
	Group              bool        `json:"group"`
	OnlyShowIfDegraded bool        `json:"only_show_if_degraded"`
	// Components are the ids of a group's components; only groups have
	// the key.
	Components []string `json:"components,omitempty"`
}

type apiIncident struct {
	ID              string         `json:"id"`
	Name            string         `json:"name"`
	Status          vocab.Status   `json:"status"`
	CreatedAt       string         `json:"created_at"`
	UpdatedAt       string         `json:"updated_at"`
	MonitoringAt    *string        `json:"monitoring_at"`
	ResolvedAt      *string        `json:"resolved_at"`
	Impact          vocab.Impact   `json:"impact"`
	Shortlink       string         `json:"shortlink"`
	StartedAt       string         `json:"started_at"`
	PageID          string         `json:"page_id"`
	IncidentUpdates []apiUpdate    `json:"incident_updates"`
	Components      []apiComponent `json:"components"`
}

// apiMaintenance is a scheduled maintenance: in Statuspage an incident
// with a window, whose fields come last.
type apiMaintenance struct {
	apiIncident
	ScheduledFor   string `json:"scheduled_for"`
	ScheduledUntil string `json:"scheduled_until"`
}

type apiUpdate struct {
	ID                   string        `json:"id"`
	Status               vocab.Status  `json:"status"`
	Body                 string        `json:"body"`
	IncidentID           string        `json:"incident_id"`
	CreatedAt            string        `json:"created_at"`
	UpdatedAt            string        `json:"updated_at"`
	DisplayAt            string        `json:"display_at"`
	AffectedComponents   []apiAffected `json:"affected_components"`
	DeliverNotifications bool          `json:"deliver_notifications"`
	CustomTweet          *string       `json:"custom_tweet"`
	TweetID              *string       `json:"tweet_id"`
}

// apiAffected is a component's change of status in an update; code is the
// component's id.
type apiAffected struct {
	Code      string      `json:"code"`
	Name      string      `json:"name"`
	OldStatus vocab.Level `json:"old_status"`
	NewStatus vocab.Level `json:"new_status"`
}

// The files' bodies, each field in Statuspage's order.
type (
	apiSummary struct {
		Page                  apiPage          `json:"page"`
		Components            []apiComponent   `json:"components"`
		Incidents             []apiIncident    `json:"incidents"`
		ScheduledMaintenances []apiMaintenance `json:"scheduled_maintenances"`
		Status                apiStatus        `json:"status"`
	}
	apiStatusFile struct {
		Page   apiPage   `json:"page"`
		Status apiStatus `json:"status"`
	}
	apiComponentsFile struct {
		Page       apiPage        `json:"page"`
		Components []apiComponent `json:"components"`
	}
	apiIncidentsFile struct {
		Page      apiPage       `json:"page"`
		Incidents []apiIncident `json:"incidents"`
	}
	apiMaintenanceFile struct {
		Page                  apiPage          `json:"page"`
		ScheduledMaintenances []apiMaintenance `json:"scheduled_maintenances"`
	}
)

// api writes the Statuspage-compatible JSON API of the default language.
func (r *renderer) api() error {
	b := r.newAPIBuilder()
	page := b.page()
	components := b.components()

	var incidents, unresolved []apiIncident
	for _, inc := range r.v.Incidents {
		ai := b.incident(inc)
		if len(incidents) < apiLimit {
			incidents = append(incidents, ai)
		}
		if !inc.IsResolved() {
			unresolved = append(unresolved, ai)
		}
	}
	var all, upcoming, active, current []apiMaintenance
	for _, m := range r.v.Maintenance {
		am := b.maintenance(m)
		if len(all) < apiLimit {
			all = append(all, am)
		}
		up, act := m.IsUpcoming(), m.IsActive()
		if up {
			upcoming = append(upcoming, am)
		}
		if act {
			active = append(active, am)
		}
		if up || act {
			current = append(current, am)
		}
	}
	status := b.status()

	files := []struct {
		name string
		body any
	}{
		{"summary.json", apiSummary{page, components, orEmpty(unresolved), orEmpty(current), status}},
		{"status.json", apiStatusFile{page, status}},
		{"components.json", apiComponentsFile{page, components}},
		{"incidents.json", apiIncidentsFile{page, orEmpty(incidents)}},
		{"incidents/unresolved.json", apiIncidentsFile{page, orEmpty(unresolved)}},
		{"scheduled-maintenances.json", apiMaintenanceFile{page, orEmpty(all)}},
		{"scheduled-maintenances/upcoming.json", apiMaintenanceFile{page, orEmpty(upcoming)}},
		{"scheduled-maintenances/active.json", apiMaintenanceFile{page, orEmpty(active)}},
	}
	for _, f := range files {
		data, err := encodeJSON(f.body)
		if err != nil {
			return fmt.Errorf("write %s%s: %w", apiDir, f.name, err)
		}
		r.put(r.path(r.defaultLang(), apiDir+f.name), data)
	}
	return nil
}

// orEmpty turns a nil list into an empty one, so that it is written as []
// rather than null, as Statuspage does.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// encodeJSON writes v indented by two spaces, with a final newline.
// Whitespace does not matter to a client, and indented files are easier to
// read and to diff. HTML escaping stays on: "<", ">" and "&" come out as
// \u003c, \u003e and \u0026, which every JSON parser reads back, and a
// body can never close a script element or start markup if someone
// inlines the file into a page.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// apiBuilder turns the public view into Statuspage's objects.
type apiBuilder struct {
	r      *renderer
	lang   string
	loc    *time.Location
	pageID string
	// start is the earliest moment in the public content: the creation
	// time of every component, which we do not record.
	start time.Time
	// comps holds each service's component by service id.
	comps map[string]apiComponent
	// order is the components in the order of the page.
	order []apiComponent
}

func (r *renderer) newAPIBuilder() *apiBuilder {
	loc := r.v.Location
	if loc == nil {
		loc = time.UTC
	}
	b := &apiBuilder{
		r: r, lang: r.defaultLang(), loc: loc, pageID: pageID(r.v.BaseURL),
		comps: map[string]apiComponent{},
	}
	b.start = r.v.Now
	for _, inc := range r.v.Incidents {
		b.start = earlier(b.start, inc.Started)
	}
	for _, m := range r.v.Maintenance {
		b.start = earlier(b.start, maintenanceCreated(m))
	}
	b.buildComponents()
	return b
}

func earlier(a, b time.Time) time.Time {
	if !b.IsZero() && b.Before(a) {
		return b
	}
	return a
}

// later returns the later of a and b, counting only times up to now.
func later(a, b, now time.Time) time.Time {
	if b.After(a) && !b.After(now) {
		return b
	}
	return a
}

// pageID is the page's id: its address without the scheme and the final
// slash, such as "status.example.org". It is stable and needs no state.
func pageID(baseURL string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(baseURL, "https://"), "http://")
	return strings.TrimSuffix(s, "/")
}

// groupComponentID is the id of a group's component. Service ids and
// group ids are separate namespaces of lowercase letters, digits and
// hyphens, so the underscore keeps the two from ever colliding.
func groupComponentID(id string) string { return "group_" + id }

// time writes t in the page's time zone, Statuspage's way.
func (b *apiBuilder) time(t time.Time) string { return t.In(b.loc).Format(apiTimeLayout) }

// nullTime writes t, or null when it is zero.
func (b *apiBuilder) nullTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := b.time(t)
	return &s
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (b *apiBuilder) page() apiPage {
	v := b.r.v
	updated := time.Time{}
	for _, inc := range v.Incidents {
		updated = later(updated, inc.Started, v.Now)
		updated = later(updated, inc.Updated, v.Now)
		updated = later(updated, inc.Resolved, v.Now)
	}
	for _, m := range v.Maintenance {
		updated = later(updated, m.Updated, v.Now)
		updated = later(updated, m.ScheduledFor, v.Now)
		updated = later(updated, m.ScheduledUntil, v.Now)
	}
	if updated.IsZero() {
		updated = v.Now
	}
	zone := b.loc.String()
	if zone == "UTC" {
		zone = "Etc/UTC" // Statuspage's name for it
	}
	return apiPage{
		ID:        b.pageID,
		Name:      b.r.siteTitle(b.lang),
		URL:       strings.TrimSuffix(v.BaseURL, "/"),
		TimeZone:  zone,
		UpdatedAt: b.time(updated),
	}
}

// serviceUpdated is the last moment up to now at which something
// happened to s: an incident or maintenance window started, changed or
// ended.
func (b *apiBuilder) serviceUpdated(s *public.Service) time.Time {
	now := b.r.v.Now
	t := b.start
	for _, inc := range s.Incidents {
		t = later(t, inc.Started, now)
		t = later(t, inc.Resolved, now)
		for _, u := range inc.Updates {
			t = later(t, u.At, now)
		}
	}
	for _, m := range s.Maintenance {
		t = later(t, m.ScheduledFor, now)
		t = later(t, m.ScheduledUntil, now)
		for _, u := range m.Updates {
			if u.Status != vocab.Scheduled {
				t = later(t, u.At, now)
			}
		}
	}
	return t
}

// buildComponents makes a component of every service and of every group
// that has services, positioned as on the status page: the groups in
// order, then the services outside a group; services by their place in
// their group.
func (b *apiBuilder) buildComponents() {
	v := b.r.v
	created := b.time(b.start)
	service := func(s *public.Service, pos int, group *string) apiComponent {
		c := apiComponent{
			ID: s.ID, Name: b.r.text(b.lang, s.Name), Status: s.Status,
			CreatedAt: created, UpdatedAt: b.time(b.serviceUpdated(s)), Position: pos,
			Description: nullString(b.r.text(b.lang, s.Description)),
			// Every service shows its availability history.
			Showcase: true, GroupID: group, PageID: b.pageID,
		}
		b.comps[s.ID] = c
		return c
	}
	pos := 0
	for _, g := range v.Groups {
		if len(g.Services) == 0 {
			continue
		}
		pos++
		id := groupComponentID(g.ID)
		gc := apiComponent{
			ID: id, Name: b.r.text(b.lang, g.Name), Status: vocab.Operational,
			CreatedAt: created, UpdatedAt: created, Position: pos,
			Description: nullString(b.r.text(b.lang, g.Description)),
			PageID:      b.pageID, Group: true, Components: []string{},
		}
		var children []apiComponent
		updated := b.start
		for i, s := range g.Services {
			c := service(s, i+1, &id)
			children = append(children, c)
			gc.Components = append(gc.Components, s.ID)
			// A group shows the worst status of its components.
			if s.Status.Worse(gc.Status) {
				gc.Status = s.Status
			}
			updated = later(updated, b.serviceUpdated(s), v.Now)
		}
		gc.UpdatedAt = b.time(updated)
		b.order = append(b.order, gc)
		b.order = append(b.order, children...)
	}
	for _, s := range v.Services {
		if s.Group != nil {
			continue
		}
		pos++
		b.order = append(b.order, service(s, pos, nil))
	}
}

func (b *apiBuilder) components() []apiComponent { return orEmpty(b.order) }

// affectedName is how Statuspage names a component in an update: "Group -
// Component" when it is in a group.
func (b *apiBuilder) affectedName(s *public.Service) string {
	name := b.r.text(b.lang, s.Name)
	if s.Group != nil {
		return b.r.text(b.lang, s.Group.Name) + " - " + name
	}
	return name
}

// updateIDs returns the ids of updates: the record's id and the update's
// anchor on its page, made unique should two updates share a time.
func updateIDs(recordID string, updates []public.Update) []string {
	ids := make([]string, len(updates))
	seen := map[string]int{}
	for i, u := range updates {
		id := recordID + "_" + updateAnchor(u.At)
		seen[id]++
		if n := seen[id]; n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		ids[i] = id
	}
	return ids
}

// incident turns a public incident into Statuspage's. Its updates are
// newest first, as Statuspage lists them. Each update's affected
// components are the incident's services with their level before and
// after it, as its updates changed them, and operational once resolved.
func (b *apiBuilder) incident(inc *public.Incident) apiIncident {
	ai := apiIncident{
		ID: inc.ID, Name: b.r.local(b.lang, inc.Title).Text, Status: inc.Status,
		CreatedAt: b.time(inc.Started), UpdatedAt: b.time(inc.Updated),
		ResolvedAt: b.nullTime(inc.Resolved), Impact: inc.Impact,
		Shortlink: b.r.abs(b.lang, incidentPath(inc.ID)),
		StartedAt: b.time(inc.Started), PageID: b.pageID,
		Components: []apiComponent{},
	}
	// Statuspage creates an incident when it posts its first update; the
	// start can be set earlier.
	if len(inc.Updates) > 0 {
		ai.CreatedAt = b.time(inc.Updates[0].At)
	}
	for _, a := range inc.Affected {
		ai.Components = append(ai.Components, b.comps[a.Service.ID])
	}
	// The services' levels after each update: from the first update, the
	// level at detection, changed by each update that names a service (a
	// service first named then joins), operational once resolved. Before
	// the first update, Statuspage's components were operational.
	level := map[*public.Service]vocab.Level{}
	for _, a := range inc.Affected {
		if p := a.Periods; len(p) > 0 && !p[0].From.After(inc.Started) {
			level[a.Service] = p[0].Level
		}
	}
	ids := updateIDs(inc.ID, inc.Updates)
	ups := make([]apiUpdate, len(inc.Updates))
	for i, u := range inc.Updates {
		if u.Status == vocab.Monitoring && ai.MonitoringAt == nil {
			ai.MonitoringAt = b.nullTime(u.At)
		}
		old := func(s *public.Service) vocab.Level {
			if i == 0 {
				return vocab.Operational
			}
			return level[s]
		}
		var affected []apiAffected
		for _, a := range inc.Affected {
			before := old(a.Service)
			now, ok := level[a.Service]
			for _, c := range u.Changes {
				if c.Service == a.Service {
					now, ok = c.Level, true
				}
			}
			if !ok {
				continue // not affected yet
			}
			if u.Status == vocab.Resolved {
				now = vocab.Operational
			}
			level[a.Service] = now
			if before == "" {
				before = vocab.Operational
			}
			affected = append(affected, apiAffected{Code: a.Service.ID, Name: b.affectedName(a.Service), OldStatus: before, NewStatus: now})
		}
		ups[len(ups)-1-i] = b.update(ids[i], inc.ID, u, affected)
	}
	ai.IncidentUpdates = ups
	return ai
}

func (b *apiBuilder) update(id, recordID string, u public.Update, affected []apiAffected) apiUpdate {
	at := b.time(u.At)
	return apiUpdate{
		ID: id, Status: u.Status, Body: b.r.messageText(b.r.updateText(b.lang, u).Text), IncidentID: recordID,
		CreatedAt: at, UpdatedAt: at, DisplayAt: at,
		AffectedComponents: affected,
		// Every public update is published to the feeds.
		DeliverNotifications: true,
	}
}

// maintenanceCreated is when a maintenance window was announced: its
// first update, else its start.
func maintenanceCreated(m *public.Maintenance) time.Time {
	if len(m.Updates) > 0 && m.Updates[0].At.Before(m.ScheduledFor) {
		return m.Updates[0].At
	}
	return m.ScheduledFor
}

// maintenance turns a public maintenance window into Statuspage's scheduled
// maintenance. Its status and updates include the automatic start and end
// that the projection derived from the build's now. Its affected
// components are under maintenance while it is in progress or being
// verified.
func (b *apiBuilder) maintenance(m *public.Maintenance) apiMaintenance {
	created := maintenanceCreated(m)
	am := apiMaintenance{
		apiIncident: apiIncident{
			ID: m.ID, Name: b.r.local(b.lang, m.Title).Text, Status: m.Status,
			CreatedAt: b.time(created), UpdatedAt: b.time(m.Updated),
			Impact:    vocab.ImpactMaintenance,
			Shortlink: b.r.abs(b.lang, maintenancePath(m.ID)),
			// Statuspage sets a maintenance's started_at when it is created.
			StartedAt: b.time(created), PageID: b.pageID,
			Components: []apiComponent{},
		},
		ScheduledFor:   b.time(m.ScheduledFor),
		ScheduledUntil: b.time(m.ScheduledUntil),
	}
	if m.Status == vocab.Completed {
		end := m.Updated
		for _, u := range m.Updates {
			if u.Status == vocab.Completed {
				end = u.At
			}
		}
		am.ResolvedAt = b.nullTime(end)
	}
	for _, s := range m.Services {
		am.Components = append(am.Components, b.comps[s.ID])
	}
	// level is the status of the services after update j.
	level := func(j int) vocab.Level {
		if j < 0 {
			return vocab.Operational
		}
		return m.Updates[j].Status.MaintenanceLevel()
	}
	ids := updateIDs(m.ID, m.Updates)
	ups := make([]apiUpdate, len(m.Updates))
	for i, u := range m.Updates {
		var affected []apiAffected
		for _, s := range m.Services {
			affected = append(affected, apiAffected{Code: s.ID, Name: b.affectedName(s), OldStatus: level(i - 1), NewStatus: level(i)})
		}
		ups[len(ups)-1-i] = b.update(ids[i], m.ID, u, affected)
	}
	am.IncidentUpdates = ups
	return am
}

// Statuspage's top-level status: its indicator and its own phrase, which
// clients match on (a widget picks its colour by the phrase, bots quote
// it). The status page keeps its own words (UI strings overall.*).
//
// Statuspage blends the statuses of all components ("Top-level status and
// incident impact calculations", support.atlassian.com/statuspage/docs/
// top-level-status-and-incident-impact-calculations/): one component
// degraded reads "Partially Degraded Service", in a partial outage
// "Partial System Outage", in a major outage "Major System Outage", under
// maintenance "Service Under Maintenance"; with more components the phrase
// depends on whether all or only some share the worst status. The
// indicator follows the phrase, not the worst component: Cloudflare's
// live summary.json with 36 of 478 components in partial_outage and none
// worse read {"indicator": "minor", "description": "Minor Service Outage"},
// Plex's likewise with one partial_outage among several, and clients
// report "major" for one component in major_outage among many.
const (
	spOperational      = "All Systems Operational"
	spPartialDegraded  = "Partially Degraded Service"
	spDegraded         = "Degraded System Service"
	spMinorOutage      = "Minor Service Outage"
	spPartialOutage    = "Partial System Outage"
	spMajorOutage      = "Major System Outage"
	spUnderMaintenance = "Service Under Maintenance"
)

// blendedStatus returns Statuspage's indicator and description for a page
// whose components have the given statuses.
func blendedStatus(statuses []vocab.Level) apiStatus {
	worst, same := vocab.Operational, 0
	for _, s := range statuses {
		switch {
		case s.Worse(worst):
			worst, same = s, 1
		case s == worst:
			same++
		}
	}
	all := same == len(statuses)
	switch worst {
	case vocab.MajorOutage:
		if all {
			return apiStatus{vocab.ImpactCritical, spMajorOutage}
		}
		return apiStatus{vocab.ImpactMajor, spPartialOutage}
	case vocab.PartialOutage:
		if all {
			return apiStatus{vocab.ImpactMajor, spPartialOutage}
		}
		return apiStatus{vocab.ImpactMinor, spMinorOutage}
	case vocab.DegradedPerformance:
		// A single degraded component reads as partially degraded.
		if all && len(statuses) > 1 {
			return apiStatus{vocab.ImpactMinor, spDegraded}
		}
		return apiStatus{vocab.ImpactMinor, spPartialDegraded}
	case vocab.UnderMaintenance:
		return apiStatus{vocab.ImpactMaintenance, spUnderMaintenance}
	}
	return apiStatus{vocab.ImpactNone, spOperational}
}

// status is the page's status as Statuspage reports it: the blend of the
// services' statuses (groups are not components of their own here, as on
// Statuspage they only repeat their children). View.Status can stand above
// the worst service, when an open incident's impact raises it or a
// maintenance window without services is under way; the page then reads
// as a page whose every component were at that level.
func (b *apiBuilder) status() apiStatus {
	v := b.r.v
	statuses := make([]vocab.Level, len(v.Services))
	worst := vocab.Operational
	for i, s := range v.Services {
		statuses[i] = s.Status
		if s.Status.Worse(worst) {
			worst = s.Status
		}
	}
	if v.Status.Worse(worst) {
		return blendedStatus([]vocab.Level{v.Status})
	}
	return blendedStatus(statuses)
}

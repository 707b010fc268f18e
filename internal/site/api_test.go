package site

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// apiFiles are the API's files, by their path under api/v2/.
var apiFiles = []string{
	"summary.json",
	"status.json",
	"components.json",
	"incidents.json",
	"incidents/unresolved.json",
	"scheduled-maintenances.json",
	"scheduled-maintenances/upcoming.json",
	"scheduled-maintenances/active.json",
}

// apiRender renders v with only the API and the badges, so that a test of
// them does not depend on the other steps.
func apiRender(t testing.TB, v *public.View) map[string][]byte {
	t.Helper()
	r := testRenderer(t, v, nil)
	if err := r.api(); err != nil {
		t.Fatal(err)
	}
	if err := r.badges(); err != nil {
		t.Fatal(err)
	}
	if err := r.failed(); err != nil {
		t.Fatal(err)
	}
	return r.out.(*memOut).files
}

func apiFile(t testing.TB, files map[string][]byte, name string) []byte {
	t.Helper()
	data, ok := files[apiDir+name]
	if !ok {
		t.Fatalf("no %s%s", apiDir, name)
	}
	return data
}

func TestAPIGolden(t *testing.T) {
	files := renderFixture(t)
	for _, name := range apiFiles {
		golden := "api-" + strings.ReplaceAll(strings.TrimSuffix(name, ".json"), "/", "-")
		testutil.Golden(t, golden, apiFile(t, files, name))
	}
}

// The types below are those of a real Statuspage client, Gowee's
// github-status-bot (pkg/api/types.go), which reads githubstatus.com's
// api/v2; its anonymous scheduled-maintenance struct is named here. A file
// that unmarshals into them, with every field present and of the JSON type
// the field expects, is read unchanged by tools written for Statuspage.
type (
	clientSummary struct {
		Page                  clientPage                 `json:"page"`
		Components            []clientComponent          `json:"components"`
		Incidents             []clientIncident           `json:"incidents"`
		ScheduledMaintenances []clientScheduledMaintence `json:"scheduled_maintenances"`
		Status                clientStatus               `json:"status"`
	}
	clientIncidents struct {
		Page      clientPage       `json:"page"`
		Incidents []clientIncident `json:"incidents"`
	}
	clientComponents struct {
		Page       clientPage        `json:"page"`
		Components []clientComponent `json:"components"`
	}
	clientStatusResult struct {
		Page   clientPage   `json:"page"`
		Status clientStatus `json:"status"`
	}
	clientScheduledMaintenances struct {
		Page                  clientPage                 `json:"page"`
		ScheduledMaintenances []clientScheduledMaintence `json:"scheduled_maintenances"`
	}
	clientPage struct {
		ID        string    `json:"id"`
		Name      string    `json:"name"`
		URL       string    `json:"url"`
		TimeZone  string    `json:"time_zone"`
		UpdatedAt time.Time `json:"updated_at"`
	}
	clientComponent struct {
		ID                 string    `json:"id"`
		Name               string    `json:"name"`
		Status             string    `json:"status"`
		CreatedAt          time.Time `json:"created_at"`
		UpdatedAt          time.Time `json:"updated_at"`
		Position           int       `json:"position"`
		Description        string    `json:"description"`
		Showcase           bool      `json:"showcase"`
		StartDate          any       `json:"start_date"`
		GroupID            any       `json:"group_id"`
		PageID             string    `json:"page_id"`
		Group              bool      `json:"group"`
		OnlyShowIfDegraded bool      `json:"only_show_if_degraded"`
	}
	clientStatus struct {
		Indicator   string `json:"indicator"`
		Description string `json:"description"`
	}
	clientAffected struct {
		Code      string `json:"code"`
		Name      string `json:"name"`
		OldStatus string `json:"old_status"`
		NewStatus string `json:"new_status"`
	}
	clientIncidentUpdate struct {
		ID                   string           `json:"id"`
		Status               string           `json:"status"`
		Body                 string           `json:"body"`
		IncidentID           string           `json:"incident_id"`
		CreatedAt            time.Time        `json:"created_at"`
		UpdatedAt            time.Time        `json:"updated_at"`
		DisplayAt            time.Time        `json:"display_at"`
		AffectedComponents   []clientAffected `json:"affected_components"`
		DeliverNotifications bool             `json:"deliver_notifications"`
		CustomTweet          any              `json:"custom_tweet"`
		TweetID              any              `json:"tweet_id"`
	}
	clientIncident struct {
		ID              string                 `json:"id"`
		Name            string                 `json:"name"`
		Status          string                 `json:"status"`
		CreatedAt       time.Time              `json:"created_at"`
		UpdatedAt       time.Time              `json:"updated_at"`
		MonitoringAt    any                    `json:"monitoring_at"`
		ResolvedAt      time.Time              `json:"resolved_at"`
		Impact          string                 `json:"impact"`
		Shortlink       string                 `json:"shortlink"`
		StartedAt       time.Time              `json:"started_at"`
		PageID          string                 `json:"page_id"`
		IncidentUpdates []clientIncidentUpdate `json:"incident_updates"`
		Components      []clientComponent      `json:"components"`
	}
	clientScheduledMaintence struct {
		clientIncident
		ScheduledFor   time.Time `json:"scheduled_for"`
		ScheduledUntil time.Time `json:"scheduled_until"`
	}
)

// apiClientTypes maps each file to the client's type for it.
var apiClientTypes = map[string]reflect.Type{
	"summary.json":                         reflect.TypeFor[clientSummary](),
	"status.json":                          reflect.TypeFor[clientStatusResult](),
	"components.json":                      reflect.TypeFor[clientComponents](),
	"incidents.json":                       reflect.TypeFor[clientIncidents](),
	"incidents/unresolved.json":            reflect.TypeFor[clientIncidents](),
	"scheduled-maintenances.json":          reflect.TypeFor[clientScheduledMaintenances](),
	"scheduled-maintenances/upcoming.json": reflect.TypeFor[clientScheduledMaintenances](),
	"scheduled-maintenances/active.json":   reflect.TypeFor[clientScheduledMaintenances](),
}

// apiNullable are the fields Statuspage itself writes as null.
var apiNullable = map[string]bool{
	"description": true, "start_date": true, "group_id": true, "monitoring_at": true,
	"resolved_at": true, "affected_components": true, "custom_tweet": true, "tweet_id": true,
}

// statuspageTime is how Statuspage writes times: milliseconds and an
// offset, "Z" for UTC.
var statuspageTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)$`)

// apiCheckShape reports the fields of typ that j lacks, or holds with
// another JSON type.
func apiCheckShape(t *testing.T, path string, typ reflect.Type, j any) {
	t.Helper()
	timeType := reflect.TypeFor[time.Time]()
	switch {
	case typ == timeType:
		s, ok := j.(string)
		if !ok || !statuspageTime.MatchString(s) {
			t.Errorf("%s = %#v, want a time such as 2025-02-18T09:12:00.000+01:00", path, j)
		}
		return
	case typ.Kind() == reflect.Interface:
		return
	}
	switch typ.Kind() {
	case reflect.Struct:
		m, ok := j.(map[string]any)
		if !ok {
			t.Errorf("%s = %#v, want an object", path, j)
			return
		}
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Anonymous {
				apiCheckShape(t, path, f.Type, j)
				continue
			}
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			val, ok := m[name]
			switch {
			case !ok:
				t.Errorf("%s.%s is missing", path, name)
			case val == nil && apiNullable[name]:
			case val == nil:
				t.Errorf("%s.%s is null", path, name)
			default:
				apiCheckShape(t, path+"."+name, f.Type, val)
			}
		}
	case reflect.Slice:
		a, ok := j.([]any)
		if !ok {
			t.Errorf("%s = %#v, want an array", path, j)
			return
		}
		for i, e := range a {
			apiCheckShape(t, fmt.Sprintf("%s[%d]", path, i), typ.Elem(), e)
		}
	case reflect.String:
		if _, ok := j.(string); !ok {
			t.Errorf("%s = %#v, want a string", path, j)
		}
	case reflect.Int:
		if f, ok := j.(float64); !ok || f != float64(int(f)) {
			t.Errorf("%s = %#v, want an integer", path, j)
		}
	case reflect.Bool:
		if _, ok := j.(bool); !ok {
			t.Errorf("%s = %#v, want true or false", path, j)
		}
	default:
		t.Fatalf("%s: no check for %s", path, typ)
	}
}

// TestAPIClientShapes reads every file as a Statuspage client does, and
// checks that every field the client expects is there with its JSON type.
func TestAPIClientShapes(t *testing.T) {
	files := renderFixture(t)
	for _, name := range apiFiles {
		t.Run(name, func(t *testing.T) {
			data := apiFile(t, files, name)
			typ := apiClientTypes[name]
			// The client's own decoding: unknown fields allowed, as it
			// does.
			if err := json.Unmarshal(data, reflect.New(typ).Interface()); err != nil {
				t.Fatalf("the client cannot read it: %v", err)
			}
			var j any
			if err := json.Unmarshal(data, &j); err != nil {
				t.Fatal(err)
			}
			apiCheckShape(t, name, typ, j)
		})
	}
}

// apiDoc is the part of a file the enum checks read.
type apiDoc struct {
	Page struct {
		ID       string `json:"id"`
		URL      string `json:"url"`
		TimeZone string `json:"time_zone"`
	}
	Components []struct {
		ID, Status string
		Group      bool
		GroupID    *string `json:"group_id"`
		Components []string
	}
	Incidents             []apiDocIncident
	ScheduledMaintenances []apiDocIncident `json:"scheduled_maintenances"`
	Status                *struct{ Indicator, Description string }
}

type apiDocIncident struct {
	ID, Status, Impact, Shortlink string
	ResolvedAt                    *string `json:"resolved_at"`
	ScheduledFor                  *string `json:"scheduled_for"`
	ScheduledUntil                *string `json:"scheduled_until"`
	Updates                       []struct {
		ID, Status string
		IncidentID string `json:"incident_id"`
		Affected   []struct {
			Code      string
			OldStatus string `json:"old_status"`
			NewStatus string `json:"new_status"`
		} `json:"affected_components"`
	} `json:"incident_updates"`
	Components []struct{ ID, Status string }
}

var (
	componentStatuses   = []string{"operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"}
	incidentStatuses    = []string{"investigating", "identified", "monitoring", "resolved", "postmortem"}
	incidentImpacts     = []string{"none", "minor", "major", "critical"}
	maintenanceStatuses = []string{"scheduled", "in_progress", "verifying", "completed"}
	indicators          = []string{"none", "minor", "major", "critical", "maintenance"}
)

func apiDecode(t *testing.T, data []byte) apiDoc {
	t.Helper()
	var d apiDoc
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// apiCheckEnums checks the enums of every file in files and that the ids
// of one file are unique and refer to each other.
func apiCheckEnums(t *testing.T, files map[string][]byte) {
	t.Helper()
	for _, name := range apiFiles {
		d := apiDecode(t, apiFile(t, files, name))
		in := func(what, v string, enum []string) {
			if !slices.Contains(enum, v) {
				t.Errorf("%s: %s %q is not one of %v", name, what, v, enum)
			}
		}
		ids := map[string]bool{}
		unique := func(id string) {
			if id == "" || ids[id] {
				t.Errorf("%s: id %q is empty or not unique", name, id)
			}
			ids[id] = true
		}
		for _, c := range d.Components {
			unique(c.ID)
			in("component status", c.Status, componentStatuses)
			if c.Group != (c.Components != nil) {
				t.Errorf("%s: component %s: group %v with components %v", name, c.ID, c.Group, c.Components)
			}
		}
		for _, c := range d.Components {
			for _, child := range c.Components {
				if !ids[child] {
					t.Errorf("%s: group %s names unknown component %s", name, c.ID, child)
				}
			}
			if c.GroupID != nil && !ids[*c.GroupID] {
				t.Errorf("%s: component %s is in unknown group %s", name, c.ID, *c.GroupID)
			}
		}
		check := func(inc apiDocIncident, statuses, impacts []string) {
			unique(inc.ID)
			in("status", inc.Status, statuses)
			in("impact", inc.Impact, impacts)
			if !strings.HasPrefix(inc.Shortlink, "https://") {
				t.Errorf("%s: %s: shortlink %q", name, inc.ID, inc.Shortlink)
			}
			for _, u := range inc.Updates {
				unique(u.ID)
				in("update status", u.Status, statuses)
				if u.IncidentID != inc.ID {
					t.Errorf("%s: update %s belongs to %s, not %s", name, u.ID, u.IncidentID, inc.ID)
				}
				for _, a := range u.Affected {
					in("old status", a.OldStatus, componentStatuses)
					in("new status", a.NewStatus, componentStatuses)
				}
			}
			for _, c := range inc.Components {
				in("component status", c.Status, componentStatuses)
			}
		}
		for _, inc := range d.Incidents {
			check(inc, incidentStatuses, incidentImpacts)
			if (inc.Status == "resolved") != (inc.ResolvedAt != nil) {
				t.Errorf("%s: %s is %s with resolved_at %v", name, inc.ID, inc.Status, inc.ResolvedAt)
			}
			if inc.ScheduledFor != nil {
				t.Errorf("%s: incident %s has scheduled_for", name, inc.ID)
			}
		}
		for _, m := range d.ScheduledMaintenances {
			check(m, maintenanceStatuses, []string{"maintenance"})
			if m.ScheduledFor == nil || m.ScheduledUntil == nil {
				t.Errorf("%s: %s lacks its window", name, m.ID)
			}
			if (m.Status == "completed") != (m.ResolvedAt != nil) {
				t.Errorf("%s: %s is %s with resolved_at %v", name, m.ID, m.Status, m.ResolvedAt)
			}
		}
		if d.Status != nil {
			in("indicator", d.Status.Indicator, indicators)
			if d.Status.Description == "" {
				t.Errorf("%s: no description", name)
			}
		}
		if name == "incidents/unresolved.json" || name == "summary.json" {
			for _, inc := range d.Incidents {
				if inc.Status == "resolved" {
					t.Errorf("%s: resolved incident %s", name, inc.ID)
				}
			}
		}
		switch name {
		case "scheduled-maintenances/upcoming.json":
			for _, m := range d.ScheduledMaintenances {
				if m.Status != "scheduled" {
					t.Errorf("%s: %s is %s", name, m.ID, m.Status)
				}
			}
		case "scheduled-maintenances/active.json":
			for _, m := range d.ScheduledMaintenances {
				if m.Status != "in_progress" && m.Status != "verifying" {
					t.Errorf("%s: %s is %s", name, m.ID, m.Status)
				}
			}
		}
	}
}

func TestAPIEnums(t *testing.T) {
	files := renderFixture(t)
	apiCheckEnums(t, files)

	// What the fixture holds at fixtureNow.
	sum := apiDecode(t, apiFile(t, files, "summary.json"))
	if sum.Page.ID != "status.example.org" || sum.Page.URL != "https://status.example.org" || sum.Page.TimeZone != "Europe/Brussels" {
		t.Errorf("page %+v", sum.Page)
	}
	if got := *sum.Status; got.Indicator != "minor" || got.Description != "Partially Degraded Service" {
		t.Errorf("status %+v, want minor", got)
	}
	var ids []string
	for _, inc := range sum.Incidents {
		ids = append(ids, inc.ID)
	}
	for _, m := range sum.ScheduledMaintenances {
		ids = append(ids, m.ID)
	}
	// Latest start first: the upcoming window, then the active one.
	if want := []string{"2026-11-23-api-slow-responses", "2026-12-06-network-switch-replacement", "2026-11-23-portal-database-upgrade"}; !slices.Equal(ids, want) {
		t.Errorf("summary holds %v, want %v", ids, want)
	}
	all := apiDecode(t, apiFile(t, files, "incidents.json"))
	if len(all.Incidents) != 3 {
		t.Errorf("incidents.json holds %d incidents, want the 3 public ones", len(all.Incidents))
	}
	ids = nil
	for _, m := range apiDecode(t, apiFile(t, files, "scheduled-maintenances/active.json")).ScheduledMaintenances {
		ids = append(ids, m.ID)
	}
	if want := []string{"2026-11-23-portal-database-upgrade"}; !slices.Equal(ids, want) {
		t.Errorf("active.json holds %v, want %v", ids, want)
	}
}

// TestAPINothingInternal: neither the internal incident nor any internal
// note, section or record of the fixture is in the API or the
// badges.
func TestAPINothingInternal(t *testing.T) {
	files := renderFixture(t)
	var secrets []string
	m := fixtureProject(t).Model
	for _, inc := range m.Incidents {
		public := inc.Visibility == "public"
		if !public {
			secrets = append(append(secrets, inc.ID), inc.Title.All()...)
		}
		for _, u := range inc.Updates {
			if !public {
				secrets = append(secrets, u.Message.All()...)
			}
			if u.Internal != "" {
				secrets = append(secrets, u.Internal)
			}
		}
		for _, s := range inc.Sections {
			if !public || s.Audience != "external" {
				secrets = append(secrets, strings.TrimSpace(string(s.Markdown)))
			}
		}
	}
	for _, mt := range m.Maintenance {
		for _, u := range mt.Updates {
			if u.Internal != "" {
				secrets = append(secrets, u.Internal)
			}
		}
		for _, s := range mt.Sections {
			if s.Audience != "external" {
				secrets = append(secrets, strings.TrimSpace(string(s.Markdown)))
			}
		}
	}
	// And by hand, in case the model ever stops holding them.
	secrets = append(secrets, "misdirected-data-export", "Site24x7 alert 4411", "WAL replay", "NW-55120", "203.0.113.0/24", "CSIRT-2025-0931", "an-janssens")
	if len(secrets) < 15 {
		t.Fatalf("only %d secrets to look for", len(secrets))
	}
	var checked int
	for name, data := range files {
		if !strings.HasPrefix(name, apiDir) && !strings.HasSuffix(name, "badge.svg") && !strings.HasSuffix(name, "badge.json") {
			continue
		}
		checked++
		// Read JSON as its parser would, so that escapes hide nothing.
		text := string(data)
		if strings.HasSuffix(name, ".json") {
			var j any
			if err := json.Unmarshal(data, &j); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			text = fmt.Sprint(j)
		}
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s holds %q", name, s)
			}
		}
	}
	if checked != len(apiFiles)+2*(1+len(fixtureProject(t).Model.Services)) {
		t.Errorf("checked %d files", checked)
	}
}

// apiScenario is a hand-made view with a service in every state, open and
// resolved incidents, and maintenance in every phase, in UTC.
func apiScenario() *public.View {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	at := func(h, m int) time.Time { return now.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	g := &public.Group{ID: "web", Name: l10n.Text{"": "Web"}}
	site := &public.Service{ID: "web", Name: l10n.Text{"": `Site <b>"A&B"</b>`}, Group: g, Status: "partial_outage"}
	shop := &public.Service{ID: "shop", Name: l10n.Text{"": "Shop"}, Group: g, Status: "operational"}
	db := &public.Service{ID: "db", Name: l10n.Text{"": "Database"}, Status: "under_maintenance"}
	g.Services = []*public.Service{site, shop}
	open := &public.Incident{
		ID: "open", Title: l10n.Text{"": "Down </script><script>alert(1)</script>"}, Impact: "critical", Status: "monitoring",
		Started: at(-2, 0), Updated: at(-1, 0),
		Affected: []public.Affected{{Service: site, Level: "partial_outage", Worst: "partial_outage",
			Periods: []public.Period{{From: at(-2, 0), Level: "partial_outage"}}}},
		Updates: []public.Update{
			{At: at(-2, 0), Status: "investigating", Message: l10n.Text{"": "Looking & <checking>."}},
			{At: at(-2, 0), Status: "identified", Message: l10n.Text{"": "Same minute."}},
			{At: at(-1, 0), Status: "monitoring", Message: l10n.Text{"": "Watching."}},
		},
	}
	closed := &public.Incident{
		ID: "closed", Title: l10n.Text{"": "Was slow"}, Impact: "minor", Status: "resolved",
		Started: at(-48, 0), Resolved: at(-47, 0), Updated: at(-47, 0),
		Affected: []public.Affected{{Service: shop, Level: "degraded_performance", Worst: "degraded_performance",
			Periods: []public.Period{{From: at(-48, 0), To: at(-47, 0), Level: "degraded_performance"}}}},
		Updates: []public.Update{
			{At: at(-48, 0), Status: "investigating", Message: l10n.Text{"": "Slow."}},
			{At: at(-47, 0), Status: "resolved", Message: l10n.Text{"": "Fast again."}},
		},
	}
	site.Incidents = []*public.Incident{open}
	shop.Incidents = []*public.Incident{closed}
	window := func(id string, status vocab.Status, from, until time.Time) *public.Maintenance {
		return &public.Maintenance{
			ID: id, Title: l10n.Text{"": "Window " + id}, Services: []*public.Service{db}, Status: status,
			ScheduledFor: from, ScheduledUntil: until, Updated: from.Add(-24 * time.Hour),
			Updates: []public.Update{{At: from.Add(-24 * time.Hour), Status: "scheduled", Message: l10n.Text{"": "Planned."}}},
		}
	}
	upcoming := window("upcoming", "scheduled", at(24, 0), at(26, 0))
	// As projection.Public gives them at now: a window that started or
	// ended by itself has its automatic update.
	started := window("started", "in_progress", at(-1, 0), at(1, 0))
	started.Updates = append(started.Updates, public.Update{At: at(-1, 0), Status: "in_progress", Auto: true})
	started.Updated = at(-1, 0)
	verifying := window("verifying", "verifying", at(-3, 0), at(-2, 0))
	verifying.Updates = append(verifying.Updates, public.Update{At: at(-3, 0), Status: "in_progress", Message: l10n.Text{"": "Started."}}, public.Update{At: at(-2, 0), Status: "verifying", Message: l10n.Text{"": "Checking."}})
	verifying.Updated = at(-2, 0)
	lapsed := window("lapsed", "completed", at(-30, 0), at(-29, 0))
	lapsed.Updates = append(lapsed.Updates, public.Update{At: at(-30, 0), Status: "in_progress", Auto: true},
		public.Update{At: at(-29, 0), Status: "completed", Auto: true})
	lapsed.Updated = at(-29, 0)
	done := window("done", "completed", at(-50, 0), at(-49, 0))
	done.Updates = append(done.Updates, public.Update{At: at(-49, 30), Status: "completed", Message: l10n.Text{"": "Done."}})
	done.Updated = at(-49, 30)
	db.Maintenance = []*public.Maintenance{upcoming, started, verifying, lapsed, done}
	return &public.View{
		Title: l10n.Text{"": "Scenario"}, BaseURL: "https://example.org/status/", Languages: []string{"en"},
		Location: time.UTC, Now: now,
		Groups: []*public.Group{g}, Services: []*public.Service{site, shop, db},
		Incidents:   []*public.Incident{open, closed},
		Maintenance: []*public.Maintenance{upcoming, started, verifying, lapsed, done},
		// Above the worst service's, as an open critical incident that
		// names no service makes it in projection.Public.
		Status: "major_outage",
	}
}

func TestAPIScenario(t *testing.T) {
	files := apiRender(t, apiScenario())
	apiCheckEnums(t, files)

	sum := apiDecode(t, apiFile(t, files, "summary.json"))
	if sum.Page.ID != "example.org/status" || sum.Page.URL != "https://example.org/status" || sum.Page.TimeZone != "Etc/UTC" {
		t.Errorf("page %+v", sum.Page)
	}
	// The open incident's impact outranks the worst component's.
	if got := *sum.Status; got.Indicator != "critical" || got.Description != "Major System Outage" {
		t.Errorf("status %+v, want critical from the incident's impact", got)
	}
	var comps []string
	for _, c := range sum.Components {
		comps = append(comps, c.ID+"="+c.Status)
	}
	if want := []string{"group_web=partial_outage", "web=partial_outage", "shop=operational", "db=under_maintenance"}; !slices.Equal(comps, want) {
		t.Errorf("components %v, want %v", comps, want)
	}

	phases := func(name string) []string {
		var out []string
		for _, m := range apiDecode(t, apiFile(t, files, name)).ScheduledMaintenances {
			out = append(out, m.ID+"="+m.Status)
		}
		return out
	}
	for name, want := range map[string][]string{
		"scheduled-maintenances.json":          {"upcoming=scheduled", "started=in_progress", "verifying=verifying", "lapsed=completed", "done=completed"},
		"scheduled-maintenances/upcoming.json": {"upcoming=scheduled"},
		"scheduled-maintenances/active.json":   {"started=in_progress", "verifying=verifying"},
		"summary.json":                         {"upcoming=scheduled", "started=in_progress", "verifying=verifying"},
	} {
		if got := phases(name); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}

	all := apiDecode(t, apiFile(t, files, "incidents.json"))
	open := all.Incidents[0]
	// Newest first, unique ids even for two updates in the same minute.
	var upd []string
	for _, u := range open.Updates {
		upd = append(upd, u.ID+" "+u.Status)
	}
	if want := []string{
		"open_update-20250601T110000Z monitoring",
		"open_update-20250601T100000Z-2 identified",
		"open_update-20250601T100000Z investigating",
	}; !slices.Equal(upd, want) {
		t.Errorf("updates %v, want %v", upd, want)
	}
	first := open.Updates[2].Affected[0]
	if first.Code != "web" || first.OldStatus != "operational" || first.NewStatus != "partial_outage" {
		t.Errorf("first update's affected component %+v", first)
	}
	last := all.Incidents[1].Updates[0].Affected[0]
	if last.OldStatus != "degraded_performance" || last.NewStatus != "operational" {
		t.Errorf("resolving update's affected component %+v", last)
	}

	raw := string(apiFile(t, files, "incidents.json"))
	for _, want := range []string{
		`"monitoring_at": "2025-06-01T11:00:00.000Z"`,
		`"name": "Down \u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"`,
		`"shortlink": "https://example.org/status/incidents/open/"`,
		`"name": "Web - Site \u003cb\u003e\"A\u0026B\"\u003c/b\u003e"`,
	} {
		if !strings.Contains(raw, want) {
			t.Errorf("incidents.json lacks %s", want)
		}
	}
	if strings.Contains(raw, "</") {
		t.Error(`incidents.json holds "</"`)
	}
	lapsed := string(apiFile(t, files, "scheduled-maintenances.json"))
	if !strings.Contains(lapsed, `"resolved_at": "2025-05-31T07:00:00.000Z"`) {
		t.Error("the lapsed window is not resolved at its end")
	}
}

// TestAPIMaintenanceIndicator: with nothing wrong but a window under way,
// the indicator is "maintenance", as Statuspage reports it.
func TestAPIMaintenanceIndicator(t *testing.T) {
	v := apiScenario()
	v.Incidents = v.Incidents[1:]
	v.Services[0].Status = "operational"
	v.Status = "under_maintenance"
	got := apiDecode(t, apiFile(t, apiRender(t, v), "status.json")).Status
	if got.Indicator != "maintenance" || got.Description != "Service Under Maintenance" {
		t.Errorf("status %+v, want maintenance", got)
	}
}

// TestAPIStatusBlend: status.description is Statuspage's own phrase for
// the blend of the components' statuses, and the indicator follows it:
// one component in partial outage among several is a minor outage.
func TestAPIStatusBlend(t *testing.T) {
	const (
		op = "operational"
		mt = "under_maintenance"
		dg = "degraded_performance"
		po = "partial_outage"
		mo = "major_outage"
	)
	for _, c := range []struct {
		name       string
		page       vocab.Level // View.Status; "" is the worst component's
		components []vocab.Level
		indicator  string
		desc       string
	}{
		{"no components", "", nil, "none", "All Systems Operational"},
		{"all operational", "", []vocab.Level{op, op}, "none", "All Systems Operational"},
		{"one under maintenance", "", []vocab.Level{op, mt}, "maintenance", "Service Under Maintenance"},
		{"the only one degraded", "", []vocab.Level{dg}, "minor", "Partially Degraded Service"},
		{"some degraded", "", []vocab.Level{op, dg, mt}, "minor", "Partially Degraded Service"},
		{"all degraded", "", []vocab.Level{dg, dg}, "minor", "Degraded System Service"},
		{"the only one in partial outage", "", []vocab.Level{po}, "major", "Partial System Outage"},
		{"some in partial outage", "", []vocab.Level{op, po, dg}, "minor", "Minor Service Outage"},
		{"all in partial outage", "", []vocab.Level{po, po}, "major", "Partial System Outage"},
		{"the only one down", "", []vocab.Level{mo}, "critical", "Major System Outage"},
		{"some down", "", []vocab.Level{op, mo, po}, "major", "Partial System Outage"},
		{"all down", "", []vocab.Level{mo, mo, mo}, "critical", "Major System Outage"},
		// An open incident's impact above every component raises the page.
		{"raised by an incident", po, []vocab.Level{op, dg}, "major", "Partial System Outage"},
		// Not above the worst component: the blend stands, as on
		// Statuspage, where one component down among many reads "major".
		{"a critical incident on one of two", mo, []vocab.Level{op, mo}, "major", "Partial System Outage"},
		{"a window without services", mt, []vocab.Level{op}, "maintenance", "Service Under Maintenance"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := &public.View{
				Title: l10n.Text{"": "Blend"}, BaseURL: "https://status.example.org/", Languages: []string{"en"},
				Location: time.UTC, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Status: "operational",
			}
			for i, s := range c.components {
				v.Services = append(v.Services, &public.Service{ID: fmt.Sprintf("s%d", i), Name: l10n.Text{"": "S"}, Status: s})
				if s.Worse(v.Status) {
					v.Status = s
				}
			}
			if c.page != "" {
				v.Status = c.page
			}
			for _, name := range []string{"status.json", "summary.json"} {
				got := apiDecode(t, apiFile(t, apiRender(t, v), name)).Status
				if got.Indicator != c.indicator || got.Description != c.desc {
					t.Errorf("%s: %+v, want {%s %s}", name, *got, c.indicator, c.desc)
				}
			}
		})
	}
}

// TestAPIEmpty: a site without services or records has empty lists, not
// nulls, and is operational.
func TestAPIEmpty(t *testing.T) {
	v := &public.View{
		Title: l10n.Text{"": "Empty"}, BaseURL: "https://status.example.org/", Languages: []string{"en"},
		Location: time.UTC, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Status: "operational",
	}
	files := apiRender(t, v)
	apiCheckEnums(t, files)
	sum := string(apiFile(t, files, "summary.json"))
	for _, want := range []string{`"components": []`, `"incidents": []`, `"scheduled_maintenances": []`, `"indicator": "none"`, `"updated_at": "2025-01-01T00:00:00.000Z"`} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary.json lacks %s:\n%s", want, sum)
		}
	}
}

// TestAPILimit: the full lists hold the 50 most recent records, the
// unresolved list every open incident.
func TestAPILimit(t *testing.T) {
	v := apiScenario()
	v.Incidents = nil
	v.Maintenance = nil
	for i := range 60 {
		start := v.Now.Add(-time.Duration(i) * time.Hour)
		v.Incidents = append(v.Incidents, &public.Incident{ID: fmt.Sprintf("i%02d", i), Title: l10n.Text{"": "x"}, Impact: "minor", Status: "investigating", Started: start, Updated: start})
		v.Maintenance = append(v.Maintenance, &public.Maintenance{ID: fmt.Sprintf("m%02d", i), Title: l10n.Text{"": "x"}, Status: "completed", ScheduledFor: start, ScheduledUntil: start.Add(time.Minute), Updated: start})
	}
	files := apiRender(t, v)
	for name, want := range map[string]int{"incidents.json": 50, "incidents/unresolved.json": 60, "summary.json": 60} {
		if got := len(apiDecode(t, apiFile(t, files, name)).Incidents); got != want {
			t.Errorf("%s holds %d incidents, want %d", name, got, want)
		}
	}
	if got := len(apiDecode(t, apiFile(t, files, "scheduled-maintenances.json")).ScheduledMaintenances); got != 50 {
		t.Errorf("scheduled-maintenances.json holds %d, want 50", got)
	}
}

package projection_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// incident returns an incident file affecting web at level from start
// for dur; a zero dur leaves it open.
func incident(id, level, start string, dur time.Duration, visibility string) string {
	s, err := time.Parse(time.RFC3339, start)
	if err != nil {
		panic(err)
	}
	f := fmt.Sprintf("-- content/incidents/%s.md --\n---\ntitle: Incident %s\ncategory: availability\nseverity: minor\nvisibility: %s\nservices: {web: %s}\ndetected: %s\nexpected_downtime: 1h\ncoordinator: an-janssens\n",
		id, id, visibility, level, start)
	if dur > 0 {
		end := s.Add(dur).Format(time.RFC3339)
		f += fmt.Sprintf("acknowledged: %s\nresolved: %s\nupdates:\n  - {at: %s, status: resolved, message: Fixed.}\n---\n\n## Impact\nx\n\n## Root cause\nx\n\n## Immediate actions\nx\n\n## Preventive measures\nx\n", start, end, end)
	} else {
		f += fmt.Sprintf("acknowledged: %s\nupdates:\n  - {at: %s, status: investigating, message: Looking.}\n---\n\n## Impact\nx\n", start, start)
	}
	return f
}

func view(t *testing.T, now time.Time, files ...string) *public.View {
	t.Helper()
	// The incidents above affect the service "web".
	cfg := strings.Replace(testutil.MinimalConfig, "{id: website, name: Website}", "{id: web, name: Website}", 1)
	fsys := testutil.SiteFS("-- incidentsite.yaml --\n" + cfg + "-- content/contacts/internal.md --\n" + testutil.MinimalContacts +
		"\n" + strings.Join(files, "\n"))
	p := project.New(fsys, nil, now)
	p.Check()
	var errs []string
	for _, d := range p.Diags {
		if d.Severity == 0 {
			errs = append(errs, d.String())
		}
	}
	if p.Model == nil {
		t.Fatalf("invalid site:\n%s", strings.Join(errs, "\n"))
	}
	return projection.Public(p.Model)
}

func service(v *public.View, id string) *public.Service {
	for _, s := range v.Services {
		if s.ID == id {
			return s
		}
	}
	return nil
}

func TestHistory(t *testing.T) {
	now := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC) // 14:00 in Brussels
	day := 24 * time.Hour
	for _, tc := range []struct {
		name   string
		files  []string
		status vocab.Level
		// down is the expected impact-weighted downtime per day, by date.
		down   map[string]time.Duration
		worst  map[string]vocab.Level
		uptime float64
	}{
		{
			name: "no incidents", status: "operational", uptime: 1,
		},
		{
			name:   "one major outage of an hour",
			files:  []string{incident("2025-06-10-a", "major_outage", "2025-06-10T09:00:00+02:00", time.Hour, "public")},
			status: "operational",
			down:   map[string]time.Duration{"2025-06-10": time.Hour},
			worst:  map[string]vocab.Level{"2025-06-10": "major_outage"},
		},
		{
			name:  "a partial outage counts for 30 percent",
			files: []string{incident("2025-06-10-a", "partial_outage", "2025-06-10T09:00:00+02:00", time.Hour, "public")},
			down:  map[string]time.Duration{"2025-06-10": 18 * time.Minute},
			worst: map[string]vocab.Level{"2025-06-10": "partial_outage"}, status: "operational",
		},
		{
			name:  "degraded performance is not downtime but shows",
			files: []string{incident("2025-06-10-a", "degraded_performance", "2025-06-10T09:00:00+02:00", time.Hour, "public")},
			down:  map[string]time.Duration{}, status: "operational",
			worst: map[string]vocab.Level{"2025-06-10": "degraded_performance"},
		},
		{
			name: "overlapping incidents count once, at the worst level",
			files: []string{
				incident("2025-06-10-a", "major_outage", "2025-06-10T09:00:00+02:00", time.Hour, "public"),
				incident("2025-06-10-b", "partial_outage", "2025-06-10T09:30:00+02:00", time.Hour, "public"),
			},
			// 09:00-10:00 major (60 min) + 10:00-10:30 partial (30 min * 0.3).
			down:   map[string]time.Duration{"2025-06-10": time.Hour + 9*time.Minute},
			worst:  map[string]vocab.Level{"2025-06-10": "major_outage"},
			status: "operational",
		},
		{
			name:   "an incident across midnight is split between the days",
			files:  []string{incident("2025-06-10-a", "major_outage", "2025-06-10T23:00:00+02:00", 2*time.Hour, "public")},
			down:   map[string]time.Duration{"2025-06-10": time.Hour, "2025-06-11": time.Hour},
			worst:  map[string]vocab.Level{"2025-06-10": "major_outage", "2025-06-11": "major_outage"},
			status: "operational",
		},
		{
			name:   "an open incident lasts until now and sets the status",
			files:  []string{incident("2025-06-30-a", "major_outage", "2025-06-30T13:00:00+02:00", 0, "public")},
			down:   map[string]time.Duration{"2025-06-30": time.Hour},
			worst:  map[string]vocab.Level{"2025-06-30": "major_outage"},
			status: "major_outage",
		},
		{
			name:   "an internal incident counts for nothing public",
			files:  []string{incident("2025-06-30-a", "major_outage", "2025-06-30T13:00:00+02:00", 0, "internal")},
			down:   map[string]time.Duration{},
			status: "operational", uptime: 1,
		},
		{
			name:   "an incident before the window is left out",
			files:  []string{incident("2025-01-10-a", "major_outage", "2025-01-10T09:00:00+01:00", day, "public")},
			down:   map[string]time.Duration{},
			status: "operational", uptime: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := view(t, now, tc.files...)
			s := service(v, "web")
			if s.Status != tc.status || v.Status != tc.status {
				t.Errorf("status %s, overall %s; want %s", s.Status, v.Status, tc.status)
			}
			if len(s.History) != projection.HistoryDays {
				t.Fatalf("%d days of history", len(s.History))
			}
			if last := s.History[len(s.History)-1].Date.Format("2006-01-02"); last != "2025-06-30" {
				t.Errorf("history ends on %s", last)
			}
			var total time.Duration
			for _, d := range s.History {
				date := d.Date.Format("2006-01-02")
				if d.Down != tc.down[date] {
					t.Errorf("%s: down %v, want %v", date, d.Down, tc.down[date])
				}
				if d.Worst != tc.worst[date] {
					t.Errorf("%s: worst %q, want %q", date, d.Worst, tc.worst[date])
				}
				total += d.Down
			}
			span := now.Sub(s.History[0].Date)
			want := 1 - float64(total)/float64(span)
			if tc.uptime != 0 {
				want = tc.uptime
			}
			if math.Abs(s.Uptime-want) > 1e-9 {
				t.Errorf("uptime %v, want %v", s.Uptime, want)
			}
		})
	}
}

// TestHistoryClockChange: the day the clocks go back has 25 hours, and
// the days stay aligned to local midnight.
func TestHistoryClockChange(t *testing.T) {
	now := time.Date(2025, 10, 27, 12, 0, 0, 0, time.UTC)
	v := view(t, now, incident("2025-10-26-a", "major_outage", "2025-10-26T01:30:00+02:00", 2*time.Hour, "public"))
	s := service(v, "web")
	for _, d := range s.History {
		if d.Date.Hour() != 0 {
			t.Fatalf("day %v does not start at midnight", d.Date)
		}
		if d.Date.Format("2006-01-02") == "2025-10-26" && d.Down != 2*time.Hour {
			t.Errorf("down %v on the day of the change, want 2h", d.Down)
		}
	}
}

func TestImpactMapping(t *testing.T) {
	v := view(t, time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC),
		strings.Replace(incident("2025-06-10-a", "major_outage", "2025-06-10T09:00:00+02:00", time.Hour, "public"), "severity: minor", "severity: critical", 1),
		incident("2025-06-11-b", "major_outage", "2025-06-11T09:00:00+02:00", time.Hour, "public"))
	got := map[string]vocab.Impact{}
	for _, inc := range v.Incidents {
		got[inc.ID] = inc.Impact
	}
	if got["2025-06-10-a"] != "critical" || got["2025-06-11-b"] != "minor" {
		t.Errorf("impacts %v", got)
	}
}

// TestResolvedFromUpdate: a resolving update without resolved: written
// resolves the incident at the update's time (validation only warns), so
// the push that tells customers it is over publishes it as over.
func TestResolvedFromUpdate(t *testing.T) {
	f := strings.Replace(incident("2025-03-01-down", "major_outage", "2025-03-01T10:00:00Z", time.Hour, "public"),
		"resolved: 2025-03-01T11:00:00Z\n", "", 1)
	if strings.Contains(f, "resolved: 2025") {
		t.Fatal("the fixture still has resolved:")
	}
	v := view(t, time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC), f)
	inc := v.Incidents[0]
	if want := time.Date(2025, 3, 1, 11, 0, 0, 0, time.UTC); !inc.Resolved.Equal(want) {
		t.Errorf("resolved %v, want the resolving update's %v", inc.Resolved, want)
	}
	if s := service(v, "web"); s.Status != "operational" {
		t.Errorf("service status %q, want operational once resolved", s.Status)
	}
}

package model

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

var (
	svcA = &Service{ID: "a"}
	svcB = &Service{ID: "b"}
	t0   = time.Date(2025, 2, 18, 9, 0, 0, 0, time.UTC)
)

// at is t0 plus m minutes.
func at(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }

// show writes a timeline as "a: major_outage 0-10, degraded_performance
// 10-; b: …", minutes after t0, "-" for an open end.
func show(tl []ServiceImpact) string {
	var parts []string
	for _, si := range tl {
		var ps []string
		for _, p := range si.Periods {
			to := ""
			if !p.To.IsZero() {
				to = fmt.Sprint(p.To.Sub(t0).Minutes())
			}
			ps = append(ps, fmt.Sprintf("%s %v-%s", p.Level, p.From.Sub(t0).Minutes(), to))
		}
		parts = append(parts, si.Service.ID+": "+strings.Join(ps, ", "))
	}
	return strings.Join(parts, "; ")
}

func TestIncidentTimeline(t *testing.T) {
	type upd struct {
		min     int
		status  vocab.Status
		impacts []Impact
	}
	tests := []struct {
		name     string
		impacts  []Impact
		updates  []upd
		resolved int // minutes; -1 while open
		want     string
	}{
		{"no updates, open", []Impact{{svcA, "major_outage"}}, nil, -1, "a: major_outage 0-"},
		{"no updates, resolved", []Impact{{svcA, "major_outage"}}, nil, 30, "a: major_outage 0-30"},
		{"updates without services keep the impact",
			[]Impact{{svcA, "major_outage"}},
			[]upd{{5, "investigating", nil}, {20, "identified", nil}}, -1,
			"a: major_outage 0-"},
		{"monitoring lowers the impact",
			[]Impact{{svcA, "major_outage"}},
			[]upd{{5, "investigating", nil}, {20, "monitoring", []Impact{{svcA, "degraded_performance"}}}, {40, "resolved", nil}}, 40,
			"a: major_outage 0-20, degraded_performance 20-40"},
		{"a service not named keeps its impact",
			[]Impact{{svcA, "major_outage"}, {svcB, "partial_outage"}},
			[]upd{{10, "identified", []Impact{{svcA, "degraded_performance"}}}}, -1,
			"a: major_outage 0-10, degraded_performance 10-; b: partial_outage 0-"},
		{"operational says a service recovered",
			[]Impact{{svcA, "major_outage"}, {svcB, "partial_outage"}},
			[]upd{{10, "monitoring", []Impact{{svcB, "operational"}}}}, -1,
			"a: major_outage 0-; b: partial_outage 0-10, operational 10-"},
		{"an update adds a service from its time",
			[]Impact{{svcA, "partial_outage"}},
			[]upd{{15, "identified", []Impact{{svcB, "degraded_performance"}}}}, 60,
			"a: partial_outage 0-60; b: degraded_performance 15-60"},
		{"an update that repeats the level changes nothing",
			[]Impact{{svcA, "major_outage"}},
			[]upd{{10, "identified", []Impact{{svcA, "major_outage"}}}}, -1,
			"a: major_outage 0-"},
		{"a change at detection replaces the first level",
			[]Impact{{svcA, "major_outage"}},
			[]upd{{0, "investigating", []Impact{{svcA, "partial_outage"}}}}, -1,
			"a: partial_outage 0-"},
		{"a change back at the same moment merges the periods",
			[]Impact{{svcA, "major_outage"}},
			[]upd{{10, "identified", []Impact{{svcA, "partial_outage"}}}, {10, "identified", []Impact{{svcA, "major_outage"}}}}, -1,
			"a: major_outage 0-"},
		{"the resolving update's services are ignored",
			[]Impact{{svcA, "major_outage"}},
			[]upd{{30, "resolved", []Impact{{svcA, "degraded_performance"}}}}, 30,
			"a: major_outage 0-30"},
		{"an update after the resolution changes nothing",
			[]Impact{{svcA, "major_outage"}},
			[]upd{{50, "monitoring", []Impact{{svcA, "degraded_performance"}}}}, 30,
			"a: major_outage 0-30"},
		{"an update before detection counts from detection",
			[]Impact{{svcA, "major_outage"}},
			[]upd{{-5, "investigating", []Impact{{svcA, "partial_outage"}}}}, -1,
			"a: partial_outage 0-"},
		{"no services", nil, []upd{{5, "investigating", nil}}, -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inc := &Incident{Detected: t0, Impacts: tt.impacts}
			if tt.resolved >= 0 {
				inc.Resolved = at(tt.resolved)
			}
			for _, u := range tt.updates {
				inc.Updates = append(inc.Updates, Update{At: at(u.min), Status: u.status, Impacts: u.impacts})
			}
			if got := show(inc.Timeline()); got != tt.want {
				t.Errorf("Timeline() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMaintenanceTimeline(t *testing.T) {
	announce := Update{At: at(-60 * 24), Status: "scheduled", Message: l10n.Text{"": "announced"}}
	start := Update{At: at(0), Status: "in_progress", Auto: true}
	end := Update{At: at(60), Status: "completed", Auto: true}
	tests := []struct {
		name    string
		status  vocab.Status
		updates []Update
		now     int
		want    vocab.Status
		wantUps []Update
	}{
		{"before the window", "scheduled", []Update{announce}, -1, "scheduled", []Update{announce}},
		{"at its start", "scheduled", []Update{announce}, 0, "in_progress", []Update{announce, start}},
		{"during", "scheduled", []Update{announce}, 30, "in_progress", []Update{announce, start}},
		{"at its end", "scheduled", []Update{announce}, 60, "completed", []Update{announce, start, end}},
		{"long after", "scheduled", nil, 6000, "completed", []Update{start, end}},
		{"started by hand, ends by itself", "in_progress",
			[]Update{announce, {At: at(2), Status: "in_progress", Message: l10n.Text{"": "started"}}}, 61, "completed",
			[]Update{announce, {At: at(2), Status: "in_progress", Message: l10n.Text{"": "started"}}, end}},
		{"being verified, ends by itself", "verifying",
			[]Update{{At: at(50), Status: "verifying", Message: l10n.Text{"": "checking"}}}, 70, "completed",
			[]Update{{At: at(50), Status: "verifying", Message: l10n.Text{"": "checking"}}, end}},
		{"completed by hand", "completed",
			[]Update{{At: at(40), Status: "completed", Message: l10n.Text{"": "done early"}}}, 70, "completed",
			[]Update{{At: at(40), Status: "completed", Message: l10n.Text{"": "done early"}}}},
		{"a start put off by hand", "scheduled",
			[]Update{{At: at(5), Status: "scheduled", Message: l10n.Text{"": "we start at 10:00"}}}, 30, "scheduled",
			[]Update{{At: at(5), Status: "scheduled", Message: l10n.Text{"": "we start at 10:00"}}}},
		{"an overrun said by hand", "in_progress",
			[]Update{{At: at(65), Status: "in_progress", Message: l10n.Text{"": "overrunning"}}}, 90, "in_progress",
			[]Update{{At: at(65), Status: "in_progress", Message: l10n.Text{"": "overrunning"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &Maintenance{Status: tt.status, ScheduledFor: at(0), ScheduledUntil: at(60), Updates: tt.updates}
			before := append([]Update(nil), m.Updates...)
			status, ups := m.Timeline(at(tt.now))
			if status != tt.want {
				t.Errorf("status = %q, want %q", status, tt.want)
			}
			if diff := cmp.Diff(tt.wantUps, ups); diff != "" {
				t.Errorf("updates (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, m.Updates); diff != "" {
				t.Errorf("Timeline changed the maintenance's own updates (-before +after):\n%s", diff)
			}
		})
	}
}

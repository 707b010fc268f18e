package projection_test

import (
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/vocab"
)

// slowdown is an open incident on web: a major outage from 13:00, lowered
// to degraded performance at 13:30 while the fix is monitored.
const slowdown = `-- content/incidents/2025-06-30-slow.md --
---
title: Web is down
category: availability
severity: critical
visibility: public
services: {web: major_outage}
detected: 2025-06-30T13:00:00+02:00
acknowledged: 2025-06-30T13:05:00+02:00
expected_downtime: 1h
coordinator: an-janssens
updates:
  - {at: 2025-06-30T13:05:00+02:00, status: investigating, message: Web is down.}
  - at: 2025-06-30T13:30:00+02:00
    status: monitoring
    message: Web is back, still slow while caches warm up.
    services: {web: degraded_performance}
---

## Impact
x

## Immediate actions
x
`

func TestImpactFollowsUpdates(t *testing.T) {
	now := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC) // 14:00 in Brussels
	v := view(t, now, slowdown)
	s := service(v, "web")
	// The banner drops with the service, although the incident is critical.
	if s.Status != "degraded_performance" || v.Status != "degraded_performance" {
		t.Errorf("status %s, overall %s; want degraded_performance for both", s.Status, v.Status)
	}
	day := s.History[len(s.History)-1]
	// 13:00-13:30 major (30 min), then degraded: no downtime.
	if day.Down != 30*time.Minute || day.Worst != "major_outage" {
		t.Errorf("today: down %v, worst %s; want 30m0s, major_outage", day.Down, day.Worst)
	}
	inc := v.Incidents[0]
	a := inc.Affected[0]
	if a.Level != "degraded_performance" || a.Worst != "major_outage" || len(a.Periods) != 2 {
		t.Errorf("affected %+v", a)
	}
	if c := inc.Updates[1].Changes; len(c) != 1 || c[0].Service != s || c[0].Level != "degraded_performance" {
		t.Errorf("the monitoring update's changes: %+v", c)
	}
	if c := inc.Updates[0].Changes; len(c) != 0 {
		t.Errorf("the first update changed nothing, yet has %+v", c)
	}
}

func TestIncidentWithoutServicesRaisesThePage(t *testing.T) {
	now := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)
	// A security incident names its services once acknowledged.
	f := `-- content/incidents/2025-06-30-mail.md --
---
title: Suspicious sign-ins
category: security
severity: low
visibility: public
detected: 2025-06-30T13:00:00+02:00
coordinator: an-janssens
---
`
	v := view(t, now, f)
	if v.Status != "degraded_performance" || service(v, "web").Status != "operational" {
		t.Errorf("overall %s, web %s; want degraded_performance, operational", v.Status, service(v, "web").Status)
	}
}

// window is a maintenance of web from 15:00 to 17:00 on 30 June 2025,
// announced the day before and never touched again.
const window = `-- content/maintenance/2025-06-30-upgrade.md --
---
title: Upgrade
visibility: public
services: [web]
scheduled_for: 2025-06-30T15:00:00+02:00
scheduled_until: 2025-06-30T17:00:00+02:00
status: scheduled
coordinator: an-janssens
updates:
  - {at: 2025-06-29T10:00:00+02:00, status: scheduled, message: We will upgrade web.}
---
`

func TestMaintenanceMovesOnByItself(t *testing.T) {
	brussels := time.FixedZone("CEST", 2*60*60)
	for _, tc := range []struct {
		name    string
		now     time.Time
		status  vocab.Status
		service vocab.Level
		overall vocab.Level
		updates []string
		extra   string
	}{
		{name: "before", now: time.Date(2025, 6, 30, 14, 59, 0, 0, brussels),
			status: "scheduled", service: "operational", overall: "operational", updates: []string{"scheduled"}},
		{name: "at the start", now: time.Date(2025, 6, 30, 15, 0, 0, 0, brussels),
			status: "in_progress", service: "under_maintenance", overall: "under_maintenance", updates: []string{"scheduled", "in_progress auto"}},
		{name: "during, with an incident that is worse", now: time.Date(2025, 6, 30, 16, 0, 0, 0, brussels), extra: incident("2025-06-30-a", "major_outage", "2025-06-30T15:30:00+02:00", 0, "public"),
			status: "in_progress", service: "major_outage", overall: "major_outage", updates: []string{"scheduled", "in_progress auto"}},
		{name: "at the end", now: time.Date(2025, 6, 30, 17, 0, 0, 0, brussels),
			status: "completed", service: "operational", overall: "operational", updates: []string{"scheduled", "in_progress auto", "completed auto"}},
		{name: "a year later", now: time.Date(2026, 6, 30, 17, 0, 0, 0, brussels),
			status: "completed", service: "operational", overall: "operational", updates: []string{"scheduled", "in_progress auto", "completed auto"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := []string{window}
			if tc.extra != "" {
				files = append(files, tc.extra)
			}
			v := view(t, tc.now, files...)
			m := v.Maintenance[0]
			if m.Status != tc.status || service(v, "web").Status != tc.service || v.Status != tc.overall {
				t.Errorf("maintenance %s, web %s, overall %s; want %s, %s, %s", m.Status, service(v, "web").Status, v.Status, tc.status, tc.service, tc.overall)
			}
			var got []string
			for _, u := range m.Updates {
				s := string(u.Status)
				if u.Auto {
					s += " auto"
				}
				got = append(got, s)
			}
			if len(got) != len(tc.updates) {
				t.Fatalf("updates %v, want %v", got, tc.updates)
			}
			for i := range got {
				if got[i] != tc.updates[i] {
					t.Errorf("updates %v, want %v", got, tc.updates)
				}
			}
			if last := m.Updates[len(m.Updates)-1]; !m.Updated.Equal(last.At) {
				t.Errorf("updated %v, want the latest update's %v", m.Updated, last.At)
			}
		})
	}
}

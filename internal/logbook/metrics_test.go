package logbook

import (
	"slices"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/regulation"
)

// TestPercentile: the nearest-rank percentile is the value of rank
// ceil(p/100 × n) of the sorted values, never an interpolation.
func TestPercentile(t *testing.T) {
	m := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Minute
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		sorted []time.Duration
		p      int
		want   time.Duration
		ok     bool
	}{
		{"no values", nil, 50, 0, false},
		{"one value, median", m(7), 50, 7 * time.Minute, true},
		{"one value, 90th", m(7), 90, 7 * time.Minute, true},
		{"two values, median is the lower", m(1, 9), 50, time.Minute, true},
		{"two values, 90th is the higher", m(1, 9), 90, 9 * time.Minute, true},
		{"four values, median is rank 2", m(1, 2, 3, 4), 50, 2 * time.Minute, true},
		{"five values, median is the middle", m(1, 2, 3, 4, 5), 50, 3 * time.Minute, true},
		{"ten values, 90th is rank 9", m(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90, 9 * time.Minute, true},
		{"eleven values, 90th is rank 10", m(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 90, 10 * time.Minute, true},
		{"twenty values, 90th is rank 18", m(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20), 90, 18 * time.Minute, true},
		{"ties", m(5, 5, 5, 60), 50, 5 * time.Minute, true},
		{"100th is the largest", m(1, 2, 3), 100, 3 * time.Minute, true},
		{"0th is refused", m(1, 2, 3), 0, 0, false},
		{"above 100 is refused", m(1, 2, 3), 101, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := percentile(tc.sorted, tc.p)
			if got != tc.want || ok != tc.ok {
				t.Errorf("percentile(%v, %d) = %v, %v; want %v, %v", tc.sorted, tc.p, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestMonthIndex: incidents fall in the month of their detection in the
// site's time zone, not UTC's; the window is the 24 months up to and
// including the build's.
func TestMonthIndex(t *testing.T) {
	loc := brussels(t)
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	now := at("2026-11-23T12:00:00+01:00")
	for _, tc := range []struct {
		name string
		t    time.Time
		now  time.Time
		want int
	}{
		{"the build's month", at("2026-11-01T00:00:00+01:00"), now, 23},
		{"the last instant of the month before", at("2026-10-31T23:59:59+01:00"), now, 22},
		{"UTC's October, the site's November", at("2026-10-31T23:30:00Z"), now, 23},
		{"summer time: UTC's June, the site's July", at("2026-06-30T22:00:00Z"), now, 19},
		{"summer time: still June in the site", at("2026-06-30T21:59:59Z"), now, 18},
		{"the earliest month shown", at("2024-12-01T00:00:00+01:00"), now, 0},
		{"the month before the window", at("2024-11-30T23:59:59+01:00"), now, -1},
		{"after the build's month", at("2026-12-01T00:00:00+01:00"), now, -1},
		{"a year edge", at("2025-12-31T23:59:59+01:00"), now, 12},
		{"a year edge, the next instant", at("2026-01-01T00:00:00+01:00"), now, 13},
		{"the build early on the 1st, site's time", at("2026-11-01T00:30:00+01:00"), at("2026-10-31T23:45:00Z"), 23},
		{"leap day", at("2028-02-29T12:00:00+01:00"), at("2028-03-01T00:00:00+01:00"), 22},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := monthIndex(tc.t, tc.now, loc, 24); got != tc.want {
				t.Errorf("monthIndex(%s, %s) = %d, want %d", tc.t, tc.now, got, tc.want)
			}
		})
	}
}

// TestMonthStarts: the months' first instants are midnight in the site's
// time zone, whatever the offset, earliest first, with the build's month
// last; each lies in the month monthIndex gives it.
func TestMonthStarts(t *testing.T) {
	loc := brussels(t)
	now := time.Date(2026, 3, 31, 23, 30, 0, 0, loc)
	starts := monthStarts(now, loc, 24)
	if len(starts) != 24 {
		t.Fatalf("%d months", len(starts))
	}
	if got, want := starts[0], time.Date(2024, 4, 1, 0, 0, 0, 0, loc); !got.Equal(want) {
		t.Errorf("first = %s, want %s", got, want)
	}
	if got, want := starts[23], time.Date(2026, 3, 1, 0, 0, 0, 0, loc); !got.Equal(want) {
		t.Errorf("last = %s, want %s", got, want)
	}
	for i, s := range starts {
		if got := monthIndex(s, now, loc, 24); got != i {
			t.Errorf("monthIndex(start %d = %s) = %d", i, s, got)
		}
		if got := monthIndex(s.Add(-time.Second), now, loc, 24); got != i-1 {
			t.Errorf("monthIndex(just before start %d) = %d, want %d", i, got, i-1)
		}
	}
}

// TestMajor: a major incident has its category's most severe severity,
// or one its category requires an RCA for.
func TestMajor(t *testing.T) {
	tpl := &catalog.Template{Name: "outage", Severities: []string{"minor", "major", "critical"}, RCARequiredFor: []string{"major"}}
	plain := &catalog.Template{Name: "other", Severities: []string{"low", "high"}}
	for _, tc := range []struct {
		name string
		inc  *model.Incident
		want bool
	}{
		{"the most severe", &model.Incident{Template: tpl, Severity: "critical"}, true},
		{"an RCA is required", &model.Incident{Template: tpl, Severity: "major"}, true},
		{"the least severe", &model.Incident{Template: tpl, Severity: "minor"}, false},
		{"top of a category without RCA rules", &model.Incident{Template: plain, Severity: "high"}, true},
		{"below the top, no RCA rule", &model.Incident{Template: plain, Severity: "low"}, false},
		{"no severity", &model.Incident{Template: tpl}, false},
		{"no category", &model.Incident{Severity: "critical"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := major(tc.inc); got != tc.want {
				t.Errorf("major = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestReportRows: each stage's state counts once in its regulation's
// row: met by the deadline is on time, met after it late; missed and due
// count as such; not required and not started are left out, and so out
// of the share on time.
func TestReportRows(t *testing.T) {
	p, r := fixtureRenderer(t)
	site := *p.Model
	r.m = &site
	w := &pageWriter{r: r, lang: "en"}
	reg := &regulation.Regulation{Name: "rule", Title: l10n.Text{"en": "The Rule"}}
	warn := &regulation.Stage{ID: "warning", Title: l10n.Text{"en": "Warning"}}
	final := &regulation.Stage{ID: "final"}
	inc := func(states ...regulation.Status) *model.Incident {
		return &model.Incident{Clocks: []model.Clocks{{Regulation: reg, Stages: states}}}
	}
	st := func(s *regulation.Stage, state regulation.State, late time.Duration) regulation.Status {
		return regulation.Status{Stage: s, State: state, Late: late}
	}
	site.Incidents = []*model.Incident{
		inc(st(warn, regulation.Met, 0), st(final, regulation.Due, 0)),
		inc(st(warn, regulation.Met, time.Hour), st(final, regulation.NotStarted, 0)),
		inc(st(warn, regulation.Missed, 0), st(final, regulation.NotRequired, 0)),
		inc(st(warn, regulation.Met, 0), st(final, regulation.Met, 0)),
		{}, // no regulation
	}
	got := w.reportRows()
	want := []reportRow{
		{Regulation: "The Rule", Short: "rule", Stage: "Warning", OnTime: 2, Late: 1, Missed: 1, OnTimeShare: share{2, 4, "50%"}},
		{Regulation: "The Rule", Short: "rule", Stage: "final", OnTime: 1, Due: 1, OnTimeShare: share{1, 1, "100%"}},
	}
	if !slices.Equal(got, want) {
		t.Errorf("reportRows =\n%+v\nwant\n%+v", got, want)
	}
}

package logbook

import (
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// TestActionOutcome: of the actions whose due day has passed in the
// site's time zone, one done on or before it is on time, one done after
// it late, one done without a day "day unknown", one not done "not
// done"; the others are not counted. Days are read in the site's zone:
// the build at 23:30 UTC on 30 June is already 1 July in Brussels.
func TestActionOutcome(t *testing.T) {
	loc := brussels(t)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	now := time.Date(2025, 6, 30, 23, 30, 0, 0, time.UTC) // 1 July, 01:30 in Brussels
	due := day(2025, 6, 30)
	for _, tc := range []struct {
		name string
		a    followUp
		now  time.Time
		want outcome
		late bool
	}{
		{name: "done before the due day", a: followUp{Due: due, Done: true, DoneOn: day(2025, 6, 20)}, want: doneOnTime},
		{name: "done on the due day", a: followUp{Due: due, Done: true, DoneOn: day(2025, 6, 30)}, want: doneOnTime},
		{name: "done the day after", a: followUp{Due: due, Done: true, DoneOn: day(2025, 7, 1)}, want: doneLate, late: true},
		{name: "done, day unknown", a: followUp{Due: due, Done: true}, want: doneDayUnknown},
		{name: "not done", a: followUp{Due: due}, want: notDone},
		{name: "not yet due, open", a: followUp{Due: day(2025, 7, 1)}, want: notDue},
		{name: "not yet due, done", a: followUp{Due: day(2025, 7, 1), Done: true, DoneOn: day(2025, 6, 28)}, want: notDue},
		{name: "no due day, not done", a: followUp{}, want: notDue},
		{name: "no due day, done", a: followUp{Done: true, DoneOn: day(2025, 6, 1)}, want: notDue},
		// 30 June 23:30 in UTC is still 30 June in UTC, but already 1
		// July in the site: the due day has passed there.
		{name: "due day passed in the site's zone, not UTC's", a: followUp{Due: due}, now: now, want: notDone},
		{name: "due day not passed in the site's zone", a: followUp{Due: due}, now: time.Date(2025, 6, 30, 21, 59, 0, 0, time.UTC), want: notDue},
		// A done day ahead of now (validation warns): late on the
		// actions page, not counted until the due day has passed.
		{name: "done late on a day ahead", a: followUp{Due: day(2025, 7, 5), Done: true, DoneOn: day(2025, 7, 9)}, want: notDue, late: true},
		// A day held in another zone is read as the site's day.
		{name: "done day as UTC midnight", a: followUp{Due: due, Done: true, DoneOn: time.Date(2025, 6, 30, 22, 0, 0, 0, time.UTC)}, want: doneLate, late: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := tc.now
			if at.IsZero() {
				at = now
			}
			if got := actionOutcome(tc.a, at, loc); got != tc.want {
				t.Errorf("actionOutcome = %d, want %d", got, tc.want)
			}
			if got := doneLateDay(tc.a, loc); got != tc.late {
				t.Errorf("doneLateDay = %v, want %v", got, tc.late)
			}
		})
	}
}

// TestActionCounts: the metric counts the actions of incidents, RCAs and
// exercises alike, and the share is of those done on or before the due
// day.
func TestActionCounts(t *testing.T) {
	p, r := fixtureRenderer(t)
	site := *p.Model
	r.m = &site
	w := &pageWriter{r: r, lang: "en"}
	loc := r.loc
	past := yamlx.Date{Time: time.Date(2026, 1, 10, 0, 0, 0, 0, loc)}
	ahead := yamlx.Date{Time: time.Date(2027, 1, 10, 0, 0, 0, 0, loc)}
	onTime := content.Action{Due: past, Done: true, DoneOn: yamlx.Date{Time: time.Date(2026, 1, 9, 0, 0, 0, 0, loc)}}
	late := content.Action{Due: past, Done: true, DoneOn: yamlx.Date{Time: time.Date(2026, 2, 1, 0, 0, 0, 0, loc)}}
	site.Incidents = []*model.Incident{{Actions: []content.Action{onTime, late, {Due: ahead}}}}
	site.RCAs = []*model.RCA{{Actions: []content.Action{{Due: past, Done: true}, onTime}}}
	site.Exercises = []*model.Exercise{{Findings: []content.Action{{Due: past}, {}}}}
	got := w.actionCounts()
	if got.OnTime != 2 || got.Late != 1 || got.DayUnknown != 1 || got.NotDone != 1 || got.Whole != 5 || got.Share != (share{2, 5, "40%"}) {
		t.Errorf("actionCounts = %+v", got)
	}
	if len(got.Rows) != 4 || got.Rows[0].N != 2 || got.Rows[3].Label != "Not done" {
		t.Errorf("rows = %+v", got.Rows)
	}
}

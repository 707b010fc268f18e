package model

import (
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// nov is 2026-11-day at hh:mm UTC.
func nov(day, hh, mm int) time.Time { return time.Date(2026, 11, day, hh, mm, 0, 0, time.UTC) }

// window is a maintenance window scheduled on 23 November from 22:00 to
// midnight with the written updates ups.
func window(ups ...Update) *Maintenance {
	return &Maintenance{ScheduledFor: nov(23, 22, 0), ScheduledUntil: nov(24, 0, 0), Status: vocab.Scheduled, Updates: ups}
}

// TestCheckMaintenanceMoment holds a case per moment and state it can
// take, and the edges between them.
func TestCheckMaintenanceMoment(t *testing.T) {
	announce := up(nov(16, 10, 0), vocab.Scheduled)
	remind := up(nov(23, 9, 0), vocab.Scheduled)
	start := up(nov(23, 22, 5), vocab.InProgress)
	auto := Update{At: nov(23, 22, 0), Status: vocab.InProgress, Auto: true}
	for _, c := range []struct {
		name   string
		moment string
		now    time.Time
		mw     *Maintenance
		want   MomentState
		// update is the index of the update that did it, -1 for none.
		update int
		start  time.Time
	}{
		// scheduled
		{"scheduled/not-started", "scheduled", nov(16, 21, 59), window(), MomentNotStarted, -1, time.Time{}},
		{"scheduled/due-at-a-week", "scheduled", nov(16, 22, 0), window(), MomentDue, -1, nov(16, 22, 0)},
		{"scheduled/done-early", "scheduled", nov(16, 12, 0), window(announce), MomentDone, 0, nov(16, 10, 0)},
		{"scheduled/done-late", "scheduled", nov(23, 12, 0), window(remind), MomentDone, 0, nov(16, 22, 0)},
		{"scheduled/due-announcement-not-yet-published", "scheduled", nov(23, 8, 0), window(remind), MomentDue, -1, nov(16, 22, 0)},
		{"scheduled/missed-began-early-without-one", "scheduled", nov(23, 21, 0), window(up(nov(23, 20, 0), vocab.InProgress)), MomentMissed, -1, nov(16, 22, 0)},
		{"scheduled/missed-window-began", "scheduled", nov(23, 22, 0), window(), MomentMissed, -1, nov(16, 22, 0)},
		{"scheduled/missed-auto-start-does-not-count", "scheduled", nov(23, 23, 0), window(auto), MomentMissed, -1, nov(16, 22, 0)},

		// reminder
		{"reminder/not-started", "reminder", nov(22, 21, 59), window(announce), MomentNotStarted, -1, time.Time{}},
		{"reminder/due", "reminder", nov(22, 22, 0), window(announce), MomentDue, -1, nov(22, 22, 0)},
		{"reminder/done-at-the-start", "reminder", nov(23, 10, 0), window(announce, up(nov(22, 22, 0), vocab.Scheduled)), MomentDone, 1, nov(22, 22, 0)},
		{"reminder/done-by-the-announcement-on-short-notice", "reminder", nov(23, 10, 0), window(remind), MomentDone, 0, nov(22, 22, 0)},
		{"reminder/not-done-by-an-update-at-the-start", "reminder", nov(23, 22, 30), window(announce, up(nov(23, 22, 0), vocab.InProgress)), MomentMissed, -1, nov(22, 22, 0)},
		{"reminder/missed", "reminder", nov(23, 22, 0), window(announce), MomentMissed, -1, nov(22, 22, 0)},
		{"reminder/missed-early-start", "reminder", nov(23, 21, 30), window(announce, up(nov(23, 21, 0), vocab.InProgress)), MomentMissed, -1, nov(22, 22, 0)},

		// started
		{"started/not-started", "started", nov(23, 21, 59), window(announce, remind), MomentNotStarted, -1, time.Time{}},
		{"started/due", "started", nov(23, 22, 0), window(announce, remind), MomentDue, -1, nov(23, 22, 0)},
		{"started/due-auto-start-does-not-count", "started", nov(23, 22, 30), window(announce, auto), MomentDue, -1, nov(23, 22, 0)},
		{"started/due-start-not-yet-published", "started", nov(23, 22, 1), window(announce, start), MomentDue, -1, nov(23, 22, 0)},
		{"started/done", "started", nov(23, 22, 30), window(announce, start), MomentDone, 1, nov(23, 22, 0)},
		{"started/done-early", "started", nov(23, 21, 30), window(announce, up(nov(23, 21, 0), vocab.InProgress)), MomentDone, 1, nov(23, 21, 0)},
		{"started/done-by-verifying", "started", nov(23, 23, 30), window(announce, up(nov(23, 23, 0), vocab.Verifying)), MomentDone, 1, nov(23, 22, 0)},
		{"started/done-by-completed", "started", nov(24, 1, 0), window(announce, up(nov(23, 23, 50), vocab.Completed)), MomentDone, 1, nov(23, 22, 0)},
		{"started/due-a-postponement-is-no-start", "started", nov(23, 22, 30), window(announce, up(nov(23, 22, 10), vocab.Scheduled)), MomentDue, -1, nov(23, 22, 0)},
		{"started/missed-ended-by-the-build", "started", nov(24, 0, 0), window(announce), MomentMissed, -1, nov(23, 22, 0)},

		// delayed
		{"delayed/not-applicable-completed-in-time", "delayed", nov(24, 2, 0), window(announce, start, up(nov(23, 23, 30), vocab.Completed)), MomentNotApplicable, -1, time.Time{}},
		{"delayed/not-applicable-completed-at-the-end", "delayed", nov(24, 2, 0), window(announce, start, up(nov(24, 0, 0), vocab.Completed)), MomentNotApplicable, -1, time.Time{}},
		{"delayed/not-applicable-no-end", "delayed", nov(24, 2, 0), &Maintenance{ScheduledFor: nov(23, 22, 0)}, MomentNotApplicable, -1, time.Time{}},
		{"delayed/not-started", "delayed", nov(23, 23, 59), window(announce, start), MomentNotStarted, -1, time.Time{}},
		{"delayed/due-ran-over", "delayed", nov(24, 0, 0), window(announce, start), MomentDue, -1, nov(24, 0, 0)},
		{"delayed/due-completed-update-not-yet-published", "delayed", nov(24, 0, 5), window(announce, start, up(nov(24, 0, 10), vocab.Completed)), MomentDue, -1, nov(24, 0, 0)},
		{"delayed/done-at-the-end", "delayed", nov(24, 1, 0), window(announce, start, up(nov(24, 0, 0), vocab.InProgress)), MomentDone, 2, nov(24, 0, 0)},
		{"delayed/done-by-verifying", "delayed", nov(24, 1, 0), window(announce, start, up(nov(24, 0, 20), vocab.Verifying), up(nov(24, 0, 50), vocab.Completed)), MomentDone, 2, nov(24, 0, 0)},
		{"delayed/not-done-before-the-end", "delayed", nov(24, 0, 30), window(announce, start, up(nov(23, 23, 0), vocab.Verifying)), MomentDue, -1, nov(24, 0, 0)},
		{"delayed/missed-completed-late", "delayed", nov(24, 1, 0), window(announce, start, up(nov(24, 0, 40), vocab.Completed)), MomentMissed, -1, nov(24, 0, 0)},

		// completed
		{"completed/not-started", "completed", nov(23, 23, 0), window(announce, start), MomentNotStarted, -1, time.Time{}},
		{"completed/due-at-the-end", "completed", nov(24, 0, 0), window(announce, start), MomentDue, -1, nov(24, 0, 0)},
		{"completed/due-auto-end-does-not-count", "completed", nov(24, 3, 0), window(announce, start, Update{At: nov(24, 0, 0), Status: vocab.Completed, Auto: true}), MomentDue, -1, nov(24, 0, 0)},
		{"completed/done-early", "completed", nov(23, 23, 30), window(announce, start, up(nov(23, 23, 20), vocab.Completed)), MomentDone, 2, nov(23, 23, 20)},
		{"completed/done-late", "completed", nov(24, 1, 0), window(announce, start, up(nov(24, 0, 40), vocab.Completed)), MomentDone, 2, nov(24, 0, 0)},
		{"completed/not-started-no-end", "completed", nov(24, 1, 0), &Maintenance{ScheduledFor: nov(23, 22, 0)}, MomentNotStarted, -1, time.Time{}},

		// anything else
		{"unknown/not-applicable", "resolved", nov(24, 1, 0), window(), MomentNotApplicable, -1, time.Time{}},
		{"no-schedule/not-started", "scheduled", nov(24, 1, 0), &Maintenance{}, MomentNotStarted, -1, time.Time{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := CheckMaintenanceMoment(c.mw, c.moment, c.now)
			if got.ID != c.moment || got.State != c.want || got.Update != c.update || !got.Start.Equal(c.start) {
				t.Errorf("got %s, update %d, start %v; want %s, update %d, start %v", got.State, got.Update, got.Start, c.want, c.update, c.start)
			}
			if got.State == MomentDone && !got.At.Equal(c.mw.Updates[got.Update].At) {
				t.Errorf("done at %v, want the update's time %v", got.At, c.mw.Updates[got.Update].At)
			}
		})
	}
}

// TestMaintenanceChecklists checks the plans' order and moments.
func TestMaintenanceChecklists(t *testing.T) {
	tpl := &catalog.Template{Communication: catalog.Communication{
		External: catalog.Plan{Who: []string{"customers"}, How: []string{"email"}, When: []string{"scheduled", "reminder", "started", "completed"}},
		Internal: catalog.Plan{Who: []string{"ops"}, How: []string{"chat"}, When: []string{"started"}},
	}}
	mw := window(up(nov(16, 10, 0), vocab.Scheduled))
	mw.Template = tpl
	got := MaintenanceChecklists(mw, nov(23, 12, 0))
	if len(got) != 2 || got[0].Audience != catalog.External || got[1].Audience != catalog.Internal {
		t.Fatalf("got %d plans %+v, want external then internal", len(got), got)
	}
	var states []MomentState
	for _, m := range got[0].Moments {
		states = append(states, m.State)
	}
	want := []MomentState{MomentDone, MomentDue, MomentNotStarted, MomentNotStarted}
	if len(states) != len(want) {
		t.Fatalf("external moments %v, want %v", states, want)
	}
	for i := range want {
		if states[i] != want[i] {
			t.Errorf("external moments %v, want %v", states, want)
			break
		}
	}
	if MaintenanceChecklists(window(), nov(23, 12, 0)) != nil {
		t.Error("a window without a template has checklists")
	}
	if AnnounceBefore != 7*24*time.Hour || RemindBefore != 24*time.Hour {
		t.Errorf("AnnounceBefore %v, RemindBefore %v: want a week and a day", AnnounceBefore, RemindBefore)
	}
}

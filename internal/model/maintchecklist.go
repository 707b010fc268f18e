package model

import (
	"time"

	"github.com/incidentsite/incidentsite/internal/vocab"
)

// AnnounceBefore is how long before its scheduled start a maintenance
// window is owed its announcement (the moment scheduled): a week, the
// notice customers need to plan around it.
const AnnounceBefore = 7 * 24 * time.Hour

// RemindBefore is how long before its scheduled start a maintenance
// window is owed its reminder (the moment reminder): the day before.
const RemindBefore = 24 * time.Hour

// MaintenanceChecklists returns the window's external and internal
// communication plans (its template's) checked at now, as Checklists
// does for an incident; nil without a template. It is linear in the
// updates per moment.
func MaintenanceChecklists(mw *Maintenance, now time.Time) []Checklist {
	return checklists(mw.Template, func(id string, _ bool) Moment { return CheckMaintenanceMoment(mw, id, now) })
}

// CheckMaintenanceMoment returns the state at now of the moment id of a
// maintenance window's plan. An id that is no maintenance moment is not
// applicable.
//
// Only written updates count, once published (at or before now): the
// updates the build derives when the scheduled times come (Update.Auto,
// see Maintenance.Timeline) move the status page only and tell no one
// on any other channel. The window began at ScheduledFor, or at its
// first written update in progress or later when that came earlier. A
// window without a scheduled start has every moment not started.
//
// The rules, per moment:
//   - scheduled (the announcement): starts at ScheduledFor −
//     AnnounceBefore; done by the first written update with status
//     scheduled, even one written before the moment came (an early
//     announcement); missed once the window began without one.
//   - reminder: starts at ScheduledFor − RemindBefore; done by a written
//     update dated in [start, ScheduledFor), whatever its status, that
//     came before the window began (an early start is no reminder);
//     missed once the window began without one.
//   - started: starts when the window began; done by the first written
//     update with status in_progress or a later one (verifying,
//     completed), as an incident's identified is done by a later
//     status; missed once the scheduled end passed without one (the
//     build then ended the window by itself and the team told no one).
//   - delayed: applies only when the window ran over: no written
//     completed update at or before ScheduledUntil; starts then; done by
//     the first written update at or after it whose status is not
//     completed; missed when the window was completed later without one;
//     not applicable when completed in time.
//   - completed: starts at the written completed update or at
//     ScheduledUntil, whichever is first; done by the written completed
//     update; due until done.
//
// A moment that came and is not done is due unless its rule says missed.
func CheckMaintenanceMoment(mw *Maintenance, id string, now time.Time) Moment {
	m := Moment{ID: id, Update: -1}
	if mw.ScheduledFor.IsZero() {
		return with(m, MomentNotStarted)
	}
	// first is the first written update published by now that ok
	// accepts, or -1.
	first := func(ok func(Update) bool) int {
		for i, u := range mw.Updates {
			if !u.Auto && !u.At.After(now) && ok(u) {
				return i
			}
		}
		return -1
	}
	status := func(ss ...vocab.Status) func(Update) bool {
		return func(u Update) bool {
			for _, s := range ss {
				if u.Status == s {
					return true
				}
			}
			return false
		}
	}
	begun := mw.ScheduledFor
	under := first(status(vocab.InProgress, vocab.Verifying, vocab.Completed))
	if under >= 0 && mw.Updates[under].At.Before(begun) {
		begun = mw.Updates[under].At
	}
	hasBegun := !now.Before(begun)
	completed := first(status(vocab.Completed))
	end := mw.ScheduledUntil

	done, missed := -1, false
	switch id {
	case "scheduled":
		m.Start = mw.ScheduledFor.Add(-AnnounceBefore)
		done, missed = first(status(vocab.Scheduled)), hasBegun
	case "reminder":
		m.Start = mw.ScheduledFor.Add(-RemindBefore)
		done = first(func(u Update) bool { return !u.At.Before(m.Start) && u.At.Before(begun) })
		missed = hasBegun
	case "started":
		m.Start = begun
		done, missed = under, !end.IsZero() && !now.Before(end)
	case "delayed":
		if end.IsZero() || completed >= 0 && !mw.Updates[completed].At.After(end) {
			return with(m, MomentNotApplicable)
		}
		m.Start = end
		done = first(func(u Update) bool { return u.Status != vocab.Completed && !u.At.Before(end) })
		missed = completed >= 0
	case "completed":
		m.Start = end
		if completed >= 0 && (end.IsZero() || mw.Updates[completed].At.Before(end)) {
			m.Start = mw.Updates[completed].At
		}
		if m.Start.IsZero() {
			return with(m, MomentNotStarted)
		}
		done = completed
	default:
		return with(m, MomentNotApplicable)
	}

	if done >= 0 {
		// Done, even before the moment came (an early announcement): it
		// then came with the update that did it.
		m.State, m.Update, m.At = MomentDone, done, mw.Updates[done].At
		if m.At.Before(m.Start) {
			m.Start = m.At
		}
		return m
	}
	if now.Before(m.Start) {
		m.Start = time.Time{}
		return with(m, MomentNotStarted)
	}
	if missed {
		return with(m, MomentMissed)
	}
	return with(m, MomentDue)
}

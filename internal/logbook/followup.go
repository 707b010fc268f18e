package logbook

import (
	"time"

	"github.com/incidentsite/incidentsite/internal/content"
)

// Whether an action was done by its due day: the actions page shows the
// day each was done and says "late" when it came after the due day, and
// the metrics page counts, of the actions whose due day has passed,
// those done on or before it, done late, done on a day not recorded, and
// not done. Days are compared as calendar days in the site's time zone.

// followUp is what an action's outcome depends on: its due day, whether
// it is done, and the day it was done (zero when not recorded).
type followUp struct {
	Due, DoneOn time.Time
	Done        bool
}

func followUpOf(a content.Action) followUp {
	return followUp{Due: a.Due.Time, DoneOn: a.DoneOn.Time, Done: a.Done}
}

// outcome is where an action stands against its due day.
type outcome int

const (
	// notDue: no due day, or the due day has not passed; not counted.
	notDue outcome = iota
	// doneOnTime: done on or before the due day.
	doneOnTime
	// doneLate: done after the due day.
	doneLate
	// doneDayUnknown: marked done (done: true) without the day.
	doneDayUnknown
	// notDone: the due day has passed and it is not done.
	notDone
)

// actionOutcome returns where a stands at now, days read in loc.
func actionOutcome(a followUp, now time.Time, loc *time.Location) outcome {
	if !dueDayPassed(a.Due, now, loc) {
		return notDue
	}
	switch {
	case !a.Done:
		return notDone
	case a.DoneOn.IsZero():
		return doneDayUnknown
	case doneLateDay(a, loc):
		return doneLate
	}
	return doneOnTime
}

// doneLateDay reports whether a was done on a day, in loc, after its due
// day. The actions page says so even of a day ahead of now (validation
// warns of such a day).
func doneLateDay(a followUp, loc *time.Location) bool {
	return a.Done && !a.DoneOn.IsZero() && !a.Due.IsZero() && dayAfter(a.DoneOn, a.Due, loc)
}

// dayAfter reports whether a's calendar day, in loc, comes after b's.
func dayAfter(a, b time.Time, loc *time.Location) bool {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC).After(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC))
}

// actionCounts counts the actions whose due day has passed by outcome.
type actionCounts struct {
	OnTime, Late, DayUnknown, NotDone int
	// Whole is every action whose due day has passed.
	Whole int
	// Share is the part done on or before the due day.
	Share share
	// Rows are the counts with their labels, in the order above, for the
	// table and the chart.
	Rows []countRow
}

// add counts a.
func (c *actionCounts) add(o outcome) {
	switch o {
	case doneOnTime:
		c.OnTime++
	case doneLate:
		c.Late++
	case doneDayUnknown:
		c.DayUnknown++
	case notDone:
		c.NotDone++
	default:
		return
	}
	c.Whole++
}

// actionCounts counts every action of the incidents, RCAs and exercises:
// one pass over them.
func (w *pageWriter) actionCounts() actionCounts {
	r := w.r
	var c actionCounts
	count := func(a followUp) { c.add(actionOutcome(a, r.m.Now, r.loc)) }
	for _, inc := range r.m.Incidents {
		for _, a := range inc.Actions {
			count(followUpOf(a))
		}
	}
	for _, rca := range r.m.RCAs {
		for _, a := range rca.Actions {
			count(followUpOf(a))
		}
	}
	for _, e := range r.m.Exercises {
		for _, a := range e.Findings {
			count(followUpOf(a))
		}
	}
	c.Share = w.share(c.OnTime, c.Whole)
	for _, row := range []struct {
		key string
		n   int
	}{
		{"logbook.metrics.actions_on_time", c.OnTime},
		{"logbook.metrics.actions_late", c.Late},
		{"logbook.metrics.actions_day_unknown", c.DayUnknown},
		{"logbook.metrics.actions_not_done", c.NotDone},
	} {
		c.Rows = append(c.Rows, countRow{Label: r.t(w.lang, row.key), N: row.n})
	}
	return c
}

package model

import (
	"slices"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// MomentState is where a moment of a communication plan stands at the
// build's now.
type MomentState string

// The states of a moment.
const (
	// MomentNotStarted: the moment has not come.
	MomentNotStarted MomentState = "not-started"
	// MomentNotApplicable: the moment does not apply to the incident (no
	// expected downtime, resolved in time, no root cause analysis
	// needed).
	MomentNotApplicable MomentState = "not-applicable"
	// MomentDone: an update (or the RCA) did it.
	MomentDone MomentState = "done"
	// MomentDue: it started and is not done, and the incident has not
	// moved on.
	MomentDue MomentState = "due"
	// MomentMissed: it started and was not done, and the incident moved
	// on: a later update was published without doing it, or the incident
	// was resolved.
	MomentMissed MomentState = "missed"
)

// RecoveryAfter is how long after acknowledgement an unresolved incident
// owes its audiences an update during recovery (the moment
// during-recovery).
const RecoveryAfter = time.Hour

// Checklist is an incident's or a maintenance window's communication
// plan for one audience, each moment of its When checked against the
// updates.
type Checklist struct {
	// Audience is catalog.External or catalog.Internal.
	Audience string
	Plan     catalog.Plan
	// Moments are the plan's moments in the plan's order.
	Moments []Moment
}

// Moment is a moment of a plan with its state at the build's now.
type Moment struct {
	ID    string
	State MomentState
	// Start is when the moment came; zero while not started, and when
	// not applicable.
	Start time.Time
	// Update is the index in the record's Updates (Incident.Updates,
	// Maintenance.Updates) of the update that did the moment, or -1.
	Update int
	// ByRCA reports whether the incident's RCA did it (post-incident).
	ByRCA bool
	// At is when it was done: the update's time, or the RCA's date.
	At time.Time
}

// Checklists returns the incident's external and internal communication
// plans checked at now, in that order, each only when the template has
// one (a plan naming no moment and no role is none); nil without a
// template. It is linear in the updates per moment.
//
// The rules, per moment (an update counts once it is published: at or
// before now; the incident is resolved once Resolved is at or before
// now):
//   - detected: starts at Detected; done by the first update.
//   - acknowledged: starts at Acknowledged (not while it is zero); done
//     by the first update at or after Acknowledged.
//   - identified: starts at the first update whose status is identified,
//     monitoring or resolved, and is done by it.
//   - during-recovery: applies only when the incident stays unresolved
//     longer than RecoveryAfter after Acknowledged; starts then; done by
//     the first update after the acknowledging one that is not the
//     resolving one (any status but resolved).
//   - delayed: applies only with ExpectedDowntime, when the incident was
//     not resolved by Detected+ExpectedDowntime; starts then; done by the
//     first update at or after that time whose status is not resolved.
//   - resolved: starts at Resolved; done by the first resolved update.
//   - post-incident: starts at Resolved; done by the RCA once final (at
//     its date), for the external plan once also published. Not
//     applicable when the template requires no RCA for the severity and
//     none exists.
//
// A started moment not done is missed once the incident moved on (an
// update published after the start, or resolution), else due; resolved
// and post-incident stay due until done.
func Checklists(inc *Incident, now time.Time) []Checklist {
	return checklists(inc.Template, func(id string, external bool) Moment {
		return CheckMoment(inc, id, external, now)
	})
}

// checklists returns the template's external and internal plans, in that
// order, each only when the template has one (a plan naming no moment
// and no role is none), with each moment of the plan as check finds it;
// nil without a template. Incidents and maintenance windows share it:
// only their rules differ.
func checklists(t *catalog.Template, check func(id string, external bool) Moment) []Checklist {
	if t == nil {
		return nil
	}
	out := make([]Checklist, 0, 2)
	for _, aud := range []struct {
		name string
		plan catalog.Plan
	}{{catalog.External, t.Communication.External}, {catalog.Internal, t.Communication.Internal}} {
		if len(aud.plan.When) == 0 && len(aud.plan.Who) == 0 {
			continue
		}
		c := Checklist{Audience: aud.name, Plan: aud.plan}
		if n := len(aud.plan.When); n > 0 {
			c.Moments = make([]Moment, 0, n)
		}
		for _, id := range aud.plan.When {
			c.Moments = append(c.Moments, check(id, aud.name == catalog.External))
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil // none, as a template without plans has
	}
	return out
}

// CheckMoment returns the state at now of the moment id of a plan for
// inc (external: the external plan's), by the rules of Checklists. An
// id that is no incident moment is not applicable.
func CheckMoment(inc *Incident, id string, external bool, now time.Time) Moment {
	m := Moment{ID: id, Update: -1}
	// published reports whether the update at index i is published by
	// now. (Asked in place: a slice of them, made for every moment of
	// every incident, was a tenth of what a model allocated.)
	published := func(i int) bool { return !inc.Updates[i].At.After(now) }
	var resolved time.Time
	if !inc.Resolved.IsZero() && !inc.Resolved.After(now) {
		resolved = inc.Resolved
	}
	// first is the first published update from index from on that ok
	// accepts, or -1.
	first := func(from int, ok func(Update) bool) int {
		for i := max(from, 0); i < len(inc.Updates); i++ {
			if published(i) && ok(inc.Updates[i]) {
				return i
			}
		}
		return -1
	}
	anyUpdate := func(Update) bool { return true }
	notResolved := func(u Update) bool { return u.Status != vocab.Resolved }
	done := -1

	switch id {
	case "detected":
		m.Start = inc.Detected
		done = first(0, anyUpdate)
	case "acknowledged":
		if inc.Acknowledged.IsZero() {
			return with(m, MomentNotStarted)
		}
		m.Start = inc.Acknowledged
		done = first(0, func(u Update) bool { return !u.At.Before(inc.Acknowledged) })
	case "identified":
		done = first(0, func(u Update) bool {
			return slices.Contains([]vocab.Status{vocab.Identified, vocab.Monitoring, vocab.Resolved}, u.Status)
		})
		if done < 0 {
			return with(m, MomentNotStarted)
		}
		m.Start = inc.Updates[done].At
	case "during-recovery":
		if inc.Acknowledged.IsZero() {
			if !resolved.IsZero() {
				return with(m, MomentNotApplicable)
			}
			return with(m, MomentNotStarted)
		}
		start := inc.Acknowledged.Add(RecoveryAfter)
		switch {
		case !resolved.IsZero() && !resolved.After(start):
			return with(m, MomentNotApplicable)
		case now.Before(start):
			return with(m, MomentNotStarted)
		}
		m.Start = start
		if ack := first(0, func(u Update) bool { return !u.At.Before(inc.Acknowledged) }); ack >= 0 {
			done = first(ack+1, notResolved)
		}
	case "delayed":
		if inc.ExpectedDowntime <= 0 {
			return with(m, MomentNotApplicable)
		}
		start := inc.Detected.Add(inc.ExpectedDowntime)
		switch {
		case !resolved.IsZero() && !resolved.After(start):
			return with(m, MomentNotApplicable)
		case now.Before(start):
			return with(m, MomentNotStarted)
		}
		m.Start = start
		done = first(0, func(u Update) bool { return notResolved(u) && !u.At.Before(start) })
	case "resolved":
		if resolved.IsZero() {
			return with(m, MomentNotStarted)
		}
		m.Start = resolved
		done = first(0, func(u Update) bool { return u.Status == vocab.Resolved })
	case "post-incident":
		rca := inc.RCA
		if rca == nil && !slices.Contains(inc.Template.RCARequiredFor, inc.Severity) {
			return with(m, MomentNotApplicable)
		}
		if resolved.IsZero() {
			return with(m, MomentNotStarted)
		}
		m.Start = resolved
		if rca != nil && rca.Status == vocab.Final && (!external || rca.Published) {
			m.State, m.ByRCA, m.At = MomentDone, true, rca.Date
			return m
		}
		return with(m, MomentDue)
	default:
		return with(m, MomentNotApplicable)
	}

	if now.Before(m.Start) {
		m.Start = time.Time{}
		return with(m, MomentNotStarted)
	}
	if done >= 0 {
		m.State, m.Update, m.At = MomentDone, done, inc.Updates[done].At
		return m
	}
	if id == "resolved" {
		return with(m, MomentDue)
	}
	movedOn := !resolved.IsZero()
	for i := range inc.Updates {
		if published(i) && inc.Updates[i].At.After(m.Start) {
			movedOn = true
			break
		}
	}
	if movedOn {
		return with(m, MomentMissed)
	}
	return with(m, MomentDue)
}

func with(m Moment, s MomentState) Moment {
	m.State = s
	return m
}

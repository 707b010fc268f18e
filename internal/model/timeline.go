package model

import (
	"time"

	"github.com/incidentsite/incidentsite/internal/vocab"
)

// Period is a span of time during which an incident held a service at one
// level.
type Period struct {
	From time.Time
	// To is zero while the period goes on: the incident is not resolved.
	To    time.Time
	Level vocab.Level
}

// ServiceImpact is how an incident affected one service over time.
type ServiceImpact struct {
	Service *Service
	// Periods are in time order, each starting where the one before it
	// ends, and never empty.
	Periods []Period
}

// Level returns the service's impact at the end of the timeline: its
// current impact while the incident is open.
func (s ServiceImpact) Level() vocab.Level { return s.Periods[len(s.Periods)-1].Level }

// Timeline returns how the incident affected each service over time, in
// the order the services were first named. It follows Statuspage, whose
// updates carry the status of the components they change: the incident's
// services give the impact from detection; an update that names a service
// changes its impact from that update on (operational when it recovered),
// and adds it to the incident if it was not affected yet; a service the
// update does not name keeps its impact. Resolution ends every period. It
// is linear in the updates and their services.
func (i *Incident) Timeline() []ServiceImpact {
	var out []ServiceImpact
	index := map[*Service]int{}
	set := func(svc *Service, level vocab.Level, at time.Time) {
		k, ok := index[svc]
		if !ok {
			index[svc] = len(out)
			out = append(out, ServiceImpact{Service: svc, Periods: []Period{{From: at, Level: level}}})
			return
		}
		ps := out[k].Periods
		last := &ps[len(ps)-1]
		switch {
		case last.Level == level:
		case !at.After(last.From):
			// A change at the very moment the period began replaces it.
			last.Level = level
			if n := len(ps); n > 1 && ps[n-2].Level == level {
				out[k].Periods = ps[:n-1]
				out[k].Periods[n-2].To = time.Time{}
			}
		default:
			last.To = at
			out[k].Periods = append(ps, Period{From: at, Level: level})
		}
	}
	for _, imp := range i.Impacts {
		set(imp.Service, imp.Level, i.Detected)
	}
	for _, u := range i.Updates {
		if u.Status == vocab.Resolved || (i.IsResolved() && !u.At.Before(i.Resolved)) {
			break
		}
		at := u.At
		if at.Before(i.Detected) {
			at = i.Detected
		}
		for _, imp := range u.Impacts {
			set(imp.Service, imp.Level, at)
		}
	}
	if i.IsResolved() {
		for k := range out {
			ps := out[k].Periods
			ps[len(ps)-1].To = i.Resolved
			// A period that would start at or after the end did not happen.
			for len(ps) > 1 && !ps[len(ps)-1].From.Before(i.Resolved) {
				ps = ps[:len(ps)-1]
				ps[len(ps)-1].To = i.Resolved
			}
			out[k].Periods = ps
		}
	}
	return out
}

// Timeline returns the maintenance window's status at now and its updates,
// with the moves Statuspage makes by itself: a window still scheduled
// starts at scheduled_for (an automatic in_progress update), and a window
// in progress or being verified ends at scheduled_until (an automatic
// completed update), once now has reached those times. An update dated at
// or after such a time means that the team steers the window by hand (a
// start put off, work that overran), and the build then leaves the status
// as the file says. The result never depends on the wall clock.
func (m *Maintenance) Timeline(now time.Time) (vocab.Status, []Update) {
	status, ups := m.Status, m.Updates
	var last time.Time
	if n := len(ups); n > 0 {
		last = ups[n-1].At
	}
	auto := func(at time.Time, s vocab.Status) {
		ups = append(ups[:len(ups):len(ups)], Update{At: at, Status: s, Auto: true})
		status = s
	}
	if status == vocab.Scheduled && !m.ScheduledFor.IsZero() && !now.Before(m.ScheduledFor) && last.Before(m.ScheduledFor) {
		auto(m.ScheduledFor, vocab.InProgress)
	}
	if status.UnderWay() && !m.ScheduledUntil.IsZero() && !now.Before(m.ScheduledUntil) && last.Before(m.ScheduledUntil) {
		auto(m.ScheduledUntil, vocab.Completed)
	}
	return status, ups
}

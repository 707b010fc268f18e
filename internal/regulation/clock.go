package regulation

import (
	"slices"
	"time"
)

// Facts are what Clocks needs to know of an incident.
type Facts struct {
	// Detected is when the team became aware of the incident.
	Detected time.Time
	// Ended is when its handling ended (resolved, or closed later); zero
	// while it is ongoing.
	Ended time.Time
	// Decision is the team's decision under the regulation; nil while
	// none is recorded.
	Decision *Decision
	// Notifications are the reports sent, in any order.
	Notifications []Notification
	// Requests are the authorities' requests for a report, in any order.
	Requests []Request
	// Location is the site's time zone, in which months are counted; nil
	// means UTC.
	Location *time.Location
}

// Decision is what the team decided about an incident under a
// regulation, and when.
type Decision struct {
	At time.Time
	// Notify reports whether the incident falls under the regulation's
	// reporting duty (significant, notifiable, major).
	Notify bool
	// Conditions holds the regulation's conditions the decision found
	// true or false; a condition it leaves out is undecided.
	Conditions map[string]bool
}

// Notification is a report that was sent.
type Notification struct {
	Kind string
	// To is the contact it went to.
	To string
	// Roles are the roles the recipient holds; for a notification
	// addressed to a role rather than a contact, that role.
	Roles     []string
	At        time.Time
	Reference string
}

// Request is an authority's request for a stage's report.
type Request struct {
	Stage string
	At    time.Time
	// Due is the deadline the request sets; zero asks for the report at
	// once.
	Due time.Time
}

// State is where a stage stands at the build's now.
type State string

// The states of a stage.
const (
	// NotStarted: the stage's clock has not begun (the earlier stage was
	// not yet submitted, no request came, handling has not ended).
	NotStarted State = "not-started"
	// Due: the clock runs and the report was not sent to every recipient.
	Due State = "due"
	// Met: the report reached every recipient, possibly late.
	Met State = "met"
	// Missed: the deadline passed without the report.
	Missed State = "missed"
	// NotRequired: the decision found no duty to report, or the stage
	// stood in for another that did not need it.
	NotRequired State = "not-required"
)

// Reason says why a stage is in its state, where more than the state is
// worth saying.
type Reason string

// The reasons.
const (
	// WaitingForClock: none of the stage's clocks has started; Waiting
	// says which events would start them.
	WaitingForClock Reason = "waiting-for-clock"
	// NotNotifiable: the decision found no duty to report.
	NotNotifiable Reason = "not-notifiable"
	// ConditionUndecided: the stage's condition is not decided yet.
	ConditionUndecided Reason = "condition-undecided"
	// ConditionFalse: the decision found the stage's condition false.
	ConditionFalse Reason = "condition-false"
	// Moved: the incident was ongoing at the stage's deadline
	// (MovedFrom), so its clocks are the if_ongoing ones.
	Moved Reason = "moved"
	// StandsIn: the stage is due in place of the one it replaces, which
	// the incident, ongoing at its deadline, moved.
	StandsIn Reason = "stands-in"
	// OnlyIfOngoing: the stage is needed only if the incident is still
	// ongoing at Deadline, the replaced stage's.
	OnlyIfOngoing Reason = "only-if-ongoing"
	// NotOngoing: the replaced stage was met, or handling ended, by its
	// deadline: the stage is not needed.
	NotOngoing Reason = "not-ongoing"
)

// Status is a stage's clock at the build's now.
type Status struct {
	Stage  *Stage
	State  State
	Reason Reason
	// Start is when the clock that set Deadline started; zero when no
	// clock has started.
	Start time.Time
	// Timer is the clock that set Deadline, or nil.
	Timer *Timer
	// Deadline is when the report is due; for a stage due without undue
	// delay, Start.
	Deadline time.Time
	// Immediate reports whether the stage is due without undue delay:
	// due from Start, never missed.
	Immediate bool
	// DayEnd reports whether Deadline is the expiry of a day (a period
	// in months): the midnight that ends 5 October is best shown as "by
	// the end of 5 October", not as 6 October 00:00.
	DayEnd bool
	// Left is the time left until Deadline, when Due.
	Left time.Duration
	// Over is how long ago Deadline passed, when Missed.
	Over time.Duration
	// At is when the stage was met: its report reached the last of its
	// recipients. By is that notification (it points into
	// Facts.Notifications) and Late how long after the deadline it came
	// (zero when on time).
	At   time.Time
	By   *Notification
	Late time.Duration
	// Recipients are the stage's recipient roles, each with its own state.
	Recipients []Recipient
	// Elsewhere are notifications of the stage's kinds sent to a contact
	// who holds none of its recipient roles: they meet nothing.
	Elsewhere []*Notification
	// Waiting are the clocks that have not started, when NotStarted.
	Waiting []Timer
	// MovedFrom is the deadline the stage had before the incident, still
	// ongoing then, moved it (Reason Moved).
	MovedFrom time.Time
}

// Content returns what the stage's report must hold: every item, with
// those only a late report needs (the reasons for the delay) when the
// stage was met late or is missed.
func (st *Status) Content() []Item {
	late := st.State == Missed || st.Late > 0
	var out []Item
	for _, it := range st.Stage.Content {
		if !it.LateOnly || late {
			out = append(out, it)
		}
	}
	return out
}

// Recipient is one recipient role of a stage and whether it was told.
type Recipient struct {
	Role  string
	State State
	// By is the first notification of the stage that reached the role,
	// At its time and Late how long after the deadline it came.
	By   *Notification
	Late time.Duration
}

// Clocks returns the status of each of r's stages for an incident with
// facts f, at now, in the order of the stages.
//
// A stage is met when a notification of one of its kinds reached a
// contact holding each of its recipient roles (the first such
// notification per role counts); a later stage's clock starts from the
// earliest of those submissions (from submitted) or the latest (from
// last-submitted). Of several clocks that have started, the earliest
// deadline counts. A stage from a request answers the latest request:
// only reports sent at or after it count. A decision that the incident
// does not fall under the regulation makes every stage not required,
// except what was reported anyway, which is met.
func Clocks(r *Regulation, f *Facts, now time.Time) []Status {
	c := clocker{r: r, f: f, now: now, first: map[string]time.Time{}, last: map[string]time.Time{}, moved: map[string]moveInfo{}}
	notes := make([]*Notification, len(f.Notifications))
	for i := range f.Notifications {
		notes[i] = &f.Notifications[i]
	}
	slices.SortStableFunc(notes, func(a, b *Notification) int { return a.At.Compare(b.At) })
	c.byKind = map[string][]*Notification{}
	for _, n := range notes {
		c.byKind[n.Kind] = append(c.byKind[n.Kind], n)
	}
	out := make([]Status, len(r.Stages))
	for i := range r.Stages {
		out[i] = c.stage(&r.Stages[i])
	}
	return out
}

type clocker struct {
	r      *Regulation
	f      *Facts
	now    time.Time
	byKind map[string][]*Notification
	// first and last are the earliest and latest submissions of each
	// stage so far, to any of its recipients.
	first, last map[string]time.Time
	moved       map[string]moveInfo
}

// moveInfo is what a stage with if_ongoing tells the stage that replaces it.
type moveInfo struct {
	start, deadline time.Time
	dayEnd          bool
	started         bool
	moved           bool // ongoing at the deadline, not met by it
	settled         bool // met or ended by the deadline
}

func (c *clocker) stage(s *Stage) Status {
	st := Status{Stage: s}

	// A stage on request answers the latest request: reports sent
	// before it do not count.
	var req *Request
	if slices.ContainsFunc(s.Clocks, func(t Timer) bool { return t.From == FromRequested }) {
		req = c.request(s.ID)
	}
	var since time.Time
	if req != nil {
		since = req.At
	}
	c.match(&st, since)

	if d := c.f.Decision; d != nil && !d.Notify {
		return c.settle(st, NotRequired, NotNotifiable)
	}
	if s.Condition != "" {
		var v, known bool
		if d := c.f.Decision; d != nil {
			v, known = d.Conditions[s.Condition]
		}
		switch {
		case !known:
			return c.settle(st, NotStarted, ConditionUndecided)
		case !v:
			return c.settle(st, NotRequired, ConditionFalse)
		}
	}
	if s.Replaces != "" {
		return c.standIn(st)
	}

	c.start(&st, s.Clocks, req)
	if s.IfOngoing != nil {
		info := moveInfo{start: st.Start, deadline: st.Deadline, dayEnd: st.DayEnd, started: st.Timer != nil}
		if info.started && !st.Immediate {
			metBy := st.complete() && !st.At.After(info.deadline)
			ended := !c.f.Ended.IsZero() && !c.f.Ended.After(info.deadline)
			ongoing := (!c.f.Ended.IsZero() && c.f.Ended.After(info.deadline)) || (c.f.Ended.IsZero() && c.now.After(info.deadline))
			info.settled = metBy || ended
			info.moved = !metBy && ongoing
		}
		c.moved[s.ID] = info
		if info.moved {
			st.Start, st.Timer, st.Deadline, st.Immediate, st.DayEnd, st.Waiting = time.Time{}, nil, time.Time{}, false, false, nil
			c.start(&st, s.IfOngoing.Clocks, nil)
			st.MovedFrom = info.deadline
			st.Reason = Moved
		}
	}
	return c.judge(st)
}

// match fills st's recipients from the notifications of its kinds sent at
// or after since, and records the stage's submissions.
func (c *clocker) match(st *Status, since time.Time) {
	s := st.Stage
	st.Recipients = make([]Recipient, len(s.To))
	for i, role := range s.To {
		st.Recipients[i].Role = role
	}
	var first, last time.Time
	for _, k := range s.Kinds {
		for _, n := range c.byKind[k] {
			if n.At.Before(since) {
				continue
			}
			hit := false
			for i := range st.Recipients {
				if slices.Contains(n.Roles, st.Recipients[i].Role) {
					hit = true
					if rc := &st.Recipients[i]; rc.By == nil || n.At.Before(rc.By.At) {
						rc.By = n
					}
				}
			}
			if !hit {
				st.Elsewhere = append(st.Elsewhere, n)
				continue
			}
			if first.IsZero() || n.At.Before(first) {
				first = n.At
			}
			if n.At.After(last) {
				last = n.At
			}
		}
	}
	slices.SortStableFunc(st.Elsewhere, func(a, b *Notification) int { return a.At.Compare(b.At) })
	if !first.IsZero() {
		c.first[s.ID], c.last[s.ID] = first, last
	}
	if st.complete() {
		for _, rc := range st.Recipients {
			if st.By == nil || rc.By.At.After(st.By.At) {
				st.By = rc.By
			}
		}
		st.At = st.By.At
	}
}

// complete reports whether every recipient of st was reached.
func (st *Status) complete() bool {
	for _, rc := range st.Recipients {
		if rc.By == nil {
			return false
		}
	}
	return len(st.Recipients) > 0
}

// settle gives st a state that no clock decides: met when every
// recipient was reached, else state for reason.
func (c *clocker) settle(st Status, state State, reason Reason) Status {
	if st.complete() {
		st.State = Met
		for i := range st.Recipients {
			st.Recipients[i].State = Met
		}
		return st
	}
	st.State, st.Reason = state, reason
	for i := range st.Recipients {
		if st.Recipients[i].By != nil {
			st.Recipients[i].State = Met
		} else {
			st.Recipients[i].State = state
		}
	}
	return st
}

// request returns the latest request for stage id, or nil.
func (c *clocker) request(id string) *Request {
	var req *Request
	for i := range c.f.Requests {
		q := &c.f.Requests[i]
		if q.Stage == id && !q.At.IsZero() && (req == nil || q.At.After(req.At)) {
			req = q
		}
	}
	return req
}

// start sets st's deadline from the earliest deadline of the timers that
// have started, and lists those that have not.
func (c *clocker) start(st *Status, timers []Timer, req *Request) {
	for i := range timers {
		t := &timers[i]
		var at time.Time
		switch t.From {
		case FromDetected:
			at = c.f.Detected
		case FromClassified:
			if d := c.f.Decision; d != nil && d.Notify {
				at = d.At
			}
		case FromSubmitted:
			at = c.first[t.Stage]
		case FromLastSubmitted:
			at = c.last[t.Stage]
		case FromRequested:
			if req == nil {
				req = c.request(st.Stage.ID)
			}
			if req != nil {
				at = req.At
			}
		case FromHandled:
			at = c.f.Ended
		}
		if at.IsZero() {
			st.Waiting = append(st.Waiting, *t)
			continue
		}
		due, immediate := t.Within.Deadline(at, c.f.Location), t.Within.Kind == Immediate
		if t.Within.Kind == Requested {
			due, immediate = at, true
			if req != nil && !req.Due.IsZero() {
				due, immediate = req.Due, false
			}
		}
		if st.Timer == nil || due.Before(st.Deadline) || due.Equal(st.Deadline) && immediate && !st.Immediate {
			st.Start, st.Timer, st.Deadline, st.Immediate, st.DayEnd = at, t, due, immediate, t.Within.Kind == Months
		}
	}
}

// standIn is the status of a stage that replaces another while the
// incident is ongoing at that stage's deadline.
func (c *clocker) standIn(st Status) Status {
	info, ok := c.moved[st.Stage.Replaces]
	switch {
	case !ok || !info.started:
		st = c.settle(st, NotStarted, OnlyIfOngoing)
		st.Waiting = nil
		return st
	case info.moved:
		st.Start, st.Deadline, st.DayEnd, st.Reason = info.start, info.deadline, info.dayEnd, StandsIn
		return c.judge(st)
	case info.settled:
		return c.settle(st, NotRequired, NotOngoing)
	}
	st = c.settle(st, NotStarted, OnlyIfOngoing)
	if st.State != Met {
		st.Deadline, st.DayEnd = info.deadline, info.dayEnd
	}
	return st
}

// judge gives st its state from its deadline and its recipients.
func (c *clocker) judge(st Status) Status {
	started := !st.Deadline.IsZero() || st.Immediate
	for i := range st.Recipients {
		rc := &st.Recipients[i]
		switch {
		case rc.By != nil:
			rc.State = Met
			if started && !st.Immediate {
				rc.Late = max(0, rc.By.At.Sub(st.Deadline))
			}
		case !started:
			rc.State = NotStarted
		case !st.Immediate && c.now.After(st.Deadline):
			rc.State = Missed
		default:
			rc.State = Due
		}
	}
	switch {
	case st.complete():
		st.State = Met
		if started && !st.Immediate {
			st.Late = max(0, st.At.Sub(st.Deadline))
		}
	case !started:
		st.State = NotStarted
		if st.Reason == "" {
			st.Reason = WaitingForClock
		}
	case !st.Immediate && c.now.After(st.Deadline):
		st.State, st.Over = Missed, c.now.Sub(st.Deadline)
	default:
		st.State = Due
		if !st.Immediate {
			st.Left = st.Deadline.Sub(c.now)
		}
	}
	if st.State != NotStarted {
		st.Waiting = nil
	}
	return st
}

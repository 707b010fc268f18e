package logbook

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/regulation"
)

// legalData is an incident's standing under one regulation it lists:
// the decision with the regulation's checklist, each stage's clock, the
// authorities' requests and a draft for each stage that needs a report.
type legalData struct {
	Name, Anchor string
	Title        local
	Article      string
	Question     local
	// Decision is nil while none is recorded: the decision is then due.
	Decision   *decisionData
	Criteria   []checkItem
	Conditions []checkItem
	Stages     []stageData
	Requests   []requestData
	Drafts     []*draft
}

type decisionData struct {
	At          time.Time
	By          person
	Notify      bool
	NotifyLabel string
	Reason      string
}

// checkItem is a criterion or condition of a regulation's checklist:
// Ticked when the decision names it; for a condition, State is yes, no
// or undecided.
type checkItem struct {
	ID, Article       string
	Text              local
	Ticked            bool
	State, StateLabel string
}

// stageData is a stage's clock as a page shows it.
type stageData struct {
	ID, Anchor        string
	Title             local
	Article           string
	State, StateLabel string
	// Note says why the stage is in its state, where that is worth
	// saying (not required because…, waiting for…, moved…).
	Note string
	// Deadline is when the report is due; with DayEnd, EndOfDay is the
	// day by whose end it is due.
	Deadline  time.Time
	DayEnd    bool
	EndOfDay  time.Time
	Immediate bool
	// Start is when the clock started (for a report due without undue
	// delay, since when).
	Start time.Time
	// Left, Over and Late are durations in the page's language: time left
	// when due, how long ago the deadline passed when missed, how late
	// the report came when met late.
	Left, Over, Late string
	// At is when the stage was met, By the notification that met it.
	At         time.Time
	By         *notification
	Recipients []recipientData
	// Elsewhere says, for each notification of the stage's kind sent to
	// a contact who holds none of its recipient roles, that it counts for
	// nothing.
	Elsewhere []string
	// Draft is the stage's report draft, for a stage due, missed or met.
	Draft *draft
}

type recipientData struct {
	Role              person
	State, StateLabel string
}

type requestData struct {
	Stage   local
	From    person
	At, Due time.Time
}

// legal returns the incident's standing under each regulation it lists,
// in their order, and writes each draft as a text file next to the page.
func (w *pageWriter) legal(inc *model.Incident) []legalData {
	var out []legalData
	for i := range inc.Clocks {
		c := &inc.Clocks[i]
		out = append(out, w.legalOf(inc, c))
	}
	return out
}

func (w *pageWriter) legalOf(inc *model.Incident, c *model.Clocks) legalData {
	r, lang, reg := w.r, w.lang, c.Regulation
	d := legalData{Name: reg.Name, Anchor: "legal-" + reg.Name, Title: w.regTitle(reg), Article: reg.Article, Question: r.local(lang, reg.Question)}
	d.Decision = w.decision(c.Decision)
	for i := range reg.Criteria {
		cr := &reg.Criteria[i]
		ticked := c.Decision != nil && slices.Contains(c.Decision.Criteria, cr)
		d.Criteria = append(d.Criteria, checkItem{ID: cr.ID, Article: cr.Article, Text: r.local(lang, cr.Text), Ticked: ticked})
	}
	for _, cn := range reg.Conditions {
		st := "undecided"
		if c.Decision != nil {
			if v, ok := c.Decision.Conditions[cn.ID]; ok {
				st = map[bool]string{true: "yes", false: "no"}[v]
			}
		}
		d.Conditions = append(d.Conditions, checkItem{ID: cn.ID, Article: cn.Article, Text: r.local(lang, cn.Text), Ticked: st == "yes",
			State: st, StateLabel: r.t(lang, "logbook.legal.condition."+st)})
	}
	for i := range c.Stages {
		st := &c.Stages[i]
		sd := w.stage(c, st)
		if st.State == regulation.Due || st.State == regulation.Missed || st.State == regulation.Met {
			sd.Draft = w.draft(inc, c, st)
			d.Drafts = append(d.Drafts, sd.Draft)
		}
		d.Stages = append(d.Stages, sd)
	}
	for _, q := range inc.Requests {
		if q.Regulation == reg {
			d.Requests = append(d.Requests, requestData{Stage: r.local(lang, q.Stage.Title), From: w.who(q.From), At: q.At, Due: q.Due})
		}
	}
	return d
}

// decision is dec as a page shows it; nil when none is recorded.
func (w *pageWriter) decision(dec *model.Decision) *decisionData {
	if dec == nil {
		return nil
	}
	label := "logbook.legal.notify_no"
	if dec.Notify {
		label = "logbook.legal.notify_yes"
	}
	return &decisionData{At: dec.At, By: w.who(dec.By), Notify: dec.Notify, NotifyLabel: w.r.t(w.lang, label), Reason: dec.Reason}
}

// role is a stage's recipient role with the contacts who hold it: a
// stage names roles, never contacts, even where a contact's id is the
// same word (the CSIRT contact "csirt" holds the role csirt).
func (w *pageWriter) role(id string) person {
	p := person{ID: id, Name: id, Role: true}
	if role := w.r.m.Config.Role(id); role != nil {
		if name := w.r.local(w.lang, role.Name).Text; name != "" {
			p.Name = name
		}
	}
	for _, c := range w.r.holders[id] {
		p.Holders = append(p.Holders, *personOf(c))
	}
	return p
}

func (w *pageWriter) regTitle(reg *regulation.Regulation) local {
	if l := w.r.local(w.lang, reg.Title); l.Text != "" {
		return l
	}
	return local{Text: reg.Name}
}

func (w *pageWriter) stageTitle(s *regulation.Stage) local {
	if l := w.r.local(w.lang, s.Title); l.Text != "" {
		return l
	}
	return local{Text: s.ID}
}

// stage is st, a stage's status under c, in the page's language.
func (w *pageWriter) stage(c *model.Clocks, st *regulation.Status) stageData {
	r, lang := w.r, w.lang
	s := st.Stage
	sd := stageData{
		ID: s.ID, Anchor: "legal-" + c.Regulation.Name + "-" + s.ID, Title: w.stageTitle(s), Article: s.Article,
		State: string(st.State), StateLabel: r.t(lang, "logbook.legal.state."+string(st.State)),
		Deadline: st.Deadline, DayEnd: st.DayEnd, Immediate: st.Immediate, Start: st.Start, At: st.At,
	}
	if st.DayEnd && !st.Deadline.IsZero() {
		// The deadline is the midnight that ends a day: name that day.
		sd.EndOfDay = st.Deadline.In(r.loc).Add(-time.Nanosecond)
	}
	switch st.State {
	case regulation.Due:
		if !st.Immediate {
			sd.Left = r.duration(lang, st.Left)
		}
	case regulation.Missed:
		sd.Over = r.duration(lang, st.Over)
	case regulation.Met:
		if st.Late > 0 {
			sd.Late = r.duration(lang, st.Late)
		}
	}
	if st.By != nil {
		sd.By = w.notificationOf(c, st.By)
	}
	sd.Note = w.stageNote(c, st)
	for _, n := range st.Elsewhere {
		to := n.To
		if nb := w.notificationOf(c, n); nb.To != nil {
			to = nb.To.Name
		}
		sd.Elsewhere = append(sd.Elsewhere, r.t(lang, "logbook.legal.elsewhere", "kind", n.Kind, "to", to, "time", r.dateTime(lang, n.At)))
	}
	for _, rc := range st.Recipients {
		sd.Recipients = append(sd.Recipients, recipientData{Role: w.role(rc.Role), State: string(rc.State), StateLabel: r.t(lang, "logbook.legal.state."+string(rc.State))})
	}
	return sd
}

// notificationOf is the incident's notification n of c's facts.
func (w *pageWriter) notificationOf(c *model.Clocks, n *regulation.Notification) *notification {
	if mn := c.Notification(n); mn != nil {
		to := personOf(mn.To)
		if to == nil && mn.ToRole != "" {
			p := w.who(mn.ToRole)
			to = &p
		}
		return &notification{To: to, Kind: mn.Kind, Reference: mn.Reference, At: mn.At}
	}
	p := w.who(n.To)
	return &notification{To: &p, Kind: n.Kind, Reference: n.Reference, At: n.At}
}

// stageNote says why st is in its state, in the page's language, or "".
func (w *pageWriter) stageNote(c *model.Clocks, st *regulation.Status) string {
	r, lang := w.r, w.lang
	condition := func() string {
		if cn := c.Regulation.Condition(st.Stage.Condition); cn != nil {
			if l := r.local(lang, cn.Text); l.Text != "" {
				return l.Text
			}
		}
		return st.Stage.Condition
	}
	replaced := func() string {
		if s := c.Regulation.Stage(st.Stage.Replaces); s != nil {
			return w.stageTitle(s).Text
		}
		return st.Stage.Replaces
	}
	switch st.Reason {
	case regulation.NotNotifiable:
		return r.t(lang, "logbook.legal.reason.not-notifiable")
	case regulation.ConditionUndecided:
		return r.t(lang, "logbook.legal.reason.condition-undecided", "condition", condition())
	case regulation.ConditionFalse:
		return r.t(lang, "logbook.legal.reason.condition-false", "condition", condition())
	case regulation.Moved:
		return r.t(lang, "logbook.legal.reason.moved", "time", r.dateTime(lang, st.MovedFrom))
	case regulation.StandsIn:
		return r.t(lang, "logbook.legal.reason.stands-in", "stage", replaced())
	case regulation.OnlyIfOngoing:
		return r.t(lang, "logbook.legal.reason.only-if-ongoing", "stage", replaced())
	case regulation.NotOngoing:
		return r.t(lang, "logbook.legal.reason.not-ongoing", "stage", replaced())
	}
	if st.State == regulation.NotStarted && len(st.Waiting) > 0 {
		var ws []string
		for _, t := range st.Waiting {
			stage := t.Stage
			if s := c.Regulation.Stage(t.Stage); s != nil {
				stage = w.stageTitle(s).Text
			}
			ws = append(ws, r.t(lang, "logbook.legal.wait."+t.From, "stage", stage))
		}
		return r.t(lang, "logbook.legal.waiting", "events", strings.Join(ws, r.t(lang, "logbook.legal.or")))
	}
	return ""
}

// deadlinesPage lists every stage due or missed across the incidents,
// soonest deadline first, the regulated incidents still without a
// decision, and the stages met in the last 90 days, latest first.
type deadlinesPage struct {
	framed
	Open      []deadlineRow
	Undecided []deadlineRow
	Met       []deadlineRow
	// Since is the start of the period of Met.
	Since time.Time
}

type deadlineRow struct {
	Incident                      local
	IncidentID, Href              string
	Regulation, Stage             local
	Article                       string
	State, StateLabel             string
	Deadline, EndOfDay, At, Start time.Time
	DayEnd, Immediate             bool
	Left, Over, Late              string
}

// metWindow is how far back the deadlines page lists stages met.
const metWindow = 90 * 24 * time.Hour

func (w *pageWriter) deadlinesData() framer {
	r := w.r
	d := &deadlinesPage{Since: r.m.Now.In(r.loc).Add(-metWindow)}
	for _, inc := range r.m.Incidents {
		for i := range inc.Clocks {
			c := &inc.Clocks[i]
			row := deadlineRow{Incident: r.local(w.lang, inc.Title), IncidentID: inc.ID, Regulation: w.regTitle(c.Regulation)}
			row.Href = w.link(incidentPath(inc.ID)) + "#legal-" + c.Regulation.Name
			if c.Decision == nil {
				row.Article = c.Regulation.Article
				d.Undecided = append(d.Undecided, row)
			}
			for j := range c.Stages {
				st := &c.Stages[j]
				switch {
				case st.State == regulation.Due || st.State == regulation.Missed:
				case st.State == regulation.Met && !st.At.Before(d.Since):
				default:
					continue
				}
				sd := w.stage(c, st)
				x := row
				x.Href = w.link(incidentPath(inc.ID)) + "#" + sd.Anchor
				x.Stage, x.Article, x.State, x.StateLabel = sd.Title, sd.Article, sd.State, sd.StateLabel
				x.Deadline, x.EndOfDay, x.At, x.Start, x.DayEnd, x.Immediate = sd.Deadline, sd.EndOfDay, sd.At, sd.Start, sd.DayEnd, sd.Immediate
				x.Left, x.Over, x.Late = sd.Left, sd.Over, sd.Late
				if st.State == regulation.Met {
					d.Met = append(d.Met, x)
				} else {
					d.Open = append(d.Open, x)
				}
			}
		}
	}
	// A report due without undue delay is due from its clock's start,
	// which is its Deadline: it sorts among the others by that.
	slices.SortStableFunc(d.Open, func(a, b deadlineRow) int { return a.Deadline.Compare(b.Deadline) })
	slices.SortStableFunc(d.Met, func(a, b deadlineRow) int { return cmp.Compare(b.At.UnixNano(), a.At.UnixNano()) })
	return d
}

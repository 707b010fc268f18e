package diff

import (
	"strconv"
	"time"

	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// team compares what the logbook shows: internal records added and
// deleted, RCAs, actions, notifications, decisions and legal deadlines.
// Public records that appear or go away are the public comparison's.
func (c *comparer) team(base, head *model.Site) {
	for _, hi := range head.Incidents {
		r := c.teamRecord(vocab.KindIncident, hi.ID, hi.Title, hi.File)
		bi := c.base.incidents[hi.ID]
		if bi == nil && hi.Visibility != vocab.Public {
			c.add(r.with(IncidentAdded, Notice, Detail{Status: string(hi.Status()), IncidentSeverity: hi.Severity, Services: impacts(hi.Impacts)}))
		}
		var old *model.Incident
		if bi != nil {
			old = bi
		}
		c.actions(r, actionsOf(old), hi.Actions)
		c.notifications(r, old, hi)
		c.decisions(r, old, hi)
		c.deadlines(r, old, hi)
	}
	for _, bi := range base.Incidents {
		if c.head.incidents[bi.ID] == nil && bi.Visibility != vocab.Public {
			c.add(c.teamRecord(vocab.KindIncident, bi.ID, bi.Title, bi.File).with(Deleted, Warning, Detail{Visibility: string(bi.Visibility)}))
		}
	}

	for _, hm := range head.Maintenance {
		if c.base.maintenance[hm.ID] == nil && hm.Visibility != vocab.Public {
			r := c.teamRecord(vocab.KindMaintenance, hm.ID, hm.Title, hm.File)
			c.add(r.with(MaintenanceAdded, Notice, Detail{Status: string(hm.Status), Schedule: &Schedule{From: hm.ScheduledFor.In(c.loc), Until: hm.ScheduledUntil.In(c.loc)}}))
		}
	}
	for _, bm := range base.Maintenance {
		if c.head.maintenance[bm.ID] == nil && bm.Visibility != vocab.Public {
			c.add(c.teamRecord(vocab.KindMaintenance, bm.ID, bm.Title, bm.File).with(Deleted, Warning, Detail{Visibility: string(bm.Visibility)}))
		}
	}

	for _, hr := range head.RCAs {
		r := c.teamRecord(vocab.KindRCA, hr.ID, hr.Title, hr.File)
		br := c.base.rcas[hr.ID]
		var incident string
		if hr.Incident != nil {
			incident = hr.Incident.ID
		}
		switch {
		case br == nil:
			c.add(r.with(RCAAdded, Notice, Detail{Status: string(hr.Status), Incident: incident}))
			c.actions(r, nil, hr.Actions)
			continue
		case br.Status != hr.Status:
			c.add(r.with(RCAStatusChanged, Notice, Detail{Old: string(br.Status), New: string(hr.Status), Incident: incident}))
		}
		c.actions(r, br.Actions, hr.Actions)
	}
	for _, br := range base.RCAs {
		if c.head.rcas[br.ID] == nil {
			c.add(c.teamRecord(vocab.KindRCA, br.ID, br.Title, br.File).with(Deleted, Warning, Detail{}))
		}
	}

	for _, he := range head.Exercises {
		r := c.teamRecord(vocab.KindExercise, he.ID, l10n.Text{"": he.Title}, he.File)
		var old []content.Action
		if be := c.base.exercises[he.ID]; be != nil {
			old = be.Findings
		}
		c.actions(r, old, he.Findings)
	}
}

func (c *comparer) teamRecord(kind vocab.Kind, id string, title l10n.Text, file string) Change {
	return Change{Audience: Team, RecordKind: kind, Record: id, Title: c.text(title)[c.def], File: file}
}

func actionsOf(i *model.Incident) []content.Action {
	if i == nil {
		return nil
	}
	return i.Actions
}

// actions compares a record's actions, which have no id: an action is
// its title, and the how-manieth action of that title it is.
func (c *comparer) actions(r Change, old, new []content.Action) {
	key := func(seen map[string]int, a content.Action) string {
		seen[a.Title]++
		return a.Title + "\x00" + strconv.Itoa(seen[a.Title])
	}
	was := make(map[string]*content.Action, len(old))
	seen := map[string]int{}
	for i := range old {
		was[key(seen, old[i])] = &old[i]
	}
	is := make(map[string]bool, len(new))
	seen = map[string]int{}
	for _, a := range new {
		k := key(seen, a)
		is[k] = true
		switch b := was[k]; {
		case b == nil:
			c.add(r.with(ActionAdded, Notice, Detail{Action: action(a)}))
		case a.Done && !b.Done:
			c.add(r.with(ActionDone, Notice, Detail{Action: action(a)}))
		}
	}
	seen = map[string]int{}
	for _, a := range old {
		if !is[key(seen, a)] {
			c.add(r.with(ActionRemoved, Warning, Detail{Action: action(a)}))
		}
	}
}

func action(a content.Action) *Action {
	out := &Action{Title: a.Title, Owner: a.Owner, Done: a.Done}
	if !a.Due.IsZero() {
		out.Due = a.Due.Format(time.DateOnly)
	}
	if !a.DoneOn.IsZero() {
		out.DoneOn = a.DoneOn.Format(time.DateOnly)
	}
	return out
}

// notifications says which reports the change records as sent: a
// notification is its kind, recipient and time.
func (c *comparer) notifications(r Change, old, new *model.Incident) {
	key := func(n model.Notification) string {
		return n.Kind + "\x00" + recipient(n) + "\x00" + strconv.FormatInt(n.At.UnixNano(), 10)
	}
	detail := func(n model.Notification) Detail {
		return Detail{At: c.at(n.At), Notification: &Notification{Kind: n.Kind, To: recipient(n), At: n.At.In(c.loc), Reference: n.Reference}}
	}
	was := map[string]bool{}
	if old != nil {
		for _, n := range old.Notifications {
			was[key(n)] = true
		}
	}
	is := make(map[string]bool, len(new.Notifications))
	for _, n := range new.Notifications {
		is[key(n)] = true
		if !was[key(n)] {
			c.add(r.with(NotificationAdded, Notice, detail(n)))
		}
	}
	if old == nil {
		return
	}
	// A report to an authority that leaves the record rewrites the
	// audit trail: the team must see it.
	for _, n := range old.Notifications {
		if !is[key(n)] {
			c.add(r.with(NotificationRemoved, Warning, detail(n)))
		}
	}
}

func recipient(n model.Notification) string {
	if n.To != nil {
		return n.To.ID
	}
	return n.ToRole
}

// decisions says which decisions under a regulation the change records.
func (c *comparer) decisions(r Change, old, new *model.Incident) {
	key := func(d model.Decision) string {
		return d.Regulation.Name + "\x00" + strconv.FormatInt(d.At.UnixNano(), 10) + "\x00" + strconv.FormatBool(d.Notify)
	}
	detail := func(d model.Decision) Detail {
		return Detail{At: c.at(d.At), Decision: &Decision{Regulation: d.Regulation.Name, At: d.At.In(c.loc), By: d.By, Notify: d.Notify, Reason: d.Reason}}
	}
	was := map[string]bool{}
	if old != nil {
		for _, d := range old.Decisions {
			was[key(d)] = true
		}
	}
	is := make(map[string]bool, len(new.Decisions))
	for _, d := range new.Decisions {
		is[key(d)] = true
		if !was[key(d)] {
			c.add(r.with(DecisionAdded, Notice, detail(d)))
		}
	}
	if old == nil {
		return
	}
	for _, d := range old.Decisions {
		if !is[key(d)] {
			c.add(r.with(DecisionRemoved, Warning, detail(d)))
		}
	}
}

// deadlines says which legal stages the change meets or misses: the
// stages met or missed in head that were not in base, both at the same
// "now", so that only the change's own facts (a notification, a
// decision, a resolution) move a clock.
func (c *comparer) deadlines(r Change, old, new *model.Incident) {
	was := map[string]regulation.State{}
	if old != nil {
		for _, cl := range old.Clocks {
			for _, st := range cl.Stages {
				was[cl.Regulation.Name+"\x00"+st.Stage.ID] = st.State
			}
		}
	}
	for _, cl := range new.Clocks {
		for _, st := range cl.Stages {
			before := was[cl.Regulation.Name+"\x00"+st.Stage.ID]
			if st.State == before || (st.State != regulation.Met && st.State != regulation.Missed) {
				continue
			}
			d := &Deadline{Regulation: cl.Regulation.Name, Stage: st.Stage.ID, Title: c.text(st.Stage.Title)[c.def], Old: string(before), New: string(st.State)}
			if !st.Deadline.IsZero() {
				d.Deadline = c.at(st.Deadline)
			}
			if st.State == regulation.Met {
				d.LateMinutes = int64(st.Late / time.Minute)
				det := Detail{Deadline: d}
				if !st.At.IsZero() {
					det.At = c.at(st.At)
				}
				sev := Notice
				if st.Late > 0 {
					sev = Warning
				}
				c.add(r.with(DeadlineMet, sev, det))
				continue
			}
			c.add(r.with(DeadlineMissed, Warning, Detail{Deadline: d}))
		}
	}
}

func impacts(in []model.Impact) map[string]string {
	if len(in) == 0 {
		return nil
	}
	out := make(map[string]string, len(in))
	for _, i := range in {
		out[i.Service.ID] = string(i.Level)
	}
	return out
}

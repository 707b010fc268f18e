package model

import (
	"slices"
	"time"

	"github.com/incidentsite/incidentsite/internal/yamlx"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/regulation"
)

// legal links in's decisions and requests to the regulations and
// computes inc's clocks under each regulation it lists, at now. inc's
// notifications and resolution are set already.
func legal(inc *Incident, in *content.Incident, cfg *config.Config, regs *regulation.Set, contacts map[string]*Contact, now time.Time) {
	if regs == nil {
		return
	}
	for i, d := range in.Decisions {
		r := regs.Get(d.Regulation)
		if r == nil {
			continue
		}
		if !in.Has(yamlx.Join("decisions", i)+".notify") || d.At.IsZero() {
			// Half written (validate says so): no decision yet, so that
			// no clock reads as not required while its report is due.
			continue
		}
		dec := Decision{Regulation: r, At: d.At, By: d.By, ByContact: contacts[d.By], Notify: d.Notify, Conditions: d.Conditions, Reason: d.Reason}
		for i := range r.Criteria {
			if slices.Contains(d.Criteria, r.Criteria[i].ID) {
				dec.Criteria = append(dec.Criteria, &r.Criteria[i])
			}
		}
		inc.Decisions = append(inc.Decisions, dec)
	}
	for _, q := range in.Requests {
		r := regs.Get(q.Regulation)
		if r == nil || r.Stage(q.Stage) == nil {
			continue
		}
		inc.Requests = append(inc.Requests, Request{Regulation: r, Stage: r.Stage(q.Stage), From: q.From, FromContact: contacts[q.From], At: q.At, Due: q.Due})
	}

	// The facts every regulation's clocks share: a notification counts
	// for the roles its recipient holds, or for the role it names.
	notes := make([]regulation.Notification, len(inc.Notifications))
	ptrs := make([]*Notification, len(inc.Notifications))
	for i := range inc.Notifications {
		n := &inc.Notifications[i]
		rn := regulation.Notification{Kind: n.Kind, At: n.At, Reference: n.Reference}
		switch {
		case n.To != nil:
			rn.To, rn.Roles = n.To.ID, slices.Clone(n.To.Roles)
		case n.ToRole != "":
			rn.To, rn.Roles = n.ToRole, []string{n.ToRole}
		}
		notes[i], ptrs[i] = rn, n
	}
	for _, name := range in.Regulation {
		r := regs.Get(name)
		if r == nil || slices.ContainsFunc(inc.Clocks, func(c Clocks) bool { return c.Regulation == r }) {
			continue
		}
		facts := &regulation.Facts{Detected: inc.Detected, Ended: inc.Resolved, Notifications: slices.Clone(notes), Location: cfg.Location}
		c := Clocks{Regulation: r, Facts: facts, notes: ptrs}
		for i := range inc.Decisions {
			if d := &inc.Decisions[i]; d.Regulation == r {
				c.Decision = d
				facts.Decision = &regulation.Decision{At: d.At, Notify: d.Notify, Conditions: d.Conditions}
				break
			}
		}
		for _, q := range inc.Requests {
			if q.Regulation == r {
				facts.Requests = append(facts.Requests, regulation.Request{Stage: q.Stage.ID, At: q.At, Due: q.Due})
			}
		}
		c.Stages = regulation.Clocks(r, facts, now)
		inc.Clocks = append(inc.Clocks, c)
	}
}

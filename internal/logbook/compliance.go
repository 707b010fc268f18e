package logbook

import (
	"slices"
	"strconv"

	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// The compliance page (compliance/): the checklist an auditor reads
// first, each line OK or needing attention with the items behind it,
// linked. Its rules are the other pages': the clocks' states
// (regulation), the review age of the contact lists and the last test
// of the plan (people.go), an action's state; a line never judges by a
// rule of its own what another page shows.

const compliancePath = "compliance/"

type compliancePage struct {
	framed
	Checks []check
	// Attention counts the checks that need it.
	Attention int
}

// check is a line of the checklist: OK, or attention with the items
// that need it.
type check struct {
	ID, Title, Summary string
	OK                 bool
	// Href links the page that shows the whole of what it checks.
	Href, HrefLabel string
	Items           []checkEntry
}

// checkEntry is an item a check lists: what it is, linked, and why.
type checkEntry struct {
	Text local
	ID   string
	Href string
	Why  string
}

func (w *pageWriter) complianceData() framer {
	d := &compliancePage{}
	d.Checks = append(d.Checks, w.clocksCheck(), w.planCheck(), w.contactsCheck(), w.rcaCheck(), w.decisionsCheck())
	for _, c := range d.Checks {
		if !c.OK {
			d.Attention++
		}
	}
	return d
}

// clocksCheck counts the legal clocks' stages met on time, met late,
// missed and due, and lists those missed or met late.
func (w *pageWriter) clocksCheck() check {
	r, lang := w.r, w.lang
	c := check{ID: "clocks", Title: r.t(lang, "logbook.compliance.clocks"), Href: w.link("deadlines/"), HrefLabel: r.t(lang, "logbook.deadlines")}
	var onTime, late, missed, due int
	for _, inc := range r.m.Incidents {
		for i := range inc.Clocks {
			cl := &inc.Clocks[i]
			for j := range cl.Stages {
				st := &cl.Stages[j]
				var why string
				switch st.State {
				case regulation.Met:
					if st.Late <= 0 {
						onTime++
						continue
					}
					late++
					why = r.t(lang, "logbook.legal.late", "duration", r.duration(lang, st.Late))
				case regulation.Missed:
					missed++
					why = r.t(lang, "logbook.legal.over", "duration", r.duration(lang, st.Over))
				case regulation.Due:
					due++
					continue
				default:
					continue
				}
				sd := w.stage(cl, st)
				c.Items = append(c.Items, checkEntry{Text: local{Text: w.regTitle(cl.Regulation).Text + ", " + sd.Title.Text + " (" + sd.Article + ")"},
					ID: inc.ID, Href: w.link(incidentPath(inc.ID)) + "#" + sd.Anchor, Why: sd.StateLabel + " · " + why})
			}
		}
	}
	c.OK = late == 0 && missed == 0
	c.Summary = r.t(lang, "logbook.compliance.clocks_counts", "met", strconv.Itoa(onTime), "late", strconv.Itoa(late), "missed", strconv.Itoa(missed), "due", strconv.Itoa(due))
	return c
}

// planCheck is the last test of the plan, as the exercises page finds it.
func (w *pageWriter) planCheck() check {
	r, lang := w.r, w.lang
	x := w.exercisesData().(*exercisesPage)
	months := strconv.Itoa(x.Months)
	c := check{ID: "plan", Title: r.t(lang, "logbook.compliance.plan", "months", months), Href: w.link(exercisesPath), HrefLabel: r.t(lang, "logbook.exercises")}
	switch {
	case x.None:
		c.Summary = r.t(lang, "logbook.plan_never_tested")
	default:
		c.OK = !x.Last.Stale
		c.Summary = r.t(lang, "logbook.last_test") + " " + r.date(lang, x.Last.Day) + " (" + x.Last.Text + ")"
		for _, e := range x.Exercises {
			if !e.Planned && e.Title == x.LastTitle && e.Date.Equal(x.Last.Day) {
				c.Items = append(c.Items, checkEntry{Text: local{Text: e.Title}, Href: w.link(exercisesPath + "#" + e.Anchor), Why: x.Last.Text})
				break
			}
		}
	}
	if !c.OK && !x.None {
		c.Summary += ". " + r.t(lang, "logbook.plan_test_overdue", "months", months)
	}
	return c
}

// contactsCheck lists the contact lists not reviewed within the site's
// limit, by the contacts page's rule.
func (w *pageWriter) contactsCheck() check {
	r, lang := w.r, w.lang
	months := r.m.Config.Checks.ContactsReviewMonths
	c := check{ID: "contacts", Title: r.t(lang, "logbook.compliance.contacts", "months", strconv.Itoa(months)),
		Href: w.link(contactsPath), HrefLabel: r.t(lang, "logbook.contacts")}
	for _, l := range r.m.ContactLists {
		e := checkEntry{Text: local{Text: l.Title}, ID: l.ID, Href: w.link(contactsPath + "#list-" + l.ID)}
		if l.Reviewed.IsZero() {
			e.Why = r.t(lang, "logbook.compliance.never_reviewed")
		} else if a := w.age(l.Reviewed, months); a.Stale {
			e.Why = r.t(lang, "logbook.compliance.reviewed", "date", r.date(lang, a.Day), "age", a.Text)
		} else {
			continue
		}
		c.Items = append(c.Items, e)
	}
	c.OK = len(c.Items) == 0
	c.Summary = r.t(lang, "logbook.compliance.contacts_counts", "lists", strconv.Itoa(len(r.m.ContactLists)), "stale", strconv.Itoa(len(c.Items)))
	return c
}

// rcaCheck lists the resolved incidents whose template requires a root
// cause analysis at their severity, as validation does, and that have no
// final one.
func (w *pageWriter) rcaCheck() check {
	r, lang := w.r, w.lang
	c := check{ID: "rca", Title: r.t(lang, "logbook.compliance.rca")}
	required := 0
	for _, inc := range r.m.Incidents {
		t := inc.Template
		if t == nil || !inc.IsResolved() || !slices.Contains(t.RCARequiredFor, inc.Severity) {
			continue
		}
		required++
		var why string
		switch {
		case inc.RCA == nil:
			why = r.t(lang, "logbook.compliance.no_rca")
		case inc.RCA.Status != vocab.Final:
			why = r.t(lang, "logbook.compliance.rca_not_final", "status", r.t(lang, "logbook.rca_status."+string(inc.RCA.Status)))
		default:
			continue
		}
		c.Items = append(c.Items, checkEntry{Text: r.local(lang, inc.Title), ID: inc.ID, Href: w.link(incidentPath(inc.ID)), Why: inc.Severity + " · " + why})
	}
	c.OK = len(c.Items) == 0
	c.Summary = r.t(lang, "logbook.compliance.rca_counts", "required", strconv.Itoa(required), "missing", strconv.Itoa(len(c.Items)))
	return c
}

// decisionsCheck lists, per regulation an incident lists, a missing
// decision, and a decision to notify with no report sent yet; and a
// privacy incident not assessed under the GDPR at all.
func (w *pageWriter) decisionsCheck() check {
	r, lang := w.r, w.lang
	c := check{ID: "decisions", Title: r.t(lang, "logbook.compliance.decisions"), Href: w.link("deadlines/"), HrefLabel: r.t(lang, "logbook.deadlines")}
	regulated := 0
	for _, inc := range r.m.Incidents {
		if len(inc.Clocks) > 0 {
			regulated++
		}
		// A privacy incident that does not list the GDPR has no clock
		// and no decision under it: the breach register flags it too.
		if isBreach(inc) && !slices.Contains(inc.Regulation, gdpr) {
			c.Items = append(c.Items, checkEntry{Text: r.local(lang, inc.Title), ID: inc.ID,
				Href: w.link(breachesPath) + "#b-" + inc.ID, Why: r.t(lang, "logbook.compliance.not_assessed")})
		}
		for i := range inc.Clocks {
			cl := &inc.Clocks[i]
			var why string
			switch {
			case cl.Decision == nil:
				why = r.t(lang, "logbook.legal.no_decision")
			case cl.Decision.Notify && !slices.ContainsFunc(cl.Stages, func(s regulation.Status) bool { return s.State == regulation.Met }):
				why = r.t(lang, "logbook.compliance.not_notified")
			default:
				continue
			}
			c.Items = append(c.Items, checkEntry{Text: r.local(lang, inc.Title), ID: inc.ID,
				Href: w.link(incidentPath(inc.ID)) + "#legal-" + cl.Regulation.Name, Why: w.regTitle(cl.Regulation).Text + " · " + why})
		}
	}
	c.OK = len(c.Items) == 0
	c.Summary = r.t(lang, "logbook.compliance.decisions_counts", "regulated", strconv.Itoa(regulated), "open", strconv.Itoa(len(c.Items)))
	return c
}

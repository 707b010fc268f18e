package logbook

import (
	"cmp"
	"slices"
	"time"

	"github.com/incidentsite/incidentsite/internal/model"
)

// The GDPR breach register (breaches/): the documentation art. 33(5)
// asks of a controller, of every personal data breach, notified or not.

const breachesPath = "breaches/"

// gdpr is the name of the regulation whose clocks are a breach's.
const gdpr = "gdpr"

// The sections of a record that tell a breach's effects and the remedial
// action taken, as the built-in privacy template and the others name
// them, in the order the register shows them.
var (
	effectSections   = []string{"data-involved", "impact", "consequences", "risk-assessment"}
	remedialSections = []string{"immediate-actions", "measures", "mitigation", "prevention"}
)

// isBreach reports whether inc is a privacy incident: of the privacy
// category, or listing the GDPR.
func isBreach(inc *model.Incident) bool {
	return (inc.Template != nil && inc.Template.Name == "privacy") || slices.Contains(inc.Regulation, gdpr)
}

// breachesPage is the register of the privacy incidents, oldest first.
type breachesPage struct {
	framed
	Breaches []breachEntry
}

type breachEntry struct {
	ID, Href, Anchor   string
	Title, Category    local
	Severity           string
	Detected, Resolved time.Time
	Ongoing            bool
	Effects, Remedial  []section
	// Updates are the published updates' messages, shown as the effects
	// when the record has no section about them.
	Updates []update
	Actions []action
	// Assessed reports whether the incident lists the GDPR; Decision is
	// nil while none is recorded.
	Assessed bool
	Decision *decisionData
	// Stages are the GDPR's reports: to the authority, to the people
	// affected.
	Stages []breachStage
}

// breachStage is a stage with a link to it on the incident's page.
type breachStage struct {
	stageData
	Href string
}

func (w *pageWriter) breachesData() framer {
	d := &breachesPage{}
	for _, inc := range w.r.m.Incidents {
		if isBreach(inc) {
			d.Breaches = append(d.Breaches, w.breach(inc))
		}
	}
	// Oldest first, as a register is kept: an entry's place does not
	// change when a breach is added, so a printed or exported register
	// stays comparable, and an inspector reads the years in order.
	slices.SortStableFunc(d.Breaches, func(a, b breachEntry) int {
		if c := a.Detected.Compare(b.Detected); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return d
}

func (w *pageWriter) breach(inc *model.Incident) breachEntry {
	r, lang := w.r, w.lang
	b := breachEntry{ID: inc.ID, Href: w.link(incidentPath(inc.ID)), Anchor: "b-" + inc.ID, Title: r.local(lang, inc.Title),
		Category: w.categoryName(inc), Severity: inc.Severity, Detected: inc.Detected, Resolved: inc.Resolved, Ongoing: !inc.IsResolved()}
	prefix := b.Anchor + "-"
	secs := w.sections(inc.Sections, prefix)
	pick := func(ids []string) []section {
		var out []section
		for _, id := range ids {
			for _, s := range secs {
				if s.ID == id {
					out = append(out, s)
				}
			}
		}
		return out
	}
	b.Effects, b.Remedial = pick(effectSections), pick(remedialSections)
	if len(b.Effects) == 0 {
		for _, u := range inc.Updates {
			msg := r.local(lang, u.Message)
			if msg.Text == "" {
				continue
			}
			b.Updates = append(b.Updates, update{At: u.At, Status: string(u.Status), StatusLabel: r.t(lang, "update."+string(u.Status)),
				Body: r.message(msg.Text), Lang: msg.Lang})
		}
	}
	for _, a := range inc.Actions {
		b.Actions = append(b.Actions, w.action(a, r.t(lang, "logbook.from_incident")))
	}
	if inc.RCA != nil {
		for _, a := range inc.RCA.Actions {
			b.Actions = append(b.Actions, w.action(a, r.t(lang, "logbook.from_rca")))
		}
	}
	for i := range inc.Clocks {
		c := &inc.Clocks[i]
		if c.Regulation.Name != gdpr {
			continue
		}
		b.Assessed = true
		// The decision and the stages as the incident's page shows them,
		// without the drafts that page writes.
		b.Decision = w.decision(c.Decision)
		for j := range c.Stages {
			sd := w.stage(c, &c.Stages[j])
			b.Stages = append(b.Stages, breachStage{stageData: sd, Href: b.Href + "#" + sd.Anchor})
		}
	}
	return b
}

package logbook

import (
	"strconv"
	"time"

	"github.com/incidentsite/incidentsite/internal/model"
)

// The communication checklist of an incident's or a maintenance
// window's page: per audience of the template's plan (external,
// internal), who is told (each role with the contacts who hold it), how
// (the channels, named in the page's language) and when (each moment's
// state at the build's now, as model.Checklists and
// model.MaintenanceChecklists decide it), with a draft per channel for
// each moment owed (commsdrafts.go). One implementation serves both
// kinds: what differs is in the record's commsFacts.

// commsPlan is one audience's plan as a page shows it.
type commsPlan struct {
	Audience, Anchor, Label string
	Who                     []person
	How                     []local
	Moments                 []commsMoment
}

// commsMoment is a moment of a plan with its state.
type commsMoment struct {
	ID                string
	Name              string
	State, StateLabel string
	// Since is when the moment came; At when it was done, by the update
	// whose status is UpdateStatus, anchored at UpdateAnchor on the page,
	// or by the RCA (ByRCA).
	Since, At                  time.Time
	UpdateStatus, UpdateAnchor string
	ByRCA                      bool
	// Drafts are the ready messages, one per channel of the plan, for a
	// moment owed (due or missed).
	Drafts []commsDraft
}

// commsSection is the communication checklist of a page: its plans and
// a note on what counts, when the rules of the record's kind need one.
type commsSection struct {
	Plans []commsPlan
	Note  string
}

// incidentComms is the incident's communication checklist.
func (w *pageWriter) incidentComms(inc *model.Incident) *commsSection {
	if len(inc.Checklists) == 0 {
		return nil
	}
	return &commsSection{Plans: w.comms(inc.Checklists, w.incidentFacts(inc))}
}

// maintenanceComms is the maintenance window's communication checklist,
// with the note that only written updates count.
func (w *pageWriter) maintenanceComms(m *model.Maintenance) *commsSection {
	if len(m.Checklists) == 0 {
		return nil
	}
	return &commsSection{Plans: w.comms(m.Checklists, w.maintenanceFacts(m)), Note: w.r.t(w.lang, "logbook.comms.written_only")}
}

// comms returns the plans of a record's checklists, external first, with
// drafts from the record's facts f.
func (w *pageWriter) comms(checks []model.Checklist, f *commsFacts) []commsPlan {
	r, lang := w.r, w.lang
	var out []commsPlan
	for _, c := range checks {
		short := "int"
		if c.Audience == audienceExternal {
			short = "ext"
		}
		p := commsPlan{Audience: c.Audience, Anchor: "comms-" + short, Label: r.t(lang, "logbook.comms."+c.Audience)}
		var addrs []string
		seen := map[string]bool{}
		for _, role := range c.Plan.Who {
			// A plan names roles, as a stage does (see role).
			h := w.role(role)
			p.Who = append(p.Who, h)
			for _, c := range h.Holders {
				if c.Email != "" && !seen[c.Email] {
					seen[c.Email] = true
					addrs = append(addrs, c.Email)
				}
			}
		}
		for _, ch := range c.Plan.How {
			p.How = append(p.How, w.channelName(ch))
		}
		for _, m := range c.Moments {
			cm := commsMoment{ID: m.ID, Name: r.t(lang, "logbook.comms.moment."+m.ID), State: string(m.State),
				StateLabel: r.t(lang, "logbook.comms.state."+string(m.State)), Since: m.Start, At: m.At, ByRCA: m.ByRCA}
			if m.Update >= 0 && m.Update < len(f.updates) {
				cm.UpdateStatus = f.label(f.updates[m.Update].Status)
				cm.UpdateAnchor = updateAnchor(m.Update)
			}
			// A draft for what is owed: a moment done was told already,
			// and its draft would only lengthen the page (a page of an
			// incident with every moment done was three times as long).
			switch m.State {
			case model.MomentDue, model.MomentMissed:
				for _, ch := range c.Plan.How {
					cm.Drafts = append(cm.Drafts, w.commsDraft(f, c.Audience, p.Anchor, cm.Name, m, ch, addrs))
				}
			}
			p.Moments = append(p.Moments, cm)
		}
		out = append(out, p)
	}
	return out
}

// updateAnchor is the fragment id of the record's update i on its page:
// incident.html and maintenance.html give each update of the list its
// index (a window's automatic updates come after its written ones).
func updateAnchor(i int) string { return "update-" + strconv.Itoa(i) }

// channelName is the channel id in the page's language, as the
// configuration names it, else the id.
func (w *pageWriter) channelName(id string) local {
	if ch := w.r.m.Config.Channel(id); ch != nil {
		if l := w.r.local(w.lang, ch.Name); l.Text != "" {
			return l
		}
	}
	return local{Text: id}
}

// MailHref is the mailto: link to the person's e-mail address, escaped
// as a mailto: link's address must be: an address may hold "?", "&" and
// "=" (RFC 5322), which written as they are would start the link's
// fields ("ops?subject=…@example.org").
func (p person) MailHref() string {
	return "mailto:" + escapeMailto(p.Email, true)
}

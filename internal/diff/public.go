package diff

import (
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// public compares what customers see: the two sites' public projections.
// A record's existence in the other model (internal there) tells a
// record made public or withdrawn from one added or deleted.
func (c *comparer) public(base, head *model.Site) {
	bv, hv := projection.Public(base), projection.Public(head)
	baseURL := hv.BaseURL

	bInc := make(map[string]*public.Incident, len(bv.Incidents))
	for _, i := range bv.Incidents {
		bInc[i.ID] = i
	}
	hInc := make(map[string]bool, len(hv.Incidents))
	for _, hi := range hv.Incidents {
		hInc[hi.ID] = true
		r := c.record(vocab.KindIncident, hi.ID, hi.Title, baseURL+"incidents/"+hi.ID+"/", c.head.incidents[hi.ID].File)
		bi := bInc[hi.ID]
		if bi == nil {
			c.appeared(r, c.base.incidents[hi.ID] != nil, Detail{Status: string(hi.Status), Impact: string(hi.Impact), Services: affected(hi.Affected)})
			c.updates(r, nil, hi.Updates)
			continue
		}
		c.title(r, bi.Title, hi.Title)
		c.updates(r, bi.Updates, hi.Updates)
		if bi.Status != hi.Status {
			c.add(r.with(StatusChanged, Notice, Detail{Old: string(bi.Status), New: string(hi.Status)}))
		}
		if bi.Impact != hi.Impact {
			c.add(r.with(ImpactChanged, Notice, Detail{Old: string(bi.Impact), New: string(hi.Impact)}))
		}
		c.levels(r, bi.Affected, hi.Affected)
		c.sections(r, PartSection, bi.Sections, hi.Sections)
		switch {
		case bi.RCA == nil && hi.RCA != nil:
			c.add(r.with(RCAPublished, Notice, Detail{}))
		case bi.RCA != nil && hi.RCA == nil:
			c.add(r.with(RCAWithdrawn, Warning, Detail{}))
		case bi.RCA != nil:
			c.sections(r, PartRCASection, bi.RCA.Sections, hi.RCA.Sections)
		}
	}
	for _, bi := range bv.Incidents {
		if hInc[bi.ID] {
			continue
		}
		file := c.base.incidents[bi.ID].File
		if hm := c.head.incidents[bi.ID]; hm != nil {
			file = hm.File
		}
		c.disappeared(c.record(vocab.KindIncident, bi.ID, bi.Title, baseURL+"incidents/"+bi.ID+"/", file), c.head.incidents[bi.ID] != nil)
	}

	bMnt := make(map[string]*public.Maintenance, len(bv.Maintenance))
	for _, m := range bv.Maintenance {
		bMnt[m.ID] = m
	}
	hMnt := make(map[string]bool, len(hv.Maintenance))
	for _, hm := range hv.Maintenance {
		hMnt[hm.ID] = true
		r := c.record(vocab.KindMaintenance, hm.ID, hm.Title, baseURL+"maintenance/"+hm.ID+"/", c.head.maintenance[hm.ID].File)
		bm := bMnt[hm.ID]
		if bm == nil {
			c.appeared(r, c.base.maintenance[hm.ID] != nil, Detail{Status: string(hm.Status), Services: services(hm.Services), Schedule: c.schedule(hm)})
			c.updates(r, nil, hm.Updates)
			continue
		}
		c.title(r, bm.Title, hm.Title)
		c.updates(r, bm.Updates, hm.Updates)
		if old, new := c.schedule(bm), c.schedule(hm); !old.From.Equal(new.From) || !old.Until.Equal(new.Until) {
			c.add(r.with(ScheduleChanged, Warning, Detail{Old: old, New: new}))
		}
		if bm.Status != hm.Status {
			c.add(r.with(StatusChanged, Notice, Detail{Old: string(bm.Status), New: string(hm.Status)}))
		}
		c.sections(r, PartSection, bm.Sections, hm.Sections)
	}
	for _, bm := range bv.Maintenance {
		if hMnt[bm.ID] {
			continue
		}
		file := c.base.maintenance[bm.ID].File
		if hm := c.head.maintenance[bm.ID]; hm != nil {
			file = hm.File
		}
		c.disappeared(c.record(vocab.KindMaintenance, bm.ID, bm.Title, baseURL+"maintenance/"+bm.ID+"/", file), c.head.maintenance[bm.ID] != nil)
	}
}

// appeared says that record r is on the status page now: added, or made
// public when it existed before (internal).
func (c *comparer) appeared(r Change, existed bool, d Detail) {
	switch {
	case existed:
		c.add(r.with(MadePublic, Loud, d))
	case r.RecordKind == vocab.KindMaintenance:
		c.add(r.with(MaintenanceAdded, Notice, d))
	default:
		c.add(r.with(IncidentAdded, Notice, d))
	}
}

// disappeared says that record r is no longer on the status page: made
// internal (withdrawn) when it still exists, else deleted.
func (c *comparer) disappeared(r Change, exists bool) {
	if exists {
		c.add(r.with(Withdrawn, Loud, Detail{Visibility: string(vocab.Internal)}))
		return
	}
	c.add(r.with(Deleted, Loud, Detail{Visibility: string(vocab.Public)}))
}

func (c *comparer) title(r Change, old, new map[string]string) {
	if o, n := c.text(old), c.text(new); !equal(o, n) {
		c.add(r.with(TextRewritten, Warning, Detail{Part: PartTitle, Old: o, New: n}))
	}
}

// levels says which services' current level an incident changed.
func (c *comparer) levels(r Change, old, new []public.Affected) {
	was := make(map[string]vocab.Level, len(old))
	for _, a := range old {
		was[a.Service.ID] = a.Level
	}
	is := make(map[string]bool, len(new))
	for _, a := range new {
		is[a.Service.ID] = true
		if l, ok := was[a.Service.ID]; !ok || l != a.Level {
			d := Detail{Service: a.Service.ID, ServiceName: c.text(a.Service.Name)[c.def], New: string(a.Level)}
			if ok {
				d.Old = string(l)
			}
			c.add(r.with(ImpactChanged, Notice, d))
		}
	}
	for _, a := range old {
		if !is[a.Service.ID] {
			c.add(r.with(ImpactChanged, Notice, Detail{Service: a.Service.ID, ServiceName: c.text(a.Service.Name)[c.def], Old: string(a.Level), New: "none"}))
		}
	}
}

// updates compares two timelines by the updates' times, which are their
// identity on the page (their anchors) and in the feeds. The updates the
// build derives (a maintenance window starting at its time) are left
// out: they follow the schedule, and a schedule change says it.
func (c *comparer) updates(r Change, old, new []public.Update) {
	was := make(map[int64]*public.Update, len(old))
	for i := range old {
		if !old[i].Auto {
			was[old[i].At.UnixNano()] = &old[i]
		}
	}
	is := make(map[int64]bool, len(new))
	for _, u := range new {
		if u.Auto {
			continue
		}
		key := u.At.UnixNano()
		is[key] = true
		anchor := r
		anchor.URL = r.URL + "#" + updateAnchor(u.At)
		b := was[key]
		if b == nil {
			c.add(anchor.with(UpdateAdded, Notice, Detail{At: c.at(u.At), Status: string(u.Status), Message: c.text(u.Message)}))
			continue
		}
		if b.Status != u.Status {
			c.add(anchor.with(StatusChanged, Warning, Detail{At: c.at(u.At), Old: string(b.Status), New: string(u.Status)}))
		}
		if o, n := c.text(b.Message), c.text(u.Message); !equal(o, n) {
			c.add(anchor.with(TextRewritten, Warning, Detail{Part: PartUpdate, At: c.at(u.At), Old: o, New: n}))
		}
	}
	for _, u := range old {
		if !u.Auto && !is[u.At.UnixNano()] {
			c.add(r.with(UpdateRemoved, Warning, Detail{At: c.at(u.At), Status: string(u.Status), Message: c.text(u.Message)}))
		}
	}
}

// updateAnchor is the fragment id of the update published at t on its
// record's page, as the public site writes it (internal/site).
func updateAnchor(t time.Time) string { return "update-" + t.UTC().Format("20060102T150405Z") }

// sections compares external sections by id.
func (c *comparer) sections(r Change, part string, old, new []public.Section) {
	was := make(map[string]*public.Section, len(old))
	for i := range old {
		was[old[i].ID] = &old[i]
	}
	is := make(map[string]bool, len(new))
	for _, s := range new {
		is[s.ID] = true
		b := was[s.ID]
		n := c.section(s)
		if b == nil {
			c.add(r.with(SectionAdded, Notice, Detail{Part: part, Section: s.ID, New: n}))
			continue
		}
		if o := c.section(*b); !equal(o, n) {
			c.add(r.with(TextRewritten, Warning, Detail{Part: part, Section: s.ID, Old: o, New: n}))
		}
	}
	for _, s := range old {
		if !is[s.ID] {
			c.add(r.with(SectionRemoved, Warning, Detail{Part: part, Section: s.ID, Old: c.section(s)}))
		}
	}
}

// section returns a section's Markdown by language code, without the
// blank lines around it, which change nothing on the page.
func (c *comparer) section(s public.Section) Text {
	out := make(Text, len(s.Translations)+1)
	for k, v := range s.Translations {
		out[k] = strings.TrimSpace(string(v))
	}
	if s.Markdown != nil {
		out[c.def] = strings.TrimSpace(string(s.Markdown))
	}
	return out
}

func (c *comparer) schedule(m *public.Maintenance) *Schedule {
	return &Schedule{From: m.ScheduledFor.In(c.loc), Until: m.ScheduledUntil.In(c.loc)}
}

func affected(in []public.Affected) map[string]string {
	if len(in) == 0 {
		return nil
	}
	out := make(map[string]string, len(in))
	for _, a := range in {
		out[a.Service.ID] = string(a.Level)
	}
	return out
}

func services(in []*public.Service) map[string]string {
	if len(in) == 0 {
		return nil
	}
	out := make(map[string]string, len(in))
	for _, s := range in {
		out[s.ID] = string(vocab.UnderMaintenance)
	}
	return out
}

// record is the part of a change that names its record.
func (c *comparer) record(kind vocab.Kind, id string, title map[string]string, url, file string) Change {
	t := c.text(title)
	return Change{Audience: Public, RecordKind: kind, Record: id, Title: t[c.def], URL: url, File: file}
}

// with returns r as a change of kind k.
func (r Change) with(k Kind, s Severity, d Detail) Change {
	r.Kind, r.Severity, r.Detail = k, s, d
	return r
}

package model

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/markdown"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"golang.org/x/sync/errgroup"
)

// Build links the records of a site that passed validation. Given input
// that did not pass, it still returns without panicking, leaving out what
// it cannot link.
//
// Each incident's legal clocks are computed at now under regs, the
// site's regulations.
func Build(cfg *config.Config, cat *catalog.Catalog, regs *regulation.Set, set *content.Set, now time.Time) *Site {
	s := &Site{Config: cfg, Now: now}
	groups := map[string]*Group{}
	for _, g := range cfg.Groups {
		grp := &Group{ID: g.ID, Name: g.Name, Description: g.Description}
		groups[g.ID] = grp
		s.Groups = append(s.Groups, grp)
	}
	services := map[string]*Service{}
	for _, c := range cfg.Services {
		svc := &Service{ID: c.ID, Name: c.Name, Description: c.Description, Group: groups[c.Group]}
		if svc.Group != nil {
			svc.Group.Services = append(svc.Group.Services, svc)
		}
		services[c.ID] = svc
		s.Services = append(s.Services, svc)
	}

	contacts := map[string]*Contact{}
	for _, l := range set.Contacts {
		cl := &ContactList{ID: l.ID, File: l.File, Title: l.Title, Audience: l.Audience, Reviewed: l.Reviewed.Time, Markdown: l.Markdown}
		for _, c := range l.Contacts {
			ct := &Contact{Contact: c, List: cl}
			cl.Contacts = append(cl.Contacts, ct)
			if contacts[c.ID] == nil {
				contacts[c.ID] = ct
			}
		}
		s.ContactLists = append(s.ContactLists, cl)
	}
	for i, l := range set.Contacts {
		s.ContactLists[i].Owner = contacts[l.Owner]
	}

	// Each incident is made of its record and what is shared and only
	// read from here on (services, contacts, templates, regulations), so
	// they are made on every processor; the map and the list after.
	made := make([]*Incident, len(set.Incidents))
	each(len(set.Incidents), func(i int) {
		in := set.Incidents[i]
		t := cat.Get(in.Category)
		inc := &Incident{
			ID: in.ID, File: in.File, Title: in.Title, Template: t, Severity: in.Severity, Visibility: in.Visibility,
			Detected: in.Detected, Acknowledged: in.Acknowledged, Resolved: in.Resolved, ExpectedDowntime: in.ExpectedDowntime.Duration,
			Coordinator: contacts[in.Coordinator], Teams: in.Teams, Regulation: in.Regulation,
			Updates: updates(in.Updates, services), Actions: in.Actions,
		}
		if n := len(inc.Updates); inc.Resolved.IsZero() && n > 0 && inc.Updates[n-1].Status == vocab.Resolved {
			// The resolving update is the resolution when resolved: is
			// not written yet (validation warns).
			inc.Resolved = inc.Updates[n-1].At
		}
		if inc.Visibility == "" && t != nil {
			inc.Visibility = t.Visibility
		}
		if inc.Visibility != vocab.Public {
			inc.Visibility = vocab.Internal
		}
		for _, p := range in.Services {
			if svc := services[p.Key]; svc != nil {
				inc.Impacts = append(inc.Impacts, Impact{Service: svc, Level: vocab.Level(p.Value)})
			}
		}
		for _, n := range in.Notifications {
			note := Notification{To: contacts[n.To], Kind: n.Kind, At: n.At, Reference: n.Reference}
			if note.To == nil && cfg.Role(n.To) != nil {
				note.ToRole = n.To
			}
			inc.Notifications = append(inc.Notifications, note)
		}
		legal(inc, in, cfg, regs, contacts, now)
		inc.Sections = sections(in.Body, t)
		made[i] = inc
	})
	incidents := make(map[string]*Incident, len(set.Incidents))
	for _, inc := range made {
		incidents[inc.ID] = inc
		s.Incidents = append(s.Incidents, inc)
	}

	rcaTemplate := cat.Get(string(vocab.KindRCA))
	for _, r := range set.RCAs {
		rca := &RCA{ID: r.ID, File: r.File, Title: r.Title, Incident: incidents[r.Incident], Status: r.Status,
			Published: r.Published, Author: contacts[r.Author], Date: r.Date.Time, Actions: r.Actions,
			Sections: sections(r.Body, rcaTemplate)}
		for _, id := range r.Reviewers {
			if c := contacts[id]; c != nil {
				rca.Reviewers = append(rca.Reviewers, c)
			}
		}
		if rca.Incident != nil && rca.Incident.RCA == nil {
			rca.Incident.RCA = rca
		}
		s.RCAs = append(s.RCAs, rca)
	}

	// The communication checklists read the RCA, linked just above.
	each(len(s.Incidents), func(i int) {
		inc := s.Incidents[i]
		inc.Checklists = Checklists(inc, now)
	})

	mt := cat.Get(string(vocab.KindMaintenance))
	for _, m := range set.Maintenance {
		mw := &Maintenance{ID: m.ID, File: m.File, Title: m.Title, Template: mt, Visibility: m.Visibility, ScheduledFor: m.ScheduledFor,
			ScheduledUntil: m.ScheduledUntil, Status: m.Status, Coordinator: contacts[m.Coordinator], Updates: updates(m.Updates, services),
			Sections: sections(m.Body, mt)}
		if mw.Visibility != vocab.Internal {
			mw.Visibility = vocab.Public
		}
		for _, id := range m.Services {
			if svc := services[id]; svc != nil {
				mw.Services = append(mw.Services, svc)
			}
		}
		mw.Checklists = MaintenanceChecklists(mw, now)
		s.Maintenance = append(s.Maintenance, mw)
	}

	et := cat.Get(string(vocab.KindExercise))
	for _, e := range set.Exercises {
		ex := &Exercise{ID: e.ID, File: e.File, Title: e.Title, Date: e.Date.Time, Kind: e.Kind, Scenario: e.Scenario,
			Facilitator: contacts[e.Facilitator], Participants: e.Participants, Findings: e.Findings,
			Sections: sections(e.Body, et)}
		if e.Category != "" {
			ex.Category = cat.Get(e.Category)
		}
		s.Exercises = append(s.Exercises, ex)
	}

	// Newest first, as every reader of incidents wants them; ties by id so
	// that the order never depends on the file system.
	slices.SortStableFunc(s.Incidents, func(a, b *Incident) int {
		if c := b.Detected.Compare(a.Detected); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	slices.SortStableFunc(s.Maintenance, func(a, b *Maintenance) int {
		if c := b.ScheduledFor.Compare(a.ScheduledFor); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	slices.SortStableFunc(s.Exercises, func(a, b *Exercise) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return s
}

// each calls f for every index below n, in runs spread over the
// processors, and returns when all calls have. A panic in a call, a bug,
// is raised again in the caller's goroutine, where Build's callers catch
// it, with the stack where it happened.
func each(n int, f func(i int)) {
	const run = 256 // calls per goroutine: enough to be worth one
	var (
		g     errgroup.Group
		mu    sync.Mutex
		first any
	)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for start := 0; start < n; start += run {
		g.Go(func() error {
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					if first == nil {
						first = fmt.Sprintf("%v\n%s", r, debug.Stack())
					}
					mu.Unlock()
				}
			}()
			for i := start; i < min(start+run, n); i++ {
				f(i)
			}
			return nil
		})
	}
	g.Wait()
	if first != nil {
		panic(first)
	}
}

func updates(in []content.Update, services map[string]*Service) []Update {
	out := make([]Update, len(in))
	for i, u := range in {
		out[i] = Update{At: u.At, Status: u.Status, Message: u.Message, Internal: u.Internal}
		for _, p := range u.Services {
			if svc := services[p.Key]; svc != nil {
				out[i].Impacts = append(out[i].Impacts, Impact{Service: svc, Level: vocab.Level(p.Value)})
			}
		}
	}
	return out
}

// sections returns the body's sections in the template's order, skipping
// empty ones.
func sections(body markdown.Split, t *catalog.Template) []Section {
	if t == nil {
		return nil
	}
	// The template's sections the body has, each once, found in a slice
	// and then put in the template's order: a map and a Section apiece for
	// every record were a large share of what a model allocated, and a
	// body has a handful of sections. places holds the template's index
	// of each.
	var out []Section
	var buf [16]int
	places := buf[:0]
	for _, s := range body.Sections {
		sec, code := t.SectionInLanguage(s.Heading)
		if sec == nil || s.Empty {
			continue
		}
		i := slices.IndexFunc(out, func(o Section) bool { return o.ID == sec.ID })
		if i < 0 {
			if out == nil {
				out = make([]Section, 0, len(body.Sections))
			}
			out = append(out, Section{ID: sec.ID, Title: sec.Title, Audience: sec.Audience, Line: s.BodyLine})
			places = append(places, slices.IndexFunc(t.Sections, func(c catalog.Section) bool { return c.ID == sec.ID }))
			i = len(out) - 1
		}
		o := &out[i]
		switch {
		case code == "" && o.Markdown == nil:
			o.Markdown, o.Line = s.Body, s.BodyLine
		case code != "" && o.Translations[code] == nil:
			if o.Translations == nil {
				o.Translations = map[string][]byte{}
			}
			o.Translations[code] = s.Body
		}
	}
	// An insertion sort, stable, of a handful.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && places[j] < places[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
			places[j], places[j-1] = places[j-1], places[j]
		}
	}
	return out
}

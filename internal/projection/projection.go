// Package projection makes the public view of a site: it reads the model
// and copies, by an explicit allow-list, what customers may see into the
// types of package public, which have no field for anything internal. It
// also derives what the public pages show: current statuses and the
// availability history.
//
// It is the only bridge from the model to the public site.
package projection

import (
	"slices"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// HistoryDays is how many days of availability the site shows.
const HistoryDays = 90

// Public returns the public view of site. It copies field by field what
// customers may see, and nothing else.
func Public(site *model.Site) *public.View {
	cfg := site.Config
	v := &public.View{
		Title:        cfg.Title,
		Description:  cfg.Description,
		Organisation: cfg.Organisation,
		BaseURL:      cfg.BaseURL,
		Languages:    slices.Clone(cfg.Languages),
		Location:     cfg.Location,
		Now:          site.Now,
		Days:         HistoryDays,
		FeedEntries:  cfg.Feeds.Entries,
		Status:       vocab.Operational,
	}
	groups := map[*model.Group]*public.Group{}
	for _, g := range site.Groups {
		pg := &public.Group{ID: g.ID, Name: g.Name, Description: g.Description}
		groups[g] = pg
		v.Groups = append(v.Groups, pg)
	}
	services := map[*model.Service]*public.Service{}
	for _, s := range site.Services {
		ps := &public.Service{ID: s.ID, Name: s.Name, Description: s.Description, Group: groups[s.Group], Status: vocab.Operational}
		if ps.Group != nil {
			ps.Group.Services = append(ps.Group.Services, ps)
		}
		services[s] = ps
		v.Services = append(v.Services, ps)
	}

	for _, inc := range site.Incidents {
		if inc.Visibility != vocab.Public {
			continue
		}
		pi := &public.Incident{
			ID: inc.ID, Title: inc.Title, Impact: impact(inc), Status: inc.Status(),
			Started: inc.Detected, Resolved: inc.Resolved, Updated: inc.Detected, ExpectedDowntime: inc.ExpectedDowntime,
			Updates: updates(inc.Updates, services, inc.Impacts), Sections: external(inc.Sections),
		}
		if inc.Template != nil {
			pi.Category = inc.Template.Title
		}
		if n := len(inc.Updates); n > 0 && inc.Updates[n-1].At.After(pi.Updated) {
			pi.Updated = inc.Updates[n-1].At
		}
		if r := inc.RCA; r != nil && r.Published && r.Status == vocab.Final {
			pi.RCA = &public.RCA{Title: r.Title, Date: r.Date, Sections: external(r.Sections)}
		}
		for _, si := range inc.Timeline() {
			ps := services[si.Service]
			if ps == nil {
				continue
			}
			a := public.Affected{Service: ps, Level: si.Level(), Worst: vocab.Operational}
			for _, p := range si.Periods {
				a.Periods = append(a.Periods, public.Period{From: p.From, To: p.To, Level: p.Level})
				if p.Level.Worse(a.Worst) {
					a.Worst = p.Level
				}
			}
			pi.Affected = append(pi.Affected, a)
			ps.Incidents = append(ps.Incidents, pi)
			if !pi.IsResolved() && a.Level.Worse(ps.Status) {
				ps.Status = a.Level
			}
		}
		v.Incidents = append(v.Incidents, pi)
	}

	for _, m := range site.Maintenance {
		if m.Visibility != vocab.Public {
			continue
		}
		status, ups := m.Timeline(site.Now)
		pm := &public.Maintenance{
			ID: m.ID, Title: m.Title, ScheduledFor: m.ScheduledFor, ScheduledUntil: m.ScheduledUntil,
			Status: status, Updates: updates(ups, services, nil), Sections: external(m.Sections), Updated: m.ScheduledFor,
		}
		if n := len(ups); n > 0 {
			pm.Updated = ups[n-1].At
		}
		for _, s := range m.Services {
			if ps := services[s]; ps != nil {
				pm.Services = append(pm.Services, ps)
				ps.Maintenance = append(ps.Maintenance, pm)
				if l := pm.Status.MaintenanceLevel(); l.Worse(ps.Status) {
					ps.Status = l
				}
			}
		}
		v.Maintenance = append(v.Maintenance, pm)
	}

	for _, ps := range v.Services {
		if ps.Status.Worse(v.Status) {
			v.Status = ps.Status
		}
		ps.History, ps.Uptime = history(ps, v.Now, v.Location, v.Days)
	}
	// An open incident that names no service raises the page's status to
	// its impact, as Statuspage's indicator does. One that names services
	// counts through them: their impact follows its updates.
	for _, inc := range v.Incidents {
		if l := inc.Impact.Level(); !inc.IsResolved() && len(inc.Affected) == 0 && l.Worse(v.Status) {
			v.Status = l
		}
	}
	if v.Status == vocab.Operational {
		for _, m := range v.Maintenance {
			if m.IsActive() {
				v.Status = vocab.UnderMaintenance
			}
		}
	}
	return v
}

// impact maps an incident's severity onto Statuspage's impact by its place
// among the template's severities (vocab.ImpactOf); an incident whose
// category has no severities is minor.
func impact(inc *model.Incident) vocab.Impact {
	t := inc.Template
	if t == nil || len(t.Severities) == 0 {
		return vocab.ImpactMinor
	}
	return vocab.ImpactOf(t.Severities, inc.Severity)
}

// updates copies a timeline's public part. An update's changes are the
// services it names at another impact than they had (from start, the
// impact at detection); a resolving update changes nothing, as it ends
// the incident.
func updates(in []model.Update, services map[*model.Service]*public.Service, start []model.Impact) []public.Update {
	out := make([]public.Update, len(in))
	level := make(map[*model.Service]vocab.Level, len(start))
	for _, imp := range start {
		level[imp.Service] = imp.Level
	}
	for i, u := range in {
		out[i] = public.Update{At: u.At, Status: u.Status, Message: u.Message, Auto: u.Auto}
		if u.Status == vocab.Resolved {
			continue
		}
		for _, imp := range u.Impacts {
			ps := services[imp.Service]
			if ps == nil || level[imp.Service] == imp.Level {
				continue
			}
			level[imp.Service] = imp.Level
			out[i].Changes = append(out[i].Changes, public.Change{Service: ps, Level: imp.Level})
		}
	}
	return out
}

// external keeps the sections whose audience is external.
func external(in []model.Section) []public.Section {
	var out []public.Section
	for _, s := range in {
		if s.Audience == catalog.External {
			out = append(out, public.Section{ID: s.ID, Title: s.Title, Markdown: s.Markdown, Translations: s.Translations})
		}
	}
	return out
}

// history computes a service's availability over the days days ending
// with now's day: for every moment, the worst level among the incidents'
// periods then open counts, weighted by its Weight, so overlapping
// incidents are not counted twice, and an incident counts at the impact
// its updates gave it at that moment. It is linear in the service's incidents and
// their periods (after sorting).
func history(s *public.Service, now time.Time, loc *time.Location, days int) ([]public.Day, float64) {
	today := midnight(now, loc)
	first := today.AddDate(0, 0, -(days - 1))
	out := make([]public.Day, days)
	for i := range out {
		out[i].Date = first.AddDate(0, 0, i)
		out[i].Uptime = 1
	}
	type edge struct {
		at    time.Time
		level vocab.Level
		open  bool
	}
	// clip returns the part of [from, to) within the window, to zero
	// meaning until now; ok is false when nothing is left.
	clip := func(from, to time.Time) (time.Time, time.Time, bool) {
		if to.IsZero() || to.After(now) {
			to = now
		}
		if from.Before(first) {
			from = first
		}
		return from, to, to.After(from)
	}
	var edges []edge
	for _, inc := range s.Incidents {
		var aff *public.Affected
		for k := range inc.Affected {
			if inc.Affected[k].Service == s {
				aff = &inc.Affected[k]
			}
		}
		if aff == nil {
			continue
		}
		for _, p := range aff.Periods {
			start, end, ok := clip(p.From, p.To)
			if !ok {
				continue
			}
			edges = append(edges, edge{start, p.Level, true}, edge{end, p.Level, false})
			// Every day the period touches knows its level.
			for d := dayIndex(start, first, loc); d < days && d >= 0 && out[d].Date.Before(end); d++ {
				if p.Level.Worse(out[d].Worst) {
					out[d].Worst = p.Level
				}
			}
		}
		// Every day the incident touches lists it.
		start, end, ok := clip(inc.Started, inc.Resolved)
		if !ok {
			continue
		}
		for d := dayIndex(start, first, loc); d < days && d >= 0 && out[d].Date.Before(end); d++ {
			out[d].Incidents = append(out[d].Incidents, inc)
		}
	}
	slices.SortStableFunc(edges, func(a, b edge) int { return a.at.Compare(b.at) })
	open := map[vocab.Level]int{}
	worst := func() float64 {
		w := 0.0
		for l, n := range open {
			if n > 0 {
				w = max(w, l.Weight())
			}
		}
		return w
	}
	var total time.Duration
	for i := 0; i+1 < len(edges); i++ {
		e := edges[i]
		if e.open {
			open[e.level]++
		} else {
			open[e.level]--
		}
		w := worst()
		from, to := e.at, edges[i+1].at
		if w == 0 || !to.After(from) {
			continue
		}
		// Spread the segment over the days it covers.
		for d := dayIndex(from, first, loc); d >= 0 && d < days && from.Before(to); d++ {
			dayEnd := out[d].Date.AddDate(0, 0, 1)
			stop := to
			if dayEnd.Before(stop) {
				stop = dayEnd
			}
			seg := stop.Sub(from)
			down := time.Duration(float64(seg) * w)
			out[d].Down += down
			total += down
			from = dayEnd
		}
	}
	var span time.Duration
	for i := range out {
		length := out[i].Date.AddDate(0, 0, 1).Sub(out[i].Date)
		if i == days-1 {
			length = now.Sub(out[i].Date)
		}
		span += length
		if length > 0 {
			out[i].Uptime = max(0, 1-float64(out[i].Down)/float64(length))
		}
	}
	uptime := 1.0
	if span > 0 {
		uptime = max(0, 1-float64(total)/float64(span))
	}
	return out, uptime
}

func midnight(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// dayIndex returns which day after first (at midnight in loc) t falls on.
func dayIndex(t, first time.Time, loc *time.Location) int {
	d := midnight(t, loc)
	// Count calendar days, not 24-hour spans: days with a clock change
	// are 23 or 25 hours long.
	y1, m1, d1 := first.Date()
	y2, m2, d2 := d.Date()
	return int(time.Date(y2, m2, d2, 12, 0, 0, 0, time.UTC).Sub(time.Date(y1, m1, d1, 12, 0, 0, 0, time.UTC)).Hours() / 24)
}

package site

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// stamp is a time as the "time" layout shows it: ISO is its datetime
// attribute (iso), Text its text (dateTime).
type stamp struct{ ISO, Text string }

// stamp returns t as the "time" layout shows it in the page's language.
func (w *pageWriter) stamp(t time.Time) stamp {
	return stamp{ISO: t.In(w.r.v.Location).Format(time.RFC3339), Text: w.r.dateTime(w.lang, t)}
}

type updateItem struct {
	// Message is the update's message as plain text; Body is its HTML.
	Anchor, Label, Message string
	Status                 vocab.Status
	Body                   template.HTML
	// Lang is the language of the message when it is not the page's.
	Lang string
	// Changes says which services' impact the update changed.
	Changes string
	At      time.Time
	// Time is At as the "time" layout shows it.
	Time stamp
}

type listItem struct {
	Href, StatusLabel, Extra string
	// Status is an incident's or a maintenance window's.
	Status vocab.Status
	Title  local
	When   time.Time
	// Time is When as the "time" layout shows it.
	Time stamp
}

type barDay struct{ Class, Title string }

type bar struct {
	Label, From, To, Uptime string
	Days                    []barDay
}

type serviceRow struct {
	Href, Name, StatusText string
	Status                 vocab.Level
	Bar                    bar
	// BadDays are the days with incidents, newest first: the bar's detail
	// in words, for screen readers and for anyone without a pointer.
	BadDays []badDay
}

type groupRows struct {
	Name     string
	Services []serviceRow
}

type activeIncident struct {
	Href, Affected string
	Impact         vocab.Impact
	Title          local
	// Expected says when the incident is expected to be resolved.
	Expected string
	Updates  []updateItem
}

type maintenanceRow struct {
	Href, Window, Services string
	Title                  local
	Updates                []updateItem
}

type statusData struct {
	framed
	Status            vocab.Level
	StatusText        string
	Active            []activeIncident
	Ongoing, Upcoming []maintenanceRow
	Groups            []groupRows
	Recent            []listItem
}

func (w *pageWriter) statusData() framer {
	r, lang := w.r, w.lang
	d := &statusData{Status: r.v.Status, StatusText: r.t(lang, "overall."+string(r.v.Status))}
	for _, inc := range r.v.Incidents {
		if !inc.IsResolved() {
			d.Active = append(d.Active, activeIncident{
				Href: w.link(incidentPath(inc.ID)), Title: r.local(lang, inc.Title), Impact: inc.Impact,
				Affected: w.affectedText(inc.Affected), Expected: r.expected(lang, inc), Updates: w.updates(inc.Updates, "update."),
			})
		}
	}
	for _, m := range r.v.Maintenance {
		row := maintenanceRow{Href: w.link(maintenancePath(m.ID)), Title: r.local(lang, m.Title), Window: w.window(m), Services: w.serviceNames(m.Services)}
		switch {
		case m.IsActive():
			row.Updates = w.updates(m.Updates, "maintenance.")
			d.Ongoing = append(d.Ongoing, row)
		case m.IsUpcoming():
			d.Upcoming = append(d.Upcoming, row)
		}
	}
	// Upcoming windows soonest first.
	slices.Reverse(d.Upcoming)
	grouped := map[*public.Group]bool{}
	for _, g := range r.v.Groups {
		rows := groupRows{Name: r.text(lang, g.Name)}
		for _, s := range g.Services {
			rows.Services = append(rows.Services, w.serviceRow(s))
			grouped[g] = true
		}
		if len(rows.Services) > 0 {
			d.Groups = append(d.Groups, rows)
		}
	}
	var rest groupRows
	for _, s := range r.v.Services {
		if s.Group == nil {
			rest.Services = append(rest.Services, w.serviceRow(s))
		}
	}
	if len(rest.Services) > 0 {
		if len(d.Groups) > 0 {
			rest.Name = r.t(lang, "site.ungrouped")
		}
		d.Groups = append(d.Groups, rest)
	}
	d.Recent = w.pastItems(r.v.Incidents, r.v.Maintenance, recentItems)
	return d
}

func (w *pageWriter) serviceRow(s *public.Service) serviceRow {
	return serviceRow{
		Href: w.link(servicePath(s.ID)), Name: w.r.text(w.lang, s.Name), Status: s.Status,
		StatusText: w.r.t(w.lang, "status."+string(s.Status)), Bar: w.bar(s), BadDays: w.badDays(s),
	}
}

// badDays describes the days of s's history that had incidents, newest
// first.
func (w *pageWriter) badDays(s *public.Service) []badDay {
	r, lang := w.r, w.lang
	var out []badDay
	for i := len(s.History) - 1; i >= 0; i-- {
		day := s.History[i]
		if day.Worst == "" {
			continue
		}
		bd := badDay{Date: r.date(lang, day.Date),
			Detail: r.t(lang, "status."+string(day.Worst)) + " · " + r.t(lang, "service.day_uptime", "percent", w.percent(day.Uptime))}
		if day.Down > 0 {
			bd.Detail += " · " + r.t(lang, "service.day_down", "duration", r.duration(lang, day.Down))
		}
		for _, inc := range day.Incidents {
			bd.Incidents = append(bd.Incidents, listItem{Href: w.link(incidentPath(inc.ID)), Title: r.local(lang, inc.Title)})
		}
		out = append(out, bd)
	}
	return out
}

// bar is the availability history of s: a cell a day, colored by the
// day's worst impact, with the details of bad days in titles and, for
// screen readers, a summary as the bar's label.
func (w *pageWriter) bar(s *public.Service) bar {
	r, lang := w.r, w.lang
	uptime := w.percent(s.Uptime)
	b := bar{Uptime: r.t(lang, "service.uptime", "percent", uptime, "days", fmt.Sprint(r.v.Days))}
	bad := 0
	for _, day := range s.History {
		c := barDay{Class: "d-ok"}
		if day.Worst != "" {
			bad++
			c.Class = "d-" + string(day.Worst)
			c.Title = r.t(lang, "service.day", "date", r.date(lang, day.Date), "status", r.t(lang, "status."+string(day.Worst))) +
				" · " + r.t(lang, "service.day_uptime", "percent", w.percent(day.Uptime))
		}
		b.Days = append(b.Days, c)
	}
	if n := len(s.History); n > 0 {
		b.From, b.To = r.date(lang, s.History[0].Date), r.date(lang, s.History[n-1].Date)
	}
	b.Label = r.t(lang, "service.history", "days", fmt.Sprint(r.v.Days)) + ": " + uptime + "; " +
		r.t(lang, "service.incidents") + ": " + fmt.Sprint(bad)
	return b
}

// percent writes a share from 0 to 1 as a percentage with two decimals.
func (w *pageWriter) percent(x float64) string {
	s := fmt.Sprintf("%.2f", x*100)
	// Never round a partial outage up to a perfect score.
	if s == "100.00" && x < 1 {
		s = "99.99"
	}
	return strings.Replace(s, ".", w.r.t(w.lang, "number.decimal"), 1) + " %"
}

// updates lists a timeline newest first; prefix picks the status labels.
func (w *pageWriter) updates(us []public.Update, prefix string) []updateItem {
	out := make([]updateItem, 0, len(us))
	for i := len(us) - 1; i >= 0; i-- {
		u := us[i]
		text := w.r.updateText(w.lang, u)
		msg := w.r.message(text.Text)
		out = append(out, updateItem{Anchor: updateAnchor(u.At), Status: u.Status, Label: w.r.t(w.lang, prefix+string(u.Status)),
			Message: msg.text, Body: msg.html, Lang: text.Lang, Changes: w.r.changesText(w.lang, u), At: u.At, Time: w.stamp(u.At)})
	}
	return out
}

func (w *pageWriter) affectedText(as []public.Affected) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = w.r.text(w.lang, a.Service.Name) + " (" + w.r.t(w.lang, "status."+string(a.Level)) + ")"
	}
	return strings.Join(parts, ", ")
}

func (w *pageWriter) serviceNames(ss []*public.Service) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = w.r.text(w.lang, s.Name)
	}
	return strings.Join(parts, ", ")
}

func (w *pageWriter) window(m *public.Maintenance) string {
	return w.r.t(w.lang, "incident.from_to", "from", w.r.dateTime(w.lang, m.ScheduledFor), "to", w.r.dateTime(w.lang, m.ScheduledUntil))
}

// pastItems lists resolved incidents and completed maintenance, newest
// first, at most n (all when n is 0).
func (w *pageWriter) pastItems(incs []*public.Incident, ms []*public.Maintenance, n int) []listItem {
	refs := pastRefs(incs, ms)
	if n > 0 && len(refs) > n {
		refs = refs[:n]
	}
	out := make([]listItem, len(refs))
	for i, p := range refs {
		out[i] = w.item(p)
	}
	return out
}

// itemRef is an incident or a maintenance window that a list shows, with
// the time the list sorts it by: lists are sorted and cut before their
// items are made.
type itemRef struct {
	when time.Time
	inc  *public.Incident
	m    *public.Maintenance
}

// pastRefs returns the resolved incidents and completed maintenance,
// newest first; incidents first among those of the same time.
func pastRefs(incs []*public.Incident, ms []*public.Maintenance) []itemRef {
	var out []itemRef
	for _, inc := range incs {
		if inc.IsResolved() {
			out = append(out, itemRef{when: inc.Started, inc: inc})
		}
	}
	for _, m := range ms {
		if m.Status == vocab.Completed {
			out = append(out, itemRef{when: m.ScheduledFor, m: m})
		}
	}
	slices.SortStableFunc(out, func(a, b itemRef) int { return b.when.Compare(a.when) })
	return out
}

// item returns the list item of p.
func (w *pageWriter) item(p itemRef) listItem {
	if p.inc != nil {
		return w.incidentItem(p.inc)
	}
	return w.maintenanceItem(p.m)
}

func (w *pageWriter) incidentItem(inc *public.Incident) listItem {
	extra := ""
	if inc.IsResolved() {
		extra = w.r.duration(w.lang, inc.Resolved.Sub(inc.Started))
	}
	return listItem{Href: w.link(incidentPath(inc.ID)), Title: w.r.local(w.lang, inc.Title), Status: inc.Status,
		StatusLabel: w.r.t(w.lang, "update."+string(inc.Status)), When: inc.Started, Time: w.stamp(inc.Started), Extra: extra}
}

func (w *pageWriter) maintenanceItem(m *public.Maintenance) listItem {
	return listItem{Href: w.link(maintenancePath(m.ID)), Title: w.r.local(w.lang, m.Title), Status: m.Status,
		StatusLabel: w.r.t(w.lang, "maintenance."+string(m.Status)), When: m.ScheduledFor, Time: w.stamp(m.ScheduledFor), Extra: w.r.t(w.lang, "incident.maintenance")}
}

type affectedLink struct{ Href, Name, Level string }

// sectionView is a section on a page, with the id of its anchor, its
// Markdown in the page's language, and Lang, the language of that Markdown
// when it is not the page's.
type sectionView struct {
	public.Section
	Anchor   string
	Markdown []byte
	Lang     string
	// Heading is the section's title in the page's language (text
	// .Title); HTML is its Markdown rendered (md .Markdown).
	Heading string
	HTML    template.HTML
}

func (w *pageWriter) sectionViews(prefix string, ss []public.Section) []sectionView {
	out := make([]sectionView, len(ss))
	for i, s := range ss {
		md, lang := w.r.sectionMarkdown(w.lang, s)
		out[i] = sectionView{Section: s, Anchor: prefix + s.ID, Markdown: md, Lang: lang, Heading: w.r.text(w.lang, s.Title), HTML: w.r.sectionHTML(md)}
	}
	return out
}

type rcaView struct {
	Title    local
	Date     time.Time
	Sections []sectionView
}

type detailData struct {
	framed
	Level                                          vocab.Level
	StatusText, Category, Impact, Window, Duration string
	// Expected says when an open incident is expected to be resolved.
	Expected          string
	Affected          []affectedLink
	Started, Resolved time.Time
	// StartedTime and ResolvedTime are Started and Resolved as the
	// "time" layout shows them, when not zero.
	StartedTime, ResolvedTime stamp
	Updates                   []updateItem
	Sections                  []sectionView
	RCA                       *rcaView
}

func (w *pageWriter) incidentData(inc *public.Incident) framer {
	r, lang := w.r, w.lang
	d := &detailData{
		StatusText: r.t(lang, "update."+string(inc.Status)), Category: r.text(lang, inc.Category), Impact: r.t(lang, "impact."+string(inc.Impact)),
		Started: inc.Started, Resolved: inc.Resolved, Updates: w.updates(inc.Updates, "update."), Sections: w.sectionViews("s-", inc.Sections),
		Level: vocab.Operational, Expected: r.expected(lang, inc),
	}
	if !inc.Started.IsZero() {
		d.StartedTime = w.stamp(inc.Started)
	}
	if !inc.Resolved.IsZero() {
		d.ResolvedTime = w.stamp(inc.Resolved)
	}
	if inc.RCA != nil {
		d.RCA = &rcaView{Title: r.local(lang, inc.RCA.Title), Date: inc.RCA.Date, Sections: w.sectionViews("rca-", inc.RCA.Sections)}
	}
	end := inc.Resolved
	if !inc.IsResolved() {
		end = r.v.Now
		for _, a := range inc.Affected {
			if a.Level.Worse(d.Level) {
				d.Level = a.Level
			}
		}
	}
	if end.After(inc.Started) {
		d.Duration = r.duration(lang, end.Sub(inc.Started))
		if !inc.IsResolved() {
			d.Duration += " (" + r.t(lang, "incident.ongoing") + ")"
		}
	}
	// While the incident is open, each service at its current impact;
	// once resolved, at the worst it had.
	for _, a := range inc.Affected {
		level := a.Level
		if inc.IsResolved() {
			level = a.Worst
		}
		d.Affected = append(d.Affected, affectedLink{Href: w.link(servicePath(a.Service.ID)), Name: r.text(lang, a.Service.Name), Level: r.t(lang, "status."+string(level))})
	}
	return d
}

func (w *pageWriter) maintenanceData(m *public.Maintenance) framer {
	r, lang := w.r, w.lang
	d := &detailData{
		StatusText: r.t(lang, "maintenance."+string(m.Status)), Category: r.t(lang, "incident.maintenance"), Window: w.window(m),
		Updates: w.updates(m.Updates, "maintenance."), Sections: w.sectionViews("s-", m.Sections), Level: m.Status.MaintenanceLevel(),
	}
	for _, s := range m.Services {
		d.Affected = append(d.Affected, affectedLink{Href: w.link(servicePath(s.ID)), Name: r.text(lang, s.Name)})
	}
	return d
}

type badDay struct {
	Date, Detail string
	Incidents    []listItem
}

type serviceData struct {
	framed
	Text, StatusText, HistoryTitle, Badge, BadgeAlt, BadgeURL string
	Status                                                    vocab.Level
	Bar                                                       bar
	BadDays                                                   []badDay
	Items                                                     []listItem
	// More reports whether the service has more incidents than Items.
	More bool
}

// serviceItems is how many incidents and maintenance windows a service's
// page lists.
const serviceItems = 50

func (w *pageWriter) serviceData(s *public.Service) framer {
	r, lang := w.r, w.lang
	d := &serviceData{
		Text: r.text(lang, s.Description), Status: s.Status, StatusText: r.t(lang, "status."+string(s.Status)),
		HistoryTitle: r.t(lang, "service.history", "days", fmt.Sprint(r.v.Days)), Bar: w.bar(s),
		BadgeURL: r.v.BaseURL + servicePath(s.ID) + "badge.svg",
		BadgeAlt: r.text(lang, s.Name) + ": " + r.t(lang, "status."+string(s.Status)),
	}
	d.Badge = strings.Repeat("../", strings.Count(r.path(lang, servicePath(s.ID)+"index.html"), "/")) + servicePath(s.ID) + "badge.svg"
	d.BadDays = w.badDays(s)
	refs := make([]itemRef, 0, len(s.Incidents)+len(s.Maintenance))
	for _, inc := range s.Incidents {
		refs = append(refs, itemRef{when: inc.Started, inc: inc})
	}
	for _, m := range s.Maintenance {
		refs = append(refs, itemRef{when: m.ScheduledFor, m: m})
	}
	slices.SortStableFunc(refs, func(a, b itemRef) int { return b.when.Compare(a.when) })
	// A service page lists the latest; the history has them all.
	if len(refs) > serviceItems {
		refs, d.More = refs[:serviceItems], true
	}
	for _, p := range refs {
		d.Items = append(d.Items, w.item(p))
	}
	return d
}

type month struct {
	ID, Name string
	Items    []listItem
}

type yearLink struct {
	Year, Href string
	Count      int
	Current    bool
}

type historyData struct {
	framed
	Years  []yearLink
	Months []month
}

// history is what the history pages show: its items, and the years they
// cover.
type history struct {
	// items are what the history lists, in order: open incidents, then
	// resolved incidents and completed maintenance, newest first; with the
	// year of each in the site's time zone.
	items []itemRef
	year  []int
	// years are the years the history covers, newest first, with how many
	// items each has.
	years []int
	count map[int]int
}

// history returns what the history shows. It is the same in every
// language: each history page makes the list items of its own year only.
func (r *renderer) history() *history {
	h := &history{count: map[int]int{}}
	for _, inc := range r.v.Incidents {
		if !inc.IsResolved() {
			h.items = append(h.items, itemRef{when: inc.Started, inc: inc})
		}
	}
	h.items = append(h.items, pastRefs(r.v.Incidents, r.v.Maintenance)...)
	h.year = make([]int, len(h.items))
	for i, it := range h.items {
		y := it.when.In(r.v.Location).Year()
		h.year[i] = y
		if h.count[y] == 0 {
			h.years = append(h.years, y)
		}
		h.count[y]++
	}
	slices.SortFunc(h.years, func(a, b int) int { return b - a })
	return h
}

// historyData is the history of year, or, for year 0, the history's index:
// the list of years and the latest year's items. An archive by year keeps
// every page a size a browser opens at once, however long the history.
func (w *pageWriter) historyData(year int, h *history) framer {
	r, lang := w.r, w.lang
	d := &historyData{}
	show := year
	if show == 0 && len(h.years) > 0 {
		show = h.years[0]
	}
	for _, y := range h.years {
		d.Years = append(d.Years, yearLink{Year: fmt.Sprint(y), Href: w.link(fmt.Sprintf("history/%d/", y)), Count: h.count[y], Current: y == year})
	}
	for i, ref := range h.items {
		if h.year[i] != show {
			continue
		}
		it := w.item(ref)
		t := it.When.In(r.v.Location)
		id := t.Format("m-2006-01")
		if n := len(d.Months); n == 0 || d.Months[n-1].ID != id {
			d.Months = append(d.Months, month{ID: id, Name: r.t(lang, "month."+fmt.Sprint(int(t.Month()))) + " " + fmt.Sprint(t.Year())})
		}
		d.Months[len(d.Months)-1].Items = append(d.Months[len(d.Months)-1].Items, it)
	}
	return d
}

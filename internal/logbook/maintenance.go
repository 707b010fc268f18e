package logbook

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// The maintenance windows: a page listing every window, public and
// internal, those not completed at the build's now first (soonest
// first), then the completed ones (newest first); and a page per window
// with everything its record holds and its communication checklist
// (checklist.go). A window's status and updates are
// those of model.Maintenance.Timeline at the build's now, as on the
// public site: a window whose scheduled time came starts, and ends, by
// itself, and the page says which updates the build wrote.

const maintenancePath = "maintenance/"

func maintenanceWindowPath(id string) string { return maintenancePath + id + "/" }

// maintenanceListPage is maintenance/: every window.
type maintenanceListPage struct {
	framed
	// Upcoming are the windows not completed, soonest first; Past, the
	// completed ones, newest first.
	Upcoming, Past maintenanceTable
}

// maintenanceTable is a table of windows with its caption.
type maintenanceTable struct {
	Caption string
	Rows    []maintenanceRow
}

// maintenanceRow is a window as the list shows it.
type maintenanceRow struct {
	ID, Href                    string
	Title                       local
	Services                    []string
	From, Until                 time.Time
	Status, StatusLabel         string
	Visibility, VisibilityLabel string
	Coordinator                 *person
}

// maintenancePage is maintenance/ID/: a window with everything.
type maintenancePage struct {
	framed
	ID, File                    string
	Status, StatusLabel         string
	Visibility, VisibilityLabel string
	Services                    []string
	From, Until                 time.Time
	// Length is the scheduled window's length; empty when a time is
	// missing.
	Length      string
	Coordinator *person
	// Updates are the record's and the build's (Auto), in time order.
	Updates            []maintenanceUpdate
	External, Internal []section
	// Comms is the communication checklist (checklist.go).
	Comms  *commsSection
	Audits []auditData
}

// maintenanceUpdate is an update of a window; Auto reports that the build
// wrote it (model.Update.Auto), its text the fixed one of its status.
type maintenanceUpdate struct {
	update
	Auto bool
}

func (w *pageWriter) maintenanceStatus(s vocab.Status) (string, string) {
	return string(s), w.r.t(w.lang, "maintenance."+string(s))
}

func (w *pageWriter) maintenanceListData() framer {
	d := &maintenanceListPage{}
	for _, m := range w.r.m.Maintenance {
		status, _ := m.Timeline(w.r.m.Now)
		row := maintenanceRow{ID: m.ID, Href: w.link(maintenanceWindowPath(m.ID)), Title: w.r.local(w.lang, m.Title),
			Services: w.serviceNames(m.Services), From: m.ScheduledFor, Until: m.ScheduledUntil,
			Visibility: string(m.Visibility), VisibilityLabel: w.r.t(w.lang, "logbook.visibility."+string(m.Visibility)),
			Coordinator: personOf(m.Coordinator)}
		row.Status, row.StatusLabel = w.maintenanceStatus(status)
		if status == vocab.Completed {
			d.Past.Rows = append(d.Past.Rows, row)
		} else {
			d.Upcoming.Rows = append(d.Upcoming.Rows, row)
		}
	}
	// The model lists the windows newest first; ties are by id in both.
	slices.SortStableFunc(d.Upcoming.Rows, func(a, b maintenanceRow) int {
		return cmp.Or(a.From.Compare(b.From), cmp.Compare(a.ID, b.ID))
	})
	d.Upcoming.Caption = w.r.t(w.lang, "logbook.maintenance_caption_upcoming", "n", strconv.Itoa(len(d.Upcoming.Rows)))
	d.Past.Caption = w.r.t(w.lang, "logbook.maintenance_caption_past", "n", strconv.Itoa(len(d.Past.Rows)))
	return d
}

func (w *pageWriter) maintenanceData(m *model.Maintenance) framer {
	r, lang := w.r, w.lang
	status, ups := m.Timeline(r.m.Now)
	d := &maintenancePage{ID: m.ID, File: m.File, Services: w.serviceNames(m.Services), From: m.ScheduledFor, Until: m.ScheduledUntil,
		Visibility: string(m.Visibility), VisibilityLabel: r.t(lang, "logbook.visibility."+string(m.Visibility)),
		Coordinator: personOf(m.Coordinator), Audits: []auditData{w.audit(r.t(lang, "logbook.audit.maintenance"), m.File)}}
	d.Status, d.StatusLabel = w.maintenanceStatus(status)
	if !m.ScheduledFor.IsZero() && m.ScheduledUntil.After(m.ScheduledFor) {
		d.Length = r.duration(lang, m.ScheduledUntil.Sub(m.ScheduledFor))
	}
	for _, u := range ups {
		msg := r.local(lang, u.Message)
		if u.Auto {
			msg = local{Text: r.t(lang, "maintenance.auto_"+string(u.Status))}
		}
		up := maintenanceUpdate{update: update{At: u.At, Body: r.message(msg.Text), Lang: msg.Lang, Internal: u.Internal}, Auto: u.Auto}
		up.Status, up.StatusLabel = w.maintenanceStatus(u.Status)
		d.Updates = append(d.Updates, up)
	}
	for _, s := range w.sections(m.Sections, "sec-") {
		if s.Audience == "internal" {
			d.Internal = append(d.Internal, s)
		} else {
			d.External = append(d.External, s)
		}
	}
	d.Comms = w.maintenanceComms(m)
	return d
}

// serviceNames are the services' names in the page's language.
func (w *pageWriter) serviceNames(ss []*model.Service) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = w.r.text(w.lang, s.Name)
	}
	return out
}

package site

import (
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/public"
)

// updateText returns the Markdown of what update u says in lang: its own
// message in lang or else in the default language, or, for an update the
// build derived (a maintenance window that started or ended by itself),
// the fixed text of its status.
func (r *renderer) updateText(lang string, u public.Update) local {
	if u.Auto {
		return local{Text: r.t(lang, "maintenance.auto_"+string(u.Status))}
	}
	return r.local(lang, u.Message)
}

// changesText says which services' impact update u changed, as in
// "Impact: AssetExplorer (Degraded performance)"; "" when none.
func (r *renderer) changesText(lang string, u public.Update) string {
	if len(u.Changes) == 0 {
		return ""
	}
	parts := make([]string, len(u.Changes))
	for i, c := range u.Changes {
		parts[i] = r.text(lang, c.Service.Name) + " (" + r.t(lang, "status."+string(c.Level)) + ")"
	}
	return r.t(lang, "update.impact", "services", strings.Join(parts, ", "))
}

// expected says, while inc is open and its expected downtime is known,
// when customers may expect it resolved: "around 10:05 CET (expected
// downtime 30 min)", or, once that time has passed at the build's now,
// "taking longer than the expected 30 min". It is "" otherwise.
func (r *renderer) expected(lang string, inc *public.Incident) string {
	if inc.IsResolved() || inc.ExpectedDowntime <= 0 || inc.Started.IsZero() {
		return ""
	}
	d := r.duration(lang, inc.ExpectedDowntime)
	by := inc.Started.Add(inc.ExpectedDowntime)
	if !r.v.Now.Before(by) {
		return r.t(lang, "incident.expected_late", "duration", d)
	}
	return r.t(lang, "incident.expected_by", "time", r.clock(lang, by), "duration", d)
}

// clock writes t as a time of day in the site's time zone, with the date
// only when t is not on the day of the build's now.
func (r *renderer) clock(lang string, t time.Time) string {
	t, now := t.In(r.v.Location), r.v.Now.In(r.v.Location)
	if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
		return t.Format("15:04") + " " + t.Format("MST")
	}
	return r.dateTime(lang, t)
}

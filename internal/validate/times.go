package validate

import (
	"fmt"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// stamp is a time written in a record, with its front matter path:
// key, or the key of item i of list when list is set. The path is
// joined only for a message: a record has a dozen times and most are
// fine.
type stamp struct {
	list string
	i    int
	key  string
	t    time.Time
	// happened tells that the time is of something that has happened (an
	// update published, a report sent), so that a time after the build's
	// now is a mistake; a maintenance window may lie ahead.
	happened bool
}

// path returns the stamp's front matter path, "updates.2.at".
func (s stamp) path() string {
	if s.list == "" {
		return s.key
	}
	return yamlx.Join(yamlx.Join(s.list, s.i), s.key)
}

// incidentStamps lists the times written in an incident.
func incidentStamps(inc *content.Incident) []stamp {
	s := make([]stamp, 0, 3+len(inc.Notifications)+len(inc.Decisions)+2*len(inc.Requests)+len(inc.Updates))
	s = append(s, stamp{key: "detected", t: inc.Detected, happened: true}, stamp{key: "acknowledged", t: inc.Acknowledged, happened: true},
		stamp{key: "resolved", t: inc.Resolved, happened: true})
	for i, n := range inc.Notifications {
		s = append(s, stamp{"notifications", i, "at", n.At, true})
	}
	for i, d := range inc.Decisions {
		s = append(s, stamp{"decisions", i, "at", d.At, true})
	}
	for i, q := range inc.Requests {
		s = append(s, stamp{"requests", i, "at", q.At, true}, stamp{"requests", i, "due", q.Due, false})
	}
	return appendUpdateStamps(s, inc.Updates)
}

// maintenanceStamps lists the times written in a maintenance window.
func maintenanceStamps(m *content.Maintenance) []stamp {
	s := make([]stamp, 0, 2+len(m.Updates))
	s = append(s, stamp{key: "scheduled_for", t: m.ScheduledFor}, stamp{key: "scheduled_until", t: m.ScheduledUntil})
	return appendUpdateStamps(s, m.Updates)
}

func appendUpdateStamps(s []stamp, list []content.Update) []stamp {
	for i, u := range list {
		s = append(s, stamp{"updates", i, "at", u.At, true})
	}
	return s
}

// stamps warns about times that are probably not what was meant: a time
// of something that happened, after the build's now; an offset that is
// not the site's time zone's on that date (+01:00 in summer in
// Europe/Brussels, an hour off). Both are warnings: the output is still
// what the file says, and a clock that is off must not stop an update.
func (v *validator) stamps(d *content.Doc, list []stamp) {
	for _, s := range list {
		if s.t.IsZero() {
			continue
		}
		if s.happened && s.t.After(v.Now) {
			v.warnf(d.Pos.Value(s.path()), "future", "%s (%s) lies after now (%s); check the date and the time zone offset",
				stampName(s.path()), v.fmtTime(s.t), v.fmtTime(v.Now))
		}
		if msg := v.offset(s.t); msg != "" {
			v.warnf(d.Pos.Value(s.path()), "time-zone", "%s %s", stampName(s.path()), msg)
		}
	}
}

// offset returns why t's offset, as written, looks like the site's time
// zone at the other time of year (+01:00 in summer in Europe/Brussels,
// an hour off), or "". Any other offset, UTC ("Z", +00:00) or none at
// all is taken as meant: a time copied from a monitoring tool in
// another zone is still right.
func (v *validator) offset(t time.Time) string {
	loc := v.Config.Location
	_, got := t.Zone()
	local := t.In(loc)
	_, want := local.Zone()
	if got == want || got == 0 || t.Location() == loc {
		return ""
	}
	_, jan := time.Date(local.Year(), 1, 1, 12, 0, 0, 0, loc).Zone()
	_, jul := time.Date(local.Year(), 7, 1, 12, 0, 0, 0, loc).Zone()
	if jan == jul || (got != jan && got != jul) {
		return ""
	}
	season := "winter time"
	if want == max(jan, jul) {
		season = "summer time"
	}
	return fmt.Sprintf("has offset %s, but %s is at %s on %s, %s; as written it is %s there, so check the time or write %s",
		fmtOffset(got), v.Config.TimeZone, fmtOffset(want), local.Format("2006-01-02"), season,
		local.Format("15:04"), t.Add(time.Duration(got-want)*time.Second).In(loc).Format("2006-01-02T15:04:05-07:00"))
}

func fmtOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	return fmt.Sprintf("%c%02d:%02d", sign, sec/3600, sec%3600/60)
}

// stampName names the time at path in messages: "detected", "the time
// of update 2".
func stampName(path string) string {
	parts := strings.Split(path, ".")
	if len(parts) == 3 {
		var i int
		fmt.Sscan(parts[1], &i)
		return fmt.Sprintf("the time of %s %d", strings.TrimSuffix(parts[0], "s"), i+1)
	}
	return path
}

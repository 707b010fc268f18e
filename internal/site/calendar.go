package site

import (
	"bytes"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/incidentsite/incidentsite/internal/public"
)

// Calendars: maintenance.ics at the root holds every public maintenance
// window, and services/<id>/maintenance.ics those of one service, as
// iCalendar (RFC 5545) in the default language. Times are in UTC, so no
// VTIMEZONE is needed, except as the one component of a calendar without
// windows; DTSTAMP is the window's latest update, never the
// wall clock, so that the same content gives the same bytes.

const (
	calendarFile = "maintenance.ics"
	icsTime      = "20060102T150405Z"
	// icsLineOctets is the longest a line may be, without its CRLF.
	icsLineOctets = 75
)

// calendars writes the overall and every service's maintenance calendar.
func (r *renderer) calendars() error {
	lang := r.defaultLang()
	site := r.siteTitle(lang)
	r.put(r.path(lang, calendarFile), r.calendar(lang, r.t(lang, "calendar.name", "site", site), r.v.Maintenance))
	for _, s := range r.v.Services {
		name := r.t(lang, "calendar.service_name", "site", site, "service", r.text(lang, s.Name))
		r.put(r.path(lang, servicePath(s.ID)+calendarFile), r.calendar(lang, name, s.Maintenance))
	}
	return nil
}

// calendar returns a VCALENDAR named name with an event per window.
func (r *renderer) calendar(lang, name string, windows []*public.Maintenance) []byte {
	host := r.v.BaseURL
	if u, err := url.Parse(r.v.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	var w icsWriter
	w.line("BEGIN", "VCALENDAR")
	w.line("VERSION", "2.0")
	w.line("PRODID", "-//incidentsite//incidentsite//"+strings.ToUpper(lang))
	w.line("CALSCALE", "GREGORIAN")
	w.line("METHOD", "PUBLISH")
	w.line("NAME", icsText(name))
	w.line("X-WR-CALNAME", icsText(name))
	// Subscribers should look again every hour (RFC 7986 and Outlook's
	// older property).
	w.line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
	w.line("X-PUBLISHED-TTL", "PT1H")
	for _, m := range windows {
		stamp := r.v.Now
		if n := len(m.Updates); n > 0 {
			stamp = m.Updates[n-1].At
		}
		w.line("BEGIN", "VEVENT")
		w.line("UID", icsText(m.ID+"@"+host))
		w.line("DTSTAMP", stamp.UTC().Format(icsTime))
		w.line("DTSTART", m.ScheduledFor.UTC().Format(icsTime))
		w.line("DTEND", m.ScheduledUntil.UTC().Format(icsTime))
		w.line("SUMMARY", icsText(r.local(lang, m.Title).Text))
		if d := r.eventDescription(lang, m); d != "" {
			w.line("DESCRIPTION", icsText(d))
		}
		w.line("URL", r.abs(lang, maintenancePath(m.ID)))
		w.line("STATUS", "CONFIRMED")
		// A maintenance window does not make the subscriber busy.
		w.line("TRANSP", "TRANSPARENT")
		w.line("END", "VEVENT")
	}
	if len(windows) == 0 {
		w.utcTimezone()
	}
	w.line("END", "VCALENDAR")
	return w.buf.Bytes()
}

// eventDescription is the text of m's event: its first external section,
// else its latest update, as plain text (text.go), then the services it
// affects.
func (r *renderer) eventDescription(lang string, m *public.Maintenance) string {
	var parts []string
	text := ""
	if len(m.Sections) > 0 {
		// A section holding only a comment (the guidance "new" writes)
		// has no text.
		md, _ := r.sectionMarkdown(lang, m.Sections[0])
		text = sectionText(md)
	}
	if text == "" && len(m.Updates) > 0 {
		text = r.messageText(r.updateText(lang, m.Updates[len(m.Updates)-1]).Text)
	}
	if text != "" {
		parts = append(parts, text)
	}
	if len(m.Services) > 0 {
		names := make([]string, len(m.Services))
		for i, s := range m.Services {
			names[i] = r.text(lang, s.Name)
		}
		parts = append(parts, r.t(lang, "incident.affected")+": "+strings.Join(names, ", "))
	}
	return strings.Join(parts, "\n\n")
}

// utcTimezone writes a VTIMEZONE for UTC. RFC 5545 (section 3.6) wants at
// least one component in a VCALENDAR, and a calendar without windows has
// no event; a time zone definition is a legitimate component that shows
// nothing, where a placeholder event would show a window that is not
// there. UTC is the zone every time of these calendars is in.
func (w *icsWriter) utcTimezone() {
	w.line("BEGIN", "VTIMEZONE")
	w.line("TZID", "UTC")
	w.line("BEGIN", "STANDARD")
	w.line("DTSTART", "19700101T000000")
	w.line("TZOFFSETFROM", "+0000")
	w.line("TZOFFSETTO", "+0000")
	w.line("TZNAME", "UTC")
	w.line("END", "STANDARD")
	w.line("END", "VTIMEZONE")
}

// icsWriter writes content lines, folded, with CRLF line endings.
type icsWriter struct{ buf bytes.Buffer }

// line writes the content line name:value.
func (w *icsWriter) line(name, value string) { w.buf.WriteString(icsFold(name + ":" + value)) }

// icsFold folds line as RFC 5545 section 3.1 asks: no line longer than 75
// octets, a continuation line starting with a space, and never a cut
// inside a UTF-8 sequence. The result ends in CRLF.
func icsFold(line string) string {
	var b strings.Builder
	limit := icsLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		// The leading space counts.
		limit = icsLineOctets - 1
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}

// icsText escapes s as an iCalendar TEXT value (RFC 5545 section 3.3.11),
// without the control characters that TEXT cannot hold.
func icsText(s string) string {
	s = xmlText(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		switch c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteRune(c)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

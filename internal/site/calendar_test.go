package site

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/incidentsite/incidentsite/internal/l10n"

	"github.com/emersion/go-ical"
	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

func TestCalendarGolden(t *testing.T) {
	v, th := fixtureView(t)
	files := renderView(t, v, th)
	testutil.Golden(t, "calendar-maintenance", feedsFile(t, files, "maintenance.ics"))
}

// calendarParse decodes an iCalendar file with go-ical, after checking
// the line rules that a lenient parser would let pass.
func calendarParse(t *testing.T, name string, data []byte) *ical.Calendar {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("%s does not end in CRLF", name)
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		switch {
		case len(line) > 75:
			t.Errorf("%s:%d is %d octets long: %q", name, i+1, len(line), line)
		case strings.ContainsAny(line, "\r\n"):
			t.Errorf("%s:%d has a bare CR or LF: %q", name, i+1, line)
		case !utf8.ValidString(line):
			t.Errorf("%s:%d is cut inside a UTF-8 sequence: %q", name, i+1, line)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read %s: %v", name, err)
	}
	for _, p := range []string{ical.PropVersion, ical.PropProductID} {
		if cal.Props.Get(p) == nil {
			t.Errorf("%s has no %s", name, p)
		}
	}
	// go-ical's encoder checks what RFC 5545 asks of the components: a
	// VCALENDAR holds at least one, a VTIMEZONE a STANDARD or DAYLIGHT
	// with its offsets, an event its UID and DTSTAMP.
	if err := ical.NewEncoder(io.Discard).Encode(cal); err != nil {
		t.Errorf("%s is not valid iCalendar: %v", name, err)
	}
	return cal
}

func calendarText(t *testing.T, c *ical.Component, name string) string {
	t.Helper()
	p := c.Props.Get(name)
	if p == nil {
		t.Errorf("no %s in %s", name, c.Name)
		return ""
	}
	s, err := p.Text()
	if err != nil {
		t.Errorf("%s: %v", name, err)
	}
	return s
}

func TestCalendarParse(t *testing.T) {
	v, th := fixtureView(t)
	files := renderView(t, v, th)
	check := func(name string, windows []*public.Maintenance) {
		cal := calendarParse(t, name, feedsFile(t, files, name))
		if got := calendarText(t, cal.Component, "X-WR-CALNAME"); !strings.Contains(got, "Example Software status") {
			t.Errorf("%s: X-WR-CALNAME %q", name, got)
		}
		events := cal.Events()
		if len(events) != len(windows) {
			t.Fatalf("%s: %d events, want %d", name, len(events), len(windows))
		}
		for i, m := range windows {
			e := events[i]
			if got, want := calendarText(t, e.Component, ical.PropUID), m.ID+"@status.example.org"; got != want {
				t.Errorf("%s: UID %q, want %q", name, got, want)
			}
			if got, want := calendarText(t, e.Component, ical.PropSummary), m.Title.Get(v.Languages[0], v.Languages[0]); got != want {
				t.Errorf("%s: SUMMARY %q, want %q", name, got, want)
			}
			start, err := e.DateTimeStart(time.Local)
			if err != nil || !start.Equal(m.ScheduledFor) || start.Location() != time.UTC {
				t.Errorf("%s: DTSTART %v (%v), want %v in UTC", name, start, err, m.ScheduledFor.UTC())
			}
			end, err := e.DateTimeEnd(time.Local)
			if err != nil || !end.Equal(m.ScheduledUntil) || end.Location() != time.UTC {
				t.Errorf("%s: DTEND %v (%v), want %v in UTC", name, end, err, m.ScheduledUntil.UTC())
			}
			stamp, err := e.Props.DateTime(ical.PropDateTimeStamp, time.Local)
			if want := m.Updates[len(m.Updates)-1].At; err != nil || !stamp.Equal(want) {
				t.Errorf("%s: DTSTAMP %v (%v), want the latest update, %v", name, stamp, err, want)
			}
			if got, want := e.Props.Get(ical.PropURL).Value, v.BaseURL+"maintenance/"+m.ID+"/"; got != want {
				t.Errorf("%s: URL %q, want %q", name, got, want)
			}
			if s, err := e.Status(); err != nil || s != ical.EventConfirmed {
				t.Errorf("%s: STATUS %q (%v)", name, s, err)
			}
			if d := calendarText(t, e.Component, ical.PropDescription); !strings.Contains(d, "\n\nAffected services: ") {
				t.Errorf("%s: DESCRIPTION %q does not list the affected services", name, d)
			}
		}
	}
	if len(v.Maintenance) == 0 {
		t.Fatal("the fixture has no maintenance")
	}
	check("maintenance.ics", v.Maintenance)
	for _, s := range v.Services {
		check("services/"+s.ID+"/maintenance.ics", s.Maintenance)
	}
	for p := range files {
		if strings.HasSuffix(p, ".ics") && strings.Contains(p, "nl/") {
			t.Errorf("%s: calendars are in the default language only", p)
		}
	}
}

// TestCalendarEmpty: a calendar without a window is still valid RFC 5545,
// which wants a component in every VCALENDAR.
func TestCalendarEmpty(t *testing.T) {
	v, th := fixtureView(t)
	v.Maintenance = nil
	for _, s := range v.Services {
		s.Maintenance = nil
	}
	files := renderView(t, v, th)
	cal := calendarParse(t, "maintenance.ics", feedsFile(t, files, "maintenance.ics"))
	if n := len(cal.Events()); n != 0 {
		t.Errorf("%d events, want none", n)
	}
	var names []string
	for _, c := range cal.Children {
		names = append(names, c.Name)
	}
	if !slices.Equal(names, []string{ical.CompTimezone}) {
		t.Errorf("components %v, want a single VTIMEZONE", names)
	}
	testutil.Golden(t, "calendar-empty", feedsFile(t, files, "maintenance.ics"))
}

// TestCalendarEscaping puts every character TEXT must escape, and a long
// line of multi-byte characters, through a calendar and back.
func TestCalendarEscaping(t *testing.T) {
	v, th := fixtureView(t)
	m := v.Maintenance[0]
	m.Title = l10n.Text{"": `Upgrade; backup, restore \ verify` + "\nsecond line\r\nthird\x00"}
	m.Sections = nil
	m.Services = nil
	m.Updates[len(m.Updates)-1].Message = l10n.Text{"": strings.Repeat("Één €-teken en 𝄞 ", 20)}
	cal := calendarParse(t, "maintenance.ics", feedsFile(t, renderView(t, v, th), "maintenance.ics"))
	e := cal.Events()[0]
	if got, want := calendarText(t, e.Component, ical.PropSummary), "Upgrade; backup, restore \\ verify\nsecond line\nthird"; got != want {
		t.Errorf("SUMMARY %q, want %q", got, want)
	}
	if got, want := calendarText(t, e.Component, ical.PropDescription), strings.TrimSpace(strings.Repeat("Één €-teken en 𝄞 ", 20)); got != want {
		t.Errorf("DESCRIPTION %q, want %q", got, want)
	}
}

func TestICSText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{`a;b,c\d`, `a\;b\,c\\d`},
		{"one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{`\n is not a newline`, `\\n is not a newline`},
		{"tab\tstays, bell\x07 goes", `tab` + "\t" + `stays\, bell goes`},
		{"€;𝄞", `€\;𝄞`},
	} {
		if got := icsText(tc.in); got != tc.want {
			t.Errorf("icsText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestICSFold(t *testing.T) {
	for _, tc := range []struct {
		name, line string
	}{
		{"short", "SUMMARY:short"},
		{"exactly 75", "SUMMARY:" + strings.Repeat("x", 75-len("SUMMARY:"))},
		{"76", "SUMMARY:" + strings.Repeat("x", 76-len("SUMMARY:"))},
		{"long ASCII", "DESCRIPTION:" + strings.Repeat("0123456789", 30)},
		{"two-byte", "SUMMARY:" + strings.Repeat("é", 100)},
		{"three-byte, shifted", "SUMMARY:x" + strings.Repeat("€", 100)},
		{"four-byte", "SUMMARY:" + strings.Repeat("𝄞", 60)},
		{"mixed", "DESCRIPTION:" + strings.Repeat("aé€𝄞", 40)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := icsFold(tc.line)
			if !strings.HasSuffix(got, "\r\n") {
				t.Fatalf("%q does not end in CRLF", got)
			}
			lines := strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n")
			for i, l := range lines {
				if len(l) > 75 {
					t.Errorf("line %d is %d octets", i+1, len(l))
				}
				if !utf8.ValidString(l) {
					t.Errorf("line %d is cut inside a UTF-8 sequence: %q", i+1, l)
				}
				if i > 0 && !strings.HasPrefix(l, " ") {
					t.Errorf("continuation line %d does not start with a space: %q", i+1, l)
				}
				// Lines should be as full as the rule allows, less at most
				// one character.
				if i < len(lines)-1 && len(l) < 75-3 {
					t.Errorf("line %d is only %d octets", i+1, len(l))
				}
			}
			if len(tc.line) <= 75 && len(lines) != 1 {
				t.Errorf("a line of %d octets was folded", len(tc.line))
			}
			if unfolded := strings.ReplaceAll(strings.TrimSuffix(got, "\r\n"), "\r\n ", ""); unfolded != tc.line {
				t.Errorf("unfolded:\n%q\nwant\n%q", unfolded, tc.line)
			}
		})
	}
}

// TestCalendarDescription: an event's description is the text a page
// shows of the section or message, never its Markdown: paragraphs joined,
// markup, comments and link definitions gone.
func TestCalendarDescription(t *testing.T) {
	v, th := fixtureView(t)
	m := v.Maintenance[0]
	m.Services = nil
	m.Sections = []public.Section{{ID: "impact", Markdown: []byte("The *portal* is\nread-only <!-- MARKER -->\n\n- [status](https://x.example/)\n- two\n\n[x]: https://evil.example/MARKER\n")}}
	cal := calendarParse(t, "maintenance.ics", feedsFile(t, renderView(t, v, th), "maintenance.ics"))
	if got, want := calendarText(t, cal.Events()[0].Component, ical.PropDescription), "The portal is read-only\n\n- status\n- two"; got != want {
		t.Errorf("DESCRIPTION %q, want %q", got, want)
	}
	m.Sections[0].Markdown = []byte("<!-- What will you do? -->\n")
	m.Updates[len(m.Updates)-1].Message = l10n.Text{"": "Done *early*. <b>x</b>"}
	cal = calendarParse(t, "maintenance.ics", feedsFile(t, renderView(t, v, th), "maintenance.ics"))
	if got, want := calendarText(t, cal.Events()[0].Component, ical.PropDescription), "Done early. x"; got != want {
		t.Errorf("DESCRIPTION %q, want %q", got, want)
	}
}

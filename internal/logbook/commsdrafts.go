package logbook

import (
	"bytes"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// commsDraft is a ready message for one moment of a plan on one channel,
// in the page's language. Its form follows the channel (channelForms):
// an e-mail has a subject, a text and a mailto: link; a short message
// (chat, in-app, forum, sms) a text; the status page the entry to paste
// under the record's updates:; a phone call or meeting talking points;
// any other channel a subject and a text.
type commsDraft struct {
	Anchor  string
	Channel local
	Form    string
	// FormLabel names the form; TextLabel labels the text.
	FormLabel, TextLabel string
	Subject              string
	Text                 string
	Rows                 int
	// Mailto is the e-mail's link to the contacts of the plan's roles;
	// Full reports whether it carries the text as well as the subject
	// (maxMailto).
	Mailto string
	Full   bool
	// NoAddress reports whether no contact of the plan's roles has an
	// e-mail address, for an e-mail.
	NoAddress bool
}

// channelForms gives the form of a draft by channel; a channel not
// listed (a letter, the website, a site's own) gets formText.
var channelForms = map[string]string{
	"email":       formEmail,
	"chat":        formShort,
	"in-app":      formShort,
	"forum":       formShort,
	"sms":         formShort,
	"status-page": formStatusPage,
	"phone":       formPoints,
	"meeting":     formPoints,
}

const (
	formEmail      = "email"
	formShort      = "short"
	formStatusPage = "status-page"
	formPoints     = "talking-points"
	formText       = "text"
)

// maxSMS bounds a text message's draft, in characters: two messages.
const maxSMS = 306

// commsFacts is what the drafts of one page share, computed once per
// page: what an incident and a maintenance window differ in.
type commsFacts struct {
	id, file, title string
	// status is the record's status at the build's now; label names a
	// status in the page's language.
	status vocab.Status
	label  func(vocab.Status) string
	// say is the key prefix of the moments' sentences; args are their
	// arguments besides {services}.
	say  string
	args []string
	// services are the services with their impact now (operational
	// once resolved), labelled servicesLabel; names, the services still
	// affected (every service when none is, or once resolved). A
	// window's are its services' names.
	services, servicesLabel, names string
	// lines are the facts a text gives after the status and services:
	// the record's times.
	lines []whatItem
	// what holds, by audience, the template's sections of that audience:
	// the heading and the record's text for it, or the template's
	// guidance in brackets when it is not written.
	what map[string][]whatItem
	// updates are the record's written updates, as model.Moment.Update
	// indexes them.
	updates []model.Update
	// last is the last written update published by the build's now, or
	// nil; msg is its message in the page's language, as plain text.
	last *model.Update
	msg  string
	// entry is the status of the status page entry for a moment.
	entry func(moment string) vocab.Status
	// statusField reports whether the record's status: must agree with
	// its last update (a maintenance window's does), so that the entry
	// says to set it.
	statusField bool
}

type whatItem struct{ Heading, Text string }

// incidentFacts are the facts of an incident's drafts.
func (w *pageWriter) incidentFacts(inc *model.Incident) *commsFacts {
	r, lang := w.r, w.lang
	f := &commsFacts{id: inc.ID, file: inc.File, title: r.local(lang, inc.Title).Text, status: inc.Status(),
		label: func(s vocab.Status) string { return r.t(lang, "update."+string(s)) },
		say:   "logbook.comms.say.", updates: inc.Updates, servicesLabel: r.t(lang, "logbook.draft.services")}
	var svcs, names, hit []string
	for _, st := range inc.Timeline() {
		name := r.text(lang, st.Service.Name)
		level := st.Level()
		if inc.IsResolved() {
			// The timeline's last period is the impact until resolution.
			level = vocab.Operational
		}
		names = append(names, name)
		if level != vocab.Operational {
			hit = append(hit, name)
		}
		svcs = append(svcs, name+": "+r.t(lang, "status."+string(level)))
	}
	if len(hit) > 0 {
		// A message speaks of the services still affected.
		names = hit
	}
	f.services, f.names = strings.Join(svcs, "; "), strings.Join(names, ", ")
	f.lines = append(f.lines, whatItem{r.t(lang, "logbook.col.detected"), r.dateTime(lang, inc.Detected)})
	if inc.IsResolved() {
		f.lines = append(f.lines, whatItem{r.t(lang, "logbook.col.resolved"), r.dateTime(lang, inc.Resolved)})
	} else if inc.ExpectedDowntime > 0 {
		f.lines = append(f.lines, whatItem{r.t(lang, "logbook.expected"), r.duration(lang, inc.ExpectedDowntime)})
	}
	f.what = w.commsWhat(inc.Template, inc.Sections)
	w.commsLast(f)
	f.entry = func(moment string) vocab.Status {
		switch {
		case moment == "resolved" || moment == "post-incident":
			return vocab.Resolved
		case moment == "identified" && f.status == vocab.Investigating:
			return vocab.Identified
		}
		return f.status
	}
	return f
}

// maintenanceFacts are the facts of a maintenance window's drafts: its
// status at the build's now as the status page shows it, its services,
// its scheduled times, and its last written update.
func (w *pageWriter) maintenanceFacts(m *model.Maintenance) *commsFacts {
	r, lang := w.r, w.lang
	status, _ := m.Timeline(r.m.Now)
	f := &commsFacts{id: m.ID, file: m.File, title: r.local(lang, m.Title).Text, status: status,
		label: func(s vocab.Status) string { return r.t(lang, "maintenance."+string(s)) },
		say:   "logbook.comms.say_maintenance.", updates: m.Updates, servicesLabel: r.t(lang, "logbook.col.services"),
		statusField: true}
	names := strings.Join(w.serviceNames(m.Services), ", ")
	f.services, f.names = names, names
	from, until := r.dateTime(lang, m.ScheduledFor), r.dateTime(lang, m.ScheduledUntil)
	f.args = []string{"from", from, "until", until}
	f.lines = []whatItem{{r.t(lang, "logbook.col.scheduled_for"), from}, {r.t(lang, "logbook.col.scheduled_until"), until}}
	f.what = w.commsWhat(m.Template, m.Sections)
	w.commsLast(f)
	f.entry = func(moment string) vocab.Status {
		switch moment {
		case "scheduled", "reminder":
			if f.status == vocab.Scheduled {
				return vocab.Scheduled
			}
			// Told late, once the window began: an update may not put
			// it back to scheduled.
			return f.status
		case "completed":
			return vocab.Completed
		case "delayed":
			if f.status == vocab.Verifying {
				return vocab.Verifying
			}
		}
		// started, and a window running over (which the build may have
		// ended by itself: the entry puts it back in progress).
		return vocab.InProgress
	}
	return f
}

// commsWhat is, by audience, the template's sections with the record's
// text for each, or the template's guidance in brackets.
func (w *pageWriter) commsWhat(t *catalog.Template, sections []model.Section) map[string][]whatItem {
	r, lang := w.r, w.lang
	what := map[string][]whatItem{}
	if t == nil {
		return what
	}
	written := map[string]string{}
	for _, s := range w.sections(sections, "") {
		written[s.ID] = strings.TrimSpace(r.sectionText(s.Markdown))
	}
	for _, sec := range t.Sections {
		item := whatItem{Heading: r.local(lang, sec.Title).Text, Text: written[sec.ID]}
		if item.Heading == "" {
			item.Heading = sec.ID
		}
		if item.Text == "" {
			g := r.local(lang, sec.Guidance).Text
			if g == "" {
				g = r.t(lang, "logbook.comms.not_written")
			}
			item.Text = "[" + strings.TrimSpace(g) + "]"
		}
		aud := audienceExternal
		if sec.Audience == audienceInternal {
			aud = audienceInternal
		}
		what[aud] = append(what[aud], item)
	}
	return what
}

// commsLast sets f's last update: the last of f.updates published by the
// build's now that the record's file wrote.
func (w *pageWriter) commsLast(f *commsFacts) {
	r := w.r
	for i := len(f.updates) - 1; i >= 0; i-- {
		if u := &f.updates[i]; !u.Auto && !u.At.After(r.m.Now) {
			f.last = u
			f.msg = strings.TrimSpace(r.messageText(r.local(w.lang, u.Message).Text))
			return
		}
	}
}

// commsDraft is the draft of moment m (named name) of the plan of
// audience aud on channel ch, to the e-mail addresses addrs; anchor is
// the plan's.
func (w *pageWriter) commsDraft(f *commsFacts, aud, anchor, name string, m model.Moment, ch string, addrs []string) commsDraft {
	r, lang := w.r, w.lang
	form := channelForms[ch]
	if form == "" {
		form = formText
	}
	d := commsDraft{Anchor: anchor + "-" + m.ID + "-" + ch, Channel: w.channelName(ch), Form: form,
		FormLabel: r.t(lang, "logbook.comms.form."+form), TextLabel: r.t(lang, "logbook.comms.text."+form)}
	org := r.m.Config.Organisation
	if org == "" {
		org = r.text(lang, r.m.Config.Title)
	}
	subject := r.t(lang, "logbook.comms.subject", "organisation", org, "title", f.title, "moment", name)
	services := f.names
	if services == "" {
		services = r.t(lang, "logbook.comms.our_services")
	}
	say := r.t(lang, f.say+m.ID, append(f.args[:len(f.args):len(f.args)], "services", services)...)

	switch form {
	case formEmail, formText:
		d.Subject, d.Text = subject, w.commsBody(f, aud, say)
		if form == formEmail {
			d.Mailto, d.Full = mailto(addrs, d.Subject, d.Text, maxMailto)
			d.NoAddress = len(addrs) == 0
		}
	case formShort:
		d.Text = f.title + ": " + say
		if f.msg != "" {
			d.Text += "\n" + f.msg
		}
		if ch == "sms" {
			d.Text = truncate(d.Text, maxSMS)
		}
	case formStatusPage:
		d.Text = w.statusEntry(f, m, say)
	case formPoints:
		d.Text = w.talkingPoints(f, aud, say)
	}
	d.Rows = min(max(strings.Count(d.Text, "\n")+2, 3), 20)
	return d
}

// commsBody is an e-mail's text: the moment, the record's facts, the
// template's "what" for the audience and the last update (for the
// internal plan with its internal note).
func (w *pageWriter) commsBody(f *commsFacts, aud, say string) string {
	r, lang := w.r, w.lang
	var b strings.Builder
	b.WriteString(f.title + "\n" + say + "\n\n")
	line := func(label, value string) {
		if value != "" {
			b.WriteString(label + ": " + value + "\n")
		}
	}
	line(r.t(lang, "logbook.col.status"), f.label(f.status))
	line(f.servicesLabel, f.services)
	for _, l := range f.lines {
		line(l.Heading, l.Text)
	}
	for _, it := range f.what[aud] {
		b.WriteString("\n" + it.Heading + "\n" + it.Text + "\n")
	}
	if u := f.last; u != nil {
		b.WriteString("\n" + r.t(lang, "logbook.comms.last_update", "time", r.dateTime(lang, u.At), "status", f.label(u.Status)) + "\n")
		if f.msg != "" {
			b.WriteString(f.msg + "\n")
		}
		if aud == audienceInternal && strings.TrimSpace(u.Internal) != "" {
			b.WriteString(r.t(lang, "logbook.internal_note") + ": " + strings.TrimSpace(u.Internal) + "\n")
		}
	}
	return b.String()
}

// talkingPoints are the points of a call or meeting, one a line.
func (w *pageWriter) talkingPoints(f *commsFacts, aud, say string) string {
	r, lang := w.r, w.lang
	var pts []string
	add := func(label, value string) {
		if value = strings.TrimSpace(value); value != "" {
			pts = append(pts, "- "+label+": "+strings.ReplaceAll(value, "\n", " "))
		}
	}
	pts = append(pts, "- "+f.title+" ("+f.id+"): "+say)
	add(r.t(lang, "logbook.col.status"), f.label(f.status))
	add(f.servicesLabel, f.services)
	for _, it := range f.what[aud] {
		add(it.Heading, it.Text)
	}
	if u := f.last; u != nil {
		add(r.t(lang, "logbook.comms.last_update", "time", r.dateTime(lang, u.At), "status", f.label(u.Status)), f.msg)
		if aud == audienceInternal {
			add(r.t(lang, "logbook.internal_note"), u.Internal)
		}
	}
	return strings.Join(pts, "\n") + "\n"
}

// statusEntry is the entry to add under the record's updates: for the
// moment, at the build's now (to the minute, in the site's time zone),
// its message in the page's language. YAML quoting keeps any text a
// plain string.
func (w *pageWriter) statusEntry(f *commsFacts, m model.Moment, say string) string {
	r := w.r
	status := f.entry(m.ID)
	entry := []struct {
		At      time.Time         `yaml:"at"`
		Status  string            `yaml:"status"`
		Message map[string]string `yaml:"message"`
	}{{At: r.m.Now.In(r.loc).Truncate(time.Minute), Status: string(status), Message: map[string]string{w.lang: say}}}
	var b bytes.Buffer
	b.WriteString("# " + r.t(w.lang, "logbook.comms.paste_under", "file", f.file) + "\n")
	if f.statusField {
		b.WriteString("# " + r.t(w.lang, "logbook.comms.set_status", "status", string(status)) + "\n")
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	// Encoding strings and a time cannot fail.
	_ = enc.Encode(entry)
	_ = enc.Close()
	return b.String()
}

// truncate cuts s to at most n characters, ending in "…" when cut.
func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

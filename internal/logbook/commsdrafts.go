package logbook

import (
	"bytes"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/incidentsite/incidentsite/internal/markdown"
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

// commsFacts is what the drafts of one incident page share, computed
// once per page.
type commsFacts struct {
	inc   *model.Incident
	title string
	// services are the services with their impact now (operational
	// once resolved); names, the services still affected (every
	// service when none is, or once resolved).
	services, names string
	// what holds, by audience, the template's sections of that audience:
	// the heading and the incident's text for it, or the template's
	// guidance in brackets when it is not written.
	what map[string][]whatItem
	// last is the last update published by the build's now, or nil; msg
	// is its message in the page's language, as plain text.
	last *model.Update
	msg  string
}

type whatItem struct{ Heading, Text string }

func (w *pageWriter) commsFacts(inc *model.Incident) *commsFacts {
	r, lang := w.r, w.lang
	f := &commsFacts{inc: inc, title: r.local(lang, inc.Title).Text, what: map[string][]whatItem{}}
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
	written := map[string]string{}
	for _, s := range w.sections(inc.Sections, "") {
		written[s.ID] = strings.TrimSpace(markdown.PlainText(markdown.Render(s.Markdown, 0)))
	}
	if t := inc.Template; t != nil {
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
			f.what[aud] = append(f.what[aud], item)
		}
	}
	for i := len(inc.Updates) - 1; i >= 0; i-- {
		if u := &inc.Updates[i]; !u.At.After(r.m.Now) {
			f.last = u
			f.msg = strings.TrimSpace(markdown.PlainText(markdown.RenderMessage(r.local(lang, u.Message).Text)))
			break
		}
	}
	return f
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
	say := r.t(lang, "logbook.comms.say."+m.ID, "services", services)

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

// commsBody is an e-mail's text: the moment, the incident's facts, the
// template's "what" for the audience and the last update (for the
// internal plan with its internal note).
func (w *pageWriter) commsBody(f *commsFacts, aud, say string) string {
	r, lang, inc := w.r, w.lang, f.inc
	var b strings.Builder
	b.WriteString(f.title + "\n" + say + "\n\n")
	line := func(label, value string) {
		if value != "" {
			b.WriteString(label + ": " + value + "\n")
		}
	}
	line(r.t(lang, "logbook.col.status"), r.t(lang, "update."+string(inc.Status())))
	line(r.t(lang, "logbook.draft.services"), f.services)
	line(r.t(lang, "logbook.col.detected"), r.dateTime(lang, inc.Detected))
	if inc.IsResolved() {
		line(r.t(lang, "logbook.col.resolved"), r.dateTime(lang, inc.Resolved))
	} else if inc.ExpectedDowntime > 0 {
		line(r.t(lang, "logbook.expected"), r.duration(lang, inc.ExpectedDowntime))
	}
	for _, it := range f.what[aud] {
		b.WriteString("\n" + it.Heading + "\n" + it.Text + "\n")
	}
	if u := f.last; u != nil {
		b.WriteString("\n" + r.t(lang, "logbook.comms.last_update", "time", r.dateTime(lang, u.At), "status", r.t(lang, "update."+string(u.Status))) + "\n")
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
	r, lang, inc := w.r, w.lang, f.inc
	var pts []string
	add := func(label, value string) {
		if value = strings.TrimSpace(value); value != "" {
			pts = append(pts, "- "+label+": "+strings.ReplaceAll(value, "\n", " "))
		}
	}
	pts = append(pts, "- "+f.title+" ("+inc.ID+"): "+say)
	add(r.t(lang, "logbook.col.status"), r.t(lang, "update."+string(inc.Status())))
	add(r.t(lang, "logbook.draft.services"), f.services)
	for _, it := range f.what[aud] {
		add(it.Heading, it.Text)
	}
	if u := f.last; u != nil {
		add(r.t(lang, "logbook.comms.last_update", "time", r.dateTime(lang, u.At), "status", r.t(lang, "update."+string(u.Status))), f.msg)
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
	r, inc := w.r, f.inc
	status := inc.Status()
	switch {
	case m.ID == "resolved" || m.ID == "post-incident":
		status = vocab.Resolved
	case m.ID == "identified" && status == vocab.Investigating:
		status = vocab.Identified
	}
	entry := []struct {
		At      time.Time         `yaml:"at"`
		Status  string            `yaml:"status"`
		Message map[string]string `yaml:"message"`
	}{{At: r.m.Now.In(r.loc).Truncate(time.Minute), Status: string(status), Message: map[string]string{w.lang: say}}}
	var b bytes.Buffer
	b.WriteString("# " + r.t(w.lang, "logbook.comms.paste_under", "file", inc.File) + "\n")
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

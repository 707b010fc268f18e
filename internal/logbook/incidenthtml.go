package logbook

import (
	"html/template"
	"strconv"
	"strings"
	"time"
)

// The incident page's own layout (layouts/logbook/incident.html, its
// template "content") is, after the partials sections.go writes, the
// largest part of the logbook's rendering left in html/template: a third
// of it at 1,000 incidents (BenchmarkPhases). Its default definition
// calls incidentHTML, which writes the same markup from Go, on the page
// sets where the layout and every partial it includes are the built-in
// ones (incidentPartials); elsewhere, as for sections.go, the function
// gives "" and the layout writes its markup itself.
// TestIncidentMatchesLayout proves both ways write the same bytes.

// incidentPartials are the templates whose markup incidentHTML writes:
// the page's content and the partials it includes.
var incidentPartials = []string{"content", "when", "day", "person", "sections", "action-state",
	"comms", "comms-state", "legal", "deadline", "stage-state", "audit", "audit-commit"}

// incidentHTML writes the content of v, an incident's page, as the
// template "content" of incident.html does.
func (r *renderer) incidentHTML(lang string, v any) template.HTML {
	p, ok := v.(*incidentPage)
	if !ok || p.page == nil {
		return ""
	}
	var b strings.Builder
	b.Grow(32 << 10)
	t := func(key string, args ...string) { escapeHTML(&b, r.t(lang, key, args...)) }
	none := func() {
		b.WriteString(`<p class="none">`)
		t("logbook.none")
		b.WriteString(`</p>`)
	}
	// part writes a part's heading, then write's markup when it has
	// items, else that there are none.
	part := func(open, key string, items int, write func()) {
		b.WriteString(open)
		t(key)
		b.WriteString("</h2>\n")
		if items == 0 {
			none()
			return
		}
		write()
	}
	fact := func(key string) {
		b.WriteString("\n<div><dt>")
		t(key)
		b.WriteString("</dt><dd")
	}
	b.WriteString("\n<p class=\"crumbs\"><a href=\"")
	escapeURL(&b, p.Home)
	b.WriteString("\">")
	t("logbook.back")
	b.WriteString("</a></p>\n<article>\n<h1")
	writeLang(&b, p.TitleLang)
	b.WriteString(">")
	escapeHTML(&b, p.Title)
	b.WriteString("</h1>\n<p class=\"meta\"><code>")
	escapeHTML(&b, p.ID)
	b.WriteString("</code> · <code>")
	escapeHTML(&b, p.File)
	b.WriteString("</code> · <span class=\"tag vis-")
	escapeHTML(&b, p.Visibility)
	b.WriteString("\">")
	escapeHTML(&b, p.VisibilityLabel)
	b.WriteString("</span></p>\n<dl class=\"facts\">")
	fact("logbook.col.category")
	writeLang(&b, p.Category.Lang)
	b.WriteString(">")
	escapeHTML(&b, p.Category.Text)
	b.WriteString("</dd></div>")
	fact("logbook.col.severity")
	b.WriteString(">")
	escapeHTML(&b, p.Severity)
	b.WriteString("</dd></div>")
	fact("logbook.col.status")
	b.WriteString("><span class=\"u-")
	escapeHTML(&b, p.Status)
	b.WriteString("\">")
	escapeHTML(&b, p.StatusLabel)
	b.WriteString("</span></dd></div>")
	fact("logbook.col.detected")
	b.WriteString(">")
	b.WriteString(string(r.whenHTML(lang, p.Detected)))
	b.WriteString("</dd></div>")
	fact("logbook.acknowledged")
	b.WriteString(">")
	b.WriteString(string(r.whenHTML(lang, p.Acknowledged)))
	b.WriteString("</dd></div>")
	fact("logbook.col.resolved")
	b.WriteString(">")
	r.writeUntil(&b, lang, p.Resolved)
	b.WriteString("</dd></div>\n")
	if p.Duration != "" {
		b.WriteString("<div><dt>")
		t("logbook.col.duration")
		b.WriteString("</dt><dd>")
		escapeHTML(&b, p.Duration)
		b.WriteString("</dd></div>")
	}
	b.WriteString("\n")
	if p.Expected != "" {
		b.WriteString("<div><dt>")
		t("logbook.expected")
		b.WriteString("</dt><dd>")
		escapeHTML(&b, p.Expected)
		b.WriteString("</dd></div>")
	}
	fact("logbook.coordinator")
	b.WriteString(">")
	r.writePersonOrNone(&b, lang, p.Coordinator)
	b.WriteString("</dd></div>")
	fact("logbook.teams")
	b.WriteString(">")
	r.writePeople(&b, lang, p.Teams)
	b.WriteString("</dd></div>")
	fact("logbook.regulation")
	b.WriteString(">")
	if len(p.Regulation) > 0 {
		writeJoined(&b, p.Regulation, ", ")
	} else {
		b.WriteString(string(noneHTML))
	}
	part("</dd></div>\n</dl>\n\n<section aria-labelledby=\"h-timeline\">\n<h2 id=\"h-timeline\">", "logbook.timeline", len(p.Timeline), func() {
		b.WriteString("\n<table>\n")
		r.writeHead(&b, lang, "logbook.col.service", "logbook.col.level", "logbook.col.from", "logbook.col.to")
		b.WriteString("\n<tbody>")
		for i := range p.Timeline {
			s := &p.Timeline[i]
			for j := range s.Periods {
				pd := &s.Periods[j]
				b.WriteString("\n<tr><th scope=\"row\">")
				escapeHTML(&b, s.Name)
				b.WriteString("</th><td><span class=\"s-")
				escapeHTML(&b, pd.Level)
				b.WriteString("\">")
				escapeHTML(&b, pd.LevelLabel)
				b.WriteString("</span></td><td>")
				b.WriteString(string(r.whenHTML(lang, pd.From)))
				b.WriteString("</td><td>")
				r.writeUntil(&b, lang, pd.To)
				b.WriteString("</td></tr>")
			}
		}
		b.WriteString("\n</tbody>\n</table>\n")
	})
	part("\n</section>\n\n<section aria-labelledby=\"h-updates\">\n<h2 id=\"h-updates\">", "logbook.updates", len(p.Updates), func() {
		b.WriteString("\n<ol class=\"updates\">")
		for i := range p.Updates {
			u := &p.Updates[i]
			b.WriteString("\n<li id=\"update-")
			b.WriteString(strconv.Itoa(i))
			b.WriteString("\"><p class=\"meta\"><strong class=\"u-")
			escapeHTML(&b, u.Status)
			b.WriteString("\">")
			escapeHTML(&b, u.StatusLabel)
			b.WriteString("</strong> · ")
			b.WriteString(string(r.whenHTML(lang, u.At)))
			b.WriteString("</p>\n<div class=\"external\"><p class=\"label\">")
			t("logbook.published_text")
			b.WriteString("</p>")
			if u.Lang != "" {
				b.WriteString("<div lang=\"")
				escapeHTML(&b, u.Lang)
				b.WriteString("\">")
				b.WriteString(string(u.Body))
				b.WriteString("</div>")
			} else {
				b.WriteString(string(u.Body))
			}
			b.WriteString("</div>")
			if len(u.Changes) > 0 {
				b.WriteString("\n<p class=\"meta\">")
				writeJoined(&b, u.Changes, "; ")
				b.WriteString("</p>")
			}
			if u.Internal != "" {
				b.WriteString("\n<div class=\"note\"><p class=\"label\">")
				t("logbook.internal_note")
				b.WriteString("</p><p>")
				escapeHTML(&b, u.Internal)
				b.WriteString("</p></div>")
			}
			b.WriteString("</li>")
		}
		b.WriteString("\n</ol>\n")
	})
	part("\n</section>\n\n<section aria-labelledby=\"h-external\">\n<h2 id=\"h-external\">", "logbook.external_sections", len(p.External), func() {
		r.writeSections(&b, lang, p.External)
	})
	part("\n</section>\n\n<section class=\"internal-part\" aria-labelledby=\"h-internal\">\n<h2 id=\"h-internal\">", "logbook.internal_sections", len(p.Internal), func() {
		r.writeSections(&b, lang, p.Internal)
	})
	part("\n</section>\n\n<section aria-labelledby=\"h-notifications\">\n<h2 id=\"h-notifications\">", "logbook.notifications", len(p.Notifications), func() {
		b.WriteString("\n<table>\n")
		r.writeHead(&b, lang, "logbook.col.kind", "logbook.col.to", "logbook.col.sent", "logbook.col.reference")
		b.WriteString("\n<tbody>")
		for i := range p.Notifications {
			n := &p.Notifications[i]
			b.WriteString("\n<tr><th scope=\"row\">")
			escapeHTML(&b, n.Kind)
			b.WriteString("</th><td>")
			r.writePersonOrNone(&b, lang, n.To)
			b.WriteString("</td><td>")
			b.WriteString(string(r.whenHTML(lang, n.At)))
			b.WriteString("</td><td>")
			escapeHTML(&b, n.Reference)
			b.WriteString("</td></tr>")
		}
		b.WriteString("\n</tbody>\n</table>\n")
	})
	b.WriteString("\n</section>\n")
	b.WriteString(string(r.commsHTML(lang, p)))
	b.WriteString("\n")
	b.WriteString(string(r.legalHTML(lang, p)))
	part("\n<section aria-labelledby=\"h-actions\">\n<h2 id=\"h-actions\">", "logbook.actions", len(p.Actions), func() {
		b.WriteString("\n<table>\n")
		r.writeHead(&b, lang, "logbook.col.action", "logbook.col.owner", "logbook.col.due", "logbook.col.state", "logbook.col.source")
		b.WriteString("\n<tbody>")
		for i := range p.Actions {
			a := &p.Actions[i]
			b.WriteString("\n<tr class=\"a-")
			escapeHTML(&b, a.State)
			b.WriteString("\"><th scope=\"row\">")
			escapeHTML(&b, a.Title)
			b.WriteString("</th><td>")
			r.writePerson(&b, lang, &a.Owner)
			b.WriteString("</td><td>")
			b.WriteString(string(r.dayHTML(lang, a.Due)))
			b.WriteString("</td><td>")
			r.writeActionState(&b, lang, a)
			b.WriteString("</td><td>")
			escapeHTML(&b, a.From)
			b.WriteString("</td></tr>")
		}
		b.WriteString("\n</tbody>\n</table>\n")
	})
	b.WriteString("\n</section>\n\n<section class=\"rca\" aria-labelledby=\"h-rca\">\n<h2 id=\"h-rca\">")
	t("logbook.rca")
	b.WriteString("</h2>\n")
	if c := p.RCA; c != nil {
		b.WriteString("\n<h3")
		writeLang(&b, c.TitleLang)
		b.WriteString(">")
		escapeHTML(&b, c.Title)
		b.WriteString("</h3>\n<dl class=\"facts\">")
		fact("logbook.col.status")
		b.WriteString(">")
		escapeHTML(&b, c.StatusLabel)
		b.WriteString(" · ")
		if c.Published {
			t("logbook.rca_published")
		} else {
			t("logbook.rca_unpublished")
		}
		b.WriteString("</dd></div>")
		fact("logbook.rca_author")
		b.WriteString(">")
		r.writePersonOrNone(&b, lang, c.Author)
		b.WriteString("</dd></div>")
		fact("logbook.rca_reviewers")
		b.WriteString(">")
		r.writePeople(&b, lang, c.Reviewers)
		b.WriteString("</dd></div>")
		fact("logbook.rca_date")
		b.WriteString(">")
		b.WriteString(string(r.dayHTML(lang, c.Date)))
		b.WriteString("</dd></div>")
		fact("logbook.file")
		b.WriteString("><code>")
		escapeHTML(&b, c.File)
		b.WriteString("</code></dd></div>\n</dl>\n")
		r.writeSections(&b, lang, c.Sections)
		b.WriteString("\n")
	} else {
		b.WriteString(`<p class="none">`)
		t("logbook.no_rca")
		b.WriteString(`</p>`)
	}
	b.WriteString("\n</section>\n")
	b.WriteString(string(r.auditHTML(lang, p)))
	b.WriteString("\n</article>\n")
	return template.HTML(b.String())
}

// writeUntil writes the end of something, as incident.html does: the
// moment, or "ongoing" when there is none yet.
func (r *renderer) writeUntil(b *strings.Builder, lang string, at time.Time) {
	if at.IsZero() {
		b.WriteString("<strong>")
		escapeHTML(b, r.t(lang, "logbook.ongoing"))
		b.WriteString("</strong>")
		return
	}
	b.WriteString(string(r.whenHTML(lang, at)))
}

// writePersonOrNone writes p as the partial "person" does: nothing known
// is a dash.
func (r *renderer) writePersonOrNone(b *strings.Builder, lang string, p *person) {
	if p == nil {
		b.WriteString(string(noneHTML))
		return
	}
	r.writePerson(b, lang, p)
}

// writePeople writes a list of people, or a dash for none.
func (r *renderer) writePeople(b *strings.Builder, lang string, list []person) {
	if len(list) == 0 {
		b.WriteString(string(noneHTML))
		return
	}
	b.WriteString(`<ul class="inline">`)
	for i := range list {
		b.WriteString("<li>")
		r.writePerson(b, lang, &list[i])
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
}

// writeSections writes sections as the partial "sections" does.
func (r *renderer) writeSections(b *strings.Builder, lang string, list []section) {
	for i := range list {
		s := &list[i]
		b.WriteString("\n<section class=\"sec aud-")
		escapeHTML(b, s.Audience)
		b.WriteString("\" id=\"")
		escapeHTML(b, s.Anchor)
		b.WriteString("\">\n<h3>")
		writeLocal(b, s.Title)
		b.WriteString(" <span class=\"tag vis-")
		escapeHTML(b, s.Audience)
		b.WriteString("\">")
		if s.Audience == "internal" {
			escapeHTML(b, r.t(lang, "logbook.audience.internal"))
		} else {
			escapeHTML(b, r.t(lang, "logbook.audience.external"))
		}
		b.WriteString("</span></h3>\n")
		if s.Lang != "" {
			b.WriteString("<div lang=\"")
			escapeHTML(b, s.Lang)
			b.WriteString("\">")
			b.WriteString(string(r.md(s.Markdown, 1)))
			b.WriteString("</div>")
		} else {
			b.WriteString(string(r.md(s.Markdown, 1)))
		}
		b.WriteString("\n</section>")
	}
	b.WriteString("\n")
}

// writeActionState writes an action's state as the partial
// "action-state" does.
func (r *renderer) writeActionState(b *strings.Builder, lang string, a *action) {
	b.WriteString(`<strong class="a-`)
	escapeHTML(b, a.State)
	b.WriteString(`">`)
	escapeHTML(b, a.StateLabel)
	b.WriteString(`</strong>`)
	if a.State != "done" {
		return
	}
	b.WriteString(" · ")
	if a.DoneOn.IsZero() {
		b.WriteString(`<span class="none">`)
		escapeHTML(b, r.t(lang, "logbook.action.day_unknown"))
		b.WriteString(`</span>`)
		return
	}
	b.WriteString(string(r.dayHTML(lang, a.DoneOn)))
	if a.Late {
		b.WriteString(` · <strong class="a-late">`)
		escapeHTML(b, r.t(lang, "logbook.action.late"))
		b.WriteString(`</strong>`)
	}
}

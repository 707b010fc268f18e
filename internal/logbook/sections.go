package logbook

import (
	"html/template"
	"strconv"
	"strings"
)

// The partials "comms" (the communication checklist, with its drafts),
// "audit" (the audit trail) and "legal" (the legal clocks, with the
// reports' drafts) are most of an incident page's markup and, in
// html/template, most of the logbook's rendering time (BenchmarkPhases,
// 1,000 incidents: emptying "legal" alone saved a fifth). Their default
// definitions (layouts/logbook/partials/comms.html, audit.html and
// legal.html) call commsHTML, auditHTML and legalHTML, which write the
// same markup from Go, as partials.go does for "when", "day" and
// "person".
//
// The markup includes other partials: "comms-state", "person", "when"
// and "day" for the checklist; "audit-commit" and "when" for the trail;
// "deadline", "stage-state", "person", "when" and "day" for the clocks.
// A page set in which a site's layout defines any of these again gets
// functions that return "" (layouts), and the partial then writes its
// markup through html/template, the site's partials included. A page
// given something other than an incident's or a maintenance window's
// page, or nothing to show, gets "" too. TestSectionsMatchLayouts proves
// that both ways write the same bytes.

// commsPartials, auditPartials and legalPartials are the partials whose
// markup commsHTML, auditHTML and legalHTML include.
var (
	commsPartials = []string{"comms-state", "person", "when", "day"}
	auditPartials = []string{"audit-commit", "when"}
	legalPartials = []string{"deadline", "stage-state", "person", "when", "day"}
)

// commsHTML writes the communication checklist of v, an incident's or a
// maintenance window's page, as the partial "comms" does.
func (r *renderer) commsHTML(lang string, v any) template.HTML {
	var c *commsSection
	switch v := v.(type) {
	case *incidentPage:
		c = v.Comms
	case *maintenancePage:
		c = v.Comms
	}
	if c == nil {
		return ""
	}
	var b strings.Builder
	b.Grow(4096)
	t := func(key string, args ...string) { escapeHTML(&b, r.t(lang, key, args...)) }
	b.WriteString("\n<section class=\"comms\" id=\"comms\" aria-labelledby=\"h-comms\">\n<h2 id=\"h-comms\">")
	t("logbook.comms.heading")
	b.WriteString("</h2>")
	if c.Note != "" {
		b.WriteString("\n<p class=\"meta\">")
		escapeHTML(&b, c.Note)
		b.WriteString("</p>")
	}
	for i := range c.Plans {
		p := &c.Plans[i]
		b.WriteString("\n<h3 id=\"h-")
		escapeHTML(&b, p.Anchor)
		b.WriteString("\">")
		escapeHTML(&b, p.Label)
		b.WriteString("</h3>\n<dl class=\"facts\">\n<div><dt>")
		t("logbook.comms.who")
		b.WriteString("</dt><dd>")
		if len(p.Who) > 0 {
			b.WriteString(`<ul class="plain">`)
			for j := range p.Who {
				b.WriteString("<li>")
				r.writePerson(&b, lang, &p.Who[j])
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
		} else {
			b.WriteString(string(noneHTML))
		}
		b.WriteString("</dd></div>\n<div><dt>")
		t("logbook.comms.how")
		b.WriteString("</dt><dd>")
		if len(p.How) > 0 {
			for j, c := range p.How {
				if j > 0 {
					b.WriteString(", ")
				}
				writeLocal(&b, c)
			}
		} else {
			b.WriteString(string(noneHTML))
		}
		b.WriteString("</dd></div>\n</dl>")
		if len(p.Moments) == 0 {
			b.WriteString("\n<p class=\"none\">")
			t("logbook.none")
			b.WriteString("</p>")
			continue
		}
		b.WriteString("\n<div class=\"scroll\"><table aria-labelledby=\"h-")
		escapeHTML(&b, p.Anchor)
		b.WriteString("\">\n")
		r.writeHead(&b, lang, "logbook.comms.moment", "logbook.col.state", "logbook.comms.drafts")
		b.WriteString("\n<tbody>")
		for j := range p.Moments {
			m := &p.Moments[j]
			b.WriteString("\n<tr class=\"m-")
			escapeHTML(&b, m.State)
			b.WriteString("\"><th scope=\"row\">")
			escapeHTML(&b, m.Name)
			b.WriteString("</th><td>")
			r.writeCommsState(&b, lang, m)
			b.WriteString("</td>\n<td>")
			if len(m.Drafts) == 0 {
				b.WriteString(string(noneHTML))
			}
			for k := range m.Drafts {
				r.writeCommsDraft(&b, lang, &m.Drafts[k])
			}
			b.WriteString("</td></tr>")
		}
		b.WriteString("\n</tbody>\n</table></div>")
	}
	b.WriteString("\n</section>")
	return template.HTML(b.String())
}

// writeCommsState writes a moment's state as the partial "comms-state"
// does.
func (r *renderer) writeCommsState(b *strings.Builder, lang string, m *commsMoment) {
	b.WriteString(`<strong class="m-`)
	escapeHTML(b, m.State)
	b.WriteString(`">`)
	escapeHTML(b, m.StateLabel)
	b.WriteString(`</strong>`)
	switch m.State {
	case "done":
		b.WriteString(" · ")
		if m.ByRCA {
			escapeHTML(b, r.t(lang, "logbook.comms.by_rca"))
			b.WriteString(" ")
			b.WriteString(string(r.dayHTML(lang, m.At)))
			return
		}
		by := r.t(lang, "logbook.comms.by_update", "status", m.UpdateStatus)
		if m.UpdateAnchor != "" {
			b.WriteString(`<a href="#`)
			escapeURLPart(b, m.UpdateAnchor)
			b.WriteString(`">`)
			escapeHTML(b, by)
			b.WriteString(`</a>`)
		} else {
			escapeHTML(b, by)
		}
		b.WriteString(" ")
		b.WriteString(string(r.whenHTML(lang, m.At)))
	case "due", "missed":
		key := "logbook.comms.since"
		if m.State == "missed" {
			key = "logbook.comms.due_from"
		}
		b.WriteString(" · ")
		escapeHTML(b, r.t(lang, key))
		b.WriteString(" ")
		b.WriteString(string(r.whenHTML(lang, m.Since)))
	}
}

// writeCommsDraft writes one draft of a moment, as the partial "comms"
// does.
func (r *renderer) writeCommsDraft(b *strings.Builder, lang string, d *commsDraft) {
	b.WriteString(`<details class="comms-draft" id="`)
	escapeHTML(b, d.Anchor)
	b.WriteString(`"><summary>`)
	writeLocal(b, d.Channel)
	b.WriteString(` <span class="meta">(`)
	escapeHTML(b, d.FormLabel)
	b.WriteString(`)</span></summary>`)
	if d.Subject != "" {
		b.WriteString("\n<p><strong>")
		escapeHTML(b, r.t(lang, "logbook.draft.subject_label"))
		b.WriteString(":</strong> ")
		escapeHTML(b, d.Subject)
		b.WriteString("</p>")
	}
	if d.Mailto != "" {
		b.WriteString("\n<p><a href=\"")
		escapeURL(b, d.Mailto)
		b.WriteString("\">")
		escapeHTML(b, r.t(lang, "logbook.comms.mail"))
		b.WriteString("</a>")
		if !d.Full {
			b.WriteString(` <span class="meta">`)
			escapeHTML(b, r.t(lang, "logbook.comms.paste_body"))
			b.WriteString(`</span>`)
		}
		if d.NoAddress {
			b.WriteString(` <span class="c-due">`)
			escapeHTML(b, r.t(lang, "logbook.comms.no_address"))
			b.WriteString(`</span>`)
		}
		b.WriteString("</p>")
	}
	b.WriteString("\n<p><label for=\"")
	escapeHTML(b, d.Anchor)
	b.WriteString("-text\">")
	escapeHTML(b, d.TextLabel)
	b.WriteString("</label></p>\n<textarea id=\"")
	escapeHTML(b, d.Anchor)
	b.WriteString("-text\" readonly rows=\"")
	b.WriteString(strconv.Itoa(d.Rows))
	b.WriteString("\" cols=\"72\">")
	escapeHTML(b, d.Text)
	b.WriteString("</textarea>\n</details>")
}

// writeLocal writes a text in its language's span, as the layouts write
// <span{{with .Lang}} lang="{{.}}"{{end}}>{{.}}</span>.
func writeLocal(b *strings.Builder, l local) {
	b.WriteString("<span")
	writeLang(b, l.Lang)
	b.WriteString(">")
	escapeHTML(b, l.Text)
	b.WriteString("</span>")
}

// auditHTML writes the audit trails of v, an incident's or a maintenance
// window's page, as the partial "audit" does.
func (r *renderer) auditHTML(lang string, v any) template.HTML {
	var audits []auditData
	switch v := v.(type) {
	case *incidentPage:
		audits = v.Audits
	case *maintenancePage:
		audits = v.Audits
	default:
		return ""
	}
	var b strings.Builder
	b.Grow(2048)
	t := func(key string, args ...string) { escapeHTML(&b, r.t(lang, key, args...)) }
	b.WriteString("\n<section class=\"audit\" aria-labelledby=\"h-audit\">\n<h2 id=\"h-audit\">")
	t("logbook.audit.heading")
	b.WriteString("</h2>")
	for i := range audits {
		a := &audits[i]
		if !a.History {
			if i == 0 {
				b.WriteString("\n<p class=\"none\">")
				t("logbook.audit.no_history")
				b.WriteString("</p>")
			}
			continue
		}
		b.WriteString("\n<h3 id=\"audit-")
		b.WriteString(strconv.Itoa(i))
		b.WriteString("\">")
		escapeHTML(&b, a.Label)
		b.WriteString(": <code>")
		escapeHTML(&b, a.File)
		b.WriteString("</code></h3>")
		if len(a.Trail) == 0 {
			b.WriteString("\n<p class=\"uncommitted\"><strong>")
			t("logbook.audit.never_committed")
			b.WriteString("</strong> ")
			t("logbook.audit.never_committed_text")
			b.WriteString("</p>")
			continue
		}
		if a.Uncommitted {
			b.WriteString("\n<p class=\"uncommitted\"><strong>")
			t("logbook.audit.uncommitted")
			b.WriteString("</strong> ")
			t("logbook.audit.uncommitted_text")
			b.WriteString("</p>")
		}
		b.WriteString("\n<dl class=\"facts\">\n<div><dt>")
		t("logbook.audit.registered")
		b.WriteString("</dt><dd>")
		if c := a.Registered; c != nil {
			b.WriteString(string(r.whenHTML(lang, c.Time)))
			b.WriteString(", ")
			t("logbook.audit.by", "author", c.Author)
			b.WriteString(" · ")
			writeAuditCommit(&b, c)
		} else {
			b.WriteString(`<span class="none">`)
			t("logbook.audit.registered_unknown")
			b.WriteString(`</span>`)
		}
		b.WriteString("</dd></div>\n</dl>\n<table>\n<caption>")
		t("logbook.audit.caption", "n", strconv.Itoa(len(a.Trail)))
		b.WriteString("</caption>\n")
		r.writeHead(&b, lang, "logbook.audit.col.date", "logbook.audit.col.author", "logbook.audit.col.subject", "logbook.audit.col.change", "logbook.audit.col.commit")
		b.WriteString("\n<tbody>")
		for j := range a.Trail {
			c := &a.Trail[j]
			b.WriteString("\n<tr><th scope=\"row\">")
			b.WriteString(string(r.whenHTML(lang, c.Time)))
			b.WriteString("</th><td>")
			escapeHTML(&b, c.Author)
			b.WriteString("</td><td>")
			escapeHTML(&b, c.Subject)
			b.WriteString("</td><td>")
			escapeHTML(&b, c.KindLabel)
			if c.Path != "" {
				b.WriteString(` <span class="meta">(<code>`)
				escapeHTML(&b, c.Path)
				b.WriteString(`</code>)</span>`)
			}
			b.WriteString("</td><td>")
			writeAuditCommit(&b, c)
			b.WriteString("</td></tr>")
		}
		b.WriteString("\n</tbody>\n</table>")
	}
	b.WriteString("\n</section>\n")
	return template.HTML(b.String())
}

// writeAuditCommit writes a commit as the partial "audit-commit" does.
func writeAuditCommit(b *strings.Builder, c *changeData) {
	if c.Href != "" {
		b.WriteString(`<a href="`)
		escapeURL(b, c.Href)
		b.WriteString(`"><code>`)
		escapeHTML(b, c.Short)
		b.WriteString(`</code></a>`)
		return
	}
	b.WriteString(`<code title="`)
	escapeHTML(b, c.Hash)
	b.WriteString(`">`)
	escapeHTML(b, c.Short)
	b.WriteString(`</code>`)
}

// escapeURLPart writes s as html/template escapes a value in a URL's
// query or fragment: every byte but letters, digits and "-._~"
// percent-encoded (the result needs no further escaping in an attribute).
func escapeURLPart(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

// legalHTML writes the legal clocks of v, an incident's page, as the
// partial "legal" does: per regulation, the decision and its checklist,
// each stage's clock, the authorities' requests and the drafts.
func (r *renderer) legalHTML(lang string, v any) template.HTML {
	p, ok := v.(*incidentPage)
	if !ok || len(p.Legal) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(8192 * len(p.Legal))
	t := func(key string, args ...string) { escapeHTML(&b, r.t(lang, key, args...)) }
	for i := range p.Legal {
		l := &p.Legal[i]
		b.WriteString("\n<section class=\"legal\" id=\"")
		escapeHTML(&b, l.Anchor)
		b.WriteString("\" aria-labelledby=\"h-")
		escapeHTML(&b, l.Anchor)
		b.WriteString("\">\n<h2 id=\"h-")
		escapeHTML(&b, l.Anchor)
		b.WriteString("\">")
		t("logbook.legal.heading")
		b.WriteString(": ")
		writeLocal(&b, l.Title)
		b.WriteString("</h2>\n<p class=\"meta\">")
		escapeHTML(&b, l.Article)
		b.WriteString("</p>\n\n<h3>")
		t("logbook.legal.decision")
		b.WriteString("</h3>\n<p")
		writeLang(&b, l.Question.Lang)
		b.WriteString(">")
		escapeHTML(&b, l.Question.Text)
		b.WriteString("</p>\n")
		if d := l.Decision; d != nil {
			b.WriteString("\n<dl class=\"facts\">\n<div><dt>")
			t("logbook.legal.decided")
			b.WriteString("</dt><dd><strong class=\"d-")
			if d.Notify {
				b.WriteString("yes")
			} else {
				b.WriteString("no")
			}
			b.WriteString("\">")
			escapeHTML(&b, d.NotifyLabel)
			b.WriteString("</strong></dd></div>\n<div><dt>")
			t("logbook.legal.decided_by")
			b.WriteString("</dt><dd>")
			r.writePerson(&b, lang, &d.By)
			b.WriteString("</dd></div>\n<div><dt>")
			t("logbook.legal.decided_at")
			b.WriteString("</dt><dd>")
			b.WriteString(string(r.whenHTML(lang, d.At)))
			b.WriteString("</dd></div>\n</dl>\n")
			if d.Reason != "" {
				b.WriteString("<p><strong>")
				t("logbook.legal.reason")
				b.WriteString(":</strong> ")
				escapeHTML(&b, d.Reason)
				b.WriteString("</p>")
			}
			b.WriteString("\n")
		} else {
			b.WriteString("<p><strong class=\"c-due\">")
			t("logbook.legal.no_decision")
			b.WriteString("</strong></p>")
		}
		b.WriteString("\n<h4>")
		t("logbook.legal.criteria")
		b.WriteString("</h4>\n<ul class=\"checklist\">")
		for j := range l.Criteria {
			c := &l.Criteria[j]
			if c.Ticked {
				b.WriteString("\n<li class=\"ticked\"><span aria-hidden=\"true\">☑</span> <span class=\"visually-hidden\">")
				t("logbook.legal.met")
			} else {
				b.WriteString("\n<li class=\"unticked\"><span aria-hidden=\"true\">☐</span> <span class=\"visually-hidden\">")
				t("logbook.legal.not_met")
			}
			b.WriteString(":</span> ")
			writeLocal(&b, c.Text)
			b.WriteString(" <span class=\"meta\">(")
			escapeHTML(&b, c.Article)
			b.WriteString(")</span></li>")
		}
		b.WriteString("\n</ul>")
		if len(l.Conditions) > 0 {
			b.WriteString("\n<h4>")
			t("logbook.legal.conditions")
			b.WriteString("</h4>\n<ul class=\"checklist\">")
			for j := range l.Conditions {
				c := &l.Conditions[j]
				b.WriteString("\n<li class=\"cond-")
				escapeHTML(&b, c.State)
				b.WriteString("\"><strong>")
				escapeHTML(&b, c.StateLabel)
				b.WriteString("</strong>: ")
				writeLocal(&b, c.Text)
				b.WriteString(" <span class=\"meta\">(")
				escapeHTML(&b, c.Article)
				b.WriteString(")</span></li>")
			}
			b.WriteString("\n</ul>")
		}
		b.WriteString("\n\n<h3>")
		t("logbook.legal.clocks")
		b.WriteString("</h3>\n<div class=\"scroll\"><table>\n")
		r.writeHead(&b, lang, "logbook.legal.stage", "logbook.legal.recipients", "logbook.legal.deadline", "logbook.col.state")
		b.WriteString("\n<tbody>")
		for j := range l.Stages {
			r.writeStage(&b, lang, &l.Stages[j])
		}
		b.WriteString("\n</tbody>\n</table></div>\n\n<h3>")
		t("logbook.legal.requests")
		b.WriteString("</h3>\n")
		if len(l.Requests) > 0 {
			b.WriteString("\n<table>\n")
			r.writeHead(&b, lang, "logbook.legal.stage", "logbook.legal.requested_by", "logbook.legal.requested_at", "logbook.legal.requested_due")
			b.WriteString("\n<tbody>")
			for j := range l.Requests {
				q := &l.Requests[j]
				b.WriteString("\n<tr><th scope=\"row\">")
				writeLocal(&b, q.Stage)
				b.WriteString("</th><td>")
				r.writePerson(&b, lang, &q.From)
				b.WriteString("</td><td>")
				b.WriteString(string(r.whenHTML(lang, q.At)))
				b.WriteString("</td><td>")
				if q.Due.IsZero() {
					t("logbook.legal.at_once")
				} else {
					b.WriteString(string(r.whenHTML(lang, q.Due)))
				}
				b.WriteString("</td></tr>")
			}
			b.WriteString("\n</tbody>\n</table>\n")
		} else {
			b.WriteString("<p class=\"none\">")
			t("logbook.none")
			b.WriteString("</p>")
		}
		for _, d := range l.Drafts {
			r.writeLegalDraft(&b, lang, d)
		}
		b.WriteString("\n</section>")
	}
	return template.HTML(b.String())
}

// writeStage writes a stage's row of the clocks' table, with the
// partials "deadline" and "stage-state".
func (r *renderer) writeStage(b *strings.Builder, lang string, s *stageData) {
	t := func(key string, args ...string) { escapeHTML(b, r.t(lang, key, args...)) }
	b.WriteString("\n<tr id=\"")
	escapeHTML(b, s.Anchor)
	b.WriteString("\" class=\"c-")
	escapeHTML(b, s.State)
	b.WriteString("\"><th scope=\"row\">")
	writeLocal(b, s.Title)
	b.WriteString("<br><span class=\"meta\">")
	escapeHTML(b, s.Article)
	b.WriteString("</span>")
	if s.Draft != nil {
		b.WriteString("<br><a href=\"#")
		escapeURLPart(b, s.Draft.Anchor)
		b.WriteString("\">")
		t("logbook.draft.link")
		b.WriteString("</a>")
	}
	b.WriteString("</th>\n<td><ul class=\"plain\">")
	for i := range s.Recipients {
		rc := &s.Recipients[i]
		b.WriteString("<li>")
		r.writePerson(b, lang, &rc.Role)
		b.WriteString(" <span class=\"meta\">(")
		escapeHTML(b, rc.StateLabel)
		b.WriteString(")</span></li>")
	}
	b.WriteString("</ul></td>\n<td>")
	// "deadline"
	switch {
	case s.Immediate:
		t("logbook.legal.immediate")
		if !s.Start.IsZero() {
			b.WriteString(" (")
			t("logbook.legal.since")
			b.WriteString(" ")
			b.WriteString(string(r.whenHTML(lang, s.Start)))
			b.WriteString(")")
		}
	case s.DayEnd:
		t("logbook.legal.by_end_of")
		b.WriteString(" ")
		b.WriteString(string(r.dayHTML(lang, s.EndOfDay)))
	default:
		b.WriteString(string(r.whenHTML(lang, s.Deadline))) // noneHTML when zero
	}
	b.WriteString("</td>\n<td>")
	// "stage-state"
	b.WriteString(`<strong class="c-`)
	escapeHTML(b, s.State)
	b.WriteString(`">`)
	escapeHTML(b, s.StateLabel)
	b.WriteString(`</strong>`)
	switch s.State {
	case "met":
		b.WriteString(" ")
		b.WriteString(string(r.whenHTML(lang, s.At)))
		if n := s.By; n != nil {
			b.WriteString(" · ")
			escapeHTML(b, n.Kind)
			if n.To != nil {
				b.WriteString(" → ")
				escapeHTML(b, n.To.Name)
			}
			if n.Reference != "" {
				b.WriteString(" (")
				escapeHTML(b, n.Reference)
				b.WriteString(")")
			}
		}
		if s.Late != "" {
			b.WriteString(` · <strong class="c-missed">`)
			t("logbook.legal.late", "duration", s.Late)
			b.WriteString(`</strong>`)
		} else if !s.Immediate && !s.Deadline.IsZero() {
			b.WriteString(" · ")
			t("logbook.legal.on_time")
		}
	case "due":
		if s.Left != "" {
			b.WriteString(" · ")
			t("logbook.legal.left", "duration", s.Left)
		}
	case "missed":
		b.WriteString(" · ")
		t("logbook.legal.over", "duration", s.Over)
	}
	if s.Note != "" {
		b.WriteString(`<br><span class="meta">`)
		escapeHTML(b, s.Note)
		b.WriteString(`</span>`)
	}
	for _, e := range s.Elsewhere {
		b.WriteString(`<br><span class="c-due">`)
		escapeHTML(b, e)
		b.WriteString(`</span>`)
	}
	b.WriteString("</td></tr>")
}

// writeLegalDraft writes a report's draft as the partial "legal" does.
func (r *renderer) writeLegalDraft(b *strings.Builder, lang string, d *draft) {
	t := func(key string, args ...string) { escapeHTML(b, r.t(lang, key, args...)) }
	b.WriteString("\n<section class=\"draft\" id=\"")
	escapeHTML(b, d.Anchor)
	b.WriteString("\" aria-labelledby=\"h-")
	escapeHTML(b, d.Anchor)
	b.WriteString("\">\n<h3 id=\"h-")
	escapeHTML(b, d.Anchor)
	b.WriteString("\">")
	t("logbook.draft.heading")
	b.WriteString(": ")
	writeLocal(b, d.Stage)
	b.WriteString("</h3>\n<p><strong>")
	t("logbook.draft.to")
	b.WriteString(":</strong> ")
	for i := range d.To {
		if i > 0 {
			b.WriteString("; ")
		}
		r.writePerson(b, lang, &d.To[i])
	}
	b.WriteString("<br>\n<strong>")
	t("logbook.draft.subject_label")
	b.WriteString(":</strong> ")
	escapeHTML(b, d.Subject)
	b.WriteString("</p>")
	if d.Blanks != 0 {
		b.WriteString("\n<p class=\"c-due\">")
		t("logbook.draft.blanks", "n", strconv.Itoa(d.Blanks))
		b.WriteString("</p>")
	}
	b.WriteString("\n<dl class=\"draft-fields\">")
	for i := range d.Fields {
		f := &d.Fields[i]
		b.WriteString("\n<dt>")
		escapeHTML(b, f.Label)
		if f.Article != "" {
			b.WriteString(` <span class="meta">(`)
			escapeHTML(b, f.Article)
			b.WriteString(`)</span>`)
		}
		if f.Blank {
			b.WriteString("</dt>\n<dd class=\"blank\"><mark>")
			escapeHTML(b, f.Value)
			b.WriteString("</mark></dd>")
		} else {
			b.WriteString("</dt>\n<dd><span class=\"pre\">")
			escapeHTML(b, f.Value)
			b.WriteString("</span></dd>")
		}
	}
	b.WriteString("\n</dl>\n<p><a href=\"")
	escapeURL(b, d.Mailto)
	b.WriteString("\">")
	t("logbook.draft.mail")
	b.WriteString("</a>")
	if !d.Full {
		b.WriteString(` <span class="meta">`)
		t("logbook.draft.subject_only")
		b.WriteString(`</span>`)
	}
	b.WriteString(" · <a href=\"")
	escapeURL(b, d.File)
	b.WriteString("\" download type=\"text/plain\">")
	t("logbook.draft.download")
	b.WriteString("</a></p>\n<p><label for=\"")
	escapeHTML(b, d.Anchor)
	b.WriteString("-text\">")
	t("logbook.draft.plain")
	b.WriteString("</label></p>\n<textarea id=\"")
	escapeHTML(b, d.Anchor)
	b.WriteString("-text\" readonly rows=\"14\" cols=\"80\">")
	escapeHTML(b, d.Text)
	b.WriteString("</textarea>\n</section>")
}

// writeLang writes the attribute lang="code", escaped, unless code is "".
func writeLang(b *strings.Builder, code string) {
	if code != "" {
		b.WriteString(` lang="`)
		escapeHTML(b, code)
		b.WriteString(`"`)
	}
}

// writeHead writes a table's head, one column per UI string of keys:
// <thead><tr><th scope="col">…</th>…</tr></thead>.
func (r *renderer) writeHead(b *strings.Builder, lang string, keys ...string) {
	b.WriteString("<thead><tr>")
	for _, k := range keys {
		b.WriteString(`<th scope="col">`)
		escapeHTML(b, r.t(lang, k))
		b.WriteString("</th>")
	}
	b.WriteString("</tr></thead>")
}

package logbook

import (
	"html/template"
	"strconv"
	"strings"
)

// The partials "comms" (the communication checklist, with its drafts)
// and "audit" (the audit trail) are a third of an incident page's
// markup and, in html/template, a third of the logbook's rendering time
// (10,000 incidents: 15 of 41 s of user CPU). Their default definitions
// (layouts/logbook/partials/comms.html and audit.html) call commsHTML and
// auditHTML, which write the same markup from Go, as partials.go does
// for "when", "day" and "person".
//
// The markup includes other partials: "comms-state", "person", "when"
// and "day" for the checklist, "audit-commit" and "when" for the trail.
// A page set in which a site's layout defines any of these again gets
// functions that return "" (layouts), and the partial then writes its
// markup through html/template, the site's partials included. A page
// given something other than an incident's or a maintenance window's
// page, or nothing to show, gets "" too. TestSectionsMatchLayouts proves
// that both ways write the same bytes.

// commsPartials and auditPartials are the partials whose markup commsHTML
// and auditHTML write.
var (
	commsPartials = []string{"comms-state", "person", "when", "day"}
	auditPartials = []string{"audit-commit", "when"}
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
		b.WriteString("\">\n<thead><tr><th scope=\"col\">")
		t("logbook.comms.moment")
		b.WriteString("</th><th scope=\"col\">")
		t("logbook.col.state")
		b.WriteString("</th><th scope=\"col\">")
		t("logbook.comms.drafts")
		b.WriteString("</th></tr></thead>\n<tbody>")
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
		escapeHTML(b, normalizeURL(filterURL(d.Mailto)))
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
	if l.Lang != "" {
		b.WriteString(` lang="`)
		escapeHTML(b, l.Lang)
		b.WriteString(`"`)
	}
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
		b.WriteString("</caption>\n<thead><tr><th scope=\"col\">")
		t("logbook.audit.col.date")
		b.WriteString("</th><th scope=\"col\">")
		t("logbook.audit.col.author")
		b.WriteString("</th><th scope=\"col\">")
		t("logbook.audit.col.subject")
		b.WriteString("</th><th scope=\"col\">")
		t("logbook.audit.col.change")
		b.WriteString("</th><th scope=\"col\">")
		t("logbook.audit.col.commit")
		b.WriteString("</th></tr></thead>\n<tbody>")
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
		escapeHTML(b, normalizeURL(filterURL(c.Href)))
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

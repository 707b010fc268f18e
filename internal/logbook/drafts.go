package logbook

import (
	"slices"
	"strings"

	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/regulation"
)

// draft is a ready report for a stage: the fields the article requires,
// filled from the record where it holds them, as a page shows them, as
// plain text for an authority's web form, and as a mailto: link to the
// contacts of the stage's recipient roles.
type draft struct {
	// Anchor is the draft's fragment id on the incident page; File is
	// the plain-text copy, relative to the page.
	Anchor, File string
	Stage        local
	Subject      string
	To           []person
	Fields       []draftField
	Text         string
	// Mailto is the link; Full reports whether it carries the body as
	// well as the subject (a long body would make a link that mail
	// programs cut off).
	Mailto string
	Full   bool
	// Blanks counts the fields left to fill.
	Blanks int
}

// draftField is one labelled field of a draft: Value from the record,
// or Blank, and then Value says what to fill in.
type draftField struct {
	Label, Article, Value string
	Blank                 bool
}

// maxMailto bounds a mailto: link: longer ones are cut by some mail
// programs and browsers (about 2,000 characters).
const maxMailto = 1800

// mailto returns a mailto: link (RFC 6068) to the addresses with subject
// and body, and whether it holds the body: when the whole link would be
// longer than max, it carries the subject only.
func mailto(to []string, subject, body string, max int) (string, bool) {
	var addrs []string
	for _, a := range to {
		addrs = append(addrs, escapeMailto(a, true))
	}
	head := "mailto:" + strings.Join(addrs, ",") + "?subject=" + escapeMailto(subject, false)
	// RFC 6068 section 5: line breaks in a body are CRLF.
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n")
	full := head + "&body=" + escapeMailto(body, false)
	if len(full) <= max {
		return full, true
	}
	return head, false
}

// escapeMailto percent-encodes s for a mailto: link: every byte but the
// unreserved ones, and "@" in an address.
func escapeMailto(s string, addr bool) string {
	var b strings.Builder
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			b.WriteByte(c)
		case c == '@' && addr:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// itemSources names, for a content item's id, the sections of the
// incident (or of its RCA, "rca:" ones) that answer it, best first,
// after a section of the item's own id. "updates" is the latest
// published update; "dpo" the holders of the dpo role.
var itemSources = map[string][]string{
	"root-cause":           {"rca:root-cause"},
	"description":          {"what-happened", "rca:summary", "summary"},
	"nature":               {"what-happened", "data-involved", "rca:summary", "summary"},
	"initial-assessment":   {"impact", "risk-assessment", "updates"},
	"consequences":         {"impact", "risk-assessment"},
	"mitigation":           {"measures", "immediate-actions", "rca:corrective-actions", "prevention"},
	"measures":             {"measures", "immediate-actions", "prevention", "rca:corrective-actions"},
	"status":               {"updates"},
	"progress":             {"updates"},
	"early-warning-update": {"updates"},
	"impact":               {"rca:impact"},
	"contact":              {"dpo"},
}

// draft is the report of st, a stage of c, in the page's language; it
// writes the plain-text copy next to the page.
func (w *pageWriter) draft(inc *model.Incident, c *model.Clocks, st *regulation.Status) *draft {
	r, lang := w.r, w.lang
	s := st.Stage
	name := c.Regulation.Name + "-" + s.ID
	d := &draft{Anchor: "draft-" + name, File: "drafts/" + name + ".txt", Stage: w.stageTitle(s)}
	title := r.local(lang, inc.Title).Text
	d.Subject = r.t(lang, "logbook.draft.subject", "regulation", w.regTitle(c.Regulation).Text, "stage", d.Stage.Text, "title", title, "id", inc.ID)

	var addrs []string
	for _, role := range s.To {
		p := w.role(role)
		d.To = append(d.To, p)
		for _, h := range p.Holders {
			if h.Email != "" && !slices.Contains(addrs, h.Email) {
				addrs = append(addrs, h.Email)
			}
		}
	}

	// The facts every report opens with.
	status := r.t(lang, "update."+string(inc.Status()))
	if inc.IsResolved() {
		status += " (" + r.dateTime(lang, inc.Resolved) + ")"
	}
	var services []string
	for _, imp := range inc.Impacts {
		services = append(services, r.text(lang, imp.Service.Name)+": "+r.t(lang, "status."+string(imp.Level)))
	}
	add := func(label, article, value string) {
		f := draftField{Label: label, Article: article, Value: strings.TrimSpace(value)}
		if f.Value == "" {
			f.Blank, f.Value = true, r.t(lang, "logbook.draft.to_fill", "what", label)
			d.Blanks++
		}
		d.Fields = append(d.Fields, f)
	}
	add(r.t(lang, "logbook.draft.incident"), "", title+" ("+inc.ID+")")
	add(r.t(lang, "logbook.col.detected"), "", r.dateTime(lang, inc.Detected))
	add(r.t(lang, "logbook.col.severity"), "", inc.Severity)
	add(r.t(lang, "logbook.draft.services"), "", strings.Join(services, "; "))
	add(r.t(lang, "logbook.col.status"), "", status)
	for _, it := range st.Content() {
		label := r.local(lang, it.Text).Text
		d.Fields = append(d.Fields, draftField{Label: label, Article: it.Article})
		f := &d.Fields[len(d.Fields)-1]
		f.Value = strings.TrimSpace(w.fill(inc, it.ID))
		if f.Value == "" {
			f.Blank, f.Value = true, r.t(lang, "logbook.draft.to_fill", "what", label)
			d.Blanks++
		}
	}

	// The body is what the e-mail holds; the plain text adds the subject
	// and the addresses above it, for a web form.
	var b strings.Builder
	b.WriteString(r.t(lang, "logbook.draft.stage_article", "article", s.Article) + "\n")
	for _, f := range d.Fields {
		b.WriteString("\n" + f.Label)
		if f.Article != "" {
			b.WriteString(" (" + f.Article + ")")
		}
		b.WriteString("\n" + f.Value + "\n")
	}
	body := b.String()
	head := r.t(lang, "logbook.draft.subject_label") + ": " + d.Subject + "\n"
	if len(addrs) > 0 {
		head += r.t(lang, "logbook.draft.to") + ": " + strings.Join(addrs, ", ") + "\n"
	}
	d.Text = head + "\n" + body
	d.Mailto, d.Full = mailto(addrs, d.Subject, body, maxMailto)
	r.put(r.path(lang, incidentPath(inc.ID)+d.File), []byte(d.Text))
	return d
}

// fill is the record's answer to the content item id, as plain text in
// the page's language, or "".
func (w *pageWriter) fill(inc *model.Incident, id string) string {
	for _, src := range slices.Concat(itemSources[id], []string{id, "rca:" + id}) {
		if v := w.source(inc, src); v != "" {
			return v
		}
	}
	return ""
}

func (w *pageWriter) source(inc *model.Incident, src string) string {
	r, lang := w.r, w.lang
	switch src {
	case "updates":
		for i := len(inc.Updates) - 1; i >= 0; i-- {
			u := inc.Updates[i]
			if msg := r.local(lang, u.Message).Text; strings.TrimSpace(msg) != "" {
				return r.dateTime(lang, u.At) + ", " + r.t(lang, "update."+string(u.Status)) + ": " + r.messageText(msg)
			}
		}
		return ""
	case "dpo":
		var out []string
		for _, c := range r.holders["dpo"] {
			parts := []string{c.Name}
			for _, v := range []string{c.Organisation, c.Email, c.Phone} {
				if v != "" {
					parts = append(parts, v)
				}
			}
			out = append(out, strings.Join(parts, ", "))
		}
		return strings.Join(out, "\n")
	}
	ss := inc.Sections
	if id, ok := strings.CutPrefix(src, "rca:"); ok {
		if inc.RCA == nil {
			return ""
		}
		ss, src = inc.RCA.Sections, id
	}
	for _, s := range w.sections(ss, "") {
		if s.ID == src {
			// As the page shows it: no raw HTML, comments or markup.
			return r.sectionText(s.Markdown)
		}
	}
	return ""
}

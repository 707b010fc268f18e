package logbook

import (
	"fmt"
	"html/template"
	"strings"
	"time"
)

// The partials "when", "day" and "person" (layouts/logbook/partials/
// parts.html) are on every logbook page dozens of times: every moment,
// day and person shown. In html/template each action of theirs is a
// reflect call that allocates, and together they were a quarter of the
// allocations of the logbook's rendering. Their default definitions call
// whenHTML, dayHTML and personHTML, which write the same markup at once,
// escaped as html/template escapes it there.
//
// A value of a type the function does not know gives "", and the partial
// then writes its markup itself, as before: a site's layout that passes
// its partial something else renders as it did. A site's own definition
// of a partial replaces the default, as every layout does.
// TestPartialsMatchLayouts proves that both ways write the same bytes.

// noneHTML is what the partials write for nothing: no moment, no day, no
// person.
const noneHTML template.HTML = `<span class="none">—</span>`

// whenHTML writes the moment v (a time.Time) as the "when" partial does.
func (r *renderer) whenHTML(lang string, v any) template.HTML {
	return timeHTML(v, func(t time.Time) template.HTML { return timeElement(r.iso(t), r.dateTime(lang, t)) })
}

// dayHTML writes the day of v (a time.Time) as the "day" partial does.
func (r *renderer) dayHTML(lang string, v any) template.HTML {
	return timeHTML(v, func(t time.Time) template.HTML { return timeElement(t.Format("2006-01-02"), r.date(lang, t)) })
}

// timeHTML is what the partials of a time write for v: "" for a value
// that is no time.Time (the partial then writes its own markup),
// noneHTML for the zero time, else write's markup.
func timeHTML(v any, write func(time.Time) template.HTML) template.HTML {
	t, ok := v.(time.Time)
	switch {
	case !ok:
		return ""
	case t.IsZero():
		return noneHTML
	}
	return write(t)
}

// timeElement is <time datetime="datetime">text</time>, both escaped.
func timeElement(datetime, text string) template.HTML {
	var b strings.Builder
	b.WriteString(`<time datetime="`)
	escapeHTML(&b, datetime)
	b.WriteString(`">`)
	escapeHTML(&b, text)
	b.WriteString(`</time>`)
	return template.HTML(b.String())
}

// personHTML writes v (a person or a *person) as the "person" partial
// does: a role with the contacts who hold it, or a person with how to
// reach them.
func (r *renderer) personHTML(lang string, v any) template.HTML {
	var p *person
	switch v := v.(type) {
	case nil:
		return noneHTML
	case *person:
		if v == nil {
			return noneHTML
		}
		p = v
	case person:
		p = &v
	default:
		return ""
	}
	var b strings.Builder
	r.writePerson(&b, lang, p)
	if b.Len() == 0 {
		return ""
	}
	return template.HTML(b.String())
}

func (r *renderer) writePerson(b *strings.Builder, lang string, p *person) {
	if p.Role {
		escapeHTML(b, p.Name)
		b.WriteString(` <span class="meta">(`)
		escapeHTML(b, r.t(lang, "logbook.role"))
		b.WriteString(`)</span>`)
		if len(p.Holders) == 0 {
			b.WriteString(`: <strong>`)
			escapeHTML(b, r.t(lang, "logbook.role_unheld"))
			b.WriteString(`</strong>`)
			return
		}
		b.WriteString(`: `)
		for i := range p.Holders {
			if i > 0 {
				b.WriteString(`; `)
			}
			r.writePerson(b, lang, &p.Holders[i])
		}
		return
	}
	escapeHTML(b, p.Name)
	if p.Organisation != "" {
		b.WriteString(` (`)
		escapeHTML(b, p.Organisation)
		b.WriteString(`)`)
	}
	if !p.Known {
		return
	}
	b.WriteString(`<span class="contact">`)
	if p.Phone != "" {
		b.WriteString(` · <a href="tel:`)
		escapeHTML(b, normalizeURL(p.Phone))
		b.WriteString(`">`)
		escapeHTML(b, p.Phone)
		b.WriteString(`</a>`)
	}
	if p.Email != "" {
		b.WriteString(` · <a href="`)
		escapeURL(b, p.MailHref())
		b.WriteString(`">`)
		escapeHTML(b, p.Email)
		b.WriteString(`</a>`)
	}
	if p.Chat != "" {
		b.WriteString(` · `)
		escapeHTML(b, p.Chat)
	}
	b.WriteString(`</span>`)
}

// escapeHTML writes s to b escaped as html/template escapes a string in
// text or in a quoted attribute value: NUL becomes U+FFFD, and " & ' + <
// > character references.
func escapeHTML(b *strings.Builder, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
	}
	b.WriteString(s[written:])
}

// escapeURL writes s as html/template escapes a value that begins a URL
// attribute (href="{{.}}"): filtered (filterURL), normalized
// (normalizeURL), then escaped for the attribute.
func escapeURL(b *strings.Builder, s string) {
	escapeHTML(b, normalizeURL(filterURL(s)))
}

// writeJoined writes the texts of list, each escaped, with sep between
// them, as the layouts' {{range $i, $x := .}}{{if $i}}, {{end}}{{$x}}{{end}}.
func writeJoined(b *strings.Builder, list []string, sep string) {
	for i, s := range list {
		if i > 0 {
			b.WriteString(sep)
		}
		escapeHTML(b, s)
	}
}

// filterURL returns s when it is a relative URL or its scheme is http,
// https or mailto, else "#ZgotmplZ", as html/template filters a value
// that begins a URL attribute.
func filterURL(s string) string {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		if !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			return "#ZgotmplZ"
		}
	}
	return s
}

// normalizeURL percent-encodes the bytes of s that may not stand in a URL,
// as html/template normalizes a value in a URL attribute: it keeps
// letters, digits, "-._~", the reserved characters "!#$&*+,/:;=?@[]" and
// escapes already made (% and two hexadecimal digits).
func normalizeURL(s string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

package logbook

import (
	"html/template"
	"strings"
)

// The frame of every logbook page (layouts/logbook/base.html: head,
// banner, navigation, footer) was a sixth of the logbook's CPU once the
// incident pages were written from Go (BenchmarkPhases, 1,000
// incidents): two dozen UI strings and a dozen links, each an
// html/template action, on every page. Its default definition calls
// frameHTML, which writes the same markup from Go around the page's
// content, on the page sets where base.html is the built-in one;
// elsewhere the function gives nil and the layout writes its markup
// itself. TestFrameMatchesLayout proves both ways write the same bytes.

// frameParts is a page's frame, before and after its content.
type frameParts struct{ Top, Foot template.HTML }

// framer's page, for frameHTML.
func (f *framed) framePage() *page { return f.page }

// frameHTML writes the frame of v, a page's data, as base.html does; nil
// for a value that is no page.
func (r *renderer) frameHTML(lang string, v any) *frameParts {
	f, ok := v.(interface{ framePage() *page })
	if !ok || f.framePage() == nil {
		return nil
	}
	p := f.framePage()
	var b strings.Builder
	b.Grow(4096)
	t := func(key string, args ...string) { escapeHTML(&b, r.t(lang, key, args...)) }
	url := func(prefix, rest string) {
		escapeURL(&b, prefix)
		b.WriteString(rest)
	}
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	escapeHTML(&b, p.Lang)
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>")
	if p.Title != "" {
		escapeHTML(&b, p.Title)
		b.WriteString(" · ")
	}
	t("logbook.title", "site", p.SiteTitle)
	b.WriteString("</title>\n<meta name=\"color-scheme\" content=\"light dark\">\n<link rel=\"stylesheet\" href=\"")
	url(p.Static, "logbook.css")
	b.WriteString("\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">")
	t("skip")
	b.WriteString("</a>\n<div class=\"internal\" role=\"note\"><div class=\"wrap\"><strong>")
	t("logbook.internal")
	b.WriteString("</strong> ")
	t("logbook.internal_text")
	b.WriteString("</div></div>\n<header class=\"top\">\n<div class=\"wrap\">\n<a class=\"brand\" href=\"")
	url(p.Home, "")
	b.WriteString("\">")
	t("logbook.title", "site", p.SiteTitle)
	b.WriteString("</a>\n<nav aria-label=\"")
	t("logbook.nav")
	b.WriteString("\"><ul class=\"inline\">")
	for _, l := range []struct{ path, key string }{
		{"", "logbook.register"}, {"deadlines/", "logbook.deadlines"}, {"contacts/", "logbook.contacts"},
		{"actions/", "logbook.actions_all"}, {"exercises/", "logbook.exercises"}, {"maintenance/", "logbook.maintenance"},
		{"breaches/", "logbook.breaches"}, {"compliance/", "logbook.compliance"}, {"metrics/", "logbook.metrics"},
	} {
		b.WriteString("\n<li><a href=\"")
		url(p.Home, l.path)
		b.WriteString("\">")
		t(l.key)
		b.WriteString("</a></li>")
	}
	b.WriteString("\n<li><a href=\"")
	url(p.CSV, "")
	b.WriteString("\" type=\"text/csv\">")
	t("logbook.csv")
	b.WriteString("</a></li>\n<li><a href=\"")
	url(p.JSON, "")
	b.WriteString("\" type=\"application/json\">")
	t("logbook.json")
	b.WriteString("</a></li>\n</ul></nav>\n")
	if len(p.Alternates) > 0 {
		b.WriteString("<nav class=\"langs\" aria-label=\"")
		t("site.languages")
		b.WriteString("\"><ul class=\"inline\">")
		for _, a := range p.Alternates {
			b.WriteString("<li>")
			if a.Lang == p.Lang {
				b.WriteString("<span aria-current=\"page\">")
				escapeHTML(&b, a.Name)
				b.WriteString("</span>")
			} else {
				b.WriteString("<a href=\"")
				url(a.Href, "")
				b.WriteString("\" hreflang=\"")
				escapeHTML(&b, a.Lang)
				b.WriteString("\" lang=\"")
				escapeHTML(&b, a.Lang)
				b.WriteString("\">")
				escapeHTML(&b, a.Name)
				b.WriteString("</a>")
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ul></nav>")
	}
	b.WriteString("\n</div>\n</header>\n<main id=\"main\" class=\"wrap\">\n")
	top := b.String()
	b.Reset()
	b.WriteString("\n</main>\n<footer class=\"foot\">\n<div class=\"wrap\">\n<p class=\"small\">")
	t("logbook.built", "time", r.dateTime(lang, p.Now))
	b.WriteString("</p>\n</div>\n</footer>\n</body>\n</html>\n")
	return &frameParts{Top: template.HTML(top), Foot: template.HTML(b.String())}
}

// rowPartials are the templates whose markup rowHTML writes.
var rowPartials = []string{"register-row", "when"}

// rowHTML writes a register row as the partial "register-row" does; the
// register's rows are on every register and facet page (TestRowMatchesLayout).
func (r *renderer) rowHTML(lang string, rr *registerRow) template.HTML {
	var b strings.Builder
	b.Grow(1024)
	sort := func(v string) {
		if v != "" {
			b.WriteString(` data-sort="`)
			escapeHTML(&b, v)
			b.WriteString(`"`)
		}
	}
	b.WriteString("\n<tr class=\"vis-")
	escapeHTML(&b, rr.Visibility)
	b.WriteString("\" data-facets=\"")
	escapeHTML(&b, rr.Facets)
	b.WriteString("\">\n<th scope=\"row\" data-sort=\"")
	escapeHTML(&b, rr.Sort.Title)
	b.WriteString("\"><a href=\"")
	escapeURL(&b, rr.Href)
	b.WriteString("\"")
	writeLang(&b, rr.Title.Lang)
	b.WriteString(">")
	escapeHTML(&b, rr.Title.Text)
	b.WriteString("</a><br><code>")
	escapeHTML(&b, rr.ID)
	b.WriteString("</code></th>\n<td")
	writeLang(&b, rr.Category.Lang)
	b.WriteString(">")
	escapeHTML(&b, rr.Category.Text)
	b.WriteString("</td>\n<td")
	sort(rr.Sort.Severity)
	b.WriteString(">")
	escapeHTML(&b, rr.Severity)
	b.WriteString("</td>\n<td><span class=\"tag vis-")
	escapeHTML(&b, rr.Visibility)
	b.WriteString("\">")
	escapeHTML(&b, rr.VisibilityLabel)
	b.WriteString("</span></td>\n<td")
	sort(rr.Sort.Status)
	b.WriteString("><span class=\"u-")
	escapeHTML(&b, rr.Status)
	b.WriteString("\">")
	escapeHTML(&b, rr.StatusLabel)
	b.WriteString("</span></td>\n<td>")
	writeJoined(&b, rr.Services, ", ")
	b.WriteString("</td>\n<td>")
	b.WriteString(string(r.whenHTML(lang, rr.Detected)))
	b.WriteString("</td>\n<td")
	sort(rr.Sort.Resolved)
	b.WriteString(">")
	if rr.Ongoing {
		b.WriteString("<strong>")
		escapeHTML(&b, r.t(lang, "logbook.ongoing"))
		b.WriteString("</strong>")
	} else {
		b.WriteString(string(r.whenHTML(lang, rr.Resolved)))
	}
	b.WriteString("</td>\n<td")
	sort(rr.Sort.Duration)
	b.WriteString(">")
	escapeHTML(&b, rr.Duration)
	b.WriteString("</td>\n<td>")
	b.WriteString(string(r.whenHTML(lang, rr.Registered)))
	b.WriteString("</td>\n</tr>")
	return template.HTML(b.String())
}

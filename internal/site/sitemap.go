package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
)

// sitemap writes sitemap.xml, listing every page in every language with
// its alternates (hreflang), and robots.txt pointing at it.
func (r *renderer) sitemap() error {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	pages := []string{""}
	for _, inc := range r.v.Incidents {
		pages = append(pages, incidentPath(inc.ID))
	}
	for _, m := range r.v.Maintenance {
		pages = append(pages, maintenancePath(m.ID))
	}
	for _, s := range r.v.Services {
		pages = append(pages, servicePath(s.ID))
	}
	pages = append(pages, "history/")
	years, _ := r.historyYears()
	for _, y := range years {
		pages = append(pages, fmt.Sprintf("history/%d/", y))
	}
	esc := func(s string) string {
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	for _, p := range pages {
		for _, lang := range r.v.Languages {
			b.WriteString("<url><loc>" + esc(r.abs(lang, p)) + "</loc>")
			if len(r.v.Languages) > 1 {
				for _, alt := range r.v.Languages {
					b.WriteString(`<xhtml:link rel="alternate" hreflang="` + alt + `" href="` + esc(r.abs(alt, p)) + `"/>`)
				}
			}
			b.WriteString("</url>\n")
		}
	}
	b.WriteString("</urlset>\n")
	r.put("sitemap.xml", b.Bytes())
	r.put("robots.txt", []byte(strings.Join([]string{"User-agent: *", "Allow: /", "Sitemap: " + r.v.BaseURL + "sitemap.xml", ""}, "\n")))
	return nil
}

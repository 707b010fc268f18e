package site

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
)

// The sitemap protocol's limits for one file. Past either, sitemap.xml is
// an index of sitemap-1.xml, sitemap-2.xml… that hold the pages.
// Variables, so that a test can lower them.
var (
	maxSitemapURLs  = 50_000
	maxSitemapBytes = 50 << 20
)

// writtenPage is a page of its own that the pages step wrote, as the
// sitemap lists it: the sitemap is made from these records alone, so that
// it lists every page written and nothing else.
type writtenPage struct {
	// page and lang order the sitemap: each page, then its languages.
	page, lang int
	// loc is the page's address.
	loc string
	// alternates are the page in every language.
	alternates []alternate
}

// record adds p to the pages written. It is safe for concurrent use.
func (r *renderer) record(p writtenPage) {
	r.mu.Lock()
	r.written = append(r.written, p)
	r.mu.Unlock()
}

const (
	urlsetStart = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n"
	urlsetEnd   = "</urlset>\n"
)

// sitemap writes sitemap.xml, listing every page written in every
// language with its alternates (hreflang), and robots.txt pointing at it.
// It runs after every step that writes pages.
func (r *renderer) sitemap() error {
	slices.SortFunc(r.written, func(a, b writtenPage) int {
		return cmp.Or(cmp.Compare(a.page, b.page), cmp.Compare(a.lang, b.lang))
	})
	var (
		files [][]byte
		b     bytes.Buffer
		urls  int
		entry bytes.Buffer
	)
	b.WriteString(xml.Header + urlsetStart)
	for _, p := range r.written {
		entry.Reset()
		entry.WriteString("<url><loc>" + xmlEscape(p.loc) + "</loc>")
		if len(p.alternates) > 1 {
			for _, alt := range p.alternates {
				entry.WriteString(`<xhtml:link rel="alternate" hreflang="` + alt.Lang + `" href="` + xmlEscape(alt.Href) + `"/>`)
			}
		}
		entry.WriteString("</url>\n")
		if urls == maxSitemapURLs || urls > 0 && b.Len()+entry.Len()+len(urlsetEnd) > maxSitemapBytes {
			b.WriteString(urlsetEnd)
			files = append(files, bytes.Clone(b.Bytes()))
			b.Reset()
			b.WriteString(xml.Header + urlsetStart)
			urls = 0
		}
		b.Write(entry.Bytes())
		urls++
	}
	b.WriteString(urlsetEnd)
	if files == nil {
		r.put("sitemap.xml", b.Bytes())
	} else {
		files = append(files, b.Bytes())
		var index bytes.Buffer
		index.WriteString(xml.Header + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for i, data := range files {
			name := fmt.Sprintf("sitemap-%d.xml", i+1)
			r.put(name, data)
			index.WriteString("<sitemap><loc>" + xmlEscape(r.v.BaseURL+name) + "</loc></sitemap>\n")
		}
		index.WriteString("</sitemapindex>\n")
		r.put("sitemap.xml", index.Bytes())
	}
	r.put("robots.txt", []byte(strings.Join([]string{"User-agent: *", "Allow: /", "Sitemap: " + r.v.BaseURL + "sitemap.xml", ""}, "\n")))
	return nil
}

// xmlEscape escapes s for XML text and attribute values.
func xmlEscape(s string) string {
	var e strings.Builder
	_ = xml.EscapeText(&e, []byte(s))
	return e.String()
}

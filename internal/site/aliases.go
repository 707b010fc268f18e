package site

import (
	"bytes"
	"fmt"
	"html/template"
)

// Statuspage's addresses, kept working for the tools and people that build
// them from an id or bookmarked them:
//
//   - Statuspage shows a scheduled maintenance at /incidents/ID, like an
//     incident: incidents/ID/ of a maintenance window is a small page that
//     sends the reader on to maintenance/ID/ (a meta refresh, which needs
//     no JavaScript, and a link), with the real page as its canonical
//     address. Incident and maintenance ids share one namespace (package
//     content refuses a maintenance window named like an incident), so the
//     alias never stands in for an incident's page.
//   - Statuspage's feeds are /history.rss and /history.atom: copies of the
//     default language's feed.rss and feed.atom, which writeFeeds writes
//     with them (feedAliases). Their self links name the feeds they copy,
//     so that a reader that follows them settles on one address.
//
// None of them is in the sitemap, which lists each page once.

// feedAliases are the names of Statuspage's copies of the default
// language's feeds of the whole site, by the name of the feed copied.
var feedAliases = map[string]string{feedRSS: "history.rss", feedAtom: "history.atom"}

// aliasPage is the page at incidents/ID/ of a maintenance window.
var aliasPage = template.Must(template.New("alias").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="canonical" href="{{.Canonical}}">
<meta http-equiv="refresh" content="0; url={{.Href}}">
</head>
<body>
<p><a href="{{.Href}}">{{.Title}}</a></p>
</body>
</html>
`))

// aliases writes the pages at Statuspage's addresses of maintenance
// windows.
func (r *renderer) aliases() error {
	incidents := make(map[string]bool, len(r.v.Incidents))
	for _, inc := range r.v.Incidents {
		incidents[inc.ID] = true
	}
	for _, lang := range r.v.Languages {
		for _, m := range r.v.Maintenance {
			if incidents[m.ID] {
				// Validation refuses this; never hide an incident's page.
				continue
			}
			var b bytes.Buffer
			err := aliasPage.Execute(&b, struct{ Lang, Title, Canonical, Href string }{
				Lang: lang, Title: r.local(lang, m.Title).Text, Canonical: r.abs(lang, maintenancePath(m.ID)),
				// From incidents/ID/ to maintenance/ID/ of the same tree:
				// relative, so that a local preview stays local.
				Href: "../../" + maintenancePath(m.ID),
			})
			if err != nil {
				return fmt.Errorf("write %s: %w", r.path(lang, incidentPath(m.ID)), err)
			}
			r.put(r.path(lang, incidentPath(m.ID)+"index.html"), b.Bytes())
		}
	}
	return nil
}

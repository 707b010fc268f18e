package site

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// TestAliases: Statuspage's addresses keep working. A maintenance
// window's incidents/ID/ sends the reader to its page, without
// JavaScript; /history.rss and /history.atom are the site's feeds; the
// sitemap lists none of them.
func TestAliases(t *testing.T) {
	v, th := fixtureView(t)
	if len(v.Maintenance) == 0 || len(v.Languages) < 2 {
		t.Fatal("the fixture needs maintenance and two languages")
	}
	files := renderView(t, v, th)
	sitemap := string(feedsFile(t, files, "sitemap.xml"))
	for _, m := range v.Maintenance {
		for _, lang := range v.Languages {
			p := langPath(v, lang, "incidents/"+m.ID+"/index.html")
			doc := parse(t, feedsFile(t, files, p))
			refresh := attrs(doc.Find("meta[http-equiv=refresh i]"), "content")
			canonical := attrs(doc.Find("link[rel=canonical]"), "href")
			if want := []string{"0; url=../../maintenance/" + m.ID + "/"}; !slices.Equal(refresh, want) {
				t.Errorf("%s: refresh %q, want %q", p, refresh, want)
			}
			target := langPath(v, lang, "maintenance/"+m.ID+"/")
			if want := []string{v.BaseURL + target}; !slices.Equal(canonical, want) {
				t.Errorf("%s: canonical %q, want %q", p, canonical, want)
			}
			if _, ok := files[target+"index.html"]; !ok {
				t.Errorf("%s: the page it points to, %s, is not there", p, target)
			}
			as := doc.Find("a")
			if as.Length() != 1 || as.AttrOr("href", "") != "../../maintenance/"+m.ID+"/" || as.Text() != m.Title.Get(lang, v.Languages[0]) {
				t.Errorf("%s: want one link to the window's page, named by its title", p)
			}
			if h := doc.Find("html"); h.Length() != 1 || h.AttrOr("lang", "") != lang {
				t.Errorf("%s: want <html lang=%q>", p, lang)
			}
			if strings.Contains(sitemap, "incidents/"+m.ID+"/") {
				t.Errorf("the sitemap lists the alias %s", p)
			}
		}
	}
	for alias, feed := range map[string]string{"history.rss": "feed.rss", "history.atom": "feed.atom"} {
		if !bytes.Equal(feedsFile(t, files, alias), feedsFile(t, files, feed)) {
			t.Errorf("%s is not a copy of %s", alias, feed)
		}
		if strings.Contains(sitemap, alias) {
			t.Errorf("the sitemap lists %s", alias)
		}
	}
	testutil.Golden(t, "alias-maintenance", feedsFile(t, files, "incidents/"+v.Maintenance[0].ID+"/index.html"))
}

// TestAliasNeverHidesAnIncident: should an incident and a maintenance
// window share an id (validation refuses it), the incident keeps its page.
func TestAliasNeverHidesAnIncident(t *testing.T) {
	v, th := fixtureView(t)
	m := *v.Maintenance[0]
	m.ID = v.Incidents[0].ID
	v.Maintenance = append(v.Maintenance, &m)
	files := renderView(t, v, th)
	page := parse(t, feedsFile(t, files, "incidents/"+m.ID+"/index.html"))
	title := v.Incidents[0].Title.Get(v.Languages[0], v.Languages[0])
	if page.Find("meta[http-equiv]").Length() > 0 || page.Find("main h1").Text() != title {
		t.Errorf("incidents/%s/ is not the incident's page, titled %q", m.ID, title)
	}
}

// langPath is where p of lang's tree lands in the output.
func langPath(v *public.View, lang, p string) string {
	if lang == v.Languages[0] {
		return p
	}
	return lang + "/" + p
}

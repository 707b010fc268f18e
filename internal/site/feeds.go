package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gorilla/feeds"
	"github.com/incidentsite/incidentsite/internal/public"
)

// Feeds: every language tree has feed.rss (RSS 2.0), feed.atom (Atom 1.0)
// and feed.json (JSON Feed 1.1) at its root and in every service's folder.
// A feed holds one entry per update, so that a reader shows each new
// update of an incident or maintenance window as a new item (the automatic
// start and end of maintenance included), and one for each published RCA;
// the entry's id is the address of the update or RCA on its page, which
// never changes.
//
// gorilla/feeds supplies the RSS and Atom element types; this file builds
// them directly, because its generic Feed has no self link, no language
// and no plain-text content, and wraps them for what they lack. JSON Feed
// 1.1 is written from our own types: gorilla's is version 1.0.

const (
	atomNS         = "http://www.w3.org/2005/Atom"
	jsonFeedV      = "https://jsonfeed.org/version/1.1"
	feedRSSTime    = time.RFC1123Z
	feedRSS        = "feed.rss"
	feedAtom       = "feed.atom"
	feedJSON       = "feed.json"
	mimeRSS        = "application/rss+xml"
	mimeAtom       = "application/atom+xml"
	mimeJSONFeed   = "application/feed+json"
	mimeHTML       = "text/html"
	feedJSONIndent = "  "
)

// feedEntry is one update as the feeds show it.
type feedEntry struct {
	// id is link, made unique when two updates of a page share a time.
	id, link string
	title    string
	// text is the update's message, plain text.
	text string
	at   time.Time
	tags []string
	// u is the update of an entry whose title and text are not made yet
	// (see fill), record the title of its incident or maintenance window
	// and statusKey the prefix of its status's UI string.
	u                 *public.Update
	record, statusKey string
}

// feedCache holds the entries of each incident and maintenance window in
// one language, which the site's feed and its services' share.
type feedCache struct {
	incidents   map[*public.Incident][]feedEntry
	maintenance map[*public.Maintenance][]feedEntry
}

func newFeedCache() *feedCache {
	return &feedCache{incidents: map[*public.Incident][]feedEntry{}, maintenance: map[*public.Maintenance][]feedEntry{}}
}

// feedInfo is what a feed says about itself.
type feedInfo struct {
	lang, title, description string
	// dir is the feed's folder in the language tree: "" or a service's.
	dir string
	// home is the address of the HTML page the feed belongs to.
	home    string
	updated time.Time
	entries []feedEntry
}

func (f *feedInfo) url(r *renderer, name string) string { return r.abs(f.lang, f.dir+name) }

// feeds writes the site's and every service's feeds in every language.
func (r *renderer) feeds() error {
	for _, lang := range r.v.Languages {
		cache := newFeedCache()
		site := r.siteTitle(lang)
		all := &feedInfo{
			lang:        lang,
			title:       r.t(lang, "feed.title", "site", site),
			description: r.t(lang, "feed.description", "site", site),
			home:        r.feedHome(lang),
			entries:     r.feedEntries(lang, r.v.Incidents, r.v.Maintenance, cache),
		}
		if err := r.writeFeeds(all); err != nil {
			return err
		}
		for _, s := range r.v.Services {
			name := r.text(lang, s.Name)
			f := &feedInfo{
				lang:        lang,
				title:       r.t(lang, "feed.service_title", "site", site, "service", name),
				description: r.t(lang, "feed.description", "site", name),
				dir:         servicePath(s.ID),
				home:        r.abs(lang, servicePath(s.ID)),
				entries:     r.feedEntries(lang, s.Incidents, s.Maintenance, cache),
			}
			if err := r.writeFeeds(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// feedEntries returns the updates of incs and mains as entries in lang,
// newest first, at most View.FeedEntries of them. The entries of each
// record are made once per language (cache); the titles and texts only
// for the entries kept.
func (r *renderer) feedEntries(lang string, incs []*public.Incident, mains []*public.Maintenance, cache *feedCache) []feedEntry {
	n := 0
	for _, inc := range incs {
		n += len(inc.Updates) + 1
	}
	for _, m := range mains {
		n += len(m.Updates)
	}
	out := make([]feedEntry, 0, n)
	for _, inc := range incs {
		es, ok := cache.incidents[inc]
		if !ok {
			tags := []string{r.t(lang, "incident.incident")}
			if c := r.text(lang, inc.Category); c != "" {
				tags = append(tags, c)
			}
			for _, a := range inc.Affected {
				tags = append(tags, r.text(lang, a.Service.Name))
			}
			page := r.abs(lang, incidentPath(inc.ID))
			es = r.appendEntries(make([]feedEntry, 0, len(inc.Updates)+1), page, r.local(lang, inc.Title).Text, "update.", inc.Updates, tags)
			if e, ok := r.rcaEntry(lang, page, inc, tags); ok {
				es = append(es, e)
			}
			cache.incidents[inc] = es
		}
		out = append(out, es...)
	}
	for _, m := range mains {
		es, ok := cache.maintenance[m]
		if !ok {
			tags := []string{r.t(lang, "incident.maintenance")}
			for _, s := range m.Services {
				tags = append(tags, r.text(lang, s.Name))
			}
			es = r.appendEntries(make([]feedEntry, 0, len(m.Updates)), r.abs(lang, maintenancePath(m.ID)), r.local(lang, m.Title).Text, "maintenance.", m.Updates, tags)
			cache.maintenance[m] = es
		}
		out = append(out, es...)
	}
	// Newest first; the id breaks ties, so that the order never depends
	// on the order of the input.
	slices.SortFunc(out, func(a, b feedEntry) int {
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	if n := r.v.FeedEntries; n > 0 && len(out) > n {
		out = out[:n]
	}
	out = slices.Clip(out)
	for i := range out {
		r.fill(lang, &out[i])
	}
	return out
}

// fill makes the title and text of e, an update's entry, in lang.
func (r *renderer) fill(lang string, e *feedEntry) {
	u := e.u
	if u == nil {
		return
	}
	e.title = r.t(lang, "feed.entry", "title", e.record, "status", r.t(lang, e.statusKey+string(u.Status)))
	e.text = joinText(r.messageText(r.updateText(lang, *u).Text), r.changesText(lang, *u))
	e.u = nil
}

// appendEntries appends an entry for each of the updates of the record
// whose page is at page, without its title and text (see fill).
func (r *renderer) appendEntries(out []feedEntry, page, title, statusKey string, updates []public.Update, tags []string) []feedEntry {
	seen := map[string]int{}
	for i := range updates {
		u := &updates[i]
		anchor := updateAnchor(u.At)
		link := page + "#" + anchor
		id := link
		// Two updates at the same second share an anchor on the page;
		// their entries still need ids of their own.
		if n := seen[anchor]; n > 0 {
			id = fmt.Sprintf("%s-%d", link, n+1)
		}
		seen[anchor]++
		out = append(out, feedEntry{
			id:        id,
			link:      link,
			at:        u.At.UTC(),
			tags:      tags,
			u:         u,
			record:    title,
			statusKey: statusKey,
		})
	}
	return out
}

// rcaAnchor is the id of the RCA's heading on an incident's page.
const rcaAnchor = "h-rca"

// rcaEntry is the entry that says inc's root cause analysis was published:
// readers who followed the incident learn that it is there. Its time is
// the RCA's date, else the incident's resolution; it links to the RCA on
// the incident's page at page. ok is false when inc has no published RCA
// or no time to give it.
func (r *renderer) rcaEntry(lang, page string, inc *public.Incident, tags []string) (feedEntry, bool) {
	rca := inc.RCA
	if rca == nil {
		return feedEntry{}, false
	}
	at := rca.Date
	if at.IsZero() {
		at = inc.Resolved
	}
	if at.IsZero() {
		return feedEntry{}, false
	}
	link := page + "#" + rcaAnchor
	return feedEntry{
		id: link, link: link, at: at.UTC(), tags: tags,
		title: r.t(lang, "feed.rca", "title", r.local(lang, inc.Title).Text),
		text:  r.t(lang, "incident.rca") + ": " + r.local(lang, rca.Title).Text,
	}, true
}

// joinText joins the non-empty paragraphs of a text.
func joinText(paras ...string) string {
	var out []string
	for _, p := range paras {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// writeFeeds writes f in the three formats.
func (r *renderer) writeFeeds(f *feedInfo) error {
	f.updated = r.v.Now.UTC()
	if len(f.entries) > 0 {
		f.updated = f.entries[0].at
	}
	for _, w := range []struct {
		name  string
		write func(*feedInfo) ([]byte, error)
	}{
		{feedRSS, r.rss},
		{feedAtom, r.atom},
		{feedJSON, r.jsonFeed},
	} {
		data, err := w.write(f)
		if err != nil {
			return fmt.Errorf("write %s: %w", r.path(f.lang, f.dir+w.name), err)
		}
		r.put(r.path(f.lang, f.dir+w.name), data)
		if alias, ok := feedAliases[w.name]; ok && f.lang == r.defaultLang() && f.dir == "" {
			r.put(alias, data)
		}
	}
	return nil
}

// feedHome is the address of lang's status page. (r.abs(lang, "") lacks
// the final slash outside the default language.)
func (r *renderer) feedHome(lang string) string {
	if lang == r.defaultLang() {
		return r.v.BaseURL
	}
	return r.v.BaseURL + lang + "/"
}

// feedAuthor is who the feeds name as their author.
func (r *renderer) feedAuthor(lang string) string {
	if r.v.Organisation != "" {
		return r.v.Organisation
	}
	return r.siteTitle(lang)
}

// rssDoc is an RSS 2.0 document whose channel has the self link that RSS
// best practice asks for and gorilla's RssFeed lacks.
type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Atom    string   `xml:"xmlns:atom,attr"`
	Channel rssChannel
}

type rssChannel struct {
	XMLName xml.Name `xml:"channel"`
	Self    rssAtomLink
	*feeds.RssFeed
}

type rssAtomLink struct {
	XMLName xml.Name `xml:"atom:link"`
	Href    string   `xml:"href,attr"`
	Rel     string   `xml:"rel,attr"`
	Type    string   `xml:"type,attr"`
}

func (r *renderer) rss(f *feedInfo) ([]byte, error) {
	ch := &feeds.RssFeed{
		Title:         xmlText(f.title),
		Link:          f.home,
		Description:   xmlText(f.description),
		Language:      f.lang,
		LastBuildDate: f.updated.Format(feedRSSTime),
		Generator:     "incidentsite",
	}
	for _, e := range f.entries {
		permalink := "true"
		if e.id != e.link {
			permalink = "false"
		}
		ch.Items = append(ch.Items, &feeds.RssItem{
			Title: xmlText(e.title),
			Link:  e.link,
			// RSS readers take a description as HTML.
			Description: feedHTMLText(xmlText(e.text)),
			Guid:        &feeds.RssGuid{Id: e.id, IsPermaLink: permalink},
			PubDate:     e.at.Format(feedRSSTime),
		})
	}
	doc := rssDoc{
		Version: "2.0",
		Atom:    atomNS,
		Channel: rssChannel{Self: rssAtomLink{Href: f.url(r, feedRSS), Rel: "self", Type: mimeRSS}, RssFeed: ch},
	}
	return feedXML(doc)
}

// atomDoc is an Atom feed with the language and the self link that
// gorilla's AtomFeed has no field for: it holds a single link, which
// Links hides.
type atomDoc struct {
	Lang  string `xml:"xml:lang,attr"`
	Links []feeds.AtomLink
	*feeds.AtomFeed
}

func (r *renderer) atom(f *feedInfo) ([]byte, error) {
	self := f.url(r, feedAtom)
	feed := &feeds.AtomFeed{
		Xmlns:    atomNS,
		Title:    xmlText(f.title),
		Id:       self,
		Updated:  f.updated.Format(time.RFC3339),
		Subtitle: xmlText(f.description),
		Author:   &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: xmlText(r.feedAuthor(f.lang)), Uri: r.feedHome(f.lang)}},
	}
	for _, e := range f.entries {
		at := e.at.Format(time.RFC3339)
		feed.Entries = append(feed.Entries, &feeds.AtomEntry{
			Title:     xmlText(e.title),
			Updated:   at,
			Id:        e.id,
			Content:   &feeds.AtomContent{Content: xmlText(e.text), Type: "text"},
			Published: at,
			Links:     []feeds.AtomLink{{Href: e.link, Rel: "alternate", Type: mimeHTML}},
		})
	}
	links := []feeds.AtomLink{{Href: self, Rel: "self", Type: mimeAtom}, {Href: f.home, Rel: "alternate", Type: mimeHTML}}
	return feedXML(atomDoc{Lang: f.lang, Links: links, AtomFeed: feed})
}

func feedXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// jsonFeedDoc is a JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
type jsonFeedDoc struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url"`
	FeedURL     string       `json:"feed_url"`
	Description string       `json:"description,omitempty"`
	Language    string       `json:"language,omitempty"`
	Authors     []jsonAuthor `json:"authors,omitempty"`
	Items       []jsonItem   `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	ContentText   string       `json:"content_text"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
}

func (r *renderer) jsonFeed(f *feedInfo) ([]byte, error) {
	authors := []jsonAuthor{{Name: xmlText(r.feedAuthor(f.lang)), URL: r.feedHome(f.lang)}}
	doc := jsonFeedDoc{
		Version:     jsonFeedV,
		Title:       xmlText(f.title),
		HomePageURL: f.home,
		FeedURL:     f.url(r, feedJSON),
		Description: xmlText(f.description),
		Language:    f.lang,
		Authors:     authors,
		Items:       []jsonItem{},
	}
	for _, e := range f.entries {
		at := e.at.Format(time.RFC3339)
		tags := make([]string, len(e.tags))
		for i, t := range e.tags {
			tags[i] = xmlText(t)
		}
		doc.Items = append(doc.Items, jsonItem{
			ID: e.id, URL: e.link, Title: xmlText(e.title), ContentText: xmlText(e.text),
			DatePublished: at, DateModified: at, Authors: authors, Tags: tags,
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// The feed is served as application/feed+json, never inside HTML:
	// "<" and "&" can stay as they are.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", feedJSONIndent)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// xmlText returns s without what XML 1.0 forbids or discourages and what
// iCalendar's TEXT cannot hold: invalid UTF-8 (which includes lone
// surrogates), control characters other than tab and line feed, and the
// non-characters U+FFFE and U+FFFF. Carriage returns become line feeds.
// gorilla/feeds writes such characters as they are, and an XML parser
// then rejects the whole feed.
func xmlText(s string) string {
	if !xmlNeedsCleaning(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case c == '\r':
			b.WriteByte('\n')
		case !xmlAllowedRune(c, size):
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func xmlNeedsCleaning(s string) bool {
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if c == '\r' || !xmlAllowedRune(c, size) {
			return true
		}
	}
	return false
}

// xmlAllowedRune reports whether c, decoded from size bytes, may stay in a
// text.
func xmlAllowedRune(c rune, size int) bool {
	switch {
	case c == utf8.RuneError && size <= 1:
		return false
	case c == '\t' || c == '\n':
		return true
	case c < 0x20, c >= 0x7f && c <= 0x9f:
		return false
	case c >= 0xd800 && c <= 0xdfff, c == 0xfffe, c == 0xffff:
		return false
	}
	return true
}

// feedHTMLText returns plain text s as HTML, keeping its line breaks. Quotes
// need no escaping outside attributes.
func feedHTMLText(s string) string { return feedHTMLEscaper.Replace(s) }

var feedHTMLEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\n", "<br>\n")

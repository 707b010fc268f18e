package logbook

import (
	"html/template"
	"sync"

	"github.com/incidentsite/incidentsite/internal/markdown"
)

// The same Markdown is rendered several times in a build: a record's
// sections and update messages on its page in each language (a text
// written in one language is shown in all), and again, as plain text,
// in the page's drafts. mdCache remembers the latest renderings, a fixed
// number of them: pages are rendered record by record, each record's
// languages one after the other (pages), so a rendering is asked for
// again soon after it was made, and the cache never grows with the site.
//
// Markdown rendering is a pure function of its input: what the cache
// gives is what rendering again would.
type mdCache struct {
	mu    sync.Mutex
	byKey [mdKinds]map[string]string
	ring  []mdEntry
	next  int
}

// The kinds of rendering, each with its own keys.
const (
	mdShift0 = iota // markdown.Render(src, 0); shifts 1 and 2 follow
	mdShift1
	mdShift2
	mdMessage      // markdown.RenderMessage
	mdSectionPlain // markdown.PlainText of markdown.Render(src, 0)
	mdMessagePlain // markdown.PlainText of markdown.RenderMessage
	mdKinds
)

type mdEntry struct {
	kind int
	key  string
	used bool
}

// mdCacheSize is how many renderings the cache keeps: a few pages' worth
// for each processor.
const mdCacheSize = 1024

func newMDCache() *mdCache {
	c := &mdCache{ring: make([]mdEntry, mdCacheSize)}
	for i := range c.byKey {
		c.byKey[i] = map[string]string{}
	}
	return c
}

// get returns the rendering of kind of src, made by render when the cache
// does not hold it.
func (c *mdCache) get(kind int, src []byte, render func() string) string {
	c.mu.Lock()
	v, ok := c.byKey[kind][string(src)]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = render()
	key := string(src)
	c.mu.Lock()
	if old := c.ring[c.next]; old.used {
		delete(c.byKey[old.kind], old.key)
	}
	c.ring[c.next] = mdEntry{kind: kind, key: key, used: true}
	c.next = (c.next + 1) % len(c.ring)
	c.byKey[kind][key] = v
	c.mu.Unlock()
	return v
}

// md is markdown.Render(src, shift), for shifts 0 to 2.
func (r *renderer) md(src []byte, shift int) template.HTML {
	if shift < 0 || shift > 2 {
		return markdown.Render(src, shift)
	}
	return template.HTML(r.mdc.get(mdShift0+shift, src, func() string { return string(markdown.Render(src, shift)) }))
}

// message is markdown.RenderMessage(msg).
func (r *renderer) message(msg string) template.HTML {
	return template.HTML(r.mdc.get(mdMessage, []byte(msg), func() string { return string(markdown.RenderMessage(msg)) }))
}

// sectionText is a section's text as its page shows it, as plain text.
func (r *renderer) sectionText(src []byte) string {
	return r.mdc.get(mdSectionPlain, src, func() string { return markdown.PlainText(markdown.Render(src, 0)) })
}

// messageText is an update's message as its page shows it, as plain text.
func (r *renderer) messageText(msg string) string {
	return r.mdc.get(mdMessagePlain, []byte(msg), func() string { return markdown.PlainText(markdown.RenderMessage(msg)) })
}

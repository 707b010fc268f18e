package site

import (
	"html/template"
	"runtime"
	"strings"

	"github.com/incidentsite/incidentsite/internal/markdown"
	"github.com/incidentsite/incidentsite/internal/public"
	"golang.org/x/sync/errgroup"
)

// Text of the records: every output shows the same sanitised rendering.
// A page shows the HTML of markdown.Render (sections) or
// markdown.RenderMessage (update messages); the feeds, the API, the
// calendar and the page descriptions show its text, from
// markdown.PlainText, never the Markdown itself. So an HTML comment, raw
// HTML or a link reference definition that a page leaves out reaches no
// other output either.

// message is an update's message, rendered.
type message struct {
	html template.HTML
	text string
}

// renderMessages renders every update message of v once: the pages of
// every language, the feeds of every service and the API all show them.
func renderMessages(v *public.View) map[string]message {
	var keys []string
	seen := map[string]bool{}
	add := func(us []public.Update) {
		for _, u := range us {
			for _, s := range u.Message {
				if !seen[s] {
					seen[s] = true
					keys = append(keys, s)
				}
			}
		}
	}
	for _, inc := range v.Incidents {
		add(inc.Updates)
	}
	for _, m := range v.Maintenance {
		add(m.Updates)
	}
	return renderAll(keys, newMessage)
}

// renderSections renders, as the md layout function does, the Markdown of
// every section that a page in one of v's languages shows: an incident's
// or maintenance window's page shows its sections, and the same Markdown
// in every language that has no translation of its own.
func (r *renderer) renderSections() map[string]template.HTML {
	var keys []string
	seen := map[string]bool{}
	add := func(ss []public.Section) {
		for _, s := range ss {
			for _, lang := range r.v.Languages {
				md, _ := r.sectionMarkdown(lang, s)
				if k := string(md); !seen[k] {
					seen[k] = true
					keys = append(keys, k)
				}
			}
		}
	}
	for _, inc := range r.v.Incidents {
		add(inc.Sections)
		if inc.RCA != nil {
			add(inc.RCA.Sections)
		}
	}
	for _, m := range r.v.Maintenance {
		add(m.Sections)
	}
	return renderAll(keys, func(md string) template.HTML { return markdown.Render([]byte(md), 1) })
}

// renderAll returns f of every key, by key, computed on every core.
func renderAll[T any](keys []string, f func(string) T) map[string]T {
	vals := make([]T, len(keys))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	const chunk = 64
	for i := 0; i < len(keys); i += chunk {
		g.Go(func() error {
			for j := i; j < min(i+chunk, len(keys)); j++ {
				vals[j] = f(keys[j])
			}
			return nil
		})
	}
	g.Wait()
	out := make(map[string]T, len(keys))
	for i, k := range keys {
		out[k] = vals[i]
	}
	return out
}

// sectionHTML returns section Markdown md rendered for a page, as the md
// layout function does.
func (r *renderer) sectionHTML(md []byte) template.HTML {
	if h, ok := r.sections[string(md)]; ok {
		return h
	}
	return markdown.Render(md, 1)
}

func newMessage(s string) message {
	// Characters no output may hold go first: goldmark would turn a NUL
	// into U+FFFD, which a reader shows.
	h := markdown.RenderMessage(xmlText(s))
	// The layout puts the message's paragraphs where it had one.
	return message{html: template.HTML(strings.TrimSuffix(string(h), "\n")), text: markdown.PlainText(h)}
}

// message returns the rendered message s. The map is only read once the
// renderer is made, so pages rendered in parallel may share it.
func (r *renderer) message(s string) message {
	if m, ok := r.messages[s]; ok {
		return m
	}
	return newMessage(s)
}

// messageText returns message s as plain text.
func (r *renderer) messageText(s string) string { return r.message(s).text }

// sectionText returns a section's Markdown as plain text.
func sectionText(md []byte) string { return markdown.PlainText(markdown.Render(md, 0)) }

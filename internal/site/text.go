package site

import (
	"html/template"
	"strings"

	"github.com/incidentsite/incidentsite/internal/markdown"
	"github.com/incidentsite/incidentsite/internal/public"
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
	out := map[string]message{}
	add := func(us []public.Update) {
		for _, u := range us {
			for _, s := range u.Message {
				if _, ok := out[s]; !ok {
					out[s] = newMessage(s)
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
	return out
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

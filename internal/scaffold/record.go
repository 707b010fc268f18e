package scaffold

import (
	"fmt"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// field is one front matter key of a new record, in the order written.
// A nil or empty Value leaves the key out, or, when the key has a
// placeholder (see placeholders), writes it commented out with what it
// should say, so that the file shows what comes next.
type field struct {
	Key   string
	Value any
}

// update is the first update of a new record's timeline. Without a
// Message it is written commented out, with an empty message: uncommented
// as it is, validation asks for the message instead of publishing a
// placeholder to customers.
type update struct {
	At      time.Time
	Status  vocab.Status
	Message string
}

// placeholders says, for the keys a new record may leave for later, what
// each should hold; the text is written after the commented-out key. A key
// is written so when the template requires it at some moment, and the
// coordinator and expected downtime always (customers ask for the latter).
var placeholders = map[string]string{
	"coordinator":       "the contact id of who leads the response",
	"expected_downtime": "how long the impact should last, as 45m, 2h or 1d",
	"services":          "the affected services and their impact, as {website: partial_outage}",
	"regulation":        "the regulations that apply, as [nis2] or [gdpr]",
	"decisions":         "whether the incident must be reported under each regulation, as [{regulation: nis2, at: 2025-02-18T14:00:00+01:00, by: dpo, notify: true, reason: …}]",
	"author":            "the contact id of who writes the analysis",
	"reviewers":         "the contact ids of the reviewers, as [an-janssens]",
	"participants":      "the contact ids or roles taking part, as [operations-team]",
	"findings":          "the follow-ups, each as {title: …, owner: …, due: 2025-07-01, done: false}, then done: 2025-06-28, the day it was done",
}

// recordText returns the text of a new record: its front matter, then one
// "##" heading for each section the template requires at some moment, in
// lang, each with its guidance as an HTML comment (which counts as empty,
// so validation asks for the text once it is due).
func recordText(fields []field, t *catalog.Template, lang string) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	for _, f := range fields {
		if !writeField(&b, f) {
			writePlaceholder(&b, f.Key, t)
		}
	}
	b.WriteString("---\n")
	for _, s := range t.Sections {
		if s.RequiredFrom == "" {
			continue
		}
		fmt.Fprintf(&b, "\n## %s\n", s.Title.Get(lang, lang))
		if g := s.Guidance.Get(lang, lang); g != "" {
			fmt.Fprintf(&b, "<!-- %s -->\n", strings.ReplaceAll(g, "--", "- -"))
		}
	}
	return []byte(b.String())
}

// writePlaceholder writes key commented out with what it should hold and
// from when the template requires it, when key has a placeholder.
func writePlaceholder(b *strings.Builder, key string, t *catalog.Template) {
	what, ok := placeholders[key]
	if !ok {
		return
	}
	when := "optional"
	if r, ok := t.Fields[key]; ok && r.RequiredFrom != "" {
		when = "required from " + r.RequiredFrom
	} else if key == "decisions" {
		// Written only for a regulated incident, whose decision is due
		// from the start (validation warns until it is recorded).
		when = "due"
	} else if key != "coordinator" && key != "expected_downtime" {
		return
	}
	fmt.Fprintf(b, "# %s: %s (%s)\n", key, what, when)
}

// writeField writes f and reports whether it wrote anything.
func writeField(b *strings.Builder, f field) bool {
	switch v := f.Value.(type) {
	case nil:
	case string:
		if v != "" {
			fmt.Fprintf(b, "%s: %s\n", f.Key, Scalar(v))
			return true
		}
	case vocab.Visibility, vocab.Status, vocab.RCAStatus:
		return writeField(b, field{f.Key, fmt.Sprint(v)})
	case time.Time:
		fmt.Fprintf(b, "%s: %s\n", f.Key, v.Format(time.RFC3339))
		return true
	case yamlx.Date:
		fmt.Fprintf(b, "%s: %s\n", f.Key, v.Format("2006-01-02"))
		return true
	case []string:
		if len(v) > 0 {
			q := make([]string, len(v))
			for i, s := range v {
				q[i] = Scalar(s)
			}
			fmt.Fprintf(b, "%s: [%s]\n", f.Key, strings.Join(q, ", "))
			return true
		}
	case yamlx.Pairs:
		if len(v) > 0 {
			fmt.Fprintf(b, "%s:\n", f.Key)
			for _, p := range v {
				fmt.Fprintf(b, "  %s: %s\n", Scalar(p.Key), Scalar(p.Value))
			}
			return true
		}
	case update:
		writeUpdate(b, f.Key, v)
		return true
	case bool:
		fmt.Fprintf(b, "%s: %t\n", f.Key, v)
		return true
	default:
		panic(fmt.Sprintf("scaffold: cannot write %T", v))
	}
	return false
}

// writeUpdate writes a timeline holding u. Without a message it is
// commented out, with a note on what to do.
func writeUpdate(b *strings.Builder, key string, u update) {
	lines := []string{
		key + ":",
		"  - at: " + u.At.Format(time.RFC3339),
		"    status: " + Scalar(string(u.Status)),
		"    message: " + Scalar(u.Message),
	}
	if u.Message != "" {
		b.WriteString(strings.Join(lines, "\n") + "\n")
		return
	}
	lines[3] = "    message:"
	b.WriteString("# The first update customers read: uncomment these lines, write the\n" +
		"# message (what customers notice, what we do about it), and add an\n" +
		"# update, oldest first, at every change.\n")
	for _, l := range lines {
		b.WriteString("# " + l + "\n")
	}
}

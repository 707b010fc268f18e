package diff

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/incidentsite/incidentsite/internal/diag"
)

// WriteMarkdown writes r as GitHub-flavoured Markdown for a pull
// request's job summary or comment: a heading, the loud changes first
// in a caution block, then a list per record, customers first, with the
// words customers read quoted.
//
// Every text that comes from a record is escaped: each ASCII punctuation
// character is backslash-escaped and line breaks end the line, so that a
// record cannot open a link, an image, HTML, a heading, a table or a code
// block, nor mention a person; control and invisible characters are
// written as escapes (diag.Escape).
func WriteMarkdown(w io.Writer, r *Report) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "## What this change does: %s → %s\n\n", inline(revisionWords(r.Base)), inline(revisionWords(r.Head)))
	pub, team := r.Counts()
	if pub+team == 0 {
		fmt.Fprintln(b, "No changes for customers or the team.")
		return b.Flush()
	}
	fmt.Fprintf(b, "%s for customers, %s for the team, at %s.\n", changes(pub), changes(team), r.Now.In(r.Location).Format("2006-01-02 15:04 MST"))

	var loud []Change
	for _, c := range r.Changes {
		if c.Severity == Loud {
			loud = append(loud, c)
		}
	}
	if len(loud) > 0 {
		fmt.Fprintln(b, "\n> [!CAUTION]")
		for i, c := range loud {
			if i > 0 {
				fmt.Fprintln(b, ">")
			}
			wd := describe(c, r.Location)
			fmt.Fprintf(b, "> **%s:** %s %s: %s\n", inline(capital(wd.label)), recordWord(c.RecordKind), link(c), inline(wd.says))
		}
	}
	for _, a := range []Audience{Public, Team} {
		gs := r.groups(a)
		if len(gs) == 0 {
			continue
		}
		if a == Public {
			fmt.Fprintln(b, "\n### For customers (the status page)")
		} else {
			fmt.Fprintln(b, "\n### For the team (the logbook)")
		}
		for _, g := range gs {
			fmt.Fprintf(b, "\n#### %s %s\n\n", capital(recordWord(g.first.RecordKind)), link(g.first))
			fmt.Fprintf(b, "%s\n\n", code(g.first.File))
			for _, c := range g.changes {
				wd := describe(c, r.Location)
				mark := ""
				switch c.Severity {
				case Loud:
					mark = "🔴 "
				case Warning:
					mark = "⚠️ "
				}
				line := "- " + mark + "**" + inline(capital(wd.label)) + "**"
				if wd.says != "" {
					line += ": " + inline(wd.says)
				}
				fmt.Fprintln(b, line)
				for _, q := range wd.quotes {
					langs := languages(q.text, r.Language)
					if len(langs) == 0 {
						continue
					}
					if q.heading != "" {
						fmt.Fprintf(b, "\n  %s:\n", inline(q.heading))
					}
					for _, lang := range langs {
						fmt.Fprintln(b)
						if len(langs) > 1 {
							fmt.Fprintf(b, "  > *%s*\n  >\n", inline(lang))
						}
						blockquote(b, "  ", q.text[lang])
					}
				}
			}
		}
	}
	return b.Flush()
}

// link is a change's record as a link to its page, or its title and id.
func link(c Change) string {
	title := inline(c.Title)
	if title == "" {
		title = inline(c.Record)
	}
	if c.URL == "" || c.Audience != Public {
		return title + " (" + code(c.Record) + ")"
	}
	// The page, without an update's anchor.
	url, _, _ := strings.Cut(c.URL, "#")
	return "[" + title + "](" + destination(url) + ") (" + code(c.Record) + ")"
}

// inline escapes s for a line of Markdown: line breaks become spaces,
// control and invisible characters escapes, and every ASCII punctuation
// character is backslash-escaped, which CommonMark allows for each of
// them and which leaves no syntax (links, HTML, emphasis, tables,
// entities, mentions) to read in s.
func inline(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	s = diag.Escape(s)
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && unicode.IsPunct(r) || r < 0x80 && unicode.IsSymbol(r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// blockquote writes text as a quote, each line indented by indent and
// escaped: a quote cannot be ended or nested by what it quotes.
func blockquote(w io.Writer, indent, text string) {
	lines := strings.Split(strings.ReplaceAll(strings.TrimRight(text, "\n"), "\r\n", "\n"), "\n")
	for _, l := range lines {
		l = strings.TrimLeft(l, " \t")
		if l == "" {
			fmt.Fprintf(w, "%s>\n", indent)
			continue
		}
		fmt.Fprintf(w, "%s> %s\n", indent, inline(l))
	}
}

// code is s as a code span, when s (an id or a file name, which the
// site's rules keep to safe characters) holds no backtick; else escaped.
func code(s string) string {
	if s == "" || strings.ContainsAny(s, "`\n\r") || s != diag.Escape(s) {
		return inline(s)
	}
	return "`" + s + "`"
}

// destination escapes a link's address: the characters that could end
// it or start something else are percent-encoded.
func destination(u string) string {
	var b strings.Builder
	for _, r := range u {
		switch {
		case r <= ' ' || r == 0x7f || strings.ContainsRune("()<>\\\"'`[]|", r):
			fmt.Fprintf(&b, "%%%02X", r)
		case r >= 0x80:
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

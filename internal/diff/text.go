package diff

import (
	"bufio"
	"fmt"
	"io"

	"github.com/incidentsite/incidentsite/internal/diag"
)

// group is the changes of one record for one audience, in the order
// they were found.
type group struct {
	first   Change
	changes []Change
}

// groups returns r's changes of audience a by record, records in the
// order of their first change; the loud changes come first within each.
func (r *Report) groups(a Audience) []*group {
	var out []*group
	at := map[string]*group{}
	for _, c := range r.Changes {
		if c.Audience != a {
			continue
		}
		k := string(c.RecordKind) + "/" + c.Record
		g := at[k]
		if g == nil {
			g = &group{first: c}
			at[k] = g
			out = append(out, g)
		}
		g.changes = append(g.changes, c)
	}
	for _, g := range out {
		loud := g.changes[:0:0]
		var rest []Change
		for _, c := range g.changes {
			if c.Severity == Loud {
				loud = append(loud, c)
			} else {
				rest = append(rest, c)
			}
		}
		g.changes = append(loud, rest...)
	}
	return out
}

// revisionWords names a side of the comparison: "main (0123abcd4567)",
// "the work tree".
func revisionWords(r Revision) string {
	switch {
	case r.Rev == "":
		return "the work tree"
	case r.Commit == "":
		return r.Rev
	}
	return r.Rev + " (" + r.Commit[:min(12, len(r.Commit))] + ")"
}

// WriteText writes r for a terminal: one block per record, the loud
// changes marked "!!" and the warnings "!", and a count. Record text is
// written with control and invisible characters escaped (diag.Escape),
// so that no record can print a line of its own.
func WriteText(w io.Writer, r *Report) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "%s → %s\n", diag.Escape(revisionWords(r.Base)), diag.Escape(revisionWords(r.Head)))
	for _, a := range []Audience{Public, Team} {
		gs := r.groups(a)
		if len(gs) == 0 {
			continue
		}
		if a == Public {
			fmt.Fprintln(b, "\nFor customers (the status page):")
		} else {
			fmt.Fprintln(b, "\nFor the team (the logbook):")
		}
		for _, g := range gs {
			fmt.Fprintf(b, "  %s %s %q\n", recordWord(g.first.RecordKind), g.first.Record, diag.Escape(g.first.Title))
			for _, c := range g.changes {
				mark := "  "
				switch c.Severity {
				case Loud:
					mark = "!!"
				case Warning:
					mark = "! "
				}
				wd := describe(c, r.Location)
				line := wd.label
				if wd.says != "" {
					line += ": " + wd.says
				}
				fmt.Fprintf(b, "  %s %s\n", mark, diag.Escape(line))
				for _, q := range wd.quotes {
					for _, lang := range languages(q.text, r.Language) {
						prefix := ""
						if q.heading != "" {
							prefix = q.heading + " "
						}
						fmt.Fprintf(b, "       %s[%s] %s\n", prefix, diag.Escape(lang), diag.Escape(q.text[lang]))
					}
				}
			}
		}
	}
	pub, team := r.Counts()
	if pub+team == 0 {
		fmt.Fprintln(b, "no changes for customers or the team")
	} else {
		fmt.Fprintf(b, "\n%s for customers, %s for the team\n", changes(pub), changes(team))
	}
	return b.Flush()
}

func changes(n int) string {
	if n == 1 {
		return "1 change"
	}
	return fmt.Sprintf("%d changes", n)
}

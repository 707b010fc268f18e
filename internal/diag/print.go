package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"
)

// Format names a way of printing diagnostics.
type Format string

// The formats that Print understands.
const (
	Text   Format = "text"   // file:line:col: message, for people
	GitHub Format = "github" // GitHub Actions workflow commands
	JSON   Format = "json"   // one JSON array, for other tools
)

// Formats lists the accepted formats, for help texts and errors.
var Formats = []Format{Text, GitHub, JSON}

// Print writes l to w in format f. Text and GitHub output escape the
// characters that could deceive a reader (see Deceptive); JSON escapes
// them as JSON does. Each position's file is joined to
// prefix first (the site's folder as seen from where the user runs the
// command), so that editors and GitHub find the file.
func Print(w io.Writer, l List, f Format, prefix string) error {
	fix := func(p Position) Position {
		if prefix != "" && prefix != "." {
			p.File = path.Join(prefix, p.File)
		}
		return p
	}
	switch f {
	case GitHub:
		for _, d := range l {
			p := fix(d.Pos)
			props := []string{"file=" + escapeProperty(Escape(p.File))}
			if p.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", p.Line))
			}
			if p.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", p.Col))
			}
			props = append(props, "title="+escapeProperty("incidentsite: "+d.Rule))
			if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), escapeData(escape(d.Message, "\r\n"))); err != nil {
				return err
			}
		}
		return nil
	case JSON:
		type item struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Col      int    `json:"col"`
			Severity string `json:"severity"`
			Rule     string `json:"rule"`
			Message  string `json:"message"`
		}
		items := make([]item, 0, len(l))
		for _, d := range l {
			p := fix(d.Pos)
			items = append(items, item{p.File, p.Line, p.Col, d.Severity.String(), d.Rule, d.Message})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(items)
	default:
		for _, d := range l {
			d.Pos = fix(d.Pos)
			d.Pos.File = Escape(d.Pos.File)
			d.Message = escapeMessage(d.Message)
			if _, err := fmt.Fprintln(w, d); err != nil {
				return err
			}
		}
		return nil
	}
}

// escapeData escapes a workflow command's message as the Actions toolkit
// does (@actions/core, command.ts).
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value as the
// Actions toolkit does: like escapeData, and ':' and ',' too.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

package scaffold

import (
	"fmt"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// Field is one front matter key of a new record, in the order written.
// A nil Value leaves the key out.
type Field struct {
	Key   string
	Value any
}

// Record returns the text of a new record: its front matter, then one
// "##" heading for each section the template requires at some moment, in
// lang, each with its guidance as an HTML comment (which counts as empty,
// so validation asks for the text once it is due).
func Record(fields []Field, t *catalog.Template, lang string) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	for _, f := range fields {
		writeField(&b, f)
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

func writeField(b *strings.Builder, f Field) {
	switch v := f.Value.(type) {
	case nil:
	case string:
		if v != "" {
			fmt.Fprintf(b, "%s: %s\n", f.Key, Scalar(v))
		}
	case time.Time:
		fmt.Fprintf(b, "%s: %s\n", f.Key, v.Format(time.RFC3339))
	case yamlx.Date:
		fmt.Fprintf(b, "%s: %s\n", f.Key, v.Format("2006-01-02"))
	case []string:
		if len(v) > 0 {
			q := make([]string, len(v))
			for i, s := range v {
				q[i] = Scalar(s)
			}
			fmt.Fprintf(b, "%s: [%s]\n", f.Key, strings.Join(q, ", "))
		}
	case yamlx.Pairs:
		if len(v) > 0 {
			fmt.Fprintf(b, "%s:\n", f.Key)
			for _, p := range v {
				fmt.Fprintf(b, "  %s: %s\n", Scalar(p.Key), Scalar(p.Value))
			}
		}
	case bool:
		fmt.Fprintf(b, "%s: %t\n", f.Key, v)
	default:
		panic(fmt.Sprintf("scaffold: cannot write %T", v))
	}
}

package scaffold_test

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

const (
	readme     = "../../README.md"
	tableBegin = "<!-- built-in templates: generated from internal/catalog/defaults/templates by go test ./internal/scaffold -update -->\n"
	tableEnd   = "<!-- end of built-in templates -->\n"
)

// TestReadmeTemplates checks that the README's table of what the built-in
// templates require is what the embedded templates (the files init copies
// into a new site) say. Run with -update to rewrite the table.
func TestReadmeTemplates(t *testing.T) {
	cfg, d := config.Parse([]byte(testutil.MinimalConfig))
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	cat, d := catalog.Load(fstest.MapFS{}, cfg)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	got := templatesTable(cat)

	text, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	i, j := bytes.Index(text, []byte(tableBegin)), bytes.Index(text, []byte(tableEnd))
	if i < 0 || j < i {
		t.Fatalf("%s has no %q ... %q block", readme, strings.TrimSpace(tableBegin), strings.TrimSpace(tableEnd))
	}
	want := string(text[i+len(tableBegin) : j])
	if *testutil.Update {
		out := slices.Concat(text[:i+len(tableBegin)], []byte(got), text[j:])
		if err := os.WriteFile(readme, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the README's table of the built-in templates differs from the templates (-README +templates); run go test ./internal/scaffold -update:\n%s", diff)
	}
}

// templatesTable writes, for every built-in template, what customers are
// told (its external sections) and what it requires from each moment of
// the record's life, in the order of the moments.
func templatesTable(cat *catalog.Catalog) string {
	var b strings.Builder
	b.WriteString("| template | severities | default visibility | customers are told | required from each moment |\n|---|---|---|---|---|\n")
	order := []string{}
	order = append(order, cat.Categories()...)
	order = append(order, string(vocab.KindRCA), string(vocab.KindMaintenance), string(vocab.KindExercise))
	for _, name := range order {
		t := cat.Get(name)
		if t == nil || !t.Builtin {
			continue
		}
		var told []string
		required := map[string][]string{}
		for _, s := range t.Sections {
			title := s.Title.Get("en", "en")
			if s.Audience == catalog.External {
				told = append(told, title)
			}
			if s.RequiredFrom != "" {
				required[s.RequiredFrom] = append(required[s.RequiredFrom], title)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(t.Fields)) {
			if m := t.Fields[k].RequiredFrom; m != "" {
				required[m] = append(required[m], "`"+k+"`")
			}
		}
		var req []string
		for _, m := range catalog.Moments[t.Kind] {
			if len(required[m]) > 0 {
				req = append(req, fmt.Sprintf("**%s**: %s", m, strings.Join(required[m], ", ")))
			}
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", t.Name,
			orDash(strings.Join(t.Severities, ", ")), orDash(string(t.Visibility)),
			orDash(strings.Join(told, ", ")), orDash(strings.Join(req, "; ")))
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

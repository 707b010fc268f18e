package content_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// fuzzSlow is how long one call may take before the fuzz target reports
// super-linear behaviour: ordinary inputs take microseconds, and the
// margin keeps a loaded machine from failing it.
const fuzzSlow = 2 * time.Second

// FuzzLoad checks invariants of Parse, for every kind of record, on any
// file.
//
// TODO(fuzz): Load of a site holding the input under each kind's folder
// reports the same diagnostics as Parse.
// TODO(fuzz): each position of a key points at a line that holds the key.
func FuzzLoad(f *testing.F) {
	cfg := minimalConfig(f)
	for _, s := range loadSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"",
		testutil.MinimalContacts,
		"---\ntitle: x\n",
		"---\r\ntitle: x\r\n---\r\n## Impact\r\n",
		"\uFEFF---\ntitle: x\n---\n",
		"---\ntitle: x\ndetected: 2025-02-30T09:00:00+01:00\nupdates: [{at: x}, 3]\nservices: {a: [b]}\n---\n",
		"---\n---\n- a\n\n##\n\n- b\n\n##\n",
		"---\nactions: [{due: 2025-13-01, done: maybe}]\nexpected_downtime: 0m\n---\n# Title\n",
		"---\nactions: [{done: 2025-02-27}, {done: 2025-02-30}, {done: 2025-02-27T10:00:00Z}, {done: [true]}]\n---\n",
		"---\nfindings:\n  - done: 2025-02-27\n    due: 2025-02-28\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		lines := 1 + bytes.Count(data, []byte("\n"))
		for _, kind := range vocab.Kinds {
			file := content.Folder(kind) + "/2025/x.md"
			start := time.Now()
			rec, d := content.Parse(kind, file, data, cfg)
			if el := time.Since(start); el > fuzzSlow {
				t.Errorf("%s: Parse took %v", kind, el)
			}
			if !bytes.Equal(data, orig) {
				t.Fatalf("%s: Parse changed its input", kind)
			}
			for _, x := range d {
				if x.Pos.File != file || x.Pos.Line < 1 || x.Pos.Col < 1 || x.Pos.Line > lines {
					t.Errorf("%s: bad position in a file of %d lines: %#v", kind, lines, x)
				}
			}
			if rec == nil {
				if !d.HasErrors() {
					t.Fatalf("%s: no record and no error", kind)
				}
				continue
			}
			var doc *content.Doc
			switch r := rec.(type) {
			case *content.Incident:
				doc = &r.Doc
			case *content.RCA:
				doc = &r.Doc
			case *content.Maintenance:
				doc = &r.Doc
			case *content.ContactList:
				doc = &r.Doc
			case *content.Exercise:
				doc = &r.Doc
			default:
				t.Fatalf("%s: a record of type %T", kind, rec)
			}
			if doc.ID != "x" || doc.File != file || doc.Pos == nil || doc.BodyLine < 2 || doc.BodyLine > lines {
				t.Errorf("%s: id %q, file %q, body line %d of %d", kind, doc.ID, doc.File, doc.BodyLine, lines)
			}
			for _, p := range []string{"title", "updates.0.at", "contacts.1.roles.0", "x"} {
				doc.Has(p)
				if at := doc.Pos.Value(p); at.Line < 1 || at.Line > lines {
					t.Errorf("%s: position of %s: %s", kind, p, at)
				}
			}
			for _, s := range doc.Body.Sections {
				if s.Line < doc.BodyLine || s.BodyLine < s.Line || s.BodyLine > lines {
					t.Errorf("%s: section %q at line %d, body on line %d", kind, s.Heading, s.Line, s.BodyLine)
				}
			}
		}
	})
}

// loadSeeds returns the module's Markdown files and those inside the
// txtar archives of its testdata folders.
func loadSeeds(tb testing.TB) [][]byte {
	return testutil.Seeds(tb, "../..", func(name string, data []byte) []byte {
		if strings.HasSuffix(name, ".md") {
			return data
		}
		return nil
	})
}

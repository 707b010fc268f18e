package frontmatter_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/frontmatter"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"gopkg.in/yaml.v3"
)

// fuzzSlow is how long one call may take before the fuzz target reports
// super-linear behaviour: ordinary inputs take microseconds, and the
// margin keeps a loaded machine from failing it.
const fuzzSlow = 2 * time.Second

// FuzzFrontMatter checks invariants of Split on any input.
//
// TODO(fuzz): every YAML node lies between the two "---" lines, once
// yamlx counts lines as the rest does (yaml.v3 also breaks lines at a lone
// CR, U+0085, U+2028 and U+2029).
// TODO(fuzz): Split of the closing "---", the YAML text and the body put
// back together gives the input.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range seeds(f, ".md") {
		f.Add(s)
	}
	for _, s := range []string{
		"",
		"---\n---\n",
		"---\ntitle: x\n",
		"\n\n---\r\ntitle: x\r\n---\r\nbody\r\n",
		"---\ntitle: x\n---",
		"---\na: &x 1\nb: *x\n---\n",
		"---\ntitle: x\n--- more\nb: 1\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		start := time.Now()
		doc, d := frontmatter.Split("content/incidents/2025/x.md", data, 0)
		if el := time.Since(start); el > fuzzSlow {
			t.Errorf("Split took %v", el)
		}
		if !bytes.Equal(data, orig) {
			t.Fatal("Split changed its input")
		}
		checkPositions(t, d, data)
		if doc == nil {
			if !d.HasErrors() {
				t.Fatal("no document and no error")
			}
			return
		}
		if !bytes.HasSuffix(data, doc.Body) {
			t.Fatalf("the body %q is not the end of the file", doc.Body)
		}
		if want := 1 + bytes.Count(data[:len(data)-len(doc.Body)], []byte("\n")); doc.BodyLine != want {
			t.Errorf("BodyLine = %d, want %d", doc.BodyLine, want)
		}
		if doc.LineOffset < 1 || doc.LineOffset >= doc.BodyLine {
			t.Errorf("LineOffset %d, BodyLine %d", doc.LineOffset, doc.BodyLine)
		}
		if d.HasErrors() && doc.Node != nil {
			t.Error("a front matter with errors has a node")
		}
		if doc.Node != nil && doc.Node.Kind == yaml.DocumentNode {
			t.Error("Node is the document, not its content")
		}
	})
}

// checkPositions fails when a diagnostic does not name a line of data.
func checkPositions(t *testing.T, l diag.List, data []byte) {
	t.Helper()
	lines := 1 + bytes.Count(data, []byte("\n"))
	for _, d := range l {
		if d.Pos.File == "" || d.Pos.Line < 1 || d.Pos.Col < 1 || d.Pos.Line > lines {
			t.Errorf("diagnostic without a valid position in a file of %d lines: %#v", lines, d)
		}
	}
}

// seeds returns the files of the module whose names end in one of exts
// (ignoring a final ".tmpl"), and those of the same names inside the txtar
// archives of its testdata folders: each new script test also feeds the
// fuzzer.
func seeds(tb testing.TB, exts ...string) [][]byte {
	return testutil.Seeds(tb, "../..", func(name string, data []byte) []byte {
		for _, e := range exts {
			if strings.HasSuffix(name, e) {
				return data
			}
		}
		return nil
	})
}

package yamlx_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/yamlx"
	"gopkg.in/yaml.v3"
)

// fuzzSlow is how long one call may take before the fuzz target reports
// super-linear behaviour: ordinary inputs take microseconds, and the
// margin keeps a loaded machine from failing it.
const fuzzSlow = 2 * time.Second

// fuzzDoc has a field of every kind the decoder handles.
type fuzzDoc struct {
	Title    string            `yaml:"title"`
	Name     l10n.Text         `yaml:"name"`
	Public   bool              `yaml:"public"`
	Count    int               `yaml:"count"`
	Big      int64             `yaml:"big"`
	Small    int32             `yaml:"small"`
	Teams    []string          `yaml:"teams"`
	Labels   map[string]string `yaml:"labels"`
	Detected time.Time         `yaml:"detected"`
	Due      yamlx.Date        `yaml:"due"`
	Downtime yamlx.Duration    `yaml:"expected_downtime"`
	Services yamlx.Pairs       `yaml:"services"`
	Owner    *string           `yaml:"owner"`
	Updates  []struct {
		At      time.Time `yaml:"at"`
		Status  string    `yaml:"status"`
		Message *string   `yaml:"message"`
	} `yaml:"updates"`
	Nested  map[string][]map[string]int `yaml:"nested"`
	Matrix  [][]string                  `yaml:"matrix"`
	Inner   *fuzzDoc                    `yaml:"inner"`
	Actions []struct {
		Title string     `yaml:"title"`
		Due   yamlx.Date `yaml:"due"`
		Done  bool       `yaml:"done"`
	} `yaml:"actions"`
}

// fuzzPaths are looked up in every decoded document.
var fuzzPaths = []string{"", "title", "name.en", "updates.0.at", "updates.1", "services.a", "nested.a.0.b", "inner.inner.title", "x.y.z", "..", "updates.-1", "updates.99999999999999999999"}

// FuzzYAML checks invariants of Parse and Decode on any input.
//
// TODO(fuzz): decoded values survive a round trip through yaml.Marshal.
// TODO(fuzz): Positions.Value of every written path points at a node
// whose text is the value.
func FuzzYAML(f *testing.F) {
	for _, s := range yamlSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"",
		"title: x\ntitle: y\n",
		"a: &x 1\nb: *x\n",
		"<<: {a: 1}\n",
		"!!binary x: 1\n",
		"a: 1\n---\nb: 2\n",
		"[[[[[[[[[[[[[[1]]]]]]]]]]]]]]\n",
		"detected: 2025-02-30T09:00:00+01:00\ndue: 2025-02-29\nexpected_downtime: 3651d\n",
		"updates:\n  - at: 2025-02-18 09:05\n    message: ~\n  - x\n",
		"services: {a: b, c: [d], ? [e] : f}\n",
		"count: 9223372036854775808\nsmall: 2147483648\nbig: -0x10\n",
		"inner: {inner: {inner: {title: [x]}}}\n",
		"a: 1\r\nb: [\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		start := time.Now()
		n, d := yamlx.Parse("f.yaml", data, 3, 0)
		if !bytes.Equal(data, orig) {
			t.Fatal("Parse changed its input")
		}
		lines := 1 + bytes.Count(data, []byte("\n"))
		checkFuzzPositions(t, d, lines)
		if d.HasErrors() {
			if n != nil {
				t.Fatal("a node along with errors")
			}
			return // invalid YAML is expected
		}
		for _, w := range d {
			if w.Rule != "yaml-comment" {
				t.Fatalf("a warning other than a comment's: %v", w)
			}
		}
		if n == nil {
			return
		}
		if n.Kind == yaml.DocumentNode || n.Kind == yaml.AliasNode {
			t.Fatalf("Parse returned a %v node", n.Kind)
		}
		dec := &yamlx.Decoder{File: "f.yaml", LineOffset: 3, Location: time.FixedZone("CET", 3600)}
		var v1, v2 fuzzDoc
		pos, d1 := dec.Decode(n, &v1)
		checkFuzzPositions(t, d1, lines)
		for _, p := range fuzzPaths {
			for _, at := range []diag.Position{pos.Key(p), pos.Value(p)} {
				if at.File != "f.yaml" || at.Line < 4 || at.Col < 1 || at.Line > 3+lines {
					t.Errorf("position of %q = %#v", p, at)
				}
			}
			pos.Has(p)
		}
		// Decoding is deterministic.
		_, d2 := dec.Decode(n, &v2)
		if diff := cmp.Diff(d1, d2); diff != "" {
			t.Errorf("a second Decode differs (-first +second):\n%s", diff)
		}
		if el := time.Since(start); el > fuzzSlow {
			t.Errorf("Parse and Decode took %v", el)
		}
	})
}

// checkFuzzPositions fails on a diagnostic that does not point at one of
// the lines of the text, which starts on line 4.
func checkFuzzPositions(t *testing.T, l diag.List, lines int) {
	t.Helper()
	for _, d := range l {
		if d.Pos.File != "f.yaml" || d.Pos.Line < 4 || d.Pos.Line > 3+lines || d.Pos.Col < 1 || (d.Severity != diag.Error && d.Rule != "yaml-comment") || d.Rule == "" || d.Message == "" {
			t.Errorf("bad diagnostic: %#v", d)
		}
	}
}

// yamlSeeds returns the YAML files of the module, those inside the txtar
// archives of its testdata folders, and the front matter of its Markdown
// files.
func yamlSeeds(tb testing.TB) [][]byte {
	return testutil.Seeds(tb, "../..", func(name string, data []byte) []byte {
		switch {
		case strings.HasSuffix(name, ".yaml"), strings.HasSuffix(name, ".yml"):
			return data
		case strings.HasSuffix(name, ".md"):
			if _, rest, ok := bytes.Cut(data, []byte("---\n")); ok {
				if fm, _, ok := bytes.Cut(rest, []byte("\n---")); ok {
					return fm
				}
			}
		}
		return nil
	})
}

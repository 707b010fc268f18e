package catalog_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// fuzzSlow is how long one call may take before the fuzz target reports
// super-linear behaviour: ordinary inputs take microseconds, and the
// margin keeps a loaded machine from failing it.
const fuzzSlow = 2 * time.Second

// fuzzTemplateFiles are the names FuzzTemplate gives its input, one per
// kind of template, and one that is not an id.
var fuzzTemplateFiles = []string{
	"templates/availability.yaml",
	"templates/rca.yaml",
	"templates/maintenance.yaml",
	"templates/exercise.yaml",
	"templates/Bad Name.yaml",
}

// FuzzTemplate checks invariants of Parse on any template file.
//
// TODO(fuzz): a template without errors gives every section a title in
// each of the site's languages, and SectionByHeading finds it by each.
// TODO(fuzz): every diagnostic's line holds the key or value it names.
func FuzzTemplate(f *testing.F) {
	cfg, d := config.Parse([]byte(testutil.MinimalConfig))
	if d.HasErrors() {
		f.Fatal(d)
	}
	for _, s := range fuzzTemplateSeeds(f) {
		for i := range fuzzTemplateFiles {
			f.Add(s, uint8(i))
		}
	}
	for _, s := range []string{
		"",
		"name: x\n",
		"name: availability\ntitle: A\nseverities: [a, a, B]\nvisibility: secret\nrca_required_for: [c]\nregulation: [hipaa]\n",
		"name: rca\ntitle: R\nseverities: [a]\nsections: [{id: x}, {id: x, title: X, audience: all, required_from: never}]\n",
		"name: availability\ntitle: A\nfields: {x: {}, y: {required_from: later}}\ncommunication: {external: {who: [nobody], how: [pigeon], when: [never]}, internal: {who: [head-of-it]}}\n",
		"title: {en: A, fr: B}\nsections: [{id: a, title: {de: X}, guidance: {xx: y}, audience: internal}]\n",
	} {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		file := fuzzTemplateFiles[int(kind)%len(fuzzTemplateFiles)]
		orig := bytes.Clone(data)
		start := time.Now()
		tpl, d := catalog.Parse(file, data, cfg)
		if el := time.Since(start); el > fuzzSlow {
			t.Errorf("Parse took %v", el)
		}
		if !bytes.Equal(data, orig) {
			t.Fatal("Parse changed its input")
		}
		lines := 1 + bytes.Count(data, []byte("\n"))
		for _, x := range d {
			if x.Pos.File != file || x.Pos.Line < 1 || x.Pos.Col < 1 || x.Pos.Line > lines {
				t.Errorf("bad position in a file of %d lines: %#v", lines, x)
			}
		}
		if tpl == nil {
			if !d.HasErrors() {
				t.Fatal("no template and no error")
			}
			return
		}
		if tpl.File != file || tpl.Name == "" || tpl.Kind == "" || tpl.Pos == nil {
			t.Errorf("template %q of kind %q from %s", tpl.Name, tpl.Kind, tpl.File)
		}
		for _, s := range tpl.Sections {
			tpl.Section(s.ID)
			for _, title := range s.Title.All() {
				tpl.SectionByHeading(title)
			}
		}
		tpl.Source()
	})
}

// fuzzTemplateSeeds returns the module's template files: the built-in
// ones and those inside the txtar archives of its testdata folders.
func fuzzTemplateSeeds(tb testing.TB) [][]byte {
	return testutil.Seeds(tb, "../..", func(name string, data []byte) []byte {
		if strings.HasSuffix(name, ".yaml") && strings.Contains(name, "templates/") {
			return data
		}
		return nil
	})
}

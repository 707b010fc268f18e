package project_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzSite runs the whole front half (config, templates, every record,
// validation, model) on a site given as a txtar archive. The seeds are the
// sites of the CLI's script tests, so every new script feeds it.
//
// Invariants: no panic (a recovered one is an internal-error diagnostic,
// which fails here too); every diagnostic names a file and a line and
// column from 1; a site with errors has no model, one without has one.
//
// TODO(incidentsite): check that every line named exists in its file.
func FuzzSite(f *testing.F) {
	scripts, err := filepath.Glob("../cli/testdata/script/*.txtar")
	if err != nil || len(scripts) == 0 {
		f.Fatalf("no seed scripts: %v", err)
	}
	for _, s := range scripts {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	now := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, ok := parseArchive(data)
		if !ok || len(a.Files) > 64 {
			return
		}
		fsys := fstest.MapFS{}
		for _, file := range a.Files {
			// fstest.MapFS loops forever on names that are not valid
			// fs paths ("content//x.md"); a real file system has none.
			if !fs.ValidPath(file.Name) {
				return
			}
			fsys[file.Name] = &fstest.MapFile{Data: file.Data, Mode: 0o644}
		}
		start := time.Now()
		p := project.New(fsys, nil, now)
		p.Check()
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("Check took %v", el)
		}
		for _, d := range p.Diags {
			if d.Rule == "internal-error" {
				t.Errorf("recovered panic: %s", d.Message)
			}
			if d.Pos.File == "" || d.Pos.Line < 1 || d.Pos.Col < 1 || d.Message == "" || d.Rule == "" {
				t.Errorf("diagnostic without a position, rule or message: %#v", d)
			}
		}
		if (p.Model != nil) == p.Diags.HasErrors() {
			t.Errorf("model %v with errors %v", p.Model != nil, p.Diags.HasErrors())
		}
	})
}

// parseArchive parses data as a txtar archive. go-internal's txtar.Parse
// panics on some inputs ("-- --", slice bounds out of range in isMarker):
// that is the harness's input format failing, not incidentsite, so such
// inputs are skipped.
func parseArchive(data []byte) (a *txtar.Archive, ok bool) {
	defer func() {
		if recover() != nil {
			a, ok = nil, false
		}
	}()
	return txtar.Parse(data), true
}

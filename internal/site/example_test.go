package site

import (
	"fmt"
	"io/fs"
	"sync"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/public"
)

// exampleNow is a "now" at which the repository's example site is
// current: after its ongoing incident started, before its upcoming
// maintenance.
var exampleNow = time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC)

// openExample opens and checks the example site.
func openExample(t testing.TB) *project.Project {
	t.Helper()
	p, err := project.Open(project.Options{Dir: "../..", Now: exampleNow})
	if err != nil {
		t.Fatal(err)
	}
	p.Check()
	if p.Model == nil {
		t.Fatal(fmt.Errorf("the example site does not check:\n%v", p.Diags))
	}
	return p
}

var example struct {
	once sync.Once
	p    *project.Project
}

// exampleView returns a new public view of the example site, which a test
// may change, and the site's files. The site is read once per test run.
func exampleView(t testing.TB) (*public.View, fs.FS) {
	t.Helper()
	example.once.Do(func() { example.p = openExample(t) })
	if example.p == nil {
		t.Fatal("the example site did not open")
	}
	return projection.Public(example.p.Model), example.p.FS
}

// renderExample renders the whole public site of the example site.
func renderExample(t testing.TB) map[string][]byte {
	t.Helper()
	v, fsys := exampleView(t)
	files, err := renderAll(v, fsys)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

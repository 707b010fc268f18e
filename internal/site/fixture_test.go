package site

import (
	"io/fs"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// The tests of this package render their own site, testdata/site.txtar,
// not the example site at the repository's root: newcomers edit that one,
// and an edit to it must not break the renderer's goldens. The example
// site has its smoke test in example_test.go.

// fixtureFile is the site the tests render.
const fixtureFile = "testdata/site.txtar"

// fixtureNow is a "now" at which the fixture is current: after its
// ongoing incident started, during its active maintenance window and
// before its upcoming one.
var fixtureNow = time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC)

// openFixture reads and checks the fixture anew. A warning fails too:
// the goldens would pin a site its author was told to fix.
func openFixture(t testing.TB) *project.Project {
	t.Helper()
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	p := project.New(testutil.SiteFS(string(archive)), nil, fixtureNow)
	p.Check()
	if len(p.Diags) > 0 || p.Model == nil {
		for _, d := range p.Diags {
			t.Errorf("%s: %s", fixtureFile, d)
		}
		t.Fatalf("%s does not check without diagnostics", fixtureFile)
	}
	return p
}

var fixture struct {
	once sync.Once
	p    *project.Project
}

// fixtureProject returns the fixture, read once per test run. A test
// that changes its model works on a copy.
func fixtureProject(t testing.TB) *project.Project {
	t.Helper()
	fixture.once.Do(func() { fixture.p = openFixture(t) })
	if fixture.p == nil {
		t.Fatal("the fixture did not open")
	}
	return fixture.p
}

// fixtureView returns a new public view of the fixture, which a test may
// change, and the fixture's files.
func fixtureView(t testing.TB) (*public.View, fs.FS) {
	t.Helper()
	p := fixtureProject(t)
	return projection.Public(p.Model), p.FS
}

// renderFixture renders the whole public site of the fixture.
func renderFixture(t testing.TB) map[string][]byte {
	t.Helper()
	v, fsys := fixtureView(t)
	return renderView(t, v, fsys)
}

// renderView renders the whole public site of v, with the site's files
// fsys. Every test renders through it or testRenderer.
func renderView(t testing.TB, v *public.View, fsys fs.FS) map[string][]byte {
	t.Helper()
	files, err := Render(v, fsys)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// testRenderer returns a renderer of v, with the site's files fsys, for
// tests of one of its steps or helpers.
func testRenderer(t testing.TB, v *public.View, fsys fs.FS) *renderer {
	t.Helper()
	r, err := newRenderer(v, fsys)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

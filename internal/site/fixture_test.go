package site

import (
	"os"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/theme"
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
// change, and the fixture's theme.
func fixtureView(t testing.TB) (*public.View, *theme.Theme) {
	t.Helper()
	p := fixtureProject(t)
	return projection.Public(p.Model), p.Theme
}

// renderFixture renders the whole public site of the fixture.
func renderFixture(t testing.TB) map[string][]byte {
	t.Helper()
	v, th := fixtureView(t)
	return renderView(t, v, th)
}

// renderView renders the whole public site of v, with the site's theme
// th. Every test renders through it or testRenderer.
func renderView(t testing.TB, v *public.View, th *theme.Theme) map[string][]byte {
	t.Helper()
	var out memOut
	if err := Render(v, th, &out); err != nil {
		t.Fatal(err)
	}
	return out.files
}

// testRenderer returns a renderer of v, with the site's theme th, for
// tests of one of its steps or helpers; a nil th is the built-in theme.
func testRenderer(t testing.TB, v *public.View, th *theme.Theme) *renderer {
	t.Helper()
	if th == nil {
		var d diag.List
		if th, d = theme.Load(fstest.MapFS{}, theme.Options{}); d.HasErrors() {
			t.Fatal(d.Err())
		}
	}
	return newRenderer(v, th, &memOut{})
}

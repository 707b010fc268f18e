package logbook

import (
	"bytes"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/output"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// fixtureFile is the site the tests render; see its header.
const fixtureFile = "testdata/site.txtar"

// fixtureNow is a "now" at which the fixture is current: after its
// ongoing incident started.
var fixtureNow = time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC)

// fixtureWarnings are the warnings an archive is meant to give, as
// "file rule": the fixture's list reviewed too long ago, which the
// contacts page must flag.
var fixtureWarnings = map[string][]string{
	fixtureFile: {"content/contacts/suppliers.md stale-contacts"},
}

// openSite reads and checks the site in the txtar archive at now. Unless
// warnings are allowed, a warning fails too: the goldens would pin a site
// its author was told to fix.
func openSite(t testing.TB, name, archive string, warnings bool, now time.Time) *project.Project {
	t.Helper()
	p := project.New(testutil.SiteFS(archive), nil, now)
	p.Check()
	unexpected := 0
	for _, d := range p.Diags {
		if !slices.Contains(fixtureWarnings[name], d.Pos.File+" "+d.Rule) || d.Severity != diag.Warning {
			unexpected++
		}
	}
	if p.Model == nil || p.Diags.HasErrors() || (!warnings && unexpected > 0) {
		for _, d := range p.Diags {
			t.Errorf("%s: %s", name, d)
		}
		t.Fatalf("%s does not check without diagnostics", name)
	}
	return p
}

// renderFixture renders the whole logbook of the fixture.
func renderFixture(t testing.TB) map[string][]byte {
	t.Helper()
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	p := openSite(t, fixtureFile, string(archive), false, fixtureNow)
	return renderProject(t, p)
}

func renderProject(t testing.TB, p *project.Project) map[string][]byte {
	t.Helper()
	var out memOut
	if err := Render(p.Model, p.Theme, &out); err != nil {
		t.Fatal(err)
	}
	return out.files
}

// memOut is a Writer that keeps the files in memory. It checks each path
// as a stage does.
type memOut struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memOut) Put(name string, data []byte) error {
	if err := output.CheckPath(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[name] = bytes.Clone(data)
	return nil
}

// fixtureRenderer opens the fixture site, which must check without
// diagnostics, and returns its project and a renderer of it.
func fixtureRenderer(t testing.TB) (*project.Project, *renderer) {
	t.Helper()
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	p := openSite(t, fixtureFile, string(archive), false, fixtureNow)
	r, err := newRenderer(p.Model, p.Theme, &memOut{})
	if err != nil {
		t.Fatal(err)
	}
	return p, r
}

package site

import (
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
)

// TestExampleSite renders the example site at the repository's root, the
// one newcomers edit, without goldens: whatever they write, it renders,
// every public incident and maintenance window has its page, no internal
// one has, and no page runs a script or loads from another site.
func TestExampleSite(t *testing.T) {
	// A "now" at which the example site is current: after its ongoing
	// incident started, before its upcoming maintenance.
	now := time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC)
	p, err := project.Open(project.Options{Dir: "../..", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	p.Check()
	if p.Model == nil {
		t.Fatalf("the example site does not check:\n%v", p.Diags)
	}
	v := projection.Public(p.Model)
	files := renderView(t, v, p.Theme)
	for _, inc := range p.Model.Incidents {
		_, ok := files["incidents/"+inc.ID+"/index.html"]
		if public := inc.Visibility == "public"; ok != public {
			t.Errorf("incident %s, %s, has a page: %v", inc.ID, inc.Visibility, ok)
		}
	}
	for _, m := range p.Model.Maintenance {
		_, ok := files["maintenance/"+m.ID+"/index.html"]
		if public := m.Visibility == "public"; ok != public {
			t.Errorf("maintenance %s, %s, has a page: %v", m.ID, m.Visibility, ok)
		}
	}
	checkSelfContained(t, files, v.BaseURL)
}

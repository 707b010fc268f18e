package logbook

import (
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
)

// TestExampleSite renders the logbook of the example site at the
// repository's root, the one newcomers edit, without goldens: whatever
// they write, it renders, and every incident, public or internal, has its
// page and its line in the register and the CSV.
func TestExampleSite(t *testing.T) {
	now := time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC)
	p, err := project.Open(project.Options{Dir: "../..", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	p.Check()
	if p.Model == nil {
		t.Fatalf("the example site does not check:\n%v", p.Diags)
	}
	files := renderProject(t, p)
	internal := 0
	for _, inc := range p.Model.Incidents {
		if _, ok := files["incidents/"+inc.ID+"/index.html"]; !ok {
			t.Errorf("incident %s (%s) has no page", inc.ID, inc.Visibility)
		}
		if !strings.Contains(string(files["index.html"]), `href="incidents/`+inc.ID+`/"`) {
			t.Errorf("the register does not link incident %s", inc.ID)
		}
		if !strings.Contains(string(files["register.csv"]), "\r\n"+inc.ID+",") {
			t.Errorf("register.csv lacks incident %s", inc.ID)
		}
		if inc.Visibility != "public" {
			internal++
		}
	}
	if internal == 0 {
		t.Error("the example site has no internal incident: the logbook is tested on public ones only")
	}
}

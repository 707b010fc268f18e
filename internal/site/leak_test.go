package site

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// leakSite is the file of the leak site (see its comment): one copy,
// read by this test and by internal/logbook's TestMarkersAppear.
const leakSite = "testdata/leak.txtar"

var marker = regexp.MustCompile(`(?i)zqx\d{3}`)

// TestNothingInternalLeaks builds the public site of leakSite and checks
// every byte of every file for the markers.
func TestNothingInternalLeaks(t *testing.T) {
	archive, err := os.ReadFile(leakSite)
	if err != nil {
		t.Fatal(err)
	}
	fsys := testutil.SiteFS(string(archive))
	p := project.New(fsys, nil, time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC))
	p.Check()
	if p.Model == nil {
		t.Fatalf("the leak site is not valid:\n%v", p.Diags)
	}
	// Every marker must be in the site, or the test proves nothing.
	planted := map[string]bool{}
	for _, f := range fsys {
		for _, m := range marker.FindAllString(string(f.Data), -1) {
			planted[strings.ToLower(m)] = true
		}
	}
	if len(planted) < 66 {
		t.Fatalf("only %d markers planted", len(planted))
	}
	files := renderView(t, projection.Public(p.Model), p.Theme)
	if len(files) < 20 {
		t.Fatalf("only %d files rendered", len(files))
	}
	for name, data := range files {
		if m := marker.FindAllString(name+"\n"+string(data), -1); len(m) > 0 {
			t.Errorf("%s leaks %v", name, m)
		}
	}
	// The public parts are there: the check is not passing on an empty site.
	page := string(files["incidents/2025-06-10-public/index.html"])
	for _, want := range []string{"The website is down", "A disk filled up.", "It works again.", "Disk alerts.", "We are looking into it."} {
		if !strings.Contains(page, want) {
			t.Errorf("public incident page lacks %q", want)
		}
	}
	nl := string(files["nl/incidents/2025-06-10-public/index.html"])
	for _, want := range []string{"De website was onbereikbaar.", "Oorzaak gevonden."} {
		if !strings.Contains(nl, want) {
			t.Errorf("public incident page in Dutch lacks %q", want)
		}
	}
	// A remote image is not loaded: it is a link to it.
	if a := parse(t, files["incidents/2025-06-10-public/index.html"]).Find(`a[href="https://tracker.example/p.gif"]`); a.Text() != "pixel" {
		t.Errorf("public incident page has no link named pixel to the remote image")
	}
	checkSelfContained(t, files, "https://status.example.org/")
	for name, data := range files {
		if strings.Contains(string(data), `src="https://tracker.example`) {
			t.Errorf("%s loads the remote image", name)
		}
	}
}

// TestSiteCannotReachModel: the public renderer's dependencies do not
// include the model or anything that holds internal records.
func TestSiteCannotReachModel(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/incidentsite/incidentsite/internal/site").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, forbidden := range []string{"internal/model", "internal/content", "internal/validate", "internal/projection", "internal/project", "internal/config", "internal/catalog"} {
		for _, dep := range strings.Fields(string(out)) {
			if strings.HasSuffix(dep, forbidden) {
				t.Errorf("internal/site depends on %s", dep)
			}
		}
	}
}

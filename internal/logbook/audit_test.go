package logbook

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

const auditIncident = "2026-03-12-misdirected-data-export"

// auditMaintenance is the record of the maintenance window given a trail.
const auditMaintenance = "content/maintenance/2026-10-14-backup-restore-test.md"

// renderAudited renders the fixture as if its site were in git: the
// audited incident's record with a trail of three commits (added under
// another name, moved, changed) and changes not committed yet; its RCA's
// with one commit, the history of a shallow clone that does not reach
// the commit that added it; the internal maintenance window's with two
// commits; every other record never committed. The
// configuration names the repository's web address.
func renderAudited(t *testing.T) map[string][]byte {
	t.Helper()
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	p := openSite(t, fixtureFile, string(archive), false, fixtureNow)
	m := p.Model
	m.Config.RepositoryURL = "https://git.example.org/ops/status/"
	var inc *model.Incident
	for _, x := range m.Incidents {
		if x.ID == auditIncident {
			inc = x
		}
	}
	if inc == nil || inc.RCA == nil {
		t.Fatalf("the fixture has no incident %s with an RCA", auditIncident)
	}
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	old := strings.Replace(inc.File, "2026/", "", 1)
	trail := []model.Change{
		{Hash: "c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6", Author: "Ana Peeters", Email: "ana@example.org",
			Time: at("2026-03-13T09:30:00+01:00"), Committed: at("2026-03-13T09:31:00+01:00"),
			Subject: "incidents: the DPO's decision & the <customer> notified", Kind: "modified", Path: inc.File},
		{Hash: "b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5", Author: "Bram De Smet", Email: "bram@example.org",
			Time: at("2026-03-12T18:00:00+01:00"), Committed: at("2026-03-12T18:00:00+01:00"),
			Subject: "incidents: file by year", Kind: "moved", Path: inc.File},
		{Hash: "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4", Author: "Ana Peeters", Email: "ana@example.org",
			Time: at("2026-03-12T17:10:00+01:00"), Committed: at("2026-03-12T17:11:00+01:00"),
			Subject: "incidents: register the misdirected export", Kind: "added", Path: old},
	}
	m.Audits = map[string]*model.Audit{
		inc.File: {Trail: trail, Registered: &trail[2], Uncommitted: true},
		inc.RCA.File: {Trail: []model.Change{{Hash: "d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607", Author: "Chris Janssens",
			Time: at("2026-03-20T14:00:00+01:00"), Subject: "rcas: the root cause", Kind: "modified", Path: inc.RCA.File}}},
	}
	maint := []model.Change{
		{Hash: "e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718", Author: "An Janssens", Time: at("2026-10-15T08:45:00+02:00"),
			Subject: "maintenance: the restore test's outcome", Kind: "modified", Path: auditMaintenance},
		{Hash: "f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829", Author: "An Janssens", Time: at("2026-10-07T08:55:00+02:00"),
			Subject: "maintenance: plan the quarterly restore test", Kind: "added", Path: auditMaintenance},
	}
	m.Audits[auditMaintenance] = &model.Audit{Trail: maint, Registered: &maint[1]}
	return renderProject(t, p)
}

// TestAuditGolden pins the audit trail of an incident page in both
// languages (the trail with links to the commits, the registration, the
// uncommitted mark; the RCA's trail without a known registration), the
// page of a record never committed, the register with its registered
// column as HTML, CSV and JSON, and a maintenance window's trail. The fixture's own goldens
// pin a site without history. Run go test -update to rewrite them.
func TestAuditGolden(t *testing.T) {
	files := renderAudited(t)
	for _, name := range []string{
		"incidents/" + auditIncident + "/index.html",
		"nl/incidents/" + auditIncident + "/index.html",
		"incidents/2026-11-23-api-slow-responses/index.html",
		"index.html",
		"register.csv",
		"register.json",
		"maintenance/2026-10-14-backup-restore-test/index.html",
	} {
		data, ok := files[name]
		if !ok {
			t.Errorf("%s was not written", name)
			continue
		}
		testutil.Golden(t, "audit/"+name, data)
	}
}

// TestAuditChange: a commit links to the repository's web site only when
// one is configured and its name is hexadecimal; its earlier path shows
// when the record moved since; an unknown kind shows as it is.
func TestAuditChange(t *testing.T) {
	const hash = "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name, repo, file string
		c                model.Change
		want             changeData
	}{
		{"linked", "https://git.example.org/ops/status/", "content/incidents/a.md",
			model.Change{Hash: hash, Kind: "modified", Path: "content/incidents/a.md"},
			changeData{Hash: hash, Short: "0123456", Href: "https://git.example.org/ops/status/commit/" + hash, Kind: "modified", KindLabel: "changed"}},
		{"no repository", "", "content/incidents/a.md",
			model.Change{Hash: hash, Kind: "added", Path: "content/incidents/a.md"},
			changeData{Hash: hash, Short: "0123456", Kind: "added", KindLabel: "added"}},
		{"not a commit's name", "https://git.example.org/ops/status/", "content/incidents/a.md",
			model.Change{Hash: "../../x", Kind: "added"},
			changeData{Hash: "../../x", Short: "../../x", Kind: "added", KindLabel: "added"}},
		{"moved since", "", "content/incidents/2026/a.md",
			model.Change{Hash: "abc", Kind: "added", Path: "content/incidents/a.md"},
			changeData{Hash: "abc", Short: "abc", Kind: "added", KindLabel: "added", Path: "content/incidents/a.md"}},
		{"unknown kind", "", "content/incidents/a.md",
			model.Change{Hash: "abc", Kind: "copied"},
			changeData{Hash: "abc", Short: "abc", Kind: "copied", KindLabel: "copied"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &renderer{m: &model.Site{Config: &config.Config{RepositoryURL: tc.repo}}, strings: map[string]map[string]string{
				"en": {"logbook.audit.kind.added": "added", "logbook.audit.kind.modified": "changed"}}}
			w := &pageWriter{r: r, lang: "en"}
			if got := w.change(tc.c, tc.file); got != tc.want {
				t.Errorf("change = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestAuditStates: without history a record has none; in git, a record
// the history holds nothing of was never committed.
func TestAuditStates(t *testing.T) {
	r := &renderer{m: &model.Site{Config: &config.Config{}}, strings: map[string]map[string]string{}}
	w := &pageWriter{r: r, lang: "en"}
	if d := w.audit("x", "a.md"); d.History || d.Uncommitted || d.Trail != nil {
		t.Errorf("without git: %+v, want no history", d)
	}
	r.m.Audits = map[string]*model.Audit{}
	if d := w.audit("x", "a.md"); !d.History || !d.Uncommitted || d.Registered != nil {
		t.Errorf("in git, never committed: %+v, want history and uncommitted", d)
	}
}

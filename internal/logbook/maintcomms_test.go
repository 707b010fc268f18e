package logbook

import (
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/project"
)

// portalWindow is the fixture's window that the build started at
// fixtureNow: announced, not reminded, its start not written.
const (
	portalWindow     = "2026-11-23-portal-database-upgrade"
	portalWindowPage = "maintenance/" + portalWindow + "/index.html"
	// portalEnd ends the window's front matter, after its updates;
	// portalStatus is its status: line.
	portalEnd    = "---\n\n## What we will do\nWe move the customer portal's database"
	portalStatus = "scheduled_until: 2026-11-24T01:30:00+01:00\nstatus: scheduled\n"
)

func fixture(t *testing.T) string {
	t.Helper()
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	s := string(archive)
	if !strings.Contains(s, portalEnd) || !strings.Contains(s, portalStatus) {
		t.Fatal("the fixture's portal window changed: update the test")
	}
	return s
}

// TestMaintenanceCommsHostile checks a window's checklist as
// TestCommsHostile does an incident's: a hostile title and address stay
// text in both languages.
func TestMaintenanceCommsHostile(t *testing.T) {
	s := fixture(t)
	quoted := "\"" + strings.ReplaceAll(hostileTitle, `"`, `\"`) + "\"\n"
	hostile := strings.Replace(s, "  en: Customer portal database upgrade\n  nl: Upgrade van de database van het klantenportaal\n",
		"  en: "+quoted+"  nl: "+quoted, 1)
	if hostile == s {
		t.Fatal("the portal window has another title: update the test")
	}
	p := openSite(t, "maintenance-comms", hostile+customersList, true, fixtureNow)
	checkCommsHostile(t, renderProject(t, p), portalWindowPage, "nl/"+portalWindowPage)
}

var portalStatusRE = regexp.MustCompile(`scheduled_until: 2026-11-24T01:30:00\+01:00\nstatus: \w+\n`)

// drafts returns the texts of a page's drafts by anchor.
func drafts(page []byte) map[string]string {
	texts := map[string]string{}
	for _, m := range textareaRE.FindAllStringSubmatch(string(page), -1) {
		texts[m[1]] = html.UnescapeString(m[2])
	}
	return texts
}

// paste adds a status page draft to the portal window's updates as its
// comment says: under updates:, and the entry's status as the window's.
func paste(t *testing.T, archive, entry string) string {
	t.Helper()
	var got []struct{ Status string }
	if err := yaml.Unmarshal([]byte(entry), &got); err != nil || len(got) != 1 || got[0].Status == "" {
		t.Fatalf("the draft is not one entry with a status (%v):\n%s", err, entry)
	}
	if !strings.Contains(entry, "# and set status: "+got[0].Status+" at the top") {
		t.Errorf("the draft does not say to set status: %s:\n%s", got[0].Status, entry)
	}
	archive = strings.Replace(archive, portalEnd, "  "+strings.ReplaceAll(strings.TrimSuffix(entry, "\n"), "\n", "\n  ")+"\n"+portalEnd, 1)
	return portalStatusRE.ReplaceAllLiteralString(archive, "scheduled_until: 2026-11-24T01:30:00+01:00\nstatus: "+got[0].Status+"\n")
}

// window returns the model's window id of p.
func window(t *testing.T, p *project.Project, id string) *model.Maintenance {
	t.Helper()
	for _, m := range p.Model.Maintenance {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("no window %s", id)
	return nil
}

// states are a checklist's moments as "id state".
func states(c model.Checklist) string {
	var out []string
	for _, m := range c.Moments {
		out = append(out, m.ID+" "+string(m.State))
	}
	return strings.Join(out, ", ")
}

// TestMaintenanceCommsPasted plays the coordinator of the portal
// window: the build started it, the page says started is due; pasting
// the status page draft into the record (and its status, as the draft
// says) gives a site that checks without errors and a checklist with
// started done by it. Past the scheduled end, with delayed in the plan,
// the window is owed a delay notice; its draft keeps the window in
// progress and does the moment once pasted.
func TestMaintenanceCommsPasted(t *testing.T) {
	s := fixture(t)
	p := openSite(t, "pasted", s, true, fixtureNow)
	if got, want := states(window(t, p, portalWindow).Checklists[0]), "scheduled done, reminder missed, started due, completed not-started"; got != want {
		t.Errorf("before: external moments %s, want %s", got, want)
	}
	texts := drafts(renderProject(t, p)[portalWindowPage])
	for _, anchor := range []string{"comms-ext-scheduled-email", "comms-int-scheduled-chat", "comms-ext-completed-email"} {
		if _, ok := texts[anchor]; ok {
			t.Errorf("a draft %s for a moment done or not come", anchor)
		}
	}
	for anchor, want := range map[string]string{
		"comms-ext-started-email":        "The maintenance on Customer portal has started.\n\nStatus: In progress\nServices: Customer portal\nScheduled from: 23 Nov 2026, 23:30 CET\nScheduled until: 24 Nov 2026, 01:30 CET\n",
		"comms-ext-reminder-email":       "Reminder: we carry out maintenance on Customer portal from 23 Nov 2026, 23:30 CET to 24 Nov 2026, 01:30 CET.",
		"comms-int-started-chat":         "Customer portal database upgrade: The maintenance on Customer portal has started.\nOn the night of 23 to 24 November",
		"comms-ext-reminder-status-page": "status: in_progress\n",
	} {
		if !strings.Contains(texts[anchor], want) {
			t.Errorf("%s lacks %q:\n%s", anchor, want, texts[anchor])
		}
	}
	if strings.Contains(texts["comms-ext-started-email"], "Plan and rollback") {
		t.Errorf("the external e-mail holds the internal section Plan and rollback:\n%s", texts["comms-ext-started-email"])
	}

	started := paste(t, s, texts["comms-ext-started-status-page"])
	p = openSite(t, "pasted", started, true, fixtureNow)
	mw := window(t, p, portalWindow)
	if got, want := states(mw.Checklists[0]), "scheduled done, reminder missed, started done, completed not-started"; got != want {
		t.Errorf("after pasting started: external moments %s, want %s", got, want)
	}
	if n := len(mw.Updates); n != 2 || mw.Updates[1].Message.Get("en", "en") != "The maintenance on Customer portal has started." {
		t.Errorf("the pasted entry gave updates %+v", mw.Updates)
	}

	// Past the end, with delayed in the plan.
	tmpl, err := os.ReadFile("../catalog/defaults/templates/maintenance.yaml")
	if err != nil {
		t.Fatal(err)
	}
	withDelayed := strings.Replace(string(tmpl), "when: [scheduled, reminder, started, completed]", "when: [scheduled, reminder, started, delayed, completed]", 1)
	if withDelayed == string(tmpl) {
		t.Fatal("the maintenance template's external plan changed: update the test")
	}
	late := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
	p = openSite(t, "late", started+"-- templates/maintenance.yaml --\n"+withDelayed, true, late)
	if got, want := states(window(t, p, portalWindow).Checklists[0]), "scheduled done, reminder missed, started done, delayed due, completed due"; got != want {
		t.Errorf("past the end: external moments %s, want %s", got, want)
	}
	texts = drafts(renderProject(t, p)[portalWindowPage])
	entry := texts["comms-ext-delayed-status-page"]
	if !strings.Contains(entry, "status: in_progress\n") || !strings.Contains(entry, "takes longer than planned (until 24 Nov 2026, 01:30 CET)") {
		t.Errorf("the delay's entry does not keep the window in progress or say so:\n%s", entry)
	}
	if !strings.Contains(texts["comms-ext-completed-status-page"], "status: completed\n") {
		t.Errorf("the completion's entry does not complete the window:\n%s", texts["comms-ext-completed-status-page"])
	}
	p = openSite(t, "late", paste(t, started, entry)+"-- templates/maintenance.yaml --\n"+withDelayed, true, late)
	if got, want := states(window(t, p, portalWindow).Checklists[0]), "scheduled done, reminder missed, started done, delayed done, completed due"; got != want {
		t.Errorf("after pasting the delay: external moments %s, want %s", got, want)
	}
}

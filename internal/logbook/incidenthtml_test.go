package logbook

import (
	"html/template"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/theme"
)

// hostileIncident is an incident's page with s and u in every text it
// shows, and every part in each of its states.
func hostileIncident(s, u string) *incidentPage {
	at := time.Date(2025, 2, 18, 9, 5, 0, 0, time.FixedZone("", -3600))
	who := person{Name: s, Known: true, Email: u, Phone: s}
	sec := []section{{ID: "a", Anchor: s, Title: local{Text: s, Lang: u}, Audience: "internal", Markdown: []byte("**" + s + "**\n\n<script>" + u)},
		{ID: "b", Anchor: u, Title: local{Text: u}, Audience: s, Markdown: []byte(u), Lang: s}}
	return &incidentPage{
		framed: framed{&page{Lang: "en", Title: s, TitleLang: u, Home: u + "/" + s}},
		ID:     s, File: u, Category: local{Text: s, Lang: u}, Severity: u, Visibility: s, VisibilityLabel: u,
		Status: s, StatusLabel: u, Detected: at, Acknowledged: at.Add(time.Hour), Duration: s, Expected: u,
		Coordinator: &who, Teams: []person{who, {ID: "r", Name: u, Role: true}}, Regulation: []string{s, u},
		Timeline: []serviceTimeline{{Name: s, Periods: []period{{From: at, To: at.Add(time.Hour), Level: s, LevelLabel: u}, {From: at, Level: u}}}, {Name: u}},
		Updates: []update{{At: at, Status: s, StatusLabel: u, Body: template.HTML("<p>" + template.HTMLEscapeString(s) + "</p>"), Lang: u, Internal: s, Changes: []string{s, u}},
			{At: at, Status: u, Body: "<p>b</p>"}},
		External: sec, Internal: sec[:1],
		Notifications: []notification{{To: &who, Kind: s, Reference: u, At: at}, {Kind: u}},
		Actions: []action{{Title: s, State: "done", StateLabel: u, Owner: who, Due: at, DoneOn: at, Late: true, From: s},
			{Title: u, State: "done", Owner: person{Name: u}, From: u}, {Title: s, State: s, Due: at}},
		RCA:    &rcaData{ID: s, File: u, Title: s, TitleLang: u, StatusLabel: s, Published: true, Author: &who, Reviewers: []person{who}, Date: at, Sections: sec},
		Legal:  hostileLegal(s, u),
		Audits: hostileAudits(s, u),
		Comms:  hostileComms(s, u),
	}
}

// TestIncidentMatchesLayout proves that incidentHTML writes what
// incident.html's content writes through html/template, byte for byte:
// for every incident of the fixture, and for hostile texts in every
// field, in every language and two time zones.
func TestIncidentMatchesLayout(t *testing.T) {
	_, r := fixtureRenderer(t)
	eachZoneAndLang(t, r, []string{"Europe/Brussels", "America/Chicago"}, func(zone, lang string) {
		fast, slow := sectionSets(t, r, lang)
		if !r.theme.Builtin(theme.Logbook, fast, incidentPartials...) {
			t.Fatal("the built-in layouts do not get incidentHTML")
		}
		same := func(what string, p *incidentPage) {
			t.Helper()
			got, want := execPartial(t, fast, "content", p), execPartial(t, slow, "content", p)
			if got != want {
				t.Errorf("%s %s, %s:\n%s", zone, lang, what, firstDiff(got, want))
			}
		}
		w := &pageWriter{r: r, lang: lang, rows: &sharedRows{byRoot: map[string][]*sharedRow{}}}
		for _, inc := range r.m.Incidents {
			p := w.incidentData(inc).(*incidentPage)
			p.frame(&page{Lang: lang, Title: "T", Home: "../../"})
			if r.incidentHTML(lang, p) == "" {
				t.Fatalf("%s: incidentHTML wrote nothing", inc.ID)
			}
			same(inc.ID, p)
		}
		for _, s := range hostileTexts {
			for _, u := range []string{"x", s, "javascript:alert(1)"} {
				same("hostile texts", hostileIncident(s, u))
			}
		}
		empty := &incidentPage{framed: framed{&page{}}}
		same("an empty page", empty)
	})
}

// firstDiff shows where got and want part.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return "got:  …" + got[from:min(len(got), i+80)] + "\nwant: …" + want[from:min(len(want), i+80)]
}

// FuzzIncidentMatchesLayout checks incidentHTML's escaping against
// html/template's on any text.
func FuzzIncidentMatchesLayout(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s, "#"+s)
	}
	_, r := fixtureRenderer(f)
	fast, slow := sectionSets(f, r, r.langs[0])
	f.Fuzz(func(t *testing.T, s, u string) {
		p := hostileIncident(s, u)
		if got, want := execPartial(t, fast, "content", p), execPartial(t, slow, "content", p); got != want {
			t.Errorf("%q, %q:\n%s", s, u, firstDiff(got, want))
		}
	})
}

// TestIncidentFallBack: a site's partial that the content includes
// turns incidentHTML off for the page, which then shows the site's
// markup; the built-in layouts keep it on.
func TestIncidentFallBack(t *testing.T) {
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, file, layout, mark string }{
		{"none", "", "", `<h2 id="h-rca">`},
		{"action-state", "layouts/logbook/partials/zz-action.html", `{{define "action-state"}}<i class="site-action">A</i>{{end}}`, `<i class="site-action">A</i>`},
		{"sections", "layouts/logbook/partials/zz-sections.html", `{{define "sections"}}<i class="site-sections">S</i>{{end}}`, `<i class="site-sections">S</i>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			extra := ""
			if tc.file != "" {
				extra = "-- " + tc.file + " --\n" + tc.layout + "\n"
			}
			site := openSite(t, fixtureFile, string(archive)+extra, true, fixtureNow)
			r, err := newRenderer(site.Model, site.Theme, &memOut{})
			if err != nil {
				t.Fatal(err)
			}
			sets, err := r.layouts(r.langs[0])
			if err != nil {
				t.Fatal(err)
			}
			if got, want := r.theme.Builtin(theme.Logbook, sets["incident.html"], incidentPartials...), tc.file == ""; got != want {
				t.Errorf("incidentHTML on: %v, want %v", got, want)
			}
			if got := execPartial(t, sets["incident.html"], "content", hostileIncident("a", "b")); !strings.Contains(got, tc.mark) {
				t.Errorf("the content does not show %s:\n%s", tc.mark, got)
			}
		})
	}
}

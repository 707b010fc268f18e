package logbook

import (
	"html/template"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/theme"
)

// sectionSets returns, for lang, the built-in layouts' "incident.html"
// set twice: as the logbook renders it (fast, with commsHTML and
// auditHTML), and with the functions that leave the markup to the
// partials (slow).
func sectionSets(t testing.TB, r *renderer, lang string) (fast, slow *template.Template) {
	t.Helper()
	sets, err := r.layouts(lang)
	if err != nil {
		t.Fatal(err)
	}
	slowSets, err := r.theme.Templates(theme.Logbook, r.funcs(lang))
	if err != nil {
		t.Fatal(err)
	}
	return sets["incident.html"], slowSets["incident.html"]
}

// hostileComms is a checklist with s in every text it shows, each state
// of a moment and each kind of draft.
func hostileComms(s, u string) *commsSection {
	at := time.Date(2025, 2, 18, 9, 5, 0, 0, time.UTC)
	draft := commsDraft{Anchor: s, Channel: local{Text: s, Lang: u}, FormLabel: s, TextLabel: u, Subject: s, Text: s + "</textarea>" + u, Rows: 7,
		Mailto: "mailto:" + s + "?subject=" + u, Full: false, NoAddress: true}
	plain := commsDraft{Anchor: u, Channel: local{Text: u}, FormLabel: u, TextLabel: s, Text: u, Rows: 1, Mailto: s, Full: true}
	return &commsSection{Note: s, Plans: []commsPlan{{
		Audience: s, Anchor: s, Label: u,
		Who: []person{{Name: s, Known: true, Email: u, Phone: s}, {ID: "role", Name: u, Role: true}},
		How: []local{{Text: s}, {Text: u, Lang: s}},
		Moments: []commsMoment{
			{ID: "a", Name: s, State: "done", StateLabel: u, At: at, UpdateStatus: s, UpdateAnchor: u},
			{ID: "b", Name: u, State: "done", StateLabel: s, At: at, UpdateStatus: u},
			{ID: "c", Name: s, State: "done", StateLabel: s, At: at, ByRCA: true},
			{ID: "d", Name: s, State: "due", StateLabel: u, Since: at, Drafts: []commsDraft{draft, plain}},
			{ID: "e", Name: s, State: "missed", StateLabel: u, Since: at.Add(time.Hour), Drafts: []commsDraft{plain}},
			{ID: "f", Name: s, State: s, StateLabel: u},
		},
	}, {Anchor: u, Label: s}}}
}

// hostileAudits are audit trails with s and u in every text they show,
// in every state a trail can be in.
func hostileAudits(s, u string) []auditData {
	at := time.Date(2025, 2, 18, 9, 5, 0, 0, time.FixedZone("", 3600))
	c := changeData{Hash: s, Short: u, Author: s, Subject: u, Href: u, Time: at, Kind: "added", KindLabel: s, Path: u}
	plain := changeData{Hash: u, Short: s, Author: u, Subject: s, Time: at, KindLabel: u}
	return []auditData{
		{Label: s, File: u, History: true, Uncommitted: true, Registered: &c, Trail: []changeData{c, plain}},
		{Label: u, File: s, History: true, Trail: []changeData{plain}},
		{Label: s, File: s, History: true, Uncommitted: true},
		{Label: s, File: s, History: false},
	}
}

// hostileLegal is a regulation's standing with s and u in every text it
// shows, in every state of a decision, a stage and a draft.
func hostileLegal(s, u string) []legalData {
	at := time.Date(2025, 2, 18, 9, 5, 0, 0, time.UTC)
	to := &person{Name: s, Known: true, Email: u}
	d := &draft{Anchor: s, File: u, Stage: local{Text: s, Lang: u}, Subject: u, To: []person{*to, {Name: u, Role: true, ID: "r"}},
		Fields: []draftField{{Label: s, Article: u, Value: s, Blank: true}, {Label: u, Value: u + "\n" + s}}, Text: s + "</textarea>",
		Mailto: "mailto:" + s, Full: false, Blanks: 2}
	full := &draft{Anchor: u, File: "drafts/" + s + ".txt", Stage: local{Text: u}, Subject: s, Mailto: u, Full: true}
	return []legalData{{
		Name: s, Anchor: s, Title: local{Text: s, Lang: u}, Article: u, Question: local{Text: u, Lang: s},
		Decision:   &decisionData{At: at, By: *to, Notify: true, NotifyLabel: s, Reason: u},
		Criteria:   []checkItem{{ID: "a", Article: s, Text: local{Text: u}, Ticked: true}, {ID: "b", Article: u, Text: local{Text: s, Lang: u}}},
		Conditions: []checkItem{{ID: "c", Article: s, Text: local{Text: u, Lang: s}, State: s, StateLabel: u}},
		Stages: []stageData{
			{ID: "1", Anchor: s, Title: local{Text: s}, Article: u, State: "met", StateLabel: s, Deadline: at, At: at,
				By: &notification{To: to, Kind: s, Reference: u}, Late: u, Note: s, Elsewhere: []string{s, u}, Draft: d,
				Recipients: []recipientData{{Role: *to, State: s, StateLabel: u}}},
			{ID: "2", Anchor: u, State: "met", StateLabel: u, Deadline: at, At: at, By: &notification{Kind: u}},
			{ID: "3", State: "met", Immediate: true, Start: at, At: at},
			{ID: "4", State: "due", StateLabel: s, DayEnd: true, EndOfDay: at, Left: u, Draft: full},
			{ID: "5", State: "due", Immediate: true},
			{ID: "6", State: "missed", StateLabel: u, Deadline: at, Over: s},
			{ID: "7", State: s, StateLabel: s, Note: u},
		},
		Requests: []requestData{{Stage: local{Text: s, Lang: u}, From: *to, At: at}, {Stage: local{Text: u}, From: person{Name: s}, At: at, Due: at}},
		Drafts:   []*draft{d, full},
	}, {Name: u, Anchor: u, Title: local{Text: u}, Question: local{Text: s}, Decision: &decisionData{By: person{Name: u}}}, {Anchor: "x"}}
}

// TestSectionsMatchLayouts proves that commsHTML and auditHTML write what
// the partials "comms" and "audit" write through html/template, byte for
// byte: for every incident and maintenance window of the fixture, and for
// hostile texts in every field, in every language and time zone.
func TestSectionsMatchLayouts(t *testing.T) {
	_, r := fixtureRenderer(t)
	eachZoneAndLang(t, r, []string{"Europe/Brussels", "Asia/Dubai"}, func(zone, lang string) {
		fast, slow := sectionSets(t, r, lang)
		if !r.theme.Builtin(theme.Logbook, fast, commsPartials...) || !r.theme.Builtin(theme.Logbook, fast, auditPartials...) {
			t.Fatal("the built-in layouts do not get commsHTML and auditHTML")
		}
		same := func(what string, data any) {
			t.Helper()
			names := []string{"comms", "audit"}
			if _, ok := data.(*incidentPage); ok {
				names = append(names, "legal")
			}
			for _, name := range names {
				got, want := execPartial(t, fast, name, data), execPartial(t, slow, name, data)
				if got != want {
					t.Errorf("%s %s, %s of %s:\n got %q\nwant %q", zone, lang, name, what, got, want)
				}
			}
		}
		w := &pageWriter{r: r, lang: lang, rows: &sharedRows{byRoot: map[string][]*sharedRow{}}}
		comms, audits, legal := 0, 0, 0
		for _, inc := range r.m.Incidents {
			p := w.incidentData(inc).(*incidentPage)
			same(inc.ID, p)
			if p.Comms != nil && r.commsHTML(lang, p) != "" {
				comms++
			}
			if r.auditHTML(lang, p) != "" {
				audits++
			}
			if r.legalHTML(lang, p) != "" {
				legal++
			}
		}
		for _, m := range r.m.Maintenance {
			same(m.ID, w.maintenanceData(m))
		}
		if comms == 0 || audits == 0 || legal == 0 || len(r.m.Maintenance) == 0 {
			t.Fatalf("the fixture gives %d checklists, %d trails, %d pages with legal clocks and %d windows: the test proves little", comms, audits, legal, len(r.m.Maintenance))
		}
		for _, s := range hostileTexts {
			for _, u := range []string{"x", s, "#a b", "ü"} {
				same("hostile texts", &incidentPage{Comms: hostileComms(s, u), Audits: hostileAudits(s, u), Legal: hostileLegal(s, u)})
				same("a hostile window", &maintenancePage{Comms: hostileComms(u, s), Audits: hostileAudits(u, s)})
			}
		}
		// Nothing to show, and another type: the layout's markup.
		same("an empty page", &incidentPage{})
		same("a page without history", &incidentPage{Audits: []auditData{{Label: "x"}}})
		type other struct{ Comms *commsSection }
		if got := execPartial(t, fast, "comms", other{&commsSection{Note: "n"}}); !strings.Contains(got, `<p class="meta">n</p>`) {
			t.Errorf("another type: %q", got)
		}
	})
}

// eachZoneAndLang calls f for each of zones (r's time zone set to it)
// and each of r's languages.
func eachZoneAndLang(t *testing.T, r *renderer, zones []string, f func(zone, lang string)) {
	t.Helper()
	for _, zone := range zones {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		r.loc = loc
		for _, lang := range r.langs {
			f(zone, lang)
		}
	}
}

// FuzzSectionsMatchLayouts checks commsHTML's and auditHTML's escaping
// against html/template's on any text.
func FuzzSectionsMatchLayouts(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s, "#"+s)
	}
	_, r := fixtureRenderer(f)
	fast, slow := sectionSets(f, r, r.langs[0])
	f.Fuzz(func(t *testing.T, s, u string) {
		p := &incidentPage{Comms: hostileComms(s, u), Audits: hostileAudits(s, u), Legal: hostileLegal(s, u)}
		for _, name := range []string{"comms", "audit", "legal"} {
			got, want := execPartial(t, fast, name, p), execPartial(t, slow, name, p)
			if got != want {
				t.Errorf("%s of %q, %q:\n got %q\nwant %q", name, s, u, got, want)
			}
		}
	})
}

// TestSectionsFallBack: a site that defines a partial that the Go
// markup includes gets its own partial's markup, through the layouts.
func TestSectionsFallBack(t *testing.T) {
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, file, layout  string
		comms, audit, legal bool // whether commsHTML, auditHTML and legalHTML still write
		mark                string
	}{
		{"when", "layouts/logbook/partials/zz-when.html", `{{define "when"}}<b class="site-when">W</b>{{end}}`, false, false, false, `<b class="site-when">W</b>`},
		{"audit-commit", "layouts/logbook/partials/zz-commit.html", `{{define "audit-commit"}}<i class="site-commit">C</i>{{end}}`, true, false, true, `<i class="site-commit">C</i>`},
		{"stage-state", "layouts/logbook/partials/zz-stage.html", `{{define "stage-state"}}<s class="site-stage">S</s>{{end}}`, true, true, false, `<s class="site-stage">S</s>`},
		{"person in a page", "layouts/logbook/incident.html", "", false, true, false, `<u class="site-person">P</u>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			layout := tc.layout
			if layout == "" {
				// A page's own layout that redefines a partial.
				data, err := os.ReadFile("../theme/defaults/layouts/logbook/incident.html")
				if err != nil {
					t.Fatal(err)
				}
				layout = string(data) + `{{define "person"}}<u class="site-person">P</u>{{end}}`
			}
			site := openSite(t, fixtureFile, string(archive)+"-- "+tc.file+" --\n"+layout+"\n", true, fixtureNow)
			r, err := newRenderer(site.Model, site.Theme, &memOut{})
			if err != nil {
				t.Fatal(err)
			}
			sets, err := r.layouts(r.langs[0])
			if err != nil {
				t.Fatal(err)
			}
			set := sets["incident.html"]
			if got := r.theme.Builtin(theme.Logbook, set, commsPartials...); got != tc.comms {
				t.Errorf("comms written by Go: %v, want %v", got, tc.comms)
			}
			if got := r.theme.Builtin(theme.Logbook, set, auditPartials...); got != tc.audit {
				t.Errorf("audit written by Go: %v, want %v", got, tc.audit)
			}
			if got := r.theme.Builtin(theme.Logbook, set, legalPartials...); got != tc.legal {
				t.Errorf("legal written by Go: %v, want %v", got, tc.legal)
			}
			// The site's partial shows where the markup includes it.
			page := &incidentPage{Comms: hostileComms("a", "b"), Audits: hostileAudits("a", "b"), Legal: hostileLegal("a", "b")}
			got := execPartial(t, set, "comms", page) + execPartial(t, set, "audit", page) + execPartial(t, set, "legal", page)
			if !strings.Contains(got, tc.mark) {
				t.Errorf("the sections do not show the site's partial %s:\n%s", tc.mark, got)
			}
		})
	}
}

package scaffold_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/scaffold"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// site is the site the records of these tests join: the built-in
// templates, a category whose template requires from detection a field
// that "new" has a flag for under another name, and an RCA template that
// requires from the draft a field that "new" has no flag for.
const site = `
-- incidentsite.yaml --
` + testutil.MinimalConfig + `
-- content/contacts/internal.md --
` + testutil.MinimalContacts + `
-- content/incidents/2025/2025-02-18-website-down.md --
---
title: The website is down
category: availability
severity: minor
services: {website: major_outage}
detected: 2025-02-18T09:05:00+01:00
---
-- templates/outage.yaml --
name: outage
title: {en: Outage}
severities: [low, high]
visibility: public
fields:
  expected_downtime: {required_from: detected}
`

// now is the time of the command in these tests: late on 11 June in UTC,
// already 12 June in the site's time zone (Europe/Brussels).
var now = time.Date(2025, 6, 11, 22, 30, 45, 0, time.UTC)

func loadSite(t *testing.T, archive string) scaffold.Existing {
	t.Helper()
	fsys := testutil.SiteFS(archive)
	cfg, d := config.Load(fsys)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	cat, d := catalog.Load(fsys, cfg)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	set, d := content.Load(fsys, cfg)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	regs, d := regulation.Load(fsys, cfg)
	if len(d) > 0 {
		t.Fatalf("regulations: %v", d)
	}
	return scaffold.Existing{Config: cfg, Catalog: cat, Regulations: regs, Records: set}
}

// TestRecordPath checks the rules for a new record's id and folder: the
// day it starts in the site's time zone and a slug of the title, in its
// kind's folder, incidents by year.
func TestRecordPath(t *testing.T) {
	s := loadSite(t, site)
	for _, tc := range []struct {
		name string
		kind string
		o    scaffold.RecordOptions
		want string
	}{
		{"incident", "incident", scaffold.RecordOptions{Category: "availability", Title: "AssetExplorer: sign-in fails!", Services: []string{"website"}, Detected: "2025-02-18T09:05:00+01:00"},
			"content/incidents/2025/2025-02-18-assetexplorer-sign-in-fails.md"},
		// The day and the year are the site's: 23:30 in UTC on New
		// Year's Eve is New Year's Day in Brussels.
		{"incident, day in the site's zone", "incident", scaffold.RecordOptions{Category: "availability", Title: "Late", Services: []string{"website"}, Detected: "2024-12-31T23:30:00Z"},
			"content/incidents/2025/2025-01-01-late.md"},
		{"incident detected now", "incident", scaffold.RecordOptions{Category: "availability", Title: "Now", Services: []string{"website"}},
			"content/incidents/2025/2025-06-12-now.md"},
		{"slug", "incident", scaffold.RecordOptions{Category: "availability", Title: "Сбой входа", Slug: "sign-in-failure", Services: []string{"website"}, Detected: "2025-02-18T09:05:00+01:00"},
			"content/incidents/2025/2025-02-18-sign-in-failure.md"},
		{"accents dropped", "incident", scaffold.RecordOptions{Category: "availability", Title: "Één storing", Services: []string{"website"}, Detected: "2025-02-18T09:05:00+01:00"},
			"content/incidents/2025/2025-02-18-een-storing.md"},
		// A long title is cut at a hyphen, to at most 60 characters.
		{"long title", "incident", scaffold.RecordOptions{Category: "availability", Title: strings.Repeat("database ", 10), Services: []string{"website"}, Detected: "2025-02-18T09:05:00+01:00"},
			"content/incidents/2025/2025-02-18-database-database-database-database-database-database.md"},
		{"rca", "rca", scaffold.RecordOptions{Incident: "2025-02-18-website-down", Author: "an-janssens"},
			"content/rcas/2025-02-18-website-down.md"},
		{"maintenance", "maintenance", scaffold.RecordOptions{Title: "Database upgrade", Services: []string{"website"}, Start: "2025-03-01 22:00", End: "2025-03-02 01:00", Coordinator: "an-janssens"},
			"content/maintenance/2025-03-01-database-upgrade.md"},
		{"exercise", "exercise", scaffold.RecordOptions{Title: "Ransomware tabletop", Date: "2025-06-20", ExerciseKind: "tabletop", Participants: []string{"ops"}},
			"content/exercises/2025-06-20-ransomware-tabletop.md"},
		{"exercise today", "exercise", scaffold.RecordOptions{Title: "Tabletop", ExerciseKind: "tabletop", Participants: []string{"ops"}},
			"content/exercises/2025-06-12-tabletop.md"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.o.Now = now
			d, err := scaffold.Record(tc.kind, tc.o, s)
			if err != nil {
				t.Fatal(err)
			}
			if d.Path != tc.want {
				t.Errorf("Path = %s, want %s", d.Path, tc.want)
			}
		})
	}
}

// TestRecordDefaults checks what a new record's front matter says when
// the options leave it to the template, the services or the clock.
func TestRecordDefaults(t *testing.T) {
	s := loadSite(t, site)
	incident := func(category string, services ...string) scaffold.RecordOptions {
		return scaffold.RecordOptions{Category: category, Title: "x", Services: services, Impact: "partial_outage", Coordinator: "an-janssens", Now: now}
	}
	for _, tc := range []struct {
		name string
		kind string
		o    scaffold.RecordOptions
		want []string // lines of the front matter, in this order
	}{
		// The severity is the one the page shows for the services'
		// worst impact, with the template's severities.
		{"severity of a major outage", "incident", incident("availability", "website=degraded_performance", "assetexplorer=major_outage"),
			[]string{"severity: critical", "services:", "  website: degraded_performance", "  assetexplorer: major_outage"}},
		{"severity of a partial outage", "incident", incident("availability", "website"),
			[]string{"severity: major", "  website: partial_outage"}},
		{"severity of degraded performance", "incident", incident("availability", "website=degraded_performance"),
			[]string{"severity: minor"}},
		{"severity without services", "incident", incident("security"), []string{"severity: low"}},
		{"two severities", "incident", func() scaffold.RecordOptions {
			o := incident("outage", "website")
			o.ExpectedDowntime = "2h"
			return o
		}(), []string{"severity: high", "expected_downtime: 2h"}},
		// Visibility and regulation are the category's, written out.
		{"visibility and regulation", "incident", incident("security"),
			[]string{"visibility: internal", "regulation: [nis2]", decisionsPlaceholder}},
		{"visibility given", "incident", func() scaffold.RecordOptions {
			o := incident("security")
			o.Visibility = "public"
			o.Regulation = []string{"gdpr"}
			return o
		}(), []string{"visibility: public", "regulation: [gdpr]"}},
		// Detection is now, to the minute, in the site's time zone.
		{"detected now", "incident", incident("availability", "website"),
			[]string{"detected: 2025-06-12T00:30:00+02:00", "#   - at: 2025-06-12T00:30:00+02:00", "#     status: investigating"}},
		{"first update given", "incident", func() scaffold.RecordOptions {
			o := incident("availability", "website")
			o.Message = "  Looking into it.  "
			return o
		}(), []string{"updates:", "  - at: 2025-06-12T00:30:00+02:00", "    status: investigating", "    message: Looking into it."}},
		{"rca title", "rca", scaffold.RecordOptions{Incident: "2025-02-18-website-down", Author: "an-janssens", Now: now},
			[]string{"title: The website is down", "incident: 2025-02-18-website-down", "status: draft", "published: false", "author: an-janssens"}},
		// The maintenance is announced now; its window is in the site's
		// time zone unless given with an offset.
		{"maintenance", "maintenance", scaffold.RecordOptions{Title: "Upgrade", Services: []string{"website"}, Start: "2025-07-01 22:00", End: "2025-07-01T23:00:00Z", Coordinator: "an-janssens", Now: now},
			[]string{"scheduled_for: 2025-07-01T22:00:00+02:00", "scheduled_until: 2025-07-01T23:00:00Z", "status: scheduled", "#   - at: 2025-06-12T00:30:00+02:00", "#     status: scheduled"}},
		{"exercise", "exercise", scaffold.RecordOptions{Title: "Drill", ExerciseKind: "simulation", Participants: []string{"ops", "team-manager"}, Now: now},
			[]string{"date: 2025-06-12", "kind: simulation", "participants: [ops, team-manager]", "# findings: the follow-ups, each as {title: …, owner: …, due: 2025-07-01, done: false}, then done: 2025-06-28, the day it was done (required from held)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := scaffold.Record(tc.kind, tc.o, s)
			if err != nil {
				t.Fatal(err)
			}
			front, _, _ := strings.Cut(strings.TrimPrefix(string(d.Text), "---\n"), "---\n")
			if !containsInOrder(testutil.Lines(front), tc.want) {
				t.Errorf("front matter\n%s\nlacks, in this order:\n%s", front, strings.Join(tc.want, "\n"))
			}
		})
	}
}

// decisionsPlaceholder is the line a new regulated incident holds for
// its decision, which is due from the start.
const decisionsPlaceholder = "# decisions: whether the incident must be reported under each regulation, as [{regulation: nis2, at: 2025-02-18T14:00:00+01:00, by: dpo, notify: true, reason: …}] (due)"

// TestRecordDecisionsPlaceholder checks that only an incident under a
// regulation is given the decisions: line.
func TestRecordDecisionsPlaceholder(t *testing.T) {
	s := loadSite(t, site)
	for _, tc := range []struct {
		category   string
		regulation []string
		want       bool
	}{
		{"security", nil, true},                  // the template's nis2
		{"availability", nil, false},             // no regulation
		{"availability", []string{"gdpr"}, true}, // --regulation
	} {
		o := scaffold.RecordOptions{Category: tc.category, Title: "x", Services: []string{"website"}, Impact: "partial_outage", Coordinator: "an-janssens", Regulation: tc.regulation, Now: now}
		d, err := scaffold.Record("incident", o, s)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(d.Text), decisionsPlaceholder+"\n"); got != tc.want {
			t.Errorf("%s %v: decisions: placeholder written = %v, want %v\n%s", tc.category, tc.regulation, got, tc.want, d.Text)
		}
	}
}

// containsInOrder reports whether every line of want is in lines, in
// the same order.
func containsInOrder(lines, want []string) bool {
	for _, l := range lines {
		if len(want) > 0 && l == want[0] {
			want = want[1:]
		}
	}
	return len(want) == 0
}

// TestRecordErrors checks that options that cannot make a valid record
// are refused with an *OptionError that names the flag and says what to
// do.
func TestRecordErrors(t *testing.T) {
	s := loadSite(t, site)
	incident := func(edit func(o *scaffold.RecordOptions)) scaffold.RecordOptions {
		o := scaffold.RecordOptions{Category: "availability", Title: "x", Services: []string{"website"}, Impact: "partial_outage"}
		edit(&o)
		return o
	}
	maintenance := func(edit func(o *scaffold.RecordOptions)) scaffold.RecordOptions {
		o := scaffold.RecordOptions{Title: "x", Services: []string{"website"}, Start: "2025-03-01 22:00", End: "2025-03-01 23:00", Coordinator: "an-janssens"}
		edit(&o)
		return o
	}
	for _, tc := range []struct {
		name string
		kind string
		o    scaffold.RecordOptions
		want string
	}{
		{"no title", "incident", incident(func(o *scaffold.RecordOptions) { o.Title = " " }),
			`--title is required: one line that says what happened, as in --title "AssetExplorer is unavailable"`},
		{"bidi control", "incident", incident(func(o *scaffold.RecordOptions) { o.Title = "a\u202eb" }),
			"--title holds the character U+202E, which a record may not hold (a line break, a control or an invisible bidirectional control); write it on one line without it"},
		{"line separator", "incident", incident(func(o *scaffold.RecordOptions) { o.Message = "a\u2028b" }),
			"--message holds the character U+2028, which a record may not hold (a line break, a control or an invisible bidirectional control); write it on one line without it"},
		{"line feed", "maintenance", maintenance(func(o *scaffold.RecordOptions) { o.Title = "a\nb" }),
			"--title holds the character U+000A, which a record may not hold (a line break, a control or an invisible bidirectional control); write it on one line without it"},
		{"no id", "incident", incident(func(o *scaffold.RecordOptions) { o.Title = "!!!" }),
			`--title "!!!" gives no id: it has no letters a-z or digits; give one with --slug, as in --slug database-outage`},
		{"bad slug", "incident", incident(func(o *scaffold.RecordOptions) { o.Slug = "Sign_In" }),
			`--slug "Sign_In" is not an id: use at most 60 lowercase letters a-z, digits and hyphens, not starting or ending with a hyphen, as in --slug database-outage`},
		{"long slug", "incident", incident(func(o *scaffold.RecordOptions) { o.Slug = strings.Repeat("a", 61) }),
			`--slug "` + strings.Repeat("a", 61) + `" is not an id: use at most 60 lowercase letters a-z, digits and hyphens, not starting or ending with a hyphen, as in --slug database-outage`},
		{"no category", "incident", incident(func(o *scaffold.RecordOptions) { o.Category = "" }),
			"--category is required: one of availability, outage, privacy, security"},
		{"unknown category", "incident", incident(func(o *scaffold.RecordOptions) { o.Category = "availabilty" }),
			`--category "availabilty" is not one of availability, outage, privacy, security; did you mean "availability"?`},
		{"a record kind is no category", "incident", incident(func(o *scaffold.RecordOptions) { o.Category = "rca" }),
			`--category "rca" is not one of availability, outage, privacy, security`},
		{"visibility", "incident", incident(func(o *scaffold.RecordOptions) { o.Visibility = "secret" }),
			`--visibility "secret" is not one of public, internal`},
		{"unknown service", "incident", incident(func(o *scaffold.RecordOptions) { o.Services = []string{"websit"} }),
			`--services: "websit" is not a service in incidentsite.yaml; did you mean "website"?`},
		{"service twice", "incident", incident(func(o *scaffold.RecordOptions) { o.Services = []string{"website", "website=major_outage"} }),
			"--services: website is given twice; give each service once, with its impact"},
		{"impact", "incident", incident(func(o *scaffold.RecordOptions) { o.Services = []string{"website=major"} }),
			`--services: impact "major" of website is not one of degraded_performance, partial_outage, major_outage, under_maintenance`},
		{"severity", "incident", incident(func(o *scaffold.RecordOptions) { o.Severity = "huge" }),
			`--severity "huge" is not one of minor, major, critical (templates/availability.yaml, built in)`},
		{"detected", "incident", incident(func(o *scaffold.RecordOptions) { o.Detected = "yesterday" }),
			`--detected: "yesterday" is not a date and time; write it as 2025-02-18T09:05:00+01:00`},
		{"expected downtime", "incident", incident(func(o *scaffold.RecordOptions) { o.ExpectedDowntime = "soon" }),
			`--expected-downtime: "soon" is not a duration; write it as 45m, 2h, 1h30m or 3d`},
		{"coordinator", "incident", incident(func(o *scaffold.RecordOptions) { o.Coordinator = "an" }),
			`--coordinator "an" is not a contact in content/contacts/; the contacts are an-janssens, ops`},
		{"team", "incident", incident(func(o *scaffold.RecordOptions) { o.Teams = []string{"opps"} }),
			`--teams "opps" is neither a contact nor a role held by a contact; did you mean "ops"?`},
		{"role nobody holds", "incident", incident(func(o *scaffold.RecordOptions) { o.Teams = []string{"police"} }),
			`--teams "police" is a role that no contact holds; add it to a contact's roles in content/contacts/`},
		{"regulation", "incident", incident(func(o *scaffold.RecordOptions) { o.Regulation = []string{"nis3"} }),
			`--regulation "nis3" is not one of dora, gdpr, nis2; did you mean "nis2"?`},
		{"required from the start", "incident", incident(func(o *scaffold.RecordOptions) { o.Services = nil }),
			"templates/availability.yaml, built in requires --services from the start; pass --services"},
		{"required from the start, two", "incident", incident(func(o *scaffold.RecordOptions) { o.Category = "security" }),
			"templates/security.yaml, built in requires --coordinator from the start; pass --coordinator"},
		// The flag is named as it is spelled, not as the key.
		{"required from the start, flag of another name", "incident", incident(func(o *scaffold.RecordOptions) { o.Category = "outage" }),
			"templates/outage.yaml requires --expected-downtime from the start; pass --expected-downtime"},
		{"rca without incident", "rca", scaffold.RecordOptions{Author: "an-janssens"},
			"--incident is required: the id of the incident the RCA analyses"},
		{"rca of an unknown incident", "rca", scaffold.RecordOptions{Incident: "2025-02-18-website-dwn", Author: "an-janssens"},
			`--incident "2025-02-18-website-dwn" is not an incident in content/incidents/; did you mean "2025-02-18-website-down"?`},
		{"rca slug", "rca", scaffold.RecordOptions{Incident: "2025-02-18-website-down", Author: "an-janssens", Slug: "other"},
			"--slug does not apply to an RCA: its id is the id of its incident"},
		{"rca author", "rca", scaffold.RecordOptions{Incident: "2025-02-18-website-down"},
			"templates/rca.yaml, built in requires --author from the start; pass --author"},
		{"maintenance without services", "maintenance", maintenance(func(o *scaffold.RecordOptions) { o.Services = nil }),
			"--services is required: the services the maintenance affects; the services are assetexplorer, website"},
		{"maintenance without start", "maintenance", maintenance(func(o *scaffold.RecordOptions) { o.Start = "" }),
			"--start is required"},
		{"maintenance ends before it starts", "maintenance", maintenance(func(o *scaffold.RecordOptions) { o.End = "2025-03-01 21:00" }),
			"--end must be after --start"},
		{"exercise date", "exercise", scaffold.RecordOptions{Title: "x", Date: "12/06/2025", ExerciseKind: "tabletop", Participants: []string{"ops"}},
			`--date "12/06/2025" is not a date such as 2025-06-12`},
		{"exercise kind", "exercise", scaffold.RecordOptions{Title: "x", ExerciseKind: "game", Participants: []string{"ops"}},
			`--kind "game" is not one of tabletop, walkthrough, simulation, technical, full-scale`},
		{"exercise participants", "exercise", scaffold.RecordOptions{Title: "x", ExerciseKind: "tabletop"},
			"templates/exercise.yaml, built in requires --participants from the start; pass --participants"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.o.Now = now
			_, err := scaffold.Record(tc.kind, tc.o, s)
			var oe *scaffold.OptionError
			if !errors.As(err, &oe) {
				t.Fatalf("error %v (%T), want an *OptionError", err, err)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n%s\nwant\n%s", err, tc.want)
			}
		})
	}
}

// TestRecordUnwritable checks that a field required from a record's first
// moment that no flag gives is reported as such, not as a flag to pass.
func TestRecordUnwritable(t *testing.T) {
	s := loadSite(t, site+`
-- templates/rca.yaml --
name: rca
title: {en: Root cause analysis}
fields:
  reviewers: {required_from: draft}
`)
	_, err := scaffold.Record("rca", scaffold.RecordOptions{Incident: "2025-02-18-website-down", Now: now}, s)
	want := "templates/rca.yaml requires reviewers from the start, which new has no flag for; make it required from a later moment (required_from), or write the record by hand"
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}

// TestRecordUnknownKind checks that a kind Record does not know is an
// error, not one of the kinds it knows.
func TestRecordUnknownKind(t *testing.T) {
	_, err := scaffold.Record("contacts", scaffold.RecordOptions{Title: "x", Now: now}, loadSite(t, site))
	var oe *scaffold.OptionError
	if err == nil || errors.As(err, &oe) {
		t.Fatalf("error %v, want an internal error", err)
	}
	if want := `scaffold: no record kind "contacts"; the kinds are incident, rca, maintenance, exercise`; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

// TestDraftWrite checks that a draft is written where its path says, and
// that it never replaces a file nor goes through a linked folder.
func TestDraftWrite(t *testing.T) {
	s := loadSite(t, site)
	root := t.TempDir()
	d, err := scaffold.Record("incident", scaffold.RecordOptions{Category: "availability", Title: "Down", Services: []string{"website"}, Impact: "partial_outage", Now: now}, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Write(root); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(root, "content", "incidents", "2025", "2025-06-12-down.md"))
	if err != nil || string(got) != string(d.Text) {
		t.Fatalf("file holds %q (%v), want the draft's text", got, err)
	}

	// A second time, the file is there: it is left as it is.
	d2 := *d
	d2.Text = []byte("other")
	err = d2.Write(root)
	want := regexp.QuoteMeta(filepath.ToSlash(root)) + `/content/incidents/2025/2025-06-12-down.md already exists; new never overwrites a file, so pick another --title or --slug, or edit that file$`
	if err == nil || !regexp.MustCompile(want).MatchString(err.Error()) {
		t.Errorf("second write: %v, want %s", err, want)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "content", "incidents", "2025", "2025-06-12-down.md")); string(got) != string(d.Text) {
		t.Errorf("second write changed the file to %q", got)
	}

	// An incident has one RCA.
	rca, err := scaffold.Record("rca", scaffold.RecordOptions{Incident: "2025-02-18-website-down", Author: "an-janssens", Now: now}, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := rca.Write(root); err != nil {
		t.Fatal(err)
	}
	if err := rca.Write(root); err == nil || !strings.HasSuffix(err.Error(), "already exists; new never overwrites a file, so an incident has one RCA: edit that file") {
		t.Errorf("second RCA: %v", err)
	}

	// A linked folder could put the record outside the site.
	elsewhere := t.TempDir()
	if err := os.Symlink(elsewhere, filepath.Join(root, "content", "exercises")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	ex, err := scaffold.Record("exercise", scaffold.RecordOptions{Title: "Drill", ExerciseKind: "tabletop", Participants: []string{"ops"}, Now: now}, s)
	if err != nil {
		t.Fatal(err)
	}
	err = ex.Write(root)
	want = regexp.QuoteMeta(filepath.ToSlash(root)) + "/content/exercises is a symbolic link; site files must be real files in the repository, so replace the link with the folder it points to$"
	if err == nil || !regexp.MustCompile(want).MatchString(err.Error()) {
		t.Errorf("write through a link: %v, want %s", err, want)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) > 0 {
		t.Errorf("the record was written through the link: %v", entries)
	}
}

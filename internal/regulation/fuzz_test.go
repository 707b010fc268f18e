package regulation_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// fuzzSlow is how long one call may take before a fuzz target reports
// super-linear behaviour.
const fuzzSlow = 2 * time.Second

// FuzzRegulation checks invariants of Parse on any regulation file, and
// of Clocks on whatever Parse returns.
//
// TODO(fuzz): every diagnostic's line holds the key or value it names.
func FuzzRegulation(f *testing.F) {
	cfg, d := config.Parse([]byte(testutil.MinimalConfig))
	if d.HasErrors() {
		f.Fatal(d)
	}
	for _, s := range fuzzRegulationSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"",
		"name: x\n",
		validRegulation,
		"name: acme\nstages: [{id: a, replaces: a}, {id: b, replaces: a, clocks: [{from: submitted, stage: b}]}]\n",
		"name: acme\nstages: [{id: a, to: [csirt], clocks: [{from: requested, within: as requested}], if_ongoing: {clocks: [{from: handled, within: 120 months}]}}, {id: b, to: [csirt], replaces: a}]\n",
		"name: acme\nstages: [{id: a, kinds: [], to: [csirt, csirt], condition: x, clocks: [{from: classified, within: 0h}]}]\n",
	} {
		f.Add([]byte(s))
	}
	now := time.Date(2025, 10, 7, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "regulations/acme.yaml"
		orig := bytes.Clone(data)
		start := time.Now()
		r, d := regulation.Parse(file, data, cfg)
		if el := time.Since(start); el > fuzzSlow {
			t.Errorf("Parse took %v", el)
		}
		if !bytes.Equal(data, orig) {
			t.Fatal("Parse changed its input")
		}
		lines := 1 + bytes.Count(data, []byte("\n"))
		for _, x := range d {
			if x.Pos.File != file || x.Pos.Line < 1 || x.Pos.Col < 1 || x.Pos.Line > lines {
				t.Errorf("bad position in a file of %d lines: %#v", lines, x)
			}
		}
		if r == nil {
			if !d.HasErrors() {
				t.Fatal("no regulation and no error")
			}
			return
		}
		// Clocks copes with a regulation that has errors: Load keeps it.
		detected := now.Add(-40 * 24 * time.Hour)
		var notes []regulation.Notification
		for i, k := range r.Kinds() {
			for _, s := range r.Stages {
				for _, role := range s.To {
					notes = append(notes, regulation.Notification{Kind: k, To: role, Roles: []string{role}, At: detected.Add(time.Duration(i) * 20 * time.Hour)})
				}
			}
		}
		facts := []*regulation.Facts{
			{Detected: detected},
			{Detected: detected, Ended: detected.Add(time.Hour), Notifications: notes},
			{Detected: detected, Notifications: notes, Decision: &regulation.Decision{At: detected, Notify: true, Conditions: map[string]bool{"high-risk": true}},
				Requests: []regulation.Request{{Stage: "intermediate", At: detected.Add(48 * time.Hour)}}},
		}
		for _, f := range facts {
			checkStatuses(t, r, f, now)
		}
	})
}

// FuzzClocks checks invariants of Clocks on the built-in regulations for
// any times and reports.
func FuzzClocks(f *testing.F) {
	cfg, d := config.Parse([]byte(testutil.MinimalConfig))
	if d.HasErrors() {
		f.Fatal(d)
	}
	set, d := regulation.Load(testutil.SiteFS(""), cfg)
	if len(d) > 0 {
		f.Fatal(d)
	}
	regs := set.Regulations()
	kinds := set.Kinds()
	f.Add(uint8(0), int64(0), int64(3600), int64(7200), []byte{0, 1, 2, 3}, uint8(3))
	f.Add(uint8(1), int64(-86400), int64(0), int64(86400*40), []byte{5, 9, 200, 17}, uint8(0))
	f.Add(uint8(2), int64(86400*31), int64(-1), int64(86400*70), []byte{}, uint8(1))
	f.Fuzz(func(t *testing.T, which uint8, ended, decided, now int64, reports []byte, decision uint8) {
		r := regs[int(which)%len(regs)]
		detected := time.Date(2025, 1, 31, 14, 0, 0, 0, time.UTC)
		facts := &regulation.Facts{Detected: detected, Location: brussels}
		if ended > 0 {
			facts.Ended = detected.Add(time.Duration(ended%(1<<40)) * time.Second)
		}
		switch decision % 4 {
		case 1:
			facts.Decision = &regulation.Decision{At: detected.Add(time.Duration(decided%(1<<40)) * time.Second), Notify: true}
		case 2:
			facts.Decision = &regulation.Decision{At: detected, Notify: true, Conditions: map[string]bool{"high-risk": decided%2 == 0}}
		case 3:
			facts.Decision = &regulation.Decision{At: detected, Notify: false}
		}
		roles := r.Roles()
		for i := 0; i+1 < len(reports) && i < 64; i += 2 {
			k := kinds[int(reports[i])%len(kinds)]
			role := "supplier"
			if len(roles) > 0 && reports[i+1]%5 != 0 {
				role = roles[int(reports[i+1])%len(roles)]
			}
			facts.Notifications = append(facts.Notifications, regulation.Notification{Kind: k, To: role, Roles: []string{role},
				At: detected.Add(time.Duration(reports[i+1]) * 7 * time.Hour)})
		}
		if len(reports)%3 == 1 {
			facts.Requests = []regulation.Request{{Stage: "intermediate", At: detected.Add(30 * time.Hour), Due: detected.Add(time.Duration(len(reports)) * time.Hour)}}
		}
		checkStatuses(t, r, facts, detected.Add(time.Duration(now%(1<<40))*time.Second))
	})
}

// checkStatuses checks what every status of Clocks must satisfy.
func checkStatuses(t *testing.T, r *regulation.Regulation, f *regulation.Facts, now time.Time) {
	t.Helper()
	sts := regulation.Clocks(r, f, now)
	if len(sts) != len(r.Stages) {
		t.Fatalf("%d statuses for %d stages", len(sts), len(r.Stages))
	}
	for i, st := range sts {
		if st.Stage != &r.Stages[i] {
			t.Errorf("status %d is of stage %q", i, st.Stage.ID)
		}
		switch st.State {
		case regulation.Met:
			if st.By == nil || !st.At.Equal(st.By.At) || st.Late < 0 {
				t.Errorf("%s met without a notification, or late by %s", st.Stage.ID, st.Late)
			}
		case regulation.Due:
			if st.Left < 0 || st.Deadline.IsZero() || (st.Immediate && st.Left != 0) {
				t.Errorf("%s due by %s with %s left", st.Stage.ID, st.Deadline, st.Left)
			}
		case regulation.Missed:
			if st.Over <= 0 || st.Immediate || !now.After(st.Deadline) {
				t.Errorf("%s missed %s by %s at %s", st.Stage.ID, st.Deadline, st.Over, now)
			}
		case regulation.NotStarted, regulation.NotRequired:
			if st.By != nil {
				t.Errorf("%s %s, yet met by a notification", st.Stage.ID, st.State)
			}
		default:
			t.Errorf("%s: state %q", st.Stage.ID, st.State)
		}
		if len(st.Recipients) != len(st.Stage.To) {
			t.Errorf("%s: %d recipients for %d roles", st.Stage.ID, len(st.Recipients), len(st.Stage.To))
		}
		for _, rc := range st.Recipients {
			if (rc.State == regulation.Met) != (rc.By != nil) {
				t.Errorf("%s: recipient %s is %s, by %v", st.Stage.ID, rc.Role, rc.State, rc.By)
			}
		}
		st.Content()
	}
}

// fuzzRegulationSeeds returns the module's regulation files: the built-in
// ones and those inside the txtar archives of its testdata folders.
func fuzzRegulationSeeds(tb testing.TB) [][]byte {
	seeds := testutil.Seeds(tb, "../..", func(name string, data []byte) []byte {
		if strings.HasSuffix(name, ".yaml") && strings.Contains(name, "regulations/") {
			return data
		}
		return nil
	})
	err := fs.WalkDir(regulation.Builtin(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(regulation.Builtin(), p)
		seeds = append(seeds, data)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return seeds
}

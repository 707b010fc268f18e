package project_test

import (
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// exampleNow is a "now" at which the example site is current: after its
// ongoing incident started, before its upcoming maintenance.
var exampleNow = time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC)

// TestExampleSite keeps the repository's own example site valid, without
// a single warning, and checks what the model makes of it. The warnings
// of the history checks are left out: they are about the repository's
// history, which is no part of the site (its records were written after
// the fact, long after their incidents), and a copy outside git or a
// shallow clone has one of its own.
func TestExampleSite(t *testing.T) {
	p, err := project.Open(project.Options{Dir: "../..", Now: exampleNow})
	if err != nil {
		t.Fatal(err)
	}
	p.Check()
	for _, d := range p.Diags {
		switch d.Rule {
		case "update-drift", "rewritten", "history-missing", "history-shallow":
			continue
		}
		t.Errorf("%s", d)
	}
	if p.Model == nil {
		t.Fatal("no model")
	}
	want := map[vocab.Kind]int{vocab.KindIncident: 4, vocab.KindRCA: 3, vocab.KindMaintenance: 2, vocab.KindContacts: 3, vocab.KindExercise: 1}
	for k, n := range want {
		if got := p.Counts()[k]; got != n {
			t.Errorf("%s: %d, want %d", k, got, n)
		}
	}
	var open, internal int
	for _, inc := range p.Model.Incidents {
		if !inc.IsResolved() {
			open++
		}
		if inc.Visibility == "internal" {
			internal++
		}
	}
	if open != 1 || internal != 1 {
		t.Errorf("open incidents %d, internal %d; want 1 and 1", open, internal)
	}
	first := p.Model.Incidents[len(p.Model.Incidents)-1]
	if first.ID != "2025-02-18-assetexplorer-down" || first.RCA == nil || !first.RCA.Published {
		t.Errorf("oldest incident %s, RCA %v: want the AssetExplorer outage with its published RCA", first.ID, first.RCA)
	}
}

func mustLoc(t *testing.T, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// BenchmarkValidate10k loads, validates and models a generated site of
// 10,000 incidents (with updates, sections and RCAs) from disk.
func BenchmarkValidate10k(b *testing.B) {
	dir := b.TempDir()
	testutil.WriteSite(b, dir, 10_000)
	b.ResetTimer()
	for b.Loop() {
		p, err := project.Open(project.Options{Dir: dir, Now: exampleNow})
		if err != nil {
			b.Fatal(err)
		}
		p.Check()
		if p.Model == nil {
			b.Fatalf("invalid: %v", p.Diags.Err())
		}
	}
}

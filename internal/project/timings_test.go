package project_test

import (
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
)

func TestTimingsPrint(t *testing.T) {
	tm := project.Timings{Phases: []project.Phase{
		{Name: "open", Time: 4 * time.Millisecond},
		{Name: "history", Time: 840 * time.Millisecond},
		{Name: "render logbook", Time: 12345 * time.Millisecond},
		{Name: "total", Time: 13189 * time.Millisecond},
	}}
	var b strings.Builder
	if err := tm.Print(&b); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"open              0.00s\n" +
		"history           0.84s\n" +
		"render logbook   12.35s\n" +
		"total            13.19s\n"
	if b.String() != want {
		t.Errorf("Print:\n%s\nwant:\n%s", b.String(), want)
	}
	var empty strings.Builder
	if err := new(project.Timings).Print(&empty); err != nil || empty.Len() != 0 {
		t.Errorf("Print of no phases = %q, %v; want nothing", empty.String(), err)
	}
}

// TestTimingsSince checks that each phase starts where the last ended:
// the phases add up to the time since the first started.
func TestTimingsSince(t *testing.T) {
	var tm project.Timings
	start := time.Now()
	next := tm.Since("a", start)
	end := tm.Since("b", next)
	if len(tm.Phases) != 2 || tm.Phases[0].Name != "a" || tm.Phases[1].Name != "b" {
		t.Fatalf("phases %+v, want a then b", tm.Phases)
	}
	if sum := tm.Phases[0].Time + tm.Phases[1].Time; sum != end.Sub(start) {
		t.Errorf("phases add up to %v, want %v", sum, end.Sub(start))
	}
}

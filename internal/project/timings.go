package project

import (
	"fmt"
	"io"
	"time"
)

// Timings are the wall times of a command's phases, in the order they
// ran: what "build --timings" and "validate --timings" print, so that a
// user can see where a slow build goes. A zero Timings is ready to use.
type Timings struct {
	Phases []Phase
}

// Phase is one phase of a command and its wall time.
type Phase struct {
	// Name is the phase's name as printed: "history", "render public".
	Name string
	Time time.Duration
}

// Since records the phase name as the time since start, and returns the
// time now, the start of the next phase.
func (t *Timings) Since(name string, start time.Time) time.Time {
	now := time.Now()
	t.Phases = append(t.Phases, Phase{Name: name, Time: now.Sub(start)})
	return now
}

// Print writes one line per phase, its name first, the times aligned in
// a column: "history         0.84s".
func (t *Timings) Print(w io.Writer) error {
	width := 0
	for _, p := range t.Phases {
		width = max(width, len(p.Name))
	}
	for _, p := range t.Phases {
		if _, err := fmt.Fprintf(w, "%-*s  %6.2fs\n", width, p.Name, p.Time.Seconds()); err != nil {
			return err
		}
	}
	return nil
}

package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/serve"
)

// TestPrintBuild: a good build of serve is a line on standard output with
// its pages; with --timings, each phase follows on standard error, its
// name first, and without, nothing does.
func TestPrintBuild(t *testing.T) {
	r := serve.Report{Version: 2, Now: "2026-12-01 12:00:00 CET (the clock: serve previews the work tree)", Public: 12, Logbook: 1, Took: 412 * time.Millisecond,
		Timings: project.Timings{Phases: []project.Phase{{Name: "load", Time: 190 * time.Millisecond}, {Name: "plan logbook", Time: 40 * time.Millisecond}, {Name: "total", Time: 412 * time.Millisecond}}}}
	for _, timings := range []bool{false, true} {
		var out, errs bytes.Buffer
		g := &globals{source: ".", stdout: &out, stderr: &errs, getenv: func(string) string { return "" }}
		g.printBuild(r, timings)
		if !strings.Contains(out.String(), "build 2 in 412ms: public 12 pages, logbook 1 page\n") {
			t.Errorf("stdout: %q", out.String())
		}
		want := "load            0.19s\nplan logbook    0.04s\ntotal           0.41s\n"
		if !timings {
			want = ""
		}
		if errs.String() != want {
			t.Errorf("--timings %v: stderr %q, want %q", timings, errs.String(), want)
		}
	}
}

package site

import (
	"path/filepath"
	"testing"

	"github.com/incidentsite/incidentsite/internal/output"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// BenchmarkBuild10k is "incidentsite build" on a generated site of 10,000
// incidents: load, validate, model, project, render every page, feed, API
// file, badge and calendar in two languages, and write it all to disk.
func BenchmarkBuild10k(b *testing.B) {
	dir := b.TempDir()
	testutil.WriteSite(b, dir, 10_000)
	out, err := output.Check(dir, filepath.Join(dir, "public"), "public")
	if err != nil {
		b.Fatal(err)
	}
	files := 0
	for b.Loop() {
		p, err := project.Open(project.Options{Dir: dir, Now: fixtureNow})
		if err != nil {
			b.Fatal(err)
		}
		p.Check()
		if p.Model == nil {
			b.Fatalf("invalid: %v", p.Diags.Err())
		}
		rendered := renderView(b, projection.Public(p.Model), p.Theme)
		if _, err := output.Write(out, rendered); err != nil {
			b.Fatal(err)
		}
		files = len(rendered)
	}
	b.ReportMetric(float64(files), "files")
}

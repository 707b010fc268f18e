package site

import (
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/gensite"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
)

// countWriter keeps nothing, and counts the files and bytes.
type countWriter struct{ files, bytes atomic.Int64 }

func (c *countWriter) Put(name string, data []byte) error {
	c.files.Add(1)
	c.bytes.Add(int64(len(data)))
	return nil
}

// BenchmarkRender renders the public site of a generated site of 1,000
// incidents (or of INCIDENTSITE_BENCH_SITE), projection included, without the front half's phases in
// the profile (internal/build's BenchmarkPhases times them all). It
// reports the process's CPU time per rendering (cpu-ns/op, garbage
// collection included), steadier than ns/op when the cores are shared.
func BenchmarkRender(b *testing.B) {
	// INCIDENTSITE_BENCH_SITE names a site to render instead, such as a
	// copy of a large generated one; only read.
	dir := os.Getenv("INCIDENTSITE_BENCH_SITE")
	if dir == "" {
		dir = b.TempDir()
		if _, err := gensite.Write(dir, 1_000); err != nil {
			b.Fatal(err)
		}
	}
	p, err := project.Open(project.Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	p.Check()
	if p.Model == nil {
		b.Fatalf("invalid: %v", p.Diags)
	}
	m, th := p.Model, p.Theme
	p = nil
	b.ReportAllocs()
	var c *countWriter
	var cpu time.Duration
	n := 0
	for b.Loop() {
		if n == 0 {
			cpu = cpuTime() // after b.Loop's first call, which resets the timer
		}
		n++
		c = &countWriter{}
		if err := Render(projection.Public(m), th, c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(n), "cpu-ns/op")
	b.ReportMetric(float64(c.files.Load()), "files")
	b.ReportMetric(float64(c.bytes.Load())/(1<<20), "MB")
}

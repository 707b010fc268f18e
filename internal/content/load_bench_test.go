package content_test

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/gensite"
	"github.com/incidentsite/incidentsite/internal/source"
)

// BenchmarkLoad loads the records of a site package gensite generates
// (1,000 incidents; 10,000 too with INCIDENTSITE_BENCH_10K set) and
// reports, beside the time and allocations, live-MiB: the heap that the
// loaded records keep, measured after a garbage collection, which the
// rest of a build carries.
func BenchmarkLoad(b *testing.B) {
	sizes := []int{1_000}
	if os.Getenv("INCIDENTSITE_BENCH_10K") != "" {
		sizes = append(sizes, 10_000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := gensite.Write(dir, n); err != nil {
				b.Fatal(err)
			}
			fsys, err := source.Dir(dir)
			if err != nil {
				b.Fatal(err)
			}
			cfg, _ := config.Load(fsys)
			var live uint64
			b.ReportAllocs()
			for b.Loop() {
				var before, after runtime.MemStats
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&before)
				b.StartTimer()
				set, _ := content.Load(fsys, cfg)
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&after)
				if len(set.Incidents) != n {
					b.Fatalf("%d incidents loaded, want %d", len(set.Incidents), n)
				}
				runtime.KeepAlive(set)
				live = max(live, after.HeapAlloc-min(after.HeapAlloc, before.HeapAlloc))
				b.StartTimer()
			}
			b.ReportMetric(float64(live)/(1<<20), "live-MiB")
		})
	}
}

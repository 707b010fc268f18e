package content_test

import (
	"fmt"
	"io/fs"
	"runtime"
	"testing"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// BenchmarkLoad loads the records of a site package gensite generates
// (1,000 incidents; 10,000 too with INCIDENTSITE_BENCH_10K set) and
// reports, beside the time and allocations, live-MiB: the heap that the
// loaded records keep, measured after a garbage collection, which the
// rest of a build carries.
func BenchmarkLoad(b *testing.B) {
	for _, n := range testutil.BenchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			fsys, cfg := generated(b, n)
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

// BenchmarkLoadMemo is BenchmarkLoad as the preview server loads: with a
// Memo that the Load before filled, one incident's file edited in
// between, so that each Load parses one file. (The generated files are
// new: their times settle 3 s after they are written, and until then
// each Load reads them again, hashes them and finds their parse.)
func BenchmarkLoadMemo(b *testing.B) {
	for _, n := range testutil.BenchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			fsys, cfg := generated(b, n)
			edit := testutil.EditIncident(b, fsys.dir)
			m := content.NewMemo()
			m.Load(fsys, cfg)
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				edit()
				b.StartTimer()
				if set, _ := m.Load(fsys, cfg); len(set.Incidents) != n {
					b.Fatalf("%d incidents loaded, want %d", len(set.Incidents), n)
				}
			}
		})
	}
}

// genSite is the work tree of a generated site, and its folder.
type genSite struct {
	fs.FS
	dir string
}

// generated returns a site package gensite generated with n incidents,
// read as a build reads its work tree, and its configuration.
func generated(b *testing.B, n int) (genSite, *config.Config) {
	dir := testutil.GeneratedSite(b, n)
	fsys, err := source.Dir(dir)
	if err != nil {
		b.Fatal(err)
	}
	cfg, d := config.Load(fsys)
	if cfg == nil {
		b.Fatal(d.Err())
	}
	return genSite{fsys, dir}, cfg
}

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

// BenchmarkMemoEncode encodes the memo of a Load, as a build keeps it in
// the cache folder, and reports the encoding's size: "parsed" after a
// Load that parsed every file (a first run), "decoded" after a Load with
// a memo decoded from the cache (each run after it, one file edited).
func BenchmarkMemoEncode(b *testing.B) {
	for _, n := range testutil.BenchSizes() {
		fsys, cfg := generated(b, n)
		parsed := content.NewMemo()
		parsed.Load(fsys, cfg)
		decoded, err := content.DecodeMemo(parsed.Encode(cfg), cfg)
		if err != nil {
			b.Fatal(err)
		}
		testutil.EditIncident(b, fsys.dir)()
		decoded.Load(fsys, cfg)
		for _, m := range []struct {
			name string
			memo *content.Memo
		}{{"parsed", parsed}, {"decoded", decoded}} {
			b.Run(fmt.Sprintf("%d/%s", n, m.name), func(b *testing.B) {
				var size int
				b.ReportAllocs()
				for b.Loop() {
					size = len(m.memo.Encode(cfg))
				}
				b.ReportMetric(float64(size)/(1<<20), "MiB")
			})
		}
	}
}

// BenchmarkMemoDecode decodes that encoding and loads with it, as the
// next build does: nothing read but the folder's listing.
func BenchmarkMemoDecode(b *testing.B) {
	for _, n := range testutil.BenchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			fsys, cfg := generated(b, n)
			m := content.NewMemo()
			m.Load(fsys, cfg)
			data := m.Encode(cfg)
			b.ReportAllocs()
			for b.Loop() {
				next, err := content.DecodeMemo(data, cfg)
				if err != nil {
					b.Fatal(err)
				}
				if set, _ := next.Load(fsys, cfg); len(set.Incidents) != n {
					b.Fatalf("%d incidents loaded, want %d", len(set.Incidents), n)
				}
			}
		})
	}
}

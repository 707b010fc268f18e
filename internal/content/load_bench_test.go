package content_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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

// BenchmarkLoadMemo is BenchmarkLoad as the preview server loads: with a
// Memo that the Load before filled, one incident's file edited in
// between, so that each Load parses one file and reads them all.
func BenchmarkLoadMemo(b *testing.B) {
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
			files, err := fs.Glob(fsys, "content/incidents/*/*.md")
			if err != nil || len(files) == 0 {
				b.Fatalf("no incident: %v", err)
			}
			edited := filepath.Join(dir, filepath.FromSlash(files[len(files)/2]))
			orig, err := os.ReadFile(edited)
			if err != nil {
				b.Fatal(err)
			}
			m := content.NewMemo()
			m.Load(fsys, cfg)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				b.StopTimer()
				i++
				if err := os.WriteFile(edited, append(orig, fmt.Sprintf("\nEdit %d.\n", i)...), 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if set, _ := m.Load(fsys, cfg); len(set.Incidents) != n {
					b.Fatalf("%d incidents loaded, want %d", len(set.Incidents), n)
				}
			}
		})
	}
}

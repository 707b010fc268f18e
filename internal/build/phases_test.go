package build

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/incidentsite/incidentsite/internal/logbook"
	"github.com/incidentsite/incidentsite/internal/output"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/site"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// discard is a Writer that keeps nothing, and counts the files and bytes.
type discard struct{ files, bytes atomic.Int64 }

func (d *discard) Put(name string, data []byte) error {
	if err := output.CheckPath(name); err != nil {
		return err
	}
	d.files.Add(1)
	d.bytes.Add(int64(len(data)))
	return nil
}

// BenchmarkPhases times the back half of a build phase by phase on a
// site package gensite generates (N incidents, 5N commits): render
// public (projection and renderer, into a writer that keeps nothing),
// render logbook (the same), and write (both sites' files, rendered
// beforehand, put into stages and swapped in, over the previous
// iteration's output as a rebuild does), and preview (serve's work at a
// save once the site is checked). The front half's phases are
// package project's BenchmarkPhases.
func BenchmarkPhases(b *testing.B) {
	for _, n := range testutil.BenchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := testutil.GeneratedSite(b, n)
			p, err := project.Open(project.Options{Dir: dir})
			if err != nil {
				b.Fatal(err)
			}
			p.Check()
			// Warnings are allowed: the generator writes each maintenance
			// window after the fact, which the history checks report for
			// the last two weeks' (package gensite).
			if p.Model == nil || p.Diags.HasErrors() {
				b.Fatalf("invalid: %v", p.Diags)
			}
			m, th := p.Model, p.Theme
			p = nil // as in a build, what was loaded is garbage from here
			renders := []struct {
				name   string
				render func(output.Writer) error
			}{
				{"render-public", func(w output.Writer) error { return site.Render(projection.Public(m), th, w) }},
				{"render-logbook", func(w output.Writer) error { return logbook.Render(m, th, w) }},
			}
			for _, r := range renders {
				b.Run(r.name, func(b *testing.B) {
					b.ReportAllocs()
					var d *discard
					for b.Loop() {
						d = &discard{}
						if err := r.render(d); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(d.files.Load()), "files")
					b.ReportMetric(float64(d.bytes.Load())/(1<<20), "MB")
				})
			}
			// What serve does at each save once the site is checked: plan
			// both sites, rendering no page (NewLazy), then render the one
			// page a person previewing looks at.
			b.Run("preview", func(b *testing.B) {
				b.ReportAllocs()
				page := "incidents/" + m.Incidents[len(m.Incidents)/2].ID + "/index.html"
				for b.Loop() {
					if _, err := site.NewLazy(projection.Public(m), th, &discard{}); err != nil {
						b.Fatal(err)
					}
					l, err := logbook.NewLazy(m, th, &discard{})
					if err != nil {
						b.Fatal(err)
					}
					if ok, err := l.Render(page); !ok || err != nil {
						b.Fatalf("%s: %v, %v", page, ok, err)
					}
				}
			})
			b.Run("write", func(b *testing.B) {
				var sites [2]map[string][]byte
				for i, r := range renders {
					mem := output.NewMemory()
					if err := r.render(mem); err != nil {
						b.Fatal(err)
					}
					sites[i] = mem.Files()
				}
				var folders [2]output.Folder
				for i, name := range []string{"public", "logbook"} {
					if folders[i], err = output.Check(dir, filepath.Join(dir, name), name); err != nil {
						b.Fatal(err)
					}
				}
				names := [2][]string{slices.Sorted(maps.Keys(sites[0])), slices.Sorted(maps.Keys(sites[1]))}
				b.ReportAllocs()
				for b.Loop() {
					var stages []*output.Stage
					for i, f := range folders {
						s, _, err := output.NewStage(f)
						if err != nil {
							b.Fatal(err)
						}
						stages = append(stages, s)
						for _, name := range names[i] {
							if err := s.Put(name, sites[i][name]); err != nil {
								b.Fatal(err)
							}
						}
					}
					if _, err := output.Swap(stages...); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(names[0])+len(names[1])), "files")
			})
		})
	}
}

package project

import (
	"fmt"
	"testing"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/theme"
	"github.com/incidentsite/incidentsite/internal/validate"
)

// BenchmarkPhases times the front half of a build phase by phase on a
// site package gensite generates (N incidents, 5N commits, checked out),
// as Check runs them: load (configuration, templates, regulations,
// theme, content), validate, history (the walk over the commits and the
// history checks, on a repository opened anew each time so that
// go-git's caches start cold) and model. The rendering and writing
// phases are package build's BenchmarkPhases.
func BenchmarkPhases(b *testing.B) {
	for _, n := range testutil.BenchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := testutil.GeneratedSite(b, n)
			p, err := Open(Options{Dir: dir})
			if err != nil {
				b.Fatal(err)
			}
			p.Check()
			// Warnings are allowed: see the build's BenchmarkPhases.
			if p.Model == nil || p.History == nil || p.Diags.HasErrors() {
				b.Fatalf("model %v, history %v: %v", p.Model != nil, p.History != nil, p.Diags)
			}
			cfg, cat, regs, set, now := p.Config, p.Catalog, p.Regulations, p.Content, p.Now
			b.Run("load", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					fsys, err := source.Dir(dir)
					if err != nil {
						b.Fatal(err)
					}
					cfg, _ := config.Load(fsys)
					catalog.Load(fsys, cfg)
					regulation.Load(fsys, cfg)
					theme.Load(fsys, themeOptions(cfg))
					if set, _ := content.Load(fsys, cfg); len(set.Incidents) != n {
						b.Fatalf("%d incidents loaded, want %d", len(set.Incidents), n)
					}
				}
			})
			b.Run("validate", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if d := validate.Validate(validate.Input{Config: cfg, Catalog: cat, Regulations: regs, Content: set, Now: now}); len(d) > 0 {
						b.Fatal(d)
					}
				}
			})
			b.Run("history", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					repo, _, err := source.OpenRepository(dir)
					if err != nil {
						b.Fatal(err)
					}
					q := &Project{FS: p.FS, Revision: p.Revision, Now: now, repo: repo, sub: p.sub, worktree: true, opened: true}
					q.readHistory(cfg, cat, set, q.startWalk())
					if q.History == nil || len(q.Diags) > 0 {
						b.Fatalf("history %v: %v", q.History != nil, q.Diags)
					}
				}
			})
			b.Run("model", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if m := model.Build(cfg, cat, regs, set, now); len(m.Incidents) != n {
						b.Fatalf("%d incidents in the model, want %d", len(m.Incidents), n)
					}
				}
			})
		})
	}
}

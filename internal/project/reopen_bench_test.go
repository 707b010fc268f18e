package project_test

import (
	"fmt"
	"testing"

	"github.com/incidentsite/incidentsite/internal/cache"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// BenchmarkReopen times what the preview server does on every save, up
// to the rendering: Open and Check of a site package gensite generates
// (N incidents, 5N commits, checked out) with the history kept in a
// cache folder, one incident's file edited (not committed) before each.
// "cache" is the server as it was, "memo" with a project.Memo that the
// Check before filled.
func BenchmarkReopen(b *testing.B) {
	for _, n := range testutil.BenchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := testutil.GeneratedSite(b, n)
			edit := testutil.EditIncident(b, dir)
			for _, memo := range []bool{false, true} {
				name := "cache"
				if memo {
					name = "memo"
				}
				b.Run(name, func(b *testing.B) {
					c, err := cache.Open(b.TempDir())
					if err != nil {
						b.Fatal(err)
					}
					defer c.Close()
					opts := project.Options{Dir: dir, Now: exampleNow, NowFrom: "the clock: serve previews the work tree", Cache: c}
					if memo {
						opts.Memo = project.NewMemo()
					}
					reopen := func() {
						p, err := project.Open(opts)
						if err != nil {
							b.Fatal(err)
						}
						p.Check()
						if p.Model == nil || p.History == nil {
							b.Fatalf("model %v, history %v: %v", p.Model != nil, p.History != nil, p.Diags.Err())
						}
					}
					edit()
					reopen() // the build before: it fills the cache and the memo
					for b.Loop() {
						b.StopTimer()
						edit()
						b.StartTimer()
						reopen()
					}
				})
			}
		})
	}
}

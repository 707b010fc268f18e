package serve

import (
	"path/filepath"
	"testing"

	"github.com/incidentsite/incidentsite/internal/project"
)

// TestWatchedPaths: a change rebuilds when it is in what the build
// reads, and not in the output folders, dot-folders or other files.
func TestWatchedPaths(t *testing.T) {
	root := t.TempDir()
	w := &watcher{root: root, sources: project.SiteFiles()}
	for rel, want := range map[string]bool{
		"incidentsite.yaml":                        true,
		"content":                                  true,
		"content/incidents/2025/x.md":              true,
		"content/incidents/2025":                   true,
		"content/.x.md.swp":                        true, // a file: the build decides
		"templates/availability.yaml":              true,
		"regulations/nis2.yaml":                    true,
		"layouts/base.html":                        true,
		"static/logo.svg":                          true,
		"content/.hidden/x.md":                     false,
		"public/index.html":                        false,
		"logbook/index.html":                       false,
		"public":                                   false,
		".git/index":                               false,
		".github/workflows/x.yml":                  false,
		"README.md":                                false,
		"incidentsite.yaml~":                       false,
		"contentx/a.md":                            false,
		"../elsewhere/content/incidents/2025/x.md": false,
	} {
		if got := w.source(filepath.Join(root, filepath.FromSlash(rel))); got != want {
			t.Errorf("%s: watched %v, want %v", rel, got, want)
		}
	}
	if w.source(root) {
		t.Error("the site's folder itself is a source")
	}
}

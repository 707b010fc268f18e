package output_test

import (
	"slices"
	"testing"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/output"
)

// TestSourcesAreTheSites keeps output.Sources in step with the folders
// and files the loaders read: an output over one of them would delete it.
func TestSourcesAreTheSites(t *testing.T) {
	for _, src := range []string{content.Dir, catalog.Dir, config.File, "layouts", "static", ".git", ".github"} {
		if !slices.Contains(output.Sources, src) {
			t.Errorf("output.Sources lacks %s", src)
		}
	}
}

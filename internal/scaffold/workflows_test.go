package scaffold_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/scaffold"
)

// TestIsModuleVersion checks which versions a new site's workflows may
// run: those the module proxy serves, and nothing that could change the
// meaning of the workflow's text.
func TestIsModuleVersion(t *testing.T) {
	for _, tc := range []struct {
		v  string
		ok bool
	}{
		{"v1.4.2", true},
		{"v0.1.0", true},
		{"v10.20.30", true},
		{"v1.0.0-rc.1", true},
		{"v0.0.0-20261201030500-c35d9d20b365", true},
		{"v1.2.4-0.20261201030500-c35d9d20b365", true},
		{"", false},
		{"latest", false},
		{"1.4.2", false},
		{"v1.4", false},
		{"v01.4.2", false},
		{"v1.4.2+dirty", false},
		{"v1.4.2+incompatible", false},
		{"(devel)", false},
		{"v1.4.2 ", false},
		{"v1.4.2\n", false},
		{"v1.4.2; rm -rf /", false},
		{"v1.4.2-$(id)", false},
		{"v1.4.2-${{ github.token }}", false},
		{"v1.4.2-" + strings.Repeat("a", 200), false},
	} {
		if got := scaffold.IsModuleVersion(tc.v); got != tc.ok {
			t.Errorf("IsModuleVersion(%q) = %v, want %v", tc.v, got, tc.ok)
		}
	}
}

// TestSiteWorkflowVersion checks that the new site's workflows run the
// version given, in both files, and @latest when none is.
func TestSiteWorkflowVersion(t *testing.T) {
	for _, tc := range []struct{ version, want string }{
		{"v1.4.2", "@v1.4.2\n"},
		{"", "@latest\n"},
	} {
		files, err := scaffold.Site(scaffold.SiteOptions{Title: "Status", BaseURL: "https://status.example.org/", TimeZone: "UTC", Version: tc.version})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{".github/workflows/incidentsite.yml", ".github/workflows/publish.yml"} {
			text := string(files[name])
			line := "\n  INCIDENTSITE: github.com/incidentsite/incidentsite/cmd/incidentsite" + tc.want
			if strings.Count(text, line) != 1 || strings.Contains(text, "{{.") {
				t.Errorf("version %q: %s does not run incidentsite%s once, or keeps a mark:\n%s", tc.version, name, strings.TrimSpace(tc.want), text)
			}
		}
	}
}

// TestWorkflowsMatchExample checks that the workflows "init" writes are
// those of the example site (this repository's .github/workflows), which
// run in GitHub and are read by actionlint, so that the two never drift:
// they may differ only in comments, in the incidentsite they run and in
// how Go's version is chosen (the example site has a go.mod).
func TestWorkflowsMatchExample(t *testing.T) {
	files, err := scaffold.Site(scaffold.SiteOptions{Title: "Status", BaseURL: "https://status.example.org/", TimeZone: "UTC", Version: "v1.4.2"})
	if err != nil {
		t.Fatal(err)
	}
	tool := regexp.MustCompile(`(?m)^  INCIDENTSITE: (github\.com/incidentsite/incidentsite/cmd/incidentsite@v1\.4\.2|\./cmd/incidentsite)$`)
	goVersion := regexp.MustCompile(`(?m)^( +)go-version(-file)?: (stable|go\.mod)$`)
	comment := regexp.MustCompile(`(?m)^ *#.*\n`)
	normal := func(s string) string {
		s = comment.ReplaceAllString(s, "")
		s = tool.ReplaceAllString(s, "  INCIDENTSITE: TOOL")
		return goVersion.ReplaceAllString(s, "${1}GO-VERSION")
	}
	for _, name := range []string{"incidentsite.yml", "publish.yml"} {
		example, err := os.ReadFile(filepath.Join("..", "..", ".github", "workflows", name))
		if err != nil {
			t.Fatal(err)
		}
		got := normal(string(files[".github/workflows/"+name]))
		if !strings.Contains(got, "INCIDENTSITE: TOOL") || !strings.Contains(got, "GO-VERSION") {
			t.Fatalf("%s: the normalisation found nothing to replace:\n%s", name, got)
		}
		if diff := cmp.Diff(normal(string(example)), got); diff != "" {
			t.Errorf("init's %s differs from the example site's (-example +init):\n%s", name, diff)
		}
	}
}

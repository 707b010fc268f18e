package project_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// BenchmarkValidate10kGit is BenchmarkValidate10k on a site in git whose
// incidents each have three committed versions (an edit of the body,
// then one of the front matter), packed as git gc packs them: the
// history pass walks the commits and reads the two older versions of
// each incident; it parses the front matter of the one whose front
// matter differs from the file's. It needs the git program to write the
// repository.
func BenchmarkValidate10kGit(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("no git program")
	}
	dir := b.TempDir()
	testutil.WriteSite(b, dir, 10_000)
	git := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=An Janssens", "GIT_AUTHOR_EMAIL=an@example.org",
			"GIT_COMMITTER_NAME=An Janssens", "GIT_COMMITTER_EMAIL=an@example.org", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git("init", "-q", "-b", "main")
	git("config", "gc.auto", "0") // gc once, below, not in the background
	git("add", "-A")
	git("commit", "-q", "-m", "register")
	edit := func(old, new string) {
		files, _ := filepath.Glob(filepath.Join(dir, "content", "incidents", "*", "*.md"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(f, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		git("commit", "-q", "-a", "-m", "edit")
	}
	edit("for 28 minutes.", "for 28 minutes, from 09:05.")
	edit("expected_downtime: 30m", "expected_downtime: 45m")
	git("gc", "-q")
	b.ResetTimer()
	for b.Loop() {
		p, err := project.Open(project.Options{Dir: dir, Now: exampleNow})
		if err != nil {
			b.Fatal(err)
		}
		p.Check()
		if p.Model == nil || p.History == nil {
			b.Fatalf("model %v, history %v: %v", p.Model != nil, p.History != nil, p.Diags.Err())
		}
	}
}

package source_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// sitePaths are the site's files and folders, as package project names them.
var sitePaths = []string{"incidentsite.yaml", "templates", "content", "layouts", "static"}

// diskRepo makes a repository on disk (the index's times and the racy
// check only exist there) whose one commit holds files under dir.
func diskRepo(t *testing.T, files map[string]string) (string, *git.Repository) {
	t.Helper()
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		diskWrite(t, dir, name, data)
	}
	commitAll(t, dir)
	return dir, repo
}

func commitAll(t *testing.T, dir string) {
	t.Helper()
	if _, err := testutil.CommitDir(dir, "commit", "An Janssens", "an@example.org", when); err != nil {
		t.Fatal(err)
	}
}

func diskWrite(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestUncommitted: the site's files are compared with HEAD through the
// index, and only the site's files count.
func TestUncommitted(t *testing.T) {
	site := map[string]string{
		"incidentsite.yaml":             "title: x\n",
		"content/incidents/2025/a.md":   "---\ntitle: a\n---\n",
		"content/contacts/internal.md":  "---\ntitle: c\n---\n",
		"static/logo.svg":               "<svg/>\n",
		"README.md":                     "about\n",
		"site/incidentsite.yaml":        "title: sub\n",
		"site/content/incidents/b.md":   "---\ntitle: b\n---\n",
		"content/incidents/2025/.keep":  "",
		"templates/availability.yaml":   "name: availability\n",
		"layouts/i18n/en.yaml":          "site.title: x\n",
		"site/layouts/partials/x.html":  "x\n",
		"site/static/style.css":         "body{}\n",
		"site/templates/security.yaml":  "name: security\n",
		"site/content/contacts/list.md": "---\n---\n",
	}
	later := time.Now().Add(time.Hour)
	for _, c := range []struct {
		name   string
		sub    string
		change func(t *testing.T, dir string, repo *git.Repository)
		want   string
	}{
		{"clean", ".", func(*testing.T, string, *git.Repository) {}, ""},
		{"an edited file", ".", func(t *testing.T, dir string, _ *git.Repository) {
			diskWrite(t, dir, "content/incidents/2025/a.md", "---\ntitle: a, longer\n---\n")
		}, "content/incidents/2025/a.md has uncommitted changes"},
		{"an edit of the same size", ".", func(t *testing.T, dir string, _ *git.Repository) {
			diskWrite(t, dir, "content/incidents/2025/a.md", "---\ntitle: b\n---\n")
			touch(t, dir, "content/incidents/2025/a.md", later)
		}, "content/incidents/2025/a.md has uncommitted changes"},
		{"touched, not changed", ".", func(t *testing.T, dir string, _ *git.Repository) {
			touch(t, dir, "content/incidents/2025/a.md", later)
		}, ""},
		{"a new record", ".", func(t *testing.T, dir string, _ *git.Repository) {
			diskWrite(t, dir, "content/incidents/2025/new.md", "---\n---\n")
		}, "content/incidents/2025/new.md is not committed"},
		{"a new static file", ".", func(t *testing.T, dir string, _ *git.Repository) {
			diskWrite(t, dir, "static/pixel.png", "x")
		}, "static/pixel.png is not committed"},
		{"the configuration", ".", func(t *testing.T, dir string, _ *git.Repository) {
			diskWrite(t, dir, "incidentsite.yaml", "title: changed\n")
		}, "incidentsite.yaml has uncommitted changes"},
		{"a deleted record", ".", func(t *testing.T, dir string, _ *git.Repository) {
			if err := os.Remove(filepath.Join(dir, "content/contacts/internal.md")); err != nil {
				t.Fatal(err)
			}
		}, "content/contacts/internal.md is deleted"},
		{"staged, not committed", ".", func(t *testing.T, dir string, repo *git.Repository) {
			diskWrite(t, dir, "content/incidents/2025/new.md", "---\n---\n")
			wt, _ := repo.Worktree()
			if _, err := wt.Add("content/incidents/2025/new.md"); err != nil {
				t.Fatal(err)
			}
		}, "content/incidents/2025/new.md is staged but not committed"},
		{"a staged edit", ".", func(t *testing.T, dir string, repo *git.Repository) {
			diskWrite(t, dir, "templates/availability.yaml", "name: changed\n")
			wt, _ := repo.Worktree()
			if _, err := wt.Add("templates/availability.yaml"); err != nil {
				t.Fatal(err)
			}
		}, "templates/availability.yaml has staged changes"},
		{"outside the site's files", ".", func(t *testing.T, dir string, _ *git.Repository) {
			diskWrite(t, dir, "README.md", "changed\n")
			diskWrite(t, dir, "public/index.html", "built\n")
			diskWrite(t, dir, "notes.txt", "untracked\n")
		}, ""},
		{"hidden files", ".", func(t *testing.T, dir string, _ *git.Repository) {
			diskWrite(t, dir, "content/.DS_Store", "x")
			diskWrite(t, dir, "content/incidents/2025/.keep", "changed")
			diskWrite(t, dir, "content/.drafts/x.md", "x")
		}, ""},
		{"a site in a folder, changed around it", "site", func(t *testing.T, dir string, _ *git.Repository) {
			diskWrite(t, dir, "content/incidents/2025/a.md", "changed\n")
			diskWrite(t, dir, "site/public/index.html", "built\n")
		}, ""},
		{"a site in a folder, changed", "site", func(t *testing.T, dir string, _ *git.Repository) {
			diskWrite(t, dir, "site/content/incidents/c.md", "new\n")
		}, "content/incidents/c.md is not committed"},
		{"staged with git", ".", func(t *testing.T, dir string, _ *git.Repository) {
			diskWrite(t, dir, "content/incidents/2025/a.md", "---\ntitle: staged\n---\n")
			runGit(t, dir, "add", "content/incidents/2025/a.md")
		}, "content/incidents/2025/a.md has staged changes"},
		{"a commit undone with git reset --soft", ".", func(t *testing.T, dir string, _ *git.Repository) {
			diskWrite(t, dir, "content/incidents/2025/a.md", "---\ntitle: committed, undone\n---\n")
			runGit(t, dir, "add", "content/incidents/2025/a.md")
			runGit(t, dir, "-c", "user.name=An Janssens", "-c", "user.email=an@example.org", "commit", "-q", "-m", "an edit")
			runGit(t, dir, "reset", "-q", "--soft", "HEAD~1")
		}, "content/incidents/2025/a.md has staged changes"},
		{"removed from the index with git", ".", func(t *testing.T, dir string, _ *git.Repository) {
			runGit(t, dir, "rm", "-q", "--cached", "content/contacts/internal.md")
		}, "content/contacts/internal.md is deleted"},
	} {
		// Committed by go-git, whose index has no cache of trees, and by
		// git, whose index has one (the TREE extension), which spares
		// reading HEAD's trees of a folder that holds nothing staged.
		for _, committer := range []string{"go-git", "git"} {
			t.Run(committer+"/"+c.name, func(t *testing.T) {
				if _, err := exec.LookPath("git"); err != nil {
					t.Skip("needs git")
				}
				var (
					dir  string
					repo *git.Repository
				)
				if committer == "git" {
					dir, repo = gitRepo(t, site)
				} else {
					dir, repo = diskRepo(t, site)
				}
				// A memo that read the index before the change must
				// not answer with it after.
				var memo source.IndexMemo
				if got, err := source.Uncommitted(repo, c.sub, sitePaths, &memo); err != nil || got != "" {
					t.Fatalf("before the change: %q, %v", got, err)
				}
				c.change(t, dir, repo)
				got, err := source.Uncommitted(repo, c.sub, sitePaths, nil)
				if err != nil {
					t.Fatal(err)
				}
				if got != c.want {
					t.Errorf("got %q, want %q", got, c.want)
				}
				if got, err := source.Uncommitted(repo, c.sub, sitePaths, &memo); err != nil || got != c.want {
					t.Errorf("with the memo of before: %q, %v; want %q", got, err, c.want)
				}
			})
		}
	}
}

// gitRepo is diskRepo with the git program: its index caches the trees.
func gitRepo(t *testing.T, files map[string]string) (string, *git.Repository) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		diskWrite(t, dir, name, data)
	}
	runGit(t, dir, "init", "-q")
	runGit(t, dir, "add", "-A")
	runGit(t, dir, "-c", "user.name=An Janssens", "-c", "user.email=an@example.org", "commit", "-q", "-m", "commit")
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := repo.Storer.Index()
	if err != nil {
		t.Fatal(err)
	}
	if idx.Cache == nil || len(idx.Cache.Entries) == 0 {
		t.Fatal("git's index has no cache of trees")
	}
	return dir, repo
}

func runGit(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// TestUncommittedNoCommit: a repository without a commit has no commit
// time to give.
func TestUncommittedNoCommit(t *testing.T) {
	repo, err := git.PlainInit(t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := source.Uncommitted(repo, ".", sitePaths, nil)
	if err != nil || got != "the repository has no commit yet" {
		t.Errorf("got %q, %v", got, err)
	}
}

// TestUncommittedInMemory: without an index file to date the entries by,
// every file is hashed, and the answer is the same.
func TestUncommittedInMemory(t *testing.T) {
	repo, _ := memRepo(t, map[string]string{"incidentsite.yaml": "x\n", "content/a.md": "a\n"}, nil)
	// memRepo's second commit changed README.md, outside the site's files.
	got, err := source.Uncommitted(repo, ".", sitePaths, nil)
	if err != nil || got != "" {
		t.Errorf("got %q, %v; want clean", got, err)
	}
	wt, _ := repo.Worktree()
	writeFile(t, wt.Filesystem, "content/a.md", "b\n")
	got, err = source.Uncommitted(repo, ".", sitePaths, nil)
	if want := "content/a.md has uncommitted changes"; err != nil || got != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
}

func touch(t *testing.T, dir, name string, at time.Time) {
	t.Helper()
	if err := os.Chtimes(filepath.Join(dir, filepath.FromSlash(name)), at, at); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkUncommitted measures the check on a clean site of n files,
// against go-git's Worktree.Status, which hashes every file.
func BenchmarkUncommitted(b *testing.B) {
	const n = 2000
	dir := b.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		b.Fatal(err)
	}
	text := fmt.Sprintf("---\ntitle: x\n---\n%0500d\n", 0)
	for i := range n {
		p := filepath.Join(dir, "content", "incidents", fmt.Sprint(2000+i%20), fmt.Sprintf("i%05d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	wt, _ := repo.Worktree()
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		b.Fatal(err)
	}
	sig := &object.Signature{Name: "A", Email: "a@example.org", When: when}
	if _, err := wt.Commit("c", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		b.Fatal(err)
	}
	b.Run("Uncommitted", func(b *testing.B) {
		for b.Loop() {
			if why, err := source.Uncommitted(repo, ".", sitePaths, nil); why != "" || err != nil {
				b.Fatal(why, err)
			}
		}
	})
	b.Run("Uncommitted with IndexMemo", func(b *testing.B) {
		var memo source.IndexMemo
		for b.Loop() {
			if why, err := source.Uncommitted(repo, ".", sitePaths, &memo); why != "" || err != nil {
				b.Fatal(why, err)
			}
		}
	})
	b.Run("go-git Status", func(b *testing.B) {
		for b.Loop() {
			st, err := wt.Status()
			if err != nil || !st.IsClean() {
				b.Fatal(err)
			}
		}
	})
}

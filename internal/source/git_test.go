package source_test

import (
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/memfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/memory"
	"github.com/incidentsite/incidentsite/internal/source"
)

var when = time.Date(2025, 2, 18, 9, 5, 0, 0, time.UTC)

// memRepo makes a repository in memory whose first commit holds files and
// links (link path -> target), and whose second commit changes one file.
func memRepo(t *testing.T, files, links map[string]string) (*git.Repository, plumbing.Hash) {
	t.Helper()
	repo, first, _ := memRepoStorage(t, files, links)
	return repo, first
}

func memRepoStorage(t *testing.T, files, links map[string]string) (*git.Repository, plumbing.Hash, *memory.Storage) {
	t.Helper()
	wtfs := memfs.New()
	st := memory.NewStorage()
	repo, err := git.Init(st, wtfs)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		writeFile(t, wtfs, name, data)
	}
	for name, target := range links {
		if err := wtfs.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "An Janssens", Email: "an@example.org", When: when}
	first, err := wt.Commit("first", &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, wtfs, "README.md", "changed\n")
	if _, err := wt.Add("README.md"); err != nil {
		t.Fatal(err)
	}
	sig.When = when.Add(time.Hour)
	if _, err := wt.Commit("second", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
	return repo, first, st
}

func writeFile(t *testing.T, fsys billy.Filesystem, name, data string) {
	t.Helper()
	f, err := fsys.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(f, data); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

var siteFiles = map[string]string{
	"README.md":              "first\n",
	"site/incidentsite.yaml": "title: Test\n",
	"site/content/incidents/2025/2025-02-18-assetexplorer-down.md": "---\ntitle: AssetExplorer is unavailable\n---\n",
	"site/content/contacts/internal.md":                            "---\ntitle: Internal\n---\n",
	// Git sorts "a-b" before the folder "a" ("a/"), fs.ReadDir sorts by name.
	"site/content/a-b.md":     "x",
	"site/content/a/c.md":     "y",
	"site/content/.gitkeep":   "",
	"site/templates/big.yaml": strings.Repeat("x", 2048),
}

var siteLinks = map[string]string{
	"site/content/rcas/passwd.md": "/etc/passwd",
	"site/content/up":             "..",
}

func TestGitFS(t *testing.T) {
	repo, first := memRepo(t, siteFiles, siteLinks)

	// The tree really holds a symbolic link (mode 120000).
	c, err := repo.CommitObject(first)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := c.Tree()
	if err != nil {
		t.Fatal(err)
	}
	e, err := tree.FindEntry("site/content/rcas/passwd.md")
	if err != nil || e.Mode != filemode.Symlink {
		t.Fatalf("the test repository has no symlink: %v, %v", e, err)
	}

	fsys, rev, err := source.Git(repo, first.String(), "site")
	if err != nil {
		t.Fatal(err)
	}
	if rev.Hash != first.String() || !rev.Time.Equal(when) {
		t.Errorf("Revision = %+v", rev)
	}
	// fstest.TestFS opens every entry, which a link refuses: check the
	// file system's contract on the same tree without the links.
	plain, plainFirst := memRepo(t, siteFiles, nil)
	plainFS, _, err := source.Git(plain, plainFirst.String(), "site")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(plainFS,
		"incidentsite.yaml",
		"content/incidents/2025/2025-02-18-assetexplorer-down.md",
		"content/contacts/internal.md",
		"content/a-b.md", "content/a/c.md",
		"templates/big.yaml",
	); err != nil {
		t.Error(err)
	}

	files, d := source.Walk(fsys, "content", source.Limits{MaxFileSize: 1 << 20})
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	if got, want := strings.Join(paths, " "), "content/a-b.md content/a/c.md content/contacts/internal.md content/incidents/2025/2025-02-18-assetexplorer-down.md"; got != want {
		t.Errorf("Walk files = %s\nwant %s", got, want)
	}
	d.Sort()
	checkFindings(t, d, []finding{
		{"content/rcas/passwd.md", "symlink", "is a symbolic link"},
		{"content/up", "symlink", "is a symbolic link"},
	})

	// Stat describes the link; Open refuses it.
	st, err := fs.Stat(fsys, "content/rcas/passwd.md")
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Stat of the link: %v, %v", st, err)
	}
	if _, err := fs.ReadFile(fsys, "content/rcas/passwd.md"); !errors.Is(err, source.ErrLink) {
		t.Errorf("ReadFile of the link: %v, want ErrLink", err)
	}

	// The size limit is checked on the listing, before anything is read.
	_, d = source.Walk(fsys, "templates", source.Limits{MaxFileSize: 1024})
	checkFindings(t, d, []finding{{"templates/big.yaml", "file-size", "is 2 KiB, over the limit of 1 KiB"}})
}

func TestGitFSRevisions(t *testing.T) {
	repo, first := memRepo(t, siteFiles, nil)
	for _, tc := range []struct {
		rev, want string
	}{
		{"HEAD", "changed\n"},
		{"HEAD~1", "first\n"},
		{first.String(), "first\n"},
		{first.String()[:10], "first\n"},
		{"master", "changed\n"},
	} {
		fsys, _, err := source.Git(repo, tc.rev, ".")
		if err != nil {
			t.Errorf("%s: %v", tc.rev, err)
			continue
		}
		b, err := fs.ReadFile(fsys, "README.md")
		if err != nil || string(b) != tc.want {
			t.Errorf("%s: README.md = %q, %v", tc.rev, b, err)
		}
	}
	if _, _, err := source.Git(repo, "no-such-branch", "."); err == nil {
		t.Error("no error for an unknown revision")
	}
	if _, _, err := source.Git(repo, "HEAD", "no/such/folder"); err == nil {
		t.Error("no error for an unknown folder")
	}
	head, err := source.Head(repo)
	if err != nil || !head.Time.Equal(when.Add(time.Hour)) {
		t.Errorf("Head = %+v, %v", head, err)
	}
}

// countingStorage counts the blobs read from the store.
type countingStorage struct {
	*memory.Storage
	blobs int
}

func (s *countingStorage) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	o, err := s.Storage.EncodedObject(t, h)
	if err == nil && o.Type() == plumbing.BlobObject {
		s.blobs++
	}
	return o, err
}

// TestGitFSSizeWithoutReading shows that Walk and Size take a blob's size
// from the object store without reading the blob.
func TestGitFSSizeWithoutReading(t *testing.T) {
	_, _, st := memRepoStorage(t, siteFiles, siteLinks)
	counting := &countingStorage{Storage: st}
	repo, err := git.Open(counting, nil)
	if err != nil {
		t.Fatal(err)
	}
	fsys, _, err := source.Git(repo, "HEAD", "site")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := source.Walk(fsys, ".", source.Limits{MaxFileSize: 1024})
	if counting.blobs != 0 {
		t.Errorf("Walk read %d blobs", counting.blobs)
	}
	if len(files) != 5 {
		t.Errorf("Walk found %d files: %v", len(files), files)
	}
	entries, err := fs.ReadDir(fsys, "templates")
	if err != nil || len(entries) != 1 {
		t.Fatalf("ReadDir = %v, %v", entries, err)
	}
	info, err := entries[0].Info()
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() != 2048 {
		t.Errorf("Size() = %d, want 2048", info.Size())
	}
	if counting.blobs != 0 {
		t.Errorf("Size read %d blobs", counting.blobs)
	}
	if _, err := fs.ReadFile(fsys, "templates/big.yaml"); err != nil || counting.blobs != 1 {
		t.Errorf("ReadFile: %v; %d blobs read, want 1", err, counting.blobs)
	}
	// Stat gives the same size.
	fi, err := fs.Stat(fsys, "templates/big.yaml")
	if err != nil || fi.Size() != 2048 || fi.Mode() != 0o444 {
		t.Errorf("Stat = %v, %v", fi, err)
	}
	// Invalid names are refused, not looked up.
	for _, name := range []string{"../README.md", "/incidentsite.yaml", "content/", ""} {
		if _, err := fsys.Open(name); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Open(%q) = %v, want ErrInvalid", name, err)
		}
	}
	if _, err := fsys.Open("content/nope.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing file: %v", err)
	}
}

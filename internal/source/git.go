package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Revision describes the commit a Git source reads.
type Revision struct {
	Hash string
	Time time.Time
}

// OpenRepository opens the git repository that holds dir (dir itself or
// one of its parents) and returns it along with dir's slash-separated path
// inside its work tree ("." for the root).
func OpenRepository(dir string) (*git.Repository, string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", err
	}
	repo, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		return nil, "", err
	}
	sub := "."
	if wt, err := repo.Worktree(); err == nil {
		root := wt.Filesystem.Root()
		if real, err := filepath.EvalSymlinks(root); err == nil {
			root = real
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		if rel, err := filepath.Rel(root, abs); err == nil && !strings.HasPrefix(rel, "..") {
			sub = filepath.ToSlash(rel)
		}
	}
	return repo, sub, nil
}

// ErrNoRevision is returned, wrapped, by Git when the revision names no
// commit of the repository.
var ErrNoRevision = errors.New("no commit, branch or tag has this name")

// Git returns the files of the folder sub (slash-separated, "." for the
// root) in the tree of revision rev of repo, read straight from git's
// object store: nothing is checked out, and no git program is needed.
func Git(repo *git.Repository, rev, sub string) (fs.FS, Revision, error) {
	h, err := repo.ResolveRevision(plumbing.Revision(rev))
	if errors.Is(err, plumbing.ErrReferenceNotFound) || errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, Revision{}, fmt.Errorf("revision %q: %w", rev, ErrNoRevision)
	}
	if errors.Is(err, io.EOF) {
		// go-git's way of saying that ~N or ^N went past the first commit.
		return nil, Revision{}, fmt.Errorf("revision %q goes back further than the history (a shallow clone's too): %w", rev, ErrNoRevision)
	}
	if err != nil {
		return nil, Revision{}, fmt.Errorf("revision %q: %w", rev, err)
	}
	c, err := repo.CommitObject(*h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, Revision{}, fmt.Errorf("revision %q: %w", rev, ErrNoRevision)
	}
	if err != nil {
		return nil, Revision{}, fmt.Errorf("revision %q: %w", rev, err)
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, Revision{}, fmt.Errorf("revision %q: %w", rev, err)
	}
	if sub != "." && sub != "" {
		if tree, err = tree.Tree(sub); err != nil {
			return nil, Revision{}, fmt.Errorf("revision %q has no folder %s: %w", rev, sub, err)
		}
	}
	return &gitFS{s: repo.Storer, root: tree}, Revision{Hash: c.Hash.String(), Time: c.Committer.When}, nil
}

// Head returns the commit that HEAD of repo points to.
func Head(repo *git.Repository) (Revision, error) {
	ref, err := repo.Head()
	if err != nil {
		return Revision{}, err
	}
	c, err := repo.CommitObject(ref.Hash())
	if err != nil {
		return Revision{}, err
	}
	return Revision{Hash: c.Hash.String(), Time: c.Committer.When}, nil
}

// gitFS is an fs.FS over a git tree. go-git's trees cache lookups in maps
// and its storages are not safe for concurrent use, while the loader
// reads files from several goroutines: every call into go-git holds mu.
type gitFS struct {
	mu   sync.Mutex
	s    storer.EncodedObjectStorer
	root *object.Tree
}

func (g *gitFS) entry(name string) (*object.TreeEntry, error) {
	if !fs.ValidPath(name) {
		return nil, fs.ErrInvalid
	}
	if name == "." {
		return &object.TreeEntry{Name: ".", Mode: filemode.Dir, Hash: g.root.Hash}, nil
	}
	e, err := g.root.FindEntry(name)
	if err != nil {
		// go-git cannot go through a link or a submodule either: say
		// which one stood in the way.
		for i := range len(name) {
			if name[i] != '/' {
				continue
			}
			if e, err := g.root.FindEntry(name[:i]); err == nil {
				if err := refuse(name[:i], e); err != nil {
					return nil, err
				}
			}
		}
		return nil, fs.ErrNotExist
	}
	return e, nil
}

// refuse returns a RefusedError when the entry e at p is a symbolic link
// or a submodule, which no path may go into or through.
func refuse(p string, e *object.TreeEntry) error {
	switch e.Mode {
	case filemode.Symlink:
		return &RefusedError{Path: p, Err: ErrLink}
	case filemode.Submodule:
		return &RefusedError{Path: p, Err: ErrSubmodule}
	}
	return nil
}

// Open implements fs.FS. It refuses a symbolic link or a submodule, and
// any path through one, with a RefusedError, as Dir does.
func (g *gitFS) Open(name string) (fs.File, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	e, err := g.entry(name)
	if err == nil {
		err = refuse(name, e)
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	info := &gitInfo{g: g, name: path.Base(name), e: *e}
	if e.Mode == filemode.Dir {
		return &gitDir{g: g, name: name, info: info}, nil
	}
	blob, err := object.GetBlob(g.s, e.Hash)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	r, err := blob.Reader()
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	info.size, info.sized = blob.Size, true
	return &gitFile{r: r, info: info}, nil
}

// ReadDir implements fs.ReadDirFS.
func (g *gitFS) ReadDir(name string) ([]fs.DirEntry, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	e, err := g.entry(name)
	if err == nil {
		err = refuse(name, e)
	}
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	if e.Mode != filemode.Dir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	t, err := object.GetTree(g.s, e.Hash)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	out := make([]fs.DirEntry, 0, len(t.Entries))
	for _, c := range t.Entries {
		if c.Name == "" || c.Name == "." || c.Name == ".." || strings.ContainsAny(c.Name, "/\\") {
			// A crafted tree only; fs.WalkDir would go round in circles
			// on an empty name.
			continue
		}
		out = append(out, fs.FileInfoToDirEntry(&gitInfo{g: g, name: c.Name, e: c}))
	}
	// Git orders a folder as if its name ended in "/" ("a-b" before "a"),
	// fs.ReadDirFS by name.
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// Stat implements fs.StatFS. Like Dir's, it describes name itself (a
// link as a link, a submodule as a folder that cannot be read) and
// refuses only a path through a link or a submodule.
func (g *gitFS) Stat(name string) (fs.FileInfo, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	e, err := g.entry(name)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return &gitInfo{g: g, name: path.Base(name), e: *e}, nil
}

type gitInfo struct {
	g     *gitFS
	name  string
	e     object.TreeEntry
	size  int64
	sized bool
}

func (i *gitInfo) Name() string { return i.name }

// Size returns the blob's size from the object store without reading
// its contents.
func (i *gitInfo) Size() int64 {
	i.g.mu.Lock()
	defer i.g.mu.Unlock()
	if !i.sized && !i.IsDir() {
		if n, err := i.g.s.EncodedObjectSize(i.e.Hash); err == nil {
			i.size = n
		}
		i.sized = true
	}
	return i.size
}

func (i *gitInfo) Mode() fs.FileMode {
	switch i.e.Mode {
	case filemode.Dir:
		return fs.ModeDir | 0o555
	case filemode.Symlink:
		return fs.ModeSymlink | 0o444
	case filemode.Submodule:
		// A folder in the work tree too; reading it is refused.
		return fs.ModeDir | 0o555
	case filemode.Executable:
		return 0o555
	}
	return 0o444
}

func (i *gitInfo) ModTime() time.Time { return time.Time{} }
func (i *gitInfo) IsDir() bool        { return i.Mode().IsDir() }
func (i *gitInfo) Sys() any           { return nil }

type gitFile struct {
	r    io.ReadCloser
	info *gitInfo
}

func (f *gitFile) Read(b []byte) (int, error) {
	f.info.g.mu.Lock()
	defer f.info.g.mu.Unlock()
	return f.r.Read(b)
}

func (f *gitFile) Close() error {
	f.info.g.mu.Lock()
	defer f.info.g.mu.Unlock()
	return f.r.Close()
}

func (f *gitFile) Stat() (fs.FileInfo, error) { return f.info, nil }

type gitDir struct {
	g    *gitFS
	name string
	info *gitInfo
	list []fs.DirEntry
	read bool
}

func (d *gitDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *gitDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}
func (d *gitDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *gitDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		list, err := d.g.ReadDir(d.name)
		if err != nil {
			return nil, err
		}
		d.list, d.read = list, true
	}
	if n <= 0 {
		list := d.list
		d.list = nil
		return list, nil
	}
	if len(d.list) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.list))
	list := d.list[:n]
	d.list = d.list[n:]
	return list, nil
}

package source

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// BlobID returns the git object id that data has as a blob: the id
// under which a commit holds a file of these bytes. The loader takes it
// of each record's file as it reads it, so that the history compares the
// work tree with a commit without reading a file again.
func BlobID(data []byte) [20]byte {
	return plumbing.ComputeHash(plumbing.BlobObject, data)
}

// Uncommitted returns the first of the site's files that differs from the
// commit HEAD points to, in the work tree or in the index (staged), with
// what differs ("content/x.md is not committed"); "" when the site's files
// are exactly HEAD's. sub is the site's folder in the work tree ("." for
// its root), and paths are the site's files and folders in it (such as
// "incidentsite.yaml" and "content"): what else the work tree holds, the
// build's output or a README, does not count. Like Walk, it ignores hidden
// files and folders, which the build does not read either.
//
// It compares as git status does, cheaply enough for a site of 10,000
// files: HEAD's tree with the index by hash (no file is read), then the
// files on disk with the index by size and modification time; only a file
// whose size or time differs, or was written in the same instant as the
// index (git's "racy" case), is read and hashed. go-git's Worktree.Status
// instead hashes every file of the whole work tree.
//
// A repository without a commit is reported as such; a repository
// without a work tree (bare) is an error. memo, when not nil, keeps the
// index decoded for the next call (IndexMemo).
func Uncommitted(repo *git.Repository, sub string, paths []string, memo *IndexMemo) (string, error) {
	wt, err := repo.Worktree()
	if err != nil {
		return "", err
	}
	// The work tree is listed while git's trees and index are read.
	fsys := wt.Filesystem
	var listed worktreeFiles
	listing := make(chan struct{})
	go func() {
		defer close(listing)
		listed = listFiles(fsys, prefixesOf(sub, paths))
	}()
	defer func() { <-listing }() // an early return leaves no listing behind
	ref, err := repo.Head()
	if err != nil {
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			return "the repository has no commit yet", nil
		}
		return "", err
	}
	c, err := repo.CommitObject(ref.Hash())
	if err != nil {
		return "", err
	}
	tree, err := c.Tree()
	if err != nil {
		return "", err
	}
	idx, err := memo.read(repo)
	if err != nil {
		return "", fmt.Errorf("read the git index: %w", err)
	}
	// A file modified in the same instant as the index was written may
	// have changed after git looked at it: its times prove nothing.
	var indexTime time.Time
	if s, ok := repo.Storer.(interface{ Filesystem() billy.Filesystem }); ok {
		if st, err := s.Filesystem().Stat("index"); err == nil {
			indexTime = st.ModTime()
		}
	}

	prefixes := prefixesOf(sub, paths)
	under := func(name string) bool {
		for _, p := range prefixes {
			if name == p || strings.HasPrefix(name, p+"/") {
				return !hidden(strings.TrimPrefix(name, p))
			}
		}
		return false
	}
	display := func(name string) string {
		if sub == "." || sub == "" {
			return name
		}
		return strings.TrimPrefix(name, sub+"/")
	}

	// HEAD's tree against the index: staged changes. A folder whose
	// tree in git's cache of the index's trees (the TREE extension, which
	// git keeps up to date and invalidates on a change) is HEAD's holds
	// nothing staged: its HEAD tree is not read.
	cached := cachedTrees(idx)
	same := map[string]bool{}
	head := map[string]object.TreeEntry{}
	for _, p := range prefixes {
		if c, ok := cached[p]; ok && c.Entries >= 0 {
			if e, err := tree.FindEntry(p); err == nil && e.Mode == filemode.Dir && e.Hash == c.Hash {
				same[p] = true
				continue
			}
		}
		if err := headFiles(tree, p, head); err != nil {
			return "", err
		}
	}
	inSame := func(name string) bool {
		for p := range same {
			if strings.HasPrefix(name, p+"/") {
				return true
			}
		}
		return false
	}
	indexed := map[string]*index.Entry{}
	for _, e := range idx.Entries {
		if !under(e.Name) {
			continue
		}
		h, ok := head[e.Name]
		switch {
		case e.Stage != 0:
			// Stage 0 is a merged entry (go-git's index.Merged is 1 and
			// names the common ancestor's stage).
			return display(e.Name) + " has a merge conflict", nil
		case inSame(e.Name):
		case !ok:
			return display(e.Name) + " is staged but not committed", nil
		case h.Hash != e.Hash || h.Mode != e.Mode:
			return display(e.Name) + " has staged changes", nil
		}
		indexed[e.Name] = e
	}
	for _, name := range slices.Sorted(maps.Keys(head)) {
		if indexed[name] == nil {
			return display(name) + " is deleted", nil
		}
	}

	// The work tree against the index, in the order of the listing.
	<-listing
	if listed.err != nil {
		return "", listed.err
	}
	seen := 0
	for _, f := range listed.files {
		e := indexed[f.name]
		if e == nil {
			return display(f.name) + " is not committed", nil
		}
		seen++
		if why, err := compareFile(fsys, f.name, f.info, e, indexTime); why != "" || err != nil {
			return display(f.name) + why, err
		}
	}
	if seen != len(indexed) {
		// A committed file is gone from the work tree.
		for _, name := range slices.Sorted(maps.Keys(indexed)) {
			if _, err := fsys.Lstat(name); errors.Is(err, os.ErrNotExist) {
				return display(name) + " is deleted", nil
			}
		}
		return "a committed file of the site is missing from the work tree", nil
	}
	return "", nil
}

// cachedTrees returns the trees of idx's cache of trees (git's TREE
// extension) by path from the repository's root, "" for the root; none
// when idx has no such cache or it does not parse. A tree whose Entries
// is negative was invalidated by a change to the index.
func cachedTrees(idx *index.Index) map[string]index.TreeEntry {
	if idx.Cache == nil || len(idx.Cache.Entries) == 0 {
		return nil
	}
	list := idx.Cache.Entries
	out := map[string]index.TreeEntry{}
	// The trees are listed in pre-order, each with the number of its
	// subtrees, which follow it.
	var walk func(i, depth int, parent string) (int, bool)
	walk = func(i, depth int, parent string) (int, bool) {
		if i >= len(list) || depth > 1000 || list[i].Trees < 0 {
			return 0, false
		}
		e := list[i]
		name := e.Path
		if parent != "" {
			name = parent + "/" + e.Path
		}
		out[name] = e
		i++
		for range e.Trees {
			var ok bool
			if i, ok = walk(i, depth+1, name); !ok {
				return 0, false
			}
		}
		return i, true
	}
	if end, ok := walk(0, 0, ""); !ok || end != len(list) {
		return nil
	}
	return out
}

// prefixesOf returns paths, each under sub.
func prefixesOf(sub string, paths []string) []string {
	prefixes := make([]string, len(paths))
	for i, p := range paths {
		prefixes[i] = path.Join(sub, p)
	}
	return prefixes
}

// worktreeFiles are the files of a work tree at or under some paths,
// each with its Lstat, in the order Uncommitted compares them: by path,
// each folder's files sorted by name; or the error that stopped the
// listing.
type worktreeFiles struct {
	files []listedFile
	err   error
}

type listedFile struct {
	name string
	info os.FileInfo
}

// listFiles lists the files of fsys at or under each of prefixes, leaving
// out those whose name starts with a dot and what is under them.
func listFiles(fsys billy.Filesystem, prefixes []string) (out worktreeFiles) {
	var walk func(dir string) error
	walk = func(dir string) error {
		infos, err := fsys.ReadDir(dir)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil
			}
			return err
		}
		slices.SortFunc(infos, func(a, b os.FileInfo) int { return strings.Compare(a.Name(), b.Name()) })
		for _, fi := range infos {
			name := path.Join(dir, fi.Name())
			switch {
			case strings.HasPrefix(fi.Name(), "."):
			case fi.IsDir():
				if err := walk(name); err != nil {
					return err
				}
			default:
				out.files = append(out.files, listedFile{name, fi})
			}
		}
		return nil
	}
	for _, p := range prefixes {
		fi, err := fsys.Lstat(p)
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			out.err = err
			return out
		case fi.IsDir():
			if err := walk(p); err != nil {
				out.err = err
				return out
			}
		default:
			out.files = append(out.files, listedFile{p, fi})
		}
	}
	return out
}

// compareFile returns " has uncommitted changes" when the file name on
// disk (whose Lstat is fi) differs from its index entry e.
func compareFile(fsys billy.Filesystem, name string, fi os.FileInfo, e *index.Entry, indexTime time.Time) (string, error) {
	const changed = " has uncommitted changes"
	mode, err := filemode.NewFromOSFileMode(fi.Mode())
	if err != nil || (mode != e.Mode && !(plainFile(mode) && plainFile(e.Mode))) {
		// A file became a link or the other way round.
		return changed, nil
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		target, err := fsys.Readlink(name)
		if err != nil {
			return "", err
		}
		if plumbing.ComputeHash(plumbing.BlobObject, []byte(target)) != e.Hash {
			return changed, nil
		}
		return "", nil
	}
	if uint32(fi.Size()) != e.Size {
		return changed, nil
	}
	mtime := fi.ModTime()
	if mtime.Equal(e.ModifiedAt) && !indexTime.IsZero() && mtime.Before(indexTime) {
		return "", nil
	}
	// The times differ (a touched file, or a checkout by another tool) or
	// prove nothing: compare the contents.
	f, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := plumbing.NewHasher(plumbing.BlobObject, fi.Size())
	n, err := io.Copy(h, f)
	if err != nil {
		return "", err
	}
	if n != fi.Size() || h.Sum() != e.Hash {
		return changed, nil
	}
	return "", nil
}

// plainFile reports whether m is a file's mode, executable or not: a change
// of the executable bit changes nothing the build reads.
func plainFile(m filemode.FileMode) bool {
	return m == filemode.Regular || m == filemode.Executable || m == filemode.Deprecated
}

// headFiles adds the files at or under p (slash-separated, from the
// repository's root) in tree to out, by path. Trees are read, blobs are
// not.
func headFiles(tree *object.Tree, p string, out map[string]object.TreeEntry) error {
	e, err := tree.FindEntry(p)
	if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if e.Mode != filemode.Dir {
		if !hidden(p) {
			out[p] = *e
		}
		return nil
	}
	sub, err := tree.Tree(p)
	if err != nil {
		return err
	}
	w := object.NewTreeWalker(sub, true, nil)
	defer w.Close()
	for {
		name, e, err := w.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if e.Mode == filemode.Dir || hidden(name) {
			continue
		}
		out[p+"/"+name] = e
	}
}

// hidden reports whether a path has a component starting with a dot,
// which Walk skips.
func hidden(p string) bool {
	for _, c := range strings.Split(p, "/") {
		if strings.HasPrefix(c, ".") {
			return true
		}
	}
	return false
}

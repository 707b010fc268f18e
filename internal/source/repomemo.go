package source

import (
	"path/filepath"
	"slices"
	"sync"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// RepoMemo keeps a repository open between the builds of a long-lived
// process (the preview server). go-git reads each pack's index, and
// builds its map from offsets to objects, once per open repository: at
// 50,000 commits that is 50 to 80 ms of every build that reads a commit.
//
// go-git also lists the packs once per open repository: a pack that a
// fetch or a gc adds would be missing, one it removes unreadable. So the
// memo gives its repository again only while the packs are the same
// (their names are the hashes of their contents) and the folder is the
// same; else it opens the repository anew. What else a build reads of
// the repository (references, the index, loose objects, the shallow
// list) go-git reads from disk each time.
//
// The repository it gives is shared by every build that uses the memo:
// they must run one at a time, as serve's do. The zero value is ready to
// use; a nil RepoMemo keeps nothing.
type RepoMemo struct {
	mu    sync.Mutex
	dir   string // dir as Open was given it, made absolute
	repo  *git.Repository
	sub   string
	packs []plumbing.Hash
}

// packLister is the part of go-git's file system storage that lists the
// packs, from disk, at each call.
type packLister interface {
	ObjectPacks() ([]plumbing.Hash, error)
}

// Open is OpenRepository through m: the repository m holds, when it was
// opened for the same folder and its packs have not changed since.
func (m *RepoMemo) Open(dir string) (*git.Repository, string, error) {
	if m == nil {
		return OpenRepository(dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return OpenRepository(dir)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.repo != nil && m.dir == abs {
		if packs, ok := listPacks(m.repo); ok && slices.Equal(packs, m.packs) {
			return m.repo, m.sub, nil
		}
	}
	m.repo, m.sub, m.packs = nil, "", nil
	repo, sub, err := OpenRepository(dir)
	if err != nil {
		return repo, sub, err
	}
	if packs, ok := listPacks(repo); ok {
		m.dir, m.repo, m.sub, m.packs = abs, repo, sub, packs
	}
	return repo, sub, nil
}

// listPacks returns the packs of repo's storage as on disk now, sorted;
// false when the storage cannot list them (then the repository is not
// kept).
func listPacks(repo *git.Repository) ([]plumbing.Hash, bool) {
	l, ok := repo.Storer.(packLister)
	if !ok {
		return nil, false
	}
	packs, err := l.ObjectPacks()
	if err != nil {
		return nil, false
	}
	packs = slices.Clone(packs)
	slices.SortFunc(packs, func(a, b plumbing.Hash) int { return slices.Compare(a[:], b[:]) })
	return packs, true
}

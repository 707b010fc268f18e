package history

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// Cache keeps encoded histories between runs: package cache's Dir, which
// also keys what it keeps by the program that wrote it. A Cache that
// cannot keep or give back a history only costs a walk.
type Cache interface {
	// Get returns the data Put kept under kind and key.
	Get(kind, key string) ([]byte, bool)
	// Put keeps data under kind and key.
	Put(kind, key string, data []byte)
}

// cacheKind names the histories among what a Cache keeps.
const cacheKind = "history"

// cacheKey returns the key of the history Read gives for commit in repo
// with opts: everything the walk's result depends on besides the
// program, that is the commit, which names all it reaches; the folders
// followed; the repository's folder, since a clone that lacks objects
// reads a shorter history of the same commit; and the commits the
// repository says are shallow. It is "" for a repository that is not on
// disk, whose history is not kept, and without a Cache or a Memo to keep
// it in.
func cacheKey(repo *git.Repository, commit string, opts Options) string {
	return cacheKeys(repo, opts)(commit)
}

// cacheKeys returns cacheKey for each commit of repo with opts, the
// repository's list of shallow commits read once: extend asks it of up
// to maxExtend ancestors.
func cacheKeys(repo *git.Repository, opts Options) func(commit string) string {
	none := func(string) string { return "" }
	fsys, ok := repo.Storer.(*filesystem.Storage)
	if !ok || opts.Cache == nil && opts.Memo == nil {
		return none
	}
	shallow, err := repo.Storer.Shallow()
	if err != nil {
		return none
	}
	list := make([]string, len(shallow))
	for i, c := range shallow {
		list[i] = c.String()
	}
	slices.Sort(list)
	rest := []string{
		fsys.Filesystem().Root(),
		path.Clean("/" + strings.TrimPrefix(opts.Site, "/")),
		path.Clean("/" + opts.Dir),
		strings.Join(list, " "),
	}
	return func(commit string) string {
		parts := append([]string{strings.ToLower(commit)}, rest...)
		sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
		return hex.EncodeToString(sum[:])
	}
}

// cached returns the history kept under key for commit, nil when there
// is none or it cannot be read.
func cached(c Cache, key, commit string) *History {
	if key == "" || c == nil {
		return nil
	}
	data, ok := c.Get(cacheKind, key)
	if !ok {
		return nil
	}
	h := &History{}
	if h.UnmarshalBinary(data) != nil || h.Head == nil || h.Head.Hash != plumbing.NewHash(commit).String() {
		return nil
	}
	return h
}

// keep puts h under key, when there is one.
func keep(c Cache, key string, h *History) {
	if key == "" || c == nil {
		return
	}
	if data, err := h.MarshalBinary(); err == nil {
		c.Put(cacheKind, key, data)
	}
}

// Memo keeps, in memory, the last History that Read gave for a
// repository on disk, under the key of a Cache (see cacheKey: the
// commit, the repository's folder, the folders followed and the
// commits the repository says are shallow), and gives it back to the
// next Read of that key as it is: neither the Cache's data nor the walk
// is read again. The preview server reads the history of HEAD on every
// rebuild; decoding it from the Cache took 0.3 s at 10,000 incidents.
//
// It keeps one History: a Read of another key (a new commit) replaces
// it. The History is shared by every Read that gives it: no caller may
// modify it (Head, or a slice that Revisions returns).
//
// A Memo is safe for concurrent use. The zero value is ready to use.
type Memo struct {
	mu  sync.Mutex
	key string
	h   *History
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{} }

// get returns the History kept under key, nil when there is none or m
// is nil.
func (m *Memo) get(key string) *History {
	if m == nil || key == "" {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.key != key {
		return nil
	}
	return m.h
}

// put keeps h under key, in place of what m kept.
func (m *Memo) put(key string, h *History) {
	if m == nil || key == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.key, m.h = key, h
}

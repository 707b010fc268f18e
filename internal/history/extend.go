package history

import (
	"slices"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// maxExtend is how many commits back Read looks for an ancestor whose
// history is kept (extend).
const maxExtend = 64

// extend returns the history of commit made from the one kept (opts.Memo,
// opts.Cache) for an ancestor, when commit's first parents lead to it
// within maxExtend commits, each with one parent and none shallow: only
// the commits after the ancestor are compared, and the ancestor's
// revisions follow theirs. A coordinator's commit of an update, and the
// build after it, then read a few commits instead of the whole history
// (at 50,000 commits, 3 to 5 s on two cores).
//
// The result is the History the walk gives: in the walk's order the
// commits after the ancestor, in a line, come first (each is the only
// child of the next), then the ancestor's in its own order, so each
// revision of the ancestor's keeps its place, behind len(chain) new
// commits. The ancestor's History, shared, is not modified: its commits
// are copied with their new place.
//
// It returns nil when there is no such ancestor, a merge or a shallow
// commit comes first, or anything cannot be read: the walk then reads
// the whole history, and says what is wrong.
func extend(w *walker, repo *git.Repository, commit plumbing.Hash, dir string, opts Options) *History {
	if opts.Memo == nil && opts.Cache == nil {
		return nil
	}
	keyOf := cacheKeys(repo, opts)
	var chain []*node
	for h := commit; len(chain) < maxExtend; {
		if w.shallow[h] {
			return nil
		}
		n, err := w.node(h)
		if err != nil || len(n.parentHashes) != 1 {
			return nil
		}
		chain = append(chain, n)
		parent := n.parentHashes[0].String()
		key := keyOf(parent)
		base := opts.Memo.get(key)
		if base == nil {
			base = cached(opts.Cache, key, parent)
		}
		if base != nil {
			return w.extendFrom(base, chain, n.parentHashes[0], dir)
		}
		h = n.parentHashes[0]
	}
	return nil
}

// extendFrom returns base, the history of parent, extended by chain, the
// commits after it, newest first; nil when a commit cannot be compared.
func (w *walker) extendFrom(base *History, chain []*node, parent plumbing.Hash, dir string) *History {
	if base.Head == nil || base.Head.Hash != parent.String() {
		return nil
	}
	p, err := w.node(parent)
	if err != nil {
		return nil
	}
	for i, n := range chain {
		if i+1 < len(chain) {
			n.parents = []*node{chain[i+1]}
		} else {
			n.parents = []*node{p}
		}
	}
	k := len(chain)
	h := &History{files: map[string][]Revision{}, head: map[string]plumbing.Hash{},
		Shallow: base.Shallow, walked: base.walked + k, missing: base.missing}
	// The files of the commit read, as the walk finds them (run).
	folder, err := w.folderOf(chain[0])
	if err != nil {
		return nil
	}
	if err := w.diff(plumbing.ZeroHash, folder, dir, 0, func(p string, _, blob plumbing.Hash) { h.head[p] = blob }); err != nil {
		return nil
	}
	for i, n := range chain {
		changes, err := w.changes(n, dir)
		if err != nil {
			return nil
		}
		c := newCommit(n, i)
		if i == 0 {
			h.Head = c
		}
		for _, r := range changes {
			r.Commit = c
			h.files[r.Path] = append(h.files[r.Path], r)
		}
	}
	// The ancestor's revisions after the new ones, each commit copied
	// once with its place moved k on.
	moved := map[*Commit]*Commit{}
	again := func(c *Commit) *Commit {
		m := moved[c]
		if m == nil {
			m = new(Commit)
			*m = *c
			m.order += k
			moved[c] = m
		}
		return m
	}
	for path, revs := range base.files {
		out := slices.Grow(h.files[path], len(revs))
		for _, r := range revs {
			r.Commit = again(r.Commit)
			out = append(out, r)
		}
		h.files[path] = out
	}
	return h
}

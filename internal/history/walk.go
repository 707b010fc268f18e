package history

import (
	"bytes"
	"cmp"
	"container/heap"
	"errors"
	"fmt"
	"math"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
)

// maxDepth bounds how deep folders nest in a tree the walk goes into: a
// crafted tree must not exhaust the stack.
const maxDepth = 64

// treeCacheSize is how many trees the walk keeps, and treeCacheBytes how
// many bytes of them, whichever is reached first. A parent's trees, read
// when its child is compared with it, are read again when the parent is
// compared with its own parents, usually next: a few dozen suffice, and
// the cache stays small whatever the size of the history. (Bounded by
// count alone, it held 256 copies of a folder of thousands of RCAs, each
// hundreds of KB: 150 MB at 10,000 incidents, most of the build's peak.)
const (
	treeCacheSize  = 256
	treeCacheBytes = 8 << 20
)

// walker reads the commits of one history and compares their trees.
type walker struct {
	s      storage.Storer
	obj    *objects // reads s's objects
	folder []string // the folder followed, from the repository's root
	// open opens another view of the storage for another goroutine;
	// nil when there is none.
	open func() (*objects, func())

	nodes   map[plumbing.Hash]*node
	shallow map[plumbing.Hash]bool
	// missing reports whether a parent of a commit read is missing
	// without the repository saying it is shallow.
	missing bool
	count   int

	// folders holds the followed folder's tree in each commit read,
	// zero where it has none.
	folders map[*node]plumbing.Hash

	cache      map[plumbing.Hash]*rawTree
	cacheOrder []plumbing.Hash // the cache's trees, oldest first from cacheHead
	cacheHead  int
	cacheBytes int
}

// node is a commit of the history, as much of it as the walk needs.
type node struct {
	hash    plumbing.Hash
	tree    plumbing.Hash
	parents []*node
	when    time.Time
	// What the history keeps of the commit: the go-git commit itself
	// holds its encoded object, 1 KB or so, and every commit is read
	// before the walk (57 MB at 50,000 commits).
	parentHashes  []plumbing.Hash
	author, email string
	authorTime    time.Time
	subject       string
	children      int
	boundary      bool

	// changes are the commit's revisions, without their Commit, once
	// compared (by compareBehind, or by run).
	changes  []Revision
	compared bool
}

func newWalker(s storage.Storer, obj *objects, folder string) (*walker, error) {
	w := &walker{
		s:       s,
		obj:     obj,
		nodes:   map[plumbing.Hash]*node{},
		shallow: map[plumbing.Hash]bool{},
		folders: map[*node]plumbing.Hash{},
		cache:   make(map[plumbing.Hash]*rawTree, treeCacheSize),
	}
	if folder != "." && folder != "" {
		w.folder = strings.Split(folder, "/")
	}
	list, err := s.Shallow()
	if err != nil {
		return nil, fmt.Errorf("read the list of shallow commits: %w", err)
	}
	for _, c := range list {
		w.shallow[c] = true
	}
	return w, nil
}

// run walks the history of head into h; dir is the followed folder's path
// from the site's root, which the paths of h start with.
func (w *walker) run(head plumbing.Hash, dir string, h *History) error {
	ready, finish := func(*node) {}, func() error { return nil }
	if w.open != nil {
		ready, finish = w.compareBehind(dir)
	}
	top, err := w.load(head, ready)
	if ferr := finish(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	// The files of the commit read, for Uncommitted.
	folder, err := w.folderOf(top)
	if err != nil {
		return err
	}
	err = w.diff(plumbing.ZeroHash, folder, dir, 0, func(p string, _, blob plumbing.Hash) { h.head[p] = blob })
	if err != nil {
		return err
	}
	// The commits in order, children first, each compared with its
	// parents here unless compareBehind has done it.
	q := &queue{top}
	for i := 0; q.Len() > 0; i++ {
		n := heap.Pop(q).(*node)
		for _, p := range n.parents {
			if p.children--; p.children == 0 {
				heap.Push(q, p)
			}
		}
		if !n.compared {
			if n.changes, err = w.changes(n, dir); err != nil {
				return fmt.Errorf("commit %s: %w", n.hash, err)
			}
		}
		if n == top {
			h.Head = newCommit(n, i)
		}
		if len(n.changes) > 0 {
			c := h.Head
			if n != top {
				c = newCommit(n, i)
			}
			for _, r := range n.changes {
				r.Commit = c
				h.files[r.Path] = append(h.files[r.Path], r)
			}
		}
		if n.boundary {
			h.Shallow = true
		}
		n.parentHashes, n.changes = nil, nil
	}
	return nil
}

// compareBehind starts comparing commits with their parents on every
// core while load reads the rest: ready takes each commit load has read
// with its parents, and finish waits for the comparisons. Each goroutine
// gets runs of consecutive commits, in which a commit's parent is
// usually the next commit, whose trees it then finds in its cache, and
// reads through its own view of the storage: go-git's storages are not
// safe for concurrent use, load's included.
func (w *walker) compareBehind(dir string) (ready func(*node), finish func() error) {
	const run = 512
	workers := min(runtime.GOMAXPROCS(0), 4)
	runs := make(chan []*node, 2*workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	var closers []func()
	for k := range workers {
		obj, done := w.open()
		closers = append(closers, done)
		wk := w.fork(obj)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range runs {
				for _, n := range batch {
					if errs[k] != nil {
						break // drain the channel
					}
					c, err := wk.changes(n, dir)
					if err != nil {
						errs[k] = fmt.Errorf("commit %s: %w", n.hash, err)
						break
					}
					n.changes, n.compared = c, true
				}
			}
		}()
	}
	var batch []*node
	ready = func(n *node) {
		batch = append(batch, n)
		if len(batch) == run {
			runs <- batch
			batch = nil
		}
	}
	finish = func() error {
		if len(batch) > 0 {
			runs <- batch
		}
		close(runs)
		wg.Wait()
		for _, done := range closers {
			done()
		}
		return errors.Join(errs...)
	}
	return ready, finish
}

// fork returns a walker that compares trees read from obj, for another
// goroutine.
func (w *walker) fork(obj *objects) *walker {
	return &walker{
		obj:     obj,
		folder:  w.folder,
		folders: map[*node]plumbing.Hash{},
		cache:   make(map[plumbing.Hash]*rawTree, treeCacheSize),
	}
}

func newCommit(n *node, order int) *Commit {
	return &Commit{
		Hash:       n.hash.String(),
		Author:     n.author,
		Email:      n.email,
		AuthorTime: n.authorTime,
		CommitTime: n.when,
		Subject:    n.subject,
		Boundary:   n.boundary,
		order:      order,
	}
}

// load reads every commit reachable from head, each once, and counts
// each one's children among them. It calls ready with each commit once
// its parents are read, in the order it reads them: a commit, then
// usually its parent.
func (w *walker) load(head plumbing.Hash, ready func(*node)) (*node, error) {
	top, err := w.node(head)
	if err != nil {
		return nil, err
	}
	stack := []*node{top}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if w.shallow[n.hash] {
			n.boundary = true
			ready(n)
			continue
		}
		for _, ph := range n.parentHashes {
			p, seen := w.nodes[ph]
			if !seen {
				p, err = w.node(ph)
				if errors.Is(err, plumbing.ErrObjectNotFound) {
					w.missing = true
					continue
				}
				if err != nil {
					return nil, err
				}
				stack = append(stack, p)
			}
			if !containsNode(n.parents, p) { // a crafted commit may name a parent twice
				n.parents = append(n.parents, p)
				p.children++
			}
		}
		if len(n.parents) == 0 && len(n.parentHashes) > 0 {
			n.boundary = true
		}
		ready(n)
	}
	return top, nil
}

func containsNode(list []*node, n *node) bool {
	for _, m := range list {
		if m == n {
			return true
		}
	}
	return false
}

// node reads the commit h.
func (w *walker) node(h plumbing.Hash) (*node, error) {
	raw, err := w.obj.read(plumbing.CommitObject, h)
	if err != nil {
		return nil, err
	}
	obj := &plumbing.MemoryObject{}
	obj.SetType(plumbing.CommitObject)
	if _, err := obj.Write(raw); err != nil {
		return nil, err
	}
	c, err := object.DecodeCommit(w.s, obj)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", h, err)
	}
	subject, _, _ := strings.Cut(c.Message, "\n")
	n := &node{hash: h, tree: c.TreeHash, when: c.Committer.When, parentHashes: c.ParentHashes,
		author: c.Author.Name, email: c.Author.Email, authorTime: c.Author.When,
		subject: strings.Clone(strings.TrimSpace(subject))}
	w.nodes[h] = n
	w.count++
	return n, nil
}

// queue orders the commits ready to be walked: the newest committed
// first, then by hash, so that the order is the same everywhere.
type queue []*node

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	if c := q[i].when.Compare(q[j].when); c != 0 {
		return c > 0
	}
	return bytes.Compare(q[i].hash[:], q[j].hash[:]) < 0
}
func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)   { *q = append(*q, x.(*node)) }
func (q *queue) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]
	return n
}

// change is a path whose file differs between a commit and a parent.
type change struct {
	path     string
	old, new plumbing.Hash
}

// changes returns the revisions commit n made under the followed folder,
// in the order of git's trees, without their Commit.
func (w *walker) changes(n *node, dir string) ([]Revision, error) {
	to, err := w.folderOf(n)
	if err != nil {
		return nil, err
	}
	var list []change
	emit := func(p string, old, new plumbing.Hash) { list = append(list, change{p, old, new}) }
	switch len(n.parents) {
	case 0:
		if err := w.diff(plumbing.ZeroHash, to, dir, 0, emit); err != nil {
			return nil, err
		}
	case 1:
		from, err := w.folderOf(n.parents[0])
		if err != nil {
			return nil, err
		}
		if err := w.diff(from, to, dir, 0, emit); err != nil {
			return nil, err
		}
	default:
		// A merge: a path changed where it differs from every parent.
		// differs counts the parents it differs from, absent those that
		// lack it.
		type seen struct{ differs, absent int }
		count := map[string]*seen{}
		for i, p := range n.parents {
			from, err := w.folderOf(p)
			if err != nil {
				return nil, err
			}
			if from == to {
				return nil, nil // the same as one parent: nothing changed
			}
			err = w.diff(from, to, dir, 0, func(p string, old, new plumbing.Hash) {
				s := count[p]
				if s == nil {
					if i > 0 {
						return // the same as an earlier parent
					}
					s = &seen{}
					count[p] = s
					list = append(list, change{p, old, new})
				}
				s.differs++
				if old.IsZero() {
					s.absent++
				}
			})
			if err != nil {
				return nil, err
			}
		}
		kept := list[:0]
		for _, c := range list {
			s := count[c.path]
			if s.differs < len(n.parents) {
				continue
			}
			if s.absent < len(n.parents) && c.old.IsZero() {
				// New to the first parent only: for the history as a
				// whole, a modification (or a deletion).
				c.old = c.new
			}
			kept = append(kept, c)
		}
		list = kept
	}
	return revisions(list, n.boundary, dir), nil
}

// revisions turns a commit's changes under dir into revisions and pairs
// its deletions with its additions into moves: first those of the same
// contents (git's renames), then those of the same file name, which is a
// record's id, in the same folder of dir (content/incidents/2024/x.md to
// content/incidents/2025/x.md, not content/rcas/x.md, another record of
// the same id), each in the order of the changes.
func revisions(list []change, boundary bool, dir string) []Revision {
	revs := make([]Revision, len(list))
	var deleted []int
	for i, c := range list {
		r := Revision{Path: c.path, Blob: c.new}
		switch {
		case c.new.IsZero():
			r.Kind = Deleted
			deleted = append(deleted, i)
		case c.old.IsZero():
			r.Kind = Added
		default:
			r.Kind = Modified
		}
		revs[i] = r
	}
	if len(deleted) == 0 || boundary {
		return revs
	}
	// Each pass indexes the deletions not yet paired by a key, and pairs
	// each addition with the first deletion of its key: linear in the
	// changes, even for a commit that moves every record.
	used := make([]bool, len(list))
	pair := func(key func(i int) string) {
		waiting := map[string][]int{}
		for _, d := range deleted {
			if !used[d] {
				k := key(d)
				waiting[k] = append(waiting[k], d)
			}
		}
		for a := range revs {
			if revs[a].Kind != Added {
				continue
			}
			k := key(a)
			ds := waiting[k]
			if len(ds) == 0 {
				continue
			}
			d := ds[0]
			waiting[k] = ds[1:]
			used[d] = true
			revs[a].Kind, revs[a].From = Moved, revs[d].Path
			revs[d].To = revs[a].Path
		}
	}
	// The contents: a deletion's old blob, an addition's new one.
	pair(func(i int) string {
		if list[i].new.IsZero() {
			return string(list[i].old[:])
		}
		return string(list[i].new[:])
	})
	// The file name in its kind's folder.
	pair(func(i int) string { return kindOf(list[i].path, dir) + "/" + path.Base(list[i].path) })
	return revs
}

// kindOf returns the folder of dir that p lies in ("incidents" for
// content/incidents/2025/x.md), "" for a file of dir itself.
func kindOf(p, dir string) string {
	if dir != "" {
		p = strings.TrimPrefix(p, dir+"/")
	}
	kind, _, ok := strings.Cut(p, "/")
	if !ok {
		return ""
	}
	return kind
}

// folderOf returns the tree of the followed folder in n's tree, zero when
// n has no such folder.
func (w *walker) folderOf(n *node) (plumbing.Hash, error) {
	if h, ok := w.folders[n]; ok {
		return h, nil
	}
	h := n.tree
	for _, name := range w.folder {
		t, err := w.tree(h)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		h = plumbing.ZeroHash
		for it := (treeIter{b: t.raw}); ; {
			e, ok, err := it.next()
			if err != nil {
				return plumbing.ZeroHash, err
			}
			if !ok {
				break
			}
			if e.dir() && string(e.name) == name {
				h = e.hash
				break
			}
		}
		if h.IsZero() {
			break
		}
	}
	w.folders[n] = h
	return h, nil
}

// diff calls emit for every file under dir that differs between the trees
// a and b (zero for none), with its blob in each (zero where it is
// absent). It goes only into subtrees whose hashes differ.
func (w *walker) diff(a, b plumbing.Hash, dir string, depth int, emit func(p string, old, new plumbing.Hash)) error {
	if a == b {
		return nil
	}
	if depth > maxDepth {
		return fmt.Errorf("%s: folders nest more than %d deep", dir, maxDepth)
	}
	// The side the cache holds is read first, usually b (the walk goes
	// from children to parents, so a commit's trees were read as its
	// child's parent's): the other is then parsed like it.
	ta, tb := emptyTree, emptyTree
	var err error
	if t, ok := w.cache[b]; ok && !b.IsZero() {
		tb = t
	}
	if !a.IsZero() {
		if ta, err = w.treeLike(a, tb); err != nil {
			return err
		}
	}
	if !b.IsZero() && tb == emptyTree {
		if tb, err = w.treeLike(b, ta); err != nil {
			return err
		}
	}
	ra, rb := ta.changed(tb)
	// side reports an entry found on one side only.
	side := func(e entry, old bool) error {
		if e.name[0] == '.' {
			return nil
		}
		p := join(dir, e.name)
		switch {
		case e.dir() && old:
			return w.diff(e.hash, plumbing.ZeroHash, p, depth+1, emit)
		case e.dir():
			return w.diff(plumbing.ZeroHash, e.hash, p, depth+1, emit)
		case e.file() && old:
			emit(p, e.hash, plumbing.ZeroHash)
		case e.file():
			emit(p, plumbing.ZeroHash, e.hash)
		}
		return nil
	}
	ia, ib := treeIter{b: ra}, treeIter{b: rb}
	ea, okA, err := ia.next()
	if err != nil {
		return err
	}
	eb, okB, err := ib.next()
	if err != nil {
		return err
	}
	for okA || okB {
		var c int
		switch {
		case !okA:
			c = 1
		case !okB:
			c = -1
		default:
			c = compareEntries(ea, eb)
		}
		switch {
		case c < 0:
			err = side(ea, true)
		case c > 0:
			err = side(eb, false)
		case ea.hash == eb.hash && ea.file() == eb.file():
			// the same contents (a change of mode only is none)
		case ea.name[0] == '.':
		case ea.dir() && eb.dir():
			err = w.diff(ea.hash, eb.hash, join(dir, ea.name), depth+1, emit)
		case ea.file() && eb.file():
			emit(join(dir, ea.name), ea.hash, eb.hash)
		default: // a file became a link or a submodule, or back
			if err = side(ea, true); err == nil {
				err = side(eb, false)
			}
		}
		if err != nil {
			return err
		}
		if c <= 0 {
			if ea, okA, err = ia.next(); err != nil {
				return err
			}
		}
		if c >= 0 {
			if eb, okB, err = ib.next(); err != nil {
				return err
			}
		}
	}
	return nil
}

func join(dir string, name []byte) string {
	if dir == "" {
		return string(name)
	}
	return dir + "/" + string(name)
}

// tree returns the tree h, from the cache if it holds it.
func (w *walker) tree(h plumbing.Hash) (*rawTree, error) { return w.treeLike(h, nil) }

// treeLike is tree for a tree to be compared with like, read before
// (parseTreeLike); nil like is none.
func (w *walker) treeLike(h plumbing.Hash, like *rawTree) (*rawTree, error) {
	if t, ok := w.cache[h]; ok {
		return t, nil
	}
	b, err := w.obj.read(plumbing.TreeObject, h)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	t, err := parseTreeLike(b, like)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	w.cacheTree(h, t)
	return t, nil
}

// cacheTree keeps t, the tree h, dropping the oldest trees kept until
// the cache holds at most treeCacheSize trees of treeCacheBytes; a tree
// larger than that alone is not kept.
func (w *walker) cacheTree(h plumbing.Hash, t *rawTree) {
	size := t.size()
	if size > treeCacheBytes {
		return
	}
	for len(w.cacheOrder)-w.cacheHead >= treeCacheSize || w.cacheBytes+size > treeCacheBytes {
		old := w.cacheOrder[w.cacheHead]
		w.cacheHead++
		w.cacheBytes -= w.cache[old].size()
		delete(w.cache, old)
	}
	if w.cacheHead > len(w.cacheOrder)/2 {
		w.cacheOrder = append(w.cacheOrder[:0], w.cacheOrder[w.cacheHead:]...)
		w.cacheHead = 0
	}
	w.cacheOrder = append(w.cacheOrder, h)
	w.cacheBytes += size
	w.cache[h] = t
}

// size is about how many bytes t holds.
func (t *rawTree) size() int { return len(t.raw) + 4*len(t.start) }

// rawTree is a tree's raw contents and where each of its entries starts.
type rawTree struct {
	raw   []byte
	start []int32 // of each entry, then len(raw)
}

// emptyTree is the tree of no entries, for a side that has none.
var emptyTree = &rawTree{start: []int32{0}}

// parseTree checks every entry of the raw tree b once, as it is read,
// and notes where each starts.
func parseTree(b []byte) (*rawTree, error) {
	if len(b) > math.MaxInt32 {
		return nil, errBadTree
	}
	t := &rawTree{raw: b, start: make([]int32, 0, len(b)/32+1)}
	if _, err := parseEntries(b, 0, len(b), &t.start); err != nil {
		return nil, err
	}
	t.start = append(t.start, int32(len(b)))
	return t, nil
}

// parseEntries checks the entries of b from offset p on, each whole in
// b, until one ends at or past stop, and appends where each starts to
// starts. It returns where the last one ends.
func parseEntries(b []byte, p, stop int, starts *[]int32) (int, error) {
	// The checks of treeIter.next, without decoding the entries.
	for p < stop {
		*starts = append(*starts, int32(p))
		q := p
		for ; q < len(b) && b[q] != ' '; q++ {
			if b[q] < '0' || b[q] > '7' {
				return 0, errBadTree
			}
		}
		if q == p || q == len(b) {
			return 0, errBadTree
		}
		nul := bytes.IndexByte(b[q+1:], 0)
		if nul <= 0 || len(b)-(q+1) < nul+1+len(plumbing.Hash{}) {
			return 0, errBadTree
		}
		p = q + 1 + nul + 1 + len(plumbing.Hash{})
	}
	return p, nil
}

// parseTreeLike is parseTree for a tree b read to be compared with like,
// parsed before: the other side of a comparison, which shares most of its
// entries. The entries before the first byte that differs, and those
// after the last, are like's, checked when like was parsed: only those
// between are checked, and the others' places are taken from like. A
// folder of thousands of records (rcas/) is read at each commit that
// changes one of them; parsing it whole each time grew as the square of
// the number of records.
//
// The result is parseTree(b)'s: the entries parsed between end exactly
// where like's first entry of the common end starts, shifted by the
// difference in length, or b is parsed whole.
func parseTreeLike(b []byte, like *rawTree) (*rawTree, error) {
	if like == nil || len(like.start) < 2 || len(b) > math.MaxInt32 {
		return parseTree(b)
	}
	n := commonPrefix(like.raw, b)
	// like's entries that end at or before n are b's too.
	i := sort.Search(len(like.start)-1, func(k int) bool { return int(like.start[k+1]) > n })
	from := int(like.start[i])
	m := commonSuffix(like.raw[from:], b[from:])
	// like's first entry that starts in the common end, if any: b has
	// the same bytes from the same distance before its end.
	j := sort.Search(len(like.start)-1-i, func(k int) bool { return len(like.raw)-int(like.start[i+k]) <= m }) + i
	shift := len(b) - len(like.raw)
	stop := len(b)
	if j < len(like.start)-1 {
		stop = int(like.start[j]) + shift
	}
	t := &rawTree{raw: b, start: make([]int32, 0, len(like.start)+max(0, shift)/32+1)}
	t.start = append(t.start, like.start[:i]...)
	if p, err := parseEntries(b, from, stop, &t.start); err != nil || p != stop {
		return parseTree(b) // an entry across the common end: parse it all
	}
	for _, s := range like.start[j : len(like.start)-1] {
		t.start = append(t.start, s+int32(shift))
	}
	t.start = append(t.start, int32(len(b)))
	return t, nil
}

// changed returns the entries of t and u that the comparison of the two
// trees must read: all but their first and last entries whose bytes are
// the same in both. Most commits change one file in a folder of many, and
// the other entries need no reading. An entry of the same bytes in both,
// before or after all that differ, is the same entry and pairs with
// itself: git sorts a tree's entries, so those before it in either tree
// sort before it, and those after, after.
func (t *rawTree) changed(u *rawTree) (a, b []byte) {
	n := commonPrefix(t.raw, u.raw)
	// The entries that end at or before n are the same in both.
	i := sort.Search(len(t.start)-1, func(k int) bool { return int(t.start[k+1]) > n })
	from := int(t.start[i]) // the same in u
	m := commonSuffix(t.raw[from:], u.raw[from:])
	// The first entry of t from which on both trees have the same
	// entries: its start lies in the common suffix, and u has an entry
	// starting at the same distance from its end.
	ja := sort.Search(len(t.start)-1-i, func(k int) bool { return len(t.raw)-int(t.start[i+k]) <= m }) + i
	jb := len(u.start) - 1
	for ; ja < len(t.start)-1; ja++ {
		want := int32(len(u.raw) - (len(t.raw) - int(t.start[ja])))
		k := sort.Search(len(u.start), func(k int) bool { return u.start[k] >= want })
		if k < len(u.start) && u.start[k] == want && k >= i {
			jb = k
			break
		}
	}
	return t.raw[from:t.start[ja]], u.raw[from:u.start[jb]]
}

// commonPrefix returns the length of the longest common prefix of a and
// b.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for ; i+64 <= n && bytes.Equal(a[i:i+64], b[i:i+64]); i += 64 {
	}
	for ; i < n && a[i] == b[i]; i++ {
	}
	return i
}

// commonSuffix returns the length of the longest common suffix of a and
// b.
func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	la, lb := len(a), len(b)
	i := 0
	for ; i+64 <= n && bytes.Equal(a[la-i-64:la-i], b[lb-i-64:lb-i]); i += 64 {
	}
	for ; i < n && a[la-i-1] == b[lb-i-1]; i++ {
	}
	return i
}

// entry is one entry of a raw tree; name points into the tree's bytes.
type entry struct {
	mode uint32
	name []byte
	hash plumbing.Hash
}

func (e entry) dir() bool { return e.mode&0o170000 == 0o040000 }

// file reports whether e is a regular file, executable or not (neither a
// symbolic link nor a submodule).
func (e entry) file() bool { return e.mode&0o170000 == 0o100000 }

// compareEntries orders entries as git orders a tree: by name, a
// folder's name read as if it ended in "/".
func compareEntries(a, b entry) int {
	n := min(len(a.name), len(b.name))
	if c := bytes.Compare(a.name[:n], b.name[:n]); c != 0 {
		return c
	}
	next := func(e entry) byte {
		switch {
		case len(e.name) > n:
			return e.name[n]
		case e.dir():
			return '/'
		}
		return 0
	}
	return cmp.Compare(next(a), next(b))
}

// treeIter reads the entries of a raw tree: "<octal mode> <name>\x00"
// and the 20 bytes of a hash, again and again.
type treeIter struct{ b []byte }

var errBadTree = errors.New("malformed tree object")

func (it *treeIter) next() (entry, bool, error) {
	if len(it.b) == 0 {
		return entry{}, false, nil
	}
	var e entry
	sp := bytes.IndexByte(it.b, ' ')
	if sp <= 0 {
		return entry{}, false, errBadTree
	}
	for _, c := range it.b[:sp] {
		if c < '0' || c > '7' {
			return entry{}, false, errBadTree
		}
		e.mode = e.mode<<3 | uint32(c-'0')
	}
	rest := it.b[sp+1:]
	nul := bytes.IndexByte(rest, 0)
	if nul <= 0 || len(rest) < nul+1+len(e.hash) {
		return entry{}, false, errBadTree
	}
	e.name = rest[:nul]
	copy(e.hash[:], rest[nul+1:])
	it.b = rest[nul+1+len(e.hash):]
	return e, true, nil
}

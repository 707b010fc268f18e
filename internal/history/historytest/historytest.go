// Package historytest builds git histories straight into a go-git
// storage, without a work tree, an index or the git program: small ones
// for tests, with branches and merges, and large generated ones for
// benchmarks. Only tests and generators import it.
package historytest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/memory"
)

// Repo stages files and commits them. Each commit writes only the trees
// on the paths that changed since the last, so that a long history costs
// time in proportion to its commits.
type Repo struct {
	s    storage.Storer
	root *dir
	// Head is the last commit made or checked out.
	Head plumbing.Hash
}

type dir struct {
	files map[string]file
	dirs  map[string]*dir
	hash  plumbing.Hash // zero while the folder has unsaved changes
}

type file struct {
	mode filemode.FileMode
	hash plumbing.Hash
}

// New returns a Repo with nothing staged, writing into s.
func New(s storage.Storer) *Repo {
	return &Repo{s: s, root: newDir()}
}

func newDir() *dir { return &dir{files: map[string]file{}, dirs: map[string]*dir{}} }

// Write stages data as the file at p (slash-separated).
func (r *Repo) Write(p string, data string) error {
	return r.WriteMode(p, data, filemode.Regular)
}

// WriteMode stages data at p with a mode (filemode.Symlink for a link
// whose target is data).
func (r *Repo) WriteMode(p string, data string, mode filemode.FileMode) error {
	obj := r.s.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		return err
	}
	if _, err := w.Write([]byte(data)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	h, err := r.s.SetEncodedObject(obj)
	if err != nil {
		return err
	}
	d, name := r.parent(p, true)
	delete(d.dirs, name)
	d.files[name] = file{mode: mode, hash: h}
	return nil
}

// Remove unstages the file or folder at p.
func (r *Repo) Remove(p string) {
	d, name := r.parent(p, true)
	delete(d.files, name)
	delete(d.dirs, name)
}

// parent returns the folder holding p and p's name in it, marking the
// folders on the way as changed.
func (r *Repo) parent(p string, change bool) (*dir, string) {
	parts := strings.Split(path.Clean(p), "/")
	d := r.root
	if change {
		d.hash = plumbing.ZeroHash
	}
	for _, name := range parts[:len(parts)-1] {
		sub := d.dirs[name]
		if sub == nil {
			sub = newDir()
			delete(d.files, name)
			d.dirs[name] = sub
		}
		d = sub
		if change {
			d.hash = plumbing.ZeroHash
		}
	}
	return d, parts[len(parts)-1]
}

// Sig is the author and committer of a commit made at when.
func Sig(name string, when time.Time) object.Signature {
	return object.Signature{Name: name, Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.org", When: when}
}

// Commit commits what is staged, with the given parents (none for a
// first commit; Head is not implied), and makes it Head.
func (r *Repo) Commit(msg string, author, committer object.Signature, parents ...plumbing.Hash) (plumbing.Hash, error) {
	tree, err := r.save(r.root)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return r.CommitTree(msg, tree, author, committer, parents...)
}

// CommitTree commits the tree named tree, whatever is staged, and makes
// it Head: the way to commit a crafted tree.
func (r *Repo) CommitTree(msg string, tree plumbing.Hash, author, committer object.Signature, parents ...plumbing.Hash) (plumbing.Hash, error) {
	c := &object.Commit{
		Author:       author,
		Committer:    committer,
		Message:      msg,
		TreeHash:     tree,
		ParentHashes: parents,
	}
	obj := r.s.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	h, err := r.s.SetEncodedObject(obj)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	r.Head = h
	return h, nil
}

// save writes the trees of d that changed and returns d's hash.
func (r *Repo) save(d *dir) (plumbing.Hash, error) {
	if !d.hash.IsZero() {
		return d.hash, nil
	}
	t := &object.Tree{}
	for name, sub := range d.dirs {
		h, err := r.save(sub)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		t.Entries = append(t.Entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
	}
	for name, f := range d.files {
		t.Entries = append(t.Entries, object.TreeEntry{Name: name, Mode: f.mode, Hash: f.hash})
	}
	// git's order: by name, a folder's as if it ended in "/".
	key := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	slices.SortFunc(t.Entries, func(a, b object.TreeEntry) int { return strings.Compare(key(a), key(b)) })
	obj := r.s.NewEncodedObject()
	if err := t.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	h, err := r.s.SetEncodedObject(obj)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	d.hash = h
	return h, nil
}

// Checkout stages the tree of commit c, in place of what is staged, and
// makes c Head: the way to start a branch.
func (r *Repo) Checkout(c plumbing.Hash) error {
	commit, err := object.GetCommit(r.s, c)
	if err != nil {
		return err
	}
	root, err := r.load(commit.TreeHash)
	if err != nil {
		return err
	}
	r.root, r.Head = root, c
	return nil
}

func (r *Repo) load(h plumbing.Hash) (*dir, error) {
	t, err := object.GetTree(r.s, h)
	if err != nil {
		return nil, err
	}
	d := newDir()
	for _, e := range t.Entries {
		if e.Mode == filemode.Dir {
			sub, err := r.load(e.Hash)
			if err != nil {
				return nil, err
			}
			d.dirs[e.Name] = sub
			continue
		}
		d.files[e.Name] = file{mode: e.Mode, hash: e.Hash}
	}
	d.hash = h
	return d, nil
}

// SetBranch points the branch name (such as "main") at c and HEAD at the
// branch, so that git and go-git find the history.
func (r *Repo) SetBranch(name string, c plumbing.Hash) error {
	ref := plumbing.NewBranchReferenceName(name)
	if err := r.s.SetReference(plumbing.NewHashReference(ref, c)); err != nil {
		return err
	}
	return r.s.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, ref))
}

// Spec describes a generated history (see Generate).
type Spec struct {
	// Incidents is how many records to add, one commit each.
	Incidents int
	// Commits is how many commits in all: each commit past the
	// Incidents that add a record (and the Base commit, if any) edits
	// one, appending an update.
	Commits int
	// Start is the first commit's time; the commits spread evenly over
	// Years (ten if zero) from there.
	Start time.Time
	Years int
	// Base, if not empty, is written by a first commit of its own, at
	// Start, before the records: the rest of a site (its configuration,
	// its contacts).
	Base []File
	// Record, if not nil, writes the version of a record that a commit
	// makes: the record's file and any other (a root cause analysis
	// with its last version). Nil writes a minimal incident.
	Record func(Version) []File
}

// File is one file a commit writes.
type File struct {
	Path, Data string
}

// Version is one version of a generated record: the one a commit of
// its makes.
type Version struct {
	// Index is the record's number, from 0.
	Index int
	// Update is the version's number, from 0 (the commit that registers
	// the record) to Updates (its last).
	Update, Updates int
	// Times are the times of the record's commits so far, the first the
	// registration's and the last this version's.
	Times []time.Time
}

// Change is one commit of a generated history.
type Change struct {
	Files   []File
	Message string
	Sig     object.Signature // author and committer
}

// Changes returns the commits of the history spec describes, oldest
// first: record i is added (as content/incidents/<year>/<date>-incident-<i>.md
// unless spec.Record says otherwise) and then edited by its share of the
// remaining commits, each appending an update, in the order a team
// works: an incident's updates follow it before the next one starts.
// The result is the same on every run.
func Changes(spec Spec) (func(yield func(Change) bool), error) {
	base := 0
	if len(spec.Base) > 0 {
		base = 1
	}
	if spec.Incidents <= 0 || spec.Commits-base < spec.Incidents {
		return nil, fmt.Errorf("generate: %d incidents in %d commits is not a history", spec.Incidents, spec.Commits)
	}
	years := spec.Years
	if years <= 0 {
		years = 10
	}
	start := spec.Start
	if start.IsZero() {
		start = time.Date(2016, 1, 4, 9, 0, 0, 0, time.UTC)
	}
	span := start.AddDate(years, 0, 0).Sub(start)
	step := span / time.Duration(spec.Commits)
	authors := []string{"An Janssens", "Bram Peeters", "Chloé Dubois", "Dirk Maes"}
	extra := spec.Commits - spec.Incidents - base
	record := spec.Record
	if record == nil {
		record = minimalRecord
	}
	return func(yield func(Change) bool) {
		n := 0
		if base == 1 {
			if !yield(Change{Files: spec.Base, Message: "Start the site\n", Sig: Sig(authors[0], start)}) {
				return
			}
			n++
		}
		var times []time.Time
		for i := range spec.Incidents {
			// Record i gets the updates numbered extra*i/N to extra*(i+1)/N.
			updates := extra*(i+1)/spec.Incidents - extra*i/spec.Incidents
			times = times[:0]
			var id string
			for u := 0; u <= updates; u++ {
				when := start.Add(time.Duration(n) * step)
				times = append(times, when)
				files := record(Version{Index: i, Update: u, Updates: updates, Times: times})
				if u == 0 {
					id = strings.TrimSuffix(path.Base(files[0].Path), ".md")
				}
				msg := fmt.Sprintf("%s: update %d\n", id, u)
				if u == 0 {
					msg = fmt.Sprintf("%s: register\n", id)
				}
				if !yield(Change{Files: files, Message: msg, Sig: Sig(authors[n%len(authors)], when)}) {
					return
				}
				n++
			}
		}
	}, nil
}

// minimalRecord is the record of a Spec without Record: a public
// availability incident with one update per version.
func minimalRecord(v Version) []File {
	first := v.Times[0]
	id := fmt.Sprintf("%s-incident-%05d", first.Format("2006-01-02"), v.Index)
	var body strings.Builder
	fmt.Fprintf(&body, "---\ntitle: Incident %d\ncategory: availability\nseverity: minor\nvisibility: public\ndetected: %s\nupdates:\n", v.Index, first.Format(time.RFC3339))
	for u, when := range v.Times {
		fmt.Fprintf(&body, "  - at: %s\n    status: %s\n    message: Update %d of incident %d.\n", when.Format(time.RFC3339), status(u, v.Updates), u, v.Index)
	}
	body.WriteString("---\n")
	return []File{{Path: fmt.Sprintf("content/incidents/%s/%s.md", first.Format("2006"), id), Data: body.String()}}
}

// Generate writes into r the history spec describes (see Changes), on
// one line of commits, and points the branch main at it.
func Generate(r *Repo, spec Spec) (plumbing.Hash, error) {
	changes, err := Changes(spec)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	var head plumbing.Hash
	for c := range changes {
		for _, f := range c.Files {
			if err = r.Write(f.Path, f.Data); err != nil {
				break
			}
		}
		if err != nil {
			break
		}
		var parents []plumbing.Hash
		if !head.IsZero() {
			parents = []plumbing.Hash{head}
		}
		if head, err = r.Commit(c.Message, c.Sig, c.Sig, parents...); err != nil {
			break
		}
	}
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return head, r.SetBranch("main", head)
}

func status(u, last int) string {
	switch {
	case u == last && u > 0:
		return "resolved"
	case u == 0:
		return "investigating"
	}
	return "monitoring"
}

// GenerateRepo makes dir a git repository holding the history spec
// describes (see Changes), with main checked out in name only: the work
// tree stays empty. It returns the head commit, the same as Generate's.
//
// With the git program, "git fast-import" writes it: one pack whose
// blobs and trees are deltas of their previous versions, as in a real
// repository, in seconds for 50,000 commits. Without it, go-git writes
// the objects as one pack without deltas: every version of a folder's
// tree whole, which takes memory and time that grow with the square of
// the incidents (fine for a few thousand commits).
func GenerateRepo(dir string, spec Spec) (plumbing.Hash, error) {
	if _, err := exec.LookPath("git"); err == nil {
		return fastImport(dir, spec)
	}
	mem := memory.NewStorage()
	head, err := Generate(New(mem), spec)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	pw, ok := repo.Storer.(storer.PackfileWriter)
	if !ok {
		return plumbing.ZeroHash, fmt.Errorf("generate: the storage of %s cannot write packs", dir)
	}
	iter, err := mem.IterEncodedObjects(plumbing.AnyObject)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	var hashes []plumbing.Hash
	if err := iter.ForEach(func(o plumbing.EncodedObject) error {
		hashes = append(hashes, o.Hash())
		return nil
	}); err != nil {
		return plumbing.ZeroHash, err
	}
	slices.SortFunc(hashes, func(a, b plumbing.Hash) int { return bytes.Compare(a[:], b[:]) })
	w, err := pw.PackfileWriter()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := packfile.NewEncoder(w, mem, false).Encode(hashes, 0); err != nil {
		w.Close()
		return plumbing.ZeroHash, fmt.Errorf("generate: write the pack: %w", err)
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("generate: write the pack: %w", err)
	}
	return head, New(repo.Storer).SetBranch("main", head)
}

// fastImport writes the history into a new repository at dir through
// "git fast-import".
func fastImport(dir string, spec Spec) (plumbing.Hash, error) {
	changes, err := Changes(spec)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	git := func(stdin io.Reader, args ...string) (string, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Stdin = stdin
		// The user's configuration must not change the objects.
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("generate: git %s: %w: %s", args[0], err, errOut.Bytes())
		}
		return strings.TrimSpace(out.String()), nil
	}
	if _, err := git(nil, "init", "-q"); err != nil {
		return plumbing.ZeroHash, err
	}
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriterSize(pw, 1<<16)
		sig := func(s object.Signature) string {
			return fmt.Sprintf("%s <%s> %d %s", s.Name, s.Email, s.When.Unix(), s.When.Format("-0700"))
		}
		for c := range changes {
			fmt.Fprintf(w, "commit refs/heads/main\nauthor %s\ncommitter %s\ndata %d\n%s", sig(c.Sig), sig(c.Sig), len(c.Message), c.Message)
			for _, f := range c.Files {
				fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", f.Path, len(f.Data), f.Data)
			}
		}
		w.WriteString("done\n")
		pw.CloseWithError(w.Flush())
	}()
	if _, err := git(pr, "fast-import", "--quiet", "--done"); err != nil {
		pr.CloseWithError(err)
		return plumbing.ZeroHash, err
	}
	if _, err := git(nil, "symbolic-ref", "HEAD", "refs/heads/main"); err != nil {
		return plumbing.ZeroHash, err
	}
	head, err := git(nil, "rev-parse", "refs/heads/main")
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return plumbing.NewHash(head), nil
}

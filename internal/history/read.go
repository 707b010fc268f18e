package history

import (
	"errors"
	"fmt"
	"io"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage"
)

// ErrTooLarge is returned, wrapped, by Reader.Read for a blob over the
// Reader's limit.
var ErrTooLarge = errors.New("is over the size limit")

// Reader reads the contents of files at their revisions from a
// repository's objects, through the repository's own storage: the pack
// indexes it loaded are shared (go-git decodes a pack's index, and builds
// its table of offsets, once per storage: 0.1 s at 50,000 commits, which
// a storage of the Reader's own paid again). It is not safe for
// concurrent use, nor while another goroutine uses the repository.
type Reader struct {
	s     storage.Storer
	limit int64
}

// NewReader returns a Reader of repo's blobs that refuses those over
// limit bytes (the site's limits.max_file_size; zero for none).
func NewReader(repo *git.Repository, limit int64) *Reader {
	return &Reader{s: repo.Storer, limit: limit}
}

// Read returns the contents of blob. It checks the blob's size before
// reading it, so an oversize file is never read.
func (r *Reader) Read(blob plumbing.Hash) ([]byte, error) {
	size, err := r.s.EncodedObjectSize(blob)
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", blob, err)
	}
	if r.limit > 0 && size > r.limit {
		return nil, fmt.Errorf("blob %s of %d bytes %w of %d bytes", blob, size, ErrTooLarge, r.limit)
	}
	obj, err := r.s.EncodedObject(plumbing.BlobObject, blob)
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", blob, err)
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", blob, err)
	}
	defer rd.Close()
	b := make([]byte, size)
	if _, err := io.ReadFull(rd, b); err != nil {
		return nil, fmt.Errorf("blob %s: %w", blob, err)
	}
	return b, nil
}

// Version is a file as one of its revisions left it, read on demand.
type Version struct {
	Revision
	read func() ([]byte, error)
}

// Bytes returns the file's contents at the revision, reading them the
// first time they are asked for.
func (v Version) Bytes() ([]byte, error) { return v.read() }

// Versions returns the versions of a file that revs (a Trail or the
// Revisions of a path, newest first) left, in the same order, skipping
// deletions. read is called at most once per distinct blob, and only
// when a version's Bytes is called: a move that kept the contents, or a
// change undone later, costs no second read. Versions are not safe for
// concurrent use.
func Versions(revs []Revision, read func(blob plumbing.Hash) ([]byte, error)) []Version {
	type result struct {
		data []byte
		err  error
	}
	memo := map[plumbing.Hash]*result{}
	var out []Version
	for _, r := range revs {
		if r.Kind == Deleted || r.Blob.IsZero() {
			continue
		}
		blob := r.Blob
		out = append(out, Version{Revision: r, read: func() ([]byte, error) {
			res := memo[blob]
			if res == nil {
				res = &result{}
				res.data, res.err = read(blob)
				memo[blob] = res
			}
			return res.data, res.err
		}})
	}
	return out
}

// Snapshots reads and parses a record's versions (newest first, from
// Versions) for Drifts and Rewrites. work, when not nil, is the record's
// file in the work tree: it comes first, as a snapshot without a
// revision, unless it is the newest version's contents. parse returns the
// updates a version of the file holds; it is called once per distinct
// contents. A version that cannot be read or parsed (an old commit may
// hold a file that did not validate) is left out: its updates are then
// first seen in the next version that can, which is what a reader of the
// site saw. An error is returned only when nothing could be parsed.
func Snapshots(versions []Version, work []byte, parse func([]byte) ([]Update, error)) ([]Snapshot, error) {
	var (
		out   []Snapshot
		first error
	)
	if work != nil && (len(versions) == 0 || plumbing.ComputeHash(plumbing.BlobObject, work) != versions[0].Blob) {
		updates, err := parse(work)
		if err != nil {
			first = err
		} else {
			out = append(out, Snapshot{Updates: updates})
		}
	}
	type parsed struct {
		updates []Update
		err     error
	}
	memo := map[plumbing.Hash]parsed{}
	for i := range versions {
		v := &versions[i]
		p, ok := memo[v.Blob]
		if !ok {
			var data []byte
			if data, p.err = v.Bytes(); p.err == nil {
				p.updates, p.err = parse(data)
			}
			memo[v.Blob] = p
		}
		if p.err != nil {
			if first == nil {
				first = fmt.Errorf("%s at %s: %w", v.Path, v.Hash[:min(12, len(v.Hash))], p.err)
			}
			continue
		}
		out = append(out, Snapshot{Rev: &v.Revision, Updates: p.updates})
	}
	if len(out) == 0 && first != nil {
		return nil, first
	}
	return out, nil
}

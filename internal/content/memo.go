package content

import (
	"crypto/sha256"
	"io/fs"
	"slices"
	"sync"
	"time"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/markdown"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// Memo keeps the records one Load parsed, with their diagnostics, for the
// next Load of the same site in a long-lived process (the preview server
// rebuilds on every save, and between two builds nearly every file is
// the same): a file whose parse would be the same is not parsed again.
//
// A record is reused only when its file's path, its kind and its bytes
// (by SHA-256) are those of the file parsed, and so is everything else
// Parse reads: the configuration's limits.max_depth and time zone
// (compared by name, as the configuration loads it: an IANA name), and
// markdown.DefaultLimits. A file is not even read again when its size,
// modification time and status change time (ctime, where the system
// tells it), as listed, are those it had when it was read, and those
// times were settled then (see settle): as git's index tells an
// unchanged file. After each Load a Memo keeps only the
// records that Load gave, so it never holds more than one site's
// records, and a file removed or changed is forgotten.
//
// The records handed out are shared with the Loads before, and are not
// copied: nothing after loading may modify a record, a slice or a map it
// holds (validation, the model and the renderers only read them).
//
// A Memo is safe for concurrent use. The zero value is ready to use.
type Memo struct {
	mu sync.Mutex
	// entries holds the records of the last Load, by file. A Load reads
	// the map it found and replaces it as a whole when done; a map is
	// never changed once stored.
	entries map[string]*memoEntry
	// changes counts the entries the last Load made other than those it
	// found (a file parsed, or listed anew), and those it dropped (a file
	// gone).
	changes int
	// clock tells the time a file is read at (see settle); nil is
	// time.Now.
	clock func() time.Time
}

// SetClock makes m tell the time a file is read at by clock, which
// decides whether the file's times are settled (see settle); nil is
// time.Now. A test that writes files and loads them at once passes a
// clock some seconds ahead, so that its files count as settled, as a
// clone's do a few seconds after the checkout, whatever the test's pace.
func (m *Memo) SetClock(clock func() time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.clock = clock
}

// Seed gives m the records from holds, unless m holds some already: a
// long-lived process's first Load then starts from a memo the cache
// kept. A nil from changes nothing.
func (m *Memo) Seed(from *Memo) {
	if from == nil || from == m {
		return
	}
	from.mu.Lock()
	entries := from.entries
	from.mu.Unlock()
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.entries) == 0 {
		m.entries = entries
	}
}

// Changes returns how many files the last Load parsed or listed anew,
// plus how many went: the entries in which what m holds differs from
// what it held before. An encoding of m (Encode) differs from the one it
// was decoded from when that is not zero.
func (m *Memo) Changes() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.changes
}

// Len returns how many files' records m holds: none when no Load used
// it yet, or the last found none.
func (m *Memo) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{} }

// Load is content.Load with m: a file parsed as it would be parsed
// again gets its record and diagnostics from the Load before. A nil m
// keeps nothing, as content.Load.
func (m *Memo) Load(fsys fs.FS, cfg *config.Config) (*Set, diag.List) {
	return load(fsys, cfg, m)
}

// memoEntry is a file's parse: the record (nil when its front matter
// cannot be read) and its diagnostics, and what they were parsed from.
type memoEntry struct {
	key    memoKey
	record record
	diags  diag.List
	// size, modTime and change are the file's as listed when it was
	// read (source.File); settled reports whether its times were old
	// enough then to tell a later change (see settle).
	size    int64
	modTime time.Time
	change  time.Time
	settled bool
	// encoded is the encoding of record and diags, when they were
	// decoded from it (DecodeMemo): Encode writes it again as it is.
	encoded []byte
}

// settle is how much older than the moment a file is read its
// modification time must be for an equal time to prove the same bytes
// later. A file written again in the same tick of a coarse clock (a
// second, or two on FAT) as it was read has the same time and maybe the
// same size with other bytes; git calls it racily clean and reads it
// again. So does the Memo, until the file is older than this.
const settle = 3 * time.Second

// memoKey is all that Parse reads besides the file's path, the Memo's
// key: two parses with equal keys give equal records and diagnostics.
// Whoever makes Parse read more (another setting of the configuration,
// a package variable) adds it here.
type memoKey struct {
	kind vocab.Kind
	sum  [sha256.Size]byte
	// maxDepth is cfg.Limits.MaxDepth (frontmatter.Split).
	maxDepth int
	// location is the name of cfg.Location, the zone of the times and
	// dates written without an offset (yamlx.Decoder).
	location string
	// markdown is markdown.DefaultLimits, the limits of a body.
	markdown markdown.Limits
}

// keyOf returns the key of data parsed as kind with cfg; without data,
// the key's sum is left zero.
func keyOf(kind vocab.Kind, data []byte, cfg *config.Config) memoKey {
	k := memoKey{kind: kind, maxDepth: cfg.Limits.MaxDepth, markdown: markdown.DefaultLimits}
	if data != nil {
		k.sum = sha256.Sum256(data)
	}
	if cfg.Location != nil {
		k.location = cfg.Location.String()
	}
	return k
}

// reuse is one Load's view of a Memo: the entries of the Load before,
// which it only reads. A nil reuse parses every file.
type reuse struct {
	prev  map[string]*memoEntry
	clock func() time.Time
}

// now returns the time a file is read at, by r's clock.
func (r *reuse) now() time.Time {
	if r == nil || r.clock == nil {
		return time.Now()
	}
	return r.clock()
}

// start returns the view of m for a Load; nil for a nil m.
func (m *Memo) start() *reuse {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return &reuse{prev: m.entries, clock: m.clock}
}

// unchanged returns the entry kept for f when f need not be read again:
// it is listed with the size and times it had when it was read, its
// times were settled then, and the configuration reads it as it did. A file listed without a time (a git tree's) is always read.
func (r *reuse) unchanged(kind vocab.Kind, f source.File, cfg *config.Config) *memoEntry {
	if r == nil || f.ModTime.IsZero() {
		return nil
	}
	e := r.prev[f.Path]
	if e == nil || !e.settled || e.size != f.Size || !e.modTime.Equal(f.ModTime) || !e.change.Equal(f.Change) {
		return nil
	}
	want := keyOf(kind, nil, cfg)
	want.sum = e.key.sum
	if e.key != want {
		return nil
	}
	return e
}

// parse is Parse, through r: it returns the record and diagnostics
// kept for f when they were parsed from the same key, else parses. read
// is when data was read. The entry is what the Memo keeps for f after
// this Load; nil without a Memo.
func (r *reuse) parse(kind vocab.Kind, f source.File, data []byte, cfg *config.Config, read time.Time) (record, diag.List, *memoEntry) {
	if r == nil {
		rec, diags := Parse(kind, f.Path, data, cfg)
		return rec, diags, nil
	}
	key := keyOf(kind, data, cfg)
	// A status change after the modification (a file put in place by a
	// rename, or whose times were set) is as recent as the file.
	latest := f.ModTime
	if f.Change.After(latest) {
		latest = f.Change
	}
	stat := memoEntry{size: f.Size, modTime: f.ModTime, change: f.Change, settled: !f.ModTime.IsZero() && latest.Before(read.Add(-settle))}
	if e := r.prev[f.Path]; e != nil && e.key == key {
		if e.size == stat.size && e.modTime.Equal(stat.modTime) && e.change.Equal(stat.change) && e.settled == stat.settled {
			return e.record, e.diags, e
		}
		// The same bytes, listed anew (touched, or settled since).
		n := *e
		n.size, n.modTime, n.change, n.settled = stat.size, stat.modTime, stat.change, stat.settled
		return n.record, n.diags, &n
	}
	rec, diags := Parse(kind, f.Path, data, cfg)
	// Clipped, so that an append to the diagnostics handed out never
	// writes into the array the Memo keeps.
	e := &stat
	e.key, e.record, e.diags = key, rec, slices.Clip(diags)
	return e.record, e.diags, e
}

// keep makes the entries of the files this Load parsed or reused, and
// those alone, m's entries.
func (m *Memo) keep(jobs []job, results []loaded) {
	if m == nil {
		return
	}
	next := make(map[string]*memoEntry, len(results))
	for i, r := range results {
		if r.entry != nil {
			next[jobs[i].file.Path] = r.entry
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.changes = 0
	still := 0
	for file, e := range next {
		before, ok := m.entries[file]
		if ok {
			still++
		}
		if before != e {
			m.changes++
		}
	}
	// Those of before whose file next does not have went.
	m.changes += len(m.entries) - still
	m.entries = next
}

package history

import (
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/diag"
)

// DefaultDriftLimit is how far an update's time may lie from the commit
// that first published it before Drifts reports it. A coordinator writes
// an update and pushes it within minutes (every 20 minutes during an
// outage); two hours leave room for a review and a merge queue, and
// still catch an update dated long before it was published (backdated,
// or forgotten and committed the next day) or long after (written ahead
// of time).
const DefaultDriftLimit = 2 * time.Hour

// Update is an update of a record as one version of its file wrote it:
// what the checks compare between versions. Updates are told apart by
// their time, the order of the chronology: the n-th update at a time in
// one version is the n-th at that time in another.
type Update struct {
	At      time.Time
	Message string
	// Pos is where the version writes the update, for the caller's
	// diagnostic.
	Pos diag.Position
}

// Snapshot is what one version of a record's file held.
type Snapshot struct {
	// Rev is the revision that left the file so; nil for the work tree.
	Rev     *Revision
	Updates []Update
}

// Drift is an update whose time lies far from the commit that first
// published it.
type Drift struct {
	// Update is the update as the newest snapshot writes it.
	Update Update
	// Published is the revision that first held an update at its time.
	Published Revision
	// Off is the update's time minus the author time of Published: below
	// zero when the update is dated before it was committed.
	Off time.Duration
}

// Drifts returns the updates of the newest snapshot whose time is more
// than limit before or after the author time of the commit that first
// held an update at that time. snaps are a record's versions newest
// first (a work-tree snapshot, if any, first), as Trail orders them. The
// author time is when the change was written: a rebase or a squash merge
// moves the commit time, not it. An update first held by the work tree
// or by a Boundary commit (where the history read starts) has no known
// publication and is left out.
func Drifts(snaps []Snapshot, limit time.Duration) []Drift {
	if len(snaps) == 0 {
		return nil
	}
	first := map[updateKey]*Revision{}
	for i := len(snaps) - 1; i >= 0; i-- {
		s := snaps[i]
		for k := range keys(s.Updates) {
			if _, ok := first[k]; !ok {
				first[k] = s.Rev
			}
		}
	}
	var out []Drift
	newest := snaps[0].Updates
	for k, i := range keys(newest) {
		rev := first[k]
		if rev == nil || rev.Commit == nil || rev.Boundary {
			continue
		}
		off := newest[i].At.Sub(rev.AuthorTime)
		if off > limit || off < -limit {
			out = append(out, Drift{Update: newest[i], Published: *rev, Off: off})
		}
	}
	return out
}

// Rewrite is a published update whose message a later version changed
// or removed: customers read the old words, and the chronology is meant
// to be append-only.
type Rewrite struct {
	At time.Time
	// Before is the message as published, After as changed ("" when
	// Removed).
	Before, After string
	Removed       bool
	// Published is the revision that published Before; Changed the one
	// that changed it, nil for the work tree.
	Published Revision
	Changed   *Revision
	// Update is the update as Changed writes it (zero when Removed), for
	// the position of a diagnostic.
	Update Update
}

// Rewrites returns every change of a committed update's message in the
// versions snaps (newest first, a work-tree snapshot, if any, first),
// oldest change first. Each change is reported once, from the text it
// replaced: an update written, changed and changed back gives two
// rewrites. Only committed text counts as published, and leading and
// trailing space is not text.
func Rewrites(snaps []Snapshot) []Rewrite {
	type published struct {
		text string
		rev  Revision
	}
	known := map[updateKey]*published{}
	var order []updateKey // known's keys, in the order first seen
	var out []Rewrite
	for i := len(snaps) - 1; i >= 0; i-- {
		s := snaps[i]
		present := map[updateKey]bool{}
		for k, j := range keys(s.Updates) {
			present[k] = true
			u := s.Updates[j]
			text := strings.TrimSpace(u.Message)
			p := known[k]
			switch {
			case p != nil && p.text != text:
				out = append(out, Rewrite{At: u.At, Before: p.text, After: text, Published: p.rev, Changed: s.Rev, Update: u})
				if s.Rev != nil {
					p.text, p.rev = text, *s.Rev
				}
			case p == nil && s.Rev != nil:
				known[k] = &published{text: text, rev: *s.Rev}
				order = append(order, k)
			}
		}
		kept := order[:0]
		for _, k := range order {
			p := known[k]
			if present[k] {
				kept = append(kept, k)
				continue
			}
			out = append(out, Rewrite{At: k.at, Before: p.text, Removed: true, Published: p.rev, Changed: s.Rev})
			delete(known, k)
		}
		order = kept
	}
	return out
}

// updateKey tells an update apart across versions: its time, and how
// many updates of the version share that time before it.
type updateKey struct {
	at time.Time
	n  int
}

// keys yields each update's key and index, in order.
func keys(updates []Update) func(yield func(updateKey, int) bool) {
	return func(yield func(updateKey, int) bool) {
		seen := map[time.Time]int{}
		for i, u := range updates {
			at := u.At.UTC()
			k := updateKey{at: at, n: seen[at]}
			seen[at]++
			if !yield(k, i) {
				return
			}
		}
	}
}

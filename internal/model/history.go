package model

import "time"

// Audit is what git's history tells of a record's file: the logbook's
// audit trail, when the record was registered, and whether the file in
// the work tree holds changes not committed yet.
type Audit struct {
	// Trail is every commit that changed the file, newest first,
	// following it back through renames to the commit that added it.
	Trail []Change
	// Registered is the change that first added the record: the time it
	// was registered. It is nil when that is unknown: the file was never
	// committed, or a shallow clone's history starts after it.
	Registered *Change
	// Uncommitted reports whether the file in the work tree differs from
	// its committed version (or was never committed): what the build
	// shows is not on record yet.
	Uncommitted bool
}

// Change is one commit of a record's file.
type Change struct {
	// Hash is the commit's full hexadecimal name.
	Hash   string
	Author string
	Email  string
	// Time is when the change was written (the author's time, which a
	// rebase keeps); Committed is when it was committed.
	Time      time.Time
	Committed time.Time
	// Subject is the first line of the commit's message.
	Subject string
	// Kind is "added", "modified" or "moved" (renamed).
	Kind string
	// Path is the file's path at this commit, from the site's root.
	Path string
}

// Audit returns the audit of the record stored at file, nil when the
// site's history was not read (no git) or holds nothing of it.
func (s *Site) Audit(file string) *Audit {
	return s.Audits[file]
}

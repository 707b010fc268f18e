package logbook

import (
	"time"

	"github.com/incidentsite/incidentsite/internal/model"
)

// The audit trail of an incident page: for the incident's record and its
// RCA's, every commit that changed the file (model.Site.Audits, read
// from git by the project), when the record was first registered, and
// whether the work tree holds changes not committed yet. A site not in
// git has no history, and its pages say so.

// auditData is the audit trail of one record's file.
type auditData struct {
	// Label names the record (the incident, its RCA); File is its path.
	Label, File string
	// History reports whether the site's history was read at all; the
	// rest is empty when it was not.
	History bool
	// Uncommitted reports that the file differs from its last commit.
	Uncommitted bool
	// Registered is the commit that added the record; nil when the
	// history does not reach it or the file was never committed.
	Registered *changeData
	// Trail is every commit of the file, newest first.
	Trail []changeData
}

// changeData is a commit of a record's file as the page shows it.
type changeData struct {
	Hash, Short, Author, Subject string
	// Href is the commit on the repository's web site; empty when the
	// configuration names no repository_url.
	Href      string
	Time      time.Time
	Kind      string
	KindLabel string
	// Path is the file's path at this commit when it differs from the
	// record's current path (before a move), else empty.
	Path string
}

// shortHash is how many hexadecimal digits of a commit's name the trail
// shows, as git's abbreviated names do.
const shortHash = 7

// audits returns the audit trails of the incident's record and of its
// RCA's.
func (w *pageWriter) audits(inc *model.Incident) []auditData {
	out := []auditData{w.audit(w.r.t(w.lang, "logbook.audit.incident"), inc.File)}
	if inc.RCA != nil {
		out = append(out, w.audit(w.r.t(w.lang, "logbook.audit.rca"), inc.RCA.File))
	}
	return out
}

// audit returns the audit trail of the record stored at file.
func (w *pageWriter) audit(label, file string) auditData {
	d := auditData{Label: label, File: file, History: w.r.m.Audits != nil}
	a := w.r.m.Audit(file)
	if a == nil {
		// In git, a record the history holds nothing of has never been
		// committed.
		d.Uncommitted = d.History
		return d
	}
	d.Uncommitted = a.Uncommitted
	for _, c := range a.Trail {
		d.Trail = append(d.Trail, w.change(c, file))
	}
	if a.Registered != nil {
		c := w.change(*a.Registered, file)
		d.Registered = &c
	}
	return d
}

func (w *pageWriter) change(c model.Change, file string) changeData {
	d := changeData{Hash: c.Hash, Short: c.Hash, Author: c.Author, Subject: c.Subject, Time: c.Time,
		Kind: c.Kind, KindLabel: w.r.t(w.lang, "logbook.audit.kind."+c.Kind)}
	if d.KindLabel == "logbook.audit.kind."+c.Kind {
		d.KindLabel = c.Kind // a kind of a newer history reader
	}
	if len(d.Short) > shortHash {
		d.Short = d.Short[:shortHash]
	}
	if base := w.r.m.Config.RepositoryURL; base != "" && isHex(c.Hash) {
		d.Href = base + "commit/" + c.Hash
	}
	if c.Path != "" && c.Path != file {
		d.Path = c.Path
	}
	return d
}

// isHex reports whether s is a commit's name: hexadecimal digits only,
// so that it can stand in a link as it is.
func isHex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// registered is the time the incident's record was first committed; zero
// when not known (no history, never committed, a shallow clone).
func (r *renderer) registered(inc *model.Incident) time.Time {
	if a := r.m.Audit(inc.File); a != nil && a.Registered != nil {
		return a.Registered.Time
	}
	return time.Time{}
}

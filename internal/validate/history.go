package validate

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/history"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// Versions is what git's history holds of one record with updates (an
// incident or a maintenance window): its versions, read by the caller.
type Versions struct {
	// File is the record's file, Pos the positions in it as it is now.
	File string
	Pos  *yamlx.Positions
	// Snapshots are the record's versions, newest first, as
	// history.Drifts and history.Rewrites take them. The first is the
	// file as the build reads it: its updates carry their positions; its
	// Rev is nil when it is not committed.
	Snapshots []history.Snapshot
	// Public tells, for each snapshot, whether that version of the record
	// was public: only a public version's words reached customers.
	Public []bool
}

// History checks that each record's chronology was kept as it happened,
// against git's history: an update is committed soon after the time it
// states ("update-drift"), and an update customers read keeps its words
// ("rewritten"). Both are warnings: they tell what the record shows and
// cannot be undone, and never hold an update back (DESIGN.md,
// non-negotiable 0). limit is how far an update's time may lie from its
// commit (history.DefaultDriftLimit).
//
// Only what changed recently is reported: a commit made at or after
// since, or the work tree (a zero since reports all). A past rewrite or a
// record imported after the fact cannot be undone, and a warning on every
// build for ever would teach the team to read none; the logbook's audit
// trail keeps them all. since is the build's "now" less HistoryRecent, so
// that the pull request that made a change, and the builds of the days
// after it, say so.
func History(cfg *config.Config, records []Versions, limit time.Duration, since time.Time) diag.List {
	var diags diag.List
	recent := func(r *history.Revision) bool { return Recent(r, since) }
	for _, r := range records {
		if len(r.Snapshots) == 0 {
			continue
		}
		h := histChecker{cfg: cfg, rec: r, diags: &diags}
		var drifts []history.Drift
		for _, d := range history.Drifts(r.Snapshots, limit) {
			if recent(&d.Published) {
				drifts = append(drifts, d)
			}
		}
		h.drifts(drifts)
		var public []history.Snapshot
		for i, s := range r.Snapshots {
			if i < len(r.Public) && r.Public[i] {
				public = append(public, s)
			}
		}
		for _, rw := range history.Rewrites(public) {
			if !recent(rw.Changed) || !rw.Removed && h.translated(rw.Before, rw.After) {
				continue
			}
			h.rewrite(rw, public)
		}
	}
	return diags
}

// Recent reports whether History reports what the revision r did, given
// since: r is the work tree (nil), a commit whose time is unknown, or a
// commit made at or after since. A record's versions are snapshots of its
// trail (or the work tree), so a committed record none of whose
// revisions is recent gets no warning from History, and its old versions
// need not be read.
func Recent(r *history.Revision, since time.Time) bool {
	return r == nil || r.Commit == nil || !r.CommitTime.Before(since)
}

// HistoryRecent is how long after its commit a change of the chronology
// is reported (see History): two weeks, longer than a pull request
// usually stays open.
const HistoryRecent = 14 * 24 * time.Hour

type histChecker struct {
	cfg   *config.Config
	rec   Versions
	diags *diag.List
}

// drifts reports a record's drifting updates as one warning, at the first
// of them: an incident recorded after the fact drifts in every update,
// and one warning says so.
func (h histChecker) drifts(ds []history.Drift) {
	if len(ds) == 0 {
		return
	}
	d := ds[0]
	current := h.rec.Snapshots[0].Updates
	if last := ds[len(ds)-1]; len(ds) == len(current) && len(ds) > 1 && allSameCommit(ds) && last.Off < 0 {
		// Every update came in one commit, after the last of them: the
		// record was written after the fact.
		h.diags.Warnf(d.Update.Pos, "update-drift",
			"this record was written after the fact: its %d updates (%s to %s) were first committed %s after the last of them, in %s: the logbook cannot tell when customers read each; nothing to correct if that is how it was, else check the times",
			len(ds), h.time(d.Update.At), h.time(last.Update.At), span(-last.Off), h.commit(d.Published))
		return
	}
	if len(ds) == 1 {
		h.diags.Warnf(d.Update.Pos, "update-drift",
			"this update is dated %s, %s the commit that first published it, %s: an update is committed within minutes of its time; check it (backdated, or written late?) and correct the time if it is wrong",
			h.time(d.Update.At), offText(d.Off), h.commit(d.Published))
		return
	}
	var list []string
	for _, d := range ds {
		list = append(list, fmt.Sprintf("%s (%s %s)", h.time(d.Update.At), offText(d.Off), short(d.Published.Hash)))
	}
	h.diags.Warnf(d.Update.Pos, "update-drift",
		"%d updates of this record are dated far from the commits that first published them: %s; an update is committed within minutes of its time: check them (backdated, or written late?) and correct the times that are wrong",
		len(ds), strings.Join(list, ", "))
}

func allSameCommit(ds []history.Drift) bool {
	for _, d := range ds[1:] {
		if d.Published.Hash != ds[0].Published.Hash {
			return false
		}
	}
	return true
}

// rewrite reports a published update's words changed or removed, at the
// update as the file holds it now.
func (h histChecker) rewrite(rw history.Rewrite, snaps []history.Snapshot) {
	pos := h.at(rw.At)
	changed := "in the work tree"
	if rw.Changed != nil {
		changed = "in " + h.commit(*rw.Changed)
	}
	if moved, ok := movedTo(rw, snaps); rw.Removed && ok {
		// The same words at another time: the update's time was changed.
		h.diags.Warnf(h.at(moved), "rewritten",
			"the time of the update published in %s at %s was changed to %s %s: customers read it at the old time, and the chronology is meant to be append-only; keep it, and add an update that corrects it (%s)",
			h.commit(rw.Published), h.time(rw.At), h.time(moved), changed, brief(h.text(rw.Before)))
		return
	}
	if rw.Removed {
		h.diags.Warnf(pos, "rewritten",
			"the update of %s was published in %s and removed %s: customers read it, and the chronology is meant to be append-only; keep it, and add an update that corrects it (%s)",
			h.time(rw.At), h.commit(rw.Published), changed, brief(h.text(rw.Before)))
		return
	}
	before, after := changedPart(h.text(rw.Before), h.text(rw.After))
	h.diags.Warnf(pos, "rewritten",
		"the message of the update of %s was published in %s and changed %s: customers read the old words, and the chronology is meant to be append-only; keep them, and add an update that corrects them (%s → %s)",
		h.time(rw.At), h.commit(rw.Published), changed, before, after)
}

// movedTo returns the time of the update that holds a removed update's
// words at another time in the version that removed it: its time was
// changed rather than the update removed.
func movedTo(rw history.Rewrite, snaps []history.Snapshot) (time.Time, bool) {
	for _, s := range snaps {
		if s.Rev != rw.Changed {
			continue
		}
		for _, u := range s.Updates {
			if !u.At.Equal(rw.At) && strings.TrimSpace(u.Message) == rw.Before {
				return u.At, true
			}
		}
	}
	return time.Time{}, false
}

// MessageText is an update's message as the history checks compare it
// (history.Update's Message): plain text as written, else its text per
// language, encoded so that translated can read it back.
func MessageText(t l10n.Text) string {
	if s, ok := t[""]; ok && len(t) == 1 {
		return s
	}
	b, _ := json.Marshal(map[string]string(t)) // sorted by code
	return perLanguage + string(b)
}

// perLanguage starts a MessageText of text per language: a character
// that no record's text holds (package source refuses control
// characters).
const perLanguage = "\x00"

// texts reads a MessageText back.
func texts(s string) l10n.Text {
	if rest, ok := strings.CutPrefix(s, perLanguage); ok {
		var t l10n.Text
		if json.Unmarshal([]byte(rest), &t) == nil {
			return t
		}
	}
	return l10n.Text{"": s}
}

// text is a MessageText as a reader of the site's first language reads
// it.
func (h histChecker) text(s string) string {
	lang := ""
	if h.cfg != nil && len(h.cfg.Languages) > 0 {
		lang = h.cfg.DefaultLanguage()
	}
	return texts(s).Get(lang, lang)
}

// translated reports whether after keeps every text that before gave
// readers, so that only translations were added: plain text that became
// the same text in the site's first language next to others, or a new
// language next to those written. Space around a text does not count.
func (h histChecker) translated(before, after string) bool {
	b, a := texts(before), texts(after)
	lang := ""
	if h.cfg != nil && len(h.cfg.Languages) > 0 {
		lang = h.cfg.DefaultLanguage()
	}
	for code, old := range b {
		now, ok := a[code]
		if !ok {
			if code == "" {
				now, ok = a[lang]
			} else {
				now, ok = a[""]
			}
		}
		if !ok || strings.TrimSpace(now) != strings.TrimSpace(old) {
			return false
		}
	}
	return true
}

// at returns the position of the current file's update at t; for an
// update no longer there, of the first update after t (where it stood),
// else of the last; else of updates:.
func (h histChecker) at(t time.Time) diag.Position {
	current := h.rec.Snapshots[0].Updates
	for _, u := range current {
		if u.At.Equal(t) && u.Pos.File != "" {
			return u.Pos
		}
	}
	for _, u := range current {
		if u.At.After(t) && u.Pos.File != "" {
			return u.Pos
		}
	}
	if n := len(current); n > 0 && current[n-1].Pos.File != "" {
		return current[n-1].Pos
	}
	if h.rec.Pos != nil && h.rec.Pos.Has("updates") {
		return h.rec.Pos.Key("updates")
	}
	return diag.Position{File: h.rec.File, Line: 1, Col: 1}
}

// time writes t in the site's time zone.
func (h histChecker) time(t time.Time) string {
	if h.cfg != nil && h.cfg.Location != nil {
		t = t.In(h.cfg.Location)
	}
	return t.Format("2006-01-02 15:04 MST")
}

// commit names a revision's commit: hash, author, time and subject.
func (h histChecker) commit(r history.Revision) string {
	return fmt.Sprintf("commit %s (%s, %s, %q)", short(r.Hash), r.Author, h.time(r.AuthorTime), r.Subject)
}

func short(hash string) string { return hash[:min(12, len(hash))] }

// offText says how an update's time lies from its commit's: off is the
// update's time minus the commit's.
func offText(off time.Duration) string {
	if off < 0 {
		return span(-off) + " before"
	}
	return span(off) + " after"
}

// span writes d for a reader: "3 days", "5 h 20 min", "45 min".
func span(d time.Duration) string {
	d = d.Round(time.Minute)
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
	case d >= time.Hour:
		if m := int(d%time.Hour) / int(time.Minute); m != 0 {
			return fmt.Sprintf("%d h %d min", int(d/time.Hour), m)
		}
		return fmt.Sprintf("%d h", int(d/time.Hour))
	}
	return fmt.Sprintf("%d min", int(d/time.Minute))
}

// changedPart quotes where two messages differ, with a little of what
// comes before: "…partner's disk failed" → "…partner's network failed".
func changedPart(a, b string) (string, string) {
	ra := []rune(strings.Join(strings.Fields(a), " "))
	rb := []rune(strings.Join(strings.Fields(b), " "))
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	const context = 12
	if i <= context {
		return brief(string(ra)), brief(string(rb))
	}
	start := i - context
	for n := 0; start > 0 && ra[start-1] != ' ' && n < context; n++ {
		start-- // back to the start of the word
	}
	return brief("…" + string(ra[start:])), brief("…" + string(rb[start:]))
}

// brief quotes the start of a message: enough to recognise it.
func brief(s string) string {
	const max = 40
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)[:max]
		if i := strings.LastIndexByte(string(r), ' '); i > len(string(r))-16 {
			r = []rune(string(r)[:i]) // end at a word
		}
		s = strings.TrimSpace(string(r)) + "…"
	}
	return fmt.Sprintf("%q", s)
}

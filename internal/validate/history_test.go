package validate_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/history"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/validate"
)

// TestHistory checks the warnings that compare a record's updates with
// the commits of its file, in Brussels' time, on versions written as
// they would be read from git.
func TestHistory(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &config.Config{Location: brussels, Languages: []string{"en", "nl"}}
	const file = "content/incidents/2025/2025-02-18-db.md"
	t0 := time.Date(2025, 2, 18, 9, 0, 0, 0, brussels)
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	rev := func(hash string, m int, subject string) *history.Revision {
		return &history.Revision{Commit: &history.Commit{Hash: hash + "0123456789abcdef", Author: "An Janssens", AuthorTime: at(m), CommitTime: at(m), Subject: subject}, Kind: history.Modified, Path: file}
	}
	// up is an update at minute m; in the newest snapshot it stands at
	// line 10+2i of the file.
	up := func(i, m int, msg string) history.Update {
		return history.Update{At: at(m), Message: msg, Pos: diag.Position{File: file, Line: 10 + 2*i, Col: 5}}
	}
	c1, c2, c3 := rev("c1", 5, "Register the outage"), rev("c2", 30, "Post an update"), rev("c3", 24*60, "Tidy up")
	tests := []struct {
		name     string
		snaps    []history.Snapshot
		internal []int // snapshots whose record was internal
		// since is History's: changes committed before it are not
		// reported.
		since time.Time
		want  []string
	}{{
		name: "updates committed within minutes, a typo fixed in the work tree before it was committed",
		snaps: []history.Snapshot{
			{Updates: []history.Update{up(0, 0, "We investigate."), up(1, 25, "Fixed.")}},
			{Rev: c2, Updates: []history.Update{up(0, 0, "We investigate."), up(1, 25, "Fixd.")}},
			{Rev: c1, Updates: []history.Update{up(0, 0, "We investigate.")}},
		},
		want: []string{
			file + ":12:5: warning: the message of the update of 2025-02-18 09:25 CET was published in commit c20123456789 (An Janssens, 2025-02-18 09:30 CET, \"Post an update\") and changed in the work tree: customers read the old words, and the chronology is meant to be append-only; keep them, and add an update that corrects them (\"Fixd.\" → \"Fixed.\")",
		},
	}, {
		name: "one update committed a day late",
		snaps: []history.Snapshot{
			{Rev: c3, Updates: []history.Update{up(0, 0, "a"), up(1, 20, "b")}},
			{Rev: c1, Updates: []history.Update{up(0, 0, "a")}},
		},
		want: []string{
			file + ":12:5: warning: this update is dated 2025-02-18 09:20 CET, 23 h 40 min before the commit that first published it, commit c30123456789 (An Janssens, 2025-02-19 09:00 CET, \"Tidy up\"): an update is committed within minutes of its time; check it (backdated, or written late?) and correct the time if it is wrong",
		},
	}, {
		name: "several updates far from their commits: one warning, at the first",
		snaps: []history.Snapshot{
			{Rev: c3, Updates: []history.Update{up(0, 0, "a"), up(1, 20, "b"), up(2, 3000, "ahead")}},
			{Rev: c2, Updates: []history.Update{up(0, 0, "a"), up(1, 3000, "ahead")}},
			{Rev: c1, Updates: []history.Update{up(0, 0, "a")}},
		},
		want: []string{
			file + ":12:5: warning: 2 updates of this record are dated far from the commits that first published them: 2025-02-18 09:20 CET (23 h 40 min before c30123456789), 2025-02-20 11:00 CET (2 days after c20123456789); an update is committed within minutes of its time: check them (backdated, or written late?) and correct the times that are wrong",
		},
	}, {
		name: "a record written after the fact",
		snaps: []history.Snapshot{
			{Rev: c3, Updates: []history.Update{up(0, 0, "a"), up(1, 20, "b"), up(2, 40, "c")}},
		},
		want: []string{
			file + ":10:5: warning: this record was written after the fact: its 3 updates (2025-02-18 09:00 CET to 2025-02-18 09:40 CET) were first committed 23 h 20 min after the last of them, in commit c30123456789 (An Janssens, 2025-02-19 09:00 CET, \"Tidy up\"): the logbook cannot tell when customers read each; nothing to correct if that is how it was, else check the times",
		},
	}, {
		name: "a published update removed",
		snaps: []history.Snapshot{
			{Rev: c2, Updates: []history.Update{up(0, 0, "a"), up(1, 20, "b")}},
			{Rev: c1, Updates: []history.Update{up(0, 0, "a"), up(1, 3, "The database is down since the upgrade of last night.")}},
		},
		want: []string{
			file + ":12:5: warning: the update of 2025-02-18 09:03 CET was published in commit c10123456789 (An Janssens, 2025-02-18 09:05 CET, \"Register the outage\") and removed in commit c20123456789 (An Janssens, 2025-02-18 09:30 CET, \"Post an update\"): customers read it, and the chronology is meant to be append-only; keep it, and add an update that corrects it (\"The database is down since the upgrade…\")",
		},
	}, {
		name: "a published update's time changed: one warning at it, and its new time drifts from the commit that changed it",
		snaps: []history.Snapshot{
			{Rev: c3, Updates: []history.Update{up(0, 0, "a"), up(1, 600, "b")}},
			{Rev: c2, Updates: []history.Update{up(0, 0, "a"), up(1, 20, "b")}},
			{Rev: c1, Updates: []history.Update{up(0, 0, "a")}},
		},
		want: []string{
			file + ":12:5: warning: this update is dated 2025-02-18 19:00 CET, 14 h before the commit that first published it, commit c30123456789 (An Janssens, 2025-02-19 09:00 CET, \"Tidy up\"): an update is committed within minutes of its time; check it (backdated, or written late?) and correct the time if it is wrong",
			file + ":12:5: warning: the time of the update published in commit c20123456789 (An Janssens, 2025-02-18 09:30 CET, \"Post an update\") at 2025-02-18 09:20 CET was changed to 2025-02-18 19:00 CET in commit c30123456789 (An Janssens, 2025-02-19 09:00 CET, \"Tidy up\"): customers read it at the old time, and the chronology is meant to be append-only; keep it, and add an update that corrects it (\"b\")",
		},
	}, {
		name: "words changed while the record was internal are no rewrite; its first public version publishes them",
		snaps: []history.Snapshot{
			{Rev: c2, Updates: []history.Update{up(0, 0, "We are investigating.")}},
			{Rev: c1, Updates: []history.Update{up(0, 0, "Ops: db01 is down, paging Bram.")}},
		},
		internal: []int{1},
	}, {
		name: "a translation added next to the words customers read is no rewrite; a changed one is",
		snaps: []history.Snapshot{
			{Rev: c3, Updates: []history.Update{up(0, 0, validate.MessageText(l10n.Text{"en": "Down.", "nl": "Er is een storing."}))}},
			{Rev: c2, Updates: []history.Update{up(0, 0, validate.MessageText(l10n.Text{"en": "Down.", "nl": "Storing."}))}},
			{Rev: c1, Updates: []history.Update{up(0, 0, "Down.")}},
		},
		want: []string{
			file + ":10:5: warning: the message of the update of 2025-02-18 09:00 CET was published in commit c20123456789 (An Janssens, 2025-02-18 09:30 CET, \"Post an update\") and changed in commit c30123456789 (An Janssens, 2025-02-19 09:00 CET, \"Tidy up\"): customers read the old words, and the chronology is meant to be append-only; keep them, and add an update that corrects them (\"Down.\" → \"Down.\")",
		},
	}, {
		name:  "a late update and a rewrite committed before since are past: the logbook keeps them, validate is quiet",
		since: at(24*60 + 1),
		snaps: []history.Snapshot{
			{Rev: c3, Updates: []history.Update{up(0, 0, "Down!"), up(1, 20, "b")}},
			{Rev: c1, Updates: []history.Update{up(0, 0, "Down.")}},
		},
	}, {
		name:  "since does not hide the work tree nor a commit made after it",
		since: at(24 * 60),
		snaps: []history.Snapshot{
			{Updates: []history.Update{up(0, 0, "Up."), up(1, 20, "b")}},
			{Rev: c3, Updates: []history.Update{up(0, 0, "Down!"), up(1, 20, "b")}},
			{Rev: c1, Updates: []history.Update{up(0, 0, "Down.")}},
		},
		want: []string{
			file + ":10:5: warning: the message of the update of 2025-02-18 09:00 CET was published in commit c30123456789 (An Janssens, 2025-02-19 09:00 CET, \"Tidy up\") and changed in the work tree: customers read the old words, and the chronology is meant to be append-only; keep them, and add an update that corrects them (\"Down!\" → \"Up.\")",
			file + ":10:5: warning: the message of the update of 2025-02-18 09:00 CET was published in commit c10123456789 (An Janssens, 2025-02-18 09:05 CET, \"Register the outage\") and changed in commit c30123456789 (An Janssens, 2025-02-19 09:00 CET, \"Tidy up\"): customers read the old words, and the chronology is meant to be append-only; keep them, and add an update that corrects them (\"Down.\" → \"Down!\")",
			file + ":12:5: warning: this update is dated 2025-02-18 09:20 CET, 23 h 40 min before the commit that first published it, commit c30123456789 (An Janssens, 2025-02-19 09:00 CET, \"Tidy up\"): an update is committed within minutes of its time; check it (backdated, or written late?) and correct the time if it is wrong",
		},
	}, {
		name: "long messages are quoted from where they differ",
		snaps: []history.Snapshot{
			{Rev: c2, Updates: []history.Update{up(0, 0, "A storage node of our hosting partner failed at night; the network is fine.")}},
			{Rev: c1, Updates: []history.Update{up(0, 0, "A storage node of our hosting partner failed at night; the disks are fine.")}},
		},
		want: []string{
			file + ":10:5: warning: the message of the update of 2025-02-18 09:00 CET was published in commit c10123456789 (An Janssens, 2025-02-18 09:05 CET, \"Register the outage\") and changed in commit c20123456789 (An Janssens, 2025-02-18 09:30 CET, \"Post an update\"): customers read the old words, and the chronology is meant to be append-only; keep them, and add an update that corrects them (\"…at night; the disks are fine.\" → \"…at night; the network is fine.\")",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			public := make([]bool, len(tt.snaps))
			for i := range public {
				public[i] = true
			}
			for _, i := range tt.internal {
				public[i] = false
			}
			diags := validate.History(cfg, []validate.Versions{{File: file, Snapshots: tt.snaps, Public: public}}, history.DefaultDriftLimit, tt.since)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			// Order is the printer's business (diag sorts by position).
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.want))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

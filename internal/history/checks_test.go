package history_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/incidentsite/incidentsite/internal/history"
)

// rev is a revision of commit name written at author time at.
func rev(name string, at time.Time) *history.Revision {
	return &history.Revision{Commit: &history.Commit{Hash: name, Subject: name, AuthorTime: at}, Kind: history.Modified}
}

// ups are updates at t0 plus the given minutes, each with its message
// ("30=text").
func ups(specs ...string) []history.Update {
	var out []history.Update
	for _, s := range specs {
		min, msg, _ := strings.Cut(s, "=")
		var m int
		fmt.Sscan(min, &m)
		out = append(out, history.Update{At: t0.Add(time.Duration(m) * time.Minute), Message: msg})
	}
	return out
}

func TestDrifts(t *testing.T) {
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	boundary := rev("shallow", at(0))
	boundary.Boundary = true
	tests := []struct {
		name  string
		snaps []history.Snapshot // newest first
		want  []string           // "minutes of the update: commit, offset"
	}{{
		name: "updates committed within minutes",
		snaps: []history.Snapshot{
			{Rev: rev("c2", at(25)), Updates: ups("0=a", "20=b")},
			{Rev: rev("c1", at(5)), Updates: ups("0=a")},
		},
	}, {
		name: "an update committed a day late, one written ahead, one just inside the limit",
		snaps: []history.Snapshot{
			{Rev: rev("c3", at(24*60)), Updates: ups("0=a", "60=late", "1380=inside", "1800=ahead")},
			{Rev: rev("c2", at(120)), Updates: ups("0=a", "1800=ahead")},
			{Rev: rev("c1", at(10)), Updates: ups("0=a")},
		},
		want: []string{"60: c3, -23h0m0s", "1800: c2, 28h0m0s"},
	}, {
		name: "the commit that first held it counts, not a later edit of its message",
		snaps: []history.Snapshot{
			{Rev: rev("c2", at(600)), Updates: ups("0=a, reworded")},
			{Rev: rev("c1", at(10)), Updates: ups("0=a")},
		},
	}, {
		name: "an update whose time was changed is new at the commit that changed it",
		snaps: []history.Snapshot{
			{Rev: rev("c2", at(600)), Updates: ups("5=a")},
			{Rev: rev("c1", at(10)), Updates: ups("0=a")},
		},
		want: []string{"5: c2, -9h55m0s"},
	}, {
		name: "work tree and shallow boundary: no known publication",
		snaps: []history.Snapshot{
			{Updates: ups("0=a", "20=b", "900=new")},
			{Rev: rev("c2", at(25)), Updates: ups("0=a", "20=b")},
			{Rev: boundary, Updates: ups("0=a")},
		},
	}, {
		name: "two updates at the same time are told apart by their order",
		snaps: []history.Snapshot{
			{Rev: rev("c2", at(600)), Updates: ups("0=a", "0=b")},
			{Rev: rev("c1", at(10)), Updates: ups("0=a")},
		},
		want: []string{"0: c2, -10h0m0s"},
	}, {
		name: "no snapshot",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range history.Drifts(tt.snaps, history.DefaultDriftLimit) {
				got = append(got, fmt.Sprintf("%d: %s, %v", int(d.Update.At.Sub(t0)/time.Minute), d.Published.Hash, d.Off))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want, +got):\n%s", diff)
			}
		})
	}
}

func TestRewrites(t *testing.T) {
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	tests := []struct {
		name  string
		snaps []history.Snapshot // newest first
		want  []string           // "minutes: before -> after (published, changed)"
	}{{
		name: "appended updates and reformatted space are no rewrite",
		snaps: []history.Snapshot{
			{Rev: rev("c2", at(30)), Updates: ups("0=We look into it.\n", "20=Fixed.")},
			{Rev: rev("c1", at(5)), Updates: ups("0=We look into it.")},
		},
	}, {
		name: "a message changed twice: each change from the text it replaced",
		snaps: []history.Snapshot{
			{Rev: rev("c3", at(90)), Updates: ups("0=Database down (primary).", "20=Fixed.")},
			{Rev: rev("c2", at(60)), Updates: ups("0=Database down.", "20=Fixed.")},
			{Rev: rev("c1", at(5)), Updates: ups("0=We look into it.")},
		},
		want: []string{
			"0: We look into it. -> Database down. (c1, c2)",
			"0: Database down. -> Database down (primary). (c2, c3)",
		},
	}, {
		name: "a published update removed",
		snaps: []history.Snapshot{
			{Rev: rev("c3", at(90)), Updates: ups("20=Fixed.")},
			{Rev: rev("c2", at(60)), Updates: ups("0=Oops, wrong service.", "20=Fixed.")},
			{Rev: rev("c1", at(5)), Updates: ups("0=Oops, wrong service.")},
		},
		want: []string{"0: Oops, wrong service. -> removed (c1, c3)"},
	}, {
		name: "the work tree rewrites a committed message; its own new update is not published",
		snaps: []history.Snapshot{
			{Updates: ups("0=Reworded.", "20=Draft.")},
			{Rev: rev("c1", at(5)), Updates: ups("0=As published.")},
		},
		want: []string{"0: As published. -> Reworded. (c1, work tree)"},
	}, {
		name: "a message changed in the work tree before its first commit is no rewrite",
		snaps: []history.Snapshot{
			{Updates: ups("0=a", "20=edited draft")},
			{Rev: rev("c1", at(5)), Updates: ups("0=a")},
		},
	}, {
		name: "changed and changed back: two rewrites",
		snaps: []history.Snapshot{
			{Rev: rev("c3", at(90)), Updates: ups("0=a")},
			{Rev: rev("c2", at(60)), Updates: ups("0=b")},
			{Rev: rev("c1", at(5)), Updates: ups("0=a")},
		},
		want: []string{"0: a -> b (c1, c2)", "0: b -> a (c2, c3)"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range history.Rewrites(tt.snaps) {
				after, changed := r.After, "work tree"
				if r.Removed {
					after = "removed"
				}
				if r.Changed != nil {
					changed = r.Changed.Hash
				}
				got = append(got, fmt.Sprintf("%d: %s -> %s (%s, %s)", int(r.At.Sub(t0)/time.Minute), r.Before, after, r.Published.Hash, changed))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want, +got):\n%s", diff)
			}
		})
	}
}

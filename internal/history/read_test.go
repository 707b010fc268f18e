package history_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/google/go-cmp/cmp"

	"github.com/incidentsite/incidentsite/internal/history"
)

// TestVersions reads a moved record at each revision of its trail: each
// blob once, only when asked, and not at all for a deletion.
func TestVersions(t *testing.T) {
	repo, _, hashes := build(t, []step{
		{name: "c1", write: map[string]string{a: "v1"}},
		{name: "c2", write: map[string]string{a: "v2"}},
		{name: "c3", rm: []string{a}, write: map[string]string{a25: "v2"}}, // a move, same contents
		{name: "c4", write: map[string]string{a25: "v1"}},                  // back to the first text
	})
	h, _, err := history.Read(repo, hashes["c4"].String(), history.Options{Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	r := history.NewReader(repo, 0)
	reads := map[plumbing.Hash]int{}
	versions := history.Versions(h.Trail(a25), func(blob plumbing.Hash) ([]byte, error) {
		reads[blob]++
		return r.Read(blob)
	})
	if len(reads) != 0 {
		t.Fatalf("Versions read %d blobs before being asked", len(reads))
	}
	var got []string
	for range 2 {
		got = got[:0]
		for _, v := range versions {
			b, err := v.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, v.Subject+":"+string(b))
		}
	}
	if want := []string{"c4:v1", "c3:v2", "c2:v2", "c1:v1"}; !cmp.Equal(got, want) {
		t.Errorf("versions = %q, want %q", got, want)
	}
	for blob, n := range reads {
		if n != 1 {
			t.Errorf("blob %s read %d times, want once", blob, n)
		}
	}
	if len(reads) != 2 {
		t.Errorf("%d blobs read, want 2", len(reads))
	}
}

func TestReaderLimit(t *testing.T) {
	repo, _, hashes := build(t, []step{{name: "c1", write: map[string]string{a: "12345"}}})
	h, _, err := history.Read(repo, hashes["c1"].String(), history.Options{Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	blob := h.Blob(a)
	for _, tt := range []struct {
		limit int64
		err   error
	}{{5, nil}, {0, nil}, {4, history.ErrTooLarge}} {
		r := history.NewReader(repo, tt.limit)
		b, err := r.Read(blob)
		if !errors.Is(err, tt.err) || (err == nil && string(b) != "12345") {
			t.Errorf("limit %d: Read = %q, %v; want error %v", tt.limit, b, err, tt.err)
		}
	}
	r := history.NewReader(repo, 0)
	if _, err := r.Read(plumbing.NewHash(strings.Repeat("1", 40))); err == nil {
		t.Error("Read of a missing blob: no error")
	}
}

// TestRewritesFromHistory is the whole path the logbook takes: the trail
// of a record, its versions read from git, each parsed (here by a toy
// parser of "minutes=message" lines), and the rewrites between them.
func TestRewritesFromHistory(t *testing.T) {
	repo, _, hashes := build(t, []step{
		{name: "post the first update", write: map[string]string{a: "0=We are investigating.\n"}},
		{name: "move to 2025", rm: []string{a}, write: map[string]string{a25: "0=We are investigating.\n"}},
		{name: "post the second update", write: map[string]string{a25: "0=We are investigating.\n20=Fixed.\n"}},
		{name: "tidy the wording", write: map[string]string{a25: "0=We investigated a minor glitch.\n20=Fixed.\n"}},
	})
	h, _, err := history.Read(repo, hashes["tidy the wording"].String(), history.Options{Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	r := history.NewReader(repo, 0)
	var snaps []history.Snapshot
	for _, v := range history.Versions(h.Trail(a25), r.Read) {
		b, err := v.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		rev := v.Revision
		snaps = append(snaps, history.Snapshot{Rev: &rev, Updates: ups(strings.Split(strings.TrimSpace(string(b)), "\n")...)})
	}
	rw := history.Rewrites(snaps)
	if len(rw) != 1 {
		t.Fatalf("rewrites = %+v, want one", rw)
	}
	got := rw[0]
	if got.Before != "We are investigating." || got.After != "We investigated a minor glitch." ||
		got.Published.Subject != "post the first update" || got.Changed.Subject != "tidy the wording" {
		t.Errorf("rewrite = %q -> %q (%s, %s)", got.Before, got.After, got.Published.Subject, got.Changed.Subject)
	}
	// The commits are a minute apart: no update drifts.
	if d := history.Drifts(snaps, time.Hour); len(d) != 0 {
		t.Errorf("drifts = %+v", d)
	}
}

func TestSnapshots(t *testing.T) {
	repo, _, hashes := build(t, []step{
		{name: "c1", write: map[string]string{a: "0=one"}},
		{name: "c2", write: map[string]string{a: "broken"}},
		{name: "c3", write: map[string]string{a: "0=one\n20=two"}},
		{name: "c4", write: map[string]string{a: "0=one"}}, // the contents of c1 again
	})
	h, _, err := history.Read(repo, hashes["c4"].String(), history.Options{Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	r := history.NewReader(repo, 0)
	parses := 0
	parse := func(b []byte) ([]history.Update, error) {
		parses++
		if !strings.Contains(string(b), "=") {
			return nil, errors.New("not an update")
		}
		return ups(strings.Split(string(b), "\n")...), nil
	}
	describe := func(snaps []history.Snapshot) string {
		var s []string
		for _, sn := range snaps {
			name := "work"
			if sn.Rev != nil {
				name = sn.Rev.Subject
			}
			s = append(s, fmt.Sprintf("%s:%d", name, len(sn.Updates)))
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		work  string
		want  string
		calls int
	}{
		{"", "c4:1 c3:2 c1:1", 3},                    // no work tree; c2 does not parse; c1 is c4's contents
		{"0=one", "c4:1 c3:2 c1:1", 3},               // the work tree is c4
		{"0=one\n9=new", "work:2 c4:1 c3:2 c1:1", 4}, // it is not
		{"broken too", "c4:1 c3:2 c1:1", 4},          // it does not parse
	}
	for _, tt := range tests {
		parses = 0
		var work []byte
		if tt.work != "" {
			work = []byte(tt.work)
		}
		snaps, err := history.Snapshots(history.Versions(h.Trail(a), r.Read), work, parse)
		if err != nil {
			t.Fatal(err)
		}
		if got := describe(snaps); got != tt.want || parses != tt.calls {
			t.Errorf("work %q: snapshots %s after %d parses, want %s after %d", tt.work, got, parses, tt.want, tt.calls)
		}
	}
	if _, err := history.Snapshots(nil, []byte("broken"), parse); err == nil {
		t.Error("nothing parsed: no error")
	}
}

package content

import (
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// TestUnchanged: a file is taken as unchanged, and not read, only when
// its size, modification time and status change time are those it had
// when read, and those times were settled then. A file whose times were
// set back to the old ones (cp -p, rsync -a, tar) has a new status change
// time, and is read.
func TestUnchanged(t *testing.T) {
	cfg, d := config.Parse([]byte("title: T\nbase_url: https://status.example.org/\nlanguages: [en]\ntimezone: Europe/Brussels\nservices:\n  - {id: api, name: API}\n"))
	if cfg == nil {
		t.Fatal(d)
	}
	read := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	mod, change := read.Add(-time.Hour), read.Add(-30*time.Minute)
	listed := source.File{Path: "content/incidents/a.md", Size: 100, ModTime: mod, Change: change}
	// The entry the memo keeps after reading listed at read.
	_, _, kept := (&reuse{}).parse(vocab.KindIncident, listed, []byte("---\ntitle: A\n---\n"), cfg, read)
	if !kept.settled {
		t.Fatal("a file changed half an hour before it was read is not settled")
	}
	r := &reuse{prev: map[string]*memoEntry{listed.Path: kept}}

	tests := []struct {
		name string
		f    func(f *source.File)
		want bool
	}{
		{"the same listing", func(*source.File) {}, true},
		{"another size", func(f *source.File) { f.Size++ }, false},
		{"another modification time", func(f *source.File) { f.ModTime = f.ModTime.Add(time.Nanosecond) }, false},
		{"times set back: another status change", func(f *source.File) { f.Change = read.Add(time.Minute) }, false},
		{"no time (a git tree)", func(f *source.File) { f.ModTime, f.Change = time.Time{}, time.Time{} }, false},
		{"another file", func(f *source.File) { f.Path = "content/incidents/b.md" }, false},
	}
	for _, tt := range tests {
		f := listed
		tt.f(&f)
		if got := r.unchanged(vocab.KindIncident, f, cfg) != nil; got != tt.want {
			t.Errorf("%s: unchanged %v, want %v", tt.name, got, tt.want)
		}
	}
	if r.unchanged(vocab.KindRCA, listed, cfg) != nil {
		t.Error("read as another kind: unchanged")
	}

	// A status change within the settling time of the read makes the
	// entry unsettled, however old the modification time.
	recent := listed
	recent.Change = read.Add(-time.Second)
	if _, _, e := (&reuse{}).parse(vocab.KindIncident, recent, []byte("---\ntitle: A\n---\n"), cfg, read); e.settled {
		t.Error("a file whose status changed a second before it was read is settled")
	}
}

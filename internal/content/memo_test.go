package content_test

import (
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// memoSite is the site of TestLoad with files whose parse has
// diagnostics: a key misspelt (an error with a record), front matter
// never closed (no record), a warning of the body's character
// references.
func memoSite() fstest.MapFS {
	fsys := testutil.SiteFS(site)
	add := func(name, text string) { fsys[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644} }
	add("content/incidents/2025/2025-03-01-typo.md", "---\ntitle: A typo\nsevrity: major\ndetected: 2025-03-01 10:00\n---\n\n## Impact\nNone.\n")
	add("content/incidents/2025/2025-03-02-open.md", "---\ntitle: Never closed\n")
	add("content/incidents/2025/2025-03-03-charref.md", "---\ntitle: Char refs\nupdates:\n  - at: 2025-03-03T10:00:00+01:00\n    status: investigating\n    message: a &#x202E; b\n---\n\n## Impact\nx &#x200B; y\n")
	return fsys
}

// loadBoth loads fsys with m and without a memo, fails the test unless
// both give the same records and diagnostics, and returns m's.
func loadBoth(t *testing.T, m *content.Memo, fsys fstest.MapFS, cfg *config.Config) (*content.Set, diag.List) {
	t.Helper()
	set, d := m.Load(fsys, cfg)
	want, wantDiags := content.Load(fsys, cfg)
	if !reflect.DeepEqual(set, want) {
		t.Errorf("the records loaded with the memo differ from those loaded without:\n%s", cmp.Diff(want, set, cmp.Exporter(func(reflect.Type) bool { return true })))
	}
	if !reflect.DeepEqual(d, wantDiags) {
		t.Errorf("the diagnostics with the memo differ from those without (-without +with):\n%s", cmp.Diff(lines(wantDiags), lines(d)))
	}
	return set, d
}

// records returns every record of set by file: its Doc, which is the
// record's own.
func records(set *content.Set) map[string]*content.Doc {
	out := map[string]*content.Doc{}
	for _, d := range set.Docs() {
		out[d.File] = d
	}
	return out
}

// TestMemoReuses checks that a second Load with a Memo gives each
// record parsed before again, the same value, with the same
// diagnostics, and that both Loads give what Load gives without one.
func TestMemoReuses(t *testing.T) {
	cfg := minimalConfig(t)
	fsys := memoSite()
	m := content.NewMemo()
	first, d1 := loadBoth(t, m, fsys, cfg)
	if !d1.HasErrors() || len(first.Incidents) != 5 {
		t.Fatalf("the fixture should load 5 incidents with errors: %d incidents, %v", len(first.Incidents), d1)
	}
	second, d2 := loadBoth(t, m, fsys, cfg)
	if !reflect.DeepEqual(d1, d2) {
		t.Errorf("diagnostics differ between the two Loads:\n%s", cmp.Diff(lines(d1), lines(d2)))
	}
	before := records(first)
	for file, r := range records(second) {
		if before[file] != r {
			t.Errorf("%s was parsed again: the memo should give the record of the Load before", file)
		}
	}
}

// TestMemoNotStale checks that the Memo never gives a record parsed from
// other input: a changed file, a changed limits.max_depth or time zone
// is parsed again, and a file removed is forgotten.
func TestMemoNotStale(t *testing.T) {
	const (
		changed   = "content/incidents/2025/2025-02-18-assetexplorer-down.md"
		unchanged = "content/rcas/2025-02-18-assetexplorer-down.md"
		removed   = "content/incidents/2024/2024-12-01-older.md"
	)
	base := minimalConfig(t)
	brussels := base.Location
	utc := *base
	utc.Location = time.UTC
	shallow := *base
	shallow.Limits.MaxDepth = 2 // updates: [{at: …}] is three deep
	again := *base
	again.Location = mustLocation(t, "Europe/Brussels") // the same zone, loaded anew
	if again.Location == brussels {
		t.Fatal("time.LoadLocation gave the same value twice; the test needs two")
	}
	edit := func(fsys fstest.MapFS) {
		fsys[changed] = &fstest.MapFile{Data: []byte("---\ntitle: Edited\ncategory: availability\nseverity: minor\ndetected: 2025-02-18 09:05\n---\n"), Mode: 0o644}
	}

	for _, tc := range []struct {
		name string
		// change changes the site or the configuration between the two
		// Loads.
		change func(fsys fstest.MapFS) *config.Config
		// reparsed are the files parsed again; the others must be reused.
		reparsed []string
		// changes is what the memo's Changes says after the second
		// Load; -1 for every file.
		changes int
	}{
		{"nothing changed", func(fstest.MapFS) *config.Config { return base }, nil, 0},
		{"a file changed", func(fsys fstest.MapFS) *config.Config { edit(fsys); return base }, []string{changed}, 1},
		{"a file removed", func(fsys fstest.MapFS) *config.Config { delete(fsys, removed); return base }, nil, 1},
		{"a file renamed", func(fsys fstest.MapFS) *config.Config {
			fsys["content/incidents/2024/2024-12-01-renamed.md"] = fsys[removed]
			delete(fsys, removed)
			return base
		}, []string{"content/incidents/2024/2024-12-01-renamed.md"}, 2},
		{"the time zone changed", func(fstest.MapFS) *config.Config { return &utc }, []string{"*"}, -1},
		{"the time zone loaded again", func(fstest.MapFS) *config.Config { return &again }, nil, 0},
		{"max_depth changed", func(fstest.MapFS) *config.Config { return &shallow }, []string{"*"}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := memoSite()
			m := content.NewMemo()
			first, _ := loadBoth(t, m, fsys, base)
			cfg := tc.change(fsys)
			second, _ := loadBoth(t, m, fsys, cfg)
			before, after := records(first), records(second)
			if want := tc.changes; m.Changes() != want && (want != -1 || m.Changes() != m.Len()) {
				t.Errorf("Changes() = %d of %d, want %d", m.Changes(), m.Len(), want)
			}
			for file, r := range after {
				want := "reused"
				if len(tc.reparsed) > 0 && tc.reparsed[0] == "*" || slices.Contains(tc.reparsed, file) {
					want = "parsed again"
				}
				if got := map[bool]string{true: "reused", false: "parsed again"}[before[file] == r]; got != want {
					t.Errorf("%s was %s, want %s", file, got, want)
				}
			}
			if _, ok := fsys[removed]; !ok {
				if _, ok := after[removed]; ok {
					t.Errorf("%s was removed but is still loaded", removed)
				}
				// Put back as it was, the file is parsed again: the
				// memo forgot it.
				fsys[removed] = memoSite()[removed]
				third, _ := loadBoth(t, m, fsys, cfg)
				if r := records(third)[removed]; r == nil || r == before[removed] {
					t.Errorf("%s put back: reused the record of a Load before the file was removed", removed)
				}
				if m.Changes() != 1 {
					t.Errorf("%s put back: Changes() = %d, want 1", removed, m.Changes())
				}
			}
			if r := records(second)[unchanged]; r == nil {
				t.Errorf("%s is missing", unchanged)
			}
		})
	}
	// The values themselves, beyond the comparison with a Load without
	// a memo: the time zone applies to a time written without offset.
	fsys := memoSite()
	m := content.NewMemo()
	m.Load(fsys, base)
	set, _ := m.Load(fsys, &utc)
	for _, inc := range set.Incidents {
		if inc.File == changed && !inc.Acknowledged.Equal(time.Date(2025, 2, 18, 9, 12, 0, 0, time.UTC)) {
			t.Errorf("acknowledged: %v, want 09:12 UTC once the time zone is UTC", inc.Acknowledged)
		}
	}
	_, d := m.Load(fsys, &shallow)
	if !slices.ContainsFunc(d, func(x diag.Diagnostic) bool { return x.Rule == "yaml-depth" }) {
		t.Errorf("max_depth 2: want an error about nesting, got %v", lines(d))
	}
}

// TestMemoNil checks that a nil Memo loads as Load.
func TestMemoNil(t *testing.T) {
	cfg := minimalConfig(t)
	var m *content.Memo
	loadBoth(t, m, memoSite(), cfg)
}

// TestMemoConcurrent runs Loads with one Memo at once (go test -race
// checks the Memo's locking); each must give what Load gives.
func TestMemoConcurrent(t *testing.T) {
	cfg := minimalConfig(t)
	m := content.NewMemo()
	sites := []fstest.MapFS{memoSite(), memoSite()}
	delete(sites[1], "content/incidents/2024/2024-12-01-older.md")
	want := make([]*content.Set, len(sites))
	for i, fsys := range sites {
		want[i], _ = content.Load(fsys, cfg)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 5 {
				set, _ := m.Load(sites[i%2], cfg)
				if !reflect.DeepEqual(set, want[i%2]) {
					t.Errorf("site %d: the records loaded with the memo differ from those loaded without", i%2)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestParseReadsOnlyMemoKey checks that Parse reads no setting of the
// configuration besides those the Memo compares (limits.max_depth and
// the time zone): with only these set, every file of the fixture parses
// as with the whole configuration. A new setting Parse reads fails this
// test until it joins the Memo's key (memoKey) and this configuration.
func TestParseReadsOnlyMemoKey(t *testing.T) {
	full := minimalConfig(t)
	only := &config.Config{Limits: config.Limits{MaxDepth: full.Limits.MaxDepth}, Location: full.Location}
	for name, f := range memoSite() {
		kind, ok := kindOf(name)
		if !ok {
			continue
		}
		r1, d1 := content.Parse(kind, name, f.Data, full)
		r2, d2 := content.Parse(kind, name, f.Data, only)
		if !reflect.DeepEqual(r1, r2) || !reflect.DeepEqual(d1, d2) {
			t.Errorf("%s: Parse reads more of the configuration than limits.max_depth and the time zone", name)
		}
	}
}

// kindOf returns the kind of records in the folder of name.
func kindOf(name string) (vocab.Kind, bool) {
	for _, k := range vocab.Kinds {
		if strings.HasPrefix(name, content.Folder(k)+"/") {
			return k, true
		}
	}
	return "", false
}

func mustLocation(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// countingFS counts the opens of each file of a MapFS.
type countingFS struct {
	fstest.MapFS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	if f := c.MapFS[name]; f != nil && !f.Mode.IsDir() {
		c.opens[name]++
	}
	c.mu.Unlock()
	return c.MapFS.Open(name)
}

// reset returns the opens of Markdown files counted, and starts again.
func (c *countingFS) reset() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	got := map[string]int{}
	for name, n := range c.opens {
		if strings.HasSuffix(name, ".md") {
			got[name] = n
		}
	}
	c.opens = map[string]int{}
	return got
}

// TestMemoUnchangedNotRead: a file listed with the size and time it had
// when it was read, a time settled then, is not read again; a file whose
// time or size changed is, and so is one written in the instant it was
// read (git's racily clean file), which may hold other bytes of the same
// size under the same time. A file listed without a time is always read.
func TestMemoUnchangedNotRead(t *testing.T) {
	cfg := minimalConfig(t)
	old := time.Now().Add(-time.Hour)
	fsys := &countingFS{MapFS: memoSite(), opens: map[string]int{}}
	content.Load(fsys, cfg) // to learn which files are records' and read
	var mds []string
	for name := range fsys.reset() {
		fsys.MapFS[name].ModTime = old
		mds = append(mds, name)
	}
	slices.Sort(mds)
	edited, racy, timeless := mds[0], mds[1], mds[2]
	fsys.MapFS[racy].ModTime = time.Now()
	fsys.MapFS[timeless].ModTime = time.Time{}

	m := content.NewMemo()
	first, _ := m.Load(fsys, cfg)
	if got := fsys.reset(); len(got) != len(mds) {
		t.Fatalf("the first Load read %d files of %d", len(got), len(mds))
	}

	second, _ := m.Load(fsys, cfg)
	if got := fsys.reset(); !reflect.DeepEqual(got, map[string]int{racy: 1, timeless: 1}) {
		t.Errorf("nothing changed: read %v, want only %s (racy) and %s (no time)", got, racy, timeless)
	}
	if a, b := records(first), records(second); a[mds[3]] != b[mds[3]] {
		t.Errorf("%s: a new record for an unchanged file", mds[3])
	}

	// The racy file, rewritten with bytes of the same size under the
	// same time, and the edited one, with a new time: both read again.
	swap := func(b []byte) []byte {
		b = slices.Clone(b)
		i := strings.Index(string(b), "title: ") + len("title: ")
		b[i] ^= 0x20 // a letter's case
		return b
	}
	fsys.MapFS[racy].Data = swap(fsys.MapFS[racy].Data)
	fsys.MapFS[edited].Data = append(slices.Clone(fsys.MapFS[edited].Data), "\nEdited.\n"...)
	fsys.MapFS[edited].ModTime = old.Add(time.Minute)
	loadBoth(t, m, fsys.MapFS, cfg)
	fsys.reset()
	fourth, _ := m.Load(fsys, cfg)
	if got := fsys.reset(); got[edited] != 0 || got[racy] != 1 {
		t.Errorf("after the edits: read %v; the edited file, settled, need not be read, the racy one must", got)
	}
	want, _ := content.Load(fsys.MapFS, cfg)
	if !reflect.DeepEqual(fourth, want) {
		t.Error("after the edits the memo gives other records than a Load without it")
	}

	// Another time zone: every file parsed again, settled or not.
	cfg2 := minimalConfig(t)
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	cfg2.Location = loc
	fifth, _ := m.Load(fsys, cfg2)
	if got := fsys.reset(); len(got) != len(mds) {
		t.Errorf("another time zone: read %d files of %d", len(got), len(mds))
	}
	if a, b := records(fourth), records(fifth); a[mds[3]] == b[mds[3]] {
		t.Errorf("%s: the record of the other time zone was kept", mds[3])
	}
}

// settledSite returns memoSite, its files written an hour ago, with its
// configuration and the encoding of a memo that loaded it once (as a run
// leaves it in the cache), its reads counted from then on.
func settledSite(t *testing.T) (*countingFS, *config.Config, []byte) {
	t.Helper()
	cfg := minimalConfig(t)
	fsys := &countingFS{MapFS: memoSite(), opens: map[string]int{}}
	for name, f := range fsys.MapFS {
		if strings.HasSuffix(name, ".md") {
			f.ModTime = time.Now().Add(-time.Hour)
		}
	}
	m := content.NewMemo()
	m.Load(fsys, cfg)
	if got := fsys.reset(); len(got) == 0 {
		t.Fatal("the first Load read nothing")
	}
	return fsys, cfg, m.Encode(cfg)
}

// TestDecodedMemoNotRead: a memo encoded by one run and decoded by the
// next (the cache folder) spares the next run reading its unchanged
// files, and gives the records a Load without it gives.
func TestDecodedMemoNotRead(t *testing.T) {
	fsys, cfg, encoded := settledSite(t)
	next, err := content.DecodeMemo(encoded, cfg)
	if err != nil {
		t.Fatal(err)
	}
	set, diags := next.Load(fsys, cfg)
	if got := fsys.reset(); len(got) != 0 {
		t.Errorf("the Load with the decoded memo read %v, want nothing", got)
	}
	want, wantDiags := content.Load(fsys.MapFS, cfg)
	if !reflect.DeepEqual(set, want) || !reflect.DeepEqual(diags, wantDiags) {
		t.Error("the decoded memo gives other records or diagnostics than a Load without it")
	}
}

// TestMemoSeed: a memo that holds nothing yet takes the records of one
// decoded from the cache, and its first Load reads nothing unchanged; a
// memo that holds records keeps its own.
func TestMemoSeed(t *testing.T) {
	fsys, cfg, encoded := settledSite(t)
	decoded, err := content.DecodeMemo(encoded, cfg)
	if err != nil {
		t.Fatal(err)
	}

	m := content.NewMemo()
	if m.Len() != 0 {
		t.Error("a new memo is not empty")
	}
	m.Seed(nil)
	m.Seed(decoded)
	if m.Len() == 0 {
		t.Fatal("the seeded memo is empty")
	}
	set, _ := m.Load(fsys, cfg)
	if got := fsys.reset(); len(got) != 0 {
		t.Errorf("the first Load of a seeded memo read %v, want nothing", got)
	}
	if want, _ := content.Load(fsys.MapFS, cfg); !reflect.DeepEqual(set, want) {
		t.Error("the seeded memo gives other records than a Load without it")
	}

	// Seeding a memo that holds records changes nothing: its records
	// are not those of another decoding.
	other, err := content.DecodeMemo(encoded, cfg)
	if err != nil {
		t.Fatal(err)
	}
	before := records(set)
	m.Seed(other)
	again, _ := m.Load(fsys, cfg)
	for file, r := range records(again) {
		if before[file] != r {
			t.Errorf("%s: parsed again after a Seed of a memo that held it", file)
		}
	}
}

// TestMemoClock: a file written a moment before it is read is not
// settled by the wall clock, and is read again at the next Load; with a
// clock a minute ahead (Memo.SetClock) it is settled, and is not.
func TestMemoClock(t *testing.T) {
	cfg := minimalConfig(t)
	for _, c := range []struct {
		name      string
		clock     func() time.Time
		readAgain bool
	}{
		{"the wall clock", nil, true},
		{"a minute ahead", func() time.Time { return time.Now().Add(time.Minute) }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := &countingFS{MapFS: memoSite(), opens: map[string]int{}}
			for name, f := range fsys.MapFS {
				if strings.HasSuffix(name, ".md") {
					f.ModTime = time.Now()
				}
			}
			m := content.NewMemo()
			m.SetClock(c.clock)
			loadBoth(t, m, fsys.MapFS, cfg)
			fsys.reset()
			m.Load(fsys, cfg)
			if got := len(fsys.reset()) != 0; got != c.readAgain {
				t.Errorf("files read again: %v, want %v", got, c.readAgain)
			}
		})
	}
}

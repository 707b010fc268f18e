package project_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/incidentsite/incidentsite/internal/cache"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/logbook"
	"github.com/incidentsite/incidentsite/internal/output"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/site"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// copySite copies the example site (its configuration and records) into
// a new folder, commits it, and returns the folder.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"incidentsite.yaml", "content"} {
		err := filepath.WalkDir(filepath.Join("../..", name), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel("../..", p)
			if err != nil {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			to := filepath.Join(dir, rel)
			if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
				return err
			}
			return os.WriteFile(to, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	commit(t, dir, "the example site")
	return dir
}

func commit(t *testing.T, dir, msg string) {
	t.Helper()
	if _, err := testutil.CommitDir(dir, msg, "An Janssens", "an@example.org", exampleNow.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
}

// render renders both sites of p as package build does, into memory.
func render(t *testing.T, p *project.Project) map[string][]byte {
	t.Helper()
	if p.Model == nil {
		return nil
	}
	files := map[string][]byte{}
	pub, lb := output.NewMemory(), output.NewMemory()
	if err := site.Render(projection.Public(p.Model), p.Theme, pub); err != nil {
		t.Fatal(err)
	}
	if err := logbook.Render(p.Model, p.Theme, lb); err != nil {
		t.Fatal(err)
	}
	for name, data := range pub.Files() {
		files["public/"+name] = data
	}
	for name, data := range lb.Files() {
		files["logbook/"+name] = data
	}
	return files
}

func check(t *testing.T, opts project.Options) *project.Project {
	t.Helper()
	p, err := project.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	p.Check()
	return p
}

// TestMemo builds a site again and again with one Memo, as the preview
// server does, changing it in between: each build must be exactly the
// build without a Memo (the records, diagnostics, model, history and
// every page, byte for byte), and take what did not change from the
// build before. Comparing before the rendering, with the records the
// build before rendered, also proves that nothing after loading
// modifies a record, nor the history.
func TestMemo(t *testing.T) {
	dir := copySite(t)
	memo := project.NewMemo()
	var before *project.Project
	for _, step := range memoSteps(t, dir) {
		if step.change != nil {
			step.change()
		}
		got := check(t, project.Options{Dir: dir, Now: exampleNow, Memo: memo})
		want := check(t, project.Options{Dir: dir, Now: exampleNow})
		compareChecks(t, step.name, got, want)

		if before != nil {
			reused := map[string]bool{}
			old := recordsByFile(before)
			for file, r := range recordsByFile(got) {
				reused[file] = old[file] == r
			}
			for file, r := range reused {
				want := true
				for _, p := range step.reparsed {
					if p == "*" || p == file {
						want = false
					}
				}
				if r != want {
					t.Errorf("%s: %s reused %v, want %v", step.name, file, r, want)
				}
			}
			if (got.History != before.History) != step.newHistory {
				t.Errorf("%s: history read again %v, want %v", step.name, got.History != before.History, step.newHistory)
			}
		}
		before = got
	}
}

// memoStep is a change to the site between two builds.
type memoStep struct {
	name   string
	change func()
	// reparsed are the files of the records parsed again: "*" for all
	// of them.
	reparsed []string
	// newHistory reports whether the history is read again (a new
	// commit).
	newHistory bool
}

// memoSteps returns the changes TestMemo and TestCache make to the copy
// of the example site in dir.
func memoSteps(t *testing.T, dir string) []memoStep {
	const (
		incidentFile = "content/incidents/2025/2025-02-18-assetexplorer-down.md"
		exerciseFile = "content/exercises/2026-06-11-ransomware-tabletop.md"
	)
	incident, exercise := filepath.Join(dir, incidentFile), filepath.Join(dir, exerciseFile)
	cfgFile := filepath.Join(dir, "incidentsite.yaml")
	edit := func(file, old, new string) func() {
		return func() {
			t.Helper()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data, []byte(old)) {
				t.Fatalf("%s holds no %q", file, old)
			}
			if err := os.WriteFile(file, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	saved, err := os.ReadFile(exercise)
	if err != nil {
		t.Fatal(err)
	}
	return []memoStep{
		{name: "first build", reparsed: []string{"*"}, newHistory: true},
		{name: "nothing changed"},
		{name: "an incident edited", change: edit(incident, "No data was lost.", "No data was lost at all."),
			reparsed: []string{incidentFile}},
		{name: "the edit committed", change: func() { commit(t, dir, "an edit") }, newHistory: true},
		{name: "the time zone changed", change: edit(cfgFile, "timezone: Europe/Brussels", "timezone: Europe/Amsterdam"),
			reparsed: []string{"*"}},
		{name: "an exercise removed", change: func() {
			if err := os.Remove(exercise); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "an error", change: edit(incident, "severity: major", "severity: huge"),
			reparsed: []string{incidentFile}},
		{name: "fixed, the exercise back", change: func() {
			edit(incident, "severity: huge", "severity: major")()
			if err := os.WriteFile(exercise, saved, 0o644); err != nil {
				t.Fatal(err)
			}
		}, reparsed: []string{incidentFile, exerciseFile}},
		// Committed before a build saw the edit: the record is clean
		// before and after, and only the new history tells its audit
		// trail has one more commit.
		{name: "an edit committed at once", change: func() {
			edit(incident, "No data was lost at all.", "No data was lost, none.")()
			commit(t, dir, "another edit")
		}, reparsed: []string{incidentFile}, newHistory: true},
	}
}

// compareChecks fails t unless got, checked with a memo or a cache, is
// the check want without: the same diagnostics, records, model, history
// and pages; and unless got's records and history, after the rendering,
// are still what a new parse gives.
func compareChecks(t *testing.T, name string, got, want *project.Project) {
	t.Helper()
	if want.History == nil || want.Content == nil || len(want.Diags) == 0 {
		t.Fatalf("%s: the site should have a history, records and warnings: %v", name, want.Diags)
	}
	if !reflect.DeepEqual(got.Diags, want.Diags) {
		t.Errorf("%s: diagnostics (-without memo +with):\n%s", name, cmp.Diff(lines(want.Diags), lines(got.Diags)))
	}
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"records", got.Content, want.Content},
		{"model", got.Model, want.Model},
		{"history", got.History, want.History},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: the %s differ from a build without memo", name, c.what)
		}
	}
	if (got.Model == nil) != strings.HasPrefix(name, "an error") {
		t.Errorf("%s: model %v: %v", name, got.Model != nil, got.Diags.Err())
	}
	gotFiles, wantFiles := render(t, got), render(t, want)
	if len(gotFiles) != len(wantFiles) {
		t.Errorf("%s: %d files rendered, %d without memo", name, len(gotFiles), len(wantFiles))
	}
	for file, data := range wantFiles {
		if !bytes.Equal(gotFiles[file], data) {
			t.Errorf("%s: %s differs from the build without memo", name, file)
		}
	}

	// The records and the history after the whole build, rendering
	// included, are still those a parse and a read give: no stage
	// modified them, not even to the same effect each time (such as a
	// sort in place), which the comparisons above would miss.
	if fresh, _ := content.Load(got.FS, got.Config); !reflect.DeepEqual(got.Content, fresh) {
		t.Errorf("%s: the records differ from a new parse after the build: a stage modified them", name)
	}
	if !reflect.DeepEqual(got.History, want.History) {
		t.Errorf("%s: the history differs from a new read after the build: a stage modified it", name)
	}
}

// recordsByFile returns every record of p by file: its Doc, which is
// the record's own.
func recordsByFile(p *project.Project) map[string]*content.Doc {
	out := map[string]*content.Doc{}
	for _, d := range p.Content.Docs() {
		out[d.File] = d
	}
	return out
}

// lines returns the diagnostics as text, one per line.
func lines(d diag.List) []string {
	var out []string
	for _, x := range d {
		out = append(out, x.String())
	}
	return out
}

// countingCache is a cache folder that counts what is kept of each kind,
// and can give damaged data for a kind.
type countingCache struct {
	dir     *cache.Dir
	puts    map[string]int
	damaged string
}

func (c *countingCache) Get(kind, key string) ([]byte, bool) {
	data, ok := c.dir.Get(kind, key)
	if ok && kind == c.damaged {
		data = append([]byte(nil), data...)
		data[len(data)/2] ^= 0xff
		data = data[:len(data)-1]
	}
	return data, ok
}

func (c *countingCache) Put(kind, key string, data []byte) {
	c.puts[kind]++
	c.dir.Put(kind, key, data)
}

// TestCache builds a site again and again as the command line does, each
// run a new process that finds the records and the history the run
// before kept in the cache folder, with TestMemo's changes in between:
// each build must be exactly the build without a cache. A run that
// changed nothing keeps nothing new; damaged records in the cache are a
// miss.
func TestCache(t *testing.T) {
	dir := copySite(t)
	// Files written long ago, as in a clone: their times are settled.
	long := time.Now().Add(-time.Hour)
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chtimes(p, long, long)
		}
		return err
	})
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cc := &countingCache{dir: c, puts: map[string]int{}}
	for _, step := range memoSteps(t, dir) {
		if step.change != nil {
			step.change()
		}
		clear(cc.puts)
		got := check(t, project.Options{Dir: dir, Now: exampleNow, Cache: cc, Clock: settledClock})
		want := check(t, project.Options{Dir: dir, Now: exampleNow})
		compareChecks(t, step.name, got, want)
		if step.name == "nothing changed" && cc.puts["records"] != 0 {
			t.Errorf("%s: the records were kept again", step.name)
		}
		if step.name == "first build" && cc.puts["records"] != 1 {
			t.Errorf("%s: the records were kept %d times, want once", step.name, cc.puts["records"])
		}
	}

	// A preview server's first build starts from the cache's records.
	clear(cc.puts)
	got := check(t, project.Options{Dir: dir, Now: exampleNow, Cache: cc, Memo: project.NewMemo()})
	want := check(t, project.Options{Dir: dir, Now: exampleNow})
	compareChecks(t, "a server's first build", got, want)
	if cc.puts["records"] != 0 {
		t.Error("a server's build kept its records in the cache")
	}

	cc.damaged = "records"
	clear(cc.puts)
	got = check(t, project.Options{Dir: dir, Now: exampleNow, Cache: cc})
	want = check(t, project.Options{Dir: dir, Now: exampleNow})
	compareChecks(t, "damaged records", got, want)
	if cc.puts["records"] == 0 {
		t.Error("damaged records in the cache were not replaced")
	}
}

// settledClock is a wall clock a minute ahead: the files a test has just
// written count as settled at once (content.Memo.SetClock), as a
// clone's do a few seconds after the checkout. Without it, whether a
// file edited by the step before is settled, and so listed anew, hangs
// on the test's pace: a run more than 3 s after an edit lists the file
// anew, which is a change the cache keeps.
func settledClock() time.Time { return time.Now().Add(time.Minute) }

// TestCacheKeptAfterEnough: a run that changed a few of many files
// leaves the records the cache holds as they are, and the runs after it
// parse those files again, with the same result as without cache; once
// one file in 64 changed since the cache kept them, a run keeps them
// again.
func TestCacheKeptAfterEnough(t *testing.T) {
	dir := copySite(t)
	const source = "content/incidents/2026/2026-11-23-api-slow-responses.md"
	data, err := os.ReadFile(filepath.Join(dir, source))
	if err != nil {
		t.Fatal(err)
	}
	var copies []string
	for i := range 200 {
		name := filepath.Join(dir, "content/incidents/2026", fmt.Sprintf("2026-11-23-copy-%03d.md", i))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		copies = append(copies, name)
	}
	long := time.Now().Add(-time.Hour)
	settle := func(files ...string) {
		t.Helper()
		for _, f := range files {
			if err := os.Chtimes(f, long, long); err != nil {
				t.Fatal(err)
			}
		}
	}
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			settle(p)
		}
		return err
	})
	edit := func(files ...string) {
		t.Helper()
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, append(data, "\nEdited.\n"...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// The times set back: a later run takes the cache's entries
		// only by their size and times, and those are settled.
		settle(files...)
	}
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cc := &countingCache{dir: c, puts: map[string]int{}}
	for _, step := range []struct {
		name   string
		change func()
		kept   bool
	}{
		{"first build", nil, true},
		{"one copy edited", func() { edit(copies[0]) }, false},
		{"nothing more changed", nil, false},
		{"another edited", func() { edit(copies[1]) }, false},
		{"one in 64 changed since kept", func() { edit(copies[2:4]...) }, true},
		{"nothing changed since", nil, false},
	} {
		if step.change != nil {
			step.change()
		}
		clear(cc.puts)
		got := check(t, project.Options{Dir: dir, Now: exampleNow, Cache: cc, Clock: settledClock})
		want := check(t, project.Options{Dir: dir, Now: exampleNow})
		if got.Model == nil || !reflect.DeepEqual(got.Diags, want.Diags) {
			t.Errorf("%s: diagnostics (-without cache +with):\n%s", step.name, cmp.Diff(lines(want.Diags), lines(got.Diags)))
		}
		if !reflect.DeepEqual(got.Content, want.Content) || !reflect.DeepEqual(got.Model, want.Model) {
			t.Errorf("%s: the records or the model differ from a build without cache", step.name)
		}
		if kept := cc.puts["records"] != 0; kept != step.kept {
			t.Errorf("%s: records kept %v, want %v", step.name, kept, step.kept)
		}
	}
}

// panickyCache is a cache whose Put of records panics, as a bug in the
// records' encoding would.
type panickyCache struct{ countingCache }

func (c *panickyCache) Put(kind, key string, data []byte) {
	if kind == "records" {
		panic("a bug")
	}
	c.countingCache.Put(kind, key, data)
}

// TestCachePanic: a panic while keeping the records in the cache is a
// warning on content/; the check is otherwise what it is without cache.
func TestCachePanic(t *testing.T) {
	dir := copySite(t)
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got := check(t, project.Options{Dir: dir, Now: exampleNow, Cache: &panickyCache{countingCache{dir: c, puts: map[string]int{}}}})
	want := check(t, project.Options{Dir: dir, Now: exampleNow})
	var warned bool
	var rest diag.List
	for _, d := range got.Diags {
		if d.Rule == "internal-error" && d.Pos.File == "content" && strings.Contains(d.Message, "a bug") {
			warned = d.Severity == diag.Warning
			continue
		}
		rest = append(rest, d)
	}
	if !warned {
		t.Errorf("no warning of the panic: %v", got.Diags)
	}
	if !reflect.DeepEqual(rest, want.Diags) || got.Model == nil || !reflect.DeepEqual(got.Model, want.Model) {
		t.Error("the check with a cache that panics differs from one without cache")
	}
}

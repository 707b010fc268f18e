package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/output"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

var now = time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC)

// tree returns the files under dir by slash-separated path.
func tree(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestDeterministic: two builds of one site, into two folders, give the
// same files, byte for byte, although pages are rendered and written in
// parallel.
func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteSite(t, dir, 40)
	var trees []map[string]string
	for _, out := range []string{"one", "two"} {
		res, err := Run(Options{Project: project.Options{Dir: dir, Now: now}, Public: NamedFolder{Dir: filepath.Join(dir, out), Name: "-o " + out}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Diags.HasErrors() {
			t.Fatal(res.Diags.Err())
		}
		files := tree(t, filepath.Join(dir, out))
		// The count leaves out the marker. The logbook, second, goes to
		// output.logbook both times.
		if len(res.Written) != 2 || res.Written[0].Files != len(files)-1 {
			t.Errorf("Written = %+v, but %s holds %d files", res.Written, out, len(files))
		}
		trees = append(trees, files)
	}
	if len(trees[0]) < 100 {
		t.Fatalf("only %d files", len(trees[0]))
	}
	if diff := cmp.Diff(trees[0], trees[1]); diff != "" {
		t.Errorf("two builds differ (-one +two):\n%s", diff)
	}
}

// TestInvalidWritesNothing: a site with errors is reported, and no output
// folder is made.
func TestInvalidWritesNothing(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteSite(t, dir, 1)
	if err := os.WriteFile(filepath.Join(dir, "content/incidents/2020/2020-01-01-broken.md"), []byte("---\ntitle: x\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(Options{Project: project.Options{Dir: dir, Now: now}})
	if err != nil || !res.Diags.HasErrors() || res.Written != nil {
		t.Fatalf("Run = %+v, %v; want the site's errors", res, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("public: %v", err)
	}
}

// TestWrongPlaceFirst: an output folder in a wrong place is refused
// before the site is read: even a folder that is no site gets that error.
func TestWrongPlaceFirst(t *testing.T) {
	dir := t.TempDir()
	_, err := Run(Options{Project: project.Options{Dir: dir, Now: now}, Public: NamedFolder{Dir: filepath.Join(dir, "content"), Name: "-o content"}})
	if !errors.Is(err, output.ErrPlace) {
		t.Errorf("Run: %v, want ErrPlace", err)
	}
}

// TestAllOrNothing: the targets are staged together and swapped in
// together. When the second fails (its renderer returns an error, panics,
// or writes a file the output refuses), no output changes, and no stage
// is left beside them.
func TestAllOrNothing(t *testing.T) {
	ok := func(text string) func(output.Writer) error {
		return func(w output.Writer) error { return w.Put("index.html", []byte(text)) }
	}
	for _, tc := range []struct {
		name   string
		second func(output.Writer) error
		want   string
	}{
		{"error", func(output.Writer) error { return errors.New("no layout") }, "render the second site: no layout"},
		{"panic", func(output.Writer) error { panic("bug") }, "render the second site: incidentsite failed (bug); please report it"},
		{"write", func(w output.Writer) error { return w.Put("../escape.html", nil) }, `render the second site: write second: refusing the unsafe path "../escape.html"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			targets := func(first, second func(output.Writer) error) []target {
				var ts []target
				for _, name := range []string{"first", "second"} {
					f, err := output.Check(root, filepath.Join(root, name), name)
					if err != nil {
						t.Fatal(err)
					}
					ts = append(ts, target{name: name, folder: f, dir: name, render: first})
					first = second
				}
				return ts
			}
			written, warnings, err := write(targets(ok("old first"), ok("old second")), new(project.Timings))
			if err != nil || len(warnings) > 0 || len(written) != 2 || written[1] != (Written{Dir: "second", Files: 1}) {
				t.Fatalf("first build: %v, %q, %v", written, warnings, err)
			}
			before := tree(t, root)
			written, _, err = write(targets(ok("new first"), tc.second), new(project.Timings))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || written != nil {
				t.Fatalf("write = %v, %v; want %s", written, err, tc.want)
			}
			if diff := cmp.Diff(before, tree(t, root)); diff != "" {
				t.Errorf("the outputs changed (-before +after):\n%s", diff)
			}
		})
	}
}

// TestLogbook: a build writes the public site to output.public and the
// logbook to output.logbook; when the logbook fails to render (here: a
// site's logbook layout that fails on every page), the build fails with
// the layout's place, and neither output changes.
func TestLogbook(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteSite(t, dir, 3)
	res, err := Run(Options{Project: project.Options{Dir: dir, Now: now}})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("Run: %v, %v", err, res.Diags.Err())
	}
	want := []Written{{Dir: filepath.ToSlash(filepath.Join(dir, "public"))}, {Dir: filepath.ToSlash(filepath.Join(dir, "logbook"))}}
	if len(res.Written) != 2 || res.Written[0].Dir != want[0].Dir || res.Written[1].Dir != want[1].Dir {
		t.Fatalf("Written = %+v", res.Written)
	}
	logbook := tree(t, filepath.Join(dir, "logbook"))
	if res.Written[1].Files != len(logbook)-1 {
		t.Errorf("Written = %+v, but the logbook holds %d files", res.Written, len(logbook))
	}
	for _, f := range []string{"index.html", "register.csv", "register.json", "robots.txt", "nl/index.html"} {
		if _, ok := logbook[f]; !ok {
			t.Errorf("the logbook lacks %s", f)
		}
	}
	before := tree(t, dir)

	layout := filepath.Join(dir, "layouts", "logbook", "register.html")
	if err := os.MkdirAll(filepath.Dir(layout), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(layout, []byte("{{define \"content\"}}\n  <p>{{.Now.In nil}}</p>{{end}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Run(Options{Project: project.Options{Dir: dir, Now: now.Add(time.Hour)}})
	if err == nil || !strings.HasPrefix(err.Error(), "render the logbook site: layouts/logbook/register.html:2:12: ") || res.Written != nil {
		t.Fatalf("Run = %+v, %v; want the logbook's layout error", res, err)
	}
	after := tree(t, dir)
	delete(after, "layouts/logbook/register.html")
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("the outputs changed (-before +after):\n%s", diff)
	}
}

// TestTargetsApart: two targets in one folder are refused before anything
// is staged.
func TestTargetsApart(t *testing.T) {
	root := t.TempDir()
	f, err := output.Check(root, filepath.Join(root, "public"), "output.public")
	if err != nil {
		t.Fatal(err)
	}
	rendered := false
	render := func(output.Writer) error { rendered = true; return nil }
	_, _, err = write([]target{{name: "public", folder: f, render: render}, {name: "logbook", folder: f, render: render}}, new(project.Timings))
	if want := "output.public and output.public are the same folder; give each site a folder of its own"; fmt.Sprint(err) != want || rendered {
		t.Errorf("write: %v (rendered %v), want %s", err, rendered, want)
	}
	if entries, _ := os.ReadDir(root); len(entries) > 0 {
		t.Errorf("left %v", entries)
	}
}

// BenchmarkBuild10k is "incidentsite build" on a generated site of 10,000
// incidents: load, validate, model, project, render every page, feed, API
// file, badge and calendar in two languages, and write it all to disk. It
// reports the peak of the live heap, as the last garbage collection
// marked it (peak-MB), and of all the memory the Go runtime holds, which
// garbage not yet collected swells (total-MB), sampled every millisecond:
// the build streams its files to disk, and must not hold the site in
// memory.
func BenchmarkBuild10k(b *testing.B) {
	dir := b.TempDir()
	testutil.WriteSite(b, dir, 10_000)
	opts := Options{Project: project.Options{Dir: dir, Now: now}}
	runtime.GC()
	peak := samplePeaks("/gc/heap/live:bytes", "/memory/classes/total:bytes")
	files := 0
	for b.Loop() {
		res, err := Run(opts)
		if err != nil {
			b.Fatal(err)
		}
		if res.Diags.HasErrors() {
			b.Fatalf("invalid: %v", res.Diags.Err())
		}
		files = res.Written[0].Files
	}
	peaks := peak()
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(peaks[0])/(1<<20), "peak-MB")
	b.ReportMetric(float64(peaks[1])/(1<<20), "total-MB")
}

// samplePeaks reads the runtime metrics names every millisecond until
// the function it returns is called, which returns the peak of each.
func samplePeaks(names ...string) func() []uint64 {
	samples := make([]metrics.Sample, len(names))
	for i, n := range names {
		samples[i].Name = n
	}
	peaks := make([]uint64, len(names))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			for i, s := range samples {
				peaks[i] = max(peaks[i], s.Value.Uint64())
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	return func() []uint64 {
		close(stop)
		wg.Wait()
		return peaks
	}
}

// TestPreview: each file a build to disk writes (the marker aside) is,
// byte for byte, the file a preview renders when asked for; a preview
// writes nothing into the site's folder, has no file the disk lacks, and
// a site with errors gives its errors and no sites.
func TestPreview(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteSite(t, dir, 5)
	pv, err := NewPreview(project.Options{Dir: dir, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if pv.Diags.HasErrors() {
		t.Fatal(pv.Diags.Err())
	}
	for _, out := range []string{"public", "logbook"} {
		if _, err := os.Stat(filepath.Join(dir, out)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("NewPreview made %s: %v", out, err)
		}
	}
	var phases []string
	for _, ph := range pv.Timings.Phases {
		phases = append(phases, ph.Name)
	}
	if got := strings.Join(phases, ","); got != "open,load,validate,history,model,plan,total" {
		t.Errorf("phases %s", got)
	}
	if _, err := Run(Options{Project: project.Options{Dir: dir, Now: now}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		out  string
		site *Site
	}{{"public", pv.Public}, {"logbook", pv.Logbook}} {
		want := tree(t, filepath.Join(dir, c.out))
		delete(want, output.Marker)
		if c.site.Pages() == 0 || c.site.Pages() >= len(want) {
			t.Errorf("%s: %d pages of %d files", c.out, c.site.Pages(), len(want))
		}
		for name, data := range want {
			got, ok, err := c.site.File(name)
			if !ok || err != nil || string(got) != data {
				t.Errorf("%s: %s: %v, %v, and the file differs from the disk's: %t", c.out, name, ok, err, string(got) != data)
			}
		}
		for _, name := range []string{"nope.html", output.Marker, "../" + c.out + "/index.html"} {
			if _, ok, err := c.site.File(name); ok || err != nil {
				t.Errorf("%s: %s: %v, %v; want no file", c.out, name, ok, err)
			}
		}
		if got := len(c.site.mem.Files()); got != len(want) {
			t.Errorf("%s: %d files in memory, %d on disk", c.out, got, len(want))
		}
	}

	if err := os.WriteFile(filepath.Join(dir, "content/incidents/2020/2020-01-01-broken.md"), []byte("---\ntitle: x\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pv, err = NewPreview(project.Options{Dir: dir, Now: now})
	if err != nil || !pv.Diags.HasErrors() || pv.Public != nil || pv.Logbook != nil {
		t.Errorf("NewPreview of a broken site = %+v, %v; want its errors and no sites", pv, err)
	}
}

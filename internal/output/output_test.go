package output_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/incidentsite/incidentsite/internal/output"
)

// mkSite makes a site's folder with its sources, and a few folders and
// files an output might be pointed at.
func mkSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range map[string]string{
		"incidentsite.yaml":          "title: x\n",
		"content/incidents/a.md":     "a",
		"templates/x.yaml":           "x",
		"static/style.css":           "x",
		".git/config":                "x",
		"docs/readme.md":             "not ours",
		"notes.txt":                  "x",
		"old/" + output.Marker:       "x",
		"old/index.html":             "old",
		"elsewhere-target/keep.html": "x",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(root, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "forged"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"linked":                   "docs",
		"forged/" + output.Marker:  "../old/" + output.Marker,
		"forged/index.html-target": "../notes.txt",
	} {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(link))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	return root
}

const fix = "; the build replaces its output folder whole, so name a folder of its own, such as public"

func TestCheck(t *testing.T) {
	root := mkSite(t)
	outside := t.TempDir()
	for _, tc := range []struct {
		dir   string // relative to root, or absolute
		want  string // the error; "" for none
		place bool   // whether the error is about the place
	}{
		{dir: "public"},
		{dir: "build/public"},
		{dir: "empty"},
		{dir: "old"},
		{dir: "a/../public"},
		{dir: ".", want: "-o X: is the site's own folder" + fix, place: true},
		{dir: "content", want: "-o X: is the site's content folder" + fix, place: true},
		{dir: "content/incidents", want: "-o X: lies inside the site's content folder" + fix, place: true},
		{dir: "Static", want: "-o X: is the site's static folder" + fix, place: true},
		{dir: ".git/pages", want: "-o X: lies inside the site's .git folder" + fix, place: true},
		{dir: "incidentsite.yaml", want: "-o X: is the site's incidentsite.yaml file" + fix, place: true},
		{dir: "..", want: "-o X: lies outside the site's folder; the build writes only inside the site, so name a folder in it, such as public", place: true},
		{dir: outside, want: "-o X: lies outside the site's folder; the build writes only inside the site, so name a folder in it, such as public", place: true},
		{dir: "linked", want: "-o X: linked is a symbolic link; an output folder must be reached through real folders of the site, so replace the link with a folder or choose another output folder"},
		{dir: "linked/public", want: "-o X: linked is a symbolic link; an output folder must be reached through real folders of the site, so replace the link with a folder or choose another output folder"},
		{dir: "notes.txt", want: "-o X: notes.txt exists and is not a folder; remove it or choose another output folder"},
		{dir: "notes.txt/public", want: "-o X: notes.txt is not a folder; choose another output folder"},
		{dir: "docs", want: "-o X: docs holds files that incidentsite build did not write (it has no .incidentsite-build file), and a build replaces its output folder whole; move those files away or choose another output folder"},
		// A marker that is a link is no marker.
		{dir: "forged", want: "-o X: forged holds files that incidentsite build did not write (it has no .incidentsite-build file), and a build replaces its output folder whole; move those files away or choose another output folder"},
	} {
		dir := tc.dir
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(root, filepath.FromSlash(dir))
		}
		f, err := output.Check(root, dir, "-o X")
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.dir, err)
		case tc.want == "" && f.Path() != filepath.Clean(dir):
			t.Errorf("%s: Path() = %s", tc.dir, f.Path())
		case tc.want != "" && (err == nil || err.Error() != tc.want):
			t.Errorf("%s:\n got %v\nwant %s", tc.dir, err, tc.want)
		case tc.want != "" && errors.Is(err, output.ErrPlace) != tc.place:
			t.Errorf("%s: errors.Is(ErrPlace) = %v", tc.dir, !tc.place)
		}
	}
}

// TestCheckRelative: a relative folder is relative to the current folder,
// and the site may be named through a link of its own.
func TestCheckRelative(t *testing.T) {
	root := mkSite(t)
	t.Chdir(root)
	f, err := output.Check(".", "public", "-o public")
	if err != nil || f.Path() != filepath.Join(root, "public") {
		t.Errorf("Check(., public) = %v, %v", f.Path(), err)
	}
	t.Chdir(filepath.Join(root, "docs"))
	if f, err := output.Check("..", "public", "-o public"); err != nil || f.Path() != filepath.Join(root, "docs", "public") {
		t.Errorf("from docs/: %v, %v", f.Path(), err)
	}
	if _, err := output.Check("..", "../content", "-o ../content"); !errors.Is(err, output.ErrPlace) {
		t.Errorf("from docs/, ../content: %v", err)
	}
	link := filepath.Join(t.TempDir(), "site")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{filepath.Join(link, "public"), filepath.Join(root, "public")} {
		if _, err := output.Check(link, dir, "-o public"); err != nil {
			t.Errorf("site through a link, %s: %v", dir, err)
		}
	}
}

func write(t *testing.T, root, rel string, files map[string][]byte) error {
	t.Helper()
	f, err := output.Check(root, filepath.Join(root, rel), "-o "+rel)
	if err != nil {
		return err
	}
	warnings, err := writeFolders(t, []output.Folder{f}, []map[string][]byte{files})
	if len(warnings) > 0 {
		t.Errorf("warnings: %q", warnings)
	}
	return err
}

// writeFolders stages files[i] for folders[i], as a build does, and swaps
// them in together.
func writeFolders(t *testing.T, folders []output.Folder, files []map[string][]byte) (warnings []string, err error) {
	t.Helper()
	var stages []*output.Stage
	defer func() {
		for _, s := range stages {
			s.Discard()
		}
	}()
	for i, f := range folders {
		s, w, err := output.NewStage(f)
		warnings = append(warnings, w...)
		if err != nil {
			return warnings, err
		}
		stages = append(stages, s)
		for name, data := range files[i] {
			if err := s.Put(name, data); err != nil {
				return warnings, err
			}
		}
		if s.Files() != len(files[i]) {
			t.Errorf("Files() = %d, want %d", s.Files(), len(files[i]))
		}
	}
	w, err := output.Swap(stages...)
	return append(warnings, w...), err
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteReplacesWhole(t *testing.T) {
	root := t.TempDir()
	if err := write(t, root, "public", map[string][]byte{"index.html": []byte("a"), "incidents/x/index.html": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := write(t, root, "public", map[string][]byte{"index.html": []byte("b")}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "public/index.html")); string(b) != "b" {
		t.Errorf("index.html = %q, want b", b)
	}
	// A withdrawn incident's page disappears with the swap.
	if _, err := os.Stat(filepath.Join(root, "public/incidents/x/index.html")); !os.IsNotExist(err) {
		t.Errorf("stale file still there: %v", err)
	}
	// The marker is there, and nothing is left beside the output.
	if got := entries(t, filepath.Join(root, "public")); len(got) != 2 || got[0] != output.Marker {
		t.Errorf("public holds %v", got)
	}
	if got := entries(t, root); len(got) != 1 {
		t.Errorf("left beside the output: %v", got)
	}
}

func TestWriteFailureKeepsPrevious(t *testing.T) {
	root := t.TempDir()
	if err := write(t, root, "public", map[string][]byte{"index.html": []byte("good")}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../escape.html", "/abs.html", "a/../../b", `a\b`, output.Marker} {
		if err := write(t, root, "public", map[string][]byte{"index.html": []byte("new"), bad: nil}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(root, "public/index.html")); string(b) != "good" {
		t.Errorf("previous output changed: %q", b)
	}
	if got := entries(t, root); len(got) != 1 {
		t.Errorf("staging left behind: %v", got)
	}
}

func TestWriteAdoptsAnEmptyFolder(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "public"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := write(t, root, "public", map[string][]byte{"index.html": []byte("a")}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "public/index.html")); string(b) != "a" {
		t.Errorf("index.html = %q", b)
	}
}

// TestWriteChecksAgain: a folder that became someone else's while the
// site was built is left alone.
func TestWriteChecksAgain(t *testing.T) {
	root := t.TempDir()
	f, err := output.Check(root, filepath.Join(root, "public"), "-o public")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "public"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "public/mine.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := writeFolders(t, []output.Folder{f}, []map[string][]byte{{"index.html": nil}}); err == nil {
		t.Error("replaced a folder without the marker")
	}
	if b, _ := os.ReadFile(filepath.Join(root, "public/mine.txt")); string(b) != "mine" {
		t.Errorf("mine.txt = %q", b)
	}
	if got := entries(t, root); len(got) != 1 {
		t.Errorf("left beside the output: %v", got)
	}
}

func TestCheckApart(t *testing.T) {
	root := t.TempDir()
	folder := func(rel string) output.Folder {
		f, err := output.Check(root, filepath.Join(root, filepath.FromSlash(rel)), "output."+rel)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, tc := range []struct {
		a, b, want string
	}{
		{a: "public", b: "logbook"},
		{a: "public", b: "public-logbook"},
		{a: "out/public", b: "out/logbook"},
		{a: "public", b: "public", want: "output.public and output.public are the same folder; give each site a folder of its own"},
		{a: "public", b: "Public", want: "output.public and output.Public are the same folder; give each site a folder of its own"},
		{a: "public", b: "public/logbook", want: "output.public/logbook lies inside output.public, which the build replaces whole; give each site a folder of its own, side by side"},
		{a: "Out/logbook", b: "out", want: "output.Out/logbook lies inside output.out, which the build replaces whole; give each site a folder of its own, side by side"},
	} {
		err := output.CheckApart(folder(tc.a), folder(tc.b))
		if got := fmt.Sprint(err); tc.want == "" && err != nil || tc.want != "" && got != tc.want {
			t.Errorf("CheckApart(%s, %s):\n got %v\nwant %s", tc.a, tc.b, err, tc.want)
		}
	}
}

// TestMemory: a Memory keeps copies of what it is given, by path, and
// refuses what a Stage refuses.
func TestMemory(t *testing.T) {
	m := output.NewMemory()
	data := []byte("<p>hello</p>")
	if err := m.Put("a/index.html", data); err != nil {
		t.Fatal(err)
	}
	data[0] = 'X'
	if got := string(m.Files()["a/index.html"]); got != "<p>hello</p>" {
		t.Errorf("a/index.html = %q, want the copy taken at Put", got)
	}
	for _, name := range []string{"../x", "/abs", "a/../b", `a\b`, ".", "", output.Marker} {
		if err := m.Put(name, nil); err == nil {
			t.Errorf("Put(%q) = nil, want an error", name)
		}
	}
	if n := len(m.Files()); n != 1 {
		t.Errorf("%d files, want 1", n)
	}
}

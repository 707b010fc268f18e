package source_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/source"
)

// finding is a diagnostic reduced to what the tests compare.
type finding struct {
	File, Rule, Contains string
}

func checkFindings(t *testing.T, got diag.List, want []finding) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Pos != (diag.Position{File: w.File, Line: 1, Col: 1}) || g.Rule != w.Rule || !strings.Contains(g.Message, w.Contains) || g.Severity != diag.Error {
			t.Errorf("diagnostic %d = %s [%s], want %s:1:1 [%s] containing %q", i, g, g.Rule, w.File, w.Rule, w.Contains)
		}
	}
}

func TestWalk(t *testing.T) {
	fsys := fstest.MapFS{
		"content/incidents/2025/b.md":         {Data: []byte("b")},
		"content/incidents/2025/a.md":         {Data: []byte("a")},
		"content/incidents/2024/z.md":         {Data: []byte("z")},
		"content/incidents/a-b.md":            {Data: []byte("ab")},
		"content/contacts/internal.md":        {Data: []byte("c")},
		"content/.gitkeep":                    {},
		"content/.hidden/x.md":                {Data: []byte("x")},
		"content/rcas/.draft.md":              {Data: []byte("d")},
		"content/rcas/link.md":                {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink},
		"content/rcas/pipe":                   {Mode: fs.ModeNamedPipe},
		"content/rcas/big.md":                 {Data: []byte(strings.Repeat("x", 101))},
		"content/rcas/exact.md":               {Data: []byte(strings.Repeat("x", 100))},
		"content/exercises/linked-folder":     {Data: []byte("../../"), Mode: fs.ModeSymlink},
		"other/not-walked.md":                 {Data: []byte("o")},
		"content/maintenance/2025/01/deep.md": {Data: []byte("deep")},
	}
	files, d := source.Walk(fsys, "content", source.Limits{MaxFileSize: 100})
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
		if want := int64(len(fsys[f.Path].Data)); f.Size != want {
			t.Errorf("%s: Size %d, want %d", f.Path, f.Size, want)
		}
	}
	want := []string{
		"content/contacts/internal.md",
		"content/incidents/2024/z.md",
		"content/incidents/2025/a.md",
		"content/incidents/2025/b.md",
		"content/incidents/a-b.md",
		"content/maintenance/2025/01/deep.md",
		"content/rcas/exact.md",
	}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	d.Sort()
	checkFindings(t, d, []finding{
		{"content/exercises/linked-folder", "symlink", "is a symbolic link"},
		{"content/rcas/big.md", "file-size", "is 101 bytes, over the limit of 100 bytes"},
		{"content/rcas/link.md", "symlink", "is a symbolic link"},
		{"content/rcas/pipe", "irregular-file", "is not a regular file"},
	})
}

func TestWalkMissingFolder(t *testing.T) {
	files, d := source.Walk(fstest.MapFS{"x.md": {}}, "content", source.Limits{})
	if len(files) != 0 || len(d) != 0 {
		t.Errorf("Walk of a missing folder = %v, %v", files, d)
	}
}

func TestWalkFileCount(t *testing.T) {
	fsys := fstest.MapFS{"c/1": {}, "c/2": {}, "c/3": {}, "c/4": {}}
	files, d := source.Walk(fsys, "c", source.Limits{MaxFiles: 2})
	if len(files) != 2 {
		t.Errorf("got %d files, want 2", len(files))
	}
	checkFindings(t, d, []finding{{"c/3", "file-count", "more than 2 files under c"}})
}

// noReadFS fails the test when a file is opened: Walk must judge files by
// their directory entries alone.
type noReadFS struct {
	fstest.MapFS
	t *testing.T
}

func (f noReadFS) Open(name string) (fs.File, error) {
	if st, err := fs.Stat(f.MapFS, name); err == nil && !st.IsDir() {
		f.t.Errorf("Walk opened %s", name)
	}
	return f.MapFS.Open(name)
}

func (f noReadFS) ReadDir(name string) ([]fs.DirEntry, error) { return f.MapFS.ReadDir(name) }

func TestWalkDoesNotRead(t *testing.T) {
	fsys := noReadFS{fstest.MapFS{
		"c/huge.md":  {Data: make([]byte, 1<<16)},
		"c/small.md": {Data: []byte("x")},
		"c/link":     {Mode: fs.ModeSymlink},
	}, t}
	files, d := source.Walk(fsys, "c", source.Limits{MaxFileSize: 1 << 10})
	if len(files) != 1 || files[0].Path != "c/small.md" {
		t.Errorf("files = %v", files)
	}
	d.Sort()
	checkFindings(t, d, []finding{{"c/huge.md", "file-size", "is 64 KiB, over the limit of 1 KiB"}, {"c/link", "symlink", ""}})
}

func TestWalkSizes(t *testing.T) {
	for _, tc := range []struct {
		size, limit int64
		want        string
	}{
		{3 << 20, 1 << 20, "is 3 MiB, over the limit of 1 MiB"},
		{1<<20 + 1<<19, 1 << 20, "is 1.5 MiB"},
		{1536, 1024, "is 1.5 KiB, over the limit of 1 KiB"},
	} {
		fsys := fstest.MapFS{"c/f": {Data: make([]byte, tc.size)}}
		_, d := source.Walk(fsys, "c", source.Limits{MaxFileSize: tc.limit})
		checkFindings(t, d, []finding{{"c/f", "file-size", tc.want}})
	}
}

func TestReadFile(t *testing.T) {
	fsys := fstest.MapFS{"a": {Data: []byte("12345")}}
	for _, tc := range []struct {
		limit int64
		err   bool
	}{{0, false}, {5, false}, {4, true}, {100, false}} {
		b, err := source.ReadFile(fsys, source.File{Path: "a"}, tc.limit)
		if (err != nil) != tc.err || (err == nil && string(b) != "12345") {
			t.Errorf("limit %d: %q, %v", tc.limit, b, err)
		}
	}
	// A file that grew since Walk listed it is still cut off at the limit.
	_, err := source.ReadFile(fsys, source.File{Path: "a", Size: 1}, 2)
	if err == nil || !strings.Contains(err.Error(), "over the limit of 2 bytes") {
		t.Errorf("grown file: %v", err)
	}
	_, err = source.ReadFile(fsys, source.File{Path: "missing"}, 0)
	if err == nil || strings.Contains(err.Error(), "missing") {
		t.Errorf("missing file: %v (the path is left to the diagnostic)", err)
	}
}

func TestDir(t *testing.T) {
	dir := t.TempDir()
	if _, err := source.Dir(dir); err != nil {
		t.Error(err)
	}
	if _, err := source.Dir(dir + "/missing"); err == nil {
		t.Error("no error for a missing folder")
	}
}

func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want []string // "line:col message part"
	}{
		{"clean", "---\ntitle: Café ☕\n---\n\tTabs\r\nand CRLF\r\n", nil},
		{"empty", "", nil},
		{"BOM", "\uFEFF---\n", []string{"1:1 byte order mark"}},
		{"BOM inside is not a BOM error", "a\uFEFFb", nil},
		{"invalid UTF-8", "ab\ncd\xffe\n", []string{"2:3 byte 0xFF is not UTF-8"}},
		{"truncated rune", "é\xc3", []string{"1:2 byte 0xC3 is not UTF-8"}},
		{"Latin-1", "caf\xe9 cr\xe8me\n", []string{"1:4 byte 0xE9", "1:8 byte 0xE8"}},
		{"NUL", "a\x00b", []string{"1:2 control character U+0000"}},
		{"escape", "x\n\x1b[31mred", []string{"2:1 control character U+001B"}},
		{"DEL", "\x7f", []string{"1:1 control character U+007F"}},
		{"C1 control", "a\u0085b", []string{"1:2 control character U+0085"}},
		{"bidi override", "title: \u202Eevil", []string{"1:8 invisible bidirectional control character U+202E"}},
		{"bidi isolate", "ok\nx\u2066y\u2069", []string{"2:2 U+2066", "2:4 U+2069"}},
		{"lone CR", "a: 1\rb: 2\r\nc\r", []string{"1:5 carriage return without a line feed", "2:2 carriage return without a line feed"}},
		{"line separators", "a\u2028b\nc\u2029", []string{"1:2 invisible line separator U+2028", "2:2 U+2029"}},
		{"columns count characters, not bytes", "ééé\x01", []string{"1:4 control character U+0001"}},
		{"BOM and more", "\uFEFFa\x00", []string{"1:1 byte order mark", "1:2 control character"}},
		{"many problems are cut short", strings.Repeat("\x00", 100), []string{
			"1:1 U+0000", "1:2 U+0000", "1:3 U+0000", "1:4 U+0000", "1:5 U+0000", "1:5 more encoding problems follow",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := source.CheckText("f.md", []byte(tc.in))
			if len(d) != len(tc.want) {
				t.Fatalf("got %v, want %d diagnostics", d, len(tc.want))
			}
			for i, w := range tc.want {
				at, part, _ := strings.Cut(w, " ")
				g := d[i]
				got := strings.TrimPrefix(g.Pos.String(), "f.md:")
				if got != at || !strings.Contains(g.Message, part) || g.Rule != "encoding" || g.Severity != diag.Error {
					t.Errorf("diagnostic %d = %s [%s], want %s containing %q", i, g, g.Rule, at, part)
				}
			}
		})
	}
}

// TestReadFileSizeChanged: the size listed by Walk is only a hint; a file
// that grew or shrank since is read whole, within the limit.
func TestReadFileSizeChanged(t *testing.T) {
	data := []byte(strings.Repeat("x", 100))
	fsys := fstest.MapFS{"f": &fstest.MapFile{Data: data}}
	for _, tc := range []struct {
		listed, limit int64
		want          int
		err           bool
	}{
		{listed: 100, limit: 0, want: 100},
		{listed: 10, limit: 0, want: 100},
		{listed: 500, limit: 0, want: 100},
		{listed: 10, limit: 100, want: 100},
		{listed: 10, limit: 50, err: true},
		{listed: 100, limit: 99, err: true},
	} {
		got, err := source.ReadFile(fsys, source.File{Path: "f", Size: tc.listed}, tc.limit)
		switch {
		case tc.err && err == nil:
			t.Errorf("listed %d, limit %d: read %d bytes, want an error", tc.listed, tc.limit, len(got))
		case !tc.err && (err != nil || len(got) != tc.want):
			t.Errorf("listed %d, limit %d: %d bytes, %v; want %d", tc.listed, tc.limit, len(got), err, tc.want)
		}
	}
}

// TestWalkChangeTime: on systems that tell a file's status change time,
// Walk lists it, and setting the file's times back changes it.
func TestWalkChangeTime(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "content", "a.md")
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, err := source.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := source.Walk(fsys, "content", source.Limits{})
	if len(files) != 1 {
		t.Fatalf("listed %v", files)
	}
	if files[0].Change.IsZero() {
		if runtime.GOOS == "linux" {
			t.Fatal("no status change time listed on Linux")
		}
		t.Skip("this system's status change time is not read")
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(name, old, old); err != nil {
		t.Fatal(err)
	}
	again, _ := source.Walk(fsys, "content", source.Limits{})
	if !again[0].ModTime.Equal(old) {
		t.Errorf("modification time %v, want %v", again[0].ModTime, old)
	}
	if !again[0].Change.After(old) || again[0].Change.Before(files[0].Change) {
		t.Errorf("status change time %v after setting the times back, was %v", again[0].Change, files[0].Change)
	}
}

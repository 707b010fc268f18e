package source_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/memory"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/source"
)

// The same site twice, as a work tree and as a committed tree: links at
// the top (static -> ../.git, layouts -> /etc), a link halfway down
// (content/rcas), a submodule (content/vendor), and real files.
var (
	treeFiles = map[string]string{
		"incidentsite.yaml":      "title: Test\n",
		"content/incidents/a.md": "a",
		"templates/t.yaml":       "t",
	}
	treeLinks = map[string]string{
		"static":       ".git",
		"layouts":      "/etc",
		"content/rcas": "../content/incidents",
	}
	treeSubmodule = "content/vendor"
)

// workTree writes the site to a folder. Its .git holds a config file, so
// that static/config would be readable through the link.
func workTree(t *testing.T) fs.FS {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		".git/config":              "[core]\n\tsecret = yes\n",
		treeSubmodule + "/.git":    "gitdir: ../../.git/modules/vendor\n",
		treeSubmodule + "/x.md":    "x",
		"content/incidents/.keep":  "",
		"templates/.gitattributes": "",
	}
	for name, data := range treeFiles {
		files[name] = data
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range treeLinks {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	fsys, err := source.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// gitTree commits the same site, with a real submodule entry (mode
// 160000), built object by object in memory.
func gitTree(t *testing.T) fs.FS {
	t.Helper()
	st := memory.NewStorage()
	store := func(o interface {
		Encode(plumbing.EncodedObject) error
	}) plumbing.Hash {
		obj := st.NewEncodedObject()
		if err := o.Encode(obj); err != nil {
			t.Fatal(err)
		}
		h, err := st.SetEncodedObject(obj)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	blob := func(data string) plumbing.Hash {
		obj := st.NewEncodedObject()
		obj.SetType(plumbing.BlobObject)
		w, _ := obj.Writer()
		w.Write([]byte(data))
		w.Close()
		h, err := st.SetEncodedObject(obj)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	// A folder tree: path -> entries.
	trees := map[string][]object.TreeEntry{}
	add := func(p string, e object.TreeEntry) {
		dir, name := ".", p
		if i := strings.LastIndexByte(p, '/'); i >= 0 {
			dir, name = p[:i], p[i+1:]
		}
		e.Name = name
		trees[dir] = append(trees[dir], e)
	}
	for name, data := range treeFiles {
		add(name, object.TreeEntry{Mode: filemode.Regular, Hash: blob(data)})
	}
	for name, target := range treeLinks {
		add(name, object.TreeEntry{Mode: filemode.Symlink, Hash: blob(target)})
	}
	add(treeSubmodule, object.TreeEntry{Mode: filemode.Submodule, Hash: plumbing.NewHash("1111111111111111111111111111111111111111")})
	// Store the deepest folders first, each in its parent.
	dirs := []string{"content/incidents", "content", "templates", "."}
	var root plumbing.Hash
	for _, d := range dirs {
		entries := trees[d]
		slices.SortFunc(entries, func(a, b object.TreeEntry) int {
			an, bn := a.Name, b.Name
			if a.Mode == filemode.Dir {
				an += "/"
			}
			if b.Mode == filemode.Dir {
				bn += "/"
			}
			return strings.Compare(an, bn)
		})
		h := store(&object.Tree{Entries: entries})
		if d == "." {
			root = h
		} else {
			add(d, object.TreeEntry{Mode: filemode.Dir, Hash: h})
		}
	}
	sig := object.Signature{Name: "Test", Email: "test@example.org", When: when}
	c := store(&object.Commit{Author: sig, Committer: sig, Message: "site", TreeHash: root})
	repo, err := git.Init(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	fsys, _, err := source.Git(repo, c.String(), ".")
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestRefusals holds both sources to one rule: no path goes into or
// through a symbolic link or a submodule, and each refusal names the link
// or submodule itself.
func TestRefusals(t *testing.T) {
	for _, src := range []struct {
		name string
		open func(*testing.T) fs.FS
	}{{"work tree", workTree}, {"git", gitTree}} {
		t.Run(src.name, func(t *testing.T) {
			fsys := src.open(t)
			ops := map[string]func(string) error{
				"Open":    func(p string) error { _, err := fs.ReadFile(fsys, p); return err },
				"ReadDir": func(p string) error { _, err := fs.ReadDir(fsys, p); return err },
				"Stat":    func(p string) error { _, err := fs.Stat(fsys, p); return err },
			}
			for _, tc := range []struct {
				op, path string
				at       string // the refused link or submodule; "" for success
				kind     error
			}{
				{"Open", "incidentsite.yaml", "", nil},
				{"Open", "content/incidents/a.md", "", nil},
				{"ReadDir", "content", "", nil},
				{"Open", "static", "static", source.ErrLink},
				{"Open", "static/config", "static", source.ErrLink},
				{"ReadDir", "static", "static", source.ErrLink},
				{"Stat", "static/config", "static", source.ErrLink},
				{"Open", "layouts/passwd", "layouts", source.ErrLink},
				{"Open", "content/rcas/a.md", "content/rcas", source.ErrLink},
				{"ReadDir", "content/rcas", "content/rcas", source.ErrLink},
				{"Open", "content/vendor/x.md", "content/vendor", source.ErrSubmodule},
				{"ReadDir", "content/vendor", "content/vendor", source.ErrSubmodule},
				{"Stat", "content/vendor/x.md", "content/vendor", source.ErrSubmodule},
				// Stat describes an entry without going into it.
				{"Stat", "static", "", nil},
				{"Stat", "content/vendor", "", nil},
			} {
				err := ops[tc.op](tc.path)
				var re *source.RefusedError
				switch {
				case tc.at == "" && err != nil:
					t.Errorf("%s(%s): %v", tc.op, tc.path, err)
				case tc.at == "":
				case !errors.As(err, &re) || re.Path != tc.at || !errors.Is(err, tc.kind):
					t.Errorf("%s(%s) = %v; want %s refused as %v", tc.op, tc.path, err, tc.at, tc.kind)
				}
			}
			if st, err := fs.Stat(fsys, "static"); err != nil || st.Mode()&fs.ModeSymlink == 0 {
				t.Errorf("Stat(static) = %v, %v; want a link", st, err)
			}
			if st, err := fs.Stat(fsys, "content/vendor"); err != nil || !st.IsDir() {
				t.Errorf("Stat(content/vendor) = %v, %v; want a folder", st, err)
			}

			var (
				files []string
				diags diag.List
			)
			for _, dir := range []string{"content", "layouts", "static", "templates"} {
				f, d := source.Walk(fsys, dir, source.Limits{})
				for _, f := range f {
					files = append(files, f.Path)
				}
				diags.Append(d)
			}
			if got, want := strings.Join(files, " "), "content/incidents/a.md templates/t.yaml"; got != want {
				t.Errorf("Walk files = %s, want %s", got, want)
			}
			diags = diags.Dedupe()
			checkFindings(t, diags, []finding{
				{"content/rcas", "symlink", "is a symbolic link; site files must be real files in the repository"},
				{"content/vendor", "submodule", "is a git submodule (a folder holding .git); site files must belong to the site's own repository"},
				{"layouts", "symlink", "replace the link with the file or folder it points to"},
				{"static", "symlink", "is a symbolic link"},
			})
			d, ok := source.Refused(ops["Open"]("static/config"))
			if !ok || d.String() != diags[3].String() {
				t.Errorf("Refused = %v, %v; want Walk's %v", d, ok, diags[3])
			}
			if _, ok := source.Refused(ops["Open"]("nope")); ok {
				t.Error("Refused of a missing file")
			}
		})
	}
}

// TestDirContract checks the work tree's file system against the fs.FS
// contract on a site without links.
func TestDirContract(t *testing.T) {
	dir := t.TempDir()
	for name, data := range treeFiles {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := source.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(fsys, "incidentsite.yaml", "content/incidents/a.md", "templates/t.yaml"); err != nil {
		t.Error(err)
	}
	for _, name := range []string{"../x", "/etc/passwd", "a//b", ""} {
		if _, err := fsys.Open(name); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Open(%q) = %v, want ErrInvalid", name, err)
		}
	}
}

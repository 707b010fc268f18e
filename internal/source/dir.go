package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sync"

	"github.com/incidentsite/incidentsite/internal/diag"
)

// The two things no path of a site may pass through, in the work tree or
// in a committed tree. Refusals wrap one of them.
var (
	// ErrLink is a symbolic link: followed, it could publish what lies
	// outside the site, or its .git folder (static -> ../.git).
	ErrLink = errors.New("is a symbolic link")
	// ErrSubmodule is a git submodule: another repository's files, which
	// the site's history does not hold. In the work tree it is any folder
	// below the site's root that holds a .git file or folder.
	ErrSubmodule = errors.New("is a git submodule")
)

// RefusedError is the error, inside an *fs.PathError, of an operation on
// a path that is, or passes through, a symbolic link or a submodule.
type RefusedError struct {
	// Path is the link or submodule itself, slash-separated from the
	// site's root: where the author must act.
	Path string
	// Err is ErrLink or ErrSubmodule.
	Err error
}

func (e *RefusedError) Error() string { return e.Path + " " + e.Err.Error() }
func (e *RefusedError) Unwrap() error { return e.Err }

// Refused returns the positioned diagnostic for err when err refuses a
// link or a submodule (see RefusedError), and false otherwise. Every
// refusal, whichever file was asked for, is reported at the link or
// submodule, so that one link gives one message.
func Refused(err error) (diag.Diagnostic, bool) {
	var re *RefusedError
	if !errors.As(err, &re) {
		return diag.Diagnostic{}, false
	}
	return Refusal(re.Path, re.Err), true
}

// Refusal is the diagnostic for the symbolic link (kind ErrLink) or the
// submodule (ErrSubmodule) at p, slash-separated from the site's root.
func Refusal(p string, kind error) diag.Diagnostic {
	var l diag.List
	if errors.Is(kind, ErrSubmodule) {
		l.Errorf(at(p), "submodule",
			"is a git submodule (a folder holding .git); site files must belong to the site's own repository, so copy the files you need into a plain folder")
	} else {
		l.Errorf(at(p), "symlink",
			"is a symbolic link; site files must be real files in the repository, so replace the link with the file or folder it points to")
	}
	return l[0]
}

// Dir returns the files of the folder dir, as one rule for every caller:
// no path is followed through a symbolic link or into a submodule, at any
// depth from dir down (dir itself is the user's choice and may be reached
// through a link).
//
// Open and ReadDir refuse a path that is or passes through a link or a
// submodule with a RefusedError; Stat does not follow a link, it describes
// the entry (as Lstat does), and refuses only a path through one. ReadDir
// reports links as such, which Walk relies on. Each folder is checked
// once, the first time it is reached: open a new Dir for every build.
func Dir(dir string) (fs.FS, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open site %s: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("open site %s: not a folder", dir)
	}
	return &dirFS{fsys: os.DirFS(dir).(dirFSBase)}, nil
}

// dirFSBase is what os.DirFS provides; dirFS uses it for the file system
// calls, and so its handling of names on every OS.
type dirFSBase interface {
	fs.ReadDirFS
	fs.ReadLinkFS
	fs.StatFS
}

// dirFS is the work tree of a site, checked path by path.
type dirFS struct {
	fsys dirFSBase
	// checked holds the folders found to be neither links nor
	// submodules.
	checked sync.Map
}

// Open implements fs.FS.
func (d *dirFS) Open(name string) (fs.File, error) {
	if err := d.enter(name, "open"); err != nil {
		return nil, err
	}
	return d.fsys.Open(name)
}

// ReadDir implements fs.ReadDirFS.
func (d *dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := d.enter(name, "readdir"); err != nil {
		return nil, err
	}
	return d.fsys.ReadDir(name)
}

// Stat implements fs.StatFS. It describes name itself, never what a link
// points to.
func (d *dirFS) Stat(name string) (fs.FileInfo, error) {
	if err := d.through(name, "stat"); err != nil {
		return nil, err
	}
	return d.fsys.Lstat(name)
}

// enter checks the folders on the way to name and name itself.
func (d *dirFS) enter(name, op string) error {
	if err := d.through(name, op); err != nil {
		return err
	}
	if name == "." {
		return nil
	}
	st, err := d.fsys.Lstat(name)
	switch {
	case err != nil:
		return err
	case st.Mode()&fs.ModeSymlink != 0:
		return &fs.PathError{Op: op, Path: name, Err: &RefusedError{Path: name, Err: ErrLink}}
	case st.IsDir():
		return d.folder(name, name, op)
	}
	return nil
}

// through checks every folder on the way to name, not name itself.
func (d *dirFS) through(name, op string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	for i := range len(name) {
		if name[i] != '/' {
			continue
		}
		p := name[:i]
		if _, ok := d.checked.Load(p); ok {
			continue
		}
		st, err := d.fsys.Lstat(p)
		switch {
		case err != nil:
			return &fs.PathError{Op: op, Path: name, Err: unwrapPath(err)}
		case st.Mode()&fs.ModeSymlink != 0:
			return &fs.PathError{Op: op, Path: name, Err: &RefusedError{Path: p, Err: ErrLink}}
		case !st.IsDir():
			return &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
		}
		if err := d.folder(p, name, op); err != nil {
			return err
		}
	}
	return nil
}

// folder checks that the folder p, on the way to name, is not a
// submodule.
func (d *dirFS) folder(p, name, op string) error {
	if _, ok := d.checked.Load(p); ok {
		return nil
	}
	if _, err := d.fsys.Lstat(path.Join(p, ".git")); err == nil {
		return &fs.PathError{Op: op, Path: name, Err: &RefusedError{Path: p, Err: ErrSubmodule}}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return &fs.PathError{Op: op, Path: name, Err: unwrapPath(err)}
	}
	d.checked.Store(p, true)
	return nil
}

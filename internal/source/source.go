package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/diag"
)

// File is a regular file found by Walk.
type File struct {
	// Path is slash-separated, relative to the site's root.
	Path string
	Size int64
	// ModTime is the file's modification time as listed (zero where the
	// files have none, as in a git tree).
	ModTime time.Time
	// Change is the time the file's status last changed, its ctime (a
	// write, a rename, a change of its times; zero where the system or
	// the files do not say): a tool that sets the modification time back
	// (cp -p, rsync -a, tar) cannot set it, as git's index knows.
	Change time.Time
}

// Limits bounds what Walk accepts.
type Limits struct {
	// MaxFileSize is the largest file, in bytes, that may be read.
	MaxFileSize int64
	// MaxFiles is the most files one walk returns.
	MaxFiles int
}

// Walk returns the regular files under dir in fsys, sorted by path, and
// reports as errors the entries that must not be read: symbolic links
// (dir itself included), git submodules, irregular files (devices,
// sockets) and files larger than lim.MaxFileSize. Hidden files and folders (".git", ".gitkeep") are
// skipped. A missing dir is an empty list.
func Walk(fsys fs.FS, dir string, lim Limits) ([]File, diag.List) {
	var (
		files []File
		diags diag.List
	)
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			if r, ok := Refused(err); ok {
				diags = append(diags, r)
				return nil
			}
			diags.Errorf(at(p), "read", "cannot read: %v", unwrapPath(err))
			return nil
		}
		if name := d.Name(); p != dir && (name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\\")) {
			// Only a crafted git tree can hold such a name; walking it
			// would go round in circles.
			diags.Errorf(at(p), "file-name", "an entry of this folder has the invalid name %q; remove it", name)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch t := d.Type(); {
		case t&fs.ModeSymlink != 0:
			diags = append(diags, Refusal(p, ErrLink))
			return nil
		case d.IsDir():
			return nil
		case !t.IsRegular():
			diags.Errorf(at(p), "irregular-file", "is not a regular file (%v); remove it", t)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			diags.Errorf(at(p), "read", "cannot read: %v", unwrapPath(err))
			return nil
		}
		if lim.MaxFileSize > 0 && info.Size() > lim.MaxFileSize {
			diags.Errorf(at(p), "file-size",
				"is %s, over the limit of %s; split it up, or raise limits.max_file_size in incidentsite.yaml",
				humanBytes(info.Size()), humanBytes(lim.MaxFileSize))
			return nil
		}
		if lim.MaxFiles > 0 && len(files) >= lim.MaxFiles {
			diags.Errorf(at(p), "file-count",
				"more than %d files under %s; raise limits.max_files in incidentsite.yaml", lim.MaxFiles, dir)
			return fs.SkipAll
		}
		files = append(files, File{Path: p, Size: info.Size(), ModTime: info.ModTime(), Change: changeTime(info)})
		return nil
	})
	if err != nil {
		diags.Errorf(at(dir), "read", "cannot read: %v", unwrapPath(err))
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, diags
}

// ReadFile reads f, refusing to read more than limit bytes even when the
// file grew since it was listed. A limit of zero means no limit.
func ReadFile(fsys fs.FS, f File, limit int64) ([]byte, error) {
	r, err := fsys.Open(f.Path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer r.Close()
	var src io.Reader = r
	if limit > 0 {
		src = io.LimitReader(r, limit+1)
	}
	// The size listed is almost always the size read: read into a buffer of
	// that size and one byte more, to see the end, rather than growing one.
	size := max(0, f.Size)
	if limit > 0 {
		size = min(size, limit)
	}
	b := make([]byte, size+1)
	n, err := io.ReadFull(src, b)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		b = b[:n]
	case err != nil:
		return nil, unwrapPath(err)
	default: // the file grew since it was listed
		rest, err := io.ReadAll(src)
		if err != nil {
			return nil, unwrapPath(err)
		}
		b = append(b, rest...)
	}
	if limit > 0 && int64(len(b)) > limit {
		return nil, fmt.Errorf("is over the limit of %s", humanBytes(limit))
	}
	return b, nil
}

// unwrapPath drops the operation and path of a *fs.PathError: diagnostics
// already name the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// at is the position of a whole file: its first line and column, so that
// every tool that wants a line gets one.
func at(p string) diag.Position { return diag.Position{File: p, Line: 1, Col: 1} }

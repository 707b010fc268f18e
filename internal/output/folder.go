package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Marker is the file NewStage puts into every output folder it writes. A
// folder that holds it was written by an earlier build and may be
// replaced; any other folder that holds files is left alone. It is part
// of the published site (a harmless dotfile, the same in every build).
const Marker = ".incidentsite-build"

// markerText is the marker's content: what the folder is, for whoever
// finds it.
const markerText = "This folder was written by incidentsite build, which replaces it whole on\n" +
	"the next build. A build replaces only a folder that holds this file.\n"

// Sources lists the site's own files and folders, by their names at the
// site's root. No output folder may be one of them, lie inside one, or
// hold one (only the site's own folder holds them).
var Sources = []string{"content", "templates", "layouts", "static", ".git", ".github", "incidentsite.yaml"}

// ErrPlace is wrapped by the errors of Check that come from where an
// output folder is named (outside the site, the site's own folder, one of
// its sources), which no state of the disk can make right.
var ErrPlace = errors.New("not a place for an output folder")

// CheckName reports, as an error that completes a sentence about rel,
// why rel cannot name an output folder of a site. rel is relative to the
// site's folder, with either separator; example is a folder name to
// suggest instead. It looks at the name only: Check also looks at the
// disk.
func CheckName(rel, example string) error {
	fix := "; the build replaces its output folder whole, so name a folder of its own, such as " + example
	clean := path.Clean(filepath.ToSlash(rel))
	switch {
	case filepath.IsAbs(rel) || path.IsAbs(clean):
		return placef("is an absolute path; name the folder relative to the site's folder, such as %s", example)
	case clean == ".." || strings.HasPrefix(clean, "../"):
		return placef("lies outside the site's folder; the build writes only inside the site, so name a folder in it, such as %s", example)
	case clean == ".":
		return placef("is the site's own folder%s", fix)
	}
	first, rest, _ := strings.Cut(clean, "/")
	// Case and trailing dots and spaces do not tell folders apart on
	// every file system (Content is content on macOS and Windows).
	first = strings.TrimRight(first, ". ")
	for _, src := range Sources {
		if !strings.EqualFold(first, src) {
			continue
		}
		kind := "folder"
		if strings.HasSuffix(src, ".yaml") {
			kind = "file"
		}
		if rest != "" {
			return placef("lies inside the site's %s %s%s", src, kind, fix)
		}
		return placef("is the site's %s %s%s", src, kind, fix)
	}
	return nil
}

// placeError is an error that is ErrPlace, with a message of its own.
type placeError struct{ msg string }

func (e *placeError) Error() string        { return e.msg }
func (e *placeError) Is(target error) bool { return target == ErrPlace }

func placef(format string, args ...any) error {
	return &placeError{fmt.Sprintf(format, args...)}
}

// Folder is an output folder that Check found safe to replace.
type Folder struct {
	root string // the site's folder, absolute
	rel  string // slash-separated, relative to root, clean, never "."
	name string // how it was named: -o public, output.public "public"
}

// Path returns the folder's path.
func (f Folder) Path() string { return filepath.Join(f.root, filepath.FromSlash(f.rel)) }

// Check returns the output folder dir (absolute, or relative to the
// current folder) of the site in the folder site, or says why the build
// may not replace it. name is how the user named it, such as "-o public",
// and starts every message. It is the one check for every way of naming
// an output: the folder
//
//   - lies inside the site's folder and is not that folder;
//   - is none of the site's Sources, lies inside none and holds none;
//   - is reached from the site's folder through no symbolic link (each
//     existing folder on the way is checked with Lstat);
//   - when it exists, is a folder holding the Marker of an earlier build,
//     or an empty folder.
//
// Errors about the place wrap ErrPlace; each says what to do.
func Check(site, dir, name string) (Folder, error) {
	root, err := filepath.Abs(site)
	if err != nil {
		return Folder{}, fmt.Errorf("%s: %w", name, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Folder{}, fmt.Errorf("%s: %w", name, err)
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || !local(rel) {
		rel = ".." // outside, unless:
		// The site's folder may be named through a link of its own (as
		// /tmp is on macOS), and the output by its real path.
		if real, err := filepath.EvalSymlinks(root); err == nil {
			if r, err := filepath.Rel(real, abs); err == nil && local(r) {
				root, rel = real, r
			}
		}
	}
	if err := CheckName(rel, "public"); err != nil {
		return Folder{}, fmt.Errorf("%s: %w", name, err)
	}
	f := Folder{root: root, rel: filepath.ToSlash(rel), name: name}
	return f, f.check()
}

// CheckApart reports why the output folders of one build cannot all be
// written: two of them are the same folder, or one lies inside another
// (in any letter case, as CheckName compares names), so that swapping one
// in would replace or carry away the other. DESIGN: the logbook is never
// under the public output.
func CheckApart(folders ...Folder) error {
	for i, a := range folders {
		for _, b := range folders[i+1:] {
			if a.root != b.root {
				continue // different sites' folders: Check keeps each inside its own
			}
			inner, outer := a, b
			if len(inner.rel) < len(outer.rel) {
				inner, outer = outer, inner
			}
			switch {
			case strings.EqualFold(inner.rel, outer.rel):
				return fmt.Errorf("%s and %s are the same folder; give each site a folder of its own", a.name, b.name)
			case len(inner.rel) > len(outer.rel) && inner.rel[len(outer.rel)] == '/' && strings.EqualFold(inner.rel[:len(outer.rel)], outer.rel):
				return fmt.Errorf("%s lies inside %s, which the build replaces whole; give each site a folder of its own, side by side", inner.name, outer.name)
			}
		}
	}
	return nil
}

// local reports whether the relative path rel stays inside its base.
func local(rel string) bool {
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// check looks at the disk: every existing folder on the way, then the
// folder itself.
func (f Folder) check() error {
	parts := strings.Split(f.rel, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		st, err := os.Lstat(filepath.Join(f.root, filepath.FromSlash(p)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil // the rest is created by the build
		case err != nil:
			return fmt.Errorf("%s: %w", f.name, err)
		case st.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s: %s is a symbolic link; an output folder must be reached through real folders of the site, so replace the link with a folder or choose another output folder", f.name, p)
		case !st.IsDir() && i == len(parts)-1:
			return fmt.Errorf("%s: %s exists and is not a folder; remove it or choose another output folder", f.name, p)
		case !st.IsDir():
			return fmt.Errorf("%s: %s is not a folder; choose another output folder", f.name, p)
		}
	}
	ours, err := owned(f.Path())
	if err != nil {
		return fmt.Errorf("%s: %w", f.name, err)
	}
	if !ours {
		return fmt.Errorf("%s: %s holds files that incidentsite build did not write (it has no %s file), and a build replaces its output folder whole; move those files away or choose another output folder", f.name, f.rel, Marker)
	}
	return nil
}

// owned reports whether the folder dir holds the Marker (a regular file,
// not a link) or nothing at all.
func owned(dir string) (bool, error) {
	if hasMarker(dir) {
		return true, nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer d.Close()
	if _, err := d.Readdirnames(1); err == io.EOF {
		return true, nil
	} else if err != nil {
		return false, err
	}
	return false, nil
}

// hasMarker reports whether the folder dir holds the Marker.
func hasMarker(dir string) bool {
	st, err := os.Lstat(filepath.Join(dir, Marker))
	return err == nil && st.Mode().IsRegular()
}

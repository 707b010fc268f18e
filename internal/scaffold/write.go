package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Write creates d's file in the site's folder root, and the folders it
// needs. It never replaces a file: when d.Path is taken, the error says
// what to do instead.
func (d *Draft) Write(root string) error {
	err := Create(root, d.Path, d.Text)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; new never overwrites a file, so %s", filepath.ToSlash(filepath.Join(root, filepath.FromSlash(d.Path))), d.exists)
	}
	return err
}

// Create writes data to the new file rel (slash-separated) under root,
// creating its folders. It refuses to replace a file (the error is then
// fs.ErrExist) and to write through a linked folder.
func Create(root, rel string, data []byte) error {
	// Site files must be real files of the repository (the build refuses
	// links at any depth): never write through a linked folder, which
	// could put the file outside the site.
	dir := root
	for _, part := range strings.Split(path.Dir(rel), "/") {
		if part == "." {
			break
		}
		dir = filepath.Join(dir, part)
		st, err := os.Lstat(dir)
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err != nil {
			return err
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symbolic link; site files must be real files in the repository, so replace the link with the folder it points to", filepath.ToSlash(dir))
		}
	}
	file := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	// O_EXCL also refuses a link at the file's own name.
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

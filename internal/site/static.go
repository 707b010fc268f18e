package site

import (
	"io/fs"
	"strings"
)

// static copies the static files to the root of the output: the built-in
// ones, then the site's own static/ folder, whose files win path by path.
func (r *renderer) static() error {
	for _, src := range []fs.FS{defaultsFS(), r.files} {
		if src == nil {
			continue
		}
		err := fs.WalkDir(src, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "static" {
					return fs.SkipDir // no static folder
				}
				return err
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			if !d.Type().IsRegular() {
				return nil // symbolic links are refused by validation
			}
			data, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			r.put(strings.TrimPrefix(p, "static/"), data)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

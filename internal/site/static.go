package site

import "strings"

// static copies the theme's static files to the root of the output.
func (r *renderer) static() error {
	for _, f := range r.theme.Static() {
		r.put(strings.TrimPrefix(f.Path, "static/"), f.Data)
	}
	return nil
}

package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/incidentsite/incidentsite/internal/project"
)

// watcher watches the files the build reads: the site's folder itself
// (for incidentsite.yaml, and for source folders that appear), and each
// source folder (content, templates, layouts, …) with every folder in it,
// adding folders as they appear. It ignores dot-folders and everything
// else at the site's root, the output folders among them: a build into
// them by another command does not trigger a rebuild.
type watcher struct {
	root    string
	sources []string
	fs      *fsnotify.Watcher
	warn    func(error)
}

// newWatcher starts watching the site in dir.
func newWatcher(dir string, warn func(error)) (*watcher, error) {
	if dir == "" {
		dir = "."
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	if warn == nil {
		warn = func(error) {}
	}
	w := &watcher{root: root, sources: project.SiteFiles(), fs: fw, warn: warn}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	for _, name := range w.sources {
		w.addTree(filepath.Join(root, name))
	}
	return w, nil
}

// source reports whether the path p, inside the root, is one of the
// site's sources or lies in one (not in a dot-folder of it).
func (w *watcher) source(p string) bool {
	rel, err := filepath.Rel(w.root, p)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if !slices.Contains(w.sources, parts[0]) {
		return false
	}
	for _, part := range parts[1:max(1, len(parts)-1)] {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return true
}

// addTree watches the folder dir and every folder in it, dot-folders
// aside, when dir is a folder (not a link).
func (w *watcher) addTree(dir string) {
	st, err := os.Lstat(dir)
	if err != nil || !st.IsDir() {
		return
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			w.warn(fmt.Errorf("watch %s: %w", w.rel(p), err))
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if err := w.fs.Add(p); err != nil {
			w.warn(fmt.Errorf("watch %s: %w; changes in it will not rebuild the site", w.rel(p), err))
		}
		return nil
	})
}

func (w *watcher) rel(p string) string {
	if r, err := filepath.Rel(w.root, p); err == nil {
		return filepath.ToSlash(r)
	}
	return p
}

// run calls rebuild once the site's files have been quiet for debounce
// after a change, until ctx is done; it then stops watching. Rebuilds
// run here, one at a time: changes made during one are seen after it and
// bring another.
func (w *watcher) run(ctx context.Context, debounce time.Duration, rebuild func()) {
	defer w.fs.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if !w.source(ev.Name) || ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Has(fsnotify.Create) {
				w.addTree(ev.Name) // a new folder: watch it, and what it holds
			}
			timer.Reset(debounce)
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: rebuild, the files tell the truth.
				timer.Reset(debounce)
			}
			w.warn(fmt.Errorf("watch: %w", err))
		case <-timer.C:
			rebuild()
		}
	}
}

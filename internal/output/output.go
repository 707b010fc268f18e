// Package output writes a built site to disk, the only way incidentsite
// writes one: every file goes into a new folder beside the target, and
// only when all are written is that folder swapped in for the old one.
// A failed build leaves the previous output exactly as it was, and files
// of records that became internal disappear with the swap.
//
// It also owns the rule for where an output may go (Check): inside the
// site, through no link, clear of the site's sources, and never over a
// folder an earlier build did not write. A build never deletes what it
// did not write.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// writers is how many files Write creates at once.
const writers = 16

// Hooks for the tests: how the previous output is removed, and how two
// folders are exchanged.
var (
	removeAll = os.RemoveAll
	exchange  = exchangeFolders
)

// Write replaces the folder f with one holding files (slash-separated
// paths to contents) and the Marker. It checks f again first: the disk
// may have changed since Check.
//
// The new folder is staged beside f, on the same file system, as
// ".NAME.new-*", and swapped in with one atomic exchange where the OS has
// one (Linux), else with two renames. Stages that killed builds left
// beside f (matching that pattern, holding the Marker, and in use by no
// running build) are removed first. Failing to remove the previous output
// after the swap does not fail the write: it is returned as a warning,
// and the next build removes it.
func Write(f Folder, files map[string][]byte) (warnings []string, err error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	dir := f.Path()
	names := make([]string, 0, len(files))
	dirs := map[string]bool{}
	for name := range files {
		if !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") {
			return nil, fmt.Errorf("write %s: refusing the unsafe path %q", f.rel, name)
		}
		if name == Marker {
			return nil, fmt.Errorf("write %s: refusing to write %s, the name of the build's own marker file", f.rel, name)
		}
		names = append(names, name)
		dirs[path.Dir(name)] = true
	}
	slices.Sort(names)

	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("write %s: %w", f.rel, err)
	}
	warnings = f.removeStale(parent, base)
	stage, err := os.MkdirTemp(parent, stagePrefix(base))
	if err != nil {
		return warnings, fmt.Errorf("write %s: %w", f.rel, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(stage)
		}
	}()
	// Lock the stage before it holds the marker, so that no other build
	// takes it for a killed build's.
	unlock, err := lock(stage)
	if err != nil {
		return warnings, fmt.Errorf("write %s: %w", f.rel, err)
	}
	defer unlock()
	if err := os.Chmod(stage, 0o755); err != nil {
		return warnings, fmt.Errorf("write %s: %w", f.rel, err)
	}
	if err := os.WriteFile(filepath.Join(stage, Marker), []byte(markerText), 0o644); err != nil {
		return warnings, fmt.Errorf("write %s: %w", f.rel, err)
	}
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if err := os.MkdirAll(filepath.Join(stage, filepath.FromSlash(d)), 0o755); err != nil {
			return warnings, fmt.Errorf("write %s: %w", f.rel, err)
		}
	}
	if err := writeAll(stage, names, files); err != nil {
		return warnings, fmt.Errorf("write %s: %w", f.rel, err)
	}

	old, err := swap(stage, dir)
	if err != nil {
		return warnings, fmt.Errorf("write %s: %w", f.rel, err)
	}
	if old != "" {
		if err := removeAll(old); err != nil {
			warnings = append(warnings, fmt.Sprintf("%s: the new output is in place, but the previous one could not be removed from %s (%v); the next build removes it, or remove it yourself",
				f.name, f.relative(old), unwrapPath(err)))
		}
	}
	return warnings, nil
}

// relative returns the path p inside the site, slash-separated from the
// site's folder, as messages show it.
func (f Folder) relative(p string) string {
	if rel, err := filepath.Rel(f.root, p); err == nil {
		return filepath.ToSlash(rel)
	}
	return p
}

// writeAll writes files into stage. Creating a file waits on the file
// system more than on the processor: keep several in flight.
func writeAll(stage string, names []string, files map[string][]byte) error {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		next     = make(chan string)
	)
	for range writers {
		wg.Go(func() {
			for name := range next {
				if err := os.WriteFile(filepath.Join(stage, filepath.FromSlash(name)), files[name], 0o644); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		})
	}
	for _, name := range names {
		next <- name
	}
	close(next)
	wg.Wait()
	return firstErr
}

// swap puts the folder stage in the place of dir and returns where the
// previous dir now is ("" when there was none).
func swap(stage, dir string) (old string, err error) {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		// Nothing to replace: one rename. Should a folder appear at dir
		// meanwhile, rename replaces it only if it is empty.
		return "", os.Rename(stage, dir)
	} else if err != nil {
		return "", err
	}
	switch err := exchange(stage, dir); {
	case err == nil:
		return stage, nil // the previous output is now at stage
	case !errors.Is(err, errNoExchange):
		return "", err
	}
	// Two renames: for a moment, dir does not exist.
	old = stage + ".old"
	if err := os.Rename(dir, old); err != nil {
		return "", fmt.Errorf("move the previous output aside: %w", err)
	}
	if err := os.Rename(stage, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return "", fmt.Errorf("%w; the previous output is in %s", err, old)
		}
		return "", err
	}
	return old, nil
}

// errNoExchange is returned by exchange where the OS or the file system
// cannot exchange two folders atomically.
var errNoExchange = errors.New("no atomic exchange here")

// stagePrefix is how the stages of the output folder base begin. The
// previous output moved aside by two renames is the stage's name and
// ".old", which the prefix matches too.
func stagePrefix(base string) string { return "." + base + ".new-" }

// removeStale removes the stages of base, in the folder parent, that
// builds killed before their swap left behind: only folders whose names
// match stagePrefix, that hold the Marker (they are ours), and that no
// running build holds locked. It returns what it could not remove.
func (f Folder) removeStale(parent, base string) []string {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return []string{fmt.Sprintf("%s: cannot look for the stages of earlier builds: %v", f.name, unwrapPath(err))}
	}
	var warnings []string
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), stagePrefix(base)) {
			continue // ReadDir does not follow links: a link is no folder
		}
		p := filepath.Join(parent, e.Name())
		if !hasMarker(p) {
			continue
		}
		unlock, ok := tryLock(p)
		if !ok {
			continue // a running build's
		}
		err := removeAll(p)
		unlock()
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("%s: cannot remove %s, left by an earlier build that was stopped (%v); remove it yourself", f.name, f.relative(p), unwrapPath(err)))
		}
	}
	return warnings
}

// unwrapPath drops the operation and path of a *fs.PathError when the
// message already names the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

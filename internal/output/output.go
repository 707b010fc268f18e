// Package output writes built sites to disk, the only way incidentsite
// writes one: each site's files go, as they are rendered, into a new
// folder (a stage) beside the site's output folder, and only when every
// site of the build is written are all the stages swapped in for the old
// folders, together. A failed build leaves every previous output exactly
// as it was, and files of records that became internal disappear with
// the swap.
//
// It also owns the rules for where an output may go (Check): inside the
// site, through no link, clear of the site's sources, and never over a
// folder an earlier build did not write; and for what a rendered file may
// be called (CheckPath). A build never deletes what it did not write.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Hooks for the tests: how the previous output is removed, and how two
// folders are exchanged.
var (
	removeAll = removeTree
	exchange  = exchangeFolders
)

// A Writer takes the files of a site as a renderer produces them.
type Writer interface {
	// Put writes the file name, a slash-separated path inside the site
	// (see CheckPath), holding data; a later Put of the same name replaces
	// it. Put is safe for concurrent use, and keeps no reference to data
	// once it returns.
	Put(name string, data []byte) error
}

// CheckPath reports why name cannot be the path of a file in an output
// folder: it must be a slash-separated path that stays inside the folder
// (fs.ValidPath, and no backslash, which Windows reads as a separator),
// and not the name of the Marker.
func CheckPath(name string) error {
	switch {
	case !fs.ValidPath(name) || name == "." || strings.Contains(name, `\`):
		return fmt.Errorf("refusing the unsafe path %q", name)
	case name == Marker:
		return fmt.Errorf("refusing to write %s, the name of the build's own marker file", name)
	}
	return nil
}

// Stage is the new content of an output folder, written beside it until
// Swap puts it in the folder's place. Its Put writes each file to disk at
// once: a build holds no more of a site in memory than the files being
// rendered.
type Stage struct {
	f      Folder
	dir    string // the stage's folder
	unlock func()

	mu      sync.Mutex
	files   map[string]bool // the names written
	folders map[string]bool // the folders made, slash-separated
	done    bool            // swapped in or discarded
}

// NewStage begins the new content of the folder f. It checks f again
// first: the disk may have changed since Check.
//
// The stage is a folder beside f, on the same file system, named
// ".NAME.new-*", holding the Marker. Stages that killed builds left beside
// f (matching that pattern, holding the Marker, and in use by no running
// build) are removed first; what cannot be removed is a warning. Every
// stage must end in Swap or Discard.
func NewStage(f Folder) (s *Stage, warnings []string, err error) {
	if err := f.check(); err != nil {
		return nil, nil, err
	}
	dir := f.Path()
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, nil, fmt.Errorf("write %s: %w", f.rel, err)
	}
	warnings = f.removeStale(parent, base)
	stage, err := os.MkdirTemp(parent, stagePrefix(base))
	if err != nil {
		return nil, warnings, fmt.Errorf("write %s: %w", f.rel, err)
	}
	// Lock the stage before it holds the marker, so that no other build
	// takes it for a killed build's.
	unlock, err := lock(stage)
	if err == nil {
		err = os.Chmod(stage, 0o755)
		if err == nil {
			err = os.WriteFile(filepath.Join(stage, Marker), []byte(markerText), 0o644)
		}
		if err != nil {
			unlock()
		}
	}
	if err != nil {
		os.RemoveAll(stage)
		return nil, warnings, fmt.Errorf("write %s: %w", f.rel, err)
	}
	return &Stage{f: f, dir: stage, unlock: unlock, files: map[string]bool{}, folders: map[string]bool{".": true}}, warnings, nil
}

// Put writes the file name into the stage; see Writer.
func (s *Stage) Put(name string, data []byte) error {
	if err := CheckPath(name); err != nil {
		return fmt.Errorf("write %s: %w", s.f.rel, err)
	}
	folder := path.Dir(name)
	s.mu.Lock()
	if s.done {
		s.mu.Unlock()
		return fmt.Errorf("write %s: %s: the stage was already swapped in or discarded", s.f.rel, name)
	}
	s.files[name] = true
	made := s.folders[folder]
	s.mu.Unlock()
	if !made {
		// Two files of one new folder may both make it: MkdirAll allows that.
		if err := os.MkdirAll(filepath.Join(s.dir, filepath.FromSlash(folder)), 0o755); err != nil {
			return fmt.Errorf("write %s: %w", s.f.rel, err)
		}
		s.mu.Lock()
		s.folders[folder] = true
		s.mu.Unlock()
	}
	if err := os.WriteFile(filepath.Join(s.dir, filepath.FromSlash(name)), data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", s.f.rel, err)
	}
	return nil
}

// Files returns how many files were put into the stage, the Marker aside.
func (s *Stage) Files() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.files)
}

// Discard removes the stage, unless Swap put it in place. It may be
// called more than once, and after Swap: a deferred Discard cleans up
// whatever way the build ends.
func (s *Stage) Discard() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return
	}
	s.done = true
	removeTree(s.dir)
	s.unlock()
}

// Swap puts every stage in the place of its folder, together: when one
// cannot be swapped in, those already swapped are swapped back, and every
// folder is as it was (the stages stay, for Discard). Each folder is
// checked again first.
//
// A stage is swapped in with one atomic exchange where the OS has one
// (Linux), else with two renames. Failing to remove a previous output
// after the swap does not fail it: that is a warning, and the next build
// removes it.
func Swap(stages ...*Stage) (warnings []string, err error) {
	for _, s := range stages {
		s.mu.Lock()
		done := s.done
		s.mu.Unlock()
		if done {
			return nil, fmt.Errorf("write %s: the stage was already swapped in or discarded", s.f.rel)
		}
		if err := s.f.check(); err != nil {
			return nil, err
		}
	}
	olds := make([]string, len(stages))
	undos := make([]func() error, len(stages))
	for i, s := range stages {
		olds[i], undos[i], err = swap(s.dir, s.f.Path())
		if err == nil {
			continue
		}
		err = fmt.Errorf("write %s: %w", s.f.rel, err)
		for j := i - 1; j >= 0; j-- {
			if uerr := undos[j](); uerr != nil {
				err = fmt.Errorf("%w; and %s could not be put back as it was (%v): its previous output is in %s, put it back yourself",
					err, stages[j].f.rel, uerr, stages[j].f.relative(olds[j]))
			}
		}
		return nil, err
	}
	for i, s := range stages {
		s.mu.Lock()
		s.done = true
		s.mu.Unlock()
		if olds[i] != "" {
			if err := removeAll(olds[i]); err != nil {
				warnings = append(warnings, fmt.Sprintf("%s: the new output is in place, but the previous one could not be removed from %s (%v); the next build removes it, or remove it yourself",
					s.f.name, s.f.relative(olds[i]), unwrapPath(err)))
			}
		}
		s.unlock()
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

// swap puts the folder stage in the place of dir and returns where the
// previous dir now is ("" when there was none), and how to put it back.
func swap(stage, dir string) (old string, undo func() error, err error) {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		// Nothing to replace: one rename. Should a folder appear at dir
		// meanwhile, rename replaces it only if it is empty.
		if err := os.Rename(stage, dir); err != nil {
			return "", nil, err
		}
		return "", func() error { return os.Rename(dir, stage) }, nil
	} else if err != nil {
		return "", nil, err
	}
	switch err := exchange(stage, dir); {
	case err == nil:
		// The previous output is now at stage.
		return stage, func() error { return exchange(stage, dir) }, nil
	case !errors.Is(err, errNoExchange):
		return "", nil, err
	}
	// Two renames: for a moment, dir does not exist.
	old = stage + ".old"
	if err := os.Rename(dir, old); err != nil {
		return "", nil, fmt.Errorf("move the previous output aside: %w", err)
	}
	if err := os.Rename(stage, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return "", nil, fmt.Errorf("%w; the previous output is in %s", err, old)
		}
		return "", nil, err
	}
	return old, func() error {
		if err := os.Rename(dir, stage); err != nil {
			return err
		}
		return os.Rename(old, dir)
	}, nil
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

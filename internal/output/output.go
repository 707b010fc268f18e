// Package output writes a built site to disk, the only way incidentsite
// writes one: every file goes into a new folder beside the target, and
// only when all are written is that folder swapped in for the old one.
// A failed build leaves the previous output exactly as it was, and files
// of records that became internal disappear with the swap.
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

// Write replaces the folder dir with one holding files (slash-separated
// paths to contents). The new folder is staged beside dir, on the same
// file system, so that the swap is two renames; the old folder is removed
// afterwards.
func Write(dir string, files map[string][]byte) (err error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if st, err := os.Lstat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("write %s: it exists and is not a folder; remove it or choose another output folder", dir)
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(stage)
		}
	}()
	if err := os.Chmod(stage, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	names := make([]string, 0, len(files))
	dirs := map[string]bool{}
	for name := range files {
		if !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") {
			return fmt.Errorf("write %s: refusing the unsafe path %q", dir, name)
		}
		names = append(names, name)
		dirs[path.Dir(name)] = true
	}
	slices.Sort(names)
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if err := os.MkdirAll(filepath.Join(stage, filepath.FromSlash(d)), 0o755); err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
	}
	// Creating a file waits on the file system more than on the processor:
	// keep several in flight.
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
	if firstErr != nil {
		return fmt.Errorf("write %s: %w", dir, firstErr)
	}
	// Swap: move the old folder aside, the new one in, then drop the old.
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		old = stage + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("write %s: move the previous output aside: %w", dir, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := os.Rename(stage, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir) // put the previous output back
		}
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("write %s: remove the previous output %s: %w", dir, old, err)
		}
	}
	return nil
}

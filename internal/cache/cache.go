// Package cache is incidentsite's cache folder: what a run derived from
// its inputs at some cost (the history of a commit) kept for the next
// run, as Go's build cache keeps compiled packages. It lives outside the
// site, in the user's cache folder, so it is never committed, never
// published and never read from a repository someone else wrote; a site
// whose cache is empty or gone builds the same, only slower.
//
// What it keeps is keyed by the caller's key and by the program that
// wrote it (a hash of its executable): another version of incidentsite
// never reads it. Each file carries a checksum, a damaged one is a miss,
// and a file is written beside its place and renamed into it, so that a
// reader never sees half of one. Each kind keeps its most recently used
// files only (Keep).
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// Env names the environment variable that says where the cache is: a
// folder, or "off" for none. Unset, it is the folder "incidentsite" in
// the user's cache folder (os.UserCacheDir: $XDG_CACHE_HOME or ~/.cache
// on Linux).
const Env = "INCIDENTSITE_CACHE"

// Keep is how many files of each kind a Dir keeps, the most recently
// used: the histories of the last few commits built.
const Keep = 4

// Dir is a cache folder. Its methods are safe for concurrent use, by
// goroutines and by other processes sharing the folder.
type Dir struct {
	root    *os.Root
	path    string
	program [sha256.Size]byte
}

// Path returns the folder's path, absolute.
func (d *Dir) Path() string { return d.path }

// Location returns the cache folder the environment (read with getenv)
// names, "" for none: the folder INCIDENTSITE_CACHE names (named), none
// when it says "off", else "incidentsite" in the user's cache folder, or
// none on a machine without one.
func Location(getenv func(string) string) (dir string, named bool) {
	switch dir := getenv(Env); dir {
	case "off":
		return "", true
	case "":
		user, err := os.UserCacheDir()
		if err != nil {
			return "", false
		}
		return filepath.Join(user, "incidentsite"), false
	default:
		return dir, true
	}
}

// Open opens the cache folder dir, making it (for its user only) when
// it does not exist yet.
func Open(dir string) (*Dir, error) {
	program, err := programHash()
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	return &Dir{root: root, path: abs, program: program}, nil
}

// Close releases the folder.
func (d *Dir) Close() error { return d.root.Close() }

// programHash is the hash of the running program's executable: what
// a cache file was written by is part of its name.
func programHash() (sum [sha256.Size]byte, err error) {
	exe, err := os.Executable()
	if err != nil {
		return sum, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// magic starts every file of the cache, before the checksum of the data.
const magic = "incidentsite cache 1\n"

// validKind is what a kind may be: the name of a folder of the cache.
var validKind = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)

// name returns the file that holds kind's data for key.
func (d *Dir) name(kind, key string) (string, bool) {
	if !validKind.MatchString(kind) {
		return "", false
	}
	h := sha256.New()
	h.Write(d.program[:])
	h.Write([]byte(kind + "\x00" + key))
	return kind + "/" + hex.EncodeToString(h.Sum(nil)), true
}

// Get returns the data Put kept under kind and key, and marks it used.
// A file missing, damaged or of another program is a miss.
func (d *Dir) Get(kind, key string) ([]byte, bool) {
	if d == nil {
		return nil, false
	}
	name, ok := d.name(kind, key)
	if !ok {
		return nil, false
	}
	b, err := d.root.ReadFile(name)
	if err != nil || len(b) < len(magic)+sha256.Size || string(b[:len(magic)]) != magic {
		return nil, false
	}
	sum, data := b[len(magic):len(magic)+sha256.Size], b[len(magic)+sha256.Size:]
	if got := sha256.Sum256(data); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	now := time.Now()
	_ = d.root.Chtimes(name, now, now) // for Keep: a failure only ages it
	return data, true
}

// Put keeps data under kind and key, replacing what was there, then
// removes the files of kind beyond the Keep most recently used. A cache
// that cannot be written is no error: the next run only does the work
// again.
func (d *Dir) Put(kind, key string, data []byte) {
	if d == nil {
		return
	}
	name, ok := d.name(kind, key)
	if !ok {
		return
	}
	if err := d.root.MkdirAll(kind, 0o700); err != nil {
		return
	}
	tmp := kind + "/.tmp-" + strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + strconv.Itoa(os.Getpid())
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return
	}
	sum := sha256.Sum256(data)
	_, err = f.Write(slices.Concat([]byte(magic), sum[:]))
	if err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = d.root.Rename(tmp, name)
	}
	if err != nil {
		_ = d.root.Remove(tmp)
		return
	}
	d.trim(kind)
}

// staleTemp is the age after which a temporary file is one a crashed run
// left behind.
const staleTemp = time.Hour

// trim removes the files of kind beyond the Keep most recently used, and
// temporary files older than staleTemp.
func (d *Dir) trim(kind string) {
	f, err := d.root.Open(kind)
	if err != nil {
		return
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return
	}
	type file struct {
		name string
		used time.Time
	}
	var files []file
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		if e.Name()[0] == '.' {
			if time.Since(info.ModTime()) > staleTemp {
				_ = d.root.Remove(kind + "/" + e.Name())
			}
			continue
		}
		files = append(files, file{e.Name(), info.ModTime()})
	}
	slices.SortFunc(files, func(a, b file) int { return b.used.Compare(a.used) })
	for _, f := range files[min(Keep, len(files)):] {
		if err := d.root.Remove(kind + "/" + f.name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return
		}
	}
}

package cache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func open(t *testing.T) (*Dir, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "cache")
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d, dir
}

func TestPutGet(t *testing.T) {
	d, dir := open(t)
	if _, ok := d.Get("history", "k"); ok {
		t.Fatal("an empty cache gave data")
	}
	d.Put("history", "k", []byte("one"))
	d.Put("history", "other", []byte("two"))
	if b, ok := d.Get("history", "k"); !ok || string(b) != "one" {
		t.Errorf("Get = %q, %v; want one", b, ok)
	}
	if _, ok := d.Get("records", "k"); ok {
		t.Error("another kind gave the data of the same key")
	}
	d.Put("history", "k", []byte("three"))
	if b, _ := d.Get("history", "k"); string(b) != "three" {
		t.Errorf("after a second Put, Get = %q; want three", b)
	}
	info, err := os.Stat(dir)
	if err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("the folder's mode is %v (%v); want its user's only", info.Mode(), err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "history", "*"))
	if len(files) != 2 {
		t.Errorf("files %q; want 2, and no temporary file left", files)
	}
	for _, f := range files {
		if info, err := os.Stat(f); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v (%v); want its user's only", f, info.Mode(), err)
		}
	}
}

// TestProgram: what another program (another version of incidentsite)
// wrote is not read.
func TestProgram(t *testing.T) {
	d, dir := open(t)
	d.Put("history", "k", []byte("one"))
	other, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.program[0]++
	if _, ok := other.Get("history", "k"); ok {
		t.Error("another program read this one's data")
	}
}

// TestDamaged: a file cut short, changed or replaced by a link out of
// the folder is a miss, never data.
func TestDamaged(t *testing.T) {
	d, dir := open(t)
	secret := filepath.Join(t.TempDir(), "secret")
	for name, damage := range map[string]func(string) error{
		"cut": func(p string) error {
			b, _ := os.ReadFile(p)
			return os.WriteFile(p, b[:len(b)-1], 0o600)
		},
		"changed": func(p string) error {
			b, _ := os.ReadFile(p)
			b[len(b)-1] ^= 1
			return os.WriteFile(p, b, 0o600)
		},
		"empty": func(p string) error { return os.WriteFile(p, nil, 0o600) },
		"link out": func(p string) error {
			b, _ := os.ReadFile(p)
			if err := os.WriteFile(secret, b, 0o600); err != nil {
				return err
			}
			os.Remove(p)
			return os.Symlink(secret, p)
		},
	} {
		d.Put("history", name, []byte("data of "+name))
		name0, _ := d.name("history", name)
		if err := damage(filepath.Join(dir, filepath.FromSlash(name0))); err != nil {
			t.Fatal(err)
		}
		if b, ok := d.Get("history", name); ok {
			t.Errorf("%s: Get = %q; want a miss", name, b)
		}
	}
}

// TestKeep: a kind keeps its Keep most recently used files.
func TestKeep(t *testing.T) {
	d, dir := open(t)
	old := time.Now().Add(-time.Hour)
	for i := range Keep {
		key := string(rune('a' + i))
		d.Put("history", key, []byte(key))
		name, _ := d.name("history", key)
		os.Chtimes(filepath.Join(dir, name), old, old.Add(time.Duration(i)*time.Minute))
	}
	d.Get("history", "a") // the oldest, used again
	os.WriteFile(filepath.Join(dir, "history", ".tmp-crashed"), nil, 0o600)
	os.Chtimes(filepath.Join(dir, "history", ".tmp-crashed"), old, old)
	d.Put("history", "new", []byte("new"))
	for key, want := range map[string]bool{"a": true, "b": false, "c": true, "d": true, "new": true} {
		if _, ok := d.Get("history", key); ok != want {
			t.Errorf("%s kept: %v, want %v", key, ok, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "history", ".tmp-crashed")); err == nil {
		t.Error("a crashed run's temporary file is still there")
	}
}

func TestKinds(t *testing.T) {
	d, dir := open(t)
	for _, kind := range []string{"", "../out", "a/b", "History", strings.Repeat("a", 40)} {
		d.Put(kind, "k", []byte("x"))
		if _, ok := d.Get(kind, "k"); ok {
			t.Errorf("kind %q was kept", kind)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("the folder holds %v", entries)
	}
	var nilDir *Dir
	nilDir.Put("history", "k", []byte("x"))
	if _, ok := nilDir.Get("history", "k"); ok {
		t.Error("a nil Dir gave data")
	}
}

func TestLocation(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	env[Env] = "off"
	if dir, named := Location(getenv); dir != "" || !named {
		t.Errorf("off: %q, %v; want none", dir, named)
	}
	env[Env] = "/some/where"
	if dir, named := Location(getenv); dir != "/some/where" || !named {
		t.Errorf("a folder: %q, %v", dir, named)
	}
	delete(env, Env)
	if dir, named := Location(getenv); named || (dir != "" && filepath.Base(dir) != "incidentsite") {
		t.Errorf("the default: %q, %v; want the user's cache folder's incidentsite", dir, named)
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	if d, err := Open(filepath.Join(file, "c")); d != nil || err == nil {
		t.Errorf("a folder that cannot be made: %v, %v; want an error", d, err)
	}
}

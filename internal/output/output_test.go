package output_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/incidentsite/incidentsite/internal/output"
)

func TestWriteReplacesWhole(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := output.Write(dir, map[string][]byte{"index.html": []byte("a"), "incidents/x/index.html": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := output.Write(dir, map[string][]byte{"index.html": []byte("b")}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(b) != "b" {
		t.Errorf("index.html = %q, want b", b)
	}
	// A withdrawn incident's page disappears with the swap.
	if _, err := os.Stat(filepath.Join(dir, "incidents/x/index.html")); !os.IsNotExist(err) {
		t.Errorf("stale file still there: %v", err)
	}
	// Nothing is left beside the output.
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

func TestWriteFailureKeepsPrevious(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := output.Write(dir, map[string][]byte{"index.html": []byte("good")}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../escape.html", "/abs.html", "a/../../b", `a\b`} {
		if err := output.Write(dir, map[string][]byte{"index.html": []byte("new"), bad: nil}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(b) != "good" {
		t.Errorf("previous output changed: %q", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("staging left behind: %v", entries)
	}
}

func TestWriteRefusesAFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(dir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := output.Write(dir, map[string][]byte{"index.html": nil}); err == nil {
		t.Error("replaced a file with a folder")
	}
}

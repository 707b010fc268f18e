package cli

import (
	"io"
	"runtime/debug"
	"testing"
)

// TestValidateRestoresGCPercent checks that validate's collector setting
// lasts only as long as the command, whether or not GOGC is set: a
// program that runs commands in-process keeps its own.
func TestValidateRestoresGCPercent(t *testing.T) {
	const mine = 150
	defer debug.SetGCPercent(debug.SetGCPercent(mine))
	for _, gogc := range []string{"", "50"} {
		getenv := func(k string) string {
			if k == "GOGC" {
				return gogc
			}
			return ""
		}
		if code := run([]string{"-s", t.TempDir(), "validate"}, io.Discard, io.Discard, getenv); code != ExitFailed {
			t.Errorf("GOGC=%q: validate of an empty folder exited %d, want %d", gogc, code, ExitFailed)
		}
		if got := debug.SetGCPercent(mine); got != mine {
			t.Errorf("GOGC=%q: after validate the GC percent is %d, want %d", gogc, got, mine)
		}
	}
}

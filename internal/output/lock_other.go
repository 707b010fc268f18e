//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly)

package output

import (
	"os"
	"time"
)

// staleAfter is how old a stage must be, where folders cannot be locked,
// before it is taken for a killed build's: no build runs that long.
const staleAfter = 24 * time.Hour

// lock does nothing where folders cannot be locked.
func lock(string) (unlock func(), err error) { return func() {}, nil }

// tryLock takes dir for a killed build's stage when it was last changed
// more than staleAfter ago.
func tryLock(dir string) (unlock func(), ok bool) {
	st, err := os.Stat(dir)
	return func() {}, err == nil && time.Since(st.ModTime()) > staleAfter
}

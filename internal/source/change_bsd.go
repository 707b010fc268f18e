//go:build darwin || freebsd || netbsd

package source

import (
	"io/fs"
	"syscall"
	"time"
)

// changeTime returns the time info's file last changed status (its
// ctime: a write, a rename, a change of its times), zero when info does
// not say.
func changeTime(info fs.FileInfo) time.Time {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return time.Unix(int64(st.Ctimespec.Sec), int64(st.Ctimespec.Nsec))
	}
	return time.Time{}
}

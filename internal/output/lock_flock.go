//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package output

import (
	"golang.org/x/sys/unix"
)

// lock takes an exclusive lock on the folder dir, held until unlock is
// called or the process ends (killed builds release theirs).
func lock(dir string) (unlock func(), err error) {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB); err != nil {
		unix.Close(fd)
		return nil, err
	}
	return func() { unix.Close(fd) }, nil
}

// tryLock locks dir when no running process holds it.
func tryLock(dir string) (unlock func(), ok bool) {
	unlock, err := lock(dir)
	return unlock, err == nil
}

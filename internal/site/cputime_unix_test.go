//go:build unix

package site

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, user and system: a
// benchmark's CPU per operation varies less than its wall time on a
// shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

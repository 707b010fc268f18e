package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchangeFolders swaps the folders a and b in one step
// (renameat2 RENAME_EXCHANGE): at no moment does either name lack a
// complete folder. File systems without it give errNoExchange.
func exchangeFolders(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		return errNoExchange
	}
	return err
}

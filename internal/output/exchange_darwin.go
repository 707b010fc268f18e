package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchangeFolders swaps the folders a and b in one step
// (renamex_np RENAME_SWAP). File systems without it give errNoExchange.
func exchangeFolders(a, b string) error {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EINVAL) {
		return errNoExchange
	}
	return err
}

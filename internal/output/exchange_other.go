//go:build !linux && !darwin

package output

// exchangeFolders reports that this OS has no atomic exchange of two
// folders within Go's reach (Windows has none for folders): Swap falls
// back to two renames.
func exchangeFolders(a, b string) error { return errNoExchange }

// Package history reads, in one pass over a repository's commits, the
// revisions of every file under a folder of the site (its content/): who
// changed it, when and why. The logbook's audit trail, the time each
// incident was first registered and the checks that the chronology is
// append-only and committed on time are built from it.
//
// It reads git's object store through go-git and never a work tree; it
// must not import the stages after loading (model, projection, the
// renderers): it gives them data, not pages.
package history

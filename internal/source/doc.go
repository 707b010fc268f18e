// Package source gives the rest of incidentsite one fs.FS view of a site,
// whether its files come from the work tree or from a committed tree read
// through go-git, and walks it safely: symbolic links, irregular files,
// oversize files and unsafe names are reported before anything is read.
//
// No later stage knows where a file came from.
package source

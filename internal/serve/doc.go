// Package serve is incidentsite's preview server: it builds both sites
// into memory (package build, with the wall clock as "now"), serves the
// public site at / and the logbook under /logbook/ on the loopback, and
// rebuilds on every change of the site's files, telling open pages to
// reload through server-sent events. A failed rebuild keeps the last
// good site and shows its positioned errors on every page.
//
// It serves files only from the in-memory build, never from the disk by
// a requested path, and answers only requests addressed to a loopback
// name (DNS rebinding). It prints nothing: the command learns of each
// build through Options.OnBuild. It must never import internal/cli.
package serve

// Package diff compares two checked sites, as two revisions of a
// repository give them, and says what the change does: for customers, by
// comparing the two public projections (what the status page shows), and
// for the team, by comparing the two models (what the logbook shows).
//
// It reads the model and the public projection, and writes reports in
// three formats (text, markdown, json); it never reads files, git or the
// renderers' output, and nothing but the commands imports it.
//
// Each site is read in one pass into maps by record id, so a comparison
// is linear in the number of records.
package diff

// Package regulation loads the regulations whose reporting deadlines the
// logbook tracks, and computes their clocks.
//
// Regulations are data, as category templates are: the built-in ones
// (nis2, gdpr, dora) are embedded in the binary, and a site's own sit in
// its regulations/ folder, one file per regulation, regulations/NAME.yaml.
// A site's file replaces the built-in file of the same name as a whole
// (copy the built-in one and change it: a national variant whose early
// warning also goes to the competent authority lists both roles under to:),
// and a new name adds a regulation. Each loaded regulation records where it
// came from (File, Builtin).
//
// A regulation holds the criteria a team weighs to decide whether an
// incident falls under it (a checklist, with the articles), the conditions
// a stage may depend on (GDPR art. 34's high risk), and its stages: the
// reports it asks for, each with the notification kinds that record it in
// an incident file, its recipients (contact roles), its clocks and the
// content the report must hold, item by item with the article that asks
// for it.
//
// Clocks is a pure function of a regulation, an incident's facts and the
// build's now: each stage is met, due, missed, not started or not
// required. A later stage's clock starts from the actual submission of
// the earlier one, never from detection.
//
// The package reads the site's files through package source and reports
// every mistake through package diag with its position; it never imports
// the model, the records or a renderer.
package regulation

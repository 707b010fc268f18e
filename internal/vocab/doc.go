// Package vocab is the one place that spells the words records are
// written in and the site reports in: the levels of a service, Statuspage's
// incident impacts, the statuses of updates, maintenance windows and RCAs,
// visibilities, exercise kinds and the kinds of record. Each is a Go type
// with its values in order, and with what follows from them defined once:
// the ranking that picks the worst level, the weight of a level in
// availability, the impact of a severity by its place among a template's
// severities, and the level a maintenance status or an impact stands for.
//
// The words are Atlassian Statuspage's where it has them, so the API
// writes them unchanged. Values read from a file keep whatever was
// written; package validate checks them against the lists here.
//
// It imports nothing of incidentsite: every other package may import it,
// the renderers of the public site included.
package vocab

package logbook

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/vocab"
)

// The register's sortable columns and filter, in the browser: logbook.js
// (a static file of the logbook, which the site's static/logbook.js
// replaces) turns the column headers into buttons and adds a search field
// and a select per facet above the table. What it needs from the page is
// written here: a sort value on each cell whose text does not sort, and
// the facets of each row and of each facet link. Without JavaScript the
// table stays as it is and the facet pages are the filters.

// sortValues are the data-sort attributes of a register row's cells; an
// empty one is left out, and the script sorts that cell by its text or
// its <time datetime>.
type sortValues struct {
	// Title sorts the first column by the incident's title, not by the
	// id shown under it.
	Title string
	// Severity is the severity's place in its category's scale, least
	// severe first, from 1; Status, the status's place in the incident's
	// course.
	Severity, Status string
	// Resolved is "Infinity" while the incident is open: after every
	// resolved one, as not resolved yet.
	Resolved string
	// Duration is in minutes (so far, while open).
	Duration string
}

// sortOf returns the sort values of x's cells at now.
func sortOf(x row, title string, now time.Time) sortValues {
	inc := x.inc
	s := sortValues{Title: title}
	if inc.Template != nil {
		if i := slices.Index(inc.Template.Severities, inc.Severity); i >= 0 {
			s.Severity = strconv.Itoa(i + 1)
		}
	}
	if i := slices.Index(vocab.IncidentStatuses, inc.Status()); i >= 0 {
		s.Status = strconv.Itoa(i + 1)
	}
	end := inc.Resolved
	if !inc.IsResolved() {
		s.Resolved, end = "Infinity", now
	}
	if !end.Before(inc.Detected) {
		s.Duration = strconv.Itoa(int(end.Sub(inc.Detected).Round(time.Minute) / time.Minute))
	}
	return s
}

// token is the facet as logbook.js reads it: "dimension:value".
func (f *facet) token() string { return f.dim.id + ":" + f.value }

// rowFacets returns the tokens of every facet x belongs to, space
// separated: the values of facets are ids, years and vocabulary words,
// none with a space.
func rowFacets(x row) string {
	var b strings.Builder
	for _, d := range dimensions {
		for _, v := range d.values(x) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(d.id + ":" + v)
		}
	}
	return b.String()
}

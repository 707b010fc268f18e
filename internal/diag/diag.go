// Package diag defines positioned diagnostics (errors and warnings about a
// site's files) and the printers that show them to people and to tools.
//
// It owns the vocabulary every stage uses to report problems in the input:
// a Position, a Diagnostic and a List that sorts, deduplicates and counts
// them.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity tells whether a diagnostic fails validation.
type Severity int

const (
	// Error marks a problem that makes the site invalid.
	Error Severity = iota
	// Warning marks a problem worth fixing that does not fail validation.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Position is a place in a file of the site. Line and Col count from 1; a
// zero Line means the whole file and a zero Col the whole line.
type Position struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// String returns "file:line:col", leaving out what is unknown.
func (p Position) String() string {
	switch {
	case p.Line <= 0:
		return p.File
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Compare orders positions by file, line and column.
func (p Position) Compare(q Position) int {
	return cmp.Or(strings.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col))
}

// Diagnostic is one problem found in the input.
type Diagnostic struct {
	Pos      Position
	Severity Severity
	// Rule is a short stable name for the check that failed, such as
	// "unknown-key"; tools may filter on it.
	Rule    string
	Message string
}

// String returns the diagnostic as "file:line:col: message", with
// "warning: " before the message of a warning.
func (d Diagnostic) String() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": warning: " + d.Message
	}
	return d.Pos.String() + ": " + d.Message
}

// List collects diagnostics. The zero value is ready to use.
type List []Diagnostic

// Errorf adds an error at pos.
func (l *List) Errorf(pos Position, rule, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Position, rule, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Append adds all diagnostics of m.
func (l *List) Append(m List) { *l = append(*l, m...) }

// Sort orders the list by position, errors before warnings at the same
// place, then by message, so that output is stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(a.Pos.Compare(b.Pos), cmp.Compare(a.Severity, b.Severity), strings.Compare(a.Message, b.Message))
	})
}

// Dedupe sorts the list and removes exact repeats of a diagnostic, which
// arise when two rules reach the same conclusion about the same place.
func (l List) Dedupe() List {
	l.Sort()
	return slices.CompactFunc(l, func(a, b Diagnostic) bool {
		return a.Pos == b.Pos && a.Severity == b.Severity && a.Message == b.Message
	})
}

// Count returns the number of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether the list holds at least one error.
func (l List) HasErrors() bool {
	e, _ := l.Count()
	return e > 0
}

// Err returns the list as an error when it holds errors, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return ErrorList(l)
}

// ErrorList is a List used as an error value.
type ErrorList List

// Error summarises the list as its first error and a count of the rest.
func (e ErrorList) Error() string {
	var first *Diagnostic
	n := 0
	for i := range e {
		if e[i].Severity == Error {
			if first == nil {
				first = &e[i]
			}
			n++
		}
	}
	switch {
	case first == nil:
		return "no errors"
	case n == 1:
		return first.String()
	}
	return fmt.Sprintf("%s (and %d more errors)", first, n-1)
}

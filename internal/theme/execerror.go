package theme

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strconv"
	texttemplate "text/template"
)

// execErrorRE reads the place text/template gives an execution error,
// "template: layouts/base.html:2:3: executing …": the only place it gives
// it (an ExecError holds the template's name, not the node's).
var execErrorRE = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// ExecError names the layout file, line and column of err, an error
// executing a layout while writing page (as the message says it: "the
// logbook's incidents/x/index.html"), as every other problem is reported:
// the site's own file when it overrides the built-in one. A runtime error
// (text/template turns the panic of a function or method the layout calls
// into an error) is a bug of incidentsite's, and says so. An error that
// names no layout of t is returned with page before it.
//
// A layout may call a method that executes a partial itself (a register
// row's HTML): the innermost execution error is the one that names the
// layout at fault.
func (t *Theme) ExecError(page string, err error) error {
	inner := err
	for e := err; e != nil; e = errors.Unwrap(e) {
		if x, ok := e.(texttemplate.ExecError); ok {
			inner = x
		}
	}
	m := execErrorRE.FindStringSubmatch(inner.Error())
	if m == nil {
		return fmt.Errorf("%s: %w", page, err)
	}
	f := t.File(m[1])
	if f == nil {
		return fmt.Errorf("%s: %w", page, err)
	}
	// text/template counts columns from 0 (parse.Tree.ErrorContext);
	// every other message counts them from 1, as editors do.
	col := "1"
	if n, err := strconv.Atoi(m[3]); err == nil {
		col = strconv.Itoa(n + 1)
	}
	fix := "fix the layout, or remove it to use the built-in one"
	var bug runtime.Error
	switch {
	case errors.As(err, &bug):
		return fmt.Errorf("%s:%s:%s: internal error while writing %s: %s; please report it", f.Origin(), m[2], col, page, m[4])
	case f.Builtin:
		fix = "the built-in layout is broken: please report it"
	}
	return fmt.Errorf("%s:%s:%s: %s (writing %s); %s", f.Origin(), m[2], col, m[4], page, fix)
}

// Package plan cuts a site's rendering into units that can run apart:
// each page, and each step that writes the site's other files (style
// sheets, feeds, the API, the register). A build renders every unit; a
// preview (incidentsite serve) runs a unit only when a file it writes is
// asked for, so that a change is served after the site is checked, not
// after its thousands of pages are rendered.
//
// A Plan knows the units and which file each page writes, not how they
// render: the renderers (internal/site, internal/logbook) add their
// units, which write through the plan's Recording writer.
package plan

import (
	"fmt"
	"path"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

// A Plan is a site's rendering, unit by unit; Render runs them on
// request. Its methods are safe for concurrent use; units run one at a
// time.
type Plan struct {
	// mu is held while a unit runs: a file asked for twice is rendered
	// once.
	mu sync.Mutex
	// pages are the page units, by the file of the page.
	pages map[string]*unit
	// folders are the page units that write other files in their folder
	// (a logbook incident's drafts), by that folder.
	folders map[string]*unit
	// steps write the files that are not pages, in their order.
	steps []*unit

	wmu     sync.Mutex
	written map[string]bool
}

// unit is a page or a step; it runs at most once.
type unit struct {
	name string // what an error names: the page's file, or the step's name
	run  func() error
	done bool
	err  error
}

// New returns an empty Plan.
func New() *Plan {
	return &Plan{pages: map[string]*unit{}, folders: map[string]*unit{}, written: map[string]bool{}}
}

// Page adds the unit that writes the page file name (slash-separated,
// "incidents/x/index.html") by running run. With folder, the unit also
// writes other files in name's folder or below it, and Render runs it
// for those. A second unit for the same page replaces the first.
func (p *Plan) Page(name string, folder bool, run func() error) {
	u := &unit{name: name, run: run}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pages[name] = u
	if folder {
		p.folders[path.Dir(name)] = u
	}
}

// Step adds a unit that writes files other than pages, after the steps
// added before it.
func (p *Plan) Step(name string, run func() error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.steps = append(p.steps, &unit{name: name, run: run})
}

// Pages returns how many pages the plan holds.
func (p *Plan) Pages() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.pages)
}

// Writer takes the files of the output as they are rendered, as the
// renderers' Writers do.
type Writer interface {
	Put(name string, data []byte) error
}

// Recording returns a Writer that writes into out and records each file
// written, for Render: the units must write through it. It is safe for
// concurrent use when out is.
func (p *Plan) Recording(out Writer) Writer { return recording{out, p} }

type recording struct {
	out  Writer
	plan *Plan
}

func (w recording) Put(name string, data []byte) error {
	if err := w.out.Put(name, data); err != nil {
		return err
	}
	w.plan.wmu.Lock()
	w.plan.written[name] = true
	w.plan.wmu.Unlock()
	return nil
}

func (p *Plan) has(name string) bool {
	p.wmu.Lock()
	defer p.wmu.Unlock()
	return p.written[name]
}

// Render runs what writes the file name, unless it ran already: the
// page whose file it is; else the page that writes the other files of
// the nearest folder holding it; else the steps, in their order, until
// one has written it. It reports whether name is written, and returns the
// error of the unit that should have written it. A file no unit writes
// costs every step once; after that, nothing.
func (p *Plan) Render(name string) (bool, error) {
	if p.has(name) {
		return true, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if u := p.pages[name]; u != nil {
		return p.runFor(u, name)
	}
	for dir := path.Dir(name); ; dir = path.Dir(dir) {
		if u := p.folders[dir]; u != nil {
			if ok, err := p.runFor(u, name); ok || err != nil {
				return ok, err
			}
			break
		}
		if dir == "." || dir == "/" {
			break
		}
	}
	for _, u := range p.steps {
		if ok, err := p.runFor(u, name); ok || err != nil {
			return ok, err
		}
	}
	return p.has(name), nil
}

// runFor runs u unless it ran, and reports whether name is written then.
// A failed unit's error is the answer for every file it should have
// written that it did not.
func (p *Plan) runFor(u *unit, name string) (bool, error) {
	if !u.done {
		u.done = true
		u.err = run(u)
	}
	if p.has(name) {
		return true, nil
	}
	return false, u.err
}

// run runs u; a panic, a bug, is its error.
func run(u *unit) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while writing %s: %v; please report it\n%s", u.name, r, debug.Stack())
		}
	}()
	return u.run()
}

// All runs run(0) to run(n-1) on every processor and returns the first
// error by order, whatever the scheduling: no call starts once one has
// failed or stopped reports an error (the output's, which ends a
// rendering), and every call before a failing one started before it.
// It is a build's way of running a plan's pages: all of them, at once.
func All(n int, run func(i int) error, stopped func() error) error {
	errs := make([]error, n)
	var failed atomic.Bool
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range n {
		if failed.Load() || stopped() != nil {
			break
		}
		g.Go(func() error {
			if err := run(i); err != nil {
				errs[i] = err
				failed.Store(true)
			}
			return nil
		})
	}
	g.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Then returns a unit's run: run, then failed, the error of the output
// the unit wrote into (a renderer keeps the first, and writes nothing
// after it).
func Then(run, failed func() error) func() error {
	return func() error {
		if err := run(); err != nil {
			return err
		}
		return failed()
	}
}

// Package build runs the whole build of a site, in its one order: open,
// load, validate and model (package project, the front half every
// command shares), then, for each site the build writes (a target: the
// public site and the internal logbook), its projection and its renderer, which
// write each file into a stage beside the target's output folder as it
// is rendered (package output), and last the swap of every target's
// stage, together.
//
// Commands turn flags into Options and print the Result; they know
// nothing of the order.
package build

import (
	"fmt"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/logbook"
	"github.com/incidentsite/incidentsite/internal/output"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/site"
)

// Options says what to build.
type Options struct {
	// Project says which site to open, and its "now".
	Project project.Options
	// Public is the public site's output folder as the user named it;
	// zero means output.public of the configuration.
	Public NamedFolder
}

// NamedFolder is an output folder as the user named it, not yet checked.
type NamedFolder struct {
	// Dir is the folder, absolute or relative to the current folder.
	Dir string
	// Name is how messages name it: "-o public".
	Name string
}

// Result is what a build did. It holds none of the site read: the files
// loaded are let go before the rendering.
type Result struct {
	// Diags are the problems of the site; when they hold errors, nothing
	// was written.
	Diags diag.List
	// Now is the build's "now" and where it came from (Project.NowText).
	Now string
	// Written are the sites written, in the order of the targets.
	Written []Written
	// Warnings are problems of the output folders that did not stop the
	// build, such as a previous output that could not be removed.
	Warnings []string
	// Timings are the wall times of the phases that ran: the project's
	// (open, load, validate, history, model), then "render public" and
	// "render logbook" (each site's projection and rendering, with the
	// writing of its files into its stage), "swap" and "total".
	Timings project.Timings
}

// Written is a site the build wrote.
type Written struct {
	// Dir is its output folder as the user named it, or, from the
	// configuration, joined to the site's folder.
	Dir string
	// Files is how many files it holds.
	Files int
}

// target is a site the build writes: its renderer, with its projection,
// and its output folder.
type target struct {
	// name names the site in messages: "public".
	name   string
	folder output.Folder
	dir    string // the folder as Written shows it
	render func(output.Writer) error
}

// Run builds the site opts names. It returns no Result, only an error,
// when an output folder named in opts is refused, before the site is read
// (the error wraps output.ErrPlace when the place itself is wrong), or
// when the site cannot be opened (project.Open's error, wrapping
// project.ErrNotFound or project.ErrInvalid where it says so). Otherwise
// the Result's Diags say why nothing was written when they hold errors,
// and an error is a failure of the rendering or the output, which left
// every previous output as it was.
func Run(opts Options) (res *Result, err error) {
	start := time.Now()
	dir := opts.Project.Dir
	if dir == "" {
		dir = "."
	}
	var public *output.Folder
	if opts.Public.Dir != "" {
		f, err := output.Check(dir, opts.Public.Dir, opts.Public.Name)
		if err != nil {
			return nil, err
		}
		public = &f
	}
	p, err := project.Open(opts.Project)
	if err != nil {
		return nil, err
	}
	p.Check()
	res = &Result{Diags: p.Diags, Now: p.NowText(), Timings: p.Timings}
	defer func() { res.Timings.Since("total", start) }()
	if p.Model == nil {
		return res, nil
	}

	publicDir := filepath.ToSlash(opts.Public.Dir)
	if public == nil {
		// output.public is relative to the site's folder; the
		// configuration already refused a wrong place for it.
		v := p.Config.Output.Public
		d := filepath.Join(dir, filepath.FromSlash(v))
		f, err := output.Check(dir, d, fmt.Sprintf("output.public %q", v))
		if err != nil {
			return res, err
		}
		public, publicDir = &f, filepath.ToSlash(d)
	}
	// output.logbook, like output.public, is relative to the site's
	// folder, and the configuration refused a place inside the public
	// output; write checks that the two folders lie apart whatever -o
	// says.
	v := p.Config.Output.Logbook
	logbookDir := filepath.Join(dir, filepath.FromSlash(v))
	logbookFolder, err := output.Check(dir, logbookDir, fmt.Sprintf("output.logbook %q", v))
	if err != nil {
		return res, err
	}
	targets := sites(p)
	targets[0].folder, targets[0].dir = *public, publicDir
	targets[1].folder, targets[1].dir = logbookFolder, filepath.ToSlash(logbookDir)
	res.Written, res.Warnings, err = write(targets, &res.Timings)
	return res, err
}

// sites returns the targets of the checked project p, the public site
// then the logbook, without their output folders.
func sites(p *project.Project) []target {
	// The renderers get the model and the theme, not the project: what
	// was loaded to check the site is garbage before they start. The
	// public site sees the model only through its projection; the
	// logbook, internal, reads the model itself.
	m, th := p.Model, p.Theme
	return []target{{
		name:   "public",
		render: func(w output.Writer) error { return site.Render(projection.Public(m), th, w) },
	}, {
		name:   "logbook",
		render: func(w output.Writer) error { return logbook.Render(m, th, w) },
	}}
}

// Preview is a build for a preview (incidentsite serve): the site opened
// and checked as Run does, and each site's files rendered when asked for,
// through the same renderers (their Lazy form), into memory. Nothing is
// written, and the output folders are not even looked at.
type Preview struct {
	// Diags are the problems of the site; when they hold errors, Public
	// and Logbook are nil.
	Diags diag.List
	// Now is the build's "now" and where it came from (Project.NowText).
	Now string
	// Public and Logbook are the public site and the logbook.
	Public, Logbook *Site
	// Timings are the wall times of the phases: the project's (open,
	// load, validate, history, model), then "plan" (both sites'
	// projection and plan, side by side, no page rendered), and "total".
	Timings project.Timings
}

// Site is a site of a Preview: its files, each rendered when it is first
// asked for. Its methods are safe for concurrent use.
type Site struct {
	name   string
	mem    *output.Memory
	render func(name string) (bool, error)
	pages  int
}

// File returns the file name of the site (a slash-separated path,
// "incidents/x/index.html"), rendering what writes it when it is first
// asked for. ok is false when the site has no such file; err is a
// failure of the rendering. The data is the Site's own: the caller must
// not change it.
func (s *Site) File(name string) (data []byte, ok bool, err error) {
	if data, ok := s.mem.File(name); ok {
		return data, true, nil
	}
	ok, err = s.render(name)
	if err != nil {
		return nil, false, fmt.Errorf("render the %s site: %w", s.name, err)
	}
	if !ok {
		return nil, false, nil
	}
	data, ok = s.mem.File(name)
	return data, ok, nil
}

// Pages returns how many pages the site has, in all its languages.
func (s *Site) Pages() int { return s.pages }

// NewPreview opens and checks the site opts names, as Run does, and plans
// its two sites, rendering no page yet. It returns an error, and no
// Preview, when the site cannot be opened (as Run), or when a site
// cannot be planned (its layouts do not parse).
func NewPreview(opts project.Options) (*Preview, error) {
	begin := time.Now()
	p, err := project.Open(opts)
	if err != nil {
		return nil, err
	}
	p.Check()
	res := &Preview{Diags: p.Diags, Now: p.NowText(), Timings: p.Timings}
	defer func() { res.Timings.Since("total", begin) }()
	start := time.Now()
	if p.Model == nil {
		return res, nil
	}
	m, th := p.Model, p.Theme
	// The two sites are planned side by side: each reads the model and
	// the theme, which nothing changes any more.
	pub := &Site{name: "public", mem: output.NewMemory()}
	var pubErr error
	planned := make(chan struct{})
	go func() {
		defer close(planned)
		defer func() {
			if r := recover(); r != nil {
				pubErr = fmt.Errorf("incidentsite failed (%v); please report it\n%s", r, debug.Stack())
			}
		}()
		l, err := site.NewLazy(projection.Public(m), th, pub.mem)
		if err != nil {
			pubErr = err
			return
		}
		pub.render, pub.pages = l.Render, l.Pages()
	}()
	lb := &Site{name: "logbook", mem: output.NewMemory()}
	ll, lbErr := logbook.NewLazy(m, th, lb.mem)
	<-planned
	res.Timings.Since("plan", start)
	if pubErr != nil {
		return res, fmt.Errorf("render the public site: %w", pubErr)
	}
	if lbErr != nil {
		return res, fmt.Errorf("render the logbook site: %w", lbErr)
	}
	lb.render, lb.pages = ll.Render, ll.Pages()
	res.Public, res.Logbook = pub, lb
	return res, nil
}

// write renders every target into a stage of its own and swaps them in
// together: when one fails, every output stays as it was.
// Each target's stage and rendering is one phase of tm, "render" and the
// target's name, and the swap another.
func write(targets []target, tm *project.Timings) (written []Written, warnings []string, err error) {
	folders := make([]output.Folder, len(targets))
	for i, t := range targets {
		folders[i] = t.folder
	}
	if err := output.CheckApart(folders...); err != nil {
		return nil, nil, err
	}
	var stages []*output.Stage
	defer func() {
		for _, s := range stages {
			s.Discard()
		}
	}()
	start := time.Now()
	for _, t := range targets {
		s, w, err := output.NewStage(t.folder)
		warnings = append(warnings, w...)
		if err != nil {
			return nil, warnings, err
		}
		stages = append(stages, s)
		if err := render(t, s); err != nil {
			return nil, warnings, err
		}
		start = tm.Since("render "+t.name, start)
	}
	w, err := output.Swap(stages...)
	tm.Since("swap", start)
	warnings = append(warnings, w...)
	if err != nil {
		return nil, warnings, err
	}
	for i, t := range targets {
		written = append(written, Written{Dir: t.dir, Files: stages[i].Files()})
	}
	return written, warnings, nil
}

// render runs t's renderer into w. A panic is a bug of incidentsite, not
// of the site: it fails the build with what to report, and leaves the
// previous output in place.
func render(t target, w output.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("render the %s site: incidentsite failed (%v); please report it\n%s", t.name, r, debug.Stack())
		}
	}()
	if err := t.render(w); err != nil {
		return fmt.Errorf("render the %s site: %w", t.name, err)
	}
	return nil
}

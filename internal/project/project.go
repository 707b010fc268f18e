// Package project runs the front half of every command: it opens a site
// (its work tree or a committed revision), and takes it through load,
// validate and model, in that order, collecting every diagnostic.
//
// It is the only package that knows the order of the stages; each stage
// knows nothing of the others' inputs.
package project

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/validate"
)

// Options says which site to open and how.
type Options struct {
	// Dir is the site's folder; "" means the current folder.
	Dir string
	// Rev is a git revision to read instead of the work tree.
	Rev string
	// Now, when not zero, is the build's "now". Otherwise it is the time
	// of the commit read (HEAD for the work tree), else the newest time
	// in the content.
	Now time.Time
}

// Project is an opened and checked site.
type Project struct {
	// FS holds the site's files.
	FS fs.FS
	// Revision is the commit read, when the site is in git.
	Revision *source.Revision
	// Now is the build's "now", and NowFrom says where it came from.
	Now     time.Time
	NowFrom string

	Config  *config.Config
	Catalog *catalog.Catalog
	Content *content.Set
	// Model is nil when Diags holds errors.
	Model *model.Site
	Diags diag.List
}

// ErrNotFound is returned, wrapped, when the site or revision to open
// does not exist.
var ErrNotFound = errors.New("not found")

// Open opens the site opts names, without reading it.
func Open(opts Options) (*Project, error) {
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	repo, sub, repoErr := source.OpenRepository(dir)
	if opts.Rev != "" {
		if repoErr != nil {
			return nil, fmt.Errorf("--rev needs a git repository, but %s is not in one: %w", dir, repoErr)
		}
		fsys, rev, err := source.Git(repo, opts.Rev, sub)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrNotFound, err)
		}
		return New(fsys, &rev, opts.Now), nil
	}
	fsys, err := source.Dir(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	var head *source.Revision
	if repoErr == nil {
		if rev, err := source.Head(repo); err == nil {
			head = &rev
		}
	}
	return New(fsys, head, opts.Now), nil
}

// New returns the project of the files in fsys, read from revision rev
// (nil when they are not from git). A zero now means the commit's time,
// else the newest time in the content.
func New(fsys fs.FS, rev *source.Revision, now time.Time) *Project {
	p := &Project{FS: fsys, Revision: rev, Now: now, NowFrom: "--now"}
	if p.Now.IsZero() && rev != nil {
		p.Now, p.NowFrom = rev.Time, "commit "+rev.Hash[:min(12, len(rev.Hash))]
	}
	return p
}

// Check loads, validates and models the site. Problems in the site's
// files land in p.Diags; p.Model is set only when there are no errors.
func (p *Project) Check() {
	defer p.finish()
	// Each stage recovers from its own bugs per file; this is the last
	// line, so that a bug never ends in a crash without a position.
	stage := config.File
	defer func() {
		if r := recover(); r != nil {
			p.Model = nil
			p.Diags.Errorf(diag.Position{File: stage, Line: 1, Col: 1}, "internal-error",
				"incidentsite failed while reading %s (%v); please report it\n%s", stage, r, debug.Stack())
		}
	}()
	cfg, diags := config.Load(p.FS)
	p.Diags = diags
	if cfg == nil || diags.HasErrors() {
		return
	}
	p.Config = cfg
	stage = catalog.Dir
	cat, d := catalog.Load(p.FS, cfg)
	p.Diags.Append(d)
	p.Catalog = cat
	// The site's layouts and static files go into the public site as they
	// are: they must be real files of the repository.
	for _, dir := range []string{"layouts", "static"} {
		_, d := source.Walk(p.FS, dir, source.Limits{MaxFiles: cfg.Limits.MaxFiles})
		p.Diags.Append(d)
	}
	stage = content.Dir
	set, d := content.Load(p.FS, cfg)
	p.Diags.Append(d)
	p.Content = set
	if p.Now.IsZero() {
		p.Now, p.NowFrom = newest(set), "the newest time in the content"
	}
	p.Diags.Append(validate.Validate(validate.Input{Config: cfg, Catalog: cat, Content: set, Now: p.Now}))
	if !p.Diags.HasErrors() {
		p.Model = model.Build(cfg, cat, set, p.Now)
	}
}

func (p *Project) finish() { p.Diags = p.Diags.Dedupe() }

// newest returns the latest moment written in the content, the "now" of
// a site outside git; the zero time when there is none.
func newest(set *content.Set) time.Time {
	var t time.Time
	later := func(u time.Time) {
		if u.After(t) {
			t = u
		}
	}
	for _, i := range set.Incidents {
		later(i.Detected)
		later(i.Acknowledged)
		later(i.Resolved)
		for _, u := range i.Updates {
			later(u.At)
		}
	}
	for _, m := range set.Maintenance {
		later(m.ScheduledFor)
		for _, u := range m.Updates {
			later(u.At)
		}
	}
	for _, l := range set.Contacts {
		later(l.Reviewed.Time)
	}
	for _, e := range set.Exercises {
		later(e.Date.Time)
	}
	return t
}

// Counts returns how many records of each kind the site has.
func (p *Project) Counts() map[content.Kind]int {
	if p.Content == nil {
		return nil
	}
	return map[content.Kind]int{
		content.KindIncident:    len(p.Content.Incidents),
		content.KindRCA:         len(p.Content.RCAs),
		content.KindMaintenance: len(p.Content.Maintenance),
		content.KindContacts:    len(p.Content.Contacts),
		content.KindExercise:    len(p.Content.Exercises),
	}
}

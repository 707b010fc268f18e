// Package project runs the front half of every command: it opens a site
// (its work tree or a committed revision), and takes it through load,
// validate, the history pass (the git history of its records, checked
// against them: history.go) and model, in that order, collecting every
// diagnostic, those about the theme's layouts and strings included.
//
// It is the only package that knows the order of these stages; each stage
// knows nothing of the others' inputs. Package build runs it, then the
// back half (projections, renderers, output).
package project

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"time"

	"github.com/go-git/go-git/v5"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/history"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/theme"
	"github.com/incidentsite/incidentsite/internal/validate"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// Options says which site to open and how.
type Options struct {
	// Dir is the site's folder; "" means the current folder.
	Dir string
	// Rev is a git revision to read instead of the work tree.
	Rev string

	// The build's "now" (DESIGN.md, non-negotiable 4) is the first of: Now;
	// NowFlag; SourceDateEpoch; for Rev or a work tree whose site files
	// are those of HEAD, the time of the commit read; else the clock. It
	// never comes from the content, which can hold a future internal
	// exercise or a maintenance window that has not started.

	// Now, when not zero, is the build's "now", as a program or a test
	// sets it.
	Now time.Time
	// NowFrom says where Now came from, as NowText shows it ("the clock:
	// serve previews the work tree"); "" means "--now".
	NowFrom string
	// NowFlag is --now as the user wrote it (see ParseNow). A date or a
	// time without an offset is in the site's time zone, so it is read
	// again once the configuration is.
	NowFlag string
	// SourceDateEpoch is the environment's SOURCE_DATE_EPOCH, seconds since
	// 1970: the reproducible-builds convention.
	SourceDateEpoch string
	// Clock returns the wall clock's time, the "now" of a work tree with
	// uncommitted changes or a folder outside git, and the time the
	// records are read at, which tells whether a file's times are settled
	// (content.Memo.SetClock); nil means time.Now.
	Clock func() time.Time

	// Cache, when not nil, keeps between runs (package cache) the history
	// of each commit read, so that the history pass of a commit already
	// read skips the walk, and the records of the site as parsed, so that
	// a run reads and parses only the files changed since the run before
	// (content.DecodeMemo).
	Cache history.Cache
	// Memo, when not nil, keeps what a Check parsed and read for the next
	// Check given the same Memo (see Memo): a long-lived process, such
	// as the preview server, passes one Memo to every build of a site.
	// Nil keeps nothing.
	Memo *Memo
}

// Memo keeps, between the Checks of a long-lived process, what a Check
// of the same site can take as it is instead of doing again: the
// records parsed (content.Memo: a record whose file and settings are
// unchanged is not parsed again, nor read when its size and time are
// those it had), the theme (theme.Memo: not checked again while its
// files are the same) and the
// history of the commit read (history.Memo: not decoded from the Cache
// again, nor walked) with the records' audits made of it, the git
// repository, open (source.RepoMemo:
// its packs' indexes are not read again while the packs are the same),
// and git's index as decoded (source.IndexMemo: while its file's bytes
// are the same).
// What it gives is exactly what the work would give: the same records,
// diagnostics, model and pages.
//
// It holds one site's records and one commit's history, and lets go of
// what a Check no longer used. Give each site its own Memo. The Opens
// and Checks that share a Memo share its repository, which go-git does
// not allow to use from two at once: run them one at a time, as serve
// does. The zero value is ready to use.
type Memo struct {
	records content.Memo
	history history.Memo
	repo    source.RepoMemo
	audits  auditMemo
	theme   theme.Memo
	index   source.IndexMemo
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{} }

// recordMemo returns m's records, nil without m.
func (m *Memo) recordMemo() *content.Memo {
	if m == nil {
		return nil
	}
	return &m.records
}

// indexMemo returns m's git index, or a new IndexMemo without m: one
// Check asks about the index twice (for its "now", then for the
// records that differ from their commit).
func (m *Memo) indexMemo() *source.IndexMemo {
	if m == nil {
		return &source.IndexMemo{}
	}
	return &m.index
}

// themeMemo returns m's theme, nil without m.
func (m *Memo) themeMemo() *theme.Memo {
	if m == nil {
		return nil
	}
	return &m.theme
}

// auditMemo returns m's audits, nil without m.
func (m *Memo) auditMemo() *auditMemo {
	if m == nil {
		return nil
	}
	return &m.audits
}

// repoMemo returns m's repository, nil without m.
func (m *Memo) repoMemo() *source.RepoMemo {
	if m == nil {
		return nil
	}
	return &m.repo
}

// historyMemo returns m's history, nil without m.
func (m *Memo) historyMemo() *history.Memo {
	if m == nil {
		return nil
	}
	return &m.history
}

// Project is an opened and checked site.
type Project struct {
	// FS holds the site's files.
	FS fs.FS
	// Revision is the commit read (HEAD for the work tree), when the site
	// is in git.
	Revision *source.Revision
	// Now is the build's "now", and NowFrom says where it came from:
	// "--now", "SOURCE_DATE_EPOCH", "commit 0123abcd4567" or "the clock:"
	// and the reason.
	Now     time.Time
	NowFrom string
	// nowFlag is --now, to be read again in the site's time zone.
	nowFlag string

	Config  *config.Config
	Catalog *catalog.Catalog
	// Regulations are the regulations whose clocks the logbook tracks:
	// the built-in ones and the site's regulations/ folder.
	Regulations *regulation.Set
	// Theme holds the layouts, UI strings and static files of both sites.
	Theme   *theme.Theme
	Content *content.Set
	// Model is nil when Diags holds errors.
	Model *model.Site
	Diags diag.List

	// History is the revisions of the files under content/, read from
	// git in one walk (see readHistory); nil when the site is not in git,
	// has no commit, or its history could not be read.
	History *history.History
	// repo is the repository that holds the site, nil outside git, and
	// sub the site's folder in its work tree; worktree reports whether
	// the files are the work tree's rather than a commit's (--rev).
	repo *git.Repository
	// index keeps git's index as decoded (source.IndexMemo).
	index *source.IndexMemo
	// clock is Options.Clock.
	clock    func() time.Time
	sub      string
	worktree bool
	// opened reports whether Open found the site on disk, where the
	// history pass looks for git; New's files come with none.
	opened bool
	// audits is each record's audit, by file, for the model.
	audits map[string]*model.Audit
	// cache is Options.Cache, and memo Options.Memo.
	cache history.Cache
	memo  *Memo
	// dir is the site's folder, absolute, when Open found it: the key of
	// its records in the cache.
	dir string

	// Timings are the wall times of Open and of Check's stages: open,
	// load, validate, history, model.
	Timings Timings
}

// Errors of Open that say the command line names what is not there or is
// not a value (a usage error), as opposed to one that could not be read.
var (
	// ErrNotFound is returned, wrapped, when the site or revision to open
	// does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid is returned, wrapped, when --now, SOURCE_DATE_EPOCH or
	// --rev is not a value of its kind.
	ErrInvalid = errors.New("invalid")
)

// siteFiles are the files and folders of a site that the build reads:
// the work tree is the commit when these are.
var siteFiles = []string{config.File, catalog.Dir, regulation.Dir, content.Dir, theme.LayoutsDir, theme.StaticDir}

// SiteFiles returns the names, at the site's root, of the files and
// folders the build reads: what a preview server watches.
func SiteFiles() []string { return slices.Clone(siteFiles) }

// Open opens the site opts names, without reading it. It fails when the
// site or revision does not exist, or when --now or SOURCE_DATE_EPOCH is
// not a time.
func Open(opts Options) (*Project, error) {
	start := time.Now()
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	repo, sub, repoErr := opts.Memo.repoMemo().Open(dir)
	var (
		fsys fs.FS
		rev  *source.Revision
		err  error
	)
	if opts.Rev != "" {
		// A revision from a workflow's input names one commit or nothing
		// (diff checks its two the same way).
		if err := source.CheckRevision(opts.Rev); err != nil {
			return nil, tagged{ErrInvalid, fmt.Errorf("--rev: %w", err)}
		}
		if repoErr != nil {
			return nil, tagged{ErrInvalid, fmt.Errorf("--rev needs a git repository, but %s is not in one: %w", dir, repoErr)}
		}
		gfs, r, err := source.Git(repo, opts.Rev, sub)
		switch {
		case errors.Is(err, source.ErrNoRevision), errors.Is(err, fs.ErrNotExist):
			return nil, tagged{ErrNotFound, err}
		case err != nil:
			return nil, fmt.Errorf("read %s: %w", dir, err)
		}
		fsys, rev = gfs, &r
	} else {
		if fsys, err = source.Dir(dir); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, tagged{ErrNotFound, err}
			}
			return nil, err
		}
		if repoErr == nil {
			if r, err := source.Head(repo); err == nil {
				rev = &r
			}
		}
	}
	p := &Project{FS: fsys, Revision: rev, sub: sub, worktree: opts.Rev == "", opened: true, cache: opts.Cache, memo: opts.Memo, index: opts.Memo.indexMemo(), clock: opts.Clock}
	if abs, err := filepath.Abs(dir); err == nil {
		p.dir = abs
	}
	if repoErr == nil {
		p.repo = repo
	}
	switch {
	case !opts.Now.IsZero():
		p.Now, p.NowFrom = opts.Now, "--now"
		if opts.NowFrom != "" {
			p.NowFrom = opts.NowFrom
		}
	case opts.NowFlag != "":
		t, err := ParseNow(opts.NowFlag, time.UTC)
		if err != nil {
			return nil, tagged{ErrInvalid, err}
		}
		p.Now, p.NowFrom, p.nowFlag = t, "--now", opts.NowFlag
	case opts.SourceDateEpoch != "":
		secs, err := strconv.ParseInt(opts.SourceDateEpoch, 10, 64)
		if err != nil {
			return nil, tagged{ErrInvalid, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds since 1970", opts.SourceDateEpoch)}
		}
		p.Now, p.NowFrom = time.Unix(secs, 0).UTC(), "SOURCE_DATE_EPOCH"
	case opts.Rev != "":
		p.Now, p.NowFrom = rev.Time, commitFrom(rev)
	default:
		why := "not in a git repository"
		if repoErr == nil {
			why, err = source.Uncommitted(repo, sub, siteFiles, p.index)
			if err != nil {
				why = fmt.Sprintf("cannot compare the work tree with its commit (%v)", err)
			}
		}
		if why == "" && rev != nil {
			p.Now, p.NowFrom = rev.Time, commitFrom(rev)
			break
		}
		clock := opts.Clock
		if clock == nil {
			clock = time.Now
		}
		p.Now, p.NowFrom = clock().Truncate(time.Second), "the clock: "+why
	}
	p.Timings.Since("open", start)
	return p, nil
}

func commitFrom(rev *source.Revision) string { return "commit " + rev.Hash[:min(12, len(rev.Hash))] }

// New returns the project of the files in fsys, read from revision rev
// (nil when they are not from git). A zero now means the commit's time,
// else the clock's. Such a project has no repository to read history
// from: Check leaves the history pass out, without a warning.
func New(fsys fs.FS, rev *source.Revision, now time.Time) *Project {
	p := &Project{FS: fsys, Revision: rev, Now: now, NowFrom: "--now"}
	switch {
	case !now.IsZero():
	case rev != nil:
		p.Now, p.NowFrom = rev.Time, commitFrom(rev)
	default:
		p.Now, p.NowFrom = time.Now().Truncate(time.Second), "the clock: not in a git repository"
	}
	return p
}

// ParseNow reads a "now" as the content writes times: RFC 3339, with or
// without seconds, with a space for the T, or without an offset (a time in
// loc); a date, which is its midnight in loc; or seconds since 1970.
func ParseNow(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	if t, err := yamlx.ParseTime(s, loc); err == nil {
		return t, nil
	}
	if secs, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(secs, 0).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("--now %q is not a time; write it as 2025-02-18T10:00:00+01:00, as 2025-02-18T10:00 or 2025-02-18 in the site's time zone, or as seconds since 1970", s)
}

// NowText is the build's "now" in the site's time zone and where it came
// from: "2025-03-01 13:00 CET (commit 0123abcd4567)".
func (p *Project) NowText() string {
	loc := time.UTC
	if p.Config != nil && p.Config.Location != nil {
		loc = p.Config.Location
	}
	t := p.Now.In(loc)
	layout := "2006-01-02 15:04 MST"
	if t.Second() != 0 {
		layout = "2006-01-02 15:04:05 MST"
	}
	return t.Format(layout) + " (" + p.NowFrom + ")"
}

// Check loads, validates and models the site, and, for a site Open
// found in git, reads its history (see readHistory). Problems in the
// site's files land in p.Diags; p.Model is set only when there are no
// errors.
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
	start := time.Now()
	cfg, diags := config.Load(p.FS)
	p.Diags = diags
	if cfg == nil || diags.HasErrors() {
		p.Timings.Since("load", start)
		return
	}
	p.Config = cfg
	// The walk of the history reads git only: it runs while the rest
	// loads (startWalk), and the history pass below waits for it.
	var walk func() walked
	if p.opened {
		walk = p.startWalk()
		if p.worktree {
			defer walk() // a panic below leaves no walk running behind
		}
	}
	if p.nowFlag != "" && cfg.Location != nil {
		if t, err := ParseNow(p.nowFlag, cfg.Location); err == nil {
			p.Now = t
		}
	}
	stage = catalog.Dir
	cat, d := catalog.Load(p.FS, cfg)
	p.Diags.Append(d)
	p.Catalog = cat
	stage = regulation.Dir
	p.loadRegulations(cfg)
	stage = theme.LayoutsDir
	th, d := p.memo.themeMemo().Load(p.FS, themeOptions(cfg))
	p.Diags.Append(d)
	p.Theme = th
	stage = content.Dir
	records, keep := p.records(cfg)
	set, d := records.Load(p.FS, cfg)
	wait := keep()
	defer wait()
	p.Diags.Append(d)
	p.Content = set
	start = p.Timings.Since("load", start)
	p.Diags.Append(validate.Validate(validate.Input{Config: cfg, Catalog: cat, Regulations: p.Regulations, Content: set, Now: p.Now}))
	start = p.Timings.Since("validate", start)
	if p.opened {
		p.readHistory(cfg, cat, set, walk)
		start = p.Timings.Since("history", start)
	}
	if !p.Diags.HasErrors() {
		p.Model = model.Build(cfg, cat, p.Regulations, set, p.Now)
		p.Model.Audits = p.audits
		p.Timings.Since("model", start)
	}
}

// recordsKind names the records among what the cache keeps.
const recordsKind = "records"

// records returns the memo of parsed records the Load of Check uses: a
// preview server's Memo, else, for a work tree, the one the cache kept
// for this site's folder, decoded, or a new one. A preview server's Memo
// that holds nothing yet starts from the cache's too, so that its first
// build reads only what changed since the last run. After the Load,
// keep starts keeping a memo not the server's in the cache when the Load
// changed it, encoding and writing it while Check goes on; the wait it
// returns waits for that to end, and Check calls it before it returns.
func (p *Project) records(cfg *config.Config) (m *content.Memo, keep func() (wait func())) {
	none := func() func() { return func() {} }
	// Only a work tree's: its files have times that tell which changed.
	// A revision's are read from git each time, and a diff's two would
	// take turns replacing each other's.
	kept := p.cache != nil && p.dir != "" && p.worktree
	cached := func() *content.Memo {
		if !kept {
			return nil
		}
		data, ok := p.cache.Get(recordsKind, p.dir)
		if !ok {
			return nil
		}
		// A memo that cannot be decoded is a miss, as a damaged file is.
		m, _ := content.DecodeMemo(data, cfg)
		return m
	}
	if m := p.memo.recordMemo(); m != nil {
		if m.Len() == 0 {
			m.Seed(cached())
		}
		m.SetClock(p.clock)
		return m, none
	}
	if !kept {
		return nil, none
	}
	if m = cached(); m == nil {
		m = content.NewMemo()
	}
	m.SetClock(p.clock)
	return m, func() func() {
		if !worthKeeping(m.Changes(), m.Len()) {
			return func() {}
		}
		done := make(chan struct{})
		var failed any
		go func() {
			defer close(done)
			// A cache never stops a build: a panic here, which would
			// be a bug, is a warning, not the end of the program.
			defer func() { failed = recover() }()
			p.cache.Put(recordsKind, p.dir, m.Encode(cfg))
		}()
		return func() {
			<-done
			if failed != nil {
				p.Diags.Warnf(diag.Position{File: content.Dir}, "internal-error",
					"incidentsite failed while keeping the records in its cache (%v), so the next run parses them again; please report it", failed)
			}
		}
	}
}

// keepEvery is the share of a site's files that must have changed since
// the cache kept the records (parsed or listed anew, or gone) before a
// run keeps them again: one in keepEvery. Keeping them writes every
// record (34 MiB, 0.1 s at 10,000 incidents), while a file changed and
// not kept costs each later run its parse (a fraction of a millisecond):
// a run after a few edits leaves the cache as it is, and the runs after
// it parse those few files again, until enough have changed.
const keepEvery = 64

// worthKeeping reports whether n records, of which changes differ from
// those the cache holds, are worth keeping again.
func worthKeeping(changes, n int) bool {
	return changes > 0 && changes >= n/keepEvery
}

// loadRegulations reads the built-in regulations and the site's
// regulations/ folder, the site's file of a name replacing the built-in
// one, into p.Regulations; their problems land in p.Diags.
func (p *Project) loadRegulations(cfg *config.Config) {
	regs, d := regulation.Load(p.FS, cfg)
	p.Diags.Append(d)
	p.Regulations = regs
}

func (p *Project) finish() { p.Diags = p.Diags.Dedupe() }

// themeOptions is what the theme needs of cfg.
func themeOptions(cfg *config.Config) theme.Options {
	opts := theme.Options{MaxFiles: cfg.Limits.MaxFiles, MaxDepth: cfg.Limits.MaxDepth}
	for i, code := range cfg.Languages {
		opts.Languages = append(opts.Languages, theme.Language{Code: code, Pos: cfg.Pos.Value(yamlx.Join("languages", i))})
	}
	return opts
}

// Counts returns how many records of each kind the site has.
func (p *Project) Counts() map[vocab.Kind]int {
	if p.Content == nil {
		return nil
	}
	return map[vocab.Kind]int{
		vocab.KindIncident:    len(p.Content.Incidents),
		vocab.KindRCA:         len(p.Content.RCAs),
		vocab.KindMaintenance: len(p.Content.Maintenance),
		vocab.KindContacts:    len(p.Content.Contacts),
		vocab.KindExercise:    len(p.Content.Exercises),
	}
}

// tagged is an error of Open that is one of its sentinel errors (kind)
// and says so in its own words: "revision "x": no commit, branch or tag
// has this name".
type tagged struct{ kind, err error }

func (e tagged) Error() string   { return e.err.Error() }
func (e tagged) Unwrap() []error { return []error{e.kind, e.err} }

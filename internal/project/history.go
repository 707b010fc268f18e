package project

import (
	"bytes"
	"fmt"
	"io/fs"
	"iter"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"golang.org/x/sync/errgroup"
	"gopkg.in/yaml.v3"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/frontmatter"
	"github.com/incidentsite/incidentsite/internal/history"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/validate"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// readHistory runs the history pass: one walk over the commits of the
// revision read gives every file under content/ its revisions (package
// history); the records with updates are then checked against them
// (validate.History), and each record gets its audit for the model.
//
// Without git, without a commit or in a shallow clone it gives one
// warning, and a repository whose history cannot be read gives one too:
// the public site still builds (DESIGN.md, non-negotiable 0).
func (p *Project) readHistory(cfg *config.Config, cat *catalog.Catalog, set *content.Set, walk func() walked) {
	w := walk()
	h, diags, err := w.h, w.diags, w.err
	p.Diags.Append(diags)
	if err != nil {
		p.Diags.Warnf(diag.Position{File: content.Dir}, "history-unreadable",
			"cannot read the git history (%v): the logbook shows no audit trail and no time of registration, and no check compares updates with their commits; check the repository with git fsck", err)
		return
	}
	if h.Head == nil {
		return
	}
	p.History = h
	dirty := p.dirtyFiles(h, set)
	p.audits = audits(h, set, dirty, p.memo.auditMemo())

	// The records are checked independently of each other: spread them
	// over the processors.
	type record struct {
		doc     *content.Doc
		updates []content.Update
		public  bool
		kind    vocab.Kind
	}
	var list []record
	for _, inc := range set.Incidents {
		public := inc.Visibility == vocab.Public || inc.Visibility == "" && templateVisibility(cat, inc.Category) == vocab.Public
		list = append(list, record{&inc.Doc, inc.Updates, public, vocab.KindIncident})
	}
	for _, m := range set.Maintenance {
		list = append(list, record{&m.Doc, m.Updates, m.Visibility != vocab.Internal, vocab.KindMaintenance})
	}
	records := make([]validate.Versions, len(list))
	// A panic in a goroutine would end the program, out of Check's
	// reach: each record's is caught and reported on its file, which is
	// then left unchecked. It is a warning: the history is no part of
	// the public site, which still builds.
	failed := make([]diag.List, len(list))
	since := p.Now.Add(-validate.HistoryRecent)
	const chunk = 256
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	// One Reader for the goroutines, through a lock: the blobs read are
	// few (a recent record's old versions), and the Reader reads through
	// the repository, which is not safe for concurrent use. It shares the
	// pack indexes the repository loaded (in Open, and in a preview
	// server's builds before: its repository is kept).
	rd := history.NewReader(p.repo, int64(cfg.Limits.MaxFileSize))
	var mu sync.Mutex
	read := func(blob plumbing.Hash) ([]byte, error) {
		mu.Lock()
		defer mu.Unlock()
		return rd.Read(blob)
	}
	for start := 0; start < len(list); start += chunk {
		g.Go(func() error {
			for i := start; i < min(start+chunk, len(list)); i++ {
				r := list[i]
				func() {
					defer func() {
						if x := recover(); x != nil {
							records[i] = validate.Versions{}
							failed[i].Warnf(diag.Position{File: r.doc.File, Line: 1, Col: 1}, "internal-error",
								"incidentsite failed while reading this file's history (%v), so it is not checked against it; please report it\n%s", x, debug.Stack())
						}
					}()
					records[i] = versions(h, read, p.FS, cfg, cat, r.doc, r.updates, r.public, dirty[r.doc.File], r.kind, since)
				}()
			}
			return nil
		})
	}
	g.Wait()
	for _, d := range failed {
		p.Diags.Append(d)
	}
	p.Diags.Append(validate.History(cfg, records, history.DefaultDriftLimit, since))
}

// walked is what history.Read gave.
type walked struct {
	h     *history.History
	diags diag.List
	err   error
}

// startWalk returns a function that gives the walk of the history
// (history.Read). For the work tree, the walk starts now and runs while
// the rest of the site loads: it reads git's objects only, the loading
// reads files only, and each keeps about one core busy (10,000
// incidents: 3.5 s and 2.7 s of wall time one after the other); the
// function waits for it. For a revision (--rev) the site's files are
// read from the repository too, whose storage is not safe for concurrent
// use: the function walks when called. A panic in the walk is its error,
// with the stack to report: the goroutine is out of Check's reach.
func (p *Project) startWalk() func() walked {
	hash := ""
	if p.Revision != nil {
		hash = p.Revision.Hash
	}
	read := func() (w walked) {
		defer func() {
			if x := recover(); x != nil {
				w = walked{err: fmt.Errorf("incidentsite failed while reading it (%v); please report it\n%s", x, debug.Stack())}
			}
		}()
		w.h, w.diags, w.err = history.Read(p.repo, hash, history.Options{Site: p.sub, Dir: content.Dir, Cache: p.cache, Memo: p.memo.historyMemo()})
		return w
	}
	if !p.worktree {
		return sync.OnceValue(read)
	}
	done := make(chan walked, 1)
	go func() { done <- read() }()
	return sync.OnceValue(func() walked { return <-done })
}

// dirtyFiles returns the records whose file in the work tree is not the
// one committed: none when the build reads a commit (--rev). A record
// whose bytes, as loaded, are not HEAD's blob of its file (by the git
// object id the loader took, content.Doc.Blob: no file is read again)
// is dirty, unless git's index says that none of those files differs
// from HEAD (source.Uncommitted, which asks only about them): a
// checkout that converts line ends (core.autocrlf) holds other bytes
// than the blob, and is still clean.
func (p *Project) dirtyFiles(h *history.History, set *content.Set) map[string]bool {
	dirty := map[string]bool{}
	if !p.worktree {
		return dirty
	}
	var changed []string
	for _, d := range set.Docs() {
		if h.UncommittedBlob(d.File, d.Blob) {
			changed = append(changed, d.File)
		}
	}
	if len(changed) == 0 {
		return dirty
	}
	if why, err := source.Uncommitted(p.repo, p.sub, changed, p.index); err == nil && why == "" {
		return dirty
	}
	for _, file := range changed {
		dirty[file] = true
	}
	return dirty
}

func recordFiles(set *content.Set) []string {
	docs := set.Docs()
	files := make([]string, len(docs))
	for i, d := range docs {
		files[i] = d.File
	}
	return files
}

// audits returns every record's audit, by file.
// With a memo, an audit of the same history (the same *History, which
// the history's memo gives again until the next commit) and the same
// uncommitted state is the one made before: at 10,000 incidents, making
// them all again was a quarter of what a preview's rebuild allocates.
func audits(h *history.History, set *content.Set, dirty map[string]bool, memo *auditMemo) map[string]*model.Audit {
	prev := memo.start(h)
	out := map[string]*model.Audit{}
	for _, file := range recordFiles(set) {
		uncommitted := dirty[file] || h.Blob(file).IsZero()
		if a := prev[file]; a != nil && a.Uncommitted == uncommitted {
			out[file] = a
			continue
		}
		a := &model.Audit{Uncommitted: uncommitted}
		// The oldest revision is the one that registered the record
		// (History.First), unless it is a shallow history's boundary.
		var first history.Revision
		for r := range h.TrailSeq(file) {
			a.Trail = append(a.Trail, model.Change{Hash: r.Hash, Author: r.Author, Email: r.Email, Time: r.AuthorTime,
				Committed: r.CommitTime, Subject: r.Subject, Kind: r.Kind.String(), Path: r.Path})
			first = r
		}
		if n := len(a.Trail); n > 0 && !first.Boundary {
			a.Registered = &a.Trail[n-1]
		}
		out[file] = a
	}
	memo.keep(h, out)
	return out
}

// auditMemo keeps the audits one Check made, with the history they were
// made of, for the next Check given the same Memo. The audits are shared:
// nothing modifies a model.Audit once made. The zero value is ready to
// use; a nil auditMemo keeps nothing.
type auditMemo struct {
	mu     sync.Mutex
	h      *history.History
	byFile map[string]*model.Audit
}

// start returns the audits kept of h, nil for none.
func (m *auditMemo) start(h *history.History) map[string]*model.Audit {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.h != h {
		return nil
	}
	return m.byFile
}

// keep makes byFile, the audits of h, m's.
func (m *auditMemo) keep(h *history.History, byFile map[string]*model.Audit) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.h, m.byFile = h, byFile
}

// currentUpdates are a record's updates as the build read them, each at
// the position of its at:.
func currentUpdates(pos *yamlx.Positions, updates []content.Update) []history.Update {
	out := make([]history.Update, 0, len(updates))
	for i, u := range updates {
		out = append(out, history.Update{At: u.At, Message: messageText(u.Message), Pos: pos.Key(yamlx.Join(yamlx.Join("updates", i), "at"))})
	}
	return out
}

// versions reads the versions of a record's file along its trail, newest
// first. The file as the build read it comes first: it is the newest
// committed version when it is not dirty, else a version of the work
// tree. Older versions are read and parsed once per distinct contents,
// and only their front matter's updates and visibility (parseVersion);
// one that cannot be read or parsed is left out, its updates then first
// seen in the next that can.
//
// A committed record none of whose revisions is recent (validate.Recent,
// given since) gets no versions at all: validate.History would report
// nothing of it. In a site of ten years that is nearly every record, and
// reading and parsing their old versions was most of the history pass.
func versions(h *history.History, read func(plumbing.Hash) ([]byte, error), fsys fs.FS, cfg *config.Config, cat *catalog.Catalog, doc *content.Doc,
	updates []content.Update, public, dirty bool, kind vocab.Kind, since time.Time) validate.Versions {
	v := validate.Versions{File: doc.File, Pos: doc.Pos}
	head := h.Blob(doc.File)
	if !dirty && !head.IsZero() && !anyRecent(h.TrailSeq(doc.File), since) {
		return v
	}
	trail := h.Trail(doc.File)
	// Made only here: finding each update's position for every record
	// took 0.03 s of CPU at each of serve's saves (10,000 incidents),
	// for the few records that get past the test above.
	current := currentUpdates(doc.Pos, updates)
	type parsed struct {
		updates []history.Update
		public  bool
		ok      bool
	}
	// Versions are parsed once per distinct contents, and once per
	// distinct front matter: an edit of the body alone leaves the
	// updates as they were.
	byBlob := map[plumbing.Hash]parsed{}
	byFront := map[string]parsed{}
	if dirty || head.IsZero() {
		v.Snapshots = append(v.Snapshots, history.Snapshot{Updates: current})
		v.Public = append(v.Public, public)
	} else {
		byBlob[head] = parsed{current, public, true}
		if older(trail, head) {
			// The file as read is HEAD's: an older version with its
			// front matter needs no parse either.
			if data, err := fs.ReadFile(fsys, doc.File); err == nil {
				byFront[string(frontMatterText(data))] = parsed{current, public, true}
			}
		}
	}
	for i := range trail {
		r := &trail[i]
		if r.Kind == history.Deleted || r.Blob.IsZero() {
			continue
		}
		p, seen := byBlob[r.Blob]
		if !seen {
			if data, err := read(r.Blob); err == nil {
				front := string(frontMatterText(data))
				if p, seen = byFront[front]; !seen {
					p.updates, p.public, p.ok = parseVersion(r.Path, data, cfg, cat, kind)
					byFront[front] = p
				}
			}
			byBlob[r.Blob] = p
		}
		if !p.ok {
			continue
		}
		v.Snapshots = append(v.Snapshots, history.Snapshot{Rev: r, Updates: p.updates})
		v.Public = append(v.Public, p.public)
	}
	return v
}

// anyRecent reports whether a revision of trail is recent
// (validate.Recent) given since. It makes no slice of the trail: serve
// asks it of every record at each save.
func anyRecent(trail iter.Seq[history.Revision], since time.Time) bool {
	for r := range trail {
		if validate.Recent(&r, since) {
			return true
		}
	}
	return false
}

// older reports whether trail holds a version other than head's.
func older(trail []history.Revision, head plumbing.Hash) bool {
	for _, r := range trail {
		if r.Kind != history.Deleted && !r.Blob.IsZero() && r.Blob != head {
			return true
		}
	}
	return false
}

// frontMatterText returns the start of data up to the end of the first
// line after the first that reads "---" once trimmed of spaces, as
// adrg/frontmatter finds the closing line: all of the front matter that
// package frontmatter reads, and maybe more. Two versions with the same
// start have the same front matter. Without such a line it returns data.
func frontMatterText(data []byte) []byte {
	rest, first := data, true
	for len(rest) > 0 {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i+1], rest[i+1:]
		} else {
			rest = nil
		}
		if string(bytes.TrimSpace(line)) == "---" {
			if !first {
				return data[:len(data)-len(rest)]
			}
			first = false
		}
	}
	return data
}

// parseVersion reads the updates (their time and message) and the
// visibility of one committed version of a record's file from its front
// matter alone: the checks need no more, and an old version need not
// have been valid. ok is false when the front matter cannot be read.
func parseVersion(file string, data []byte, cfg *config.Config, cat *catalog.Catalog, kind vocab.Kind) (updates []history.Update, public, ok bool) {
	var top []*yaml.Node
	short := false
	if keys := neededKeys(data); keys != nil {
		// The shortcut reads lines by their first column; a quoted or
		// flow value that runs over a line starting at column 0 (which
		// YAML allows) is cut by it, and then the whole front matter is
		// read instead.
		if node, diags := yamlx.Parse(file, keys, 0, cfg.Limits.MaxDepth); !diags.HasErrors() {
			short = true
			if node != nil && node.Kind == yaml.MappingNode {
				top = node.Content
			}
		}
	}
	if !short {
		doc, diags := frontmatter.Split(file, data, cfg.Limits.MaxDepth)
		if diags.HasErrors() || doc == nil || doc.Node == nil || doc.Node.Kind != yaml.MappingNode {
			return nil, false, false
		}
		top = doc.Node.Content
	}
	updates, public = versionOf(top, cfg, cat, kind)
	return updates, public, true
}

// versionOf reads the updates and the visibility from the top-level
// keys and values of a version's front matter.
func versionOf(top []*yaml.Node, cfg *config.Config, cat *catalog.Catalog, kind vocab.Kind) (updates []history.Update, public bool) {
	var visibility, category string
	for i := 0; i+1 < len(top); i += 2 {
		k, val := top[i].Value, top[i+1]
		switch k {
		case "visibility":
			visibility = val.Value
		case "category":
			category = val.Value
		case "updates":
			if val.Kind != yaml.SequenceNode {
				continue
			}
			for _, u := range val.Content {
				if up, ok := parseUpdate(u, cfg); ok {
					updates = append(updates, up)
				}
			}
		}
	}
	if kind == vocab.KindMaintenance {
		return updates, visibility != string(vocab.Internal)
	}
	return updates, visibility == string(vocab.Public) || visibility == "" && templateVisibility(cat, category) == vocab.Public
}

// neededKeys returns the lines of the front matter of data that hold
// the keys the history checks read (updates, visibility, category), as a
// YAML document of their own: parsing a third of the front matter
// instead of all of it makes the history pass of a large site twice as
// fast. It returns nil, for the caller to parse the whole front matter,
// unless every line of the front matter is plainly a top-level key
// ("name:" at the start), a line of the value before it (indented, or a
// sequence item "- " at the start), blank or a comment: only then does
// each line belong to the key above it.
func neededKeys(data []byte) []byte {
	front := frontMatterText(data)
	lines := bytes.SplitAfter(front, []byte("\n"))
	if n := len(lines); n > 0 && len(lines[n-1]) == 0 {
		lines = lines[:n-1]
	}
	start := -1
	for i, l := range lines {
		if string(bytes.TrimSpace(l)) == "---" {
			start = i + 1
			break
		}
		if len(bytes.TrimSpace(l)) > 0 {
			return nil
		}
	}
	if start < 0 || len(lines) < start+1 || string(bytes.TrimSpace(lines[len(lines)-1])) != "---" {
		return nil
	}
	var out []byte
	keep, keyed := false, false
	for _, l := range lines[start : len(lines)-1] {
		t := bytes.TrimRight(l, " \t\r\n")
		switch {
		case len(t) > 0 && (t[0] == ' ' || t[0] == '\t') && !keyed:
			// An indented line before the first key: the mapping itself
			// is indented, and only the whole front matter tells.
			return nil
		case len(t) == 0, t[0] == ' ', t[0] == '\t', t[0] == '#':
		case t[0] == '-' && (len(t) == 1 || t[1] == ' '):
		default:
			key, _, found := bytes.Cut(t, []byte(":"))
			if !found || !plainKey(key) || len(t) > len(key)+1 && t[len(key)+1] != ' ' {
				return nil
			}
			keyed = true
			switch string(key) {
			case "updates", "visibility", "category":
				keep = true
			default:
				keep = false
			}
		}
		if keep {
			out = append(out, l...)
		}
	}
	if len(out) == 0 {
		return []byte("{}")
	}
	return out
}

// plainKey reports whether k is a key written plainly: a letter, then
// letters, digits, "_" or "-".
func plainKey(k []byte) bool {
	for i, c := range k {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '-'):
		default:
			return false
		}
	}
	return len(k) > 0
}

// parseUpdate reads an update's time and message from its node; ok is
// false when its time cannot be read.
func parseUpdate(n *yaml.Node, cfg *config.Config) (u history.Update, ok bool) {
	if n.Kind != yaml.MappingNode {
		return u, false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		val := n.Content[i+1]
		switch n.Content[i].Value {
		case "at":
			t, err := yamlx.ParseTime(val.Value, cfg.Location)
			if err != nil {
				return u, false
			}
			u.At, ok = t, true
		case "message":
			switch val.Kind {
			case yaml.ScalarNode:
				u.Message = val.Value
			case yaml.MappingNode:
				t := l10n.Text{}
				for j := 0; j+1 < len(val.Content); j += 2 {
					t[val.Content[j].Value] = val.Content[j+1].Value
				}
				u.Message = messageText(t)
			}
		}
	}
	return u, ok
}

// messageText is a message as the checks compare it: plain text as
// written, and text per language encoded by validate.MessageText.
func messageText(t l10n.Text) string { return validate.MessageText(t) }

// templateVisibility is the default visibility of category's incidents.
func templateVisibility(cat *catalog.Catalog, category string) vocab.Visibility {
	if cat == nil {
		return ""
	}
	if t := cat.Get(category); t != nil {
		return t.Visibility
	}
	return ""
}

package project

import (
	"io/fs"

	"github.com/go-git/go-git/v5/plumbing"
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
func (p *Project) readHistory(cfg *config.Config, cat *catalog.Catalog, set *content.Set) {
	hash := ""
	if p.Revision != nil {
		hash = p.Revision.Hash
	}
	h, diags, err := history.Read(p.repo, hash, history.Options{Site: p.sub, Dir: content.Dir})
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
	p.audits = audits(h, set, dirty)

	reader := history.NewReader(p.repo, int64(cfg.Limits.MaxFileSize))
	defer reader.Close()
	var records []validate.Versions
	for _, inc := range set.Incidents {
		cur := currentUpdates(inc.Pos, inc.Updates)
		public := inc.Visibility == vocab.Public || inc.Visibility == "" && templateVisibility(cat, inc.Category) == vocab.Public
		records = append(records, versions(h, reader, cfg, cat, &inc.Doc, cur, public, dirty[inc.File], vocab.KindIncident))
	}
	for _, m := range set.Maintenance {
		cur := currentUpdates(m.Pos, m.Updates)
		records = append(records, versions(h, reader, cfg, cat, &m.Doc, cur, m.Visibility != vocab.Internal, dirty[m.File], vocab.KindMaintenance))
	}
	p.Diags.Append(validate.History(cfg, records, history.DefaultDriftLimit))
}

// dirtyFiles returns the records whose file in the work tree is not the
// one committed: none when the build reads a commit (--rev), or when
// the work tree's content/ is that of HEAD, which source.Uncommitted
// tells from git's index without reading a file; else each record's file
// is read again and hashed.
func (p *Project) dirtyFiles(h *history.History, set *content.Set) map[string]bool {
	dirty := map[string]bool{}
	if !p.worktree {
		return dirty
	}
	if why, err := source.Uncommitted(p.repo, p.sub, []string{content.Dir}); err == nil && why == "" {
		return dirty
	}
	for _, file := range recordFiles(set) {
		data, err := fs.ReadFile(p.FS, file)
		if err != nil || h.Uncommitted(file, data) {
			dirty[file] = true
		}
	}
	return dirty
}

func recordFiles(set *content.Set) []string {
	var files []string
	for _, inc := range set.Incidents {
		files = append(files, inc.File)
	}
	for _, r := range set.RCAs {
		files = append(files, r.File)
	}
	for _, m := range set.Maintenance {
		files = append(files, m.File)
	}
	for _, c := range set.Contacts {
		files = append(files, c.File)
	}
	for _, e := range set.Exercises {
		files = append(files, e.File)
	}
	return files
}

// audits returns every record's audit, by file.
func audits(h *history.History, set *content.Set, dirty map[string]bool) map[string]*model.Audit {
	out := map[string]*model.Audit{}
	for _, file := range recordFiles(set) {
		a := &model.Audit{Uncommitted: dirty[file] || h.Blob(file).IsZero()}
		for _, r := range h.Trail(file) {
			a.Trail = append(a.Trail, model.Change{Hash: r.Hash, Author: r.Author, Email: r.Email, Time: r.AuthorTime,
				Committed: r.CommitTime, Subject: r.Subject, Kind: r.Kind.String(), Path: r.Path})
		}
		if n := len(a.Trail); n > 0 {
			if first, err := h.First(file); err == nil && !first.Boundary {
				a.Registered = &a.Trail[n-1]
			}
		}
		out[file] = a
	}
	return out
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
func versions(h *history.History, rd *history.Reader, cfg *config.Config, cat *catalog.Catalog, doc *content.Doc,
	current []history.Update, public, dirty bool, kind vocab.Kind) validate.Versions {
	v := validate.Versions{File: doc.File, Pos: doc.Pos}
	trail := h.Trail(doc.File)
	head := h.Blob(doc.File)
	type parsed struct {
		updates []history.Update
		public  bool
		ok      bool
	}
	memo := map[plumbing.Hash]parsed{}
	if dirty || head.IsZero() {
		v.Snapshots = append(v.Snapshots, history.Snapshot{Updates: current})
		v.Public = append(v.Public, public)
	} else {
		memo[head] = parsed{current, public, true}
	}
	for i := range trail {
		r := &trail[i]
		if r.Kind == history.Deleted || r.Blob.IsZero() {
			continue
		}
		p, seen := memo[r.Blob]
		if !seen {
			if data, err := rd.Read(r.Blob); err == nil {
				p.updates, p.public, p.ok = parseVersion(r.Path, data, cfg, cat, kind)
			}
			memo[r.Blob] = p
		}
		if !p.ok {
			continue
		}
		v.Snapshots = append(v.Snapshots, history.Snapshot{Rev: r, Updates: p.updates})
		v.Public = append(v.Public, p.public)
	}
	return v
}

// parseVersion reads the updates (their time and message) and the
// visibility of one committed version of a record's file from its front
// matter alone: the checks need no more, and an old version need not
// have been valid. ok is false when the front matter cannot be read.
func parseVersion(file string, data []byte, cfg *config.Config, cat *catalog.Catalog, kind vocab.Kind) (updates []history.Update, public, ok bool) {
	doc, diags := frontmatter.Split(file, data, cfg.Limits.MaxDepth)
	if diags.HasErrors() || doc == nil || doc.Node == nil || doc.Node.Kind != yaml.MappingNode {
		return nil, false, false
	}
	var visibility, category string
	top := doc.Node.Content
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
		public = visibility != string(vocab.Internal)
	} else {
		public = visibility == string(vocab.Public) || visibility == "" && templateVisibility(cat, category) == vocab.Public
	}
	return updates, public, true
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

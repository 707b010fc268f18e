// Package content reads a site's records (incidents, KindRCA, maintenance
// windows, contact lists and exercises) from the content/ folder into Go
// values as written, with the position of every key and section.
//
// Reading checks only what a file is made of: encoding, front matter,
// YAML, types, known keys, file names. Whether the values make sense
// together is package validate's business. It imports diag, yamlx,
// frontmatter, markdown, source, ident and config.
package content

import (
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/frontmatter"
	"github.com/incidentsite/incidentsite/internal/ident"
	"github.com/incidentsite/incidentsite/internal/markdown"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/yamlx"
	"gopkg.in/yaml.v3"
)

// Dir is the folder that holds the records.
const Dir = "content"

// Kind names a kind of record by its folder under content/.
type Kind string

// The kinds of record.
const (
	KindIncident    Kind = "incidents"
	KindRCA         Kind = "rcas"
	KindMaintenance Kind = "maintenance"
	KindContacts    Kind = "contacts"
	KindExercise    Kind = "exercises"
)

// Kinds lists every kind, in the order they are loaded and counted.
var Kinds = []Kind{KindIncident, KindRCA, KindMaintenance, KindContacts, KindExercise}

// Folder returns the kind's folder, "content/incidents".
func (k Kind) Folder() string { return path.Join(Dir, string(k)) }

// Singular names one record of the kind, for messages.
func (k Kind) Singular() string {
	switch k {
	case KindIncident:
		return "incident"
	case KindRCA:
		return "RCA"
	case KindMaintenance:
		return "maintenance window"
	case KindContacts:
		return "contact list"
	}
	return "exercise"
}

// namespace is the kind whose ids k's ids must differ from: incidents and
// maintenance windows share one, as Statuspage's do (a maintenance window
// is also at incidents/ID/, and the API's ids are one namespace); an RCA
// takes its incident's id.
func (k Kind) namespace() Kind {
	if k == KindMaintenance {
		return KindIncident
	}
	return k
}

// loadedID is the record that took an id first.
type loadedID struct {
	kind Kind
	file string
}

// Load reads every record under content/ in fsys.
func Load(fsys fs.FS, cfg *config.Config) (*Set, diag.List) {
	lim := source.Limits{MaxFileSize: int64(cfg.Limits.MaxFileSize), MaxFiles: cfg.Limits.MaxFiles}
	files, diags := source.Walk(fsys, Dir, lim)

	type job struct {
		kind Kind
		file source.File
	}
	var jobs []job
	for _, f := range files {
		rel := strings.TrimPrefix(f.Path, Dir+"/")
		top, _, nested := strings.Cut(rel, "/")
		kind := Kind(top)
		at := diag.Position{File: f.Path, Line: 1, Col: 1}
		if !nested || !slices.Contains(Kinds, kind) {
			diags.Warnf(at, "file-name", "ignored: records go in one of %s", folderList())
			continue
		}
		if path.Ext(f.Path) != ".md" {
			diags.Warnf(at, "file-name", "ignored: records are Markdown files ending in .md")
			continue
		}
		if msg := checkName(f.Path); msg != "" {
			diags.Errorf(at, "file-name", "%s", msg)
			continue
		}
		jobs = append(jobs, job{kind, f})
	}

	// Read and parse in parallel; each result lands in its own slot, so the
	// outcome does not depend on scheduling.
	results := make([]loaded, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(1, len(jobs))) {
		wg.Go(func() {
			for i := range next {
				results[i] = loadFile(fsys, jobs[i].kind, jobs[i].file, cfg)
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	set := &Set{}
	seen := map[Kind]map[string]loadedID{}
	for _, r := range results {
		diags.Append(r.diags)
		if r.record == nil {
			continue
		}
		d := r.record.doc()
		ns := r.kind.namespace()
		if seen[ns] == nil {
			seen[ns] = map[string]loadedID{}
		}
		if other, dup := seen[ns][d.ID]; dup {
			why := ""
			if other.kind != r.kind {
				why = " (incidents and maintenance windows share ids, as on Statuspage: both have a page at incidents/ID/ and an id in the API)"
			}
			diags.Errorf(diag.Position{File: d.File, Line: 1, Col: 1}, "duplicate-id",
				"%s id %q is also used by %s%s; ids must be unique, so rename one of the files", r.kind.Singular(), d.ID, other.file, why)
			continue
		}
		seen[ns][d.ID] = loadedID{r.kind, d.File}
		switch v := r.record.(type) {
		case *Incident:
			set.Incidents = append(set.Incidents, v)
		case *RCA:
			set.RCAs = append(set.RCAs, v)
		case *Maintenance:
			set.Maintenance = append(set.Maintenance, v)
		case *ContactList:
			set.Contacts = append(set.Contacts, v)
		case *Exercise:
			set.Exercises = append(set.Exercises, v)
		}
	}
	sortByID(set.Incidents)
	sortByID(set.RCAs)
	sortByID(set.Maintenance)
	sortByID(set.Contacts)
	sortByID(set.Exercises)
	return set, diags
}

type record interface{ doc() *Doc }

func (d *Doc) doc() *Doc { return d }

type loaded struct {
	kind   Kind
	record record
	diags  diag.List
}

// loadFile reads one record. A panic, which would be a bug, is turned into
// an error on the file so that the other files are still checked.
func loadFile(fsys fs.FS, kind Kind, f source.File, cfg *config.Config) (out loaded) {
	out.kind = kind
	at := diag.Position{File: f.Path, Line: 1, Col: 1}
	defer func() {
		if r := recover(); r != nil {
			out.record = nil
			out.diags.Errorf(at, "internal-error", "incidentsite failed on this file (%v); please report it with the file attached\n%s", r, debug.Stack())
		}
	}()
	data, err := source.ReadFile(fsys, f, int64(cfg.Limits.MaxFileSize))
	if err != nil {
		out.diags.Errorf(at, "read", "cannot read: %v", err)
		return out
	}
	rec, diags := Parse(kind, f.Path, data, cfg)
	out.record, out.diags = rec, diags
	return out
}

// Parse reads data as the record of kind stored at file. It returns a nil
// record when the file's front matter cannot be read at all.
func Parse(kind Kind, file string, data []byte, cfg *config.Config) (record, diag.List) {
	diags := source.CheckText(file, data)
	if diags.HasErrors() {
		return nil, diags
	}
	doc, d := frontmatter.Split(file, data, cfg.Limits.MaxDepth)
	diags.Append(d)
	if d.HasErrors() {
		return nil, diags
	}
	var rec record
	switch kind {
	case KindIncident:
		rec = &Incident{}
	case KindRCA:
		rec = &RCA{}
	case KindMaintenance:
		rec = &Maintenance{}
	case KindContacts:
		rec = &ContactList{}
	default:
		rec = &Exercise{}
	}
	dec := &yamlx.Decoder{File: file, LineOffset: doc.LineOffset, Location: cfg.Location}
	pos, d := dec.Decode(doc.Node, rec)
	diags.Append(d)
	base := rec.doc()
	base.ID = strings.TrimSuffix(path.Base(file), ".md")
	base.File = file
	base.Pos = pos
	base.BodyLine = doc.BodyLine
	base.Markdown = doc.Body
	base.empty = emptyPaths("", doc.Node, nil)
	if d := markdown.Check(file, doc.Body, doc.BodyLine, markdown.DefaultLimits); len(d) > 0 {
		diags.Append(d)
		base.bodyRefused = true
	} else {
		base.Body = markdown.SplitSections(doc.Body, doc.BodyLine)
	}
	return rec, diags
}

// emptyPaths adds to m, and returns, the paths under path of the mapping
// keys in n written without a value (YAML null), named as yamlx.Positions
// names them.
func emptyPaths(path string, n *yaml.Node, m map[string]bool) map[string]bool {
	if n == nil {
		return m
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := yamlx.Join(path, k.Value)
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				if m == nil {
					m = map[string]bool{}
				}
				m[p] = true
			}
			m = emptyPaths(p, v, m)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			m = emptyPaths(yamlx.Join(path, i), c, m)
		}
	}
	return m
}

// checkName returns why the path of a record is not safe, or "".
func checkName(p string) string {
	rel := strings.TrimPrefix(p, Dir+"/")
	parts := strings.Split(rel, "/")
	for i, part := range parts {
		name := part
		if i == len(parts)-1 {
			name = strings.TrimSuffix(part, ".md")
		}
		if !ident.Valid(name) {
			what := "folder name"
			if i == len(parts)-1 {
				what = "file name"
			}
			rule := ident.Rule
			if len(name) > ident.MaxLen {
				rule = fmt.Sprintf("at most %d characters of %s", ident.MaxLen, ident.Rule)
			}
			return fmt.Sprintf("%s %q must be %s (the id becomes part of web addresses); rename it, as in %s",
				what, part, rule, suggestName(name, i == len(parts)-1))
		}
	}
	return ""
}

func suggestName(name string, file bool) string {
	s := ident.Slug(name, ident.MaxLen)
	if s == "" {
		s = "2025-02-18-short-title"
	}
	if file {
		return s + ".md"
	}
	return s
}

func folderList() string {
	var f []string
	for _, k := range Kinds {
		f = append(f, k.Folder()+"/")
	}
	return strings.Join(f, ", ")
}

func sortByID[T record](list []T) {
	slices.SortFunc(list, func(a, b T) int { return strings.Compare(a.doc().ID, b.doc().ID) })
}

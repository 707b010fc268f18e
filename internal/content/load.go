// Package content reads a site's records (incidents, root cause analyses,
// maintenance windows, contact lists and exercises) from the content/
// folder into Go values as written, with the position of every key and
// section.
//
// Reading checks only what a file is made of: encoding, front matter,
// YAML, types, known keys, file names. Whether the values make sense
// together is package validate's business.
package content

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/frontmatter"
	"github.com/incidentsite/incidentsite/internal/ident"
	"github.com/incidentsite/incidentsite/internal/markdown"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
	"golang.org/x/sync/errgroup"
	"gopkg.in/yaml.v3"
)

// Dir is the folder that holds the records.
const Dir = "content"

// Folder returns the folder of kind's records, "content/incidents".
func Folder(kind vocab.Kind) string { return path.Join(Dir, kind.Dir()) }

// namespace is the kind whose ids kind's ids must differ from: incidents
// and maintenance windows share one, as Statuspage's do (a maintenance
// window is also at incidents/ID/, and the API's ids are one namespace);
// an RCA takes its incident's id.
func namespace(kind vocab.Kind) vocab.Kind {
	if kind == vocab.KindMaintenance {
		return vocab.KindIncident
	}
	return kind
}

// loadedID is the record that took an id first.
type loadedID struct {
	kind vocab.Kind
	file string
}

// Load reads every record under content/ in fsys.
func Load(fsys fs.FS, cfg *config.Config) (*Set, diag.List) { return load(fsys, cfg, nil) }

// job is a file Load reads as a record of kind.
type job struct {
	kind vocab.Kind
	file source.File
}

// load is Load, keeping what it parsed in m, when not nil, and taking
// from m what the Load before parsed the same way.
func load(fsys fs.FS, cfg *config.Config, m *Memo) (*Set, diag.List) {
	lim := source.Limits{MaxFileSize: int64(cfg.Limits.MaxFileSize), MaxFiles: cfg.Limits.MaxFiles}
	files, diags := source.Walk(fsys, Dir, lim)

	var jobs []job
	set := &Set{}
	// What Walk could not read (a link, a submodule, a folder it may not
	// open) has an error already; the records it holds are unknown, not
	// missing, so that checks of what refers to them stay quiet.
	for _, d := range diags {
		if d.Severity != diag.Error {
			continue
		}
		rel, ok := strings.CutPrefix(d.Pos.File, Dir+"/")
		switch {
		case d.Pos.File == Dir:
			for _, k := range vocab.Kinds {
				set.markFolderUnread(k)
			}
		case !ok:
		case path.Ext(rel) == ".md" && strings.Contains(rel, "/"):
			top, _, _ := strings.Cut(rel, "/")
			if k, ok := vocab.KindOfDir(top); ok {
				set.markUnread(k, d.Pos.File)
			}
		default:
			top, _, _ := strings.Cut(rel, "/")
			if k, ok := vocab.KindOfDir(top); ok {
				set.markFolderUnread(k)
			}
		}
	}
	listed := make(map[string]bool, len(files))
	for _, f := range files {
		listed[f.Path] = true
	}
	for _, f := range files {
		rel := strings.TrimPrefix(f.Path, Dir+"/")
		top, _, nested := strings.Cut(rel, "/")
		kind, known := vocab.KindOfDir(top)
		at := diag.Position{File: f.Path, Line: 1, Col: 1}
		inKind := nested && known
		if isReadme(f.Path) {
			continue // documentation of the folder, not a record
		}
		if !inKind || path.Ext(f.Path) != ".md" {
			if rule, msg, bad, k := unread(fsys, f, inKind, listed); bad {
				diags.Errorf(at, rule, "%s", msg)
				if k != "" {
					set.markUnread(k, f.Path)
				}
			} else if msg != "" {
				diags.Warnf(at, rule, "%s", msg)
			}
			continue
		}
		if msg := checkName(f.Path); msg != "" {
			diags.Errorf(at, "file-name", "%s", msg)
			set.markUnread(kind, f.Path)
			continue
		}
		jobs = append(jobs, job{kind, f})
	}

	// Read and parse in parallel; each result lands in its own slot, so the
	// outcome does not depend on scheduling. One goroutine per processor
	// takes the files in turn: a goroutine per file grew a new stack for
	// each (yaml.v3 parses deep), 4% of the time.
	results := make([]loaded, len(jobs))
	prev := m.start()
	var next atomic.Int64
	var g errgroup.Group
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		g.Go(func() error {
			for i := int(next.Add(1) - 1); i < len(jobs); i = int(next.Add(1) - 1) {
				results[i] = loadFile(fsys, jobs[i].kind, jobs[i].file, cfg, prev)
			}
			return nil
		})
	}
	g.Wait()
	m.keep(jobs, results)

	seen := map[vocab.Kind]map[string]loadedID{}
	for i, r := range results {
		diags.Append(r.diags)
		if r.record == nil {
			set.markUnread(r.kind, jobs[i].file.Path)
			continue
		}
		d := r.record.doc()
		ns := namespace(r.kind)
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
	kind   vocab.Kind
	record record
	diags  diag.List
	// entry is what a Memo keeps of the file; nil without one, or when
	// the file could not be read or its parse panicked.
	entry *memoEntry
}

// loadFile reads one record, and parses it through r (see Memo). A
// panic, which would be a bug, is turned into an error on the file so
// that the other files are still checked.
func loadFile(fsys fs.FS, kind vocab.Kind, f source.File, cfg *config.Config, r *reuse) (out loaded) {
	out.kind = kind
	at := diag.Position{File: f.Path, Line: 1, Col: 1}
	defer func() {
		if r := recover(); r != nil {
			out.record, out.entry = nil, nil
			out.diags.Errorf(at, "internal-error", "incidentsite failed on this file (%v); please report it with the file attached\n%s", r, debug.Stack())
		}
	}()
	if e := r.unchanged(kind, f, cfg); e != nil {
		out.record, out.diags, out.entry = e.record, e.diags, e
		return out
	}
	read := r.now()
	data, err := source.ReadFile(fsys, f, int64(cfg.Limits.MaxFileSize))
	if err != nil {
		out.diags.Errorf(at, "read", "cannot read: %v", err)
		return out
	}
	out.record, out.diags, out.entry = r.parse(kind, f, data, cfg, read)
	return out
}

// Parse reads data as the record of kind stored at file. It returns a nil
// record when the file's front matter cannot be read at all, or kind is
// none of vocab.Kinds.
func Parse(kind vocab.Kind, file string, data []byte, cfg *config.Config) (record, diag.List) {
	var rec record
	switch kind {
	case vocab.KindIncident:
		rec = &Incident{}
	case vocab.KindRCA:
		rec = &RCA{}
	case vocab.KindMaintenance:
		rec = &Maintenance{}
	case vocab.KindContacts:
		rec = &ContactList{}
	case vocab.KindExercise:
		rec = &Exercise{}
	default:
		var diags diag.List
		diags.Errorf(diag.Position{File: file, Line: 1, Col: 1}, "internal-error", "incidentsite cannot read a record of kind %q; please report it", string(kind))
		return nil, diags
	}
	diags := source.CheckText(file, data)
	if diags.HasErrors() {
		return nil, diags
	}
	doc, d := frontmatter.Split(file, data, cfg.Limits.MaxDepth)
	diags.Append(d)
	if d.HasErrors() {
		return nil, diags
	}
	dec := &yamlx.Decoder{File: file, LineOffset: doc.LineOffset, Location: cfg.Location}
	pos, d := dec.Decode(doc.Node, rec)
	diags.Append(d)
	base := rec.doc()
	base.ID = strings.TrimSuffix(path.Base(file), ".md")
	base.File = file
	base.Pos = pos
	base.BodyLine = doc.BodyLine
	base.Blob = source.BlobID(data)
	base.Markdown = doc.Body
	base.empty = emptyPaths("", doc.Node, nil)
	// Values such as update messages are rendered as Markdown too.
	diags.Append(valueCharRefs(file, doc.Node, doc.LineOffset))
	diags.Append(markdown.CheckCharRefs(file, doc.Body, doc.BodyLine, 1))
	if d := markdown.Check(file, doc.Body, doc.BodyLine, markdown.DefaultLimits); len(d) > 0 {
		diags.Append(d)
		base.bodyRefused = true
	} else {
		base.Body = markdown.SplitSections(doc.Body, doc.BodyLine)
	}
	return rec, diags
}

// valueCharRefs reports the character references in n's text values
// that Markdown would turn into a deceptive character, at the reference
// in a plain value on one line, else at the value.
func valueCharRefs(file string, n *yaml.Node, offset int) diag.List {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		var diags diag.List
		for _, c := range n.Content {
			diags.Append(valueCharRefs(file, c, offset))
		}
		return diags
	}
	if !strings.Contains(n.Value, "&") {
		return nil
	}
	diags := markdown.CheckCharRefs(file, []byte(n.Value), n.Line+offset, n.Column)
	if n.Style != 0 || strings.Contains(n.Value, "\n") {
		for i := range diags {
			diags[i].Pos = diag.Position{File: file, Line: n.Line + offset, Col: n.Column}
		}
	}
	return diags
}

// emptyPaths adds to m, and returns, the paths under path of the mapping
// keys in n written without a value (YAML null), named as yamlx.Positions
// names them. Most records have none: they are found first without
// joining a path, which was most of the time spent here.
func emptyPaths(path string, n *yaml.Node, m map[string]bool) map[string]bool {
	if n == nil || !hasEmpty(n) {
		return m
	}
	return collectEmpty(path, n, m)
}

// collectEmpty is emptyPaths once n is known to hold such a key. Paths
// are joined for those keys and the mappings and lists above them only.
func collectEmpty(path string, n *yaml.Node, m map[string]bool) map[string]bool {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			null := v.Kind == yaml.ScalarNode && v.Tag == "!!null"
			if !null && !isCollection(v) {
				continue
			}
			p := yamlx.Join(path, k.Value)
			if null {
				if m == nil {
					m = map[string]bool{}
				}
				m[p] = true
			}
			m = collectEmpty(p, v, m)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if isCollection(c) {
				m = collectEmpty(yamlx.Join(path, i), c, m)
			}
		}
	}
	return m
}

func isCollection(n *yaml.Node) bool {
	return n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode
}

// hasEmpty reports whether n holds a mapping key written without a
// value.
func hasEmpty(n *yaml.Node) bool {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if v := n.Content[i+1]; (v.Kind == yaml.ScalarNode && v.Tag == "!!null") || hasEmpty(v) {
				return true
			}
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if hasEmpty(c) {
				return true
			}
		}
	}
	return false
}

// markdownExts are the extensions that editors and other tools give
// Markdown files, lowercased.
var markdownExts = []string{".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtext", ".mdtxt"}

// unread says what to do about f, a file under content/ that is not read
// as a record (inKind: it is in a kind's folder, but its extension is not
// ".md"). A file that looks like a record (a Markdown extension in any
// case, or text opening with front matter) is an error (bad): left out
// silently, an incident would be missing from the status page during the
// very outage it describes. Any other file (a picture, notes) is a
// warning.
//
// A copy of a record beside it (x.md.orig, x.md~, from an editor or a
// merge) is a warning: the record itself is read.
//
// For a file that looks like a record, kind is the kind it would be read
// as once moved or renamed, when that is clear. listed holds the paths
// of every file under content/.
func unread(fsys fs.FS, f source.File, inKind bool, listed map[string]bool) (rule, msg string, bad bool, kind vocab.Kind) {
	base := path.Base(f.Path)
	ext := path.Ext(base)
	stem := recordStem(base)
	if i := strings.Index(base, ".md"); i > 0 && i+3 < len(base) && listed[path.Join(path.Dir(f.Path), base[:i+3])] {
		return "file-name", fmt.Sprintf("ignored: a copy of %s, which is read; remove it when it is not needed", base[:i+3]), false, ""
	}
	isMarkdown := slices.Contains(markdownExts, strings.ToLower(ext))
	looksLike := isMarkdown || opensFrontMatter(fsys, f.Path)
	rel := strings.TrimPrefix(f.Path, Dir+"/")
	top, sub, nested := strings.Cut(rel, "/")
	switch {
	case !inKind && !looksLike:
		return "file-name", "ignored: records go in one of " + folderList(), false, ""
	case inKind && !looksLike:
		return "file-name", "ignored: records are Markdown files ending in .md", false, ""
	case inKind:
		k, _ := vocab.KindOfDir(top)
		return "file-name", fmt.Sprintf("this looks like a record but is not read: records end in .md; rename it to %s.md", stem), true, k
	}
	name := stem + ".md"
	if !nested {
		return "file-name", fmt.Sprintf("this looks like a record but is not read: a record goes in the folder of its kind; move it into one of %s", folderList()), true, ""
	}
	if guess := diag.Suggest(top, kindDirs()); guess != "" {
		k, _ := vocab.KindOfDir(guess)
		return "file-name", fmt.Sprintf("this looks like a record but is not read: %s/ is not a folder of records; did you mean %s? Move it to %s",
			path.Join(Dir, top), path.Join(Dir, guess)+"/", path.Join(Dir, guess, path.Dir(sub), name)), true, k
	}
	return "file-name", fmt.Sprintf("this looks like a record but is not read: %s/ is not a folder of records; move it into one of %s", path.Join(Dir, top), folderList()), true, ""
}

// recordStem returns base without its extensions from the first
// Markdown one on (x.md.orig, x.MD, x.markdown: x), else without its last
// extension: what the record's file name is without ".md".
func recordStem(base string) string {
	lower := strings.ToLower(base)
	cut := -1
	for _, e := range markdownExts {
		if i := strings.Index(lower, e); i > 0 && (cut < 0 || i < cut) {
			cut = i
		}
	}
	if cut > 0 {
		return base[:cut]
	}
	return strings.TrimSuffix(base, path.Ext(base))
}

// isReadme reports whether p names a README in Markdown (README.md,
// readme.markdown), which documents its folder and is never a record.
func isReadme(p string) bool {
	base := path.Base(p)
	ext := path.Ext(base)
	return strings.EqualFold(strings.TrimSuffix(base, ext), "readme") && slices.Contains(markdownExts, strings.ToLower(ext))
}

// opensFrontMatter reports whether the file at name starts with a "---"
// line, as a record does. Only its start is read: pictures and other
// large files are no records.
func opensFrontMatter(fsys fs.FS, name string) bool {
	f, err := fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 512)
	n, _ := io.ReadFull(f, buf)
	line, _, _ := bytes.Cut(bytes.TrimLeft(buf[:n], "\r\n \t"), []byte("\n"))
	return string(bytes.TrimSpace(line)) == "---"
}

// kindDirs lists the folders of records under content/.
func kindDirs() []string {
	var names []string
	for _, k := range vocab.Kinds {
		names = append(names, k.Dir())
	}
	return names
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
	for _, k := range vocab.Kinds {
		f = append(f, Folder(k)+"/")
	}
	return strings.Join(f, ", ")
}

func sortByID[T record](list []T) {
	slices.SortFunc(list, func(a, b T) int { return strings.Compare(a.doc().ID, b.doc().ID) })
}

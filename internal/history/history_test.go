package history_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/storage/memory"
	"github.com/google/go-cmp/cmp"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/history"
	"github.com/incidentsite/incidentsite/internal/history/historytest"
)

var t0 = time.Date(2025, 2, 18, 9, 0, 0, 0, time.FixedZone("CET", 3600))

// step is one commit of a test history.
type step struct {
	name string // the commit's message, and how later steps name it
	// on is the commit to start from ("" for the previous step's); with
	// merge, the commits merged into it.
	on    string
	merge []string
	write map[string]string // path -> contents
	link  map[string]string // path -> target
	rm    []string          // removed before write and link
}

// build commits steps into a fresh in-memory repository, one minute
// apart, and returns it with the hashes of the commits by name.
func build(t *testing.T, steps []step) (*git.Repository, *memory.Storage, map[string]plumbing.Hash) {
	t.Helper()
	st := memory.NewStorage()
	r := historytest.New(st)
	hashes := map[string]plumbing.Hash{}
	for i, s := range steps {
		if s.on != "" {
			if err := r.Checkout(hashes[s.on]); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range s.rm {
			r.Remove(p)
		}
		for p, data := range s.write {
			if err := r.Write(p, data); err != nil {
				t.Fatal(err)
			}
		}
		for p, target := range s.link {
			if err := r.WriteMode(p, target, filemode.Symlink); err != nil {
				t.Fatal(err)
			}
		}
		var parents []plumbing.Hash
		if !r.Head.IsZero() {
			parents = append(parents, r.Head)
		}
		for _, m := range s.merge {
			parents = append(parents, hashes[m])
		}
		sig := historytest.Sig("An Janssens", t0.Add(time.Duration(i)*time.Minute))
		h, err := r.Commit(s.name+"\n\nbody\n", sig, sig, parents...)
		if err != nil {
			t.Fatal(err)
		}
		hashes[s.name] = h
	}
	if err := r.SetBranch("main", r.Head); err != nil {
		t.Fatal(err)
	}
	repo, err := git.Open(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	return repo, st, hashes
}

// summary is every path's revisions as "kind by commit", newest first,
// with the path a move came from or went to.
func summary(h *history.History) map[string]string {
	out := map[string]string{}
	for _, p := range h.Paths() {
		var parts []string
		for _, r := range h.Revisions(p) {
			s := r.Kind.String() + "@" + r.Subject
			if r.From != "" {
				s += "<" + r.From
			}
			if r.To != "" {
				s += ">" + r.To
			}
			parts = append(parts, s)
		}
		out[p] = strings.Join(parts, " ")
	}
	return out
}

func trail(h *history.History, p string) string {
	var parts []string
	for _, r := range h.Trail(p) {
		parts = append(parts, r.Kind.String()+"@"+r.Subject+":"+r.Path)
	}
	return strings.Join(parts, " ")
}

// checkTrailSeq fails t unless TrailSeq yields Trail's revisions, stops
// when told, and First is the last of them.
func checkTrailSeq(t *testing.T, h *history.History, p string) {
	t.Helper()
	want := h.Trail(p)
	var got []history.Revision
	for r := range h.TrailSeq(p) {
		got = append(got, r)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TrailSeq(%s) yields %d revisions, Trail %d, or other ones", p, len(got), len(want))
	}
	n := 0
	for range h.TrailSeq(p) {
		n++
		break
	}
	if n != min(1, len(want)) {
		t.Errorf("TrailSeq(%s) went on after a break: %d", p, n)
	}
	first, err := h.First(p)
	if len(want) == 0 {
		if !errors.Is(err, history.ErrNoFile) {
			t.Errorf("First(%s) of no revision: %v, want ErrNoFile", p, err)
		}
	} else if err != nil || !reflect.DeepEqual(first, want[len(want)-1]) {
		t.Errorf("First(%s) = %v, %v; want the trail's last", p, first.Subject, err)
	}
}

const (
	a   = "content/incidents/2024/a.md"
	b   = "content/incidents/2024/b.md"
	a25 = "content/incidents/2025/a.md"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name   string
		steps  []step
		want   map[string]string
		trails map[string]string // path -> its Trail
	}{{
		name: "linear: add, edit, empty commit, delete, add again",
		steps: []step{
			{name: "c1", write: map[string]string{a: "1", "README.md": "x"}},
			{name: "c2", write: map[string]string{a: "2", b: "1"}},
			{name: "c3"}, // empty
			{name: "c4", write: map[string]string{"README.md": "y"}},
			{name: "c5", rm: []string{a}},
			{name: "c6", write: map[string]string{a: "3"}},
		},
		want: map[string]string{
			a: "added@c6 deleted@c5 modified@c2 added@c1",
			b: "added@c2",
		},
		trails: map[string]string{a: "added@c6:" + a + " deleted@c5:" + a + " modified@c2:" + a + " added@c1:" + a},
	}, {
		name: "a record moves to another year's folder, edited on the way",
		steps: []step{
			{name: "c1", write: map[string]string{a: "1"}},
			{name: "c2", write: map[string]string{a: "2"}},
			{name: "c3", rm: []string{a}, write: map[string]string{a25: "3"}},
			{name: "c4", write: map[string]string{a25: "4"}},
		},
		want: map[string]string{
			a:   "deleted@c3>" + a25 + " modified@c2 added@c1",
			a25: "modified@c4 moved@c3<" + a,
		},
		trails: map[string]string{a25: "modified@c4:" + a25 + " moved@c3:" + a25 + " modified@c2:" + a + " added@c1:" + a},
	}, {
		name: "a renamed file of the same contents is a move; another deleted one is not",
		steps: []step{
			{name: "c1", write: map[string]string{a: "same", b: "other"}},
			{name: "c2", rm: []string{a, b}, write: map[string]string{"content/incidents/2024/c.md": "same"}},
		},
		want: map[string]string{
			a:                             "deleted@c2>content/incidents/2024/c.md added@c1",
			b:                             "deleted@c2 added@c1",
			"content/incidents/2024/c.md": "moved@c2<" + a,
		},
		trails: map[string]string{"content/incidents/2024/c.md": "moved@c2:content/incidents/2024/c.md added@c1:" + a},
	}, {
		name: "one commit moves several records, one of them edited",
		steps: []step{
			{name: "c1", write: map[string]string{a: "1", b: "2", "content/incidents/2024/c.md": "3"}},
			{name: "c2", rm: []string{a, b}, write: map[string]string{
				a25: "1", "content/incidents/2025/b.md": "2, edited", "content/incidents/2025/d.md": "3",
			}},
		},
		want: map[string]string{
			a:                             "deleted@c2>" + a25 + " added@c1",
			b:                             "deleted@c2>content/incidents/2025/b.md added@c1",
			"content/incidents/2024/c.md": "added@c1",
			a25:                           "moved@c2<" + a,
			"content/incidents/2025/b.md": "moved@c2<" + b,
			"content/incidents/2025/d.md": "added@c2",
		},
	}, {
		name: "an RCA of the same id added as an incident is deleted is no move",
		steps: []step{
			{name: "c1", write: map[string]string{a: "incident"}},
			{name: "c2", rm: []string{a}, write: map[string]string{"content/rcas/a.md": "rca"}},
		},
		want: map[string]string{
			a:                   "deleted@c2 added@c1",
			"content/rcas/a.md": "added@c2",
		},
	}, {
		name: "moved away and back: the trail goes through both paths in order",
		steps: []step{
			{name: "c1", write: map[string]string{a: "1"}},
			{name: "c2", rm: []string{a}, write: map[string]string{a25: "1"}},
			{name: "c3", rm: []string{a25}, write: map[string]string{a: "1"}},
		},
		want: map[string]string{
			a:   "moved@c3<" + a25 + " deleted@c2>" + a25 + " added@c1",
			a25: "deleted@c3>" + a + " moved@c2<" + a,
		},
		trails: map[string]string{a: "moved@c3:" + a + " moved@c2:" + a25 + " added@c1:" + a},
	}, {
		name: "a merge of changes made on one side each changes nothing itself",
		steps: []step{
			{name: "base", write: map[string]string{a: "1", b: "1"}},
			{name: "left", write: map[string]string{a: "2"}},
			{name: "right", on: "base", write: map[string]string{b: "2"}},
			{name: "merge", on: "left", merge: []string{"right"}, write: map[string]string{b: "2"}},
		},
		want: map[string]string{
			a: "modified@left added@base",
			b: "modified@right added@base",
		},
	}, {
		name: "a merge that resolves a path changed on both sides changes it",
		steps: []step{
			{name: "base", write: map[string]string{a: "1"}},
			{name: "left", write: map[string]string{a: "2"}},
			{name: "right", on: "base", write: map[string]string{a: "3"}},
			{name: "merge", on: "left", merge: []string{"right"}, write: map[string]string{a: "2+3"}},
		},
		want: map[string]string{a: "modified@merge modified@right modified@left added@base"},
	}, {
		name: "a merge of the same change made on both sides changes nothing",
		steps: []step{
			{name: "base", write: map[string]string{a: "1"}},
			{name: "left", write: map[string]string{a: "2"}},
			{name: "right", on: "base", write: map[string]string{a: "2", b: "1"}},
			{name: "merge", on: "left", merge: []string{"right"}, write: map[string]string{b: "1"}},
		},
		want: map[string]string{
			a: "modified@right modified@left added@base",
			b: "added@right",
		},
	}, {
		name: "a merge that adds a file new to both sides adds it",
		steps: []step{
			{name: "base", write: map[string]string{a: "1"}},
			{name: "left", write: map[string]string{a: "2"}},
			{name: "right", on: "base", write: map[string]string{"README.md": "x"}},
			{name: "merge", on: "left", merge: []string{"right"}, write: map[string]string{b: "1", "README.md": "x"}},
		},
		want: map[string]string{
			a: "modified@left added@base",
			b: "added@merge",
		},
	}, {
		name: "a merge that deletes a file one side added deletes it",
		steps: []step{
			{name: "base", write: map[string]string{a: "1"}},
			{name: "left", write: map[string]string{b: "1"}},
			{name: "right", on: "base", write: map[string]string{"README.md": "x"}},
			{name: "merge", on: "left", merge: []string{"right"}, rm: []string{b}, write: map[string]string{"README.md": "x"}},
		},
		want: map[string]string{
			a: "added@base",
			b: "added@left",
		},
	}, {
		name: "hidden files, links, files outside the folder and a file that becomes a folder",
		steps: []step{
			{name: "c1", write: map[string]string{
				"content/.gitkeep": "", "content/.hidden/x.md": "1", "static/x.md": "1",
				"content/incidents/x": "file",
			}, link: map[string]string{"content/link.md": "../README.md"}},
			{name: "c2", rm: []string{"content/incidents/x"}, write: map[string]string{"content/incidents/x/y.md": "1"}},
			{name: "c3", rm: []string{"content/link.md"}, write: map[string]string{"content/link.md": "now a file"}},
		},
		want: map[string]string{
			"content/incidents/x":      "deleted@c2 added@c1",
			"content/incidents/x/y.md": "added@c2",
			"content/link.md":          "added@c3",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo, _, hashes := build(t, tt.steps)
			head := hashes[tt.steps[len(tt.steps)-1].name]
			h, diags, err := history.Read(repo, head.String(), history.Options{Site: ".", Dir: "content"})
			if err != nil {
				t.Fatal(err)
			}
			if len(diags) != 0 {
				t.Errorf("diagnostics: %v", diags)
			}
			if diff := cmp.Diff(tt.want, summary(h)); diff != "" {
				t.Errorf("revisions (-want, +got):\n%s", diff)
			}
			for p, want := range tt.trails {
				if got := trail(h, p); got != want {
					t.Errorf("Trail(%s)\n got %s\nwant %s", p, got, want)
				}
				checkTrailSeq(t, h, p)
			}
			if h.Head == nil || h.Head.Hash != head.String() || h.Shallow {
				t.Errorf("Head = %+v, Shallow = %v; want commit %s, not shallow", h.Head, h.Shallow, head)
			}
		})
	}
}

// TestRevisionFields checks what a revision says of its commit.
func TestRevisionFields(t *testing.T) {
	repo, st, hashes := build(t, []step{{name: "c1", write: map[string]string{a: "1"}}})
	r := historytest.New(st)
	if err := r.Checkout(hashes["c1"]); err != nil {
		t.Fatal(err)
	}
	if err := r.Write(a, "2"); err != nil {
		t.Fatal(err)
	}
	author := historytest.Sig("Chloé Dubois", time.Date(2025, 2, 18, 10, 20, 0, 0, time.FixedZone("", 2*3600)))
	committer := historytest.Sig("Bram Peeters", time.Date(2025, 2, 18, 11, 0, 0, 0, time.UTC))
	c2, err := r.Commit("Post the second update  \r\n\nBecause.\n", author, committer, hashes["c1"])
	if err != nil {
		t.Fatal(err)
	}
	h, _, err := history.Read(repo, c2.String(), history.Options{Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	got := h.Revisions(a)[0]
	if got.Hash != c2.String() || got.Author != "Chloé Dubois" || got.Email != "chloé.dubois@example.org" ||
		got.Subject != "Post the second update" || got.Kind != history.Modified {
		t.Errorf("revision = %+v %+v", got, *got.Commit)
	}
	if got.AuthorTime.Format(time.RFC3339) != "2025-02-18T10:20:00+02:00" || got.CommitTime.Format(time.RFC3339) != "2025-02-18T11:00:00Z" {
		t.Errorf("times = %s, %s; want the author's with its offset and the committer's", got.AuthorTime.Format(time.RFC3339), got.CommitTime.Format(time.RFC3339))
	}
	first, err := h.First(a)
	if err != nil || first.Hash != hashes["c1"].String() || first.Kind != history.Added {
		t.Errorf("First = %+v, %v; want c1's addition", first, err)
	}
	if _, err := h.First("content/none.md"); err == nil {
		t.Error("First of a file without revisions: no error")
	}
}

// TestSite reads a site in a folder of its repository: paths are the
// site's, and the same folder elsewhere in the repository is not read.
func TestSite(t *testing.T) {
	repo, _, hashes := build(t, []step{
		{name: "c1", write: map[string]string{"docs/status/content/x.md": "1", "content/y.md": "1", "docs/status/incidentsite.yaml": ""}},
	})
	h, _, err := history.Read(repo, hashes["c1"].String(), history.Options{Site: "docs/status", Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"content/x.md": "added@c1"}, summary(h)); diff != "" {
		t.Errorf("(-want, +got):\n%s", diff)
	}
}

// TestDeterministic reads a history with branches whose commits share a
// time: the order of revisions is the same each time, and children come
// before their parents.
func TestDeterministic(t *testing.T) {
	steps := []step{{name: "base", write: map[string]string{a: "0"}}}
	for i := range 6 {
		steps = append(steps, step{name: fmt.Sprint("s", i), on: "base", write: map[string]string{a: fmt.Sprint(i + 1)}})
	}
	repo, st, hashes := build(t, steps)
	r := historytest.New(st)
	if err := r.Checkout(hashes["s0"]); err != nil {
		t.Fatal(err)
	}
	if err := r.Write(a, "all"); err != nil {
		t.Fatal(err)
	}
	sig := historytest.Sig("An Janssens", t0) // as old as base: order by hash
	var others []plumbing.Hash
	for i := range 6 {
		others = append(others, hashes[fmt.Sprint("s", i)])
	}
	m, err := r.Commit("merge\n", sig, sig, others...)
	if err != nil {
		t.Fatal(err)
	}
	var first string
	for range 5 {
		h, _, err := history.Read(repo, m.String(), history.Options{Dir: "content"})
		if err != nil {
			t.Fatal(err)
		}
		got := summary(h)[a]
		if first == "" {
			first = got
		} else if got != first {
			t.Fatalf("order changed:\n%s\n%s", first, got)
		}
		if !strings.HasPrefix(got, "modified@merge ") || !strings.HasSuffix(got, " added@base") {
			t.Errorf("revisions of %s = %s; want the merge first and base last", a, got)
		}
	}
}

func TestMissingHistory(t *testing.T) {
	repo, st, hashes := build(t, []step{
		{name: "c1", write: map[string]string{a: "1"}},
		{name: "c2", write: map[string]string{a: "2", b: "1"}},
		{name: "c3", write: map[string]string{b: "2"}},
	})
	tests := []struct {
		name   string
		repo   *git.Repository
		commit string
		setup  func()
		want   string
	}{{
		name: "no git",
		want: "content: warning: the site is not in a git repository, so its records have no history: the logbook shows no audit trail and no time of registration, and no check compares updates with their commits; keep the site in git and build from a clone",
	}, {
		name: "no commit yet",
		repo: repo,
		want: "content: warning: the repository has no commit yet, so its records have no history: the logbook shows no audit trail and no time of registration until you commit them",
	}, {
		name:   "shallow",
		repo:   repo,
		commit: hashes["c3"].String(),
		setup:  func() { st.SetShallow([]plumbing.Hash{hashes["c2"]}) },
		want:   "content: warning: this clone is shallow: it holds only 2 commits of the history of " + hashes["c3"].String()[:12] + ", so the records first seen in the oldest have no known time of registration and their audit trail starts there; fetch the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)",
	}, {
		name:   "parent missing",
		repo:   repo,
		commit: hashes["c3"].String(),
		setup: func() {
			st.SetShallow(nil)
			delete(st.ObjectStorage.Commits, hashes["c1"])
			delete(st.ObjectStorage.Objects, hashes["c1"])
		},
		want: "content: warning: the repository lacks the parents of some commits: it holds only 2 commits of the history of " + hashes["c3"].String()[:12] + ", so the records first seen in the oldest have no known time of registration and their audit trail starts there; fetch the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.setup != nil {
				tt.setup()
			}
			h, diags, err := history.Read(tt.repo, tt.commit, history.Options{Site: ".", Dir: "content"})
			if err != nil {
				t.Fatal(err)
			}
			if len(diags) != 1 || diags[0].String() != tt.want || diags[0].Severity != diag.Warning {
				t.Fatalf("diagnostics = %q\nwant one: %s", diags, tt.want)
			}
			if tt.commit == "" {
				if len(h.Paths()) != 0 || h.Head != nil {
					t.Errorf("history without a commit: %v, %v", h.Paths(), h.Head)
				}
				return
			}
			// c2 is the boundary: a.md and b.md are present there, and
			// b.md's edit in c3 is known.
			want := map[string]string{a: "added@c2", b: "modified@c3 added@c2"}
			if diff := cmp.Diff(want, summary(h)); diff != "" {
				t.Errorf("(-want, +got):\n%s", diff)
			}
			first, err := h.First(a)
			if err != nil || !first.Boundary || !h.Shallow {
				t.Errorf("First(a) = %+v, %v; Shallow = %v; want a boundary revision", first, err, h.Shallow)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	repo, _, _ := build(t, []step{{name: "c1", write: map[string]string{a: "1"}}})
	for _, commit := range []string{"HEAD", strings.Repeat("a", 40)} {
		if _, _, err := history.Read(repo, commit, history.Options{Dir: "content"}); err == nil {
			t.Errorf("Read(%q): no error", commit)
		}
	}
}

// TestUncommitted compares work-tree contents with the files of the
// commit read, even where a merge took the older side's version, which
// is then not the contents of the file's newest revision.
func TestUncommitted(t *testing.T) {
	repo, _, hashes := build(t, []step{
		{name: "base", write: map[string]string{a: "1", b: "1"}},
		{name: "branch", write: map[string]string{a: "branch"}},
		{name: "main", on: "base", write: map[string]string{a: "main"}}, // newer than branch
		{name: "merge", on: "main", merge: []string{"branch"}, write: map[string]string{a: "branch"}},
	})
	h, _, err := history.Read(repo, hashes["merge"].String(), history.Options{Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(h)[a]; got != "modified@main modified@branch added@base" {
		t.Fatalf("revisions of a = %s", got)
	}
	tests := []struct {
		path, data string
		want       bool
	}{
		{a, "branch", false},
		{a, "main", true},
		{b, "1", false},
		{b, "1\n", true},
		{"content/new.md", "1", true},
	}
	for _, tt := range tests {
		if got := h.Uncommitted(tt.path, []byte(tt.data)); got != tt.want {
			t.Errorf("Uncommitted(%s, %q) = %v, want %v", tt.path, tt.data, got, tt.want)
		}
	}
	if h.Blob(a) != h.Revisions(a)[1].Blob {
		t.Errorf("Blob(a) = %s, want the branch's blob %s", h.Blob(a), h.Revisions(a)[1].Blob)
	}
	empty, _, _ := history.Read(nil, "", history.Options{Dir: "content"})
	if !empty.Uncommitted(b, []byte("1")) {
		t.Error("without git, a file is committed")
	}
}

// TestMalformedTree reads a crafted tree object: an error, no panic.
func TestMalformedTree(t *testing.T) {
	for _, raw := range []string{
		"100644 a.md",                           // no NUL, no hash
		"100644 \x00" + strings.Repeat("x", 20), // empty name
		"10064x a.md\x00" + strings.Repeat("x", 20),
		"100644 a.md\x00short",
	} {
		repo, st, hashes := build(t, []step{{name: "c1", write: map[string]string{a: "1"}}})
		obj := st.NewEncodedObject()
		obj.SetType(plumbing.TreeObject)
		w, _ := obj.Writer()
		w.Write([]byte(raw))
		w.Close()
		bad, err := st.SetEncodedObject(obj)
		if err != nil {
			t.Fatal(err)
		}
		// A root tree whose content/ is the crafted tree.
		root := st.NewEncodedObject()
		root.SetType(plumbing.TreeObject)
		w, _ = root.Writer()
		w.Write(append([]byte("40000 content\x00"), bad[:]...))
		w.Close()
		rootHash, _ := st.SetEncodedObject(root)
		r := historytest.New(st)
		sig := historytest.Sig("An Janssens", t0.Add(time.Hour))
		c, err := r.CommitTree("crafted\n", rootHash, sig, sig, hashes["c1"])
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := history.Read(repo, c.String(), history.Options{Dir: "content"}); err == nil || !strings.Contains(err.Error(), "malformed tree") {
			t.Errorf("tree %q: error %v, want a malformed tree", raw, err)
		}
	}
}

// TestShallowDepthOne reads the clone GitHub Actions makes by default
// (fetch-depth: 1): one commit, whose files all start there.
func TestShallowDepthOne(t *testing.T) {
	repo, st, hashes := build(t, []step{
		{name: "c1", write: map[string]string{a: "1"}},
		{name: "c2", write: map[string]string{b: "1"}},
	})
	st.SetShallow([]plumbing.Hash{hashes["c2"]})
	h, diags, err := history.Read(repo, hashes["c2"].String(), history.Options{Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	want := "content: warning: this clone is shallow: it holds only 1 commit of the history of " + hashes["c2"].String()[:12] + ", so the records first seen in the oldest have no known time of registration and their audit trail starts there; fetch the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)"
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("diagnostics = %q\nwant %s", diags, want)
	}
	if diff := cmp.Diff(map[string]string{a: "added@c2", b: "added@c2"}, summary(h)); diff != "" {
		t.Errorf("(-want, +got):\n%s", diff)
	}
	if !h.Head.Boundary || h.Uncommitted(a, []byte("1")) {
		t.Errorf("Head = %+v; a uncommitted: %v", h.Head, h.Uncommitted(a, []byte("1")))
	}
}

// TestMalformedTreeOnDisk reads a crafted tree where the comparisons run
// in several goroutines: the error comes back, nothing hangs.
func TestMalformedTreeOnDisk(t *testing.T) {
	repo, err := git.PlainInit(t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	r := historytest.New(repo.Storer)
	var head plumbing.Hash
	for i := range 300 {
		if err := r.Write(fmt.Sprintf("content/incidents/2025/%d.md", i%7), fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
		sig := historytest.Sig("An Janssens", t0.Add(time.Duration(i)*time.Minute))
		var parents []plumbing.Hash
		if !head.IsZero() {
			parents = append(parents, head)
		}
		if head, err = r.Commit("c\n", sig, sig, parents...); err != nil {
			t.Fatal(err)
		}
		if i == 150 { // a commit in the middle whose content/ is not a tree
			obj := repo.Storer.NewEncodedObject()
			obj.SetType(plumbing.TreeObject)
			w, _ := obj.Writer()
			w.Write([]byte("40000 content\x00" + strings.Repeat("\x01", 20)))
			w.Close()
			root, err := repo.Storer.SetEncodedObject(obj)
			if err != nil {
				t.Fatal(err)
			}
			if head, err = r.CommitTree("crafted\n", root, sig, sig, head); err != nil {
				t.Fatal(err)
			}
		}
	}
	_, _, err = history.Read(repo, head.String(), history.Options{Dir: "content"})
	if err == nil || !strings.Contains(err.Error(), "object not found") {
		t.Errorf("error = %v, want the missing tree", err)
	}
}

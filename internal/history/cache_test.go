package history_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/incidentsite/incidentsite/internal/history"
	"github.com/incidentsite/incidentsite/internal/history/historytest"
)

// mapCache is a history.Cache in memory that counts what it was asked.
type mapCache struct {
	m          map[string][]byte
	gets, hits int
	puts       int
}

func (c *mapCache) Get(kind, key string) ([]byte, bool) {
	c.gets++
	b, ok := c.m[kind+"/"+key]
	if ok {
		c.hits++
	}
	return b, ok
}

func (c *mapCache) Put(kind, key string, data []byte) {
	c.puts++
	c.m[kind+"/"+key] = data
}

// diskHistory commits a history with moves, a deletion, a merge and
// authors in three time zones into a repository on disk, and returns it
// with its last commit.
func diskHistory(t *testing.T) (*git.Repository, plumbing.Hash) {
	t.Helper()
	repo, err := git.PlainInit(t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	r := historytest.New(repo.Storer)
	zones := []*time.Location{time.UTC, time.FixedZone("", 3600), time.FixedZone("", -5*3600-1800)}
	var head plumbing.Hash
	commit := func(i int, msg string, parents ...plumbing.Hash) plumbing.Hash {
		when := t0.Add(time.Duration(i) * time.Hour).In(zones[i%len(zones)])
		sig := object.Signature{Name: fmt.Sprint("Author ", i%4), Email: fmt.Sprintf("a%d@example.org", i%4), When: when}
		h, err := r.Commit(msg, sig, historytest.Sig("Committer", when.Add(time.Minute)), parents...)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	for i := range 40 {
		if err := r.Write(fmt.Sprintf("content/incidents/2025/2025-02-%02d-i%d.md", i%28+1, i%9), fmt.Sprint("v", i)); err != nil {
			t.Fatal(err)
		}
		switch i {
		case 20: // a move to another year's folder
			r.Remove("content/incidents/2025/2025-02-03-i2.md")
			if err := r.Write("content/incidents/2026/2025-02-03-i2.md", "v2"); err != nil {
				t.Fatal(err)
			}
		case 30:
			r.Remove("content/incidents/2025/2025-02-05-i4.md")
		}
		var parents []plumbing.Hash
		if !head.IsZero() {
			parents = append(parents, head)
		}
		head = commit(i, fmt.Sprintf("step %d\n\nwith a body", i), parents...)
	}
	side := head
	if err := r.Write("content/rcas/side.md", "side"); err != nil {
		t.Fatal(err)
	}
	side = commit(41, "side branch\n", side)
	if err := r.Write("content/rcas/main.md", "main"); err != nil {
		t.Fatal(err)
	}
	head = commit(42, "main branch\n", head, side)
	return repo, head
}

// TestCache reads a history into a cache, then from it: the same
// History, with the same warnings, without a walk; damaged data, another
// folder or a shallow repository read the history again.
func TestCache(t *testing.T) {
	repo, head := diskHistory(t)
	c := &mapCache{m: map[string][]byte{}}
	opts := history.Options{Dir: "content", Cache: c}
	want, wantDiags, err := history.Read(repo, head.String(), history.Options{Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		got, diags, err := history.Read(repo, head.String(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(diags, wantDiags) {
			t.Errorf("read %d: the history differs from the walk's", i)
		}
	}
	if c.puts != 1 || c.hits != 1 {
		t.Errorf("puts %d, hits %d; want 1 and 1: the second read comes from the cache", c.puts, c.hits)
	}
	if len(want.Paths()) < 10 || want.Head.AuthorTime.Location() == time.UTC {
		t.Fatalf("the test history is too small to prove anything: %d paths", len(want.Paths()))
	}

	// Damaged data is a miss, read again and kept again.
	for k, v := range c.m {
		c.m[k] = v[:len(v)/2]
	}
	got, _, err := history.Read(repo, head.String(), opts)
	if err != nil || !reflect.DeepEqual(got, want) || c.puts != 2 {
		t.Errorf("after damage: err %v, equal %v, puts %d (want 2)", err, reflect.DeepEqual(got, want), c.puts)
	}

	// Another folder is another key.
	if _, _, err := history.Read(repo, head.String(), history.Options{Dir: "content/rcas", Cache: c}); err != nil || c.puts != 3 {
		t.Errorf("another folder: err %v, puts %d (want 3)", err, c.puts)
	}

	// A repository that became shallow reads a shorter history of the
	// same commit, with its warning.
	parent, err := repo.CommitObject(head)
	if err != nil {
		t.Fatal(err)
	}
	if err := repo.Storer.SetShallow([]plumbing.Hash{parent.ParentHashes[0]}); err != nil {
		t.Fatal(err)
	}
	shallow, shallowDiags, err := history.Read(repo, head.String(), history.Options{Dir: "content"})
	if err != nil || !shallow.Shallow || len(shallowDiags) != 1 {
		t.Fatalf("shallow walk: err %v, shallow %v, %d diagnostics", err, shallow.Shallow, len(shallowDiags))
	}
	for i := range 2 {
		got, diags, err := history.Read(repo, head.String(), opts)
		if err != nil || !reflect.DeepEqual(got, shallow) || !reflect.DeepEqual(diags, shallowDiags) {
			t.Errorf("shallow read %d: err %v, the history or its warning differs from the walk's:\n%v\n%v", i, err, diags, shallowDiags)
		}
	}
	if c.puts != 4 {
		t.Errorf("puts %d, want 4: the shallow history is kept apart", c.puts)
	}
}

// TestCacheInMemory: a repository that is not on disk is never kept.
func TestCacheInMemory(t *testing.T) {
	repo, _, hashes := build(t, []step{{name: "c1", write: map[string]string{a: "1"}}})
	c := &mapCache{m: map[string][]byte{}}
	if _, _, err := history.Read(repo, hashes["c1"].String(), history.Options{Dir: "content", Cache: c}); err != nil {
		t.Fatal(err)
	}
	if c.gets+c.puts != 0 {
		t.Errorf("gets %d, puts %d: a history in memory is not kept", c.gets, c.puts)
	}
}

// TestExtend: with the history of an ancestor kept, in the cache or in
// the memo, the history of a later commit is that history extended by
// the commits since, and equals the walk's: across a move and a
// deletion, with the memo's history left as it was. A merge since, or an
// ancestor too far back, reads the whole history, as without it.
func TestExtend(t *testing.T) {
	repo, head := diskHistory(t)
	// line[i] is the commit i first parents below the merge at head.
	var line []plumbing.Hash
	for h := head; ; {
		line = append(line, h)
		c, err := repo.CommitObject(h)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.ParentHashes) == 0 {
			break
		}
		h = c.ParentHashes[0]
	}
	if len(line) != 41 {
		t.Fatalf("%d commits in the first-parent line, want 41", len(line))
	}
	walk := func(h plumbing.Hash) *history.History {
		t.Helper()
		want, _, err := history.Read(repo, h.String(), history.Options{Dir: "content"})
		if err != nil {
			t.Fatal(err)
		}
		return want
	}
	for _, c := range []struct {
		name       string
		kept, read int // indexes in line
		extended   bool
	}{
		{"one commit", 2, 1, true},
		{"across a deletion", 15, 1, true}, // step 30 deleted a record
		{"across a move", 25, 3, true},     // step 20 moved one
		{"from the first commit", 40, 1, true},
		{"a merge since", 1, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cache := &mapCache{m: map[string][]byte{}}
			opts := history.Options{Dir: "content", Cache: cache}
			if _, _, err := history.Read(repo, line[c.kept].String(), opts); err != nil {
				t.Fatal(err)
			}
			cache.gets, cache.hits = 0, 0
			got, _, err := history.Read(repo, line[c.read].String(), opts)
			if err != nil {
				t.Fatal(err)
			}
			if want := walk(line[c.read]); !reflect.DeepEqual(got, want) {
				t.Errorf("the history of line[%d] from that of line[%d] differs from the walk's", c.read, c.kept)
			}
			if extended := cache.hits == 1; extended != c.extended {
				t.Errorf("extended %v (%d gets, %d hits), want %v", extended, cache.gets, cache.hits, c.extended)
			}
			// The extended history is kept in its turn, as the walk's is.
			if again, _, err := history.Read(repo, line[c.read].String(), opts); err != nil || !reflect.DeepEqual(again, got) {
				t.Errorf("read again from the cache: %v, equal %v", err, reflect.DeepEqual(again, got))
			}
		})
	}

	// From the memo, which keeps the ancestor's history as it was.
	memo := history.NewMemo()
	opts := history.Options{Dir: "content", Memo: memo}
	old, _, err := history.Read(repo, line[12].String(), opts)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := history.Read(repo, line[1].String(), opts)
	if err != nil || !reflect.DeepEqual(got, walk(line[1])) {
		t.Errorf("from the memo: %v, or the history differs from the walk's", err)
	}
	if !reflect.DeepEqual(old, walk(line[12])) {
		t.Error("extending the memo's history modified it")
	}
}

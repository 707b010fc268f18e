package history_test

import (
	"reflect"
	"sync"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/incidentsite/incidentsite/internal/history"
)

// TestMemo reads a history through a Memo: the first Read of a commit
// asks the Cache (or walks), the next gives the same History back
// without asking it, and a Read of another commit reads again and takes
// its place. Each gives what a walk gives, with the same warnings.
func TestMemo(t *testing.T) {
	repo, head := diskHistory(t)
	commit, err := repo.CommitObject(head)
	if err != nil {
		t.Fatal(err)
	}
	parent := commit.ParentHashes[0]
	walk := func(h plumbing.Hash) (*history.History, any) {
		t.Helper()
		got, diags, err := history.Read(repo, h.String(), history.Options{Dir: "content"})
		if err != nil {
			t.Fatal(err)
		}
		return got, diags
	}
	wantHead, wantHeadDiags := walk(head)
	wantParent, wantParentDiags := walk(parent)

	c := &mapCache{m: map[string][]byte{}}
	// Fill the cache, as an earlier run of the program did.
	for _, h := range []plumbing.Hash{head, parent} {
		if _, _, err := history.Read(repo, h.String(), history.Options{Dir: "content", Cache: c}); err != nil {
			t.Fatal(err)
		}
	}
	c.gets, c.hits, c.puts = 0, 0, 0

	m := history.NewMemo()
	opts := history.Options{Dir: "content", Cache: c, Memo: m}
	var prev *history.History
	for _, tc := range []struct {
		name       string
		commit     plumbing.Hash
		want       *history.History
		wantDiags  any
		gets, puts int
		// same reports whether the History must be the one the Read
		// before gave.
		same bool
	}{
		{"the first read decodes the cache's", head, wantHead, wantHeadDiags, 1, 0, false},
		{"the second is the memo's", head, wantHead, wantHeadDiags, 1, 0, true},
		{"and so is the third", head, wantHead, wantHeadDiags, 1, 0, true},
		{"another commit asks the cache", parent, wantParent, wantParentDiags, 2, 0, false},
		{"which replaced the first in the memo", head, wantHead, wantHeadDiags, 3, 0, false},
	} {
		got, diags, err := history.Read(repo, tc.commit.String(), opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !reflect.DeepEqual(got, tc.want) || !reflect.DeepEqual(any(diags), tc.wantDiags) {
			t.Errorf("%s: the history or its warnings differ from the walk's", tc.name)
		}
		if c.gets != tc.gets || c.puts != tc.puts {
			t.Errorf("%s: cache asked %d times, given %d histories; want %d and %d", tc.name, c.gets, c.puts, tc.gets, tc.puts)
		}
		if (got == prev) != tc.same {
			t.Errorf("%s: the History of the Read before: %v, want %v", tc.name, got == prev, tc.same)
		}
		prev = got
	}
}

// TestMemoWithoutCache: a Memo without a Cache keeps the walk's History.
func TestMemoWithoutCache(t *testing.T) {
	repo, head := diskHistory(t)
	want, wantDiags, err := history.Read(repo, head.String(), history.Options{Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	opts := history.Options{Dir: "content", Memo: history.NewMemo()}
	h1, d1, err1 := history.Read(repo, head.String(), opts)
	h2, d2, err2 := history.Read(repo, head.String(), opts)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if h1 != h2 {
		t.Error("the second Read walked again: want the first Read's History")
	}
	if !reflect.DeepEqual(h2, want) || !reflect.DeepEqual(d1, wantDiags) || !reflect.DeepEqual(d2, wantDiags) {
		t.Error("the history or its warnings differ from the walk's")
	}
	// Another folder is another key.
	rcas, _, err := history.Read(repo, head.String(), history.Options{Dir: "content/rcas", Memo: opts.Memo})
	if err != nil || rcas == h1 || reflect.DeepEqual(rcas, h1) {
		t.Errorf("content/rcas: err %v; the history of content/ was given", err)
	}
}

// TestMemoInMemory: a repository that is not on disk has no key, and
// its history is not kept.
func TestMemoInMemory(t *testing.T) {
	repo, _, hashes := build(t, []step{{name: "c1", write: map[string]string{a: "1"}}})
	opts := history.Options{Dir: "content", Memo: history.NewMemo()}
	h1, _, err1 := history.Read(repo, hashes["c1"].String(), opts)
	h2, _, err2 := history.Read(repo, hashes["c1"].String(), opts)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if h1 == h2 || !reflect.DeepEqual(h1, h2) {
		t.Error("a history in memory is read again each time, and is the same")
	}
}

// TestMemoConcurrent reads with one Memo at once (go test -race checks
// its locking).
func TestMemoConcurrent(t *testing.T) {
	repo, head := diskHistory(t)
	want, _, err := history.Read(repo, head.String(), history.Options{Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	opts := history.Options{Dir: "content", Memo: history.NewMemo()}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			got, _, err := history.Read(repo, head.String(), opts)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("err %v; the history differs from the walk's", err)
			}
		})
	}
	wg.Wait()
}

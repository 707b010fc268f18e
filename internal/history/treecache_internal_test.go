package history

import (
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestTreeCacheBounds checks that the walk's tree cache keeps at most
// treeCacheSize trees and treeCacheBytes bytes, the newest, and keeps no
// tree larger than that alone.
func TestTreeCacheBounds(t *testing.T) {
	w := &walker{cache: map[plumbing.Hash]*rawTree{}}
	hash := func(i int) plumbing.Hash {
		var h plumbing.Hash
		h[0], h[1], h[2] = byte(i), byte(i>>8), 1
		return h
	}
	tree := func(n int) *rawTree { return &rawTree{raw: make([]byte, n), start: []int32{0}} }
	check := func(when string) {
		t.Helper()
		bytes := 0
		for _, tr := range w.cache {
			bytes += tr.size()
		}
		if len(w.cache) > treeCacheSize || bytes > treeCacheBytes || bytes != w.cacheBytes || len(w.cache) != len(w.cacheOrder)-w.cacheHead {
			t.Fatalf("%s: %d trees, %d bytes (counted %d), %d in order", when, len(w.cache), bytes, w.cacheBytes, len(w.cacheOrder)-w.cacheHead)
		}
	}
	// Small trees: the count bounds the cache.
	for i := range 3 * treeCacheSize {
		w.cacheTree(hash(i), tree(100))
		check("small")
	}
	if len(w.cache) != treeCacheSize || w.cache[hash(3*treeCacheSize-1)] == nil || w.cache[hash(0)] != nil {
		t.Errorf("small trees: %d kept; the newest must stay and the oldest go", len(w.cache))
	}
	// Large trees (a folder of thousands of files): the bytes bound it.
	for i := range 100 {
		w.cacheTree(hash(1000+i), tree(500_000))
		check("large")
	}
	if w.cache[hash(1099)] == nil || len(w.cache) > treeCacheBytes/500_000 {
		t.Errorf("large trees: %d kept", len(w.cache))
	}
	// A tree larger than the cache is not kept, and nothing is dropped
	// for it.
	before := len(w.cache)
	w.cacheTree(hash(5000), tree(treeCacheBytes+1))
	check("huge")
	if w.cache[hash(5000)] != nil || len(w.cache) != before {
		t.Errorf("a tree larger than the cache: kept %v, %d trees (was %d)", w.cache[hash(5000)] != nil, len(w.cache), before)
	}
}

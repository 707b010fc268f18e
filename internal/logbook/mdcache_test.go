package logbook

import (
	"fmt"
	"sync"
	"testing"

	"github.com/incidentsite/incidentsite/internal/markdown"
)

// TestMDCache checks that the cache gives what rendering gives, renders
// each text once while it holds it, keeps each kind apart, and never
// holds more than mdCacheSize renderings.
func TestMDCache(t *testing.T) {
	r := &renderer{mdc: newMDCache()}
	src := []byte("## Impact\n\nThe *portal* was down. <b>raw</b>\n")
	if got, want := r.md(src, 1), markdown.Render(src, 1); got != want {
		t.Errorf("md = %q, want %q", got, want)
	}
	if got, want := r.md(src, 0), markdown.Render(src, 0); got != want {
		t.Errorf("md shift 0 = %q, want %q (a shift is a kind of its own)", got, want)
	}
	if got, want := r.sectionText(src), markdown.PlainText(markdown.Render(src, 0)); got != want {
		t.Errorf("sectionText = %q, want %q", got, want)
	}
	msg := "We are *investigating*.\n\n  - one\n  - two"
	if got, want := r.message(msg), markdown.RenderMessage(msg); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if got, want := r.messageText(msg), markdown.PlainText(markdown.RenderMessage(msg)); got != want {
		t.Errorf("messageText = %q, want %q", got, want)
	}
	if got, want := r.md(src, 3), markdown.Render(src, 3); got != want {
		t.Errorf("md shift 3 (not cached) = %q, want %q", got, want)
	}

	c := newMDCache()
	renders := 0
	get := func(kind int, s string) string {
		return c.get(kind, []byte(s), func() string { renders++; return fmt.Sprint(kind, ":", s) })
	}
	first := get(mdMessage, "a")
	again := get(mdMessage, "a")
	if first != "3:a" || again != "3:a" || renders != 1 {
		t.Errorf("a text held is rendered again: %q, %q, %d renders", first, again, renders)
	}
	if get(mdShift0, "a") != "0:a" || renders != 2 {
		t.Error("two kinds of the same text share a rendering")
	}
	for i := range 3 * mdCacheSize {
		get(mdShift1, fmt.Sprint(i))
	}
	n := 0
	for _, m := range c.byKey {
		n += len(m)
	}
	if n != mdCacheSize {
		t.Errorf("the cache holds %d renderings, want %d", n, mdCacheSize)
	}
	renders = 0
	get(mdMessage, "a") // evicted long ago
	get(mdShift1, fmt.Sprint(3*mdCacheSize-1))
	if renders != 1 {
		t.Errorf("%d renders, want 1: the oldest goes, the newest stays", renders)
	}
}

// TestMDCacheConcurrent uses one cache from many goroutines (go test
// -race checks it).
func TestMDCacheConcurrent(t *testing.T) {
	r := &renderer{mdc: newMDCache()}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 300 {
				s := fmt.Sprintf("text *%d*", (i+g)%400)
				if got, want := r.message(s), markdown.RenderMessage(s); got != want {
					t.Errorf("message(%q) = %q, want %q", s, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

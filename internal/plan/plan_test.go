package plan

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is a plan of a small site whose units count their runs.
type site struct {
	p    *Plan
	out  Writer
	mu   sync.Mutex
	runs map[string]int
}

type sink struct{}

func (sink) Put(string, []byte) error { return nil }

func newSite() *site {
	s := &site{p: New(), runs: map[string]int{}}
	s.out = s.p.Recording(sink{})
	unit := func(name string, files ...string) func() error {
		return func() error {
			s.mu.Lock()
			s.runs[name]++
			s.mu.Unlock()
			for _, f := range files {
				if err := s.out.Put(f, nil); err != nil {
					return err
				}
			}
			return nil
		}
	}
	s.p.Page("index.html", false, unit("home", "index.html"))
	s.p.Page("incidents/a/index.html", true, unit("a", "incidents/a/index.html", "incidents/a/drafts/x.txt"))
	s.p.Page("incidents/b/index.html", false, unit("b", "incidents/b/index.html"))
	s.p.Step("static", unit("static", "style.css"))
	s.p.Step("feeds", unit("feeds", "feed.rss", "feed.atom"))
	s.p.Step("broken", func() error { return errors.New("the API is broken") })
	s.p.Step("late", unit("late", "sitemap.xml"))
	return s
}

func TestRender(t *testing.T) {
	for _, c := range []struct {
		name string
		ask  []string
		ok   bool
		err  string
		runs map[string]int
	}{
		{"a page runs its unit alone", []string{"index.html"}, true, "", map[string]int{"home": 1}},
		{"a page asked twice runs once", []string{"index.html", "index.html"}, true, "", map[string]int{"home": 1}},
		{"a file in a page's folder runs that page", []string{"incidents/a/drafts/x.txt"}, true, "", map[string]int{"a": 1}},
		{"a page's own file after its draft", []string{"incidents/a/drafts/x.txt", "incidents/a/index.html"}, true, "", map[string]int{"a": 1}},
		{"a folder not the page's does not run it", []string{"incidents/b/drafts/x.txt"}, false, "the API is broken", map[string]int{"static": 1, "feeds": 1}},
		{"the first step", []string{"style.css"}, true, "", map[string]int{"static": 1}},
		{"the steps in order, up to the one that writes it", []string{"feed.atom"}, true, "", map[string]int{"static": 1, "feeds": 1}},
		{"a failing step is the answer for what comes after it", []string{"sitemap.xml"}, false, "the API is broken", map[string]int{"static": 1, "feeds": 1}},
		{"what comes before a failing step is served", []string{"sitemap.xml", "feed.rss"}, true, "", map[string]int{"static": 1, "feeds": 1}},
		{"an unknown file in a page's folder falls to the steps", []string{"incidents/a/nope.txt"}, false, "the API is broken", map[string]int{"a": 1, "static": 1, "feeds": 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newSite()
			var ok bool
			var err error
			for _, name := range c.ask {
				ok, err = s.p.Render(name)
			}
			if ok != c.ok || (err == nil) != (c.err == "") || err != nil && !strings.Contains(err.Error(), c.err) {
				t.Errorf("Render = %v, %v; want %v, %q", ok, err, c.ok, c.err)
			}
			if len(s.runs) != len(c.runs) {
				t.Errorf("runs %v, want %v", s.runs, c.runs)
			}
			for name, n := range c.runs {
				if s.runs[name] != n {
					t.Errorf("runs %v, want %v", s.runs, c.runs)
				}
			}
		})
	}
}

// TestRenderUnknown: a file no unit writes runs every step once, then
// nothing more.
func TestRenderUnknown(t *testing.T) {
	p := New()
	out := p.Recording(sink{})
	runs := 0
	p.Step("static", func() error { runs++; return out.Put("style.css", nil) })
	p.Page("index.html", false, func() error { runs++; return out.Put("index.html", nil) })
	for range 3 {
		if ok, err := p.Render("favicon.ico"); ok || err != nil {
			t.Fatalf("favicon.ico: %v, %v", ok, err)
		}
	}
	if runs != 1 {
		t.Errorf("%d runs, want the step's one", runs)
	}
	if p.Pages() != 1 {
		t.Errorf("Pages() = %d", p.Pages())
	}
}

// TestRenderPanic: a unit's panic, a bug, is an error that says so, and
// the plan goes on serving the other units.
func TestRenderPanic(t *testing.T) {
	p := New()
	out := p.Recording(sink{})
	p.Page("index.html", false, func() error { panic("boom") })
	p.Page("other.html", false, func() error { return out.Put("other.html", nil) })
	ok, err := p.Render("index.html")
	if ok || err == nil || !strings.Contains(err.Error(), "internal error while writing index.html: boom; please report it") {
		t.Errorf("Render = %v, %v", ok, err)
	}
	if _, again := p.Render("index.html"); again == nil {
		t.Error("the second ask forgot the error")
	}
	if ok, err := p.Render("other.html"); !ok || err != nil {
		t.Errorf("other.html: %v, %v", ok, err)
	}
}

// TestRenderConcurrent: files asked for at once from many goroutines
// each run their unit once (go test -race).
func TestRenderConcurrent(t *testing.T) {
	s := newSite()
	var wg sync.WaitGroup
	for range 8 {
		for _, name := range []string{"index.html", "incidents/a/drafts/x.txt", "feed.rss", "incidents/b/index.html"} {
			wg.Go(func() {
				if ok, err := s.p.Render(name); !ok || err != nil {
					t.Errorf("%s: %v, %v", name, ok, err)
				}
			})
		}
	}
	wg.Wait()
	for name, n := range s.runs {
		if n != 1 {
			t.Errorf("%s ran %d times", name, n)
		}
	}
}

// TestAll: every call runs when none fails; the error reported is the
// first by order, not by time; no call starts once stopped says so.
func TestAll(t *testing.T) {
	var mu sync.Mutex
	ran := map[int]bool{}
	record := func(i int) {
		mu.Lock()
		ran[i] = true
		mu.Unlock()
	}
	none := func() error { return nil }
	if err := All(1000, func(i int) error { record(i); return nil }, none); err != nil || len(ran) != 1000 {
		t.Fatalf("no failure: %v, %d of 1000 ran", err, len(ran))
	}

	// Call 3 fails late, call 7 at once (when it starts at all: on one
	// processor it does not, 3 having failed): 3's error is the answer.
	err := All(8, func(i int) error {
		switch i {
		case 3:
			time.Sleep(20 * time.Millisecond)
			return errors.New("three")
		case 7:
			return errors.New("seven")
		}
		return nil
	}, none)
	if err == nil || err.Error() != "three" {
		t.Errorf("the first error by order: %v, want three", err)
	}

	// The output failed: nothing starts.
	ran = map[int]bool{}
	stop := errors.New("disk full")
	if err := All(100, func(i int) error { record(i); return nil }, func() error { return stop }); err != nil || len(ran) != 0 {
		t.Errorf("stopped: %v, %d ran", err, len(ran))
	}
}

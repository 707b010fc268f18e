package logbook

import (
	"bytes"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestLazyMatchesRender: each file of the fixture's logbook, asked for
// alone of a Lazy logbook, is Render's, byte for byte (an incident's
// legal drafts come with its page), and asking for every one of them
// writes nothing Render does not.
func TestLazyMatchesRender(t *testing.T) {
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	p := openSite(t, fixtureFile, string(archive), false, fixtureNow)
	want := renderProject(t, p)
	var out memOut
	l, err := NewLazy(p.Model, p.Theme, &out)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.files) != 0 {
		t.Fatalf("NewLazy wrote %d files", len(out.files))
	}
	drafts := 0
	// The drafts first: each must bring its page's unit, not a step's.
	names := slices.SortedFunc(maps.Keys(want), func(a, b string) int {
		return cmpBool(!strings.HasSuffix(a, ".txt"), !strings.HasSuffix(b, ".txt"), a, b)
	})
	for _, name := range names {
		if strings.HasSuffix(name, ".txt") && strings.Contains(name, "/drafts/") {
			drafts++
		}
		ok, err := l.Render(name)
		if err != nil || !ok {
			t.Fatalf("Render(%s) = %v, %v", name, ok, err)
		}
		if !bytes.Equal(out.files[name], want[name]) {
			t.Errorf("%s differs from Render's", name)
		}
	}
	if drafts == 0 {
		t.Fatal("the fixture's logbook has no legal draft: the test proves nothing for them")
	}
	for name := range out.files {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is not Render's", name)
		}
	}
	for _, name := range []string{"nope.html", "incidents/nope/index.html", "incidents/nope/drafts/x.txt", "../register.csv", ""} {
		if ok, err := l.Render(name); ok || err != nil {
			t.Errorf("Render(%q) = %v, %v; want false, nil", name, ok, err)
		}
	}
}

// cmpBool orders by x, then by a and b.
func cmpBool(x, y bool, a, b string) int {
	switch {
	case x == y:
		return strings.Compare(a, b)
	case !x:
		return -1
	}
	return 1
}

// TestLazyDraftAlone: a legal draft asked for renders its incident's
// page, not the register nor the other incidents'.
func TestLazyDraftAlone(t *testing.T) {
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	p := openSite(t, fixtureFile, string(archive), false, fixtureNow)
	want := renderProject(t, p)
	var draft string
	for name := range want {
		if strings.Contains(name, "/drafts/") {
			draft = name
			break
		}
	}
	if draft == "" {
		t.Fatal("the fixture's logbook has no legal draft")
	}
	var out memOut
	l, err := NewLazy(p.Model, p.Theme, &out)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := l.Render(draft); !ok || err != nil {
		t.Fatalf("%s: %v, %v", draft, ok, err)
	}
	folder := draft[:strings.Index(draft, "/drafts/")+1]
	for name := range out.files {
		if !strings.HasPrefix(name, folder) {
			t.Errorf("asking for %s wrote %s", draft, name)
		}
	}
}

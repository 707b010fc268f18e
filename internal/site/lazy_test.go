package site

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestLazyMatchesRender: each file of the fixture, asked for alone of a
// Lazy site, is Render's, byte for byte, and asking for every one of
// them writes nothing Render does not.
func TestLazyMatchesRender(t *testing.T) {
	want := renderFixture(t)
	v, th := fixtureView(t)
	var out memOut
	l, err := NewLazy(v, th, &out)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.files) != 0 {
		t.Fatalf("NewLazy wrote %d files", len(out.files))
	}
	pages := 0
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if strings.HasSuffix(name, ".html") {
			pages++
		}
		ok, err := l.Render(name)
		if err != nil || !ok {
			t.Fatalf("Render(%s) = %v, %v", name, ok, err)
		}
		if !bytes.Equal(out.files[name], want[name]) {
			t.Errorf("%s differs from Render's", name)
		}
	}
	for name := range out.files {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is not Render's", name)
		}
	}
	// The aliases are pages of HTML that no page unit writes.
	if l.Pages() == 0 || l.Pages() > pages {
		t.Errorf("Pages() = %d, with %d HTML files", l.Pages(), pages)
	}
	for _, name := range []string{"nope.html", "incidents/nope/index.html", "../index.html", "", "/index.html"} {
		if ok, err := l.Render(name); ok || err != nil {
			t.Errorf("Render(%q) = %v, %v; want false, nil", name, ok, err)
		}
	}
}

// TestLazyPageAlone: a page asked for renders that page only, not the
// whole site.
func TestLazyPageAlone(t *testing.T) {
	v, th := fixtureView(t)
	var out memOut
	l, err := NewLazy(v, th, &out)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := l.Render("index.html"); !ok || err != nil {
		t.Fatalf("index.html: %v, %v", ok, err)
	}
	if len(out.files) != 1 {
		t.Errorf("asking for index.html wrote %d files: %v", len(out.files), slices.Sorted(maps.Keys(out.files)))
	}
	if ok, err := l.Render("style.css"); !ok || err != nil {
		t.Fatalf("style.css: %v, %v", ok, err)
	}
	if _, ok := out.files["feed.rss"]; ok {
		t.Error("asking for the style sheet rendered the feeds")
	}
}

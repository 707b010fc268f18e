package logbook

import (
	"html/template"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/theme"
)

// partialSets returns, for lang, the built-in layouts' "register.html"
// set twice: as the logbook renders it (fast), and with whenHTML, dayHTML
// and personHTML giving "" (slow), so that the partials write their
// markup through html/template themselves.
func partialSets(t testing.TB, r *renderer, lang string) (fast, slow *template.Template) {
	t.Helper()
	sets, err := r.layouts(lang)
	if err != nil {
		t.Fatal(err)
	}
	funcs := r.funcs(lang)
	for _, name := range []string{"whenHTML", "dayHTML", "personHTML"} {
		funcs[name] = func(any) template.HTML { return "" }
	}
	slowSets, err := r.theme.Templates(theme.Logbook, funcs)
	if err != nil {
		t.Fatal(err)
	}
	return sets["register.html"], slowSets["register.html"]
}

// execPartial writes the partial name of set with data.
func execPartial(t testing.TB, set *template.Template, name string, data any) string {
	t.Helper()
	var b strings.Builder
	if err := set.ExecuteTemplate(&b, name, data); err != nil {
		t.Fatalf("%s(%#v): %v", name, data, err)
	}
	return b.String()
}

// hostileTexts are texts that html/template escapes, in text, in attributes
// and in URLs.
var hostileTexts = []string{
	"", "An Janssens", `"><script>alert(1)</script>`, "O'Brien & Sons", "a+b<c>d", "nul\x00byte",
	"+32 2 555 01 23", "tel:+32%20555", "%41%zz%", "ünïcødé ☎", "javascript:alert(1)", "a b\tc\nd",
	"\xff\xfe invalid", "{role}", "ops&co?subject=hi@example.org", "#frag", "\uFDD0\uFFFE",
}

// TestPartialsMatchLayouts proves that whenHTML, dayHTML and personHTML
// write what the partials "when", "day" and "person" write by themselves
// through html/template, byte for byte, for every kind of value and for
// hostileTexts text, in every language; and that a value of another type falls
// back to the layout's markup.
func TestPartialsMatchLayouts(t *testing.T) {
	_, r := fixtureRenderer(t)
	for _, zone := range []string{"Europe/Brussels", "Asia/Dubai", "UTC"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		r.loc = loc
		for _, lang := range r.langs {
			fast, slow := partialSets(t, r, lang)
			same := func(name string, data any) {
				t.Helper()
				got, want := execPartial(t, fast, name, data), execPartial(t, slow, name, data)
				if got != want {
					t.Errorf("%s %s, %s(%#v):\n got %q\nwant %q", zone, lang, name, data, got, want)
				}
			}
			times := []time.Time{{}, time.Date(2025, 2, 18, 9, 5, 0, 0, time.UTC), time.Date(2025, 7, 1, 23, 59, 59, 0, loc),
				time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC), time.Date(2024, 12, 31, 23, 30, 0, 0, time.FixedZone("", -5*3600))}
			for _, tm := range times {
				same("when", tm)
				same("day", tm)
			}
			var persons []any
			persons = append(persons, nil, (*person)(nil), person{}, &person{})
			for _, l := range r.m.ContactLists {
				for _, c := range l.Contacts {
					persons = append(persons, *personOf(c), person{ID: "role", Name: "Role", Role: true, Holders: []person{*personOf(c), *personOf(c)}})
				}
			}
			for _, s := range hostileTexts {
				known := person{ID: "x", Name: s, Organisation: s, Phone: s, Email: s, Chat: s, Known: true}
				persons = append(persons, known, &known, person{Name: s, Organisation: s},
					person{ID: "role", Name: s, Role: true}, person{ID: "role", Name: s, Role: true, Holders: []person{known, {Name: "B"}}})
			}
			for _, p := range persons {
				same("person", p)
			}
			// Values of other types: the layout's own markup.
			type other struct {
				person
				Note string
			}
			same("person", other{person{Name: "Embedded", Known: true, Email: "e@example.org"}, "n"})
			same("person", map[string]any{"Name": "A map", "Role": false})
			if got := execPartial(t, fast, "person", other{person{Name: "Embedded"}, ""}); got != "Embedded" {
				t.Errorf("a person embedded in another type: %q", got)
			}
		}
	}
	if len(r.m.ContactLists) == 0 {
		t.Error("the fixture has no contacts: the test checks no real person")
	}
}

// FuzzPartialsMatchLayouts checks personHTML's escaping against
// html/template's on any text, in every field a person shows.
func FuzzPartialsMatchLayouts(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s, s)
	}
	_, r := fixtureRenderer(f)
	fast, slow := partialSets(f, r, r.langs[0])
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, p := range []person{
			{ID: "x", Name: a, Organisation: b, Phone: a, Email: b, Chat: a, Known: true},
			{ID: "x", Name: b, Phone: b + a, Email: a, Known: true},
			{ID: "role", Name: a, Role: true, Holders: []person{{Name: b, Known: true, Phone: a}}},
		} {
			got, want := execPartial(t, fast, "person", p), execPartial(t, slow, "person", p)
			if got != want {
				t.Errorf("person %#v:\n got %q\nwant %q", p, got, want)
			}
		}
	})
}

// TestPartialsFuncsDeclared: the functions the logbook gives its layouts
// are the ones its namespace declares.
func TestPartialsFuncsDeclared(t *testing.T) {
	_, r := fixtureRenderer(t)
	var got []string
	for name := range r.funcs(r.langs[0]) {
		got = append(got, name)
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(theme.Logbook.Funcs))
	if !slices.Equal(got, want) {
		t.Errorf("funcs %v, declared %v", got, want)
	}
}

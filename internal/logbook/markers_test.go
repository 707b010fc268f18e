package logbook

import (
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// leakSite is internal/site's leak site, read from its one copy.
const leakSite = "../site/testdata/leak.txtar"

var marker = regexp.MustCompile(`(?i)zqx\d{3}`)

// TestMarkersAppear renders the logbook of internal/site's leak site and
// checks that every internal marker of an incident or its RCA appears in
// it: internal incidents, internal sections, update notes, notifications,
// actions, coordinators, teams and RCA internals, contact lists,
// exercises and maintenance windows. The public leak test
// proves none of them reaches the public site; this one proves they are
// rendered somewhere, so that the public test cannot pass because a
// field is shown nowhere.
//
// Every marker planted is in exactly one list: shown, shown by name (a
// contact's id), sanitised (raw
// HTML, comments and unused link definitions, which no output shows).
// A new marker must be put in one.
func TestMarkersAppear(t *testing.T) {
	archive, err := os.ReadFile(leakSite)
	if err != nil {
		t.Fatal(err)
	}
	p := openSite(t, leakSite, string(archive), true, time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC))
	files := renderProject(t, p)

	shown := list(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 20, 21, 22, 23, 24, 30, 31, 32, 33, 34, 35, 36, 38, 40, 41, 42, 50, 51, 52, 53,
		60, 61, 62, 63, 64, 65, 70, 71, 72, 73, 80, 81, 82, 83, 84, 85, 86, 111, 112, 113)
	// A contact's id is shown as the contact's name (zqx012).
	byName := list(11)
	sanitised := list(37, 90, 91, 92, 93, 94, 95, 96, 97, 98, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110)

	planted := map[string]bool{}
	for _, m := range marker.FindAllString(string(archive), -1) {
		planted[strings.ToLower(m)] = true
	}
	classified := map[string]string{}
	for name, ms := range map[string][]string{"shown": shown, "by name": byName, "sanitised": sanitised} {
		for _, m := range ms {
			if c, ok := classified[m]; ok {
				t.Errorf("%s is both %s and %s", m, c, name)
			}
			classified[m] = name
		}
	}
	for _, m := range slices.Sorted(maps.Keys(planted)) {
		if classified[m] == "" {
			t.Errorf("%s is planted but in no list of this test", m)
		}
	}
	for m := range classified {
		if !planted[m] {
			t.Errorf("%s is in a list but not planted", m)
		}
	}

	found := map[string][]string{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		for _, m := range marker.FindAllString(string(files[name]), -1) {
			m = strings.ToLower(m)
			if !slices.Contains(found[m], name) {
				found[m] = append(found[m], name)
			}
		}
	}
	for _, m := range shown {
		if len(found[m]) == 0 {
			t.Errorf("%s (shown) appears in no file of the logbook", m)
		}
	}
	for _, m := range sanitised {
		if len(found[m]) > 0 {
			t.Errorf("%s (raw HTML, a comment or an unused link) appears in %v", m, found[m])
		}
	}
	// The internal incident has its page and row; the update notes are
	// on the incident's page, not only somewhere.
	page := string(files["incidents/2025-06-10-public/index.html"])
	for _, want := range []string{"zqx031", "zqx032", "zqx033", "zqx036", "zqx030", "zqx040", "zqx041", "zqx042"} {
		if !strings.Contains(page, want) {
			t.Errorf("the incident's page lacks %s", want)
		}
	}
	if !strings.Contains(string(files["nl/incidents/2025-06-10-public/index.html"]), "zqx111") {
		t.Error("the Dutch page lacks the Dutch internal section zqx111")
	}
	// The internal window and the public window's notes are on their
	// pages, and the internal window is listed.
	for f, want := range map[string][]string{
		"maintenance/index.html":                    {"zqx060", "zqx061"},
		"maintenance/2025-06-20-zqx060/index.html":  {"zqx061", "zqx062", "zqx063", "zqx064", "zqx065"},
		"maintenance/2025-06-25-upgrade/index.html": {"zqx070", "zqx071", "zqx072", "zqx073"},
	} {
		for _, m := range want {
			if !strings.Contains(string(files[f]), m) {
				t.Errorf("%s lacks %s", f, m)
			}
		}
	}
	for _, f := range []string{"index.html", "register.csv", "register.json", "incidents/2025-06-01-zqx020-internal/index.html"} {
		if !strings.Contains(string(files[f]), "zqx021") {
			t.Errorf("%s lacks the internal incident zqx021", f)
		}
	}
}

func list(ns ...int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = fmt.Sprintf("zqx%03d", n)
	}
	return out
}

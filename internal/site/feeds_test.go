package site

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/l10n"

	"github.com/incidentsite/incidentsite/internal/public"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/mmcdole/gofeed"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// feedsFile returns the file at p of files, failing the test when there
// is none.
func feedsFile(t testing.TB, files map[string][]byte, p string) []byte {
	t.Helper()
	data, ok := files[p]
	if !ok {
		t.Fatalf("no %s in the output", p)
	}
	return data
}

func TestFeedsGolden(t *testing.T) {
	v, th := fixtureView(t)
	files := renderView(t, v, th)
	for _, tc := range []struct{ golden, path string }{
		{"feeds-rss", "feed.rss"},
		{"feeds-atom", "feed.atom"},
		{"feeds-json", "feed.json"},
		{"feeds-service-nl-json", "nl/services/api/feed.json"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			testutil.Golden(t, tc.golden, feedsFile(t, files, tc.path))
		})
	}
}

// feedsWant is an entry a feed should hold, worked out from the view on
// its own.
type feedsWant struct {
	link string
	at   time.Time
}

func feedsWanted(v *public.View, lang string, incs []*public.Incident, mains []*public.Maintenance) []feedsWant {
	base := v.BaseURL
	if lang != v.Languages[0] {
		base += lang + "/"
	}
	var out []feedsWant
	for _, inc := range incs {
		for _, u := range inc.Updates {
			out = append(out, feedsWant{base + "incidents/" + inc.ID + "/#update-" + u.At.UTC().Format("20060102T150405Z"), u.At})
		}
		// A published RCA has an entry of its own, at its date.
		if inc.RCA != nil && !inc.RCA.Date.IsZero() {
			out = append(out, feedsWant{base + "incidents/" + inc.ID + "/#h-rca", inc.RCA.Date})
		}
	}
	for _, m := range mains {
		for _, u := range m.Updates {
			out = append(out, feedsWant{base + "maintenance/" + m.ID + "/#update-" + u.At.UTC().Format("20060102T150405Z"), u.At})
		}
	}
	slices.SortStableFunc(out, func(a, b feedsWant) int {
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return strings.Compare(a.link, b.link)
	})
	return out[:min(len(out), v.FeedEntries)]
}

// feedsEach calls f for every feed of every language: the site's and each
// service's, in each format.
func feedsEach(v *public.View, f func(lang, dir, format string, want []feedsWant)) {
	for _, lang := range v.Languages {
		prefix := ""
		if lang != v.Languages[0] {
			prefix = lang + "/"
		}
		for _, format := range []string{"rss", "atom", "json"} {
			f(lang, prefix, format, feedsWanted(v, lang, v.Incidents, v.Maintenance))
			for _, s := range v.Services {
				f(lang, prefix+"services/"+s.ID+"/", format, feedsWanted(v, lang, s.Incidents, s.Maintenance))
			}
		}
	}
}

func feedsParse(t testing.TB, name string, data []byte) *gofeed.Feed {
	t.Helper()
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("gofeed cannot parse %s: %v", name, err)
	}
	return feed
}

func TestFeedsParse(t *testing.T) {
	v, th := fixtureView(t)
	files := renderView(t, v, th)
	types := map[string]string{"rss": "rss", "atom": "atom", "json": "json"}
	entries := 0
	feedsEach(v, func(lang, dir, format string, want []feedsWant) {
		name := dir + "feed." + format
		feed := feedsParse(t, name, feedsFile(t, files, name))
		if feed.FeedType != types[format] {
			t.Errorf("%s: gofeed reads it as %q", name, feed.FeedType)
		}
		if feed.Title == "" || feed.Language != lang {
			t.Errorf("%s: title %q, language %q; want a title and %q", name, feed.Title, feed.Language, lang)
		}
		if self := v.BaseURL + name; feed.FeedLink != self {
			t.Errorf("%s: self link %q, want %q", name, feed.FeedLink, self)
		}
		if home := v.BaseURL + dir; feed.Link != home {
			t.Errorf("%s: link %q, want %q", name, feed.Link, home)
		}
		var got []feedsWant
		for _, it := range feed.Items {
			if it.GUID != it.Link {
				t.Errorf("%s: id %q differs from link %q", name, it.GUID, it.Link)
			}
			if it.Title == "" || (it.Content == "" && it.Description == "") {
				t.Errorf("%s: entry %s lacks a title or text", name, it.GUID)
			}
			if it.PublishedParsed == nil {
				t.Errorf("%s: entry %s has no date", name, it.GUID)
				continue
			}
			got = append(got, feedsWant{it.Link, it.PublishedParsed.UTC()})
		}
		for i := range want {
			want[i].at = want[i].at.UTC()
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: entries\n%v\nwant\n%v", name, got, want)
		}
		entries += len(got)
	})
	if entries == 0 {
		t.Error("no feed has an entry: the fixture should give some")
	}
}

// TestFeedsStatusTitles checks that an entry's title says the update's
// status in the feed's language.
func TestFeedsStatusTitles(t *testing.T) {
	v, th := fixtureView(t)
	files := renderView(t, v, th)
	for _, tc := range []struct{ path, want string }{
		{"feed.json", "Slow responses from the public API: Identified"},
		{"nl/feed.json", "Slow responses from the public API: Oorzaak gevonden"},
		{"feed.atom", "Core network switch replacement: Scheduled"},
		{"nl/feed.rss", "Core network switch replacement: Gepland"},
	} {
		feed := feedsParse(t, tc.path, feedsFile(t, files, tc.path))
		if !slices.ContainsFunc(feed.Items, func(it *gofeed.Item) bool { return it.Title == tc.want }) {
			t.Errorf("%s has no entry titled %q", tc.path, tc.want)
		}
	}
}

func TestFeedsJSONSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile("testdata/jsonfeed-1.1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	v, th := fixtureView(t)
	files := renderView(t, v, th)
	n := 0
	for _, p := range slices.Sorted(func(yield func(string) bool) {
		for p := range files {
			if strings.HasSuffix(p, "feed.json") && !yield(p) {
				return
			}
		}
	}) {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(files[p]))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s does not match the JSON Feed 1.1 schema: %v", p, err)
		}
		n++
	}
	if want := len(v.Languages) * (1 + len(v.Services)); n != want {
		t.Errorf("%d JSON feeds, want %d", n, want)
	}
}

func TestFeedsEntryLimit(t *testing.T) {
	v, th := fixtureView(t)
	v.FeedEntries = 2
	files := renderView(t, v, th)
	want := feedsWanted(v, "en", v.Incidents, v.Maintenance)
	if len(want) != 2 {
		t.Fatalf("the fixture has %d updates; the test needs more than 2", len(want))
	}
	for _, p := range []string{"feed.rss", "feed.atom", "feed.json"} {
		feed := feedsParse(t, p, files[p])
		var got []string
		for _, it := range feed.Items {
			got = append(got, it.Link)
		}
		if !slices.Equal(got, []string{want[0].link, want[1].link}) {
			t.Errorf("%s holds %q, want the newest two: %q, %q", p, got, want[0].link, want[1].link)
		}
	}
}

// TestFeedsControlCharacters checks that characters XML forbids do not
// make a feed unreadable: they are left out, and the rest of the text is
// kept as it was, markup included.
func TestFeedsControlCharacters(t *testing.T) {
	v, th := fixtureView(t)
	inc := v.Incidents[0]
	u := &inc.Updates[len(inc.Updates)-1]
	u.Changes = nil // the message alone
	u.Message = l10n.Text{"": "a\x00b\x08c\x1bd\ufffee\uffff f\x7f\xed\xa0\x80g\r\nh <b>&amp; \"i\" ]]> j\x0c"}
	inc.Title = l10n.Text{"": "Title\x01 <x>"}
	// The text is the page's, as plain text: the line break is a soft
	// one, the raw <b> is left out and the entity decoded.
	wantText := "abcde fg h & \"i\" ]]> j"
	link := v.BaseURL + "incidents/" + inc.ID + "/#" + updateAnchor(u.At)
	files := renderView(t, v, th)
	for _, p := range []string{"feed.rss", "feed.atom", "feed.json"} {
		data := files[p]
		if p != "feed.json" {
			// Go's decoder is strict about the characters XML allows.
			d := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", p, err)
				}
			}
		}
		feed := feedsParse(t, p, data)
		i := slices.IndexFunc(feed.Items, func(it *gofeed.Item) bool { return it.Link == link })
		if i < 0 {
			t.Fatalf("%s has no entry %s", p, link)
		}
		it := feed.Items[i]
		got := it.Content
		if p == "feed.rss" {
			got = it.Description
		}
		want := wantText
		if p == "feed.rss" {
			want = "abcde fg h &amp; \"i\" ]]&gt; j"
		}
		if got != want {
			t.Errorf("%s: text %q, want %q", p, got, want)
		}
		if !strings.HasPrefix(it.Title, "Title <x>: ") {
			t.Errorf("%s: title %q", p, it.Title)
		}
	}
}

// TestFeedsSameTime checks that two updates published at the same second
// still get entries with ids of their own.
func TestFeedsSameTime(t *testing.T) {
	v, th := fixtureView(t)
	var m *public.Maintenance
	for _, w := range v.Maintenance {
		if len(w.Updates) > 1 {
			m = w
		}
	}
	if m == nil {
		t.Fatal("the test needs a maintenance window with two updates")
	}
	m.Updates[1].At = m.Updates[0].At
	files := renderView(t, v, th)
	for _, p := range []string{"feed.rss", "feed.atom", "feed.json"} {
		feed := feedsParse(t, p, files[p])
		ids := map[string]bool{}
		for _, it := range feed.Items {
			if ids[it.GUID] {
				t.Errorf("%s: id %s twice", p, it.GUID)
			}
			ids[it.GUID] = true
		}
		if len(ids) != len(feedsWanted(v, "en", v.Incidents, v.Maintenance)) {
			t.Errorf("%s: %d entries", p, len(ids))
		}
	}
}

func TestXMLText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"tab\tand\nnewline", "tab\tand\nnewline"},
		{"crlf\r\nand cr\r", "crlf\nand cr\n"},
		{"nul\x00 bell\x07 esc\x1b del\x7f c1\u0085", "nul bell esc del c1"},
		{"\ufffe\uffff\ufffd", "\ufffd"},
		{"lone surrogate \xed\xa0\x80 and bad \xff byte", "lone surrogate  and bad  byte"},
		{"€ 𝄞 é", "€ 𝄞 é"},
	} {
		if got := xmlText(tc.in); got != tc.want {
			t.Errorf("xmlText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func feedsAndCalendars(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for p, data := range files {
		switch base := p[strings.LastIndex(p, "/")+1:]; base {
		case feedRSS, feedAtom, feedJSON, calendarFile:
			out[p] = data
		}
	}
	return out
}

// TestFeedsWriteForCheckers writes the feeds and calendars to
// $INCIDENTSITE_FEEDS_DIR, when set, for the external checkers
// (check-feeds.sh): those of the fixture, and the site's feeds with
// control characters in a message, under the prefix "controls_".
func TestFeedsWriteForCheckers(t *testing.T) {
	dir := os.Getenv("INCIDENTSITE_FEEDS_DIR")
	if dir == "" {
		t.Skip("INCIDENTSITE_FEEDS_DIR is not set")
	}
	v, th := fixtureView(t)
	write := func(prefix string, files map[string][]byte) {
		for p, data := range feedsAndCalendars(files) {
			name := dir + "/" + prefix + strings.ReplaceAll(p, "/", "_")
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	write("", renderView(t, v, th))
	inc := v.Incidents[0]
	inc.Updates[0].Message = l10n.Text{"": "nul\x00 vt\x0b esc\x1b fffe\ufffe surrogate\xed\xa0\x80 cdata]]> <b>&amp;"}
	write("controls_", renderView(t, v, th))
}

package yamlx_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

type update struct {
	At      time.Time `yaml:"at"`
	Status  string    `yaml:"status"`
	Message string    `yaml:"message"`
}

type record struct {
	Title    string            `yaml:"title"`
	Public   bool              `yaml:"public"`
	Count    int               `yaml:"count"`
	Small    int32             `yaml:"small"`
	Teams    []string          `yaml:"teams"`
	Labels   map[string]string `yaml:"labels"`
	Detected time.Time         `yaml:"detected"`
	Due      yamlx.Date        `yaml:"due"`
	Downtime yamlx.Duration    `yaml:"expected_downtime"`
	Services yamlx.Pairs       `yaml:"services"`
	Updates  []update          `yaml:"updates"`
	Owner    *string           `yaml:"owner"`
	Nested   struct {
		X string `yaml:"x"`
	} `yaml:"nested"`
	NotDecoded string
	Skipped    string `yaml:"-"`
}

var brussels = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		panic(err)
	}
	return loc
}()

// decode parses src as front matter starting on line 2 (LineOffset 1) and
// decodes it into a record.
func decode(t *testing.T, src string) (*record, *yamlx.Positions, diag.List) {
	t.Helper()
	n, d := yamlx.Parse("f.md", []byte(src), 1, 0)
	if len(d) > 0 {
		t.Fatalf("Parse:\n%s", dump(d))
	}
	var r record
	dec := &yamlx.Decoder{File: "f.md", LineOffset: 1, Location: brussels}
	pos, d := dec.Decode(n, &r)
	return &r, pos, d
}

func TestDecode(t *testing.T) {
	src := `title: AssetExplorer is unavailable
public: true
count: 42
small: -7
teams: [platform, security]
labels: {b: two, a: one}
detected: 2025-02-18T09:05:00+01:00
due: 2025-03-31
expected_downtime: 1h30m
services:
  website: degraded_performance
  assetexplorer: major_outage
  api:
updates:
  - at: 2025-02-18 09:12
    status: investigating
    message: We are investigating.
  - at: 2025-02-18T09:40:00Z
    status: resolved
    message: ~
owner: an-janssens
nested: {x: y}
`
	r, pos, d := decode(t, src)
	if len(d) > 0 {
		t.Fatalf("Decode:\n%s", dump(d))
	}
	owner := "an-janssens"
	want := &record{
		Title:    "AssetExplorer is unavailable",
		Public:   true,
		Count:    42,
		Small:    -7,
		Teams:    []string{"platform", "security"},
		Labels:   map[string]string{"a": "one", "b": "two"},
		Detected: time.Date(2025, 2, 18, 9, 5, 0, 0, time.FixedZone("", 3600)),
		Due:      yamlx.Date{Time: time.Date(2025, 3, 31, 0, 0, 0, 0, brussels)},
		Downtime: yamlx.Duration{Duration: 90 * time.Minute},
		// Pairs keep the order they were written in.
		Services: yamlx.Pairs{{"website", "degraded_performance"}, {"assetexplorer", "major_outage"}, {"api", ""}},
		Updates: []update{
			{At: time.Date(2025, 2, 18, 9, 12, 0, 0, brussels), Status: "investigating", Message: "We are investigating."},
			{At: time.Date(2025, 2, 18, 9, 40, 0, 0, time.UTC), Status: "resolved"},
		},
		Owner: &owner,
	}
	want.Nested.X = "y"
	opt := cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })
	if diff := cmp.Diff(want, r, opt); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := r.Updates[0].At.Location(); got != brussels {
		t.Errorf("a time without an offset is in %v, want the decoder's Location", got)
	}
	if got := r.Due.String(); got != "2025-03-31" {
		t.Errorf("Date.String() = %q", got)
	}

	// Positions count from the top of the file: the YAML starts on line 2.
	for _, tc := range []struct {
		path      string
		key, val  diag.Position
		has       bool
		whatWhere string
	}{
		{path: "title", key: p(2, 1), val: p(2, 8), has: true},
		{path: "teams.1", key: p(6, 19), val: p(6, 19), has: true, whatWhere: "a list item has no key: the item answers"},
		{path: "services.assetexplorer", key: p(13, 3), val: p(13, 18), has: true},
		{path: "services.api", key: p(14, 3), val: p(14, 7), has: true},
		{path: "updates.1.status", key: p(20, 5), val: p(20, 13), has: true},
		{path: "updates.1.message", key: p(21, 5), val: p(21, 14), has: true},
		{path: "nested.x", key: p(23, 10), val: p(23, 13), has: true},
		// Unwritten paths fall back to their nearest written ancestor.
		{path: "updates.1.internal", key: p(19, 5), val: p(19, 5)},
		{path: "updates.7.at", key: p(15, 1), val: p(16, 3)},
		{path: "services.nope", key: p(11, 1), val: p(12, 3)},
		{path: "resolved", key: p(2, 1), val: p(2, 1), whatWhere: "the Root: the top of the YAML text"},
		{path: "", key: p(2, 1), val: p(2, 1)},
	} {
		if got := pos.Key(tc.path); got != tc.key {
			t.Errorf("Key(%q) = %s, want %s %s", tc.path, got, tc.key, tc.whatWhere)
		}
		if got := pos.Value(tc.path); got != tc.val {
			t.Errorf("Value(%q) = %s, want %s %s", tc.path, got, tc.val, tc.whatWhere)
		}
		if got := pos.Has(tc.path); got != tc.has {
			t.Errorf("Has(%q) = %v, want %v", tc.path, got, tc.has)
		}
	}
	if pos.File != "f.md" || pos.Root != p(2, 1) {
		t.Errorf("File %q, Root %s", pos.File, pos.Root)
	}
}

func p(line, col int) diag.Position { return diag.Position{File: "f.md", Line: line, Col: col} }

func TestPositionsNil(t *testing.T) {
	var pos *yamlx.Positions
	if pos.Has("a") || pos.Key("a") != (diag.Position{}) || pos.Value("a") != (diag.Position{}) {
		t.Error("a nil *Positions must answer with nothing")
	}
}

func TestDecodeNilNode(t *testing.T) {
	r := record{Title: "kept"}
	dec := &yamlx.Decoder{File: "f.md", LineOffset: 4}
	pos, d := dec.Decode(nil, &r)
	if len(d) > 0 || r.Title != "kept" {
		t.Errorf("Decode(nil) = %v, title %q", d, r.Title)
	}
	if pos.Root != (diag.Position{File: "f.md", Line: 5, Col: 1}) || pos.Has("title") {
		t.Errorf("Root %s", pos.Root)
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []found // Line counts from the top of the file (YAML on line 2)
	}{
		{"unknown key with a suggestion", "titel: x\n", []found{{2, 1, "unknown-key", `unknown key "titel"; did you mean "title"?`}}},
		{"unknown key by case", "Title: x\n", []found{{2, 1, "unknown-key", `did you mean "title"?`}}},
		{"unknown key listing the keys", "colour: red\n", []found{{2, 1, "unknown-key", "the keys allowed here are count, detected, due, expected_downtime, labels, nested, owner, public, services, small, teams, title, updates"}}},
		{"unknown nested key", "updates:\n  - at: 2025-02-18T09:05:00Z\n    mesage: x\n", []found{{4, 5, "unknown-key", `unknown key "mesage" in updates item 1; did you mean "message"?`}}},
		{"untagged field is unknown", "NotDecoded: x\n", []found{{2, 1, "unknown-key", `unknown key "NotDecoded"`}}},
		{"dash-tagged field is unknown", "Skipped: x\n", []found{{2, 1, "unknown-key", `unknown key "Skipped"`}}},
		{"non-scalar key", "? [a]\n: 1\n", []found{{2, 3, "type", "a key must be plain text, not a list"}}},
		{"text given a list", "title: [a, b]\n", []found{{2, 8, "type", "title must be text, not a list"}}},
		{"text given a mapping", "title: {a: b}\n", []found{{2, 8, "type", "title must be text, not a mapping"}}},
		{"bool given yes", "public: yes\n", []found{{2, 9, "type", `public must be true or false, not "yes"`}}},
		{"bool given quoted true", "public: \"true\"\n", []found{{2, 9, "type", "must be true or false"}}},
		{"int given a fraction", "count: 1.5\n", []found{{2, 8, "type", `count must be a whole number, not "1.5"`}}},
		{"int given hex", "count: 0x10\n", []found{{2, 8, "type", "whole number"}}},
		{"int32 overflow", "small: 3000000000\n", []found{{2, 8, "type", "whole number"}}},
		{"list given text", "teams: platform\n", []found{{2, 8, "type", "teams must be a list, not \"platform\"; write [platform]"}}},
		{"list given a mapping", "teams: {a: b}\n", []found{{2, 8, "type", "teams must be a list, not a mapping"}}},
		{"map given a list", "labels: [a]\n", []found{{2, 9, "type", "labels must be a mapping of keys to values, not a list"}}},
		{"struct given text", "nested: x\n", []found{{2, 9, "type", "nested must be a mapping"}}},
		{"list item given text", "updates: [x]\n", []found{{2, 11, "type", "updates item 1 must be a mapping"}}},
		{"time without a time of day", "detected: 2025-02-18\n", []found{{2, 11, "type", `detected: "2025-02-18" has no time of day; write it as 2025-02-18T09:00:00+01:00`}}},
		{"impossible date and time", "detected: 2025-02-30T09:00:00+01:00\n", []found{{2, 11, "type", "day out of range"}}},
		{"impossible hour", "detected: 2025-02-18T25:00:00+01:00\n", []found{{2, 11, "type", "hour out of range"}}},
		{"not a time", "detected: yesterday\n", []found{{2, 11, "type", `"yesterday" is not a date and time; write it as 2025-02-18T09:05:00+01:00`}}},
		{"time given a list", "detected: [1]\n", []found{{2, 11, "type", "detected must be a date and time, not a list"}}},
		{"time in a list item", "updates:\n  - at: soon\n", []found{{3, 9, "type", `at: "soon" is not a date and time`}}},
		{"impossible date", "due: 2025-02-29\n", []found{{2, 6, "type", `due: "2025-02-29" is not a valid date: day out of range`}}},
		{"date written the other way", "due: 31-03-2025\n", []found{{2, 6, "type", `due must be a date written as 2025-02-18, not "31-03-2025"`}}},
		{"date given a time", "due: 2025-03-31T09:00:00Z\n", []found{{2, 6, "type", "due must be a date written as 2025-02-18"}}},
		{"duration zero", "expected_downtime: 0m\n", []found{{2, 20, "type", "must be longer than zero"}}},
		{"duration negative", "expected_downtime: -5m\n", []found{{2, 20, "type", "must be longer than zero"}}},
		{"duration words", "expected_downtime: half an hour\n", []found{{2, 20, "type", "is not a duration; write it as 45m, 2h, 1h30m or 3d"}}},
		{"duration bare number", "expected_downtime: 30\n", []found{{2, 20, "type", "is not a duration"}}},
		{"pairs given a list", "services: [website]\n", []found{{2, 11, "type", "services must be a mapping of keys to values, one \"key: value\" per line, not a list"}}},
		{"pair value given a list", "services: {website: [a]}\n", []found{{2, 21, "type", "website must be text, not a list"}}},
		{"several problems, all reported", "titel: x\ncount: x\npublic: 1\n", []found{
			{2, 1, "unknown-key", "titel"}, {3, 8, "type", "count"}, {4, 9, "type", "public"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, d := decode(t, tc.src)
			checkDiagsFile(t, "f.md", d, tc.want)
		})
	}
}

func checkDiagsFile(t *testing.T, file string, got diag.List, want []found) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(want), dump(got))
	}
	for i, w := range want {
		g := got[i]
		if g.Pos.File != file || g.Pos.Line != w.Line || g.Pos.Col != w.Col || g.Rule != w.Rule || !strings.Contains(g.Message, w.Contains) {
			t.Errorf("diagnostic %d = %s [%s], want %d:%d [%s] containing %q", i, g, g.Rule, w.Line, w.Col, w.Rule, w.Contains)
		}
	}
}

func TestDecodeTopLevel(t *testing.T) {
	for _, src := range []string{"just text\n", "- a\n- b\n"} {
		n, d := yamlx.Parse("f.md", []byte(src), 1, 0)
		if len(d) > 0 {
			t.Fatal(d)
		}
		var r record
		_, d = (&yamlx.Decoder{File: "f.md", LineOffset: 1}).Decode(n, &r)
		checkDiagsFile(t, "f.md", d, []found{{2, 1, "type", "the top level must be a mapping"}})
	}
}

// TestDecoderReuse checks that a second Decode starts afresh.
func TestDecoderReuse(t *testing.T) {
	dec := &yamlx.Decoder{File: "f.md"}
	n1, _ := yamlx.Parse("f.md", []byte("titel: x\n"), 0, 0)
	n2, _ := yamlx.Parse("f.md", []byte("count: 1\n"), 0, 0)
	var r record
	if _, d := dec.Decode(n1, &r); len(d) != 1 {
		t.Fatalf("first: %v", d)
	}
	pos, d := dec.Decode(n2, &r)
	if len(d) != 0 || pos.Has("titel") || !pos.Has("count") {
		t.Errorf("second Decode kept state: %v", d)
	}
}

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Time
		err  string
	}{
		{in: "2025-02-18T09:05:00+01:00", want: time.Date(2025, 2, 18, 8, 5, 0, 0, time.UTC)},
		{in: "2025-02-18T09:05:00.5Z", want: time.Date(2025, 2, 18, 9, 5, 0, 5e8, time.UTC)},
		{in: "2025-02-18T09:05+01:00", want: time.Date(2025, 2, 18, 8, 5, 0, 0, time.UTC)},
		{in: "2025-02-18 09:05:00+01:00", want: time.Date(2025, 2, 18, 8, 5, 0, 0, time.UTC)},
		{in: "2025-02-18 09:05 +01:00", want: time.Date(2025, 2, 18, 8, 5, 0, 0, time.UTC)},
		{in: "2025-02-18T09:05:00", want: time.Date(2025, 2, 18, 9, 5, 0, 0, brussels)},
		{in: "2025-02-18 09:05", want: time.Date(2025, 2, 18, 9, 5, 0, 0, brussels)},
		{in: "2025-07-18 09:05", want: time.Date(2025, 7, 18, 7, 5, 0, 0, time.UTC)}, // summer time
		{in: "2025-02-18", err: "has no time of day"},
		{in: "2025-02-29T09:00:00Z", err: "day out of range"},
		{in: "2025-13-01T09:00:00Z", err: "month out of range"},
		{in: "2025-02-18T09:60:00Z", err: "minute out of range"},
		{in: "", err: "is not a date and time"},
		{in: "18/02/2025 09:05", err: "is not a date and time"},
	} {
		got, err := yamlx.ParseTime(tc.in, brussels)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseTime(%q) error = %v, want %q", tc.in, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("ParseTime(%q): %v", tc.in, err)
		case tc.err == "" && !got.Equal(tc.want):
			t.Errorf("ParseTime(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	got, err := yamlx.ParseTime("2025-02-18 09:05", nil)
	if err != nil || !got.Equal(time.Date(2025, 2, 18, 9, 5, 0, 0, time.UTC)) || got.Location() != time.UTC {
		t.Errorf("a nil location must mean UTC: %v, %v", got, err)
	}
}

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"45m", 45 * time.Minute, true},
		{"2h", 2 * time.Hour, true},
		{"1h30m", 90 * time.Minute, true},
		{"3d", 72 * time.Hour, true},
		{"1d12h", 36 * time.Hour, true},
		{"90s", 90 * time.Second, true},
		{"0d", 0, false},
		{"0s", 0, false},
		{"-1h", 0, false},
		{"1d-25h", 0, false},
		{"d", 0, false},
		{"xd", 0, false},
		{"3651d", 0, false},
		{"1w", 0, false},
		{"", 0, false},
		{"30", 0, false},
		{"9999999999h", 0, false},
	} {
		got, err := yamlx.ParseDuration(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestNames(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"", "the front matter"},
		{"title", "title"},
		{"updates.0", "updates item 1"},
		{"updates.2.at", "at"},
		{"updates.0.1", "updates item 1 item 2"},
	} {
		if got := yamlx.Name(tc.path); got != tc.want {
			t.Errorf("Name(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
	for _, tc := range []struct {
		parent string
		child  any
		want   string
	}{
		{"", 3, "3"},
		{"updates", 3, "updates.3"},
		{"updates", -1, "updates.-1"},
		{"", "title", "title"},
		{"services", "website", "services.website"},
		{"updates.0", "at", "updates.0.at"},
		{"x", int64(7), "x.7"},
		{"x", true, "x.true"},
	} {
		if got := yamlx.Join(tc.parent, tc.child); got != tc.want {
			t.Errorf("Join(%q, %v) = %q, want %q", tc.parent, tc.child, got, tc.want)
		}
	}
	want := []string{"count", "detected", "due", "expected_downtime", "labels", "nested", "owner", "public", "services", "small", "teams", "title", "updates"}
	if diff := cmp.Diff(want, yamlx.FieldNames(&record{})); diff != "" {
		t.Errorf("FieldNames (-want +got):\n%s", diff)
	}
}

package diag_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/diag"
)

func pos(file string, line, col int) diag.Position {
	return diag.Position{File: file, Line: line, Col: col}
}

func TestPositionString(t *testing.T) {
	for _, tc := range []struct {
		p    diag.Position
		want string
	}{
		{pos("a.md", 7, 11), "a.md:7:11"},
		{pos("a.md", 7, 0), "a.md:7"},
		{pos("a.md", 0, 5), "a.md"},
		{pos("a.md", -1, -1), "a.md"},
		{pos("", 1, 1), ":1:1"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestDiagnosticString(t *testing.T) {
	e := diag.Diagnostic{Pos: pos("x.md", 2, 3), Severity: diag.Error, Rule: "r", Message: "bad"}
	w := diag.Diagnostic{Pos: pos("x.md", 2, 0), Severity: diag.Warning, Rule: "r", Message: "meh"}
	if got, want := e.String(), "x.md:2:3: bad"; got != want {
		t.Errorf("error: got %q, want %q", got, want)
	}
	if got, want := w.String(), "x.md:2: warning: meh"; got != want {
		t.Errorf("warning: got %q, want %q", got, want)
	}
	if diag.Error.String() != "error" || diag.Warning.String() != "warning" {
		t.Errorf("Severity strings: %q, %q", diag.Error, diag.Warning)
	}
}

func TestSort(t *testing.T) {
	var l diag.List
	l.Warnf(pos("b.md", 1, 1), "r", "w1")
	l.Errorf(pos("a.md", 10, 1), "r", "line 10")
	l.Errorf(pos("a.md", 2, 5), "r", "col 5")
	l.Errorf(pos("a.md", 2, 1), "r", "zeta")
	l.Warnf(pos("a.md", 2, 1), "r", "a warning")
	l.Errorf(pos("a.md", 2, 1), "r", "alpha")
	l.Errorf(pos("a.md", 0, 0), "r", "whole file")
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.String())
	}
	want := []string{
		"a.md: whole file",
		"a.md:2:1: alpha",
		"a.md:2:1: zeta",
		"a.md:2:1: warning: a warning",
		"a.md:2:5: col 5",
		"a.md:10:1: line 10", // numeric, not text, order
		"b.md:1:1: warning: w1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sort (-want +got):\n%s", diff)
	}
}

func TestDedupe(t *testing.T) {
	var l diag.List
	l.Errorf(pos("a.md", 3, 1), "rule-a", "same")
	l.Errorf(pos("a.md", 1, 1), "rule-a", "first")
	l.Errorf(pos("a.md", 3, 1), "rule-b", "same") // another rule, same conclusion
	l.Warnf(pos("a.md", 3, 1), "rule-a", "same")  // a warning is not a repeat of an error
	l.Errorf(pos("a.md", 3, 2), "rule-a", "same") // another column
	l.Errorf(pos("a.md", 3, 1), "rule-a", "other")
	got := l.Dedupe()
	var s []string
	for _, d := range got {
		s = append(s, d.String())
	}
	want := []string{
		"a.md:1:1: first",
		"a.md:3:1: other",
		"a.md:3:1: same",
		"a.md:3:1: warning: same",
		"a.md:3:2: same",
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("Dedupe (-want +got):\n%s", diff)
	}
	if got := diag.List(nil).Dedupe(); len(got) != 0 {
		t.Errorf("Dedupe of nil = %v", got)
	}
}

func TestCountAndErr(t *testing.T) {
	for _, tc := range []struct {
		name       string
		list       diag.List
		errs, warn int
		err        string // "" for a nil error
	}{
		{name: "empty"},
		{
			name: "warnings only",
			list: diag.List{{Pos: pos("a", 1, 1), Severity: diag.Warning, Message: "w"}},
			warn: 1,
		},
		{
			name: "one error",
			list: diag.List{
				{Pos: pos("a", 1, 1), Severity: diag.Warning, Message: "w"},
				{Pos: pos("a", 2, 1), Severity: diag.Error, Message: "e"},
			},
			errs: 1, warn: 1,
			err: "a:2:1: e",
		},
		{
			name: "three errors",
			list: diag.List{
				{Pos: pos("a", 1, 1), Severity: diag.Warning, Message: "w"},
				{Pos: pos("a", 2, 1), Severity: diag.Error, Message: "e1"},
				{Pos: pos("a", 3, 1), Severity: diag.Error, Message: "e2"},
				{Pos: pos("a", 4, 1), Severity: diag.Error, Message: "e3"},
			},
			errs: 3, warn: 1,
			err: "a:2:1: e1 (and 2 more errors)",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, w := tc.list.Count()
			if e != tc.errs || w != tc.warn {
				t.Errorf("Count() = %d, %d; want %d, %d", e, w, tc.errs, tc.warn)
			}
			if got := tc.list.HasErrors(); got != (tc.errs > 0) {
				t.Errorf("HasErrors() = %v", got)
			}
			err := tc.list.Err()
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("Err() = %v, want nil", err)
			case tc.err != "" && (err == nil || err.Error() != tc.err):
				t.Errorf("Err() = %v, want %q", err, tc.err)
			}
			if err != nil {
				var el diag.ErrorList
				if !errors.As(err, &el) || len(el) != len(tc.list) {
					t.Errorf("Err() is not an ErrorList holding the whole list: %#v", err)
				}
			}
		})
	}
	if got := (diag.ErrorList{{Severity: diag.Warning}}).Error(); got != "no errors" {
		t.Errorf("ErrorList of warnings = %q", got)
	}
}

// sample holds the awkward characters each printer must escape.
var sample = diag.List{
	{Pos: pos("content/incidents/2025/x.md", 7, 11), Severity: diag.Error, Rule: "enum", Message: `severity "huge" is not one of minor, major, critical`},
	{Pos: pos("content/a,b:c.md", 0, 0), Severity: diag.Warning, Rule: "file-name", Message: "100% sure\r\nsecond line\nthird: a, b"},
	{Pos: pos("templates/x.yaml", 3, 0), Severity: diag.Error, Rule: "type", Message: "<b>&</b>"},
}

// TestPrintTextDeceptive checks that a file name or a value cannot make
// the text output read differently from what it is: no fake line, no
// reordered text, no terminal escape.
func TestPrintTextDeceptive(t *testing.T) {
	l := diag.List{
		{Pos: pos("content/x.md\nsite is valid: 1 incident", 1, 1), Rule: "file-name", Message: "bad"},
		{Pos: pos("content/\u202etxt.md", 2, 1), Rule: "file-name", Message: "title \u2066x\u2069, \x1b[2Jcleared\u0085, \u200fmark, \u2028sep"},
		{Pos: pos("content/y.md", 3, 1), Rule: "internal-error", Message: "failed\nsite is valid: 1 incident\rhidden"},
	}
	want := "content/x.md\\nsite is valid: 1 incident:1:1: bad\n" +
		"content/y.md:3:1: failed\n\tsite is valid: 1 incident\\rhidden\n" +
		"content/\\u202etxt.md:2:1: title \\u2066x\\u2069, \\u001b[2Jcleared\\u0085, \\u200fmark, \\u2028sep\n"
	l.Sort()
	var b bytes.Buffer
	if err := diag.Print(&b, l, diag.Text, ""); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if strings.HasPrefix(line, "site is valid") {
			t.Errorf("a line of the output reads %q", line)
		}
	}
}

func TestPrintText(t *testing.T) {
	for _, tc := range []struct {
		prefix, want string
	}{
		{"", "content/incidents/2025/x.md:7:11: severity \"huge\" is not one of minor, major, critical\n" +
			"content/a,b:c.md: warning: 100% sure\\r\n\tsecond line\n\tthird: a, b\n" +
			"templates/x.yaml:3: <b>&</b>\n"},
		{"site", "site/content/incidents/2025/x.md:7:11: severity \"huge\" is not one of minor, major, critical\n" +
			"site/content/a,b:c.md: warning: 100% sure\\r\n\tsecond line\n\tthird: a, b\n" +
			"site/templates/x.yaml:3: <b>&</b>\n"},
	} {
		var b bytes.Buffer
		if err := diag.Print(&b, sample, diag.Text, tc.prefix); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, b.String()); diff != "" {
			t.Errorf("prefix %q (-want +got):\n%s", tc.prefix, diff)
		}
	}
	var b bytes.Buffer
	if err := diag.Print(&b, sample[:1], diag.Text, "."); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "content/") {
		t.Errorf("prefix \".\" changed the path: %q", b.String())
	}
}

// TestPrintGitHub pins the escaping of @actions/core's command.ts:
// escapeData replaces % CR LF, escapeProperty also ':' and ','.
func TestPrintGitHub(t *testing.T) {
	var b bytes.Buffer
	if err := diag.Print(&b, sample, diag.GitHub, "site"); err != nil {
		t.Fatal(err)
	}
	want := "::error file=site/content/incidents/2025/x.md,line=7,col=11,title=incidentsite%3A enum::severity \"huge\" is not one of minor, major, critical\n" +
		"::warning file=site/content/a%2Cb%3Ac.md,title=incidentsite%3A file-name::100%25 sure%0D%0Asecond line%0Athird: a, b\n" +
		"::error file=site/templates/x.yaml,line=3,title=incidentsite%3A type::<b>&</b>\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Each diagnostic is exactly one line, whatever its message holds.
	if n := strings.Count(b.String(), "\n"); n != len(sample) {
		t.Errorf("%d lines for %d diagnostics", n, len(sample))
	}
	// "%" must be escaped first: escaping it after the others would turn
	// %0A into %250A.
	if strings.Contains(b.String(), "%250A") || strings.Contains(b.String(), "%250D") {
		t.Errorf("double escaping: %q", b.String())
	}
}

func TestPrintJSON(t *testing.T) {
	var b bytes.Buffer
	if err := diag.Print(&b, sample, diag.JSON, ""); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	want := []map[string]any{
		{"file": "content/incidents/2025/x.md", "line": 7.0, "col": 11.0, "severity": "error", "rule": "enum", "message": `severity "huge" is not one of minor, major, critical`},
		{"file": "content/a,b:c.md", "line": 0.0, "col": 0.0, "severity": "warning", "rule": "file-name", "message": "100% sure\r\nsecond line\nthird: a, b"},
		{"file": "templates/x.yaml", "line": 3.0, "col": 0.0, "severity": "error", "rule": "type", "message": "<b>&</b>"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !strings.Contains(b.String(), "<b>&</b>") {
		t.Errorf("HTML characters are escaped, which makes the output harder to read: %s", b.String())
	}
	// The key order is part of the format.
	first := strings.Index(b.String(), `"file"`)
	for _, k := range []string{`"line"`, `"col"`, `"severity"`, `"rule"`, `"message"`} {
		i := strings.Index(b.String(), k)
		if i < first {
			t.Errorf("key %s out of order in %s", k, b.String())
		}
		first = i
	}
}

func TestPrintEmpty(t *testing.T) {
	for _, tc := range []struct {
		f    diag.Format
		want string
	}{
		{diag.Text, ""},
		{diag.GitHub, ""},
		{diag.JSON, "[]\n"},
	} {
		var b bytes.Buffer
		if err := diag.Print(&b, nil, tc.f, "site"); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("%s of an empty list = %q, want %q", tc.f, b.String(), tc.want)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestPrintWriteError(t *testing.T) {
	for _, f := range diag.Formats {
		if err := diag.Print(failWriter{}, sample, f, ""); err == nil {
			t.Errorf("%s: a write error was lost", f)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	keys := []string{"title", "category", "severity", "visibility", "services", "detected", "acknowledged", "resolved", "expected_downtime"}
	for _, tc := range []struct {
		got     string
		options []string
		want    string
	}{
		{"titel", keys, `; did you mean "title"?`},       // transposition
		{"severty", keys, `; did you mean "severity"?`},  // one deletion
		{"Severity", keys, `; did you mean "severity"?`}, // case only
		{"acknowleged", keys, `; did you mean "acknowledged"?`},
		{"expected-downtime", keys, `; did you mean "expected_downtime"?`},
		{"title", keys, ""}, // exact match: nothing to suggest
		{"colour", keys, ""},
		{"x", []string{"y"}, `; did you mean "y"?`}, // short words allow one edit
		{"ab", []string{"cd"}, ""},
		{"", keys, ""},
		{"anything", nil, ""},
		{strings.Repeat("a", 70), []string{strings.Repeat("a", 69)}, ""}, // too long to compare
		{"sevirity", []string{"severity", "sevxrity"}, `; did you mean "severity"?`},
	} {
		if got := diag.DidYouMean(tc.got, tc.options); got != tc.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tc.got, got, tc.want)
		}
	}
}

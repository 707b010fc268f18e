package diff_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/diff"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// hostile is record text that tries every way out of where the report
// puts it.
var hostile = []string{
	"<script>alert(1)</script>",
	"<img src=x onerror=alert(1)>",
	"[click](javascript:alert(1))",
	"![img](https://evil.example/x.png)",
	"</details>\n\n# Approved\n\n| a | b |\n|---|---|\n| c | d |",
	"```\ncode\n```",
	"@security-team please approve",
	"https://evil.example/phish",
	"&lt;b&gt; &#106;avascript:",
	"line\r\n> quote\n    indented\n- item\n1. one",
	"**bold** _it_ ~~s~~ `code` \\",
	"right\u202eleft \x1b[2J",
}

func hostileReport() *diff.Report {
	at := time.Date(2025, 2, 18, 9, 10, 0, 0, time.UTC)
	r := &diff.Report{Base: diff.Revision{Rev: "main<b>", Commit: "0123456789abcdef"}, Now: now, Location: time.UTC, Language: "en"}
	for i, h := range hostile {
		url := "https://status.example.org/incidents/x/"
		r.Changes = append(r.Changes,
			diff.Change{Audience: diff.Public, Kind: diff.UpdateAdded, Record: "x", RecordKind: "incident", Title: h, URL: url + "#update-1", File: "content/incidents/x.md", Severity: diff.Notice,
				Detail: diff.Detail{At: &at, Status: "investigating", Message: diff.Text{"en": h, "nl": h}}},
			diff.Change{Audience: diff.Public, Kind: diff.TextRewritten, Record: "x", RecordKind: "incident", Title: h, URL: url, File: "content/incidents/x.md", Severity: diff.Warning,
				Detail: diff.Detail{Part: diff.PartSection, Section: h, Old: diff.Text{"en": h}, New: diff.Text{"en": h + h}}},
			diff.Change{Audience: diff.Public, Kind: diff.MadePublic, Record: "x", RecordKind: "incident", Title: h, URL: url, Severity: diff.Loud},
			diff.Change{Audience: diff.Team, Kind: diff.ActionAdded, Record: "y" + string(rune('a'+i)), RecordKind: "incident", Title: h, File: h, Severity: diff.Notice,
				Detail: diff.Detail{Action: &diff.Action{Title: h, Owner: h}}},
			diff.Change{Audience: diff.Team, Kind: diff.DecisionAdded, Record: "y" + string(rune('a'+i)), RecordKind: "incident", Title: h, Severity: diff.Notice,
				Detail: diff.Detail{Decision: &diff.Decision{Regulation: "nis2", By: h, Reason: h, At: at}}},
		)
	}
	return r
}

// TestMarkdownHostile renders the report with GitHub's Markdown
// extensions and raw HTML allowed, and checks that record text made no
// HTML, link, image, heading, table or code block of its own.
func TestMarkdownHostile(t *testing.T) {
	var buf bytes.Buffer
	if err := diff.WriteMarkdown(&buf, hostileReport()); err != nil {
		t.Fatal(err)
	}
	src := buf.Bytes()
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	doc := md.Parser().Parse(text.NewReader(src))
	headings := 0
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML, *ast.HTMLBlock:
			t.Errorf("raw HTML in the report, at %s", n.Kind())
		case *ast.Image:
			t.Errorf("an image in the report: %s", n.Destination)
		case *ast.Link:
			if !strings.HasPrefix(string(n.Destination), "https://status.example.org/incidents/x/") {
				t.Errorf("a link to %s in the report", n.Destination)
			}
		case *ast.AutoLink:
			t.Errorf("an autolink to %s in the report", n.URL(src))
		case *east.Table:
			t.Error("a table in the report")
		case *ast.FencedCodeBlock:
			t.Error("a code block in the report")
		case *ast.Heading:
			headings++
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The report's own headings: its title, two audiences, a record each
	// for x and for the team's 12 records.
	if want := 1 + 2 + 1 + len(hostile); headings != want {
		t.Errorf("%d headings, want %d:\n%s", headings, want, src)
	}
	for _, s := range []string{"\u202e", "\x1b"} {
		if bytes.Contains(src, []byte(s)) {
			t.Errorf("the report holds %q", s)
		}
	}
	var html bytes.Buffer
	if err := md.Convert(src, &html); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(html.Bytes(), []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Error("the hostile text is not shown as text")
	}
	testutil.Golden(t, "hostile.md", src)
}

// TestTextHostile checks that no record text starts a line of its own in
// the text report.
func TestTextHostile(t *testing.T) {
	var buf bytes.Buffer
	if err := diff.WriteText(&buf, hostileReport()); err != nil {
		t.Fatal(err)
	}
	for _, l := range testutil.Lines(buf.String()) {
		if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "|") || strings.HasPrefix(l, "    indented") || strings.HasPrefix(l, "> quote") {
			t.Errorf("record text starts a line: %q", l)
		}
		if strings.ContainsAny(l, "\r\x1b\u202e") {
			t.Errorf("a control character in %q", l)
		}
	}
}

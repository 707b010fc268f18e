package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func TestDroppedHTML(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []Dropped
	}{
		{"none", "Plain *text* and `<code>`.\n", nil},
		{"comment is meant to go", "<!-- guidance -->\n\nText <!-- note -->.\n", nil},
		{"inline tag", "Press <Enter> to go on.\n", []Dropped{{6, "<Enter>"}}},
		{"escaped tag", "Press \\<Enter> to go on.\n", nil},
		{"block", "Text.\n\n<div>\nhidden\n</div>\n", []Dropped{{7, "<div>"}}},
		{"script block", "<script>alert(1)</script>\n", []Dropped{{0, "<script>alert(1)</script>"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The section's raw HTML, found while splitting the body;
			// the section before it keeps its own.
			split := SplitSections([]byte("## Before\n<i>x</i>\n\n## Section\n"+tc.body), 1)
			if len(split.Sections) != 2 {
				t.Fatalf("%d sections", len(split.Sections))
			}
			if got := split.Sections[1].Dropped; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Dropped of %q = %+v, want %+v", tc.body, got, tc.want)
			}
			if got := len(split.Sections[0].Dropped); got != 2 {
				t.Errorf("the section before has %d tags, want 2", got)
			}
		})
	}
}

func TestDroppedMessageHTML(t *testing.T) {
	for _, tc := range []struct {
		name, msg string
		want      []Dropped
	}{
		{"none", "We are *looking* into it.", nil},
		{"inline tag", "Press <Enter> to go on.", []Dropped{{6, "<Enter>"}}},
		// A line of a message starting with a tag is no HTML block: the
		// offset counts the indentation dedent removed.
		{"indented line", "First line.\n   <b>bold</b> text", []Dropped{{15, "<b>"}, {22, "</b>"}}},
		{"comment", "Fixed. <!-- ticket 4411 -->", nil},
		{"entity", "Press &lt;Enter&gt; to go on.", nil},
		{"code span", "Run `<script>` no more.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DroppedMessageHTML(tc.msg); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("DroppedMessageHTML(%q) = %+v, want %+v", tc.msg, got, tc.want)
			}
		})
	}
}

// TestDroppedMessageHTMLShortcut checks that a message without "<", which
// DroppedMessageHTML answers without parsing, has nothing dropped when
// parsed either: Markdown's raw HTML always starts with "<".
func TestDroppedMessageHTMLShortcut(t *testing.T) {
	for _, msg := range []string{
		"", "We are *looking* into it.", "a &lt;b&gt; c &#60;i&#62;", "> quoted\n> text",
		"    indented code", "```\nfenced\n```", "[link](http://example.org/?a=b&c=d)", "x\n\n***\n\n- item",
		"&amp;lt;script&amp;gt;", "\\< not a tag", "AT&T > 3",
	} {
		if strings.Contains(msg, "<") {
			continue
		}
		if got := parseDroppedMessageHTML(msg); got != nil {
			t.Errorf("parseDroppedMessageHTML(%q) = %+v, want nothing: the shortcut would miss it", msg, got)
		}
		if got := DroppedMessageHTML(msg); got != nil {
			t.Errorf("DroppedMessageHTML(%q) = %+v, want nothing", msg, got)
		}
	}
}

package markdown

import (
	"reflect"
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
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DroppedMessageHTML(tc.msg); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("DroppedMessageHTML(%q) = %+v, want %+v", tc.msg, got, tc.want)
			}
		})
	}
}

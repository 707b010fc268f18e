package markdown_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/markdown"
)

func TestCheckCharRefs(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"hex override", "Paid &#x202E;gpj.exe", []string{"f.md:10:6: character reference &#x202E; is the invisible bidirectional control character U+202E; remove it"}},
		{"decimal override", "a &#8238;b", []string{"f.md:10:3: character reference &#8238; is the invisible bidirectional control character U+202E; remove it"}},
		{"upper-case X, leading zeros", "&#X0202e;", []string{"f.md:10:1: character reference &#X0202e; is the invisible bidirectional control character U+202E; remove it"}},
		{"named mark", "x\ny &rlm; z", []string{"f.md:11:3: character reference &rlm; is the invisible bidirectional control character U+200F; remove it"}},
		{"isolate", "&#x2067;", []string{"f.md:10:1: character reference &#x2067; is the invisible bidirectional control character U+2067; remove it"}},
		{"arabic letter mark", "&#1564;", []string{"f.md:10:1: character reference &#1564; is the invisible bidirectional control character U+061C; remove it"}},
		{"escape", "&#27;[2J", []string{"f.md:10:1: character reference &#27; is the control character U+001B; remove it"}},
		{"C1, as goldmark reads it", "&#133;", []string{"f.md:10:1: character reference &#133; is the control character U+0085; remove it"}},
		{"line separator", "é &#x2028;", []string{"f.md:10:3: character reference &#x2028; is the invisible line separator U+2028; use a plain line break"}},
		{"two on a line", "&#x202A;a&#x202C;", []string{
			"f.md:10:1: character reference &#x202A; is the invisible bidirectional control character U+202A; remove it",
			"f.md:10:10: character reference &#x202C; is the invisible bidirectional control character U+202C; remove it",
		}},
		{"tab and line feed are text", "&#9;&#10;&Tab;&NewLine;", nil},
		{"null is U+FFFD", "&#0;&#xD800;&#x110000;", nil},
		{"too many digits is no reference", "&#00000008238; &#x0000202E;", nil},
		{"escaped ampersand", "&amp;#x202E;", nil},
		{"ordinary references", "&amp; &lt; &copy; &#233; &#x1F600;", nil},
		{"unknown name", "&nosuch; & ; &#; &#x;", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range markdown.CheckCharRefs("f.md", []byte(tc.in), 10, 1) {
				got = append(got, d.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

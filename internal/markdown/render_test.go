package markdown_test

import (
	"strings"
	"testing"

	"github.com/incidentsite/incidentsite/internal/markdown"
)

// TestRenderSafe: raw HTML and links with schemes other than http, https
// and mailto never reach the page, however they are written.
func TestRenderSafe(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"script block", "<script>alert(1)</script>", "<!-- raw HTML omitted -->\n"},
		{"inline html", "a <b onclick=x>b</b>", "<p>a <!-- raw HTML omitted -->b<!-- raw HTML omitted --></p>\n"},
		{"javascript link", "[x](javascript:alert(1))", "<p>x</p>\n"},
		{"mixed case", "[x](JaVaScRiPt:alert(1))", "<p>x</p>\n"},
		{"decimal entity", "[x](&#106;avascript:alert(1))", "<p>x</p>\n"},
		{"hex entity tab", "[x](<java&#x09;script:alert(1)>)", "<p>x</p>\n"},
		{"named entity colon", "[x](javascript&colon;alert(1))", "<p>x</p>\n"},
		{"vbscript", "[v](vbscript:x)", "<p>v</p>\n"},
		{"data image", "![i](data:image/png;base64,xx)", "<p>i</p>\n"},
		{"file", "[f](file:///etc/passwd)", "<p>f</p>\n"},
		{"autolink javascript", "<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n"},
		{"reference link", "[x][r]\n\n[r]: javascript:alert(1)", "<p>x</p>\n"},
		{"nested emphasis kept", "[**bold**](javascript:x)", "<p><strong>bold</strong></p>\n"},
		{"https", "[ok](https://example.org/a?b=1)", "<p><a href=\"https://example.org/a?b=1\">ok</a></p>\n"},
		{"mailto", "[m](mailto:dpo@example.org)", "<p><a href=\"mailto:dpo@example.org\">m</a></p>\n"},
		{"relative", "[r](../history/)", "<p><a href=\"../history/\">r</a></p>\n"},
		{"fragment", "[f](#impact)", "<p><a href=\"#impact\">f</a></p>\n"},
		{"linkify", "see www.example.org", "<p>see <a href=\"http://www.example.org\">www.example.org</a></p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(markdown.Render([]byte(tc.in), 0)); got != tc.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestRenderShift moves headings down so that a section's "###" sits
// below the page's h2 section titles.
func TestRenderShift(t *testing.T) {
	got := string(markdown.Render([]byte("### Sub\n\n###### Deep"), 1))
	if !strings.Contains(got, "<h4>Sub</h4>") || !strings.Contains(got, "<h6>Deep</h6>") {
		t.Errorf("got %q", got)
	}
}

func TestAllowedURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://x": true, "HTTP://x": true, "mailto:a@b": true, "/a": true, "a/b:c": true, "?q=1": true, "#x": true,
		"javascript:x": false, " javascript:x": false, "java\nscript:x": false, "&#x6A;avascript:x": false, "tel:123": false, "data:x": false,
	} {
		if got := markdown.AllowedURL(u); got != want {
			t.Errorf("AllowedURL(%q) = %v, want %v", u, got, want)
		}
	}
}

package markdown_test

import (
	"strings"
	"testing"

	"github.com/incidentsite/incidentsite/internal/markdown"
)

// TestRenderImages: an image on a page loads only from the site itself; a
// remote one becomes a link to it, with its alternative text.
func TestRenderImages(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"relative stays", "![graph](img/graph.png)", "<p><img src=\"img/graph.png\" alt=\"graph\"></p>\n"},
		{"root relative stays", "![graph](/img/graph.png)", "<p><img src=\"/img/graph.png\" alt=\"graph\"></p>\n"},
		{"https becomes link", "![pixel](https://t.example/p.gif)", "<p><a href=\"https://t.example/p.gif\">pixel</a></p>\n"},
		{"http upper case", "![p](HTTP://t.example/p.gif)", "<p><a href=\"HTTP://t.example/p.gif\">p</a></p>\n"},
		{"protocol relative", "![p](//t.example/p.gif)", "<p><a href=\"//t.example/p.gif\">p</a></p>\n"},
		{"backslashes", "![p](<\\\\t.example/p.gif>)", "<p><a href=\"%5Ct.example/p.gif\">p</a></p>\n"},
		{"no alt text", "![](https://t.example/p.gif)", "<p><a href=\"https://t.example/p.gif\">https://t.example/p.gif</a></p>\n"},
		{"inside a link", "[![logo](https://t.example/l.png)](https://example.org/)", "<p><a href=\"https://example.org/\">logo</a></p>\n"},
		{"reference image", "![p][r]\n\n[r]: https://t.example/p.gif", "<p><a href=\"https://t.example/p.gif\">p</a></p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(markdown.Render([]byte(tc.in), 0)); got != tc.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestRenderHiddenContent: the content of an inline <script> or <style>
// is not text; the renderer drops the tags, so the filter drops the rest.
func TestRenderHiddenContent(t *testing.T) {
	for _, in := range []string{
		"a <script>MARKER</script> b",
		"a <SCRIPT type=x>MARKER *x*</SCRIPT> b",
		"a <style>MARKER</style> b",
		"a <!-- MARKER --> b",
		"a <img src=x onerror=\"MARKER\"> b",
	} {
		for name, got := range map[string]string{"Render": string(markdown.Render([]byte(in), 0)), "RenderMessage": string(markdown.RenderMessage(in))} {
			if strings.Contains(got, "MARKER") || !strings.Contains(got, "b</p>") {
				t.Errorf("%s(%q) = %q", name, in, got)
			}
		}
	}
}

func TestRenderMessage(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"inline markdown", "We *restarted* the `db`; see [status](https://x.example/a).",
			"<p>We <em>restarted</em> the <code>db</code>; see <a href=\"https://x.example/a\">status</a>.</p>\n"},
		{"no heading", "# 4411 is the ticket", "<p># 4411 is the ticket</p>\n"},
		{"no list", "- first\n1. second", "<p>- first\n1. second</p>\n"},
		{"no code block", "a\n\n    indented", "<p>a</p>\n<p>indented</p>\n"},
		{"no quote", "> quoted", "<p>&gt; quoted</p>\n"},
		{"paragraphs", "one\n\ntwo", "<p>one</p>\n<p>two</p>\n"},
		{"strikethrough and linkify", "~~down~~ see www.example.org", "<p><del>down</del> see <a href=\"http://www.example.org\">www.example.org</a></p>\n"},
		{"javascript link", "[x](javascript:alert(1))", "<p>x</p>\n"},
		{"link definition dropped", "text\n\n[x]: https://evil.example/marker", "<p>text</p>\n"},
		{"remote image", "![p](https://t.example/p.gif)", "<p><a href=\"https://t.example/p.gif\">p</a></p>\n"},
		{"beyond limits", strings.Repeat("[", 3000), "<p>" + strings.Repeat("[", 3000) + "</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(markdown.RenderMessage(tc.in)); got != tc.want {
				t.Errorf("RenderMessage(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"paragraph unwrapped", "one\ntwo  three", "one two three"},
		{"markup dropped", "*a* **b** `c` [d](https://x.example/) ![e](img.png)", "a b c d e"},
		{"paragraphs", "one\n\ntwo", "one\n\ntwo"},
		{"heading", "### Sub\ntext", "Sub\n\ntext"},
		{"list", "- a\n- b *c*\n\nafter", "- a\n- b c\n\nafter"},
		{"code block", "```\nx  y\n  z\n```", "x  y\n  z"},
		{"entities decoded", "a &amp; b &lt;c&gt;", "a & b <c>"},
		{"comment", "a <!-- MARKER --> b", "a b"},
		{"html block", "a\n\n<div>MARKER</div>\n\nb", "a\n\nb"},
		{"link definition", "a\n\n[x]: https://evil.example/MARKER\n", "a"},
		{"javascript link text", "[click](javascript:MARKER)", "click"},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", "a b\n1 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := markdown.PlainText(markdown.Render([]byte(tc.in), 0)); got != tc.want {
				t.Errorf("PlainText(Render(%q))\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
	if got, want := markdown.PlainText(markdown.RenderMessage("We *restarted* it.\n# 12 <b>x</b>")), "We restarted it. # 12 x"; got != want {
		t.Errorf("PlainText(RenderMessage) = %q, want %q", got, want)
	}
}

func TestRemoteURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://x/p.gif": true, "HTTP://x": true, "//x/p.gif": true, "\\\\x/p": true, "/\\x/p": true, " //x": true,
		"img/a.png": false, "/img/a.png": false, "../a.png": false, "#x": false, "a/b:c": false,
	} {
		if got := markdown.RemoteURL(u); got != want {
			t.Errorf("RemoteURL(%q) = %v, want %v", u, got, want)
		}
	}
}

package validate_test

import "testing"

// TestDroppedHTML: raw HTML that the pages leave out is a warning where
// it is written, so that "press <Enter>" does not read "press" to
// customers; comments (the guidance "new" writes) are meant to go.
func TestDroppedHTML(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "tag-in-a-message",
			edits: []edit{{incFile, "message: We are investigating reports", "message: Press <Enter> while we investigate reports"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:21:14: warning: \"<Enter>\" is raw HTML, which the pages leave out; to show it as text, put it in `backticks` or write \\< for its <, else remove it",
			},
		},
		{
			name:  "tag-in-a-translated-message",
			edits: []edit{{incFile, "message: AssetExplorer is available again.", "message: {en: AssetExplorer is available again., nl: Klik <b>hier</b>}"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:24:58: warning: \"</b>\" is raw HTML, which the pages leave out; to show it as text, put it in `backticks` or write \\< for its <, else remove it",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:24:58: warning: \"<b>\" is raw HTML, which the pages leave out; to show it as text, put it in `backticks` or write \\< for its <, else remove it",
			},
		},
		{
			name:  "block-in-a-section",
			edits: []edit{{incFile, "The database failover did not complete.\n", "The database failover did not complete.\n\n<div class=x>\nMore.\n</div>\n"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:36:1: warning: \"<div class=x>\" is raw HTML, which the pages leave out; to show it as text, put it in `backticks` or write \\< for its <, else remove it",
			},
		},
		{
			name:  "comments-and-escapes-are-fine",
			edits: []edit{{incFile, "The database failover did not complete.\n", "The database failover did not complete. <!-- see ticket -->\nPress \\<Enter> or `<Enter>`.\n"}},
		},
	})
}

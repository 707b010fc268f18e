package validate_test

import "testing"

// TestLanguages covers text written per language (title and message as a
// mapping of language codes) on the base site, whose languages are en and
// nl, en the default.
func TestLanguages(t *testing.T) {
	const (
		title = "title: AssetExplorer is unavailable\n"
		msg   = "    message: AssetExplorer is available again.\n"
	)
	runSiteCases(t, []siteCase{
		{
			name:  "title-per-language",
			edits: []edit{{incFile, title, "title: {en: AssetExplorer is unavailable, nl: AssetExplorer is onbereikbaar}\n"}},
		},
		{
			name:  "title-default-only",
			edits: []edit{{incFile, title, "title: {en: AssetExplorer is unavailable}\n"}},
		},
		{
			name:  "message-per-language-block",
			edits: []edit{{incFile, msg, "    message:\n      en: AssetExplorer is available again.\n      nl: AssetExplorer is weer bereikbaar.\n"}},
		},
		{
			name:  "title-without-default",
			edits: []edit{{incFile, title, "title: {nl: AssetExplorer is onbereikbaar}\n"}},
			want: []string{
				incFile + `:2:1: title has no text in "en", the site's default language, which the other languages fall back to; add en: with the text`,
			},
		},
		{
			name:  "title-default-blank",
			edits: []edit{{incFile, title, "title: {en: \" \", nl: AssetExplorer is onbereikbaar}\n"}},
			want: []string{
				incFile + `:2:1: title has no text in "en", the site's default language, which the other languages fall back to; add en: with the text`,
			},
		},
		{
			name:  "title-unknown-language",
			edits: []edit{{incFile, title, "title: {en: AssetExplorer is unavailable, fr: AssetExplorer est indisponible}\n"}},
			want: []string{
				incFile + `:2:43: language "fr" is not one of the site's languages (en, nl); add it to languages: in incidentsite.yaml, or remove it`,
			},
		},
		{
			name:  "title-language-typo",
			edits: []edit{{incFile, title, "title: {en: AssetExplorer is unavailable, nll: AssetExplorer is onbereikbaar}\n"}},
			want: []string{
				incFile + `:2:43: language "nll" is not one of the site's languages (en, nl); did you mean "nl"?`,
			},
		},
		{
			name:  "title-other-language-blank",
			edits: []edit{{incFile, title, "title: {en: AssetExplorer is unavailable, nl: \"\"}\n"}},
			want: []string{
				incFile + `:2:43: warning: title has no text in "nl", so its readers see the "en" text; write it, or remove nl:`,
			},
		},
		{
			name:  "message-without-default",
			edits: []edit{{incFile, msg, "    message: {nl: AssetExplorer is weer bereikbaar.}\n"}},
			want: []string{
				incFile + `:23:5: message has no text in "en", the site's default language, which the other languages fall back to; add en: with the text`,
			},
		},
		{
			name:  "message-all-blank",
			edits: []edit{{incFile, msg, "    message: {en: \"\", nl: \"\"}\n"}},
			want: []string{
				incFile + `:21:5: update needs message: what customers are told`,
			},
		},
		{
			name:  "message-deceptive-character-in-one-language",
			edits: []edit{{incFile, msg, "    message: {en: AssetExplorer is available again., nl: \"weer \\u202Ebereikbaar\"}\n"}},
			want: []string{
				incFile + ":23:64: this value holds the invisible bidirectional control character U+202E, written as an escape; remove it",
			},
		},
		{
			name:  "maintenance-title-without-default",
			edits: []edit{{mntFile, "title: Database upgrade\n", "title: {nl: Database-upgrade}\n"}},
			want: []string{
				mntFile + `:2:1: title has no text in "en", the site's default language, which the other languages fall back to; add en: with the text`,
			},
		},
	})
}

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
				incFile + `:2:1: warning: title has no text in "en", the site's default language, which the other languages fall back to; add en: with the text`,
			},
		},
		{
			name:  "title-default-blank",
			edits: []edit{{incFile, title, "title: {en: \" \", nl: AssetExplorer is onbereikbaar}\n"}},
			want: []string{
				incFile + `:2:1: warning: title has no text in "en", the site's default language, which the other languages fall back to; add en: with the text`,
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
				incFile + `:24:5: warning: message has no text in "en", the site's default language, which the other languages fall back to; add en: with the text`,
			},
		},
		{
			name:  "message-all-blank",
			edits: []edit{{incFile, msg, "    message: {en: \"\", nl: \"\"}\n"}},
			want: []string{
				incFile + `:22:5: update needs message: what customers are told`,
			},
		},
		{
			name:  "message-deceptive-character-in-one-language",
			edits: []edit{{incFile, msg, "    message: {en: AssetExplorer is available again., nl: \"weer \\u202Ebereikbaar\"}\n"}},
			want: []string{
				incFile + ":24:64: this value holds the invisible bidirectional control character U+202E, written as an escape; remove it",
			},
		},
		{
			name:  "message-character-reference-in-one-language",
			edits: []edit{{incFile, msg, "    message: {en: AssetExplorer is available again., nl: weer &#x202E;bereikbaar}\n"}},
			want: []string{
				incFile + ":24:63: character reference &#x202E; is the invisible bidirectional control character U+202E; remove it",
			},
		},
		{
			name:  "maintenance-title-without-default",
			edits: []edit{{mntFile, "title: Database upgrade\n", "title: {nl: Database-upgrade}\n"}},
			want: []string{
				mntFile + `:2:1: warning: title has no text in "en", the site's default language, which the other languages fall back to; add en: with the text`,
			},
		},
	})
}

// TestSectionLanguages covers sections written in another language,
// "## Oorzaak [nl]", on the base site (languages en and nl; the incident's
// body has Impact on line 29 and Root cause on line 32, and ends on line
// 39).
func TestSectionLanguages(t *testing.T) {
	const (
		cause = "## Root cause\nThe database failover did not complete.\n"
		end   = "Test the failover monthly.\n"
	)
	add := func(text string) []edit { return []edit{{incFile, end, end + text}} }
	runSiteCases(t, []siteCase{
		{name: "translated-by-its-title-in-either-language", edits: add("\n## Oorzaak [nl]\nDe failover werkte niet.\n\n## Impact [nl]\nKlanten konden niet aanmelden.\n")},
		{name: "translation-left-empty", edits: add("\n## Impact [nl]\n<!-- later -->\n")},
		{
			name:  "tag-not-a-language",
			edits: add("\n## Impact [fr]\nLes clients ne pouvaient pas se connecter.\n"),
			want: []string{
				incFile + `:42:1: section "Impact [fr]" is tagged [fr], which is not one of the site's languages (en, nl); tag it with one of them, or add it to languages: in incidentsite.yaml`,
			},
		},
		{
			name:  "tag-typo",
			edits: add("\n## Impact [nll]\nKlanten konden niet aanmelden.\n"),
			want: []string{
				incFile + `:42:1: section "Impact [nll]" is tagged [nll], which is not one of the site's languages (en, nl); did you mean "nl"?`,
			},
		},
		{
			name:  "tag-default-language",
			edits: add("\n## Impact [en]\nCustomers could not sign in.\n"),
			want: []string{
				incFile + `:42:1: section "Impact [en]" is tagged [en], the site's default language, which a section without a tag is in; remove the tag`,
			},
		},
		{
			name:  "translation-twice",
			edits: add("\n## Impact [nl]\nEen.\n\n## Impact [nl]\nTwee.\n"),
			want: []string{
				incFile + `:45:1: section "Impact [nl]" appears twice; merge the two`,
			},
		},
		{
			name:  "translation-without-default",
			edits: []edit{{incFile, cause, "## Oorzaak [nl]\nDe failover werkte niet.\n"}},
			want: []string{
				incFile + `:33:1: warning: section "Oorzaak [nl]" has no section in en, the site's default language, which the other languages fall back to; add "## Root cause" with the text in en`,
			},
		},
		{
			name:  "translation-of-an-empty-section",
			edits: []edit{{incFile, cause, "## Root cause\n<!-- later -->\n\n## Oorzaak [nl]\nDe failover werkte niet.\n"}},
			want: []string{
				incFile + `:36:1: warning: section "Oorzaak [nl]" has text, but its section in en, the site's default language, which the other languages fall back to, is empty; write the text in en under "## Root cause"`,
			},
		},
		{
			name:  "internal-heading-hidden-in-translation",
			edits: add("\n## Impact [nl]\nKlanten konden niet aanmelden.\n> ## Interne notities\n"),
			want: []string{
				incFile + `:44:3: warning: "> ## Interne notities" looks like the heading of internal section "Interne notities", but it is part of external section "Impact [nl]" and is published with it; start the internal section with "## Interne notities" at the start of a line of its own`,
			},
		},
		{
			name:  "unknown-section-with-tag",
			edits: add("\n## Tijdlijn [nl]\nOm 09:05.\n"),
			want: []string{
				incFile + `:42:1: section "Tijdlijn [nl]" is not declared by templates/availability.yaml, built in; the sections are: "Impact", "Workaround", "Root cause", "Affected services and teams", "Immediate actions", "Internal notes", "Preventive measures"`,
			},
		},
	})
}

// TestLanguagesStrict: a text missing in the default language is still to
// be written, so validation.strict makes it an error.
func TestLanguagesStrict(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "strict-title-without-default",
			edits: []edit{strict, {incFile, "title: AssetExplorer is unavailable\n", "title: {nl: AssetExplorer is onbereikbaar}\n"}},
			want: []string{
				incFile + `:2:1: title has no text in "en", the site's default language, which the other languages fall back to; add en: with the text`,
			},
		},
		{
			name:  "strict-section-without-default",
			edits: []edit{strict, {incFile, "## Root cause\nThe database failover did not complete.\n", "## Oorzaak [nl]\nDe failover werkte niet.\n"}},
			want: []string{
				incFile + `:33:1: section "Oorzaak [nl]" has no section in en, the site's default language, which the other languages fall back to; add "## Root cause" with the text in en`,
			},
		},
	})
}

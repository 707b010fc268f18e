package validate_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadRecords covers what reading a record checks before validation:
// file names and places, size, encoding, front matter, YAML and Markdown
// limits. Each case still goes through the whole pipeline, so that it also
// shows what the rules make of what was read.
func TestLoadRecords(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			// The configuration is read first; with errors in it nothing
			// else is checked, as every other file depends on it.
			name:  "config-errors-stop-the-check",
			edits: []edit{{cfgFile, "title: Test Status\n", ""}, {incFile, "severity: major", "severity: huge"}},
			want: []string{
				"incidentsite.yaml:1:1: title is missing; add the name of the status page, as in title: Example Status",
			},
		},
		{
			name: "file-name-unsafe",
			files: `-- content/incidents/2025/AssetExplorer Down.md --
---
title: x
---
`,
			want: []string{
				"content/incidents/2025/AssetExplorer Down.md:1:1: file name \"AssetExplorer Down.md\" must be lowercase letters a-z, digits and hyphens (the id becomes part of web addresses); rename it, as in assetexplorer-down.md",
			},
		},
		{
			name: "folder-name-unsafe",
			files: `-- content/incidents/Year 2025/2025-03-01-x.md --
---
title: x
---
`,
			want: []string{
				"content/incidents/Year 2025/2025-03-01-x.md:1:1: folder name \"Year 2025\" must be lowercase letters a-z, digits and hyphens (the id becomes part of web addresses); rename it, as in year-2025",
			},
		},
		{
			name:  "id-too-long",
			files: "-- content/incidents/2025/" + strings.Repeat("a", 101) + ".md --\n---\ntitle: x\n---\n",
			want: []string{
				"content/incidents/2025/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.md:1:1: file name \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.md\" must be at most 100 characters of lowercase letters a-z, digits and hyphens (the id becomes part of web addresses); rename it, as in aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.md",
			},
		},
		{
			name:  "record-outside-the-kinds",
			files: "-- content/notes/2025-03-01-x.md --\n---\ntitle: x\n---\n",
			want: []string{
				"content/notes/2025-03-01-x.md:1:1: this looks like a record but is not read: content/notes/ is not a folder of records; move it into one of content/incidents/, content/rcas/, content/maintenance/, content/contacts/, content/exercises/",
			},
		},
		{
			name:  "record-in-a-misspelled-folder",
			files: "-- content/incident/2025/2025-03-01-x.md --\n---\ntitle: x\n---\n",
			want: []string{
				"content/incident/2025/2025-03-01-x.md:1:1: this looks like a record but is not read: content/incident/ is not a folder of records; did you mean content/incidents/? Move it to content/incidents/2025/2025-03-01-x.md",
			},
		},
		{
			name:  "record-directly-in-content",
			files: "-- content/2025-03-01-x.md --\n---\ntitle: x\n---\n",
			want: []string{
				"content/2025-03-01-x.md:1:1: this looks like a record but is not read: a record goes in the folder of its kind; move it into one of content/incidents/, content/rcas/, content/maintenance/, content/contacts/, content/exercises/",
			},
		},
		{
			name:  "record-ending-in-markdown",
			files: "-- content/incidents/2025/2025-03-01-x.markdown --\n---\ntitle: x\n---\n",
			want: []string{
				"content/incidents/2025/2025-03-01-x.markdown:1:1: this looks like a record but is not read: records end in .md; rename it to 2025-03-01-x.md",
			},
		},
		{
			name:  "record-ending-in-upper-case-md",
			files: "-- content/rcas/2025-03-01-x.MD --\nno front matter, still a Markdown file\n",
			want: []string{
				"content/rcas/2025-03-01-x.MD:1:1: this looks like a record but is not read: records end in .md; rename it to 2025-03-01-x.md",
			},
		},
		{
			name:  "record-ending-in-txt",
			files: "-- content/incidents/2025/2025-03-01-x.txt --\n\n---\ntitle: x\n---\n",
			want: []string{
				"content/incidents/2025/2025-03-01-x.txt:1:1: this looks like a record but is not read: records end in .md; rename it to 2025-03-01-x.md",
			},
		},
		{
			name:  "copy-of-a-record-beside-it",
			files: "-- content/incidents/2025/2025-02-18-assetexplorer-down.md.orig --\n---\ntitle: x\n---\n-- content/incidents/2025/2025-02-18-assetexplorer-down.md~ --\n---\ntitle: x\n---\n",
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md.orig:1:1: warning: ignored: a copy of 2025-02-18-assetexplorer-down.md, which is read; remove it when it is not needed",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md~:1:1: warning: ignored: a copy of 2025-02-18-assetexplorer-down.md, which is read; remove it when it is not needed",
			},
		},
		{
			name:  "copy-of-a-record-alone",
			files: "-- content/incidents/2025/2025-03-01-x.md.orig --\n---\ntitle: x\n---\n",
			want: []string{
				"content/incidents/2025/2025-03-01-x.md.orig:1:1: this looks like a record but is not read: records end in .md; rename it to 2025-03-01-x.md",
			},
		},
		{
			name:  "readme-is-documentation",
			files: "-- content/README.md --\nThe records.\n-- content/incidents/readme.md --\nOne file per incident.\n",
			want:  nil,
		},
		{
			name:  "not-markdown",
			files: "-- content/incidents/2025/2025-03-01-x.txt --\nx\n-- content/notes.txt --\nx\n",
			want: []string{
				"content/incidents/2025/2025-03-01-x.txt:1:1: warning: ignored: records are Markdown files ending in .md",
				"content/notes.txt:1:1: warning: ignored: records go in one of content/incidents/, content/rcas/, content/maintenance/, content/contacts/, content/exercises/",
			},
		},
		{
			name:  "hidden-files-are-skipped",
			files: "-- content/incidents/.gitkeep --\n-- content/incidents/2025/.draft.md --\nnot read\n",
			want:  nil,
		},
		{
			name: "symbolic-link",
			modify: func(fsys fstest.MapFS) {
				fsys["content/incidents/2025/2025-03-01-link.md"] = &fstest.MapFile{Data: []byte("../../../../etc/passwd"), Mode: fs.ModeSymlink}
			},
			want: []string{
				"content/incidents/2025/2025-03-01-link.md:1:1: is a symbolic link; site files must be real files in the repository, so replace the link with the file or folder it points to",
			},
		},
		{
			name:  "file-over-the-size-limit",
			edits: []edit{{cfgFile, "services:", "limits: {max_file_size: 2KiB}\nservices:"}},
			modify: func(fsys fstest.MapFS) {
				fsys["content/incidents/2025/2025-03-01-long.md"] = &fstest.MapFile{Data: []byte("---\ntitle: x\n---\n" + strings.Repeat("All work and no play.\n", 140))}
			},
			want: []string{
				"content/incidents/2025/2025-03-01-long.md:1:1: is 3.0 KiB, over the limit of 2 KiB; split it up, or raise limits.max_file_size in incidentsite.yaml",
			},
		},
		{
			name:  "file-at-the-size-limit",
			edits: []edit{{cfgFile, "services:", "limits: {max_file_size: 2KiB}\nservices:"}},
			modify: func(fsys fstest.MapFS) {
				fsys["content/incidents/2025/2025-06-30-website-slow.md"] = &fstest.MapFile{Data: []byte(pad(openIncident[strings.Index(openIncident, "---"):], 2048))}
			},
			want: nil,
		},
		{
			name:  "byte-order-mark",
			edits: []edit{{incFile, "---\ntitle: AssetExplorer", "\ufeff---\ntitle: AssetExplorer"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:1:1: the file starts with a byte order mark; save it as UTF-8 without BOM",
			},
		},
		{
			name:  "not-utf-8",
			edits: []edit{{incFile, "We are investigating", "We are investig\xe9ting"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:21:29: byte 0xE9 is not UTF-8; save the file as UTF-8",
			},
		},
		{
			name:  "control-character",
			edits: []edit{{incFile, "Test the failover monthly.", "Test the failover\x07 monthly."}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:40:18: control character U+0007 is not allowed; remove it",
			},
		},
		{
			name:  "bidirectional-override",
			edits: []edit{{incFile, "title: AssetExplorer is unavailable", "title: AssetExplorer is \u202eelbaliava"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:2:25: invisible bidirectional control character U+202E is not allowed; remove it",
			},
		},
		{
			// The same characters, written as YAML escapes and Markdown
			// character references, are refused by the same rule.
			name:  "bidirectional-override-as-yaml-escape",
			edits: []edit{{incFile, "title: AssetExplorer is unavailable", "title: \"AssetExplorer is \\u202Eelbaliava\""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:2:26: this value holds the invisible bidirectional control character U+202E, written as an escape; remove it",
			},
		},
		{
			name:  "bidirectional-override-as-character-reference",
			edits: []edit{{incFile, "Customers could not sign in", "Customers could &#x202E;not sign in"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:31:17: character reference &#x202E; is the invisible bidirectional control character U+202E; remove it",
			},
		},
		{
			name:  "control-character-as-reference-in-a-message",
			edits: []edit{{incFile, "message: AssetExplorer is available again.", "message: AssetExplorer is &#8238;available again."}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:24:31: character reference &#8238; is the invisible bidirectional control character U+202E; remove it",
			},
		},
		{
			name:  "tabs-and-crlf-are-fine",
			edits: []edit{{incFile, "Test the failover monthly.", "Test\tthe failover monthly.\r"}},
			want:  nil,
		},
		{
			name: "no-front-matter",
			files: `-- content/incidents/2025/2025-03-01-x.md --
# The website is down

It is.
`,
			want: []string{
				"content/incidents/2025/2025-03-01-x.md:1:1: the file does not start with front matter; begin it with a line \"---\", the YAML keys, and another \"---\"",
			},
		},
		{
			name: "toml-front-matter",
			files: `-- content/incidents/2025/2025-03-01-x.md --
+++
title = "The website is down"
+++
`,
			want: []string{
				"content/incidents/2025/2025-03-01-x.md:1:1: the file does not start with front matter; begin it with a line \"---\", the YAML keys, and another \"---\"",
			},
		},
		{
			name:  "front-matter-never-closed",
			edits: []edit{{incFile, "rca: 2025-02-18-assetexplorer-down\n---\n", "rca: 2025-02-18-assetexplorer-down\n\n"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:1:1: the front matter opened here is never closed; add a line \"---\" after its last key",
			},
		},
		{
			name: "front-matter-empty",
			files: `-- content/incidents/2025/2025-03-01-x.md --
---
---
`,
			want: []string{
				"content/incidents/2025/2025-03-01-x.md:2:1: category is missing; add category: one of availability, privacy, security",
				"content/incidents/2025/2025-03-01-x.md:2:1: detected is missing; add when the team became aware of the incident, as in detected: 2025-02-18T09:05:00+01:00",
				"content/incidents/2025/2025-03-01-x.md:2:1: title is missing; add title: with one line customers understand, as in title: AssetExplorer is unavailable",
			},
		},
		{
			name:  "blank-lines-before-front-matter",
			edits: []edit{{incFile, "---\ntitle: AssetExplorer", "\n\n---\ntitle: AssetExplorer"}, {incFile, "severity: major", "severity: huge"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:6:11: severity \"huge\" is not one of minor, major, critical (templates/availability.yaml, built in)",
			},
		},
		{
			name:  "yaml-syntax-error",
			edits: []edit{{incFile, "title: AssetExplorer is unavailable", "title: AssetExplorer: unavailable"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:2:1: YAML syntax error: mapping values are not allowed in this context; quote the value if it contains \": \", or check the indentation",
			},
		},
		{
			name:  "yaml-unclosed-bracket",
			edits: []edit{{incFile, "teams: [ops]", "teams: [ops"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:13:1: YAML syntax error: did not find expected ',' or ']'; a list in [brackets] is not closed, or an item needs quotes",
			},
		},
		{
			name:  "yaml-anchor-and-alias",
			edits: []edit{{incFile, "teams: [ops]", "teams: &who [ops]"}, {incFile, "owner: ops", "owner: *who"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:13:8: YAML anchor &who is not allowed; write the value out in full",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:26:56: YAML alias *who is not allowed; write the value out in full",
			},
		},
		{
			name:  "yaml-alias-bomb",
			edits: []edit{{incFile, "teams: [ops]", "teams: &a [ops, ops]\nx1: &b [*a, *a]\nx2: [*b, *b]"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:13:8: YAML anchor &a is not allowed; write the value out in full",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:5: YAML anchor &b is not allowed; write the value out in full",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:9: YAML alias *a is not allowed; write the value out in full",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:13: YAML alias *a is not allowed; write the value out in full",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:15:6: YAML alias *b is not allowed; write the value out in full",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:15:10: YAML alias *b is not allowed; write the value out in full",
			},
		},
		{
			name:  "yaml-tag",
			edits: []edit{{incFile, "severity: major", "severity: !!str major"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:4:11: YAML tag !!str is not allowed; remove it (quote the value to make it text)",
			},
		},
		{
			name:  "yaml-custom-tag",
			edits: []edit{{incFile, "severity: major", "severity: !severity major"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:4:11: YAML tag !severity is not allowed; remove it (quote the value to make it text)",
			},
		},
		{
			name:  "yaml-merge-key",
			edits: []edit{{incFile, "  - {title: Test the database failover monthly, owner: ops, due: 2025-03-31, done: false}", "  - <<: {owner: ops}\n    title: Test the database failover monthly"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:26:5: YAML merge key << is not allowed; write the keys out in full",
			},
		},
		{
			name:  "yaml-duplicate-key",
			edits: []edit{{incFile, "severity: major", "severity: major\nseverity: minor"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:5:1: key \"severity\" is already set on line 4; remove one of them",
			},
		},
		{
			name:  "yaml-too-deep",
			edits: []edit{{incFile, "teams: [ops]", "teams: " + strings.Repeat("[", 12) + "ops" + strings.Repeat("]", 12)}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:13:19: nesting is deeper than 12 levels; a site file never needs that much",
			},
		},
		{
			name:  "yaml-depth-from-config",
			edits: []edit{{cfgFile, "services:", "limits: {max_yaml_depth: 4}\nservices:"}, {incFile, "teams: [ops]", "teams: [[[[ops]]]]"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:13:11: nesting is deeper than 4 levels; a site file never needs that much",
			},
		},
		{
			name:  "yaml-depth-from-config-deep-enough",
			edits: []edit{{cfgFile, "services:", "limits: {max_yaml_depth: 4}\nservices:"}},
			want:  nil,
		},
		{
			name:  "markdown-nested-too-deep",
			edits: []edit{{incFile, "Test the failover monthly.", strings.Repeat("> ", 17) + "Test the failover monthly."}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:40:1: lists or quotes are nested 22 deep here, more than 16; flatten them",
			},
		},
	})
}

// pad returns s with spaces added before its end so that it is n bytes
// long.
func pad(s string, n int) string {
	return s + strings.Repeat(" ", n-len(s)-1) + "\n"
}

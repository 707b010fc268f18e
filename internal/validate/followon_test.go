package validate_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

const incMarkdown = "content/incidents/2025/2025-02-18-assetexplorer-down.markdown"

// TestNoFollowOn checks that one mistake gives one message: a record
// whose file cannot be read still exists for the records that refer to
// it, and a contact list that cannot be read leaves who is a contact
// unknown, not wrong.
func TestNoFollowOn(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "broken-incident-keeps-its-rca",
			edits: []edit{{incFile, "severity: major\n", "severity: [major\n"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:4:1: YAML syntax error: did not find expected ',' or ']'; a list in [brackets] is not closed, or an item needs quotes",
			},
		},
		{
			name:  "broken-rca-keeps-its-incident",
			edits: []edit{{rcaFile, "status: final\n", "status: final\n  published: true\n"}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:5:3: YAML syntax error: mapping values are not allowed in this context; quote the value if it contains \": \", or check the indentation",
			},
		},
		{
			name: "incident-with-a-wrong-extension-keeps-its-rca",
			modify: func(fsys fstest.MapFS) {
				fsys[incMarkdown] = fsys[incFile]
				delete(fsys, incFile)
			},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.markdown:1:1: this looks like a record but is not read: records end in .md; rename it to 2025-02-18-assetexplorer-down.md",
			},
		},
		{
			name: "incident-in-a-misspelled-folder-keeps-its-rca",
			modify: func(fsys fstest.MapFS) {
				fsys["content/incident/2025/2025-02-18-assetexplorer-down.md"] = fsys[incFile]
				delete(fsys, incFile)
			},
			want: []string{
				"content/incident/2025/2025-02-18-assetexplorer-down.md:1:1: this looks like a record but is not read: content/incident/ is not a folder of records; did you mean content/incidents/? Move it to content/incidents/2025/2025-02-18-assetexplorer-down.md",
			},
		},
		{
			// A folder of records that cannot be read (here a link)
			// leaves its records unknown: nobody is an unknown contact,
			// no role is unheld, the RCA's incident is not missing.
			name: "linked-folders",
			modify: func(fsys fstest.MapFS) {
				for name := range fsys {
					if strings.HasPrefix(name, "content/contacts/") || strings.HasPrefix(name, "content/incidents/") {
						delete(fsys, name)
					}
				}
				fsys["content/contacts"] = &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte("../people")}
				fsys["content/incidents"] = &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte("/elsewhere")}
			},
			want: []string{
				"content/contacts:1:1: is a symbolic link; site files must be real files in the repository, so replace the link with the file or folder it points to",
				"content/incidents:1:1: is a symbolic link; site files must be real files in the repository, so replace the link with the file or folder it points to",
			},
		},
		{
			// Every record names an-janssens or ops; none of them is
			// called unknown, and no role is called unheld.
			name:  "broken-contact-list",
			edits: []edit{{intFile, "owner: an-janssens\n", "owner: an-janssens\n owner: x\n"}},
			want: []string{
				"content/contacts/internal.md:5:2: YAML syntax error: mapping values are not allowed in this context; quote the value if it contains \": \", or check the indentation",
			},
		},
		{
			name:  "contact-id-of-the-wrong-type",
			edits: []edit{{intFile, "  - id: an-janssens\n", "  - id: [an-janssens]\n"}},
			want: []string{
				"content/contacts/internal.md:7:9: id must be text, not a list",
			},
		},
		{
			name:  "broken-exercise",
			edits: []edit{{exerFile, "kind: tabletop\n", "kind: 'tabletop\n"}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:4:1: YAML syntax error: found unexpected end of stream; a quote or bracket is not closed",
			},
		},
	})
}

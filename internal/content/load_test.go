package content_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

func minimalConfig(t testing.TB) *config.Config {
	t.Helper()
	cfg, d := config.Parse([]byte(testutil.MinimalConfig))
	if d.HasErrors() {
		t.Fatalf("MinimalConfig: %v", d)
	}
	return cfg
}

// lines returns the diagnostics as sorted text, one per line.
func lines(d diag.List) []string {
	d.Sort()
	var out []string
	for _, x := range d {
		out = append(out, x.String())
	}
	return out
}

const site = `
-- incidentsite.yaml --
title: Test
-- content/incidents/2025/2025-02-18-assetexplorer-down.md --
---
title: AssetExplorer is unavailable
category: availability
severity: major
services:
  assetexplorer: major_outage
  website: degraded_performance
detected: 2025-02-18T09:05:00+01:00
acknowledged: 2025-02-18 09:12
expected_downtime: 30m
updates:
  - at: 2025-02-18T09:12:00+01:00
    status: investigating
    message: We are investigating.
actions:
  - {title: Test failover, owner: platform, due: 2025-03-31, done: false}
---

## Impact
Customers could not sign in.
-- content/incidents/2024/2024-12-01-older.md --
---
title: Older
---
-- content/incidents/top-level.md --
---
title: Not in a year folder
---
-- content/rcas/2025-02-18-assetexplorer-down.md --
---
title: RCA
incident: 2025-02-18-assetexplorer-down
status: draft
published: false
date: 2025-02-25
---
## Root cause
A disk.
-- content/maintenance/2025-03-01-database-upgrade.md --
---
title: Database upgrade
services: [assetexplorer]
scheduled_for: 2025-03-01T22:00:00+01:00
scheduled_until: 2025-03-02T01:00:00+01:00
status: scheduled
---
-- content/contacts/internal.md --
---
title: Internal contacts
reviewed: 2025-01-15
contacts:
  - {id: an-janssens, name: An Janssens, roles: [head-of-it]}
---
-- content/exercises/2025-06-12-ransomware-tabletop.md --
---
title: Ransomware tabletop
date: 2025-06-12
kind: tabletop
---
-- content/README.md --
Not a record.
-- content/notes/idea.md --
---
title: a folder that is no kind
---
-- content/incidents/2025/photo.png --
PNG
-- content/incidents/.draft.md --
hidden
`

func TestLoad(t *testing.T) {
	cfg := minimalConfig(t)
	set, d := content.Load(testutil.SiteFS(site), cfg)
	want := []string{
		"content/incidents/2025/photo.png:1:1: warning: ignored: records are Markdown files ending in .md",
		"content/notes/idea.md:1:1: this looks like a record but is not read: content/notes/ is not a folder of records; move it into one of content/incidents/, content/rcas/, content/maintenance/, content/contacts/, content/exercises/",
	}
	if diff := cmp.Diff(want, lines(d)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}

	var ids []string
	for _, in := range set.Incidents {
		ids = append(ids, in.ID)
	}
	if got := strings.Join(ids, " "); got != "2024-12-01-older 2025-02-18-assetexplorer-down top-level" {
		t.Errorf("incidents sorted by id: %s", got)
	}
	if len(set.RCAs) != 1 || len(set.Maintenance) != 1 || len(set.Contacts) != 1 || len(set.Exercises) != 1 {
		t.Fatalf("kinds by folder: %d RCAs, %d maintenance, %d contacts, %d exercises", len(set.RCAs), len(set.Maintenance), len(set.Contacts), len(set.Exercises))
	}

	in := set.Incidents[1]
	if in.File != "content/incidents/2025/2025-02-18-assetexplorer-down.md" || in.Title[""] != "AssetExplorer is unavailable" || in.Severity != "major" {
		t.Errorf("incident = %+v", in)
	}
	if got := in.Acknowledged; !got.Equal(time.Date(2025, 2, 18, 8, 12, 0, 0, time.UTC)) {
		t.Errorf("a time without offset is in the site's time zone: %v", got)
	}
	if in.ExpectedDowntime.Duration != 30*time.Minute || len(in.Services) != 2 || in.Services[0].Key != "assetexplorer" {
		t.Errorf("incident values: %+v", in)
	}
	if got := in.Pos.Value("updates.0.status"); got != (diag.Position{File: in.File, Line: 13, Col: 13}) {
		t.Errorf("positions count from the top of the file: %s", got)
	}
	if in.BodyLine != 18 || len(in.Body.Sections) != 1 || in.Body.Sections[0].Heading != "Impact" || in.Body.Sections[0].Line != 19 {
		t.Errorf("body: line %d, %+v", in.BodyLine, in.Body)
	}
	if r := set.RCAs[0]; r.ID != "2025-02-18-assetexplorer-down" || r.Date.String() != "2025-02-25" || len(r.Body.Sections) != 1 {
		t.Errorf("RCA = %+v", r)
	}
	if m := set.Maintenance[0]; m.Status != "scheduled" || len(m.Services) != 1 {
		t.Errorf("maintenance = %+v", m)
	}
	if c := set.Contacts[0]; c.ID != "internal" || len(c.Contacts) != 1 || c.Contacts[0].Roles[0] != "head-of-it" {
		t.Errorf("contacts = %+v", c)
	}
	if e := set.Exercises[0]; e.Kind != "tabletop" || e.Date.String() != "2025-06-12" {
		t.Errorf("exercise = %+v", e)
	}
}

func TestLoadProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files string
		want  []string
		ids   string // incidents loaded
	}{
		{
			name: "duplicate ids across year folders",
			files: `
-- content/incidents/2024/same.md --
---
title: a
---
-- content/incidents/2025/same.md --
---
title: b
---
-- content/rcas/same.md --
---
title: an RCA may share an incident's id
---
`,
			want: []string{`content/incidents/2025/same.md:1:1: incident id "same" is also used by content/incidents/2024/same.md; ids must be unique, so rename one of the files`},
			ids:  "same",
		},
		{
			name: "an incident and a maintenance window share an id",
			files: `
-- content/incidents/2025/db-upgrade.md --
---
title: a
---
-- content/maintenance/db-upgrade.md --
---
title: b
---
`,
			want: []string{`content/maintenance/db-upgrade.md:1:1: maintenance window id "db-upgrade" is also used by content/incidents/2025/db-upgrade.md (incidents and maintenance windows share ids, as on Statuspage: both have a page at incidents/ID/ and an id in the API); ids must be unique, so rename one of the files`},
			ids:  "db-upgrade",
		},
		{
			name: "unsafe names",
			files: `
-- content/incidents/2025/Bad Name.md --
---
---
-- content/incidents/2025/ünïcode.md --
---
---
-- content/incidents/Year 2025/ok.md --
---
---
-- content/incidents/2025/-dash.md --
---
---
-- content/incidents/2025/x.y.md --
---
---
-- content/incidents/2025/good.md --
---
---
`,
			want: []string{
				`content/incidents/2025/-dash.md:1:1: file name "-dash.md" must be lowercase letters a-z, digits and hyphens (the id becomes part of web addresses); rename it, as in dash.md`,
				`content/incidents/2025/Bad Name.md:1:1: file name "Bad Name.md" must be lowercase letters a-z, digits and hyphens (the id becomes part of web addresses); rename it, as in bad-name.md`,
				`content/incidents/2025/x.y.md:1:1: file name "x.y.md" must be lowercase letters a-z, digits and hyphens (the id becomes part of web addresses); rename it, as in x-y.md`,
				`content/incidents/2025/ünïcode.md:1:1: file name "ünïcode.md" must be lowercase letters a-z, digits and hyphens (the id becomes part of web addresses); rename it, as in unicode.md`,
				`content/incidents/Year 2025/ok.md:1:1: folder name "Year 2025" must be lowercase letters a-z, digits and hyphens (the id becomes part of web addresses); rename it, as in year-2025`,
			},
			ids: "good",
		},
		{
			name: "unreadable records are reported and skipped",
			files: `
-- content/incidents/no-front-matter.md --
# Just Markdown
-- content/incidents/unterminated.md --
---
title: x
visibility: internal
-- content/incidents/bad-yaml.md --
---
title: [x
---
-- content/incidents/binary.md --
` + "\x00\x01" + `
-- content/incidents/typo.md --
---
titel: x
---
`,
			want: []string{
				"content/incidents/bad-yaml.md:2:1: YAML syntax error: did not find expected ',' or ']'; a list in [brackets] is not closed, or an item needs quotes",
				"content/incidents/binary.md:1:1: control character U+0000 is not allowed; remove it",
				"content/incidents/binary.md:1:2: control character U+0001 is not allowed; remove it",
				`content/incidents/no-front-matter.md:1:1: the file does not start with front matter; begin it with a line "---", the YAML keys, and another "---"`,
				`content/incidents/typo.md:2:1: unknown key "titel"; did you mean "title"?`,
				`content/incidents/unterminated.md:1:1: the front matter opened here is never closed; add a line "---" after its last key`,
			},
			// A record with problems in its values is still loaded, so that
			// later checks can run; one whose front matter cannot be read
			// is not.
			ids: "typo",
		},
		{
			name: "oversize files",
			files: `
-- content/incidents/big.md --
` + "---\ntitle: " + strings.Repeat("x", 2<<20) + "\n---\n",
			want: []string{"content/incidents/big.md:1:1: is 2.0 MiB, over the limit of 1 MiB; split it up, or raise limits.max_file_size in incidentsite.yaml"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, d := content.Load(testutil.SiteFS(tc.files), minimalConfig(t))
			if diff := cmp.Diff(tc.want, lines(d)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			var ids []string
			for _, in := range set.Incidents {
				ids = append(ids, in.ID)
			}
			if got := strings.Join(ids, " "); got != tc.ids {
				t.Errorf("incidents = %q, want %q", got, tc.ids)
			}
		})
	}
}

func TestLoadSymlink(t *testing.T) {
	fsys := testutil.SiteFS("-- content/incidents/ok.md --\n---\ntitle: x\n---\n")
	fsys["content/incidents/link.md"] = &fstest.MapFile{Data: []byte("../../secret.md"), Mode: fs.ModeSymlink}
	set, d := content.Load(fsys, minimalConfig(t))
	want := []string{"content/incidents/link.md:1:1: is a symbolic link; site files must be real files in the repository, so replace the link with the file or folder it points to"}
	if diff := cmp.Diff(want, lines(d)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(set.Incidents) != 1 {
		t.Errorf("incidents: %d", len(set.Incidents))
	}
}

func TestLoadEmpty(t *testing.T) {
	set, d := content.Load(testutil.SiteFS("-- incidentsite.yaml --\n"), minimalConfig(t))
	if len(d) != 0 || set == nil || len(set.Incidents) != 0 {
		t.Errorf("a site without content/: %v, %+v", d, set)
	}
}

func TestParseKinds(t *testing.T) {
	cfg := minimalConfig(t)
	data := []byte("---\ntitle: x\n---\n")
	for _, k := range vocab.Kinds {
		rec, d := content.Parse(k, "content/"+k.Dir()+"/x.md", data, cfg)
		if len(d) > 0 || rec == nil {
			t.Errorf("%s: %v", k, d)
			continue
		}
		var ok bool
		switch k {
		case vocab.KindIncident:
			_, ok = rec.(*content.Incident)
		case vocab.KindRCA:
			_, ok = rec.(*content.RCA)
		case vocab.KindMaintenance:
			_, ok = rec.(*content.Maintenance)
		case vocab.KindContacts:
			_, ok = rec.(*content.ContactList)
		case vocab.KindExercise:
			_, ok = rec.(*content.Exercise)
		}
		if !ok {
			t.Errorf("%s: got %T", k, rec)
		}
		if got := content.Folder(k); got != "content/"+k.Dir() {
			t.Errorf("%s: Folder %q", k, got)
		}
	}
	// A kind that is none of vocab.Kinds is an error, not an exercise.
	if rec, d := content.Parse("exercises", "content/exercises/x.md", data, cfg); rec != nil || len(d) != 1 || d[0].Rule != "internal-error" {
		t.Errorf("unknown kind: %T, %v", rec, d)
	}
	// Keys of one kind are unknown in another.
	_, d := content.Parse(vocab.KindRCA, "content/rcas/x.md", []byte("---\nseverity: major\n---\n"), cfg)
	if len(d) != 1 || d[0].Rule != "unknown-key" {
		t.Errorf("severity in an RCA: %v", d)
	}
}

func TestParseMarkdownLimits(t *testing.T) {
	data := []byte("---\ntitle: x\n---\n## Impact\n" + strings.Repeat(">", 40) + " deep\n")
	rec, d := content.Parse(vocab.KindIncident, "content/incidents/x.md", data, minimalConfig(t))
	if rec == nil || len(d) != 1 || d[0].Rule != "markdown-limit" || d[0].Pos.Line != 5 {
		t.Fatalf("got %v", d)
	}
	if in := rec.(*content.Incident); len(in.Body.Sections) != 0 {
		t.Errorf("a body over the limits is not split: %+v", in.Body)
	}
}

func TestHas(t *testing.T) {
	data := []byte("---\ntitle: x\ncoordinator:\nupdates:\n  - at: 2025-02-18T09:05:00Z\n---\n")
	rec, d := content.Parse(vocab.KindIncident, "content/incidents/x.md", data, minimalConfig(t))
	if len(d) > 0 {
		t.Fatal(d)
	}
	in := rec.(*content.Incident)
	for path, want := range map[string]bool{"title": true, "coordinator": false, "severity": false, "updates.0.at": true, "updates.0.status": false} {
		if got := in.Has(path); got != want {
			t.Errorf("Has(%q) = %v, want %v", path, got, want)
		}
	}
}

package project

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/frontmatter"
	"github.com/incidentsite/incidentsite/internal/history"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// TestParseVersion checks that reading only the keys the history checks
// need gives what reading the whole front matter gives, and that the
// shortcut is taken only where each line plainly belongs to a key.
func TestParseVersion(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &config.Config{Location: brussels, Limits: config.DefaultLimits}
	at := func(h, m int) time.Time { return time.Date(2025, 2, 18, h, m, 0, 0, brussels) }
	tests := []struct {
		name     string
		data     string
		short    bool // read through neededKeys
		updates  []history.Update
		public   bool
		unusable bool
	}{{
		name:    "as written by new incident",
		data:    "---\ntitle: Down\ncategory: availability\nvisibility: public\nservices:\n  website: major_outage\n# a comment\nupdates:\n  - at: 2025-02-18T09:10:00+01:00\n    status: investigating\n    message: We investigate.\n\n  - at: 2025-02-18T09:40\n    message: |\n      Back.\n      Really.\nactions:\n  - {title: x, owner: an}\n---\n\n## Impact\nx\n",
		short:   true,
		updates: []history.Update{{At: at(9, 10), Message: "We investigate."}, {At: at(9, 40), Message: "Back.\nReally.\n"}},
		public:  true,
	}, {
		name:    "sequence items at the key's column, flow mappings, text per language",
		data:    "---\nvisibility: internal\nupdates:\n- {at: 2025-02-18T09:10:00+01:00, message: {en: Down., nl: Storing.}}\n- at: 2025-02-18T09:20:00+01:00\n  message: \"Quoted: yes\"\n---\n",
		short:   true,
		updates: []history.Update{{At: at(9, 10), Message: "\x00{\"en\":\"Down.\",\"nl\":\"Storing.\"}"}, {At: at(9, 20), Message: "Quoted: yes"}},
	}, {
		name:    "a quoted key: the whole front matter is read",
		data:    "---\n\"visibility\": public\nupdates: [{at: 2025-02-18T09:10:00+01:00, message: a}]\n---\n",
		updates: []history.Update{{At: at(9, 10), Message: "a"}},
		public:  true,
	}, {
		// YAML refuses it too.
		name:     "a line that is no key at the start of a line: the whole front matter is read",
		data:     "---\ntitle: a long\ntitle\nupdates: [{at: 2025-02-18T09:10:00+01:00, message: a}]\n---\n",
		unusable: true,
	}, {
		name:     "no front matter",
		data:     "updates: []\n",
		unusable: true,
	}, {
		name:     "broken YAML in the updates",
		data:     "---\nupdates: [\n---\n",
		short:    true,
		unusable: true,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if short := neededKeys([]byte(tt.data)) != nil; short != tt.short {
				t.Errorf("read through neededKeys: %v, want %v", short, tt.short)
			}
			updates, public, ok := parseVersion("x.md", []byte(tt.data), cfg, nil, vocab.KindIncident)
			if ok == tt.unusable {
				t.Fatalf("ok = %v", ok)
			}
			if diff := cmp.Diff(tt.updates, updates); diff != "" {
				t.Errorf("updates (-want +got):\n%s", diff)
			}
			if public != tt.public {
				t.Errorf("public = %v, want %v", public, tt.public)
			}
		})
	}
}

// FuzzParseVersion checks the shortcut of parseVersion on any file:
// where it reads only the needed keys and reading the whole front
// matter succeeds too, both give the same updates and visibility.
func FuzzParseVersion(f *testing.F) {
	f.Add("---\ntitle: Down\nvisibility: public\nupdates:\n  - at: 2025-02-18T09:10:00+01:00\n    message: a\n---\n")
	f.Add("---\nupdates:\n- {at: 2025-02-18T09:10:00+01:00, message: {en: a, nl: b}}\n---\nbody\n")
	f.Add("\n---\ncategory: x # c\nupdates: [{at: 2025-02-18T09:10, message: \"a: b\"}]\nservices:\n  web: down\n--- \n")
	cfg := &config.Config{Location: time.UTC, Limits: config.DefaultLimits}
	f.Fuzz(func(t *testing.T, data string) {
		if neededKeys([]byte(data)) == nil {
			return
		}
		updates, public, ok := parseVersion("x.md", []byte(data), cfg, nil, vocab.KindMaintenance)
		doc, diags := frontmatter.Split("x.md", []byte(data), cfg.Limits.MaxDepth)
		if diags.HasErrors() || doc == nil || doc.Node == nil || doc.Node.Kind != yaml.MappingNode {
			return
		}
		if !ok {
			t.Fatalf("the needed keys cannot be read, the whole front matter can")
		}
		wantUpdates, wantPublic := versionOf(doc.Node.Content, cfg, nil, vocab.KindMaintenance)
		if diff := cmp.Diff(wantUpdates, updates); diff != "" || public != wantPublic {
			t.Errorf("public %v, want %v; updates (-whole +needed keys):\n%s", public, wantPublic, diff)
		}
	})
}

package scaffold

import (
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"gopkg.in/yaml.v3"
)

// TestScalar checks that every text reads back the same, on one line, so
// that it fits under any key at any indentation.
func TestScalar(t *testing.T) {
	for _, s := range []string{
		"plain", "AssetExplorer: sign-in fails!", "x # not a comment", "yes", "- a", "", "1.5",
		"two\nlines", "tab\there", "'quoted'", `"double"`, "é€", strings.Repeat("long words ", 30),
	} {
		out := Scalar(s)
		if strings.Contains(out, "\n") {
			t.Errorf("Scalar(%q) = %q spans lines", s, out)
		}
		var back map[string]map[string]string
		if err := yaml.Unmarshal([]byte("v:\n  k: "+out+"\n"), &back); err != nil || back["v"]["k"] != s {
			t.Errorf("Scalar(%q) = %s reads back as %q (%v)", s, out, back["v"]["k"], err)
		}
	}
}

func TestRecordPlaceholders(t *testing.T) {
	tmpl := &catalog.Template{Fields: map[string]catalog.FieldRule{
		"coordinator": {RequiredFrom: "acknowledged"},
		"services":    {RequiredFrom: "detected"},
	}}
	at := time.Date(2025, 2, 18, 9, 5, 0, 0, time.FixedZone("", 3600))
	for _, tc := range []struct {
		name   string
		fields []field
		want   string
	}{
		{"required later", []field{{Key: "coordinator"}},
			"# coordinator: the contact id of who leads the response (required from acknowledged)\n"},
		{"given", []field{{Key: "coordinator", Value: "an"}}, "coordinator: an\n"},
		{"always shown", []field{{Key: "expected_downtime", Value: ""}},
			"# expected_downtime: how long the impact should last, as 45m, 2h or 1d (optional)\n"},
		{"optional, not shown", []field{{Key: "regulation", Value: []string(nil)}}, ""},
		{"no placeholder", []field{{Key: "teams"}}, ""},
		{"update with message", []field{{Key: "updates", Value: update{At: at, Status: "investigating", Message: "Looking: now."}}},
			"updates:\n  - at: 2025-02-18T09:05:00+01:00\n    status: investigating\n    message: 'Looking: now.'\n"},
		// Uncommented as it is, the update has no message: validation
		// asks for one instead of publishing a placeholder.
		{"update without message", []field{{Key: "updates", Value: update{At: at, Status: "investigating"}}},
			"# The first update customers read: uncomment these lines, write the\n" +
				"# message (what customers notice, what we do about it), and add an\n" +
				"# update, oldest first, at every change.\n" +
				"# updates:\n#   - at: 2025-02-18T09:05:00+01:00\n#     status: investigating\n#     message:\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(recordText(tc.fields, tmpl, "en"))
			if want := "---\n" + tc.want + "---\n"; got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

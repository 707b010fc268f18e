package validate_test

import "testing"

// TestCommentedField: a required key that is in the file as a comment
// (as "incidentsite new" writes it) is to be uncommented, not added.
func TestCommentedField(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "commented",
			edits: []edit{{incFile, "coordinator: an-janssens\n", "# coordinator: the contact id of who leads the response\n"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:1: warning: coordinator is required once the incident is acknowledged (templates/availability.yaml, built in); uncomment the line coordinator: in the front matter and give it its value",
			},
		},
		{
			name:  "absent",
			edits: []edit{{incFile, "coordinator: an-janssens\n", "# the coordinator is on holiday\n"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:1: warning: coordinator is required once the incident is acknowledged (templates/availability.yaml, built in); add coordinator: to the front matter",
			},
		},
	})
}

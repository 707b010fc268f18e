package validate_test

import "testing"

// The updates of the base incident (see incident_test.go) start at line
// 17; the first update's status is on line 19, the resolving one's on 22.
func TestUpdateServices(t *testing.T) {
	const first = "    status: investigating\n"
	const resolving = "    status: resolved\n"
	runSiteCases(t, []siteCase{
		{
			name:  "impact-changed",
			edits: []edit{{incFile, first, first + "    services: {assetexplorer: degraded_performance}\n"}},
			want:  nil,
		},
		{
			name:  "recovered",
			edits: []edit{{incFile, first, first + "    services:\n      assetexplorer: operational\n"}},
			want:  nil,
		},
		{
			name:  "service-joins-the-incident",
			edits: []edit{{incFile, first, first + "    services: {website: partial_outage}\n"}},
			want:  nil,
		},
		{
			name:  "unknown-service",
			edits: []edit{{incFile, first, first + "    services:\n      assetexplorr: operational\n"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:22:7: service \"assetexplorr\" is not declared in incidentsite.yaml; did you mean \"assetexplorer\"?",
			},
		},
		{
			name:  "unknown-impact",
			edits: []edit{{incFile, first, first + "    services:\n      assetexplorer: degraded\n"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:22:22: impact \"degraded\" is not one of degraded_performance, partial_outage, major_outage, under_maintenance, operational",
			},
		},
		{
			name:  "impact-missing",
			edits: []edit{{incFile, first, first + "    services:\n      assetexplorer:\n"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:22:7: service \"assetexplorer\" needs its impact from this update on: one of degraded_performance, partial_outage, major_outage, under_maintenance, operational",
			},
		},
		{
			name:  "services-in-resolving-update",
			edits: []edit{{incFile, resolving, resolving + "    services: {assetexplorer: operational}\n"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:24:5: warning: a resolving update sets every service operational; remove services: from it",
			},
		},
		{
			name:  "services-in-maintenance-update",
			edits: []edit{{mntFile, "    status: scheduled\n", "    status: scheduled\n    services: {assetexplorer: under_maintenance}\n"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:12:5: a maintenance update takes no services: the window's services are under maintenance while it is in progress; list them in services: at the top",
			},
		},
	})
}

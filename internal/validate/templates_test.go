package validate_test

import "testing"

// outageTemplate is a site's own category.
const outageTemplate = `-- templates/outage.yaml --
name: outage
title: {en: Outage, nl: Storing}
severities: [minor, major]
visibility: public
sections:
  - {id: impact, title: {en: Impact, nl: Impact}, audience: external, required_from: acknowledged}
fields:
  coordinator: {required_from: detected}
communication:
  internal: {who: [operations-team], how: [chat], when: [acknowledged]}
`

// TestSiteTemplates covers what validation makes of a site's own
// templates: their fields must be keys of the records they describe, and
// records are checked against them instead of the built-in ones.
func TestSiteTemplates(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "new-category",
			files: outageTemplate,
			edits: []edit{{incFile, "category: availability", "category: outage"}, {incFile, "## Root cause\nThe database failover did not complete.\n\n## Immediate actions\n09:20 failed over by hand.\n\n## Preventive measures\nTest the failover monthly.\n", ""}},
			want:  nil,
		},
		{
			name:  "new-category-rules-apply",
			files: outageTemplate,
			edits: []edit{{incFile, "category: availability", "category: outage"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:32:1: section \"Root cause\" is not declared by templates/outage.yaml; the sections are: \"Impact\"",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:35:1: section \"Immediate actions\" is not declared by templates/outage.yaml; the sections are: \"Impact\"",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:38:1: section \"Preventive measures\" is not declared by templates/outage.yaml; the sections are: \"Impact\"",
			},
		},
		{
			name: "override-replaces-built-in",
			files: `-- templates/availability.yaml --
name: availability
title: {en: Availability incident}
severities: [low, high]
visibility: public
sections:
  - {id: impact, title: {en: Impact}, audience: external}
  - {id: root-cause, title: {en: Root cause}, audience: external}
  - {id: immediate-actions, title: {en: Immediate actions}, audience: internal}
  - {id: prevention, title: {en: Preventive measures}, audience: internal}
`,
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:4:11: severity \"major\" is not one of low, high (templates/availability.yaml)",
			},
		},
		{
			name: "field-not-a-key",
			files: `-- templates/outage.yaml --
name: outage
title: {en: Outage}
severities: [minor]
visibility: public
fields:
  sevrity: {required_from: detected}
  impact: {required_from: detected}
`,
			want: []string{
				"templates/outage.yaml:6:3: field \"sevrity\" is not a key of an incident; did you mean \"severity\"?",
				"templates/outage.yaml:7:3: field \"impact\" is not a key of an incident; the keys are acknowledged, actions, category, coordinator, detected, expected_downtime, notifications, rca, regulation, resolved, services, severity, teams, title, updates, visibility",
			},
		},
		{
			name: "field-of-another-kind",
			files: `-- templates/maintenance.yaml --
name: maintenance
title: {en: Scheduled maintenance}
sections:
  - {id: description, title: {en: What we will do}, audience: external}
  - {id: plan, title: {en: Plan and rollback}, audience: internal}
fields:
  expected_downtime: {required_from: scheduled}
  coordinator: {required_from: scheduled}
`,
			want: []string{
				"templates/maintenance.yaml:7:3: field \"expected_downtime\" is not a key of a maintenance; the keys are coordinator, scheduled_for, scheduled_until, services, status, title, updates, visibility",
			},
		},
	})
}

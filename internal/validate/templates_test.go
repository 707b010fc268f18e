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
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:33:1: section \"Root cause\" is not declared by templates/outage.yaml; the sections are: \"Impact\"",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:36:1: section \"Immediate actions\" is not declared by templates/outage.yaml; the sections are: \"Impact\"",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:39:1: section \"Preventive measures\" is not declared by templates/outage.yaml; the sections are: \"Impact\"",
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
				"templates/outage.yaml:7:3: field \"impact\" is not a key of an incident; the keys are acknowledged, actions, category, coordinator, decisions, detected, expected_downtime, notifications, rca, regulation, requests, resolved, services, severity, teams, title, updates, visibility",
			},
		},
		{
			// The regulations are loaded apart from the templates: a
			// template's regulation: is checked against them here, with
			// the site's own regulations among them.
			name: "regulation-unknown",
			files: `-- templates/outage.yaml --
name: outage
title: {en: Outage}
severities: [minor]
visibility: public
regulation: [nis2, nis-2, acme]
-- regulations/acme.yaml --
` + acmeRegulation,
			want: []string{
				"templates/outage.yaml:5:20: regulation \"nis-2\" is not one of acme, dora, gdpr, nis2; did you mean \"nis2\"?",
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

// acmeRegulation is a site's own regulation, regulations/acme.yaml.
const acmeRegulation = `name: acme
title: {en: Acme sector rules}
article: Acme Act, art. 5
question: {en: "Must the sector regulator be told?"}
criteria:
  - {id: customers, article: Acme Act art. 5(1), text: {en: Customers were affected.}}
stages:
  - id: report
    title: {en: Report to the regulator}
    article: Acme Act art. 5(2)
    kinds: [acme-report]
    to: [csirt]
    clocks: [{from: detected, within: 48h}]
    content:
      - {id: facts, article: Acme Act art. 5(3), text: {en: What happened.}}
`

package validate_test

import "testing"

// The base RCA file, with its line numbers:
//
//	 1 ---
//	 2 title: Database failover did not complete
//	 3 incident: 2025-02-18-assetexplorer-down
//	 4 status: final
//	 5 published: true
//	 6 author: an-janssens
//	 7 reviewers: [ops]
//	 8 date: 2025-02-25
//	 9 ---
//	10
//	11 ## Summary
//	12 AssetExplorer was down for 28 minutes.
//	13
//	14 ## Timeline
//	15 09:05 alert; 09:40 recovered.
//	16
//	17 ## Root cause
//	18 The replica's WAL replay timed out.
//	19
//	20 ## Corrective actions
//	21 Monthly failover tests.
//	22
//	23 ## Lessons learned
//	24 Alerts worked; the runbook did not.

func TestRCA(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "title-missing",
			edits: []edit{{rcaFile, "title: Database failover did not complete\n", ""}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:2:1: title is missing; add title:, as in title: Database failover did not complete",
			},
		},
		{
			name:  "incident-missing",
			edits: []edit{{rcaFile, "incident: 2025-02-18-assetexplorer-down\n", ""}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:2:1: incident is missing; add incident: the id of the incident this RCA analyses",
			},
		},
		{
			name:  "incident-unknown",
			edits: []edit{{rcaFile, "incident: 2025-02-18-assetexplorer-down", "incident: 2025-02-18-assetexplorer-dow"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:27:6: RCA \"2025-02-18-assetexplorer-down\" is about incident \"2025-02-18-assetexplorer-dow\", not this one; fix rca: here or incident: in content/rcas/2025-02-18-assetexplorer-down.md",
				"content/rcas/2025-02-18-assetexplorer-down.md:3:11: incident \"2025-02-18-assetexplorer-dow\" does not exist; did you mean \"2025-02-18-assetexplorer-down\"?",
			},
		},
		{
			name:  "incident-unknown-no-suggestion",
			edits: []edit{{rcaFile, "incident: 2025-02-18-assetexplorer-down", "incident: 2024-01-01-printer-fire"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:27:6: RCA \"2025-02-18-assetexplorer-down\" is about incident \"2024-01-01-printer-fire\", not this one; fix rca: here or incident: in content/rcas/2025-02-18-assetexplorer-down.md",
				"content/rcas/2025-02-18-assetexplorer-down.md:3:11: incident \"2024-01-01-printer-fire\" does not exist; an RCA must point to an incident in content/incidents/",
			},
		},
		{
			name: "second-rca-for-one-incident",
			files: `-- content/rcas/2025-02-18-second-look.md --
---
title: A second look
incident: 2025-02-18-assetexplorer-down
status: draft
author: an-janssens
---
`,
			want: []string{
				"content/rcas/2025-02-18-second-look.md:3:11: incident \"2025-02-18-assetexplorer-down\" already has an RCA, content/rcas/2025-02-18-assetexplorer-down.md; keep one RCA per incident",
			},
		},
		{
			name:  "status-missing",
			edits: []edit{{rcaFile, "status: final\n", ""}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:2:1: status is missing; add status: one of draft, review, final",
				"content/rcas/2025-02-18-assetexplorer-down.md:4:12: only a final RCA can be published; set status: final or published: false",
			},
		},
		{
			name:  "status-unknown",
			edits: []edit{{rcaFile, "status: final", "status: finished"}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:4:9: status \"finished\" is not one of draft, review, final",
				"content/rcas/2025-02-18-assetexplorer-down.md:5:12: only a final RCA can be published; set status: final or published: false",
			},
		},
		{
			name:  "published-before-final",
			edits: []edit{{rcaFile, "status: final", "status: review"}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:5:12: only a final RCA can be published; set status: final or published: false",
			},
		},
		{
			name:  "unpublished-review",
			edits: []edit{{rcaFile, "status: final\npublished: true", "status: review\npublished: false"}},
			want:  nil,
		},
		{
			name:  "author-unknown",
			edits: []edit{{rcaFile, "author: an-janssens", "author: anne"}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:6:9: author \"anne\" is not a contact in content/contacts/; add it to a contact list",
			},
		},
		{
			name:  "reviewer-unknown",
			edits: []edit{{rcaFile, "reviewers: [ops]", "reviewers: [ops, opps]"}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:7:18: reviewer \"opps\" is not a contact in content/contacts/; did you mean \"ops\"?",
			},
		},
		{
			name:  "author-required-from-draft",
			edits: []edit{{rcaFile, "author: an-janssens\n", ""}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:4:1: warning: author is required from the first draft (templates/rca.yaml, built in); add author: to the front matter",
			},
		},
		{
			name:  "reviewers-required-from-review",
			edits: []edit{{rcaFile, "reviewers: [ops]\n", ""}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:4:1: warning: reviewers is required once the RCA is in review (templates/rca.yaml, built in); add reviewers: to the front matter",
			},
		},
		{
			name:  "reviewers-not-required-in-draft",
			edits: []edit{{rcaFile, "reviewers: [ops]\n", ""}, {rcaFile, "status: final\npublished: true", "status: draft"}},
			want:  nil,
		},
		{
			name:  "section-required-once-final",
			edits: []edit{{rcaFile, "## Corrective actions\nMonthly failover tests.\n\n", ""}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:4:1: warning: section \"Corrective actions\" is required once the RCA is final (templates/rca.yaml, built in); add \"## Corrective actions\" to the body: What we changed or will change, and by when.",
			},
		},
		{
			name:  "section-not-required-in-review",
			edits: []edit{{rcaFile, "## Corrective actions\nMonthly failover tests.\n\n", ""}, {rcaFile, "status: final\npublished: true", "status: review"}},
			want:  nil,
		},
		{
			name:  "section-required-once-in-review",
			edits: []edit{{rcaFile, "## Summary\nAssetExplorer was down for 28 minutes.\n\n", ""}, {rcaFile, "status: final\npublished: true", "status: review"}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:4:1: warning: section \"Summary\" is required once the RCA is in review (templates/rca.yaml, built in); add \"## Summary\" to the body: What happened, how long, who was affected, in a few sentences.",
			},
		},
		{
			name: "draft-may-be-empty",
			edits: []edit{{rcaFile, "status: final\npublished: true", "status: draft"}, {rcaFile, `## Summary
AssetExplorer was down for 28 minutes.

## Timeline
09:05 alert; 09:40 recovered.

## Root cause
The replica's WAL replay timed out.

## Corrective actions
Monthly failover tests.

## Lessons learned
Alerts worked; the runbook did not.
`, ""}},
			want: nil,
		},
		{
			name:  "section-unknown",
			edits: []edit{{rcaFile, "## Timeline", "## Time line"}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:4:1: warning: section \"Timeline\" is required once the RCA is in review (templates/rca.yaml, built in); add \"## Timeline\" to the body: Detection, escalation, mitigation and recovery, with times.",
				"content/rcas/2025-02-18-assetexplorer-down.md:14:1: section \"Time line\" is not declared by templates/rca.yaml, built in; did you mean \"Timeline\"?",
			},
		},
		{
			name:  "unknown-key",
			edits: []edit{{rcaFile, "date: 2025-02-25", "data: 2025-02-25"}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:8:1: unknown key \"data\"; did you mean \"date\"?",
			},
		},
		{
			name:  "action-owner-unknown",
			edits: []edit{{rcaFile, "date: 2025-02-25", "date: 2025-02-25\nactions:\n  - {title: Monthly failover tests, owner: dba}"}},
			want: []string{
				"content/rcas/2025-02-18-assetexplorer-down.md:10:44: owner \"dba\" is neither a contact nor a role held by a contact; add it to a contact list",
			},
		},
	})
}

// The base maintenance file, with its line numbers:
//
//	 1 ---
//	 2 title: Database upgrade
//	 3 visibility: public
//	 4 services: [assetexplorer]
//	 5 scheduled_for: 2025-03-01T22:00:00+01:00
//	 6 scheduled_until: 2025-03-02T00:00:00+01:00
//	 7 status: completed
//	 8 coordinator: an-janssens
//	 9 updates:
//	10   - at: 2025-02-20T10:00:00+01:00
//	11     status: scheduled
//	12     message: We will upgrade the database on Saturday night.
//	13   - at: 2025-03-02T00:00:00+01:00
//	14     status: completed
//	15     message: The upgrade is done.
//	16 ---
//	17
//	18 ## What we will do
//	19 Upgrade PostgreSQL.
//	20
//	21 ## Plan and rollback
//	22 Restore the snapshot if the upgrade fails.

// upcoming is a maintenance window announced for after now.
const upcoming = `-- content/maintenance/2025-07-05-network-switch.md --
---
title: Network switch replacement
services: [website]
scheduled_for: 2025-07-05T06:00:00+02:00
scheduled_until: 2025-07-05T07:00:00+02:00
status: scheduled
coordinator: an-janssens
updates:
  - at: 2025-06-28T10:00:00+02:00
    status: scheduled
    message: The website will be down for an hour on Saturday morning.
---
`

func TestMaintenance(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "upcoming-needs-no-sections",
			files: upcoming,
			want:  nil,
		},
		{
			name:  "title-missing",
			edits: []edit{{mntFile, "title: Database upgrade\n", ""}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:2:1: title is missing; add title:, as in title: Database upgrade",
			},
		},
		{
			name:  "visibility-unknown",
			edits: []edit{{mntFile, "visibility: public", "visibility: everyone"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:3:13: visibility \"everyone\" is not one of public, internal",
			},
		},
		{
			name:  "services-missing",
			edits: []edit{{mntFile, "services: [assetexplorer]\n", ""}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:2:1: services is missing; list the services the maintenance affects, as in services: [assetexplorer]",
			},
		},
		{
			name:  "service-unknown",
			edits: []edit{{mntFile, "services: [assetexplorer]", "services: [assetexplorer, webiste]"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:4:27: service \"webiste\" is not declared in incidentsite.yaml; did you mean \"website\"?",
			},
		},
		{
			name:  "service-twice",
			edits: []edit{{mntFile, "services: [assetexplorer]", "services: [assetexplorer, assetexplorer]"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:4:27: service \"assetexplorer\" is listed twice",
			},
		},
		{
			name:  "services-written-as-mapping",
			edits: []edit{{mntFile, "services: [assetexplorer]", "services: {assetexplorer: under_maintenance}"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:4:11: services must be a list, not a mapping",
			},
		},
		{
			name:  "start-missing",
			edits: []edit{{mntFile, "scheduled_for: 2025-03-01T22:00:00+01:00\n", ""}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:2:1: scheduled_for is missing; add when the window starts, as in scheduled_for: 2025-03-01T22:00:00+01:00",
			},
		},
		{
			name:  "end-missing",
			edits: []edit{{mntFile, "scheduled_until: 2025-03-02T00:00:00+01:00\n", ""}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:2:1: scheduled_until is missing; add when the window ends",
			},
		},
		{
			name:  "end-empty",
			edits: []edit{{mntFile, "scheduled_until: 2025-03-02T00:00:00+01:00", "scheduled_until:"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:6:1: scheduled_until is missing; add when the window ends",
			},
		},
		{
			name:  "end-invalid",
			edits: []edit{{mntFile, "scheduled_until: 2025-03-02T00:00:00+01:00", "scheduled_until: 2025-02-29T00:00:00+01:00"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:6:18: scheduled_until: \"2025-02-29T00:00:00+01:00\" is not a valid date and time: day out of range",
			},
		},
		{
			name:  "ends-before-it-starts",
			edits: []edit{{mntFile, "scheduled_until: 2025-03-02T00:00:00+01:00", "scheduled_until: 2025-03-01T21:00:00+01:00"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:6:18: scheduled_until (2025-03-01 21:00 CET) is not after scheduled_for (2025-03-01 22:00 CET); the window must end after it starts",
			},
		},
		{
			name:  "ends-when-it-starts",
			edits: []edit{{mntFile, "scheduled_until: 2025-03-02T00:00:00+01:00", "scheduled_until: 2025-03-01T22:00:00+01:00"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:6:18: scheduled_until (2025-03-01 22:00 CET) is not after scheduled_for (2025-03-01 22:00 CET); the window must end after it starts",
			},
		},
		{
			name:  "status-missing",
			edits: []edit{{mntFile, "status: completed\ncoordinator", "coordinator"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:2:1: status is missing; add status: one of scheduled, in_progress, verifying, completed",
			},
		},
		{
			name:  "status-unknown",
			edits: []edit{{mntFile, "status: completed\ncoordinator", "status: done\ncoordinator"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:7:9: status \"done\" is not one of scheduled, in_progress, verifying, completed",
			},
		},
		{
			name:  "status-disagrees-with-last-update",
			edits: []edit{{mntFile, "status: completed\ncoordinator", "status: verifying\ncoordinator"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:7:9: status is \"verifying\" but the last update says \"completed\"; make them agree",
			},
		},
		{
			name:  "update-status-of-an-incident",
			edits: []edit{{mntFile, "    status: completed\n", "    status: resolved\n"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:14:13: status \"resolved\" is not one of scheduled, in_progress, verifying, completed",
			},
		},
		{
			name:  "updates-out-of-order",
			edits: []edit{{mntFile, "  - at: 2025-02-20T10:00:00+01:00", "  - at: 2025-03-02T10:00:00+01:00"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:13:9: update at 2025-03-02 00:00 CET is earlier than the update before it (2025-03-02 10:00 CET); keep updates in the order they were published, oldest first",
			},
		},
		{
			// The build starts and completes it by itself.
			name: "still-scheduled-after-window",
			edits: []edit{
				{mntFile, "status: completed\ncoordinator", "status: scheduled\ncoordinator"},
				{mntFile, "  - at: 2025-03-02T00:00:00+01:00\n    status: completed\n    message: The upgrade is done.\n", ""},
			},
			want: nil,
		},
		{
			// An update after the start put it off: nothing moves it on.
			name: "put-off-and-never-done",
			edits: []edit{
				{mntFile, "status: completed\ncoordinator", "status: scheduled\ncoordinator"},
				{mntFile, "  - at: 2025-03-02T00:00:00+01:00\n    status: completed\n    message: The upgrade is done.\n",
					"  - at: 2025-03-01T22:05:00+01:00\n    status: scheduled\n    message: We start an hour later.\n"},
			},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:7:9: warning: the window ended on 2025-03-02 00:00 CET but its last update, after the start, still says scheduled, so it does not complete by itself; add an update with status: completed, or move the window",
			},
		},
		{
			name:  "coordinator-unknown",
			edits: []edit{{mntFile, "coordinator: an-janssens", "coordinator: dba"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:8:14: coordinator \"dba\" is not a contact in content/contacts/; add it to a contact list",
			},
		},
		{
			name:  "coordinator-required-from-scheduled",
			edits: []edit{{mntFile, "coordinator: an-janssens\n", ""}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:7:1: warning: coordinator is required once the maintenance is scheduled (templates/maintenance.yaml, built in); add coordinator: to the front matter",
			},
		},
		{
			name:  "section-required-once-in-progress",
			edits: []edit{{mntFile, "## Plan and rollback\nRestore the snapshot if the upgrade fails.\n", ""}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:7:1: warning: section \"Plan and rollback\" is required once the maintenance is in progress (templates/maintenance.yaml, built in); add \"## Plan and rollback\" to the body: The steps, who does them, and how to roll back.",
			},
		},
		{
			name:  "section-unknown",
			edits: []edit{{mntFile, "## Plan and rollback", "## Rollback plan"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:7:1: warning: section \"Plan and rollback\" is required once the maintenance is in progress (templates/maintenance.yaml, built in); add \"## Plan and rollback\" to the body: The steps, who does them, and how to roll back.",
				"content/maintenance/2025-03-01-database-upgrade.md:21:1: section \"Rollback plan\" is not declared by templates/maintenance.yaml, built in; the sections are: \"What we will do\", \"Impact\", \"Plan and rollback\", \"Internal notes\"",
			},
		},
	})
}

// The base external contact list, with its line numbers (the internal one
// is testutil.MinimalContacts: an-janssens on lines 7-10, ops on 11-14):
//
//	 1 ---
//	 2 title: External contacts
//	 3 audience: external
//	 4 owner: an-janssens
//	 5 reviewed: 2025-01-15
//	 6 contacts:
//	 7   - id: ccb
//	 8     name: Centre for Cybersecurity Belgium
//	 9     roles: [csirt]
//	10     email: incident@ccb.belgium.be

func TestContacts(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "id-in-two-lists",
			edits: []edit{{intFile, `    phone: "+32 2 000 00 00"`, `    phone: "+32 2 000 00 00"` + "\n  - {id: ccb, name: CCB liaison, roles: [legal], email: liaison@example.org}"}},
			want: []string{
				"content/contacts/internal.md:15:10: contact id \"ccb\" is also used in content/contacts/external.md; ids must be unique across all lists",
			},
		},
		{
			name:  "id-twice-in-one-list",
			edits: []edit{{extFile, "    email: incident@ccb.belgium.be", "    email: incident@ccb.belgium.be\n  - {id: ccb, name: CCB again, roles: [csirt], phone: \"+32 2 501 05 60\"}"}},
			want: []string{
				"content/contacts/external.md:11:10: contact id \"ccb\" is already used earlier in this list; ids must be unique",
			},
		},
		{
			name:  "id-not-an-id",
			edits: []edit{{extFile, "  - id: ccb", "  - id: CCB"}, {incFile, "to: ccb", "to: CCB"}},
			want: []string{
				"content/contacts/external.md:7:9: contact id \"CCB\" must be lowercase letters a-z, digits and hyphens",
			},
		},
		{
			name:  "contact-incomplete",
			edits: []edit{{extFile, "    email: incident@ccb.belgium.be", "    email: incident@ccb.belgium.be\n  - {organisation: Police}"}},
			want: []string{
				"content/contacts/external.md:11:5: contact has no phone, email or chat; add at least one way to reach them",
				"content/contacts/external.md:11:5: contact needs id: a short name such as an-janssens",
				"content/contacts/external.md:11:5: contact needs name:",
				"content/contacts/external.md:11:5: contact needs roles: what they are reached for, such as [operations-team]",
			},
		},
		{
			name:  "internal-role-in-external-list",
			edits: []edit{{extFile, "roles: [csirt]", "roles: [csirt, legal]"}},
			want: []string{
				"content/contacts/external.md:9:20: role \"legal\" is an internal role, but this is an external contact list",
			},
		},
		{
			name:  "external-role-in-internal-list",
			edits: []edit{{intFile, "management, legal]", "management, legal, legal-adviser]"}},
			want: []string{
				"content/contacts/internal.md:9:80: role \"legal-adviser\" is an external role, but this is an internal contact list",
			},
		},
		{
			name:  "customer-role-in-internal-list",
			edits: []edit{{intFile, "management, legal]", "management, legal, organisation-admins]"}},
			want: []string{
				"content/contacts/internal.md:9:80: role \"organisation-admins\" is a customer role, but this is an internal contact list",
			},
		},
		{
			name: "customer-list",
			files: `-- content/contacts/customers.md --
---
title: Customers
audience: customer
owner: an-janssens
reviewed: 2025-01-10
contacts:
  - {id: customer-admins, name: Administrators' mailing list, roles: [organisation-admins], email: admins@example.org}
---
`,
			want: nil,
		},
		{
			name: "internal-role-in-customer-list",
			files: `-- content/contacts/customers.md --
---
title: Customers
audience: customer
owner: an-janssens
reviewed: 2025-01-10
contacts:
  - {id: customer-admins, name: Administrators' mailing list, roles: [organisation-admins, legal], email: admins@example.org}
---
`,
			want: []string{
				"content/contacts/customers.md:7:92: role \"legal\" is an internal role, but this is a customer contact list",
			},
		},
		{
			name:  "role-unknown",
			edits: []edit{{extFile, "roles: [csirt]", "roles: [cirt]"}},
			want: []string{
				"content/contacts/external.md:9:13: role \"cirt\" is unknown; did you mean \"csirt\"?",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:14: warning: no contact holds role \"csirt\", to which nis2 reports go (regulations/nis2.yaml, built in), so nobody would receive them; add it to a contact's roles in content/contacts/",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:10: warning: recipient \"ccb\" holds none of the roles the nis2 early-warning report goes to (csirt, regulations/nis2.yaml, built in), so it meets no deadline; give the contact the role in content/contacts/, or record the notification to one who holds it",
			},
		},
		{
			name:  "role-site-declared",
			edits: []edit{{cfgFile, "services:", "roles:\n  - {id: hosting-partner, name: Hosting partner, audience: external}\nservices:"}, {extFile, "roles: [csirt]", "roles: [csirt, hosting-partner]"}},
			want:  nil,
		},
		{
			name:  "no-way-to-reach",
			edits: []edit{{extFile, "    email: incident@ccb.belgium.be\n", ""}},
			want: []string{
				"content/contacts/external.md:7:5: contact \"ccb\" has no phone, email or chat; add at least one way to reach them",
			},
		},
		{
			name:  "chat-is-a-way-to-reach",
			edits: []edit{{extFile, "    email: incident@ccb.belgium.be", "    chat: \"#ccb-liaison\""}},
			want:  nil,
		},
		{
			name:  "email-invalid",
			edits: []edit{{extFile, "email: incident@ccb.belgium.be", "email: incident(at)ccb.belgium.be"}},
			want: []string{
				"content/contacts/external.md:10:12: email \"incident(at)ccb.belgium.be\" is not an e-mail address, as in name@example.org",
			},
		},
		{
			name:  "email-with-name",
			edits: []edit{{extFile, "email: incident@ccb.belgium.be", "email: CCB <incident@ccb.belgium.be>"}},
			want: []string{
				"content/contacts/external.md:10:12: email \"CCB <incident@ccb.belgium.be>\" is not an e-mail address, as in name@example.org",
			},
		},
		{
			name:  "phone-invalid",
			edits: []edit{{intFile, `phone: "+32 2 000 00 00"`, "phone: call the front desk"}},
			want: []string{
				"content/contacts/internal.md:14:12: phone \"call the front desk\" is not a phone number; write it in international form, as in +32 2 123 45 67",
			},
		},
		{
			name:  "phone-national",
			edits: []edit{{intFile, `phone: "+32 2 000 00 00"`, "phone: 02/000.00.00"}},
			want:  nil,
		},
		{
			name:  "list-title-missing",
			edits: []edit{{extFile, "title: External contacts\n", ""}},
			want: []string{
				"content/contacts/external.md:2:1: title is missing; add title:, as in title: Internal contacts",
			},
		},
		{
			name:  "list-audience-missing",
			edits: []edit{{extFile, "audience: external\n", ""}},
			want: []string{
				"content/contacts/external.md:2:1: audience is missing; add audience: internal (people of the organisation), external (parties outside it) or customer (people at customers)",
			},
		},
		{
			name:  "list-audience-unknown",
			edits: []edit{{extFile, "audience: external", "audience: partners"}},
			want: []string{
				"content/contacts/external.md:3:11: audience \"partners\" is not one of internal, external, customer",
			},
		},
		{
			name:  "list-owner-missing",
			edits: []edit{{extFile, "owner: an-janssens\n", ""}},
			want: []string{
				"content/contacts/external.md:2:1: owner is missing; add owner: the contact who keeps this list up to date",
			},
		},
		{
			name:  "list-owner-unknown",
			edits: []edit{{extFile, "owner: an-janssens", "owner: ccb-desk"}},
			want: []string{
				"content/contacts/external.md:4:8: owner \"ccb-desk\" is not a contact in content/contacts/; add it to a contact list",
			},
		},
		{
			name:  "list-empty",
			edits: []edit{{extFile, "contacts:\n  - id: ccb\n    name: Centre for Cybersecurity Belgium\n    roles: [csirt]\n    email: incident@ccb.belgium.be\n", "contacts: []\n"}, {incFile, "to: ccb", "to: ops"}},
			want: []string{
				"content/contacts/external.md:6:1: the list has no contacts; add contacts: with id, name, roles and a phone or e-mail",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:14: warning: no contact holds role \"csirt\", to which nis2 reports go (regulations/nis2.yaml, built in), so nobody would receive them; add it to a contact's roles in content/contacts/",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:10: warning: recipient \"ops\" holds none of the roles the nis2 early-warning report goes to (csirt, regulations/nis2.yaml, built in), so it meets no deadline; give the contact the role in content/contacts/, or record the notification to one who holds it",
			},
		},
		{
			name:  "reviewed-missing",
			edits: []edit{{extFile, "reviewed: 2025-01-15\n", ""}},
			want: []string{
				"content/contacts/external.md:2:1: reviewed is missing; add reviewed: the date the list was last checked, as in reviewed: 2025-01-15",
			},
		},
		{
			name:  "reviewed-empty",
			edits: []edit{{extFile, "reviewed: 2025-01-15", "reviewed:"}},
			want: []string{
				"content/contacts/external.md:5:1: reviewed is missing; add reviewed: the date the list was last checked, as in reviewed: 2025-01-15",
			},
		},
		{
			name:  "reviewed-not-a-date",
			edits: []edit{{extFile, "reviewed: 2025-01-15", "reviewed: 15/01/2025"}},
			want: []string{
				"content/contacts/external.md:5:11: reviewed must be a date written as 2025-02-18, not \"15/01/2025\"",
			},
		},
		{
			name:  "reviewed-over-a-year-ago",
			edits: []edit{{extFile, "reviewed: 2025-01-15", "reviewed: 2024-06-29"}},
			want: []string{
				"content/contacts/external.md:5:11: warning: the list was last reviewed on 2024-06-29, more than 12 months ago; check every entry and update reviewed:",
			},
		},
		{
			// now is 2025-06-30: a review on 2024-06-30 is twelve months old,
			// not more.
			name:  "reviewed-exactly-a-year-ago",
			edits: []edit{{extFile, "reviewed: 2025-01-15", "reviewed: 2024-06-30"}},
			want:  nil,
		},
		{
			name:  "reviewed-in-the-future",
			edits: []edit{{extFile, "reviewed: 2025-01-15", "reviewed: 2025-07-15"}},
			want: []string{
				"content/contacts/external.md:5:11: warning: reviewed (2025-07-15) lies after now; check the date",
			},
		},
		{
			name:  "review-period-from-config",
			edits: []edit{{cfgFile, "services:", "checks: {contacts_review_months: 3}\nservices:"}},
			want: []string{
				"content/contacts/external.md:5:11: warning: the list was last reviewed on 2025-01-15, more than 3 months ago; check every entry and update reviewed:",
				"content/contacts/internal.md:5:11: warning: the list was last reviewed on 2025-01-15, more than 3 months ago; check every entry and update reviewed:",
			},
		},
	})
}

// The base exercise file, with its line numbers:
//
//	 1 ---
//	 2 title: Ransomware tabletop
//	 3 date: 2025-06-12
//	 4 kind: tabletop
//	 5 category: security
//	 6 facilitator: an-janssens
//	 7 participants: [an-janssens, ops]
//	 8 findings:
//	 9   - {title: Print the contact list, owner: an-janssens, due: 2025-07-31}
//	10 ---
//	11
//	12 ## Scenario
//	13 File servers encrypted on a Friday night.
//	14
//	15 ## Observations
//	16 Nobody had the CSIRT's number at hand.
//	17
//	18 ## Lessons learned
//	19 Keep a printed contact list.

func TestExercises(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name: "none-held",
			drop: []string{exerFile},
			want: []string{
				"content/exercises:1:1: warning: no exercise of the incident response plan has been held; test it at least once a year and record it with \"incidentsite new exercise\"",
			},
		},
		{
			name:  "last-held-over-a-year-ago",
			edits: []edit{{exerFile, "date: 2025-06-12", "date: 2024-06-12"}, {exerFile, "due: 2025-07-31", "due: 2024-07-31"}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:3:7: warning: the last exercise was held on 2024-06-12, more than 12 months ago; test the incident response plan at least once a year",
			},
		},
		{
			name:  "last-held-exactly-a-year-ago",
			edits: []edit{{exerFile, "date: 2025-06-12", "date: 2024-06-30"}},
			want:  nil,
		},
		{
			name: "only-planned",
			edits: []edit{{exerFile, "date: 2025-06-12", "date: 2025-09-12"}, {exerFile, `## Scenario
File servers encrypted on a Friday night.

## Observations
Nobody had the CSIRT's number at hand.

## Lessons learned
Keep a printed contact list.
`, ""}, {exerFile, "findings:\n  - {title: Print the contact list, owner: an-janssens, due: 2025-07-31}\n", ""}},
			want: []string{
				"content/exercises:1:1: warning: no exercise of the incident response plan has been held; test it at least once a year and record it with \"incidentsite new exercise\"",
			},
		},
		{
			name:  "interval-from-config",
			edits: []edit{{cfgFile, "services:", "checks: {exercise_months: 6}\nservices:"}, {exerFile, "date: 2025-06-12", "date: 2024-12-12"}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:3:7: warning: the last exercise was held on 2024-12-12, more than 6 months ago; test the incident response plan at least once a year",
			},
		},
		{
			name:  "title-missing",
			edits: []edit{{exerFile, "title: Ransomware tabletop\n", ""}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:2:1: title is missing; add title:, as in title: Ransomware tabletop",
			},
		},
		{
			name:  "date-missing",
			edits: []edit{{exerFile, "date: 2025-06-12\n", ""}},
			want: []string{
				"content/exercises:1:1: warning: no exercise of the incident response plan has been held; test it at least once a year and record it with \"incidentsite new exercise\"",
				"content/exercises/2025-06-12-ransomware-tabletop.md:2:1: date is missing; add date: the day of the exercise, as in date: 2025-06-12",
			},
		},
		{
			name:  "date-empty",
			edits: []edit{{exerFile, "date: 2025-06-12", "date:"}},
			want: []string{
				"content/exercises:1:1: warning: no exercise of the incident response plan has been held; test it at least once a year and record it with \"incidentsite new exercise\"",
				"content/exercises/2025-06-12-ransomware-tabletop.md:3:1: date is missing; add date: the day of the exercise, as in date: 2025-06-12",
			},
		},
		{
			name:  "date-impossible",
			edits: []edit{{exerFile, "date: 2025-06-12", "date: 2025-06-31"}},
			want: []string{
				"content/exercises:1:1: warning: no exercise of the incident response plan has been held; test it at least once a year and record it with \"incidentsite new exercise\"",
				"content/exercises/2025-06-12-ransomware-tabletop.md:3:7: date: \"2025-06-31\" is not a valid date: day out of range",
			},
		},
		{
			name:  "date-with-time",
			edits: []edit{{exerFile, "date: 2025-06-12", "date: 2025-06-12T10:00:00+02:00"}},
			want: []string{
				"content/exercises:1:1: warning: no exercise of the incident response plan has been held; test it at least once a year and record it with \"incidentsite new exercise\"",
				"content/exercises/2025-06-12-ransomware-tabletop.md:3:7: date must be a date written as 2025-02-18, not \"2025-06-12T10:00:00+02:00\"",
			},
		},
		{
			name:  "kind-missing",
			edits: []edit{{exerFile, "kind: tabletop\n", ""}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:2:1: kind is missing; add kind: one of tabletop, walkthrough, simulation, technical, full-scale",
			},
		},
		{
			name:  "kind-unknown",
			edits: []edit{{exerFile, "kind: tabletop", "kind: table-top"}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:4:7: kind \"table-top\" is not one of tabletop, walkthrough, simulation, technical, full-scale; did you mean \"tabletop\"?",
			},
		},
		{
			name:  "category-unknown",
			edits: []edit{{exerFile, "category: security", "category: ransomware"}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:5:11: category \"ransomware\" has no template in templates/; use one of availability, privacy, security",
			},
		},
		{
			name:  "facilitator-unknown",
			edits: []edit{{exerFile, "facilitator: an-janssens", "facilitator: external-consultant"}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:6:14: facilitator \"external-consultant\" is not a contact in content/contacts/; add it to a contact list",
			},
		},
		{
			name:  "participant-unknown",
			edits: []edit{{exerFile, "participants: [an-janssens, ops]", "participants: [an-janssens, ops, sales]"}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:7:34: participant \"sales\" is neither a contact nor a role held by a contact; add it to a contact list",
			},
		},
		{
			name:  "participant-role",
			edits: []edit{{exerFile, "participants: [an-janssens, ops]", "participants: [head-of-it, security-team]"}},
			want:  nil,
		},
		{
			name:  "participants-required-from-planned",
			edits: []edit{{exerFile, "participants: [an-janssens, ops]\n", ""}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:3:1: warning: participants is required once the exercise is planned (templates/exercise.yaml, built in); add participants: to the front matter",
			},
		},
		{
			name:  "findings-required-once-held",
			edits: []edit{{exerFile, "findings:\n  - {title: Print the contact list, owner: an-janssens, due: 2025-07-31}\n", ""}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:3:1: warning: findings is required once the exercise has been held (templates/exercise.yaml, built in); add findings: to the front matter",
			},
		},
		{
			name:  "finding-without-owner",
			edits: []edit{{exerFile, ", owner: an-janssens, due", ", due"}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:9:5: action needs owner: a contact or a role",
			},
		},
		{
			name:  "section-required-once-held",
			edits: []edit{{exerFile, "## Observations\nNobody had the CSIRT's number at hand.\n\n", ""}},
			want: []string{
				"content/exercises/2025-06-12-ransomware-tabletop.md:3:1: warning: section \"Observations\" is required once the exercise has been held (templates/exercise.yaml, built in); add \"## Observations\" to the body: What happened during the exercise, as it happened.",
			},
		},
	})
}

func TestRolesHeld(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "role-nobody-holds",
			edits: []edit{{intFile, "service-desk, ", ""}},
			want: []string{
				"templates/availability.yaml:69:54: warning: no contact holds role \"service-desk\" (templates/availability.yaml, built in), so nobody would be told; add it to a contact's roles in content/contacts/",
				"templates/maintenance.yaml:37:28: warning: no contact holds role \"service-desk\" (templates/maintenance.yaml, built in), so nobody would be told; add it to a contact's roles in content/contacts/",
			},
		},
		{
			name: "role-of-site-template-nobody-holds",
			files: `-- templates/outage.yaml --
name: outage
title: {en: Outage}
severities: [minor]
visibility: public
communication:
  internal: {who: [marketing-communications], how: [chat], when: [acknowledged]}
`,
			want: []string{
				"templates/outage.yaml:6:20: warning: no contact holds role \"marketing-communications\", so nobody would be told; add it to a contact's roles in content/contacts/",
			},
		},
	})
}

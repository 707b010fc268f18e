package validate_test

import (
	"strings"
	"testing"
)

// The base incident file, with its line numbers, for reading the
// positions below:
//
//	 1 ---
//	 2 title: AssetExplorer is unavailable
//	 3 category: availability
//	 4 severity: major
//	 5 visibility: public
//	 6 services:
//	 7   assetexplorer: major_outage
//	 8 detected: 2025-02-18T09:05:00+01:00
//	 9 acknowledged: 2025-02-18T09:12:00+01:00
//	10 resolved: 2025-02-18T09:40:00+01:00
//	11 expected_downtime: 30m
//	12 coordinator: an-janssens
//	13 teams: [ops]
//	14 regulation: [nis2]
//	15 notifications:
//	16   - {to: ccb, kind: early-warning, at: 2025-02-18T15:00:00+01:00}
//	17 updates:
//	18   - at: 2025-02-18T09:12:00+01:00
//	19     status: investigating
//	20     message: We are investigating reports that AssetExplorer cannot be reached.
//	21   - at: 2025-02-18T09:40:00+01:00
//	22     status: resolved
//	23     message: AssetExplorer is available again.
//	24 actions:
//	25   - {title: Test the database failover monthly, owner: ops, due: 2025-03-31, done: false}
//	26 rca: 2025-02-18-assetexplorer-down
//	27 ---
//	28
//	29 ## Impact
//	30 Customers could not sign in to AssetExplorer for 28 minutes.
//	31
//	32 ## Root cause
//	33 The database failover did not complete.
//	34
//	35 ## Immediate actions
//	36 09:20 failed over by hand.
//	37
//	38 ## Preventive measures
//	39 Test the failover monthly.

// openIncident is a new incident: detected, nothing else yet. It needs no
// section and only the fields required from detection.
const openIncident = `-- content/incidents/2025/2025-06-30-website-slow.md --
---
title: The website is slow
category: availability
severity: minor
services:
  website: degraded_performance
detected: 2025-06-30T11:00:00+02:00
---
`

// ackIncident is an acknowledged incident: its impact is due, its cause,
// actions and prevention are not yet.
const ackIncident = `-- content/incidents/2025/2025-06-30-website-slow.md --
---
title: The website is slow
category: availability
severity: minor
services:
  website: degraded_performance
detected: 2025-06-30T11:00:00+02:00
acknowledged: 2025-06-30T11:10:00+02:00
expected_downtime: 1h
coordinator: an-janssens
updates:
  - at: 2025-06-30T11:10:00+02:00
    status: investigating
    message: Pages load slowly; we are looking into it.
---

## Impact
Pages take ten seconds to load.
`

func TestIncidentRequiredKeys(t *testing.T) {
	runSiteCases(t, []siteCase{
		{name: "all-present", want: nil},
		{
			name:  "title-missing",
			edits: []edit{{incFile, "title: AssetExplorer is unavailable\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:2:1: title is missing; add title: with one line customers understand, as in title: AssetExplorer is unavailable",
			},
		},
		{
			name:  "title-blank",
			edits: []edit{{incFile, "title: AssetExplorer is unavailable\n", "title: \"  \"\n"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:2:1: title is missing; add title: with one line customers understand, as in title: AssetExplorer is unavailable",
			},
		},
		{
			name:  "category-missing",
			edits: []edit{{incFile, "category: availability\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:2:1: category is missing; add category: one of availability, privacy, security",
			},
		},
		{
			name:  "severity-missing",
			edits: []edit{{incFile, "severity: major\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:2:1: severity is missing; add severity: one of minor, major, critical (templates/availability.yaml, built in)",
			},
		},
		{
			name:  "detected-missing",
			edits: []edit{{incFile, "detected: 2025-02-18T09:05:00+01:00\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:2:1: detected is missing; add when the team became aware of the incident, as in detected: 2025-02-18T09:05:00+01:00",
			},
		},
		{
			name:  "detected-empty",
			edits: []edit{{incFile, "detected: 2025-02-18T09:05:00+01:00", "detected:"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:8:1: detected is missing; add when the team became aware of the incident, as in detected: 2025-02-18T09:05:00+01:00",
			},
		},
		{
			name:  "update-at-empty",
			edits: []edit{{incFile, "  - at: 2025-02-18T09:12:00+01:00", "  - at:"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:5: update needs at: the time it was published",
			},
		},
		{
			name:  "visibility-may-be-left-out",
			edits: []edit{{incFile, "visibility: public\n", ""}},
			want:  nil,
		},
		{name: "new-incident-needs-little", files: openIncident, want: nil},
	})
}

func TestIncidentKeysAndTypes(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "unknown-key-did-you-mean",
			edits: []edit{{incFile, "severity: major", "sevrity: major"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:4:1: unknown key \"sevrity\"; did you mean \"severity\"?",
			},
		},
		{
			name:  "unknown-key-listing-allowed-keys",
			edits: []edit{{incFile, "teams: [ops]", "squad: [ops]"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:13:1: unknown key \"squad\"; the keys allowed here are acknowledged, actions, category, coordinator, decisions, detected, expected_downtime, notifications, rca, regulation, requests, resolved, services, severity, teams, title, updates, visibility",
			},
		},
		{
			name:  "unknown-key-in-update",
			edits: []edit{{incFile, "    status: investigating", "    stauts: investigating"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:20:5: unknown key \"stauts\" in updates item 1; did you mean \"status\"?",
			},
		},
		{
			name:  "list-written-as-text",
			edits: []edit{{incFile, "teams: [ops]", "teams: ops"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:13:8: teams must be a list, not \"ops\"; write [ops]",
			},
		},
		{
			name:  "text-written-as-list",
			edits: []edit{{incFile, "title: AssetExplorer is unavailable", "title: [AssetExplorer, down]"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:2:8: title must be text, or a mapping of language codes to text such as {en: Impact, nl: Impact}",
			},
		},
		{
			name:  "services-written-as-list",
			edits: []edit{{incFile, "services:\n  assetexplorer: major_outage", "services: [assetexplorer]"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:6:11: services must be a mapping of keys to values, one \"key: value\" per line, not a list",
			},
		},
		{
			name:  "update-written-as-text",
			edits: []edit{{incFile, "  - at: 2025-02-18T09:12:00+01:00\n    status: investigating\n    message: We are investigating reports that AssetExplorer cannot be reached.", "  - investigating"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:5: update needs at: the time it was published",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:5: update needs message: what customers are told",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:5: update needs status: one of investigating, identified, monitoring, resolved",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:5: updates item 1 must be a mapping of keys to values, not \"investigating\"",
			},
		},
		{
			name:  "bool-not-true-or-false",
			edits: []edit{{incFile, "done: false", "done: no"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:26:84: done must be true, false or the day it was done, written as 2025-02-27, not \"no\"",
			},
		},
		{
			name:  "done-on-a-day",
			edits: []edit{{incFile, "done: false", "done: 2025-03-28"}},
			want:  nil,
		},
		{
			// Logged after the fact: done before the incident was.
			name:  "done-before-the-record",
			edits: []edit{{incFile, "done: false", "done: 2025-01-02"}},
			want:  nil,
		},
		{
			name:  "done-today",
			edits: []edit{{incFile, "done: false", "done: 2025-06-30"}},
			want:  nil,
		},
		{
			name:  "done-after-now",
			edits: []edit{{incFile, "done: false", "done: 2025-07-01"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:26:84: warning: done (2025-07-01) lies after now; write the day the action was done, or done: false until it is",
			},
		},
		{
			name:  "done-not-a-day",
			edits: []edit{{incFile, "done: false", "done: 2025-02-29"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:26:84: done: \"2025-02-29\" is not a valid date: day out of range",
			},
		},
		{
			name:  "duration-not-a-duration",
			edits: []edit{{incFile, "expected_downtime: 30m", "expected_downtime: half an hour"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:11:20: expected_downtime: \"half an hour\" is not a duration; write it as 45m, 2h, 1h30m or 3d",
			},
		},
		{
			name:  "duration-zero",
			edits: []edit{{incFile, "expected_downtime: 30m", "expected_downtime: 0m"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:11:20: expected_downtime: \"0m\" must be longer than zero",
			},
		},
		{
			name:  "duration-in-days",
			edits: []edit{{incFile, "expected_downtime: 30m", "expected_downtime: 1d2h"}},
			want:  nil,
		},
		{
			name:  "time-impossible-date",
			edits: []edit{{incFile, "detected: 2025-02-18T09:05:00+01:00", "detected: 2025-02-30T09:05:00+01:00"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:8:11: detected: \"2025-02-30T09:05:00+01:00\" is not a valid date and time: day out of range",
			},
		},
		{
			name:  "time-not-a-date",
			edits: []edit{{incFile, "detected: 2025-02-18T09:05:00+01:00", "detected: yesterday morning"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:8:11: detected: \"yesterday morning\" is not a date and time; write it as 2025-02-18T09:05:00+01:00",
			},
		},
		{
			name:  "time-without-time-of-day",
			edits: []edit{{incFile, "detected: 2025-02-18T09:05:00+01:00", "detected: 2025-02-18"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:8:11: detected: \"2025-02-18\" has no time of day; write it as 2025-02-18T09:00:00+01:00",
			},
		},
		{
			name:  "time-without-offset-is-site-time",
			edits: []edit{{incFile, "detected: 2025-02-18T09:05:00+01:00", "detected: 2025-02-18 09:05"}},
			want:  nil,
		},
		{
			// 09:05 UTC is 10:05 in Brussels, after the acknowledgement.
			name:  "time-offset-counts",
			edits: []edit{{incFile, "detected: 2025-02-18T09:05:00+01:00", "detected: 2025-02-18T09:05:00Z"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:15: acknowledged (2025-02-18 09:12 CET) is before detected (2025-02-18 10:05 CET); an incident is acknowledged after it is detected",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:11: resolved (2025-02-18 09:40 CET) is before detected (2025-02-18 10:05 CET)",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:9: update at 2025-02-18 09:12 CET is before detected (2025-02-18 10:05 CET)",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:22:9: update at 2025-02-18 09:40 CET is before detected (2025-02-18 10:05 CET)",
			},
		},
		{
			name:  "date-impossible",
			edits: []edit{{incFile, "due: 2025-03-31", "due: 2025-04-31"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:26:66: due: \"2025-04-31\" is not a valid date: day out of range",
			},
		},
		{
			name:  "date-not-a-date",
			edits: []edit{{incFile, "due: 2025-03-31", "due: end of March"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:26:66: due must be a date written as 2025-02-18, not \"end of March\"",
			},
		},
		{
			name:  "mapping-key-not-text",
			edits: []edit{{incFile, "services:\n  assetexplorer: major_outage", "services:\n  [assetexplorer]: major_outage"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:7:3: a key must be plain text, not a list",
			},
		},
	})
}

func TestIncidentValues(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "category-unknown",
			edits: []edit{{incFile, "category: availability", "category: availabilty"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:3:11: category \"availabilty\" has no template in templates/; did you mean \"availability\"?",
			},
		},
		{
			name:  "category-is-not-an-incident-template",
			edits: []edit{{incFile, "category: availability", "category: rca"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:3:11: category \"rca\" has no template in templates/; use one of availability, privacy, security, or add templates/rca.yaml",
			},
		},
		{
			name:  "severity-unknown",
			edits: []edit{{incFile, "severity: major", "severity: huge"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:4:11: severity \"huge\" is not one of minor, major, critical (templates/availability.yaml, built in)",
			},
		},
		{
			name:  "severity-of-another-category",
			edits: []edit{{incFile, "severity: major", "severity: high"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:4:11: severity \"high\" is not one of minor, major, critical (templates/availability.yaml, built in)",
			},
		},
		{
			name:  "visibility-unknown",
			edits: []edit{{incFile, "visibility: public", "visibility: secret"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:5:13: visibility \"secret\" is not one of public, internal",
			},
		},
		{
			name:  "visibility-internal",
			edits: []edit{{incFile, "visibility: public", "visibility: internal"}},
			want:  nil,
		},
		{
			name:  "impact-unknown",
			edits: []edit{{incFile, "assetexplorer: major_outage", "assetexplorer: major-outage"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:7:18: impact \"major-outage\" is not one of degraded_performance, partial_outage, major_outage, under_maintenance; did you mean \"major_outage\"?",
			},
		},
		{
			name:  "impact-missing",
			edits: []edit{{incFile, "assetexplorer: major_outage", "assetexplorer:"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:7:3: service \"assetexplorer\" needs its impact: one of degraded_performance, partial_outage, major_outage, under_maintenance",
			},
		},
		{
			name:  "service-unknown",
			edits: []edit{{incFile, "assetexplorer: major_outage", "assetexplore: major_outage"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:7:3: service \"assetexplore\" is not declared in incidentsite.yaml; did you mean \"assetexplorer\"?",
			},
		},
		{
			name:  "service-second",
			edits: []edit{{incFile, "assetexplorer: major_outage", "assetexplorer: major_outage\n  website: partial_outage"}},
			want:  nil,
		},
		{
			name:  "update-status-unknown",
			edits: []edit{{incFile, "status: investigating", "status: investigatin"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:20:13: status \"investigatin\" is not one of investigating, identified, monitoring, resolved; did you mean \"investigating\"?",
			},
		},
		{
			name:  "update-status-missing",
			edits: []edit{{incFile, "    status: investigating\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:5: update needs status: one of investigating, identified, monitoring, resolved",
			},
		},
		{
			name:  "update-message-missing",
			edits: []edit{{incFile, "    message: We are investigating reports that AssetExplorer cannot be reached.\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:5: update needs message: what customers are told",
			},
		},
		{
			name:  "update-at-missing",
			edits: []edit{{incFile, "  - at: 2025-02-18T09:12:00+01:00\n    status: investigating", "  - status: investigating"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:5: update needs at: the time it was published",
			},
		},
		{
			name:  "regulation-unknown",
			edits: []edit{{incFile, "regulation: [nis2]", "regulation: [nis2, dorra]"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:20: regulation \"dorra\" is not one of dora, gdpr, nis2; did you mean \"dora\"?",
			},
		},
		{
			name:  "notification-kind-unknown",
			edits: []edit{{incFile, "kind: early-warning", "kind: warning"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:21: notification kind \"warning\" is not one of early-warning, final-report, intermediate-report, notification, progress-report (the kinds of nis2)",
			},
		},
		{
			name:  "notification-kind-of-unlisted-regulation",
			edits: []edit{{incFile, "kind: early-warning", "kind: breach-notification"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:21: a breach-notification is a GDPR report, but regulation does not list gdpr; add it to regulation:",
			},
		},
		{
			name:  "notification-kind-of-listed-regulation",
			edits: []edit{{incFile, "regulation: [nis2]", "regulation: [nis2, gdpr]"}, {incFile, "kind: early-warning", "kind: breach-notification"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:20: warning: no contact holds role \"supervisory-authority\", to which gdpr reports go (regulations/gdpr.yaml, built in), so nobody would receive them; add it to a contact's roles in content/contacts/",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:20: warning: no decision under gdpr yet: Must this personal data breach be notified to the supervisory authority (GDPR art. 33(1))?; record it under decisions:, as in decisions: [{regulation: gdpr, at: TIME, by: WHO, notify: true, reason: WHY}]",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:10: warning: recipient \"ccb\" holds none of the roles the gdpr notification report goes to (supervisory-authority, regulations/gdpr.yaml, built in), so it meets no deadline; give the contact the role in content/contacts/, or record the notification to one who holds it",
			},
		},
		{
			name:  "notification-without-regulation",
			edits: []edit{{incFile, "regulation: [nis2]\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:15:21: an early-warning is a NIS2 report, but regulation does not list nis2; add it to regulation:",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:26: a decision under nis2, but regulation does not list nis2; add it to regulation:",
			},
		},
		{
			name:  "notification-incomplete",
			edits: []edit{{incFile, "{to: ccb, kind: early-warning, at: 2025-02-18T15:00:00+01:00}", "{reference: CCB-1}"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:5: notification needs at: when it was sent",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:5: notification needs kind: one of early-warning, final-report, intermediate-report, notification, progress-report",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:5: notification needs to: the contact it was sent to, or the role of those told, as in to: affected-users",
			},
		},
		{
			name:  "notification-to-unknown-contact",
			edits: []edit{{incFile, "to: ccb", "to: cbb"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:10: recipient \"cbb\" is neither a contact in content/contacts/ nor a role; did you mean \"ccb\"?",
			},
		},
		{
			name:  "coordinator-unknown",
			edits: []edit{{incFile, "coordinator: an-janssens", "coordinator: an-jansens"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:12:14: coordinator \"an-jansens\" is not a contact in content/contacts/; did you mean \"an-janssens\"?",
			},
		},
		{
			name:  "team-unknown",
			edits: []edit{{incFile, "teams: [ops]", "teams: [platform]"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:13:9: team \"platform\" is neither a contact nor a role held by a contact; add it to a contact list",
			},
		},
		{
			name:  "team-role-held",
			edits: []edit{{incFile, "teams: [ops]", "teams: [security-team]"}},
			want:  nil,
		},
		{
			name:  "team-role-nobody-holds",
			edits: []edit{{incFile, "teams: [ops]", "teams: [marketing-communications]"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:13:9: team \"marketing-communications\" is a role that no contact holds; add it to a contact's roles in content/contacts/",
			},
		},
		{
			name:  "action-incomplete",
			edits: []edit{{incFile, "{title: Test the database failover monthly, owner: ops, due: 2025-03-31, done: false}", "{due: 2025-03-31}"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:26:5: action needs owner: a contact or a role",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:26:5: action needs title: what must be done",
			},
		},
		{
			name:  "action-owner-unknown",
			edits: []edit{{incFile, "owner: ops", "owner: opps"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:26:56: owner \"opps\" is neither a contact nor a role held by a contact; did you mean \"ops\"?",
			},
		},
		{
			name:  "updates-over-limit",
			edits: []edit{{cfgFile, "timezone: Europe/Brussels\n", "timezone: Europe/Brussels\nlimits: {max_updates: 1}\n"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:18:1: 2 updates are more than limits.max_updates (1); raise it in incidentsite.yaml if this is right",
				"content/maintenance/2025-03-01-database-upgrade.md:9:1: 2 updates are more than limits.max_updates (1); raise it in incidentsite.yaml if this is right",
			},
		},
	})
}

func TestIncidentTimes(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "acknowledged-before-detected",
			edits: []edit{{incFile, "acknowledged: 2025-02-18T09:12:00+01:00", "acknowledged: 2025-02-18T09:00:00+01:00"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:15: acknowledged (2025-02-18 09:00 CET) is before detected (2025-02-18 09:05 CET); an incident is acknowledged after it is detected",
			},
		},
		{
			name:  "acknowledged-when-detected",
			edits: []edit{{incFile, "acknowledged: 2025-02-18T09:12:00+01:00", "acknowledged: 2025-02-18T09:05:00+01:00"}},
			want:  nil,
		},
		{
			name: "resolved-before-detected",
			edits: []edit{
				{incFile, "resolved: 2025-02-18T09:40:00+01:00", "resolved: 2025-02-18T09:00:00+01:00"},
				{incFile, "  - at: 2025-02-18T09:40:00+01:00", "  - at: 2025-02-18T09:00:00+01:00"},
			},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:11: resolved (2025-02-18 09:00 CET) is before detected (2025-02-18 09:05 CET)",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:22:9: update at 2025-02-18 09:00 CET is before detected (2025-02-18 09:05 CET)",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:22:9: update at 2025-02-18 09:00 CET is earlier than the update before it (2025-02-18 09:12 CET); keep updates in the order they were published, oldest first",
			},
		},
		{
			name: "resolved-before-acknowledged",
			edits: []edit{
				{incFile, "resolved: 2025-02-18T09:40:00+01:00", "resolved: 2025-02-18T09:10:00+01:00"},
				{incFile, "  - at: 2025-02-18T09:40:00+01:00", "  - at: 2025-02-18T09:14:00+01:00"},
			},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:11: resolved (2025-02-18 09:10 CET) is before acknowledged (2025-02-18 09:12 CET)",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:11: warning: resolved (2025-02-18 09:10 CET) differs from the time of the resolving update (2025-02-18 09:14 CET); make them the same",
			},
		},
		{
			name:  "update-before-detected",
			edits: []edit{{incFile, "  - at: 2025-02-18T09:12:00+01:00", "  - at: 2025-02-18T09:01:00+01:00"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:9: update at 2025-02-18 09:01 CET is before detected (2025-02-18 09:05 CET)",
			},
		},
		{
			name:  "updates-out-of-order",
			edits: []edit{{incFile, "  - at: 2025-02-18T09:12:00+01:00", "  - at: 2025-02-18T09:45:00+01:00"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:22:9: update at 2025-02-18 09:40 CET is earlier than the update before it (2025-02-18 09:45 CET); keep updates in the order they were published, oldest first",
			},
		},
		{
			name:  "updates-at-the-same-time",
			edits: []edit{{incFile, "  - at: 2025-02-18T09:12:00+01:00", "  - at: 2025-02-18T09:40:00+01:00"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:22:9: update at 2025-02-18 09:40 CET has the same time as the update before it; give each update the time it was published",
			},
		},
		{
			name:  "notification-before-detected",
			edits: []edit{{incFile, "at: 2025-02-18T15:00:00+01:00}", "at: 2025-02-18T09:00:00+01:00}"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:40: notification at 2025-02-18 09:00 CET is before the incident was detected (2025-02-18 09:05 CET)",
			},
		},
		{
			name:  "detected-in-the-future",
			edits: []edit{{incFile, "detected: 2025-02-18T09:05:00+01:00", "detected: 2025-07-18T09:05:00+02:00"}},
			// Everything after detection now comes before it.
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:8:11: warning: detected (2025-07-18 09:05 CEST) lies after now (2025-06-30 14:00 CEST); check the date and the time zone offset",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:15: acknowledged (2025-02-18 09:12 CET) is before detected (2025-07-18 09:05 CEST); an incident is acknowledged after it is detected",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:11: resolved (2025-02-18 09:40 CET) is before detected (2025-07-18 09:05 CEST)",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:40: notification at 2025-02-18 15:00 CET is before the incident was detected (2025-07-18 09:05 CEST)",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:36: decision at 2025-02-18 14:00 CET is before the incident was detected (2025-07-18 09:05 CEST)",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:9: update at 2025-02-18 09:12 CET is before detected (2025-07-18 09:05 CEST)",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:22:9: update at 2025-02-18 09:40 CET is before detected (2025-07-18 09:05 CEST)",
			},
		},
		{
			name:  "resolved-without-resolving-update",
			edits: []edit{{incFile, "    status: resolved", "    status: monitoring"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:11: resolved is set but the last update has status \"monitoring\"; add an update with status: resolved, or remove resolved:",
			},
		},
		{
			name: "resolved-without-any-update",
			edits: []edit{{incFile, "updates:\n" +
				"  - at: 2025-02-18T09:12:00+01:00\n    status: investigating\n    message: We are investigating reports that AssetExplorer cannot be reached.\n" +
				"  - at: 2025-02-18T09:40:00+01:00\n    status: resolved\n    message: AssetExplorer is available again.\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:11: resolved is set but there is no update; add an update with status: resolved telling customers it is over",
			},
		},
		{
			name:  "resolving-update-without-resolved",
			edits: []edit{{incFile, "resolved: 2025-02-18T09:40:00+01:00\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:22:13: warning: this update resolves the incident but resolved: is missing, so the build takes the update's time; add resolved: 2025-02-18T09:40:00+01:00",
				"content/rcas/2025-02-18-assetexplorer-down.md:4:9: warning: the RCA is final but incident \"2025-02-18-assetexplorer-down\" is not resolved yet",
			},
		},
		{
			name:  "resolved-differs-from-resolving-update",
			edits: []edit{{incFile, "resolved: 2025-02-18T09:40:00+01:00", "resolved: 2025-02-18T09:38:00+01:00"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:11: warning: resolved (2025-02-18 09:38 CET) differs from the time of the resolving update (2025-02-18 09:40 CET); make them the same",
			},
		},
		{
			name:  "resolved-same-instant-other-offset",
			edits: []edit{{incFile, "resolved: 2025-02-18T09:40:00+01:00", "resolved: 2025-02-18T08:40:00Z"}},
			want:  nil,
		},
		{
			name:  "resolved-empty",
			edits: []edit{{incFile, "resolved: 2025-02-18T09:40:00+01:00", "resolved:"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:23:13: warning: this update resolves the incident but resolved: is missing, so the build takes the update's time; add resolved: 2025-02-18T09:40:00+01:00",
				"content/rcas/2025-02-18-assetexplorer-down.md:4:9: warning: the RCA is final but incident \"2025-02-18-assetexplorer-down\" is not resolved yet",
			},
		},
		{
			name: "resolving-update-without-time",
			edits: []edit{
				{incFile, "resolved: 2025-02-18T09:40:00+01:00\n", ""},
				{incFile, "  - at: 2025-02-18T09:40:00+01:00\n    status: resolved", "  - status: resolved"},
			},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:21:5: update needs at: the time it was published",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:21:13: warning: this update resolves the incident but resolved: is missing, so the build takes the update's time; add resolved: the time it was resolved",
				"content/rcas/2025-02-18-assetexplorer-down.md:4:9: warning: the RCA is final but incident \"2025-02-18-assetexplorer-down\" is not resolved yet",
			},
		},
		{
			name:  "resolved-invalid",
			edits: []edit{{incFile, "resolved: 2025-02-18T09:40:00+01:00", "resolved: 2025-02-18T25:40:00+01:00"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:11: resolved: \"2025-02-18T25:40:00+01:00\" is not a valid date and time: hour out of range",
				"content/rcas/2025-02-18-assetexplorer-down.md:4:9: warning: the RCA is final but incident \"2025-02-18-assetexplorer-down\" is not resolved yet",
			},
		},
		{
			name:  "acknowledged-invalid",
			edits: []edit{{incFile, "acknowledged: 2025-02-18T09:12:00+01:00", "acknowledged: 2025-02-18T09:72:00+01:00"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:15: acknowledged: \"2025-02-18T09:72:00+01:00\" is not a valid date and time: minute out of range",
			},
		},
	})
}

func TestIncidentRCALink(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "rca-unknown",
			edits: []edit{{incFile, "rca: 2025-02-18-assetexplorer-down", "rca: 2025-02-18-assetexplorer-dwn"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:27:6: RCA \"2025-02-18-assetexplorer-dwn\" does not exist; did you mean \"2025-02-18-assetexplorer-down\"?",
			},
		},
		{
			name:  "rca-of-another-incident",
			edits: []edit{{incFile, "rca: 2025-02-18-assetexplorer-down", "rca: 2025-06-30-website-slow"}},
			files: openIncident + `-- content/rcas/2025-06-30-website-slow.md --
---
title: Slow website
incident: 2025-06-30-website-slow
status: draft
author: an-janssens
---
`,
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:27:6: RCA \"2025-06-30-website-slow\" is about incident \"2025-06-30-website-slow\", not this one; fix rca: here or incident: in content/rcas/2025-06-30-website-slow.md",
			},
		},
		{
			name:  "rca-found-without-rca-key",
			edits: []edit{{incFile, "rca: 2025-02-18-assetexplorer-down\n", ""}},
			want:  nil,
		},
		{
			name:  "rca-missing-for-major",
			edits: []edit{{incFile, "rca: 2025-02-18-assetexplorer-down\n", ""}},
			drop:  []string{rcaFile},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:4:11: warning: a resolved major availability incident should have a root cause analysis (templates/availability.yaml, built in); run \"incidentsite new rca --incident 2025-02-18-assetexplorer-down\"",
			},
		},
		{
			name:  "rca-not-needed-for-minor",
			edits: []edit{{incFile, "rca: 2025-02-18-assetexplorer-down\n", ""}, {incFile, "severity: major", "severity: minor"}},
			drop:  []string{rcaFile},
			want:  nil,
		},
		{
			name: "rca-not-needed-while-open",
			edits: []edit{
				{incFile, "rca: 2025-02-18-assetexplorer-down\n", ""},
				{incFile, "resolved: 2025-02-18T09:40:00+01:00\n", ""},
				{incFile, "    status: resolved", "    status: monitoring"},
			},
			drop: []string{rcaFile},
			want: nil,
		},
	})
}

func TestIncidentSections(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "section-unknown-did-you-mean",
			edits: []edit{{incFile, "## Impact", "## Impakt"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:1: warning: section \"Impact\" is required once the incident is acknowledged (templates/availability.yaml, built in); add \"## Impact\" to the body: Which services and customers are affected, and how; the expected downtime.",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:30:1: section \"Impakt\" is not declared by templates/availability.yaml, built in; did you mean \"Impact\"?",
			},
		},
		{
			name:  "section-unknown",
			edits: []edit{{incFile, "## Preventive measures\nTest the failover monthly.", "## Preventive measures\nTest the failover monthly.\n\n## Lessons\nMany."}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:42:1: section \"Lessons\" is not declared by templates/availability.yaml, built in; the sections are: \"Impact\", \"Workaround\", \"Root cause\", \"Affected services and teams\", \"Immediate actions\", \"Internal notes\", \"Preventive measures\"",
			},
		},
		{
			name:  "section-by-id",
			edits: []edit{{incFile, "## Root cause", "## root-cause"}},
			want:  nil,
		},
		{
			name:  "section-in-other-language",
			edits: []edit{{incFile, "## Root cause", "## Oorzaak"}},
			want:  nil,
		},
		{
			name:  "section-case-and-spaces",
			edits: []edit{{incFile, "## Root cause", "##   ROOT CAUSE  "}},
			want:  nil,
		},
		{
			name:  "section-twice",
			edits: []edit{{incFile, "## Preventive measures\nTest the failover monthly.", "## Preventive measures\nTest the failover monthly.\n\n## Impact\nNone."}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:42:1: section \"Impact\" appears twice; merge the two",
			},
		},
		{
			name:  "section-twice-in-two-languages",
			edits: []edit{{incFile, "## Preventive measures\nTest the failover monthly.", "## Preventive measures\nTest the failover monthly.\n\n## Oorzaak\nDe failover."}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:42:1: section \"Oorzaak\" appears twice; merge the two",
			},
		},
		{
			name:  "text-before-first-section",
			edits: []edit{{incFile, "---\n\n## Impact", "---\n\nSee the RCA.\n\n## Impact"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:30:1: text before the first section belongs to no section; put it under a \"## \" heading, one of: \"Impact\", \"Workaround\", \"Root cause\", \"Affected services and teams\", \"Immediate actions\", \"Internal notes\", \"Preventive measures\"",
			},
		},
		{
			name:  "comment-before-first-section",
			edits: []edit{{incFile, "---\n\n## Impact", "---\n<!-- written by the on-call -->\n\n## Impact"}},
			want:  nil,
		},
		{
			name:  "level-1-heading",
			edits: []edit{{incFile, "---\n\n## Impact", "---\n\n# AssetExplorer is down\n\n## Impact"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:30:1: level-1 heading \"AssetExplorer is down\": the title comes from the front matter, and sections start with \"## \"",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:30:1: text before the first section belongs to no section; put it under a \"## \" heading, one of: \"Impact\", \"Workaround\", \"Root cause\", \"Affected services and teams\", \"Immediate actions\", \"Internal notes\", \"Preventive measures\"",
			},
		},
		{
			name:  "hidden-section-inside-internal-section",
			edits: []edit{{incFile, "Test the failover monthly.", "Test the failover monthly.\n\n### Internal notes\nNone."}},
			want:  nil,
		},
		{
			name:  "level-3-heading-inside-section",
			edits: []edit{{incFile, "Test the failover monthly.", "Test the failover monthly.\n\n### Owner\nPlatform team."}},
			want:  nil,
		},
		{
			name:  "hidden-section-deeper-level",
			edits: []edit{{incFile, "Customers could not sign in to AssetExplorer for 28 minutes.", "Customers could not sign in to AssetExplorer for 28 minutes.\n\n### Internal notes\nThe failover timed out."}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:33:1: warning: \"### Internal notes\" looks like the heading of internal section \"Internal notes\", but it is part of external section \"Impact\" and is published with it; start the internal section with \"## Internal notes\" at the start of a line of its own",
			},
		},
		{
			name:  "hidden-section-in-list",
			edits: []edit{{incFile, "Customers could not sign in to AssetExplorer for 28 minutes.", "Customers could not sign in to AssetExplorer for 28 minutes.\n\n- ## Interne notities\n  De failover."}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:33:3: warning: \"- ## Interne notities\" looks like the heading of internal section \"Interne notities\", but it is part of external section \"Impact\" and is published with it; start the internal section with \"## Interne notities\" at the start of a line of its own",
			},
		},
		{
			name:  "hidden-section-in-quote",
			edits: []edit{{incFile, "Customers could not sign in to AssetExplorer for 28 minutes.", "Customers could not sign in to AssetExplorer for 28 minutes.\n\n> ## internal notes"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:33:3: warning: \"> ## internal notes\" looks like the heading of internal section \"Internal notes\", but it is part of external section \"Impact\" and is published with it; start the internal section with \"## Internal notes\" at the start of a line of its own",
			},
		},
		{
			name:  "hidden-section-escaped",
			edits: []edit{{incFile, "Customers could not sign in to AssetExplorer for 28 minutes.", "Customers could not sign in to AssetExplorer for 28 minutes.\n\n\\## Preventive measures ##\nTest monthly."}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:33:2: warning: \"\\\\## Preventive measures ##\" looks like the heading of internal section \"Preventive measures\", but it is part of external section \"Impact\" and is published with it; start the internal section with \"## Preventive measures\" at the start of a line of its own",
			},
		},
		{
			name:  "hidden-section-in-code-fence",
			edits: []edit{{incFile, "Customers could not sign in to AssetExplorer for 28 minutes.", "Customers could not sign in to AssetExplorer for 28 minutes.\n\n```\n## Internal notes\n```"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:34:1: warning: \"## Internal notes\" looks like the heading of internal section \"Internal notes\", but it is part of external section \"Impact\" and is published with it; start the internal section with \"## Internal notes\" at the start of a line of its own",
			},
		},
		{
			name:  "hidden-section-not-a-heading",
			edits: []edit{{incFile, "Customers could not sign in to AssetExplorer for 28 minutes.", "Customers could not sign in to AssetExplorer for 28 minutes.\n\n### Internal notes of the supplier, if any\n\nInternal notes are kept in the RCA.\n\n### Workaround"}},
			want:  nil,
		},
		{
			name:  "required-section-missing-once-acknowledged",
			edits: []edit{{incFile, "## Impact\nCustomers could not sign in to AssetExplorer for 28 minutes.\n\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:1: warning: section \"Impact\" is required once the incident is acknowledged (templates/availability.yaml, built in); add \"## Impact\" to the body: Which services and customers are affected, and how; the expected downtime.",
			},
		},
		{
			name: "required-section-missing-acknowledged-by-update",
			edits: []edit{
				{incFile, "## Impact\nCustomers could not sign in to AssetExplorer for 28 minutes.\n\n", ""},
				{incFile, "acknowledged: 2025-02-18T09:12:00+01:00\n", ""},
			},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:18:5: warning: section \"Impact\" is required once the incident is acknowledged (templates/availability.yaml, built in); add \"## Impact\" to the body: Which services and customers are affected, and how; the expected downtime.",
			},
		},
		{
			name:  "required-section-missing-once-resolved",
			edits: []edit{{incFile, "## Root cause\nThe database failover did not complete.\n\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:1: warning: section \"Root cause\" is required once the incident is resolved (templates/availability.yaml, built in); add \"## Root cause\" to the body: What caused the outage, in words a customer understands.",
			},
		},
		{
			name:  "required-section-missing-once-identified",
			edits: []edit{{incFile, "## Immediate actions\n09:20 failed over by hand.\n\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:23:13: warning: section \"Immediate actions\" is required once the cause is identified (templates/availability.yaml, built in); add \"## Immediate actions\" to the body: What the team did to contain and recover, with times.",
			},
		},
		{
			name:  "required-section-empty",
			edits: []edit{{incFile, "Customers could not sign in to AssetExplorer for 28 minutes.\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:30:1: warning: section \"Impact\" is empty, but it is required once the incident is acknowledged (templates/availability.yaml, built in); write in it: Which services and customers are affected, and how; the expected downtime.",
			},
		},
		{
			name:  "required-section-only-a-comment",
			edits: []edit{{incFile, "Customers could not sign in to AssetExplorer for 28 minutes.", "<!-- Which services and customers are affected, and how. -->"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:30:1: warning: section \"Impact\" is empty, but it is required once the incident is acknowledged (templates/availability.yaml, built in); write in it: Which services and customers are affected, and how; the expected downtime.",
			},
		},
		{
			name:  "optional-section-empty",
			edits: []edit{{incFile, "## Immediate actions", "## Workaround\n\n## Immediate actions"}},
			want:  nil,
		},
		{
			name: "section-due-later-may-be-empty",
			files: openIncident + `
## Impact
<!-- Which services and customers are affected, and how. -->
`,
			want: nil,
		},
		{
			name:  "sections-due-later-may-be-missing",
			files: ackIncident,
			want:  nil,
		},
		{
			name:  "required-field-missing-once-acknowledged",
			edits: []edit{{incFile, "expected_downtime: 30m\n", ""}, {incFile, "coordinator: an-janssens\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:1: warning: coordinator is required once the incident is acknowledged (templates/availability.yaml, built in); add coordinator: to the front matter",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:1: warning: expected_downtime is required once the incident is acknowledged (templates/availability.yaml, built in); add expected_downtime: to the front matter",
			},
		},
		{
			name:  "required-field-missing-from-detection",
			edits: []edit{{incFile, "services:\n  assetexplorer: major_outage\n", ""}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:6:1: warning: services is required from detection on (templates/availability.yaml, built in); add services: to the front matter",
			},
		},
		{
			name:  "acknowledged-empty-needs-nothing-yet",
			files: strings.Replace(openIncident, "detected: 2025-06-30T11:00:00+02:00", "detected: 2025-06-30T11:00:00+02:00\nacknowledged:", 1),
			want:  nil,
		},
		{
			name:  "required-field-empty",
			edits: []edit{{incFile, "coordinator: an-janssens", "coordinator:"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:1: warning: coordinator is required once the incident is acknowledged (templates/availability.yaml, built in); add coordinator: to the front matter",
			},
		},
	})
}

func TestIncidentFiles(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name: "duplicate-id-in-two-year-folders",
			files: `-- content/incidents/2024/2025-02-18-assetexplorer-down.md --
---
title: An older AssetExplorer outage
category: availability
severity: minor
services: {assetexplorer: partial_outage}
detected: 2024-02-18T09:05:00+01:00
---
`,
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:1:1: incident id \"2025-02-18-assetexplorer-down\" is also used by content/incidents/2024/2025-02-18-assetexplorer-down.md; ids must be unique, so rename one of the files",
				"content/rcas/2025-02-18-assetexplorer-down.md:4:9: warning: the RCA is final but incident \"2025-02-18-assetexplorer-down\" is not resolved yet",
			},
		},
		{
			// Incidents and maintenance windows share ids, as on
			// Statuspage: both have a page at incidents/ID/.
			name: "same-id-in-another-kind",
			files: `-- content/maintenance/2025-02-18-assetexplorer-down.md --
---
title: A clash
services: [assetexplorer]
scheduled_for: 2025-07-01T22:00:00+02:00
scheduled_until: 2025-07-01T23:00:00+02:00
status: scheduled
coordinator: an-janssens
---
`,
			want: []string{`content/maintenance/2025-02-18-assetexplorer-down.md:1:1: maintenance window id "2025-02-18-assetexplorer-down" is also used by content/incidents/2025/2025-02-18-assetexplorer-down.md (incidents and maintenance windows share ids, as on Statuspage: both have a page at incidents/ID/ and an id in the API); ids must be unique, so rename one of the files`},
		},
	})
}

// TestBuiltinCategories checks the base incident against the other
// built-in categories, whose templates ask for other sections and fields.
func TestBuiltinCategories(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "security",
			edits: []edit{{incFile, "category: availability", "category: security"}, {incFile, "severity: major", "severity: high"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:1: warning: section \"Containment and recovery\" is required once the incident is acknowledged (templates/security.yaml, built in); add \"## Containment and recovery\" to the body: Containment, eradication and recovery steps, with times and owners.",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:1: warning: section \"Cause\" is required once the incident is resolved (templates/security.yaml, built in); add \"## Cause\" to the body: The cause, as far as it can be disclosed safely.",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:23:13: warning: section \"Measures taken\" is required once the cause is identified (templates/security.yaml, built in); add \"## Measures taken\" to the body: What we did to contain the incident and protect customers.",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:23:13: warning: section \"What happened\" is required once the cause is identified (templates/security.yaml, built in); add \"## What happened\" to the body: The bug or attack, in plain words, and when it started.",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:23:13: warning: section \"What you need to do\" is required once the cause is identified (templates/security.yaml, built in); add \"## What you need to do\" to the body: Actions users must take (reset passwords, update clients), or \"Nothing\".",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:33:1: section \"Root cause\" is not declared by templates/security.yaml, built in; the sections are: \"What happened\", \"Severity and impact\", \"Measures taken\", \"What you need to do\", \"Cause\", \"Indicators of compromise\", \"Containment and recovery\", \"Internal notes\", \"Preventive measures\"",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:36:1: section \"Immediate actions\" is not declared by templates/security.yaml, built in; the sections are: \"What happened\", \"Severity and impact\", \"Measures taken\", \"What you need to do\", \"Cause\", \"Indicators of compromise\", \"Containment and recovery\", \"Internal notes\", \"Preventive measures\"",
			},
		},
		{
			name: "privacy",
			edits: []edit{
				{incFile, "category: availability", "category: privacy"},
				{incFile, "severity: major", "severity: medium"},
				{incFile, "regulation: [nis2]", "regulation: [gdpr]"},
				{incFile, "kind: early-warning", "kind: breach-notification"},
				{incFile, "regulation: nis2, at: 2025-02-18T14:00:00+01:00, by: an-janssens, notify: true, criteria: [service-unavailable]", "regulation: gdpr, at: 2025-02-18T14:00:00+01:00, by: an-janssens, notify: true, criteria: [personal-data]"},
			},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:1: warning: section \"Data involved\" is required once the incident is acknowledged (templates/privacy.yaml, built in); add \"## Data involved\" to the body: The nature of the personal data and roughly how many people are concerned.",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:9:1: warning: section \"Risk assessment\" is required once the incident is acknowledged (templates/privacy.yaml, built in); add \"## Risk assessment\" to the body: The DPO's assessment of the risk to people's rights and freedoms (GDPR art. 33 and 34).",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:10:1: warning: section \"Cause\" is required once the incident is resolved (templates/privacy.yaml, built in); add \"## Cause\" to the body: How it happened.",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:14: warning: no contact holds role \"supervisory-authority\", to which gdpr reports go (regulations/gdpr.yaml, built in), so nobody would receive them; add it to a contact's roles in content/contacts/",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:10: warning: recipient \"ccb\" holds none of the roles the gdpr notification report goes to (supervisory-authority, regulations/gdpr.yaml, built in), so it meets no deadline; give the contact the role in content/contacts/, or record the notification to one who holds it",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:23:13: warning: section \"Laws possibly breached\" is required once the cause is identified (templates/privacy.yaml, built in); add \"## Laws possibly breached\" to the body: Which obligations may have been breached (GDPR articles, contracts).",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:23:13: warning: section \"What we need from you\" is required once the cause is identified (templates/privacy.yaml, built in); add \"## What we need from you\" to the body: What the people affected should do or watch out for.",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:30:1: section \"Impact\" is not declared by templates/privacy.yaml, built in; the sections are: \"Data involved\", \"Laws possibly breached\", \"What we need from you\", \"Cause\", \"Our apology\", \"Risk assessment\", \"Immediate actions\", \"Internal notes\", \"Preventive measures\"",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:33:1: section \"Root cause\" is not declared by templates/privacy.yaml, built in; the sections are: \"Data involved\", \"Laws possibly breached\", \"What we need from you\", \"Cause\", \"Our apology\", \"Risk assessment\", \"Immediate actions\", \"Internal notes\", \"Preventive measures\"",
			},
		},
	})
}

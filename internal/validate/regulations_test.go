package validate_test

import (
	"strings"
	"testing"
)

// baseDecision is the base incident's decision under nis2.
const baseDecision = "decisions: [{regulation: nis2, at: 2025-02-18T14:00:00+01:00, by: an-janssens, notify: true, criteria: [service-unavailable], reason: All customers were cut off.}]"

// decision returns an edit that replaces the base incident's decision
// with text.
func decision(text string) edit { return edit{incFile, baseDecision, text} }

// decisionWith returns an edit that replaces old by new in the base
// decision.
func decisionWith(old, new string) edit {
	if !strings.Contains(baseDecision, old) {
		panic("the base decision has no " + old)
	}
	return decision(strings.Replace(baseDecision, old, new, 1))
}

// TestDecisions covers decisions: under the incident's regulations.
func TestDecisions(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "decision-not-to-notify",
			edits: []edit{decisionWith("notify: true, criteria: [service-unavailable], reason: All customers were cut off.", "notify: false, reason: 28 minutes is under the threshold of 30.")},
			want:  nil,
		},
		{
			name:  "decision-missing",
			edits: []edit{decision("")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:14: warning: no decision under nis2 yet: Is this a significant incident under NIS2 art. 23(3)?; record it under decisions:, as in decisions: [{regulation: nis2, at: TIME, by: WHO, notify: true, reason: WHY}]",
			},
		},
		{
			name:  "decision-missing-strict",
			edits: []edit{decision(""), strict},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:14: warning: no decision under nis2 yet: Is this a significant incident under NIS2 art. 23(3)?; record it under decisions:, as in decisions: [{regulation: nis2, at: TIME, by: WHO, notify: true, reason: WHY}]",
			},
		},
		{
			name:  "decision-regulation-missing",
			edits: []edit{decisionWith("regulation: nis2, ", "")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:14: warning: no decision under nis2 yet: Is this a significant incident under NIS2 art. 23(3)?; record it under decisions:, as in decisions: [{regulation: nis2, at: TIME, by: WHO, notify: true, reason: WHY}]",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:13: decision needs regulation: one of the incident's regulations (nis2)",
			},
		},
		{
			name:  "decision-regulation-unknown",
			edits: []edit{decisionWith("regulation: nis2", "regulation: nsi2")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:14: warning: no decision under nis2 yet: Is this a significant incident under NIS2 art. 23(3)?; record it under decisions:, as in decisions: [{regulation: nis2, at: TIME, by: WHO, notify: true, reason: WHY}]",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:26: regulation \"nsi2\" is not one of dora, gdpr, nis2; did you mean \"nis2\"?",
			},
		},
		{
			name:  "decision-regulation-not-listed",
			edits: []edit{decisionWith("regulation: nis2", "regulation: gdpr")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:14: warning: no decision under nis2 yet: Is this a significant incident under NIS2 art. 23(3)?; record it under decisions:, as in decisions: [{regulation: nis2, at: TIME, by: WHO, notify: true, reason: WHY}]",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:26: a decision under gdpr, but regulation does not list gdpr; add it to regulation:",
			},
		},
		{
			name:  "decision-twice",
			edits: []edit{decision("decisions:\n  - {regulation: nis2, at: 2025-02-18T14:00:00+01:00, by: an-janssens, notify: false, reason: Too short.}\n  - {regulation: nis2, at: 2025-02-18T16:00:00+01:00, by: an-janssens, notify: true, reason: All customers.}")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:18: a decision under nis2 is recorded already; keep one per regulation and change it when the decision changes: git keeps the earlier one",
			},
		},
		{
			name:  "decision-notify-missing",
			edits: []edit{decisionWith("notify: true, ", "")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:13: warning: decision needs notify: true or false, the answer to \"Is this a significant incident under NIS2 art. 23(3)?\"; until then it counts as not taken",
			},
		},
		{
			name:  "decision-notify-not-a-boolean",
			edits: []edit{decisionWith("notify: true", "notify: yes please")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:88: notify must be true or false, not \"yes please\"",
			},
		},
		{
			name:  "decision-at-missing",
			edits: []edit{decisionWith("at: 2025-02-18T14:00:00+01:00, ", "")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:13: warning: decision needs at: when it was taken; until then it counts as not taken",
			},
		},
		{
			name:  "decision-at-before-detected",
			edits: []edit{decisionWith("at: 2025-02-18T14:00:00+01:00", "at: 2025-02-18T08:00:00+01:00")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:36: decision at 2025-02-18 08:00 CET is before the incident was detected (2025-02-18 09:05 CET)",
			},
		},
		{
			name:  "decision-at-in-the-future",
			edits: []edit{decisionWith("at: 2025-02-18T14:00:00+01:00", "at: 2025-08-18T14:00:00+02:00")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:36: warning: the time of decision 1 (2025-08-18 14:00 CEST) lies after now (2025-06-30 14:00 CEST); check the date and the time zone offset",
			},
		},
		{
			name:  "decision-by-missing",
			edits: []edit{decisionWith("by: an-janssens, ", "")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:13: warning: decision needs by: who took it, a contact or a role, as in by: dpo",
			},
		},
		{
			name:  "decision-by-a-role",
			edits: []edit{decisionWith("by: an-janssens", "by: dpo")},
			want:  nil,
		},
		{
			name:  "decision-by-unknown",
			edits: []edit{decisionWith("by: an-janssens", "by: an-jansens")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:67: decided by \"an-jansens\" is neither a contact nor a role held by a contact; did you mean \"an-janssens\"?",
			},
		},
		{
			name:  "decision-reason-missing",
			edits: []edit{decisionWith(", reason: All customers were cut off.", "")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:13: warning: decision needs reason: why the incident is or is not to be reported; auditors read it in the register",
			},
		},
		{
			name:  "decision-criterion-unknown",
			edits: []edit{decisionWith("criteria: [service-unavailable]", "criteria: [service-unavailble, death]")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:105: nis2 criterion \"service-unavailble\" is not one of severe-disruption, damage-to-others, financial-loss, trade-secrets, death, health, malicious-access, recurring, service-unavailable, service-limited, data-malicious, data-users; did you mean \"service-unavailable\"?",
			},
		},
		{
			name:  "decision-criterion-twice",
			edits: []edit{decisionWith("criteria: [service-unavailable]", "criteria: [service-unavailable, service-unavailable]")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:126: criterion \"service-unavailable\" is listed twice",
			},
		},
		{
			name:  "decision-condition-nis2-has-none",
			edits: []edit{decisionWith("criteria: [service-unavailable]", "conditions: {high-risk: true}")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:107: nis2 condition \"high-risk\" is unknown: nis2 has no conditions",
			},
		},
		{
			name: "decision-condition-gdpr",
			edits: []edit{
				{incFile, "regulation: [nis2]", "regulation: [nis2, gdpr]"},
				decision("decisions:\n  - " + strings.TrimSuffix(strings.TrimPrefix(baseDecision, "decisions: ["), "]") +
					"\n  - {regulation: gdpr, at: 2025-02-18T14:00:00+01:00, by: an-janssens, notify: false, conditions: {high-risk: false, high-rsk: true}, reason: No personal data.}"),
			},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:20: warning: no contact holds role \"supervisory-authority\", to which gdpr reports go (regulations/gdpr.yaml, built in), so nobody would receive them; add it to a contact's roles in content/contacts/",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:19:118: gdpr condition \"high-rsk\" is not one of high-risk; did you mean \"high-risk\"?",
			},
		},
		{
			name:  "decision-key-misspelt",
			edits: []edit{decisionWith("reason:", "reasons:")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:17:127: unknown key \"reasons\" in decisions item 1; did you mean \"reason\"?",
			},
		},
	})
}

// TestRequests covers requests: for a report.
func TestRequests(t *testing.T) {
	const req = "requests: [{regulation: nis2, stage: intermediate, from: ccb, at: 2025-02-19T10:00:00+01:00, due: 2025-02-21T17:00:00+01:00}]\n"
	add := func(text string) edit { return edit{incFile, "updates:\n", text + "updates:\n"} }
	reqWith := func(old, new string) edit {
		if !strings.Contains(req, old) {
			panic("the request has no " + old)
		}
		return add(strings.Replace(req, old, new, 1))
	}
	runSiteCases(t, []siteCase{
		{
			name:  "request",
			edits: []edit{add(req)},
			want:  nil,
		},
		{
			name:  "request-without-due",
			edits: []edit{reqWith(", due: 2025-02-21T17:00:00+01:00", "")},
			want:  nil,
		},
		{
			name:  "request-from-a-role",
			edits: []edit{reqWith("from: ccb", "from: csirt")},
			want:  nil,
		},
		{
			name:  "request-from-unknown",
			edits: []edit{reqWith("from: ccb", "from: cbb")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:18:58: requested by \"cbb\" is neither a contact in content/contacts/ nor a role; did you mean \"ccb\"?",
			},
		},
		{
			name:  "request-regulation-missing",
			edits: []edit{reqWith("regulation: nis2, ", "")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:18:12: request needs regulation: one of the incident's regulations (nis2)",
			},
		},
		{
			name:  "request-regulation-not-listed",
			edits: []edit{reqWith("regulation: nis2", "regulation: gdpr")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:18:25: a request under gdpr, but regulation does not list gdpr; add it to regulation:",
			},
		},
		{
			name:  "request-stage-missing",
			edits: []edit{reqWith("stage: intermediate, ", "")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:18:12: request needs stage: one of early-warning, notification, intermediate, final, progress",
			},
		},
		{
			name:  "request-stage-unknown",
			edits: []edit{reqWith("stage: intermediate", "stage: intermediat")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:18:38: nis2 stage \"intermediat\" is not one of early-warning, notification, intermediate, final, progress; did you mean \"intermediate\"?",
			},
		},
		{
			name:  "request-stage-not-on-request",
			edits: []edit{reqWith("stage: intermediate", "stage: final")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:18:38: warning: the nis2 stage \"final\" has no clock from requested (regulations/nis2.yaml, built in), so this request changes no deadline; check the stage",
			},
		},
		{
			name:  "request-at-missing",
			edits: []edit{reqWith("at: 2025-02-19T10:00:00+01:00, ", "")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:18:12: request needs at: when the authority asked",
			},
		},
		{
			name:  "request-at-before-detected",
			edits: []edit{reqWith("at: 2025-02-19T10:00:00+01:00", "at: 2025-02-17T10:00:00+01:00")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:18:67: request at 2025-02-17 10:00 CET is before the incident was detected (2025-02-18 09:05 CET)",
			},
		},
		{
			name:  "request-due-before-at",
			edits: []edit{reqWith("due: 2025-02-21T17:00:00+01:00", "due: 2025-02-19T09:00:00+01:00")},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:18:99: due (2025-02-19 09:00 CET) is before the request was made (2025-02-19 10:00 CET)",
			},
		},
	})
}

// TestRegulatedNotifications covers notifications under the regulations:
// their recipients' roles, a role as recipient, roles nobody holds.
func TestRegulatedNotifications(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			// GDPR art. 34: the people affected, a role no contact holds.
			name: "notification-to-a-customer-role",
			edits: []edit{
				{incFile, "regulation: [nis2]", "regulation: [nis2, gdpr]"},
				{incFile, "  - {to: ccb, kind: early-warning, at: 2025-02-18T15:00:00+01:00}\n", "  - {to: ccb, kind: early-warning, at: 2025-02-18T15:00:00+01:00}\n  - {to: affected-users, kind: data-subject-notice, at: 2025-02-18T16:00:00+01:00}\n"},
			},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:20: warning: no contact holds role \"supervisory-authority\", to which gdpr reports go (regulations/gdpr.yaml, built in), so nobody would receive them; add it to a contact's roles in content/contacts/",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:20: warning: no decision under gdpr yet: Must this personal data breach be notified to the supervisory authority (GDPR art. 33(1))?; record it under decisions:, as in decisions: [{regulation: gdpr, at: TIME, by: WHO, notify: true, reason: WHY}]",
			},
		},
		{
			name:  "notification-to-a-contact-without-the-role",
			edits: []edit{{incFile, "to: ccb", "to: an-janssens"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:16:10: warning: recipient \"an-janssens\" holds none of the roles the nis2 early-warning report goes to (csirt, regulations/nis2.yaml, built in), so it meets no deadline; give the contact the role in content/contacts/, or record the notification to one who holds it",
			},
		},
		{
			name:  "notification-to-an-external-role",
			edits: []edit{{incFile, "to: ccb", "to: csirt"}},
			want:  nil,
		},
		{
			name:  "notification-kind-of-a-site-regulation",
			files: "-- regulations/acme.yaml --\n" + acmeRegulation,
			edits: []edit{{incFile, "regulation: [nis2]", "regulation: [nis2, acme]"}, {incFile, "kind: early-warning", "kind: acme-report"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:20: warning: no decision under acme yet: Must the sector regulator be told?; record it under decisions:, as in decisions: [{regulation: acme, at: TIME, by: WHO, notify: true, reason: WHY}]",
			},
		},
		{
			name:  "notification-kind-progress-report",
			edits: []edit{{incFile, "kind: early-warning", "kind: progress-report"}},
			want:  nil,
		},
		{
			name:  "regulation-role-nobody-holds",
			edits: []edit{{incFile, "regulation: [nis2]", "regulation: [nis2, dora]"}},
			want: []string{
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:20: warning: no contact holds role \"financial-supervisor\", to which dora reports go (regulations/dora.yaml, built in), so nobody would receive them; add it to a contact's roles in content/contacts/",
				"content/incidents/2025/2025-02-18-assetexplorer-down.md:14:20: warning: no decision under dora yet: Is this a major ICT-related incident under DORA art. 18 and Delegated Regulation (EU) 2024/1772, art. 8?; record it under decisions:, as in decisions: [{regulation: dora, at: TIME, by: WHO, notify: true, reason: WHY}]",
			},
		},
	})
}

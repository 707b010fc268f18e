package regulation_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

var brussels = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		panic(err)
	}
	return loc
}()

// ts parses a time written as in an incident file.
func ts(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse("2006-01-02T15:04Z07:00", s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// local formats a time as the tests write it: in the site's time zone.
func local(v time.Time) string { return v.In(brussels).Format("2006-01-02T15:04Z07:00") }

// describe sums up a stage's status in one line, with each recipient's
// where the stage has several.
func describe(st regulation.Status) string {
	// In these tests only deadlines in months fall on a midnight.
	if st.DayEnd != (st.Deadline.In(brussels).Format("15:04") == "00:00" && !st.Deadline.IsZero()) {
		return fmt.Sprintf("%s: DayEnd = %v with deadline %s", st.Stage.ID, st.DayEnd, local(st.Deadline))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", st.Stage.ID, st.State)
	switch st.State {
	case regulation.Met:
		fmt.Fprintf(&b, " at %s by %s to %s", local(st.At), st.By.Kind, st.By.To)
		if !st.Deadline.IsZero() && !st.Immediate {
			fmt.Fprintf(&b, ", deadline %s", local(st.Deadline))
		}
		if st.Late > 0 {
			fmt.Fprintf(&b, ", late by %s", st.Late)
		}
	case regulation.Due:
		if st.Immediate {
			fmt.Fprintf(&b, " at once since %s", local(st.Deadline))
		} else {
			fmt.Fprintf(&b, " by %s, %s left", local(st.Deadline), st.Left)
		}
	case regulation.Missed:
		fmt.Fprintf(&b, " %s, by %s", local(st.Deadline), st.Over)
	}
	if st.Reason != "" {
		fmt.Fprintf(&b, " (%s", st.Reason)
		for _, w := range st.Waiting {
			fmt.Fprintf(&b, "; waits for %s", strings.TrimSpace(w.From+" "+w.Stage))
		}
		if !st.MovedFrom.IsZero() {
			fmt.Fprintf(&b, "; moved from %s", local(st.MovedFrom))
		}
		if st.State == regulation.NotStarted && !st.Deadline.IsZero() {
			fmt.Fprintf(&b, "; at %s", local(st.Deadline))
		}
		if st.Reason == regulation.StandsIn {
			fmt.Fprintf(&b, "; deadline %s", local(st.Deadline))
		}
		b.WriteString(")")
	}
	if len(st.Recipients) > 1 {
		for _, r := range st.Recipients {
			fmt.Fprintf(&b, "; %s %s", r.Role, r.State)
			if r.Late > 0 {
				fmt.Fprintf(&b, " late by %s", r.Late)
			}
		}
	}
	for _, n := range st.Elsewhere {
		fmt.Fprintf(&b, "; %s to %s meets no recipient", n.Kind, n.To)
	}
	return b.String()
}

func TestClocks(t *testing.T) {
	cfg := siteConfig(t, competentAuthority+"  - {id: financial-supervisor, name: Financial supervisor, audience: external}\n")
	builtin, diags := regulation.Load(testutil.SiteFS(""), cfg)
	if len(diags) > 0 {
		t.Fatal(lines(diags))
	}
	national, diags := regulation.Load(testutil.SiteFS(nationalNIS2), cfg)
	if len(diags) > 0 {
		t.Fatal(lines(diags))
	}
	csirt := func(kind, at string) regulation.Notification {
		return regulation.Notification{Kind: kind, To: "csirt", Roles: []string{"csirt"}, At: ts(t, at)}
	}
	to := func(kind, contact, role, at string) regulation.Notification {
		return regulation.Notification{Kind: kind, To: contact, Roles: []string{role}, At: ts(t, at)}
	}
	type facts struct {
		detected, ended string
		decision        *regulation.Decision
		notes           []regulation.Notification
		requests        []regulation.Request
	}
	tests := []struct {
		name string
		set  *regulation.Set
		reg  string
		f    facts
		now  string
		want []string
	}{
		{
			name: "on time",
			reg:  "nis2",
			f: facts{detected: "2025-09-03T14:20+02:00", ended: "2025-09-05T11:00+02:00", notes: []regulation.Notification{
				csirt("early-warning", "2025-09-04T10:30+02:00"),
				csirt("notification", "2025-09-05T16:00+02:00"),
				csirt("final-report", "2025-10-02T12:00+02:00"),
			}},
			now: "2025-12-01T09:00+01:00",
			want: []string{
				"early-warning: met at 2025-09-04T10:30+02:00 by early-warning to csirt, deadline 2025-09-04T14:20+02:00",
				"notification: met at 2025-09-05T16:00+02:00 by notification to csirt, deadline 2025-09-06T14:20+02:00",
				"intermediate: not-started (waiting-for-clock; waits for requested)",
				// One month after the notification was sent, not after detection.
				"final: met at 2025-10-02T12:00+02:00 by final-report to csirt, deadline 2025-10-06T00:00+02:00",
				"progress: not-required (not-ongoing)",
			},
		},
		{
			name: "late",
			reg:  "nis2",
			f: facts{detected: "2025-09-03T14:20+02:00", ended: "2025-09-05T11:00+02:00", notes: []regulation.Notification{
				csirt("early-warning", "2025-09-04T20:20+02:00"),
			}},
			now: "2025-09-05T09:00+02:00",
			want: []string{
				"early-warning: met at 2025-09-04T20:20+02:00 by early-warning to csirt, deadline 2025-09-04T14:20+02:00, late by 6h0m0s",
				"notification: due by 2025-09-06T14:20+02:00, 29h20m0s left",
				"intermediate: not-started (waiting-for-clock; waits for requested)",
				"final: not-started (waiting-for-clock; waits for submitted notification)",
				"progress: not-started (only-if-ongoing)",
			},
		},
		{
			name: "missing",
			reg:  "nis2",
			f:    facts{detected: "2025-09-03T14:20+02:00"},
			now:  "2025-09-04T20:20+02:00",
			want: []string{
				"early-warning: missed 2025-09-04T14:20+02:00, by 6h0m0s",
				"notification: due by 2025-09-06T14:20+02:00, 42h0m0s left",
				"intermediate: not-started (waiting-for-clock; waits for requested)",
				"final: not-started (waiting-for-clock; waits for submitted notification)",
				"progress: not-started (only-if-ongoing)",
			},
		},
		{
			name: "chained from a late submission",
			reg:  "nis2",
			f: facts{detected: "2025-09-03T14:20+02:00", ended: "2025-09-05T11:00+02:00", notes: []regulation.Notification{
				csirt("early-warning", "2025-09-04T10:30+02:00"),
				csirt("notification", "2025-09-06T22:20+02:00"),
			}},
			now: "2025-10-01T12:00+02:00",
			want: []string{
				"early-warning: met at 2025-09-04T10:30+02:00 by early-warning to csirt, deadline 2025-09-04T14:20+02:00",
				"notification: met at 2025-09-06T22:20+02:00 by notification to csirt, deadline 2025-09-06T14:20+02:00, late by 8h0m0s",
				"intermediate: not-started (waiting-for-clock; waits for requested)",
				// From the late notification's own date, 6 September.
				"final: due by 2025-10-07T00:00+02:00, 132h0m0s left",
				"progress: not-required (not-ongoing)",
			},
		},
		{
			name: "across the start of summer time",
			reg:  "nis2",
			f:    facts{detected: "2025-03-29T10:00+01:00"},
			// 10:30 on the wall the next day, but only 23.5 hours later.
			now: "2025-03-30T10:30+02:00",
			want: []string{
				"early-warning: due by 2025-03-30T11:00+02:00, 30m0s left",
				"notification: due by 2025-04-01T11:00+02:00, 48h30m0s left",
				"intermediate: not-started (waiting-for-clock; waits for requested)",
				"final: not-started (waiting-for-clock; waits for submitted notification)",
				"progress: not-started (only-if-ongoing)",
			},
		},
		{
			name: "a month end: 31 January + 1 month",
			reg:  "nis2",
			f: facts{detected: "2025-01-30T09:00+01:00", ended: "2025-01-31T10:00+01:00", notes: []regulation.Notification{
				csirt("early-warning", "2025-01-30T18:00+01:00"),
				csirt("notification", "2025-01-31T14:00+01:00"),
			}},
			now: "2025-02-28T23:00+01:00",
			want: []string{
				"early-warning: met at 2025-01-30T18:00+01:00 by early-warning to csirt, deadline 2025-01-31T09:00+01:00",
				"notification: met at 2025-01-31T14:00+01:00 by notification to csirt, deadline 2025-02-02T09:00+01:00",
				"intermediate: not-started (waiting-for-clock; waits for requested)",
				"final: due by 2025-03-01T00:00+01:00, 1h0m0s left",
				"progress: not-required (not-ongoing)",
			},
		},
		{
			name: "a month end, passed",
			reg:  "nis2",
			f: facts{detected: "2025-01-30T09:00+01:00", ended: "2025-01-31T10:00+01:00", notes: []regulation.Notification{
				csirt("early-warning", "2025-01-30T18:00+01:00"),
				csirt("notification", "2025-01-31T14:00+01:00"),
			}},
			now: "2025-03-01T00:30+01:00",
			want: []string{
				"early-warning: met at 2025-01-30T18:00+01:00 by early-warning to csirt, deadline 2025-01-31T09:00+01:00",
				"notification: met at 2025-01-31T14:00+01:00 by notification to csirt, deadline 2025-02-02T09:00+01:00",
				"intermediate: not-started (waiting-for-clock; waits for requested)",
				"final: missed 2025-03-01T00:00+01:00, by 30m0s",
				"progress: not-required (not-ongoing)",
			},
		},
		{
			name: "ongoing at the final report's deadline",
			reg:  "nis2",
			f: facts{detected: "2025-09-03T14:20+02:00", notes: []regulation.Notification{
				csirt("early-warning", "2025-09-04T10:30+02:00"),
				csirt("notification", "2025-09-05T16:00+02:00"),
			}},
			now: "2025-10-07T09:00+02:00",
			want: []string{
				"early-warning: met at 2025-09-04T10:30+02:00 by early-warning to csirt, deadline 2025-09-04T14:20+02:00",
				"notification: met at 2025-09-05T16:00+02:00 by notification to csirt, deadline 2025-09-06T14:20+02:00",
				"intermediate: not-started (waiting-for-clock; waits for requested)",
				"final: not-started (moved; waits for handled; moved from 2025-10-06T00:00+02:00)",
				"progress: missed 2025-10-06T00:00+02:00, by 33h0m0s (stands-in; deadline 2025-10-06T00:00+02:00)",
			},
		},
		{
			name: "ongoing at the deadline, progress reported, handling ended since",
			reg:  "nis2",
			f: facts{detected: "2025-09-03T14:20+02:00", ended: "2025-10-20T17:00+02:00", notes: []regulation.Notification{
				csirt("early-warning", "2025-09-04T10:30+02:00"),
				csirt("notification", "2025-09-05T16:00+02:00"),
				csirt("progress-report", "2025-10-03T11:00+02:00"),
			}},
			now: "2025-11-03T09:00+01:00",
			want: []string{
				"early-warning: met at 2025-09-04T10:30+02:00 by early-warning to csirt, deadline 2025-09-04T14:20+02:00",
				"notification: met at 2025-09-05T16:00+02:00 by notification to csirt, deadline 2025-09-06T14:20+02:00",
				"intermediate: not-started (waiting-for-clock; waits for requested)",
				// One month after handling ended on 20 October.
				"final: due by 2025-11-21T00:00+01:00, 423h0m0s left (moved; moved from 2025-10-06T00:00+02:00)",
				"progress: met at 2025-10-03T11:00+02:00 by progress-report to csirt, deadline 2025-10-06T00:00+02:00 (stands-in; deadline 2025-10-06T00:00+02:00)",
			},
		},
		{
			name: "ongoing before the final report's deadline",
			reg:  "nis2",
			f: facts{detected: "2025-09-03T14:20+02:00", notes: []regulation.Notification{
				csirt("early-warning", "2025-09-04T10:30+02:00"),
				csirt("notification", "2025-09-05T16:00+02:00"),
			}},
			now: "2025-10-01T12:00+02:00",
			want: []string{
				"early-warning: met at 2025-09-04T10:30+02:00 by early-warning to csirt, deadline 2025-09-04T14:20+02:00",
				"notification: met at 2025-09-05T16:00+02:00 by notification to csirt, deadline 2025-09-06T14:20+02:00",
				"intermediate: not-started (waiting-for-clock; waits for requested)",
				"final: due by 2025-10-06T00:00+02:00, 108h0m0s left",
				"progress: not-started (only-if-ongoing; at 2025-10-06T00:00+02:00)",
			},
		},
		{
			name: "final report sent while still ongoing",
			reg:  "nis2",
			f: facts{detected: "2025-09-03T14:20+02:00", notes: []regulation.Notification{
				csirt("early-warning", "2025-09-04T10:30+02:00"),
				csirt("notification", "2025-09-05T16:00+02:00"),
				csirt("final-report", "2025-10-03T16:00+02:00"),
			}},
			now: "2025-10-10T12:00+02:00",
			want: []string{
				"early-warning: met at 2025-09-04T10:30+02:00 by early-warning to csirt, deadline 2025-09-04T14:20+02:00",
				"notification: met at 2025-09-05T16:00+02:00 by notification to csirt, deadline 2025-09-06T14:20+02:00",
				"intermediate: not-started (waiting-for-clock; waits for requested)",
				"final: met at 2025-10-03T16:00+02:00 by final-report to csirt, deadline 2025-10-06T00:00+02:00",
				"progress: not-required (not-ongoing)",
			},
		},
		{
			name: "an intermediate report on request",
			reg:  "nis2",
			f: facts{detected: "2025-09-03T14:20+02:00", ended: "2025-09-05T11:00+02:00",
				notes: []regulation.Notification{
					csirt("early-warning", "2025-09-04T10:30+02:00"),
					csirt("notification", "2025-09-05T16:00+02:00"),
					// Sent before the request: it does not answer it.
					csirt("intermediate-report", "2025-09-08T10:00+02:00"),
				},
				requests: []regulation.Request{{Stage: "intermediate", At: ts(t, "2025-09-10T09:00+02:00"), Due: ts(t, "2025-09-12T17:00+02:00")}},
			},
			now: "2025-09-12T18:00+02:00",
			want: []string{
				"early-warning: met at 2025-09-04T10:30+02:00 by early-warning to csirt, deadline 2025-09-04T14:20+02:00",
				"notification: met at 2025-09-05T16:00+02:00 by notification to csirt, deadline 2025-09-06T14:20+02:00",
				"intermediate: missed 2025-09-12T17:00+02:00, by 1h0m0s",
				"final: due by 2025-10-06T00:00+02:00, 558h0m0s left",
				"progress: not-required (not-ongoing)",
			},
		},
		{
			name: "without undue delay",
			reg:  "gdpr",
			f: facts{detected: "2026-03-12T10:00+01:00",
				decision: &regulation.Decision{At: ts(t, "2026-03-13T09:00+01:00"), Notify: true, Conditions: map[string]bool{"high-risk": true}},
				notes:    []regulation.Notification{to("breach-notification", "data-protection-authority", "supervisory-authority", "2026-03-14T11:20+01:00")},
			},
			now: "2026-03-17T10:00+01:00",
			want: []string{
				"notification: met at 2026-03-14T11:20+01:00 by breach-notification to data-protection-authority, deadline 2026-03-15T10:00+01:00",
				"communication: due at once since 2026-03-12T10:00+01:00",
			},
		},
		{
			name: "without undue delay, met",
			reg:  "gdpr",
			f: facts{detected: "2026-03-12T10:00+01:00",
				decision: &regulation.Decision{At: ts(t, "2026-03-13T09:00+01:00"), Notify: true, Conditions: map[string]bool{"high-risk": true}},
				notes:    []regulation.Notification{to("data-subject-notice", "customers", "affected-users", "2026-03-20T11:20+01:00")},
			},
			now: "2026-03-21T10:00+01:00",
			want: []string{
				"notification: missed 2026-03-15T10:00+01:00, by 144h0m0s",
				"communication: met at 2026-03-20T11:20+01:00 by data-subject-notice to customers",
			},
		},
		{
			name: "a condition not yet decided",
			reg:  "gdpr",
			f:    facts{detected: "2026-03-12T10:00+01:00"},
			now:  "2026-03-12T12:00+01:00",
			want: []string{
				"notification: due by 2026-03-15T10:00+01:00, 70h0m0s left",
				"communication: not-started (condition-undecided)",
			},
		},
		{
			name: "decided not to notify",
			reg:  "gdpr",
			f: facts{detected: "2026-03-12T10:00+01:00",
				decision: &regulation.Decision{At: ts(t, "2026-03-12T15:00+01:00"), Notify: false}},
			now: "2026-04-12T12:00+02:00",
			want: []string{
				"notification: not-required (not-notifiable)",
				"communication: not-required (not-notifiable)",
			},
		},
		{
			name: "a stage with two recipients",
			set:  national,
			reg:  "nis2",
			f: facts{detected: "2025-09-03T14:20+02:00", notes: []regulation.Notification{
				csirt("early-warning", "2025-09-04T00:20+02:00"),
				to("early-warning", "rdi", "competent-authority", "2025-09-04T20:20+02:00"),
				csirt("notification", "2025-09-04T12:00+02:00"),
			}},
			now: "2025-09-05T09:00+02:00",
			want: []string{
				"early-warning: met at 2025-09-04T20:20+02:00 by early-warning to rdi, deadline 2025-09-04T14:20+02:00, late by 6h0m0s; csirt met; competent-authority met late by 6h0m0s",
				"notification: missed 2025-09-04T14:20+02:00, by 18h40m0s; csirt met; competent-authority missed",
			},
		},
		{
			name: "a report to the wrong recipient",
			reg:  "nis2",
			f: facts{detected: "2025-09-03T14:20+02:00", notes: []regulation.Notification{
				to("early-warning", "hosting-partner", "subcontractor", "2025-09-04T10:30+02:00"),
			}},
			now: "2025-09-04T15:20+02:00",
			want: []string{
				"early-warning: missed 2025-09-04T14:20+02:00, by 1h0m0s; early-warning to hosting-partner meets no recipient",
				"notification: due by 2025-09-06T14:20+02:00, 47h0m0s left",
				"intermediate: not-started (waiting-for-clock; waits for requested)",
				"final: not-started (waiting-for-clock; waits for submitted notification)",
				"progress: not-started (only-if-ongoing)",
			},
		},
		{
			name: "dora: 4 hours after classification, at most 24 after awareness",
			reg:  "dora",
			f: facts{detected: "2025-06-02T08:00+02:00",
				decision: &regulation.Decision{At: ts(t, "2025-06-02T10:00+02:00"), Notify: true}},
			now: "2025-06-02T13:00+02:00",
			want: []string{
				"initial: due by 2025-06-02T14:00+02:00, 1h0m0s left",
				"intermediate: not-started (waiting-for-clock; waits for submitted initial)",
				"final: not-started (waiting-for-clock; waits for last-submitted intermediate)",
			},
		},
		{
			name: "dora: not classified yet, the 24 hours run",
			reg:  "dora",
			f:    facts{detected: "2025-06-02T08:00+02:00"},
			now:  "2025-06-02T13:00+02:00",
			want: []string{
				"initial: due by 2025-06-03T08:00+02:00, 19h0m0s left",
				"intermediate: not-started (waiting-for-clock; waits for submitted initial)",
				"final: not-started (waiting-for-clock; waits for last-submitted intermediate)",
			},
		},
		{
			name: "dora: the final report follows the latest intermediate report",
			reg:  "dora",
			f: facts{detected: "2025-06-02T08:00+02:00", ended: "2025-06-04T08:00+02:00",
				decision: &regulation.Decision{At: ts(t, "2025-06-02T10:00+02:00"), Notify: true},
				notes: []regulation.Notification{
					to("dora-initial-notification", "nbb", "financial-supervisor", "2025-06-02T13:00+02:00"),
					to("dora-intermediate-report", "nbb", "financial-supervisor", "2025-06-04T09:00+02:00"),
					to("dora-intermediate-report", "nbb", "financial-supervisor", "2025-06-10T09:00+02:00"),
				}},
			now: "2025-06-20T12:00+02:00",
			want: []string{
				"initial: met at 2025-06-02T13:00+02:00 by dora-initial-notification to nbb, deadline 2025-06-02T14:00+02:00",
				"intermediate: met at 2025-06-04T09:00+02:00 by dora-intermediate-report to nbb, deadline 2025-06-05T13:00+02:00",
				"final: due by 2025-07-11T00:00+02:00, 492h0m0s left",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			set := tc.set
			if set == nil {
				set = builtin
			}
			r := set.Get(tc.reg)
			f := &regulation.Facts{Decision: tc.f.decision, Notifications: tc.f.notes, Requests: tc.f.requests, Location: brussels}
			f.Detected = ts(t, tc.f.detected)
			if tc.f.ended != "" {
				f.Ended = ts(t, tc.f.ended)
			}
			var got []string
			for _, st := range regulation.Clocks(r, f, ts(t, tc.now)) {
				got = append(got, describe(st))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Clocks (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStatusContent: the reasons for the delay belong in a late GDPR
// notification only.
func TestStatusContent(t *testing.T) {
	set, diags := regulation.Load(testutil.SiteFS(""), siteConfig(t, ""))
	if len(diags) > 0 {
		t.Fatal(lines(diags))
	}
	gdpr := set.Get("gdpr")
	notice := func(at string) []regulation.Notification {
		if at == "" {
			return nil
		}
		return []regulation.Notification{{Kind: "breach-notification", To: "dpa", Roles: []string{"supervisory-authority"}, At: ts(t, at)}}
	}
	tests := []struct {
		name, sent, now string
		want            []string
	}{
		{"due", "", "2026-03-13T10:00+01:00", []string{"nature", "contact", "consequences", "measures"}},
		{"missed", "", "2026-03-16T10:00+01:00", []string{"nature", "contact", "consequences", "measures", "delay"}},
		{"met on time", "2026-03-14T10:00+01:00", "2026-03-16T10:00+01:00", []string{"nature", "contact", "consequences", "measures"}},
		{"met late", "2026-03-15T11:00+01:00", "2026-03-16T10:00+01:00", []string{"nature", "contact", "consequences", "measures", "delay"}},
	}
	for _, tc := range tests {
		f := &regulation.Facts{Detected: ts(t, "2026-03-12T10:00+01:00"), Notifications: notice(tc.sent), Location: brussels}
		st := regulation.Clocks(gdpr, f, ts(t, tc.now))[0]
		var got []string
		for _, it := range st.Content() {
			got = append(got, it.ID)
		}
		if !cmp.Equal(got, tc.want) {
			t.Errorf("%s (%s): Content() = %v, want %v", tc.name, st.State, got, tc.want)
		}
	}
}

package model_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// regulatedSite has a NIS2 incident reported on time, whose intermediate
// report the CSIRT asked for and did not get, and a GDPR breach not yet
// notified whose people affected were told (a role, not a contact).
const regulatedSite = `-- content/contacts/external.md --
---
title: External contacts
audience: external
owner: an-janssens
reviewed: 2025-01-15
contacts:
  - {id: ccb, name: CCB, roles: [csirt], email: incident@ccb.belgium.be}
---
-- content/incidents/2025/2025-09-03-upload.md --
---
title: Upload flaw exploited
category: security
severity: high
detected: 2025-09-03T14:20:00+02:00
resolved: 2025-09-05T11:00:00+02:00
coordinator: an-janssens
regulation: [nis2]
notifications:
  - {to: ccb, kind: notification, at: 2025-09-05T16:00:00+02:00}
  - {to: ccb, kind: early-warning, at: 2025-09-04T10:30:00+02:00, reference: CCB-1}
decisions:
  - {regulation: nis2, at: 2025-09-04T09:30:00+02:00, by: an-janssens, notify: true, criteria: [service-limited, malicious-access], reason: Web shells.}
requests:
  - {regulation: nis2, stage: intermediate, from: ccb, at: 2025-09-08T10:00:00+02:00, due: 2025-09-12T17:00:00+02:00}
updates:
  - {at: 2025-09-05T11:00:00+02:00, status: resolved, message: Fixed.}
---
-- content/incidents/2025/2025-09-15-export.md --
---
title: Export sent to the wrong customer
category: privacy
severity: medium
detected: 2025-09-15T16:45:00+02:00
coordinator: ops
regulation: [gdpr]
notifications:
  - {to: affected-users, kind: data-subject-notice, at: 2025-09-16T10:00:00+02:00}
decisions:
  - {regulation: gdpr, at: 2025-09-16T09:00:00+02:00, by: dpo, notify: true, criteria: [risk, personal-data], conditions: {high-risk: true}, reason: Health data.}
---
`

func TestClocks(t *testing.T) {
	fsys := testutil.SiteFS("-- incidentsite.yaml --\n" + testutil.MinimalConfig + "-- content/contacts/internal.md --\n" + testutil.MinimalContacts + regulatedSite)
	cfg, d := config.Load(fsys)
	cat, d2 := catalog.Load(fsys, cfg)
	regs, d3 := regulation.Load(fsys, cfg)
	set, d4 := content.Load(fsys, cfg)
	for _, l := range []any{d, d2, d3, d4} {
		if fmt.Sprint(l) != "[]" {
			t.Fatalf("loading the site: %v", l)
		}
	}
	now := time.Date(2025, 9, 20, 12, 0, 0, 0, time.UTC)
	site := model.Build(cfg, cat, regs, set, now)

	var got []string
	for _, inc := range site.Incidents {
		for _, c := range inc.Clocks {
			dec := "no decision"
			if c.Decision != nil {
				var crit []string
				for _, cr := range c.Decision.Criteria {
					crit = append(crit, cr.ID)
				}
				dec = fmt.Sprintf("notify %v by %s [%s]", c.Decision.Notify, c.Decision.By, strings.Join(crit, " "))
			}
			got = append(got, fmt.Sprintf("%s %s: %s", inc.ID, c.Regulation.Name, dec))
			for _, st := range c.Stages {
				line := fmt.Sprintf("  %s %s", st.Stage.ID, st.State)
				if st.By != nil {
					n := c.Notification(st.By)
					to := n.ToRole
					if n.To != nil {
						to = n.To.ID
					}
					line += fmt.Sprintf(" by %s to %s at %s", n.Kind, to, n.At.In(cfg.Location).Format("2 Jan 15:04"))
				}
				if !st.Deadline.IsZero() && st.State != regulation.Met {
					line += " deadline " + st.Deadline.In(cfg.Location).Format("2 Jan 15:04")
				}
				got = append(got, line)
			}
		}
	}
	want := []string{
		"2025-09-15-export gdpr: notify true by dpo [personal-data risk]",
		"  notification missed deadline 18 Sep 16:45",
		"  communication met by data-subject-notice to affected-users at 16 Sep 10:00",
		"2025-09-03-upload nis2: notify true by an-janssens [malicious-access service-limited]",
		"  early-warning met by early-warning to ccb at 4 Sep 10:30",
		"  notification met by notification to ccb at 5 Sep 16:00",
		"  intermediate missed deadline 12 Sep 17:00",
		"  final due deadline 6 Oct 00:00",
		"  progress not-required",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("clocks (-want +got):\n%s", diff)
	}

	up := site.Incidents[1]
	if len(up.Requests) != 1 || up.Requests[0].Stage.ID != "intermediate" || up.Requests[0].FromContact == nil || up.Requests[0].FromContact.ID != "ccb" {
		t.Errorf("requests = %+v, want the CSIRT's request for the intermediate report", up.Requests)
	}
}

// TestHalfWrittenDecision: a decision without notify: (a warning in
// validate) is no decision yet, so the report it would settle stays due
// instead of reading as not required.
func TestHalfWrittenDecision(t *testing.T) {
	fsys := testutil.SiteFS("-- incidentsite.yaml --\n" + testutil.MinimalConfig + "-- content/contacts/internal.md --\n" + testutil.MinimalContacts + `-- content/incidents/2025/2025-09-15-export.md --
---
title: Export sent to the wrong customer
category: privacy
severity: medium
detected: 2025-09-15T16:45:00+02:00
coordinator: ops
regulation: [gdpr]
decisions:
  - {regulation: gdpr, at: 2025-09-16T09:00:00+02:00, by: dpo}
---
`)
	cfg, _ := config.Load(fsys)
	cat, _ := catalog.Load(fsys, cfg)
	regs, _ := regulation.Load(fsys, cfg)
	set, _ := content.Load(fsys, cfg)
	site := model.Build(cfg, cat, regs, set, time.Date(2025, 9, 16, 12, 0, 0, 0, time.UTC))
	inc := site.Incidents[0]
	if len(inc.Decisions) != 0 || len(inc.Clocks) != 1 || inc.Clocks[0].Decision != nil {
		t.Fatalf("decisions %v, clocks %v: want no decision", inc.Decisions, inc.Clocks)
	}
	if st := inc.Clocks[0].Stages[0]; st.Stage.ID != "notification" || st.State != regulation.Due {
		t.Errorf("%s is %s, want notification due", st.Stage.ID, st.State)
	}
}

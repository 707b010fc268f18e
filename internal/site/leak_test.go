package site

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// leakSite plants a distinct marker (zqx followed by digits) in every
// internal field and section of every kind of record. None may reach any
// file of the public site. Public fields hold ordinary text, and markers
// where a page shows nothing: in HTML comments, raw HTML (a <script>, an
// <img onerror>, an HTML block) and unused link reference definitions of
// public sections and update messages. Those reach no output of any
// format either: feeds, API, calendar and descriptions show the text of
// the pages' sanitised rendering, not the Markdown.
const leakSite = `
-- incidentsite.yaml --
title: Leak test
base_url: https://status.example.org/
languages: [en, nl]
timezone: Europe/Brussels
services:
  - {id: web, name: Website}
-- content/contacts/internal.md --
---
title: Internal contacts zqx001
audience: internal
owner: zqx002
reviewed: 2025-05-01
contacts:
  - id: zqx002
    name: Person zqx003
    organisation: Org zqx004
    roles: [incident-coordinator, team-manager, head-of-it, management, legal, operations-team, service-desk, security-team, dpo, privacy-team]
    phone: "+32 2 000 00 01"
    email: zqx005@example.org
    chat: "@zqx006"
    availability: zqx007
    notes: zqx008
---

## Notes
Body zqx009
-- content/contacts/external.md --
---
title: External zqx010
audience: external
owner: zqx002
reviewed: 2025-05-01
contacts:
  - {id: zqx011, name: CSIRT zqx012, roles: [csirt], email: zqx013@example.org, notes: zqx014}
---
-- content/incidents/2025/2025-06-01-zqx020-internal.md --
---
title: Internal incident zqx021
category: availability
severity: minor
visibility: internal
services: {web: major_outage}
detected: 2025-06-01T09:00:00+02:00
acknowledged: 2025-06-01T09:10:00+02:00
expected_downtime: 1h
coordinator: zqx002
updates:
  - {at: 2025-06-01T09:10:00+02:00, status: investigating, message: Message zqx022, internal: zqx023}
---

## Impact
Impact zqx024
-- content/incidents/2025/2025-06-10-public.md --
---
title: The website is down
category: availability
severity: major
visibility: public
services: {web: major_outage}
detected: 2025-06-10T09:00:00+02:00
acknowledged: 2025-06-10T09:10:00+02:00
resolved: 2025-06-10T10:00:00+02:00
expected_downtime: 1h
coordinator: zqx002
teams: [zqx002]
regulation: [nis2]
notifications:
  - {to: zqx011, kind: early-warning, at: 2025-06-10T12:00:00+02:00, reference: zqx030}
decisions:
  - {regulation: nis2, at: 2025-06-10T11:00:00+02:00, by: zqx002, notify: true, criteria: [service-unavailable], reason: Reason zqx113}
requests:
  - {regulation: nis2, stage: intermediate, from: zqx011, at: 2025-06-11T10:00:00+02:00, due: 2025-06-13T17:00:00+02:00}
updates:
  - at: 2025-06-10T09:10:00+02:00
    status: investigating
    message: |-
      We are looking into it. <!-- zqx090 --> <script>alert("zqx091")</script> <img src=x onerror="zqx092">

      [x]: https://evil.example/zqx093
    internal: zqx031
  - {at: 2025-06-10T09:40:00+02:00, status: identified, message: {en: Found the cause., nl: "Oorzaak gevonden. <!-- zqx108 -->"}, internal: zqx032}
  - {at: 2025-06-10T10:00:00+02:00, status: resolved, message: It works again.}
actions:
  - {title: Action zqx033, owner: zqx002, due: 2025-07-01}
rca: 2025-06-10-public
---

## Impact
The website could not be reached.
<!-- zqx094 -->

<div>zqx095</div>

<script>alert("zqx096")</script>

[zqx097]: https://evil.example/zqx098

![pixel](https://tracker.example/p.gif)

## Root cause
A disk filled up. <img src="x" onerror="zqx100"> <!-- zqx101 --> <script>zqx102</script>

## Affected services and teams
zqx034

## Immediate actions
zqx035

## Internal notes
zqx036 <script>alert("zqx037")</script>

## Impact [nl]
De website was onbereikbaar. <!-- zqx109 --> <script>zqx110</script>

## Interne notities [nl]
zqx111

## Affected services and teams [nl]
zqx112

## Preventive measures
zqx038
-- content/rcas/2025-06-10-public.md --
---
title: Website outage of 10 June
incident: 2025-06-10-public
status: final
published: true
author: zqx002
reviewers: [zqx011]
date: 2025-06-20
actions:
  - {title: RCA action zqx040, owner: zqx002}
---

## Summary
The website was down for an hour.

<!--
zqx103
-->

## Timeline
09:00 to 10:00.

## Root cause
A disk filled up.

## Corrective actions
Disk alerts.

## Contributing factors
zqx041

## Lessons learned
zqx042
-- content/incidents/2025/2025-06-15-draft-rca.md --
---
title: A short glitch
category: availability
severity: major
visibility: public
services: {web: degraded_performance}
detected: 2025-06-15T09:00:00+02:00
resolved: 2025-06-15T09:30:00+02:00
expected_downtime: 30m
coordinator: zqx002
updates:
  - {at: 2025-06-15T09:30:00+02:00, status: resolved, message: Fixed.}
---

## Impact
Slow pages.

## Root cause
A slow query.

## Immediate actions
Killed the query.

## Preventive measures
An index.
-- content/rcas/2025-06-15-draft-rca.md --
---
title: Draft zqx050
incident: 2025-06-15-draft-rca
status: review
author: zqx002
reviewers: [zqx011]
---

## Summary
zqx051

## Timeline
zqx052

## Root cause
zqx053
-- content/maintenance/2025-06-20-zqx060.md --
---
title: Internal maintenance zqx061
visibility: internal
services: [web]
scheduled_for: 2025-06-20T22:00:00+02:00
scheduled_until: 2025-06-20T23:00:00+02:00
status: completed
coordinator: zqx002
updates:
  - {at: 2025-06-20T23:00:00+02:00, status: completed, message: Done zqx062, internal: zqx063}
---

## What we will do
zqx064

## Plan and rollback
zqx065
-- content/maintenance/2025-06-25-upgrade.md --
---
title: Web server upgrade
services: [web]
scheduled_for: 2025-06-25T22:00:00+02:00
scheduled_until: 2025-06-25T23:00:00+02:00
status: completed
coordinator: zqx002
updates:
  - at: 2025-06-24T10:00:00+02:00
    status: scheduled
    message: 'We will upgrade the web servers. <script>zqx106</script><!-- zqx107 -->'
    internal: zqx070
  - {at: 2025-06-25T23:00:00+02:00, status: completed, message: Done., internal: zqx071}
---

## What we will do
Upgrade the web servers. <!-- zqx104 -->

[y]: https://evil.example/zqx105

## Plan and rollback
zqx072

## Internal notes
zqx073
-- content/exercises/2025-05-20-zqx080.md --
---
title: Exercise zqx081
date: 2025-05-20
kind: tabletop
category: security
scenario: zqx082
facilitator: zqx011
participants: [zqx002]
findings:
  - {title: Finding zqx083, owner: zqx002, due: 2025-06-30}
---

## Scenario
zqx084

## Observations
zqx085

## Lessons learned
zqx086
`

var marker = regexp.MustCompile(`(?i)zqx\d{3}`)

// TestNothingInternalLeaks builds the public site of leakSite and checks
// every byte of every file for the markers.
func TestNothingInternalLeaks(t *testing.T) {
	fsys := testutil.SiteFS(leakSite)
	p := project.New(fsys, nil, time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC))
	p.Check()
	if p.Model == nil {
		t.Fatalf("the leak site is not valid:\n%v", p.Diags)
	}
	// Every marker must be in the site, or the test proves nothing.
	planted := map[string]bool{}
	for _, f := range fsys {
		for _, m := range marker.FindAllString(string(f.Data), -1) {
			planted[strings.ToLower(m)] = true
		}
	}
	if len(planted) < 66 {
		t.Fatalf("only %d markers planted", len(planted))
	}
	files := renderView(t, projection.Public(p.Model), p.Theme)
	if len(files) < 20 {
		t.Fatalf("only %d files rendered", len(files))
	}
	for name, data := range files {
		if m := marker.FindAllString(name+"\n"+string(data), -1); len(m) > 0 {
			t.Errorf("%s leaks %v", name, m)
		}
	}
	// The public parts are there: the check is not passing on an empty site.
	page := string(files["incidents/2025-06-10-public/index.html"])
	for _, want := range []string{"The website is down", "A disk filled up.", "It works again.", "Disk alerts.", "We are looking into it."} {
		if !strings.Contains(page, want) {
			t.Errorf("public incident page lacks %q", want)
		}
	}
	nl := string(files["nl/incidents/2025-06-10-public/index.html"])
	for _, want := range []string{"De website was onbereikbaar.", "Oorzaak gevonden."} {
		if !strings.Contains(nl, want) {
			t.Errorf("public incident page in Dutch lacks %q", want)
		}
	}
	// A remote image is not loaded: it is a link to it.
	if a := parse(t, files["incidents/2025-06-10-public/index.html"]).Find(`a[href="https://tracker.example/p.gif"]`); a.Text() != "pixel" {
		t.Errorf("public incident page has no link named pixel to the remote image")
	}
	checkSelfContained(t, files, "https://status.example.org/")
	for name, data := range files {
		if strings.Contains(string(data), `src="https://tracker.example`) {
			t.Errorf("%s loads the remote image", name)
		}
	}
}

// TestSiteCannotReachModel: the public renderer's dependencies do not
// include the model or anything that holds internal records.
func TestSiteCannotReachModel(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/incidentsite/incidentsite/internal/site").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, forbidden := range []string{"internal/model", "internal/content", "internal/validate", "internal/projection", "internal/project", "internal/config", "internal/catalog"} {
		for _, dep := range strings.Fields(string(out)) {
			if strings.HasSuffix(dep, forbidden) {
				t.Errorf("internal/site depends on %s", dep)
			}
		}
	}
}

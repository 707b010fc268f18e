package model_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// TestSections: an incident's sections are those of its template that the
// body has, in the template's order whatever the body's, each once (the
// first of a heading written twice), empty ones and headings the template
// does not know left out, with their translations; the line is the
// default language's, else the first translation's.
func TestSections(t *testing.T) {
	const incident = `-- content/incidents/2026/2026-11-23-x.md --
---
title: Sections
category: availability
severity: minor
detected: 2026-11-23T08:40:00+01:00
coordinator: an-janssens
---

## Root cause [nl]
Oorzaak.

## Notes of mine
Not a template's section.

## Workaround
None.

## Root cause
The cause.

## Impact
Slow.

## Workaround
Written twice.

## Prevention

## Immediate actions [nl]
Alleen in het Nederlands.
`
	fsys := testutil.SiteFS("-- incidentsite.yaml --\n" + testutil.MinimalConfig + "-- content/contacts/internal.md --\n" + testutil.MinimalContacts + incident)
	cfg, d := config.Load(fsys)
	cat, d2 := catalog.Load(fsys, cfg)
	regs, d3 := regulation.Load(fsys, cfg)
	set, d4 := content.Load(fsys, cfg)
	for _, l := range []diag.List{d, d2, d3, d4} {
		if l.HasErrors() {
			t.Fatalf("loading the site: %v", l)
		}
	}
	site := model.Build(cfg, cat, regs, set, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
	if len(site.Incidents) != 1 {
		t.Fatalf("%d incidents", len(site.Incidents))
	}
	var got []string
	for _, s := range site.Incidents[0].Sections {
		got = append(got, fmt.Sprintf("%s@%d %q %q", s.ID, s.Line, s.Markdown, s.Translations["nl"]))
	}
	want := []string{
		`impact@22 "Slow.\n\n" ""`,
		`workaround@16 "None.\n\n" ""`,
		`root-cause@19 "The cause.\n\n" "Oorzaak.\n\n"`,
		`immediate-actions@30 "" "Alleen in het Nederlands.\n"`,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("sections\n got %q\nwant %q", got, want)
	}
}

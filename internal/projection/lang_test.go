package projection_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/l10n"
)

// TestSectionLanguages: a section's translations reach the public view
// with it, a section only in another language too (a warning asks for the
// default text), and internal sections in no language.
func TestSectionLanguages(t *testing.T) {
	const file = `-- content/incidents/i1.md --
---
title: {en: Down, nl: Onbereikbaar}
category: availability
severity: minor
services: {web: major_outage}
detected: 2025-06-10T09:00:00+02:00
expected_downtime: 1h
coordinator: an-janssens
updates:
  - {at: 2025-06-10T09:05:00+02:00, status: investigating, message: {en: Looking., nl: We kijken.}}
---

## Impact
The site is down.

## Impact [nl]
De site is onbereikbaar.

## Oorzaak [nl]
Een volle schijf.

## Internal notes
Internal.

## Interne notities [nl]
Intern.
`
	v := view(t, time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC), file)
	if len(v.Incidents) != 1 {
		t.Fatalf("%d incidents", len(v.Incidents))
	}
	inc := v.Incidents[0]
	if diff := cmp.Diff(l10n.Text{"en": "Down", "nl": "Onbereikbaar"}, inc.Title); diff != "" {
		t.Errorf("title (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(l10n.Text{"en": "Looking.", "nl": "We kijken."}, inc.Updates[0].Message); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
	type sec struct {
		ID           string
		Markdown     string
		Translations map[string]string
	}
	var got []sec
	for _, s := range inc.Sections {
		g := sec{ID: s.ID, Markdown: string(s.Markdown)}
		for code, md := range s.Translations {
			if g.Translations == nil {
				g.Translations = map[string]string{}
			}
			g.Translations[code] = string(md)
		}
		got = append(got, g)
	}
	want := []sec{
		{"impact", "The site is down.\n\n", map[string]string{"nl": "De site is onbereikbaar.\n\n"}},
		{"root-cause", "", map[string]string{"nl": "Een volle schijf.\n\n"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
}

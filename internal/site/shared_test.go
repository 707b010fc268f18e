package site

import (
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// TestSharedFrame: a site's partial that redefines a part of the built-in
// base.html rendered through .Frame.Shared.Render is the one every page
// shows, with the page's own links (two pages at different depths get
// different parts); and the frame's fields stay reachable the old way.
func TestSharedFrame(t *testing.T) {
	p := project.New(testutil.SiteFS(`
-- incidentsite.yaml --
title: Test
base_url: https://status.example.org/
languages: [en, nl]
services:
  - {id: web, name: Website}
-- layouts/partials/mine.html --
{{define "base-foot"}}MINE {{.Lang}} {{.Home}} {{.History}} {{t "site.powered"}}</span></p></div></footer>
{{end}}
-- layouts/service.html --
{{define "content"}}<p>{{.Lang}} {{.Home}} {{.Frame.Home}} {{.Frame.Shared.Home}}</p>{{end}}
`), nil, time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC))
	p.Check()
	if p.Model == nil {
		t.Fatal(p.Diags)
	}
	out := &memOut{}
	if err := Render(projection.Public(p.Model), p.Theme, out); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ file, want string }{
		{"index.html", "MINE en ./ history/ "},
		{"nl/index.html", "MINE nl ./ history/ "},
		{"services/web/index.html", "MINE en ../../ ../../history/ "},
		{"nl/services/web/index.html", "MINE nl ../../ ../../history/ "},
		{"services/web/index.html", "<p>en ../../ ../../ ../../</p>"},
	} {
		if got := string(out.files[c.file]); !strings.Contains(got, c.want) {
			t.Errorf("%s lacks %q:\n%s", c.file, c.want, got)
		}
	}
}

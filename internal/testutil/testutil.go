// Package testutil helps tests build sites from txtar archives written
// inline, compare output with golden files, and make git repositories in
// memory.
package testutil

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

// Update is the -update flag: rewrite golden files instead of comparing.
var Update = flag.Bool("update", false, "rewrite golden files and scripts with the output of the code under test")

// SiteFS returns the files of a txtar archive as a file system.
func SiteFS(archive string) fstest.MapFS {
	a := txtar.Parse([]byte(archive))
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

// Golden compares got with the file testdata/name.golden, or writes it
// when -update is set.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name+".golden")
	if *Update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", file, diff)
	}
}

// Lines splits s into its lines, without the final empty one.
func Lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// MinimalConfig is an incidentsite.yaml with two services, for tests that
// only care about content.
const MinimalConfig = `title: Test Status
base_url: https://status.example.org/
languages: [en, nl]
timezone: Europe/Brussels
groups:
  - {id: apps, name: Applications}
services:
  - {id: assetexplorer, name: AssetExplorer, group: apps}
  - {id: website, name: Website}
`

// MinimalContacts is a contact list holding every role the built-in
// templates' internal communication names.
const MinimalContacts = `---
title: Internal contacts
audience: internal
owner: an-janssens
reviewed: 2025-01-15
contacts:
  - id: an-janssens
    name: An Janssens
    roles: [incident-coordinator, team-manager, head-of-it, management, legal]
    email: an@example.org
  - id: ops
    name: Operations team
    roles: [operations-team, service-desk, security-team, dpo, privacy-team]
    phone: "+32 2 000 00 00"
---
`

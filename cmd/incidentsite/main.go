// Command incidentsite turns a git repository of incident records into a
// public status page and an internal incident logbook.
package main

import (
	"os"
	_ "time/tzdata" // time zones must not depend on the machine

	"github.com/incidentsite/incidentsite/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}

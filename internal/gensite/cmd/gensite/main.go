// Command gensite writes a generated site repository for benchmarks and
// for .ci/perf: gensite -n 10000 DIR makes DIR a git repository of a site
// of 10,000 incidents and 50,000 commits, with main checked out. The same
// -n gives the same bytes and commit hashes (see package gensite).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/incidentsite/incidentsite/internal/gensite"
)

func main() {
	n := flag.Int("n", 1000, "how many incidents (five commits each)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: gensite [-n incidents] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "gensite: %s is not empty\n", dir)
		os.Exit(1)
	}
	head, err := gensite.Write(dir, *n)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d incidents, %d commits, head %s\n", dir, *n, gensite.CommitsPerIncident**n, head)
}

package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/output"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/spf13/cobra"
)

func newValidateCmd(g *globals) *cobra.Command {
	var (
		format  string
		rev     string
		now     string
		timings bool
	)
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check every file of the site and report all problems",
		Long: `Validate loads the whole site and reports every problem at once, sorted,
one per line, as file:line:col: message. Warnings do not fail validation.

Formats: text (for people, on standard error), github (workflow commands
that annotate a pull request's lines) and json (an array of
{file, line, col, severity, rule, message}), both on standard output.

Exit status: 0 when the site is valid, 1 when it has errors, 2 when the
command was used wrongly.`,
		Example: `  incidentsite validate
  incidentsite validate --rev origin/main --format github
  incidentsite validate -s ../status-site --format json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := diag.Format(format)
			if !slices.Contains(diag.Formats, f) {
				return usagef("--format %q is not one of text, github, json", format)
			}
			start := time.Now()
			// validate is a short process whose heap only grows while it
			// loads the site: at Go's default (GOGC=100) a profile of 10,000
			// incidents showed 24 collections and the collector on 12% of
			// the CPU samples. With the records decoded from the cache the
			// last collection came as the process ended; collecting at five
			// times the live heap leaves it out: 10,000 incidents, cached,
			// 0.72-0.86 s and 1.1-1.3 s of CPU against 0.88-1.03 s and
			// 1.4-1.6 s at thrice, with the same peak (about 400 MiB). The
			// soft limit keeps a validate that parses every file (an empty
			// cache) from growing with it: 4.9 s and 780 MiB there, against
			// 5.1 s and 940 MiB at thrice, 4.2 s and 1.3 GiB without it.
			// GOGC and GOMEMLIMIT, when set, still decide. Restored after
			// the command.
			if g.getenv("GOGC") == "" && g.getenv("GOMEMLIMIT") == "" {
				defer debug.SetGCPercent(debug.SetGCPercent(validateGCPercent))
				defer debug.SetMemoryLimit(debug.SetMemoryLimit(validateMemoryLimit))
			}
			p, err := g.check(rev, now)
			if err != nil {
				return err
			}
			err = g.report(p, f)
			if timings {
				p.Timings.Since("total", start)
				if perr := p.Timings.Print(g.stderr); perr != nil && err == nil {
					err = perr
				}
			}
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, github or json")
	cmd.Flags().StringVar(&rev, "rev", "", "check this git revision (a commit, branch or tag) instead of the work tree")
	cmd.Flags().BoolVar(&timings, "timings", false, "print each phase's wall time on standard error after the report")
	cmd.Flags().StringVar(&now, "now", "", "the time to check against, in the site's time zone unless it has an offset (default: SOURCE_DATE_EPOCH, else the commit's time for --rev or a work tree without uncommitted changes, else the clock)")
	return cmd
}

// validateGCPercent and validateMemoryLimit are validate's GOGC and
// GOMEMLIMIT, unless the environment sets one of them.
const (
	validateGCPercent   = 400
	validateMemoryLimit = 768 << 20
)

// projectOptions are the options of the site named by -s, at revision
// rev when given, with the "now" of the --now flag or the environment.
func (g *globals) projectOptions(rev, now string) project.Options {
	opts := project.Options{Dir: g.source, Rev: rev, NowFlag: now, SourceDateEpoch: g.getenv("SOURCE_DATE_EPOCH")}
	if c := g.cache(); c != nil {
		opts.Cache = c
	}
	return opts
}

// check opens the site (at revision rev, when given) with the "now" of
// the --now flag or the environment, and checks it.
func (g *globals) check(rev, now string) (*project.Project, error) {
	p, err := project.Open(g.projectOptions(rev, now))
	if err != nil {
		return nil, openError(err)
	}
	p.Check()
	return p, nil
}

// openError is err, of opening a site or naming an output folder, as the
// command returns it.
func openError(err error) error {
	switch {
	case errors.Is(err, project.ErrNotFound), errors.Is(err, project.ErrInvalid), errors.Is(err, output.ErrPlace):
		// The folder or revision named on the command line is not there,
		// --now is not a time, or -o names a wrong place: a usage error.
		return usageError{err}
	}
	// It is there but cannot be read (a damaged repository), or an
	// output folder is not one to replace.
	return err
}

// printNow says which "now" the command used and why, in the site's time
// zone: "now: 2025-03-01 13:00 CET (commit 0123abcd4567)". It goes with
// the summary of a successful run on standard output, or on standard
// error when standard output carries the github or json format.
func (g *globals) printNow(w io.Writer, now string) {
	fmt.Fprintf(w, "now: %s\n", now)
}

// report prints p's diagnostics and a summary, and returns errFailed when
// there are errors.
func (g *globals) report(p *project.Project, f diag.Format) error {
	out := g.stderr
	if f != diag.Text {
		out = g.stdout
	}
	if err := diag.Print(out, p.Diags, f, g.displayPrefix()); err != nil {
		return err
	}
	errs, warns := p.Diags.Count()
	if f != diag.Text {
		g.printNow(g.stderr, p.NowText())
	}
	if errs > 0 {
		fmt.Fprintf(g.stderr, "%s: %s\n", siteName(g.source), plural(errs, "error", "errors")+withWarnings(warns))
		return errFailed
	}
	if f == diag.Text {
		g.printNow(g.stdout, p.NowText())
		fmt.Fprintf(g.stdout, "%s is valid: %s%s\n", siteName(g.source), counts(p), withWarnings(warns))
	}
	return nil
}

// displayPrefix is the path from the working folder to the site, which
// diagnostics put before each file so that editors can open it.
func (g *globals) displayPrefix() string {
	if g.source == "" || g.source == "." {
		return ""
	}
	if filepath.IsAbs(g.source) {
		if wd, err := filepath.Abs("."); err == nil {
			if rel, err := filepath.Rel(wd, g.source); err == nil && !strings.HasPrefix(rel, "..") {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(g.source))
}

func siteName(src string) string {
	if src == "" || src == "." {
		return "site"
	}
	return "site " + src
}

func counts(p *project.Project) string {
	c := p.Counts()
	return strings.Join([]string{
		plural(c[vocab.KindIncident], "incident", "incidents"),
		plural(c[vocab.KindRCA], "RCA", "RCAs"),
		plural(c[vocab.KindMaintenance], "maintenance window", "maintenance windows"),
		plural(c[vocab.KindContacts], "contact list", "contact lists"),
		plural(c[vocab.KindExercise], "exercise", "exercises"),
	}, ", ")
}

func withWarnings(n int) string {
	if n == 0 {
		return ""
	}
	return " (" + plural(n, "warning", "warnings") + ")"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

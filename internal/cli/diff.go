package cli

import (
	"fmt"
	"io"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/diff"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/spf13/cobra"
)

// diffFormats are diff's output formats.
var diffFormats = map[string]func(io.Writer, *diff.Report) error{
	"text":     diff.WriteText,
	"markdown": diff.WriteMarkdown,
	"json":     diff.WriteJSON,
}

func newDiffCmd(g *globals) *cobra.Command {
	var (
		format   string
		now      string
		exitCode bool
	)
	cmd := &cobra.Command{
		Use:   "diff BASE [HEAD]",
		Short: "Say what a change does for customers and for the team",
		Long: `Diff compares the site at revision BASE with the site at revision HEAD
(default: the work tree, uncommitted changes included), both read straight
from git without a checkout, and says what the change does: for customers,
what the status page will show (new incidents, maintenance and updates,
status and impact changes, records made public or withdrawn, published text
rewritten, deletions); for the team, what the logbook will show (RCAs,
actions, notifications, decisions, legal deadlines met or missed).

Both sites are checked at the same "now": --now, else SOURCE_DATE_EPOCH,
else HEAD's own "now" as validate would choose it (the commit's time for a
revision), so that nothing time brings shows as a change.

Formats, on standard output: text (for people), markdown (a pull
request's job summary or comment) and json (a versioned document for
notification hooks; see the README).

Exit status: 0 whether or not there are changes (1 when there are, with
--exit-code), 1 when a revision's site has errors (they are printed), 2
when the command was used wrongly or a revision does not exist.`,
		Example: `  incidentsite diff main
  incidentsite diff origin/main HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
  incidentsite diff HEAD~1 HEAD --format json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return usagef("%s takes a BASE revision and an optional HEAD revision, but got %d arguments", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			write, ok := diffFormats[format]
			if !ok {
				return usagef("--format %q is not one of text, markdown, json", format)
			}
			for _, rev := range args {
				if err := source.CheckRevision(rev); err != nil {
					return usageError{err}
				}
			}
			if _, _, err := source.OpenRepository(g.source); err != nil {
				return usagef("diff reads revisions from git, but %s is not in a git repository (%v)", siteFolder(g.source), err)
			}
			headRev := ""
			if len(args) == 2 {
				headRev = args[1]
			}
			head, err := g.diffSide("HEAD", headRev, g.projectOptions(headRev, now))
			if err != nil {
				return err
			}
			// The base is checked at the head's "now", whatever it was.
			opts := g.projectOptions(args[0], "")
			opts.Now, opts.SourceDateEpoch = head.Site.Now, ""
			base, err := g.diffSide("BASE", args[0], opts)
			if err != nil {
				return err
			}
			r := diff.Compare(base.Side, head.Side)
			g.printNow(g.stderr, head.now)
			if err := write(g.stdout, r); err != nil {
				return err
			}
			if pub, team := r.Counts(); exitCode && pub+team > 0 {
				return errFailed
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, markdown or json")
	cmd.Flags().StringVar(&now, "now", "", "the time to check both revisions at, in the site's time zone unless it has an offset (default: SOURCE_DATE_EPOCH, else HEAD's commit time, else the clock for a work tree with uncommitted changes)")
	cmd.Flags().BoolVar(&exitCode, "exit-code", false, "exit with 1 when there are changes, as git diff --exit-code does")
	return cmd
}

// diffSide is one checked side of a diff, and its "now" in words.
type diffSide struct {
	diff.Side
	now string
}

// diffSide opens and checks the site at rev ("" for the work tree),
// named which ("BASE" or "HEAD") in messages. A site with errors prints
// its diagnostics and returns errFailed.
func (g *globals) diffSide(which, rev string, opts project.Options) (diffSide, error) {
	p, err := project.Open(opts)
	if err != nil {
		return diffSide{}, openError(err)
	}
	p.Check()
	name := "the work tree"
	if rev != "" {
		name = fmt.Sprintf("revision %q", rev)
	}
	if p.Model == nil {
		if err := diag.Print(g.stderr, p.Diags, diag.Text, g.displayPrefix()); err != nil {
			return diffSide{}, err
		}
		errs, _ := p.Diags.Count()
		fmt.Fprintf(g.stderr, "%s: %s (%s) has %s; diff compares two valid sites\n", siteName(g.source), which, name, plural(errs, "error", "errors"))
		return diffSide{}, errFailed
	}
	s := diffSide{Side: diff.Side{Site: p.Model, Revision: diff.Revision{Rev: rev}}, now: p.NowText()}
	if rev != "" && p.Revision != nil {
		s.Commit = p.Revision.Hash
	}
	return s, nil
}

// siteFolder names the -s folder in a message.
func siteFolder(src string) string {
	if src == "" || src == "." {
		return "the current folder"
	}
	return src
}

package cli

import (
	"fmt"

	"github.com/incidentsite/incidentsite/internal/build"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/spf13/cobra"
)

func newBuildCmd(g *globals) *cobra.Command {
	var rev, now, out string
	var timings bool
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Validate the site, then write the public site",
		Long: `Build validates the whole site and, when it has no errors, writes the public
site (status page, incident, maintenance and service pages, history, feeds,
Statuspage-compatible API, badges, calendars) into output.public (default
public/). The new output is written beside the old one and swapped in whole:
a failed build leaves the previous output exactly as it was.

An output folder (-o, relative to the current folder, or output.public,
relative to the site's) must lie inside the site, be reached through no
symbolic link and overlap none of the site's sources (content, templates,
layouts, static, .git, .github, incidentsite.yaml). An existing folder is
replaced only when an earlier build wrote it (it holds the file
.incidentsite-build) or when it is empty: a build never deletes what it
did not write.

The output depends only on the files and on "now": --now, else
SOURCE_DATE_EPOCH, else the time of the commit read (with --rev, or when
the site's files in the work tree are those of HEAD), else the clock (a
preview of uncommitted changes, a folder outside git). The build says
which it used. The same revision gives byte-identical output anywhere.`,
		Example: `  incidentsite build
  incidentsite build --rev origin/main --now 2025-03-01T12:00:00Z`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts := build.Options{Project: g.projectOptions(rev, now)}
			if out != "" {
				opts.Public = build.NamedFolder{Dir: out, Name: "-o " + out}
			}
			res, err := build.Run(opts)
			if err != nil && res == nil {
				return openError(err)
			}
			if timings {
				// After everything else the build prints, whatever the
				// outcome: a failed build's time is worth seeing too.
				defer res.Timings.Print(g.stderr)
			}
			if err := diag.Print(g.stderr, res.Diags, diag.Text, g.displayPrefix()); err != nil {
				return err
			}
			if errs, warns := res.Diags.Count(); errs > 0 {
				fmt.Fprintf(g.stderr, "%s: %s; nothing was written\n", siteName(g.source), plural(errs, "error", "errors")+withWarnings(warns))
				return errFailed
			}
			for _, w := range res.Warnings {
				fmt.Fprintf(g.stderr, "incidentsite: warning: %s\n", w)
			}
			if err != nil {
				return err
			}
			g.printNow(g.stdout, res.Now)
			for _, w := range res.Written {
				fmt.Fprintf(g.stdout, "wrote %s: %s\n", w.Dir, plural(w.Files, "file", "files"))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&rev, "rev", "", "build this git revision (a commit, branch or tag) instead of the work tree")
	cmd.Flags().StringVar(&now, "now", "", "the build's time, in the site's time zone unless it has an offset (default: SOURCE_DATE_EPOCH, else the commit's time for --rev or a work tree without uncommitted changes, else the clock)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the public site here (relative to the current folder) instead of output.public")
	cmd.Flags().BoolVar(&timings, "timings", false, "print each phase's wall time on standard error after the build")
	return cmd
}

package cli

import (
	"fmt"
	"path/filepath"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/output"
	"github.com/incidentsite/incidentsite/internal/projection"
	"github.com/incidentsite/incidentsite/internal/site"
	"github.com/spf13/cobra"
)

func newBuildCmd(g *globals) *cobra.Command {
	var rev, now, out string
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Validate the site, then write the public site",
		Long: `Build validates the whole site and, when it has no errors, writes the public
site (status page, incident, maintenance and service pages, history, feeds,
Statuspage-compatible API, badges, calendars) into output.public (default
public/). The new output is written beside the old one and swapped in whole:
a failed build leaves the previous output exactly as it was.

The output depends only on the files and on "now": --now, else
SOURCE_DATE_EPOCH, else the time of the commit read (with --rev, or when
the site's files in the work tree are those of HEAD), else the clock (a
preview of uncommitted changes, a folder outside git). The build says
which it used. The same revision gives byte-identical output anywhere.`,
		Example: `  incidentsite build
  incidentsite build --rev origin/main --now 2025-03-01T12:00:00Z`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := g.check(rev, now)
			if err != nil {
				return err
			}
			if err := diag.Print(g.stderr, p.Diags, diag.Text, g.displayPrefix()); err != nil {
				return err
			}
			if errs, warns := p.Diags.Count(); errs > 0 {
				fmt.Fprintf(g.stderr, "%s: %s; nothing was written\n", siteName(g.source), plural(errs, "error", "errors")+withWarnings(warns))
				return errFailed
			}
			files, err := site.Render(projection.Public(p.Model), p.FS)
			if err != nil {
				return fmt.Errorf("render the public site: %w", err)
			}
			dir := out
			if dir == "" {
				dir = p.Config.Output.Public
				if !filepath.IsAbs(dir) {
					dir = filepath.Join(g.source, filepath.FromSlash(dir))
				}
			}
			if err := output.Write(dir, files); err != nil {
				return err
			}
			g.printNow(g.stdout, p)
			fmt.Fprintf(g.stdout, "wrote %s: %s\n", filepath.ToSlash(dir), plural(len(files), "file", "files"))
			return nil
		},
	}
	cmd.Flags().StringVar(&rev, "rev", "", "build this git revision (a commit, branch or tag) instead of the work tree")
	cmd.Flags().StringVar(&now, "now", "", "the build's time, in the site's time zone unless it has an offset (default: SOURCE_DATE_EPOCH, else the commit's time for --rev or a work tree without uncommitted changes, else the clock)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the public site here instead of output.public")
	return cmd
}

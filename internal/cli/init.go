package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"time"

	"github.com/incidentsite/incidentsite/internal/scaffold"
	"github.com/spf13/cobra"
)

func newInitCmd(g *globals) *cobra.Command {
	o := scaffold.SiteOptions{}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start a new site from the built-in defaults",
		Long: `Init writes a new site into DIR (default: the current folder): the
configuration, the category templates, example contact lists to replace with
your own, a .gitignore and two GitHub workflows: the pull request check
and the publish workflow. The workflows run incidentsite at the version
given by --tool-version (default: this binary's version, when it was
installed from a release). It refuses to overwrite any file.`,
		Example: `  incidentsite init status-site --title "Example Status" --base-url https://status.example.org/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("init takes at most one folder, but got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := g.source
			if len(args) == 1 {
				dir = args[0]
			}
			o.Now = time.Now()
			if !cmd.Flags().Changed("tool-version") {
				o.Version = releaseVersion()
			}
			files, err := scaffold.Site(o)
			if err != nil {
				return err
			}
			names := slices.Sorted(func(yield func(string) bool) {
				for k := range files {
					if !yield(k) {
						return
					}
				}
			})
			var exist []string
			for _, n := range names {
				if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(n))); err == nil {
					exist = append(exist, n)
				}
			}
			if len(exist) > 0 {
				for _, n := range exist {
					fmt.Fprintf(g.stderr, "%s: already exists\n", filepath.ToSlash(filepath.Join(dir, n)))
				}
				fmt.Fprintln(g.stderr, "incidentsite: init never overwrites files; choose an empty folder")
				return errFailed
			}
			for _, n := range names {
				if err := scaffold.Create(dir, n, files[n]); err != nil {
					return fmt.Errorf("init: %w", err)
				}
			}
			fmt.Fprintf(g.stdout, "wrote a new site in %s (%d files)\nnext: edit %s, replace the contact lists, then run \"incidentsite validate -s %s\"\nto publish from GitHub: Settings > Pages > Source: GitHub Actions (see \"Publishing\" in incidentsite's README)\n",
				filepath.ToSlash(dir), len(names), filepath.ToSlash(filepath.Join(dir, "incidentsite.yaml")), filepath.ToSlash(dir))
			if o.Version == "" {
				fmt.Fprintf(g.stderr, "incidentsite: warning: this incidentsite is not a release (a development build), so the workflows in %s run incidentsite@latest, which is not pinned; pin a release with --tool-version, as in --tool-version v1.4.2, or edit INCIDENTSITE in both files\n",
					filepath.ToSlash(filepath.Join(dir, ".github", "workflows")))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Title, "title", "Status", "the status page's title")
	f.StringVar(&o.Organisation, "organisation", "Example", "the organisation that runs the services")
	f.StringVar(&o.BaseURL, "base-url", "https://status.example.org/", "where the public site will be published: an absolute http(s) address")
	f.StringVar(&o.TimeZone, "timezone", "Europe/Brussels", "the site's time zone")
	f.StringVar(&o.Version, "tool-version", "", "the incidentsite version that the new site's workflows run, as in v1.4.2 (default: this binary's, when it is a release)")
	return cmd
}

// releaseVersion returns the version of this binary's module when the
// module proxy can serve it: one that "go install …@version" fetched
// (it has a checksum), not a build from a work tree, whose version names
// a commit that may exist nowhere else. It returns "" otherwise.
func releaseVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Sum == "" || !scaffold.IsModuleVersion(bi.Main.Version) {
		return ""
	}
	return bi.Main.Version
}

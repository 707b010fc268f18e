package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/incidentsite/incidentsite/internal/config"
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
your own, a .gitignore and a GitHub workflow that validates pull requests.
It refuses to overwrite any file.`,
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
			if err := checkSiteOptions(&o); err != nil {
				return err
			}
			loc, _ := time.LoadLocation(o.TimeZone)
			o.Today = time.Now().In(loc)
			files, err := scaffold.Site(o)
			if err != nil {
				return err
			}
			// The flags are checked above by the configuration's own
			// rules; a configuration that still does not read back is a
			// bug here.
			if _, d := config.Parse(files[config.File]); d.HasErrors() {
				return fmt.Errorf("internal error: the new %s does not read back: %v", config.File, d.Err())
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
				if err := writeNew(dir, n, files[n]); err != nil {
					return fmt.Errorf("init: %w", err)
				}
			}
			fmt.Fprintf(g.stdout, "wrote a new site in %s (%d files)\nnext: edit %s, replace the contact lists, then run \"incidentsite validate -s %s\"\n",
				filepath.ToSlash(dir), len(names), filepath.ToSlash(filepath.Join(dir, "incidentsite.yaml")), filepath.ToSlash(dir))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Title, "title", "Status", "the status page's title")
	f.StringVar(&o.Organisation, "organisation", "Example", "the organisation that runs the services")
	f.StringVar(&o.BaseURL, "base-url", "https://status.example.org/", "where the public site will be published: an absolute http(s) address")
	f.StringVar(&o.TimeZone, "timezone", "Europe/Brussels", "the site's time zone")
	return cmd
}

// checkSiteOptions checks init's flags by the rules the configuration
// will be checked by, so that a new site validates, and ends the base
// address with "/".
func checkSiteOptions(o *scaffold.SiteOptions) error {
	for _, f := range [][2]string{{"--title", o.Title}, {"--organisation", o.Organisation}} {
		if flag, v := f[0], f[1]; strings.ContainsFunc(v, deceptive) {
			r, _ := utf8.DecodeRuneInString(v[strings.IndexFunc(v, deceptive):])
			return usagef("%s holds the character %U, which the configuration may not hold (a line break, a control or an invisible bidirectional control); write it on one line without it", flag, r)
		}
	}
	if strings.TrimSpace(o.Title) == "" {
		return usagef("--title is required: the status page's title, as in --title \"Example Status\"")
	}
	if msg := config.CheckURL(o.BaseURL); msg != "" {
		return usagef("--base-url %s", msg)
	}
	if !strings.HasSuffix(o.BaseURL, "/") {
		o.BaseURL += "/"
	}
	if _, err := time.LoadLocation(o.TimeZone); err != nil || o.TimeZone == "" || strings.EqualFold(o.TimeZone, "local") {
		return usagef("--timezone %q is unknown; use an IANA name such as Europe/Brussels, or UTC", o.TimeZone)
	}
	return nil
}

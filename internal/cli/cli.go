// Package cli is incidentsite's command tree: it turns flags into options,
// calls into the internal packages, prints diagnostics and chooses the
// exit code. It is the only package that prints.
//
// Exit codes follow cmd/go: 0 success, 1 the site or the build failed,
// 2 the command was used wrongly.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/incidentsite/incidentsite/internal/cache"
	"github.com/incidentsite/incidentsite/internal/scaffold"
	"github.com/spf13/cobra"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailed  = 1
	ExitUsage   = 2
	sourceUsage = "the site's folder"
)

// errFailed is returned by a command whose output already says what went
// wrong (the diagnostics); Main only sets the exit code.
var errFailed = errors.New("failed")

// usageError marks a wrong use of the command line, as does a
// *scaffold.OptionError: options that cannot make a new site or record.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// globals are the flags every command has.
type globals struct {
	source string
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string

	// cacheDir is the cache folder, once cache has opened it.
	cacheDir    *cache.Dir
	cacheOpened bool
}

// cache returns the cache folder the environment names (cache.Env), nil
// for none, opened once. A folder named that cannot be opened is a
// warning, and the command goes on without a cache; the user's cache
// folder that cannot be (a read-only home in a container) is no cache,
// without a word. The cache holds the history of internal records
// (authors, commit subjects): a folder inside the site, where it could be
// committed or published with it, is refused with a warning.
func (g *globals) cache() *cache.Dir {
	if g.cacheOpened {
		return g.cacheDir
	}
	g.cacheOpened = true
	dir, named := cache.Location(g.getenv)
	switch {
	case dir == "":
	case within(dir, g.source):
		fmt.Fprintf(g.stderr, "incidentsite: warning: the cache folder %s is inside the site, where it could be committed or published; going on without it (set %s to a folder outside the site)\n", dir, cache.Env)
	default:
		d, err := cache.Open(dir)
		if err != nil && named {
			fmt.Fprintf(g.stderr, "incidentsite: warning: %v; going on without it (set %s to a folder you can write, or to off)\n", err, cache.Env)
		}
		g.cacheDir = d
	}
	return g.cacheDir
}

// within reports whether path is dir or inside it, links resolved where
// they can be.
func within(path, dir string) bool {
	resolve := func(p string) string {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		return p
	}
	rel, err := filepath.Rel(resolve(dir), resolve(path))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Main runs incidentsite with args and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	return run(args, stdout, stderr, os.Getenv)
}

func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	g := &globals{stdout: stdout, stderr: stderr, getenv: getenv}
	root := &cobra.Command{
		Use:   "incidentsite",
		Short: "Incident records in git, turned into a status page and an incident logbook",
		Long: `incidentsite keeps incidents, root cause analyses, maintenance windows,
contact lists and exercises as Markdown files in a git repository, checks
them against category templates, and builds a public status page and an
internal incident logbook from them.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetArgs(args)
	root.PersistentFlags().StringVarP(&g.source, "source", "s", ".", sourceUsage)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	var prof profiles
	prof.flags(root)
	root.PersistentPreRunE = func(*cobra.Command, []string) error { return prof.start() }
	root.AddCommand(newBuildCmd(g), newValidateCmd(g), newDiffCmd(g), newServeCmd(g), newNewCmd(g), newInitCmd(g), newVersionCmd(g))
	root.CompletionOptions.HiddenDefaultCmd = true

	cmd, err := root.ExecuteC()
	if perr := prof.stop(); err == nil {
		err = perr
	}
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errFailed):
		return ExitFailed
	}
	var ue usageError
	var oe *scaffold.OptionError
	if errors.As(err, &ue) || errors.As(err, &oe) || isCobraUsage(err) {
		fmt.Fprintf(stderr, "incidentsite: %v\n", err)
		if cmd != nil {
			fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		}
		return ExitUsage
	}
	fmt.Fprintf(stderr, "incidentsite: %v\n", err)
	return ExitFailed
}

// isCobraUsage reports whether err is one of cobra's own complaints about
// the command line, which it returns as plain errors.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires at least", "requires at most", "invalid argument", "flag needs an argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// noArgs is cobra.NoArgs as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, but got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

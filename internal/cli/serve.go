package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/project"
	"github.com/incidentsite/incidentsite/internal/serve"
	"github.com/spf13/cobra"
)

func newServeCmd(g *globals) *cobra.Command {
	var (
		port    int
		timings bool
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview both sites on this machine, rebuilt on every save",
		Long: `Serve builds the public site and the logbook into memory (nothing is
written to the site's folder) and serves both on 127.0.0.1, on one port:
the public site at / and the logbook under /logbook/ (the logbook's links
are relative, so it works under that prefix). Each page is rendered when
it is first asked for, by the same renderers as build. Its "now" is
always the clock: it previews what you are editing.

It watches the files the build reads (incidentsite.yaml, content,
templates, regulations, layouts, static; not the output folders nor
dot-folders) and rebuilds after every change. Open pages reload by
themselves when a build ends (with JavaScript on; without, reload by
hand). A build that fails keeps the last good site in place and shows its
errors, with file, line and column, on every page and in the terminal;
once fixed, the banner goes.

It answers only requests for localhost, 127.0.0.1 or [::1] (a page of
another site cannot reach it by DNS rebinding), serves only the files it
built, and stops on Ctrl+C (SIGINT) or SIGTERM.`,
		Example: `  incidentsite serve
  incidentsite serve --port 9000 -s path/to/site`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if port < 0 || port > 65535 {
				return usagef("--port %d is not a port; choose one from 1 to 65535, or 0 for any free port", port)
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return g.serve(ctx, port, timings)
		},
	}
	cmd.Flags().IntVar(&port, "port", serve.DefaultPort, "the port of 127.0.0.1 to serve on (0: any free port)")
	cmd.Flags().BoolVar(&timings, "timings", false, "print each build's phases and their wall times on standard error after its summary line")
	return cmd
}

// serve runs the preview server until ctx is done.
func (g *globals) serve(ctx context.Context, port int, timings bool) error {
	first := true
	opts := serve.Options{
		Dir:    g.source,
		Prefix: g.displayPrefix(),
		OnBuild: func(r serve.Report) {
			if first {
				return // reported below, with what it means
			}
			g.printBuild(r, timings)
		},
		OnWatchError: func(err error) { fmt.Fprintf(g.stderr, "incidentsite: warning: %v\n", err) },
	}
	if c := g.cache(); c != nil {
		opts.Cache = c
	}
	s := serve.New(opts)
	r := s.Build()
	first = false
	if r.Err != nil && (errors.Is(r.Err, project.ErrNotFound) || errors.Is(r.Err, project.ErrInvalid)) {
		return openError(r.Err)
	}
	ln, err := serve.Listen(port)
	if err != nil {
		return err
	}
	g.printBuild(r, timings)
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(g.stdout, "serving the public site at %s/\n", base)
	fmt.Fprintf(g.stdout, "serving the logbook at     %s%s\n", base, serve.LogbookPrefix)
	fmt.Fprintf(g.stdout, "watching %s for changes; stop with Ctrl+C\n", siteName(g.source))
	if err := s.Serve(ctx, ln); err != nil {
		return err
	}
	fmt.Fprintln(g.stdout, "stopped")
	return nil
}

// printBuild says what a build of serve did: its problems on standard
// error, as validate prints them, and a line on standard output.
func (g *globals) printBuild(r serve.Report, timings bool) {
	diag.Print(g.stderr, r.Diags, diag.Text, g.displayPrefix())
	errs, warns := r.Diags.Count()
	took := r.Took.Round(time.Millisecond)
	switch {
	case r.Err != nil:
		fmt.Fprintf(g.stderr, "incidentsite: build %d failed: %v\n", r.Version, r.Err)
	case errs > 0:
		fmt.Fprintf(g.stderr, "build %d: %s: %s; the pages show them over the last good build\n", r.Version, siteName(g.source), plural(errs, "error", "errors")+withWarnings(warns))
	default:
		g.printNow(g.stdout, r.Now)
		fmt.Fprintf(g.stdout, "build %d in %s: public %s, logbook %s%s\n", r.Version, took, plural(r.Public, "page", "pages"), plural(r.Logbook, "page", "pages"), withWarnings(warns))
	}
	if timings {
		r.Timings.Print(g.stderr)
	}
}

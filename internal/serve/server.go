package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/incidentsite/incidentsite/internal/build"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/history"
	"github.com/incidentsite/incidentsite/internal/project"
)

// DefaultPort is the port serve listens on unless told otherwise.
const DefaultPort = 8080

// timeouts are the HTTP server's: a slow or stalled client cannot hold a
// connection. The event stream alone lifts the read and write deadlines
// of its own connection.
type timeouts struct {
	readHeader, read, write, idle time.Duration
	// shutdown bounds the wait for requests in flight on exit.
	shutdown time.Duration
}

// defaultTimeouts are the timeouts of every server but the tests'.
var defaultTimeouts = timeouts{
	readHeader: 5 * time.Second,
	read:       10 * time.Second,
	write:      30 * time.Second,
	idle:       60 * time.Second,
	shutdown:   5 * time.Second,
}

// Options says which site to serve and how.
type Options struct {
	// Dir is the site's folder; "" means the current folder.
	Dir string
	// Clock is the wall clock, read at each build for its "now"
	// (DESIGN.md, non-negotiable 4: serve previews what is being
	// edited); nil means time.Now.
	Clock func() time.Time
	// Prefix is put before the files that the banner's diagnostics
	// name: the path from the working folder to the site.
	Prefix string
	// Debounce is how long the watcher waits after a change for more
	// before it rebuilds; zero means 150ms.
	Debounce time.Duration
	// Heartbeat is how often an idle event stream gets a comment, so that
	// proxies and browsers keep it open; zero means 15s.
	Heartbeat time.Duration
	// OnBuild, when set, is called after every build, one at a time.
	OnBuild func(Report)
	// OnWatchError, when set, is called when watching fails in part
	// (a folder that cannot be watched); the server keeps running.
	OnWatchError func(error)
	// Cache, when not nil, keeps the history of each commit read, so
	// that a rebuild reads the history again only after a commit.
	Cache history.Cache
}

// Report is what a build did.
type Report struct {
	// Version counts the builds, from 1.
	Version int
	// Now is the build's "now" and where it came from.
	Now string
	// Diags are the site's problems; with errors, the build failed.
	Diags diag.List
	// Err is a failure to open or render the site: the build failed.
	Err error
	// Public and Logbook are how many pages each site has, in all its
	// languages, when the build succeeded. A page is rendered when it is
	// first asked for, not by the build.
	Public, Logbook int
	// Took is how long the build took.
	Took time.Duration
	// Timings are the wall times of the build's phases (build.Preview),
	// when the site could be opened.
	Timings project.Timings
}

// OK reports whether the build succeeded: it is the site now served.
func (r Report) OK() bool { return r.Err == nil && !r.Diags.HasErrors() }

// snapshot is a good build.
type snapshot struct {
	public, logbook files
	built           time.Time
}

// files is a site of a good build: its files, each rendered when it is
// first asked for (build.Site). ok is false when the site has no such
// file; err is a failure to render it.
type files interface {
	File(name string) (data []byte, ok bool, err error)
}

// failure is a failed build, or a file that failed to render, as the
// banner shows it: its title ("" for a failed build's) and its text.
type failure struct{ title, text string }

// state is what the server serves: the last good build, the last build's
// problems, and the version of that last build.
type state struct {
	version       int
	good          *snapshot
	failure       *failure
	warnings      string
	warningsTitle string
}

// Server builds a site into memory and serves it; see the package
// comment.
type Server struct {
	opts Options

	buildMu sync.Mutex // serialises builds

	mu      sync.Mutex
	st      state
	changed chan struct{} // closed and replaced when st changes
	done    chan struct{} // closed by Close: event streams end
	closed  bool
	portNum int

	timeouts timeouts

	// memo keeps what one build parsed and read (the records, HEAD's
	// history) for the next build of the site: a save parses the file
	// saved, not every record.
	memo *project.Memo
}

// New returns a server of the site opts names. It builds nothing yet.
func New(opts Options) *Server {
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.Debounce == 0 {
		opts.Debounce = 150 * time.Millisecond
	}
	if opts.Heartbeat == 0 {
		opts.Heartbeat = 15 * time.Second
	}
	return &Server{opts: opts, changed: make(chan struct{}), done: make(chan struct{}), timeouts: defaultTimeouts, memo: project.NewMemo()}
}

// current returns the state served.
func (s *Server) current() state {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st
}

// port returns the port the server listens on, 0 before Serve.
func (s *Server) port() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.portNum
}

// Build builds the site now, with the clock's time as its "now", and
// serves the result when it succeeds; a failure keeps the last good
// build and shows the failure on every page. Builds run one at a time.
func (s *Server) Build() Report {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	now := s.opts.Clock().Truncate(time.Second)
	pv, err := build.NewPreview(project.Options{Dir: s.opts.Dir, Now: now, NowFrom: "the clock: serve previews the work tree", Cache: s.opts.Cache, Memo: s.memo})
	rep := Report{Err: err, Took: time.Since(start)}
	if pv != nil {
		rep.Now, rep.Diags, rep.Timings = pv.Now, pv.Diags, pv.Timings
	}

	s.mu.Lock()
	s.st.version++
	rep.Version = s.st.version
	s.st.warnings, s.st.warningsTitle = "", ""
	// Errors and warnings apart: an error is what the coordinator must
	// fix now, and it must not drown among warnings.
	var errs, warns diag.List
	for _, d := range rep.Diags {
		if d.Severity == diag.Warning {
			warns = append(warns, d)
		} else {
			errs = append(errs, d)
		}
	}
	if len(warns) > 0 {
		s.st.warnings = s.diagText(warns)
		s.st.warningsTitle = plural(len(warns), "warning") + " (the pull request check shows them too)"
	}
	if rep.OK() {
		rep.Public, rep.Logbook = pv.Public.Pages(), pv.Logbook.Pages()
		s.st.good = &snapshot{public: pv.Public, logbook: pv.Logbook, built: now}
		s.st.failure = nil
	} else {
		var b bytes.Buffer
		if len(errs) > 0 {
			b.WriteString(s.diagText(errs))
		}
		if err != nil {
			fmt.Fprintf(&b, "%v\n", err)
		}
		s.st.failure = &failure{text: b.String()}
	}
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	// Still under buildMu: reports come one at a time, in order.
	if s.opts.OnBuild != nil {
		s.opts.OnBuild(rep)
	}
	return rep
}

// maxBannerLines bounds the diagnostics a banner shows.
const maxBannerLines = 200

// diagText is l as the terminal shows it, at most maxBannerLines lines.
func (s *Server) diagText(l diag.List) string {
	var b bytes.Buffer
	shown := l
	if len(shown) > maxBannerLines {
		shown = shown[:maxBannerLines]
	}
	diag.Print(&b, shown, diag.Text, s.opts.Prefix)
	if n := len(l) - len(shown); n > 0 {
		fmt.Fprintf(&b, "… and %d more; incidentsite validate lists them all\n", n)
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// events streams an event named "build", whose data is the version of
// the last build, at once and after every build, with a comment as a
// heartbeat, until the client leaves or the server closes.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	// The stream outlives the server's read and write timeouts, which
	// are for ordinary requests.
	if err := rc.SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return
	}
	if err := rc.SetReadDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return
	}
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	heartbeat := time.NewTicker(s.opts.Heartbeat)
	defer heartbeat.Stop()
	for {
		s.mu.Lock()
		version, changed, closed := s.st.version, s.changed, s.closed
		s.mu.Unlock()
		if closed {
			return
		}
		if _, err := fmt.Fprintf(w, "retry: 1000\nevent: build\ndata: %d\n\n", version); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
	wait:
		for {
			select {
			case <-changed:
				break wait
			case <-heartbeat.C:
				if _, err := fmt.Fprint(w, ": heartbeat\n\n"); err != nil {
					return
				}
				if rc.Flush() != nil {
					return
				}
			case <-r.Context().Done():
				return
			case <-s.done:
				return
			}
		}
	}
}

// Close ends the event streams. Serve calls it on shutdown.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
}

// Listen listens on port of 127.0.0.1 (0: a free port); the server is
// reachable from this machine only.
func Listen(port int) (net.Listener, error) {
	if port < 0 || port > 65535 {
		return nil, fmt.Errorf("--port %d is not a port; choose one from 1 to 65535, or 0 for a free one", port)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return nil, fmt.Errorf("listen on 127.0.0.1:%d: %w; is another server running there? choose another port with --port", port, err)
	}
	return ln, nil
}

// Serve serves the site on ln and rebuilds it on every change of its
// files, until ctx is done; it then stops watching, ends the event
// streams, waits a little for requests in flight, and returns nil. The
// first build is the caller's (Build), so that it can say what it built
// before it says where. It returns an error when watching or serving
// cannot start or fails.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if a, ok := ln.Addr().(*net.TCPAddr); ok {
		s.mu.Lock()
		s.portNum = a.Port
		s.mu.Unlock()
	}
	w, err := newWatcher(s.opts.Dir, s.opts.OnWatchError)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.timeouts.readHeader,
		ReadTimeout:       s.timeouts.read,
		WriteTimeout:      s.timeouts.write,
		IdleTimeout:       s.timeouts.idle,
		MaxHeaderBytes:    64 << 10,
	}
	srv.RegisterOnShutdown(s.Close)

	watchCtx, stopWatch := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		w.run(watchCtx, s.opts.Debounce, func() { s.Build() })
	}()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
	}
	stopWatch()
	<-watched
	shutdown, cancel := context.WithTimeout(context.Background(), s.timeouts.shutdown)
	defer cancel()
	s.Close()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
	}
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", serveErr)
	}
	return nil
}

package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/testutil"
)

// wait is how long a test waits for a build: generous, since a loaded
// machine builds slowly; a passing test never waits that long.
const wait = 60 * time.Second

// sseReader reads the events of the event stream.
type sseReader struct {
	t    *testing.T
	body io.ReadCloser
	data chan string // the data of each "build" event
}

func openEvents(t *testing.T, base string) *sseReader {
	t.Helper()
	res, err := http.Get(base + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("events: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	r := &sseReader{t: t, body: res.Body, data: make(chan string, 100)}
	go func() {
		defer close(r.data)
		sc := bufio.NewScanner(res.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "build":
				r.data <- strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return r
}

// next waits for the build event with version at least v.
func (r *sseReader) next(v int) {
	r.t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case d, ok := <-r.data:
			if !ok {
				r.t.Fatalf("the event stream ended before build %d", v)
			}
			if n, _ := strconv.Atoi(d); n >= v {
				return
			}
		case <-timeout:
			r.t.Fatalf("no event for build %d in %s", v, wait)
		}
	}
}

// nextReport waits for the first build report that ok accepts.
func nextReport(t *testing.T, reports <-chan Report, what string, ok func(Report) bool) Report {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case r := <-reports:
			if ok(r) {
				return r
			}
		case <-timeout:
			t.Fatalf("no build %s in %s", what, wait)
		}
	}
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// pageWith returns the path of the public incident page of the last
// good build that holds text.
func pageWith(t *testing.T, s *Server, text string) string {
	t.Helper()
	if p := findPage(t, s, text); p != "" {
		return p
	}
	t.Fatalf("no incident page holds %q", text)
	return ""
}

// findPage returns the path of the public incident page of the last good
// build that holds text, or "". The pages are the incident files'.
func findPage(t *testing.T, s *Server, text string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(s.opts.Dir, "content/incidents/*/*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		page := "incidents/" + strings.TrimSuffix(filepath.Base(f), ".md") + "/"
		data, ok, err := s.current().good.public.File(page + "index.html")
		if err != nil {
			t.Fatal(err)
		}
		if ok && strings.Contains(string(data), text) {
			return "/" + page
		}
	}
	return ""
}

// TestRebuild: a real server on a temporary site, watched: an edit is
// rebuilt and announced; a broken file keeps the last good site with
// the errors on the page; the fix takes the banner away; a new folder is
// watched; shutdown ends the event streams.
func TestRebuild(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteSite(t, dir, 2)
	reports := make(chan Report, 100)
	s := New(Options{Dir: dir, Debounce: 50 * time.Millisecond, OnBuild: func(r Report) { reports <- r }})
	if first := s.Build(); !first.OK() || first.Public == 0 || first.Logbook == 0 || !strings.Contains(first.Now, "the clock: serve") {
		t.Fatalf("first build: %+v", first)
	}
	<-reports
	ln, err := Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	events := openEvents(t, base)
	events.next(1)
	incident := filepath.Join(dir, "content/incidents/2020/2020-01-01-incident-00000.md")
	original, err := os.ReadFile(incident)
	if err != nil {
		t.Fatal(err)
	}

	// An edit: a new build, announced, with the new text.
	edited := strings.Replace(string(original), "AssetExplorer is unavailable (0)", "Storage is slow & edited", 1)
	if err := os.WriteFile(incident, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	r := nextReport(t, reports, "with the edit", func(r Report) bool { return r.OK() })
	events.next(r.Version)
	page := pageWith(t, s, "Storage is slow &amp; edited")
	code, b := fetch(t, base+page)
	if code != 200 || !strings.Contains(b, "Storage is slow &amp; edited") || strings.Contains(b, "incidentsite-serve-errors") {
		t.Fatalf("%s after the edit: %d\n%s", page, code, b)
	}
	if !strings.Contains(b, fmt.Sprintf(`data-build="%d"`, r.Version)) {
		t.Errorf("%s: not marked as build %d", page, r.Version)
	}

	// A broken file: the last good site, with the positioned error.
	broken := strings.Replace(edited, "severity: minor", "severity: <huge>", 1)
	if err := os.WriteFile(incident, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	r = nextReport(t, reports, "that fails", func(r Report) bool { return !r.OK() })
	events.next(r.Version)
	code, b = fetch(t, base+page)
	want := "content/incidents/2020/2020-01-01-incident-00000.md:4:"
	if code != 200 || !strings.Contains(b, "Storage is slow &amp; edited") || !strings.Contains(b, "incidentsite-serve-errors") || !strings.Contains(b, want) || !strings.Contains(b, "&lt;huge&gt;") {
		t.Fatalf("%s while broken: %d, want the last good page with %q in a banner\n%s", page, code, want, b)
	}
	if strings.Contains(b, "<huge>") {
		t.Errorf("the banner is not escaped:\n%s", b)
	}
	if code, b := fetch(t, base+"/logbook/"); code != 200 || !strings.Contains(b, want) {
		t.Errorf("the logbook while broken: %d, no banner", code)
	}

	// The fix: the banner goes.
	if err := os.WriteFile(incident, original, 0o644); err != nil {
		t.Fatal(err)
	}
	r = nextReport(t, reports, "fixed", func(r Report) bool { return r.OK() })
	events.next(r.Version)
	if code, b := fetch(t, base+"/"); code != 200 || strings.Contains(b, "incidentsite-serve-errors") {
		t.Errorf("after the fix: %d\n%s", code, b)
	}

	// A new folder is watched, and what is written into it.
	year := filepath.Join(dir, "content/incidents/2021")
	if err := os.Mkdir(year, 0o755); err != nil {
		t.Fatal(err)
	}
	nextReport(t, reports, "for the new folder", func(Report) bool { return true })
	second, err := os.ReadFile(filepath.Join(dir, "content/incidents/2020/2020-01-01-incident-00001.md"))
	if err != nil {
		t.Fatal(err)
	}
	moved := strings.ReplaceAll(string(second), "2020-01-01", "2021-01-01")
	moved = strings.Replace(moved, "AssetExplorer is unavailable (1)", "In a new folder", 1)
	if err := os.WriteFile(filepath.Join(year, "2021-01-01-new.md"), []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	nextReport(t, reports, "with the file in the new folder", func(r Report) bool { return r.OK() && r.Public > 0 && findPage(t, s, "In a new folder") != "" })

	// The server, not the client, refuses what leaves the site.
	for target, want := range map[string]string{"/../../etc/passwd": "404", "/incidents/%2e%2e/index.html": "404", "/..%2f..%2fetc/passwd": "404"} {
		if got := rawStatus(t, ln.Addr().String(), target, "localhost"); got != want {
			t.Errorf("GET %s: %s, want %s", target, got, want)
		}
	}
	if got := rawStatus(t, ln.Addr().String(), "/", "evil.example"); got != "421" {
		t.Errorf("Host evil.example: %s, want 421", got)
	}

	// Shutdown ends the event stream and Serve.
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(wait):
		t.Fatal("Serve did not return")
	}
	select {
	case _, ok := <-events.data:
		for ok {
			_, ok = <-events.data
		}
	case <-time.After(wait):
		t.Fatal("the event stream did not end")
	}
}

// rawStatus sends a request line as written, which http.Get would
// clean, and returns the answer's status code.
func rawStatus(t *testing.T, addr, target, host string) string {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, wait)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(wait))
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(line)
	if len(f) < 2 {
		t.Fatalf("answer %q", line)
	}
	return f[1]
}

// TestFirstBuildFails: with no good build yet, every page is the errors,
// and the site appears once it builds.
func TestFirstBuildFails(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteSite(t, dir, 1)
	cfg := filepath.Join(dir, "incidentsite.yaml")
	good, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte("site: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := New(Options{Dir: dir})
	if r := s.Build(); r.OK() {
		t.Fatal("a broken configuration built")
	}
	s.portNum = 8080
	res := get(t, s, "GET", "localhost:8080", "/")
	b := body(t, res)
	if res.StatusCode != 503 || !strings.Contains(b, "incidentsite.yaml:") || !strings.Contains(b, "reload.js") {
		t.Errorf("%d\n%s", res.StatusCode, b)
	}
	if err := os.WriteFile(cfg, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := s.Build(); !r.OK() || r.Version != 2 {
		t.Fatalf("second build: %+v", r)
	}
	if res := get(t, s, "GET", "localhost:8080", "/"); res.StatusCode != 200 || strings.Contains(body(t, res), "incidentsite-serve-errors") {
		t.Errorf("after the fix: %d", res.StatusCode)
	}
}

// TestTimeouts: a client that sends nothing is cut off, while the event
// stream, which lifts its own deadlines, outlives the read and write
// timeouts, with heartbeats.
func TestTimeouts(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteSite(t, dir, 1)
	s := New(Options{Dir: dir, Heartbeat: 50 * time.Millisecond})
	s.timeouts = timeouts{readHeader: 100 * time.Millisecond, read: 200 * time.Millisecond, write: 200 * time.Millisecond, idle: time.Second, shutdown: time.Second}
	if r := s.Build(); !r.OK() {
		t.Fatal(r.Diags.Err(), r.Err)
	}
	ln, err := Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		<-served
	}()

	// A stalled client: the server closes the connection.
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(wait))
	if _, err := c.Read(make([]byte, 1)); err == nil {
		t.Error("a stalled client got an answer")
	} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Error("the server kept a stalled client's connection open")
	}

	// The stream: heartbeats well past the write timeout.
	res, err := http.Get("http://" + ln.Addr().String() + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	start, beats := time.Now(), 0
	for sc.Scan() {
		if sc.Text() == ": heartbeat" {
			beats++
		}
		if time.Since(start) > 4*s.timeouts.write && beats > 2 {
			return
		}
	}
	t.Fatalf("the stream ended after %s and %d heartbeats: %v", time.Since(start), beats, sc.Err())
}

// TestRequestsDuringBuilds: pages, feeds and missing files asked for
// from several clients at once, while the site is rebuilt after edits,
// are each a whole answer of one build (go test -race: the pages of a
// build render on request while the next build reads the records the
// last one parsed).
func TestRequestsDuringBuilds(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteSite(t, dir, 20)
	s := New(Options{Dir: dir})
	s.portNum = 8080
	if r := s.Build(); !r.OK() {
		t.Fatal(r.Diags.Err(), r.Err)
	}
	incident := filepath.Join(dir, "content/incidents/2020/2020-01-01-incident-00003.md")
	original, err := os.ReadFile(incident)
	if err != nil {
		t.Fatal(err)
	}
	targets := []string{"/", "/incidents/2020-01-01-incident-00003/", "/feed.rss", "/history/", "/logbook/",
		"/logbook/incidents/2020-01-01-incident-00003/", "/logbook/register.csv", "/nope", "/style.css"}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for c := range 4 {
		wg.Go(func() {
			for i := c; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				target := targets[i%len(targets)]
				res := get(t, s, "GET", "localhost:8080", target)
				b := body(t, res)
				switch {
				case target == "/nope" && res.StatusCode != 404, target != "/nope" && res.StatusCode != 200:
					t.Errorf("%s: %d\n%s", target, res.StatusCode, b)
					return
				case strings.HasSuffix(target, "/") && !strings.Contains(b, "</html>"):
					t.Errorf("%s: not a whole page", target)
					return
				}
			}
		})
	}
	for i := range 3 {
		edited := strings.Replace(string(original), "AssetExplorer is unavailable (3)", fmt.Sprintf("Edited %d", i), 1)
		if err := os.WriteFile(incident, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
		if r := s.Build(); !r.OK() {
			t.Fatal(r.Diags.Err(), r.Err)
		}
	}
	close(stop)
	wg.Wait()
	if _, b := fetchPage(t, s, "/incidents/2020-01-01-incident-00003/"); !strings.Contains(b, "Edited 2") {
		t.Errorf("the last build's page lacks the last edit")
	}
}

func fetchPage(t *testing.T, s *Server, target string) (int, string) {
	t.Helper()
	res := get(t, s, "GET", "localhost:8080", target)
	return res.StatusCode, body(t, res)
}

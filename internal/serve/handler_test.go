package serve

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// fixture is a server that serves a small built site, as if its first
// build had succeeded, with no watcher.
func fixture(t *testing.T) *Server {
	t.Helper()
	s := New(Options{})
	s.portNum = 8080
	s.st = state{version: 3, good: &snapshot{
		public: fileMap{
			"index.html":                        []byte("<!DOCTYPE html>\n<html><head><title>Status</title></head><body class=\"home\"><h1>All good</h1></body></html>\n"),
			"404.html":                          []byte("<!DOCTYPE html><html><body><h1>Not here</h1></body></html>"),
			"incidents/2025-01-01-x/index.html": []byte("<html><body><p>incident</p></body></html>"),
			"style.css":                         []byte("body{}"),
			"feed.atom":                         []byte("<feed/>"),
			"feed.rss":                          []byte("<rss/>"),
			"feed.json":                         []byte("{}"),
			"badge.svg":                         []byte("<svg/>"),
			"maintenance.ics":                   []byte("BEGIN:VCALENDAR"),
			"sitemap.xml":                       []byte("<urlset/>"),
			"robots.txt":                        []byte("User-agent: *"),
			"data.bin":                          []byte("\x00\x01"),
		},
		logbook: fileMap{
			"index.html":   []byte("<html><body><h1>Logbook</h1></body></html>"),
			"logbook.js":   []byte("1"),
			"register.csv": []byte("a,b"),
		},
		built: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC),
	}}
	return s
}

// fileMap is a site's files, all rendered.
type fileMap map[string][]byte

func (m fileMap) File(name string) ([]byte, bool, error) {
	data, ok := m[name]
	return data, ok, nil
}

// failing is a site whose every file fails to render.
type failing struct{}

func (failing) File(name string) ([]byte, bool, error) {
	return nil, false, errors.New("render the public site: template: incident.html:3: <b>broken</b>")
}

func get(t *testing.T, h http.Handler, method, host, target string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, "http://localhost:8080/", nil)
	r.Host = host
	// The raw request line, as a client sent it: httptest would parse
	// away what the tests want to send.
	r.RequestURI = target
	u, err := url.ParseRequestURI(target)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	r.URL = u
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestHost: only loopback names, with the server's port or none, are
// answered (DNS rebinding: a page of evil.example whose name resolves to
// 127.0.0.1 sends Host: evil.example).
func TestHost(t *testing.T) {
	s := fixture(t)
	for _, c := range []struct {
		host string
		want int
	}{
		{"localhost:8080", 200},
		{"LOCALHOST:8080", 200},
		{"localhost", 200},
		{"127.0.0.1:8080", 200},
		{"127.0.0.1", 200},
		{"[::1]:8080", 200},
		{"[::1]", 200},
		{"localhost:8081", 421},
		{"localhost:", 421},
		{"evil.example", 421},
		{"evil.example:8080", 421},
		{"localhost.evil.example:8080", 421},
		{"127.0.0.2:8080", 421},
		{"127.0.0.1.nip.io:8080", 421},
		{"0.0.0.0:8080", 421},
		{"::1", 421},
		{"[::ffff:127.0.0.1]:8080", 421},
		{"localhost.:8080", 421},
		{"", 421},
	} {
		t.Run(c.host, func(t *testing.T) {
			res := get(t, s, "GET", c.host, "/")
			if res.StatusCode != c.want {
				t.Errorf("Host %q: %d, want %d", c.host, res.StatusCode, c.want)
			}
			if c.want != 200 && strings.Contains(body(t, res), "All good") {
				t.Errorf("Host %q got the page", c.host)
			}
		})
	}
}

// TestPaths: every path is looked up in the built site, and nothing else:
// no path leaves it, whatever its encoding.
func TestPaths(t *testing.T) {
	s := fixture(t)
	for _, c := range []struct {
		target string
		want   int
		has    string // in the body, or the Location for a redirect
	}{
		{"/", 200, "All good"},
		{"/index.html", 200, "All good"},
		{"/?q=1", 200, "All good"},
		{"/incidents/2025-01-01-x/", 200, "incident"},
		{"/incidents/2025-01-01-x", 301, "/incidents/2025-01-01-x/"},
		{"/logbook", 301, "/logbook/"},
		{"/logbook/", 200, "Logbook"},
		{"/logbook/index.html", 200, "Logbook"},
		{"/logbook/register.csv", 200, "a,b"},
		{"/style.css", 200, "body{}"},
		{"/nope", 404, "Not here"},
		{"/logbook/nope", 404, "404 page not found"},
		{"/logbook/../index.html", 404, ""},
		{"/../../etc/passwd", 404, ""},
		{"/incidents/../index.html", 404, ""},
		{"/incidents/%2e%2e/index.html", 404, ""},
		{"/./index.html", 404, ""},
		{"/incidents%2f2025-01-01-x/index.html", 404, ""},
		{"/incidents%2F2025-01-01-x/index.html", 404, ""},
		{"/..%2findex.html", 404, ""},
		{"/..%5cindex.html", 404, ""},
		{"/incidents\\2025-01-01-x/index.html", 404, ""},
		{"/index.html%00", 404, ""},
		{"/index.html%00.css", 404, ""},
		{"//index.html", 404, ""},
		{"/incidents//2025-01-01-x/", 404, ""},
		{"/go.mod", 404, "Not here"},
		{"/_incidentsite/", 404, ""},
		{"/_incidentsite/nope", 404, ""},
		{"/" + strings.Repeat("a/", 1000), 404, ""},
	} {
		t.Run(c.target, func(t *testing.T) {
			res := get(t, s, "GET", "localhost:8080", c.target)
			if res.StatusCode != c.want {
				t.Fatalf("%s: %d, want %d", c.target, res.StatusCode, c.want)
			}
			got := body(t, res)
			if c.want == 301 {
				got = res.Header.Get("Location")
			}
			if !strings.Contains(got, c.has) {
				t.Errorf("%s: %q, want %q in it", c.target, got, c.has)
			}
			if c.want == 404 && strings.Contains(got, "All good") {
				t.Errorf("%s reached the home page", c.target)
			}
		})
	}
}

// TestMethods: the server serves pages; it takes no writes.
func TestMethods(t *testing.T) {
	s := fixture(t)
	for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS", "PATCH"} {
		res := get(t, s, m, "localhost:8080", "/")
		if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: %d, Allow %q", m, res.StatusCode, res.Header.Get("Allow"))
		}
	}
	res := get(t, s, "HEAD", "localhost:8080", "/style.css")
	if res.StatusCode != 200 || body(t, res) != "" || res.Header.Get("Content-Length") != "6" {
		t.Errorf("HEAD: %d, Content-Length %q", res.StatusCode, res.Header.Get("Content-Length"))
	}
}

// TestContentTypes: each kind of file the sites hold goes out with its
// type, and every answer with nosniff and no-store.
func TestContentTypes(t *testing.T) {
	s := fixture(t)
	for target, want := range map[string]string{
		"/":                        "text/html; charset=utf-8",
		"/style.css":               "text/css; charset=utf-8",
		"/feed.atom":               "application/atom+xml; charset=utf-8",
		"/feed.rss":                "application/rss+xml; charset=utf-8",
		"/feed.json":               "application/json",
		"/badge.svg":               "image/svg+xml",
		"/maintenance.ics":         "text/calendar; charset=utf-8",
		"/sitemap.xml":             "application/xml; charset=utf-8",
		"/robots.txt":              "text/plain; charset=utf-8",
		"/data.bin":                "application/octet-stream",
		"/logbook/logbook.js":      "text/javascript; charset=utf-8",
		"/logbook/register.csv":    "text/csv; charset=utf-8",
		"/_incidentsite/reload.js": "text/javascript; charset=utf-8",
	} {
		res := get(t, s, "GET", "localhost:8080", target)
		if got := res.Header.Get("Content-Type"); res.StatusCode != 200 || got != want {
			t.Errorf("%s: %d %q, want 200 %q", target, res.StatusCode, got, want)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: headers %v", target, res.Header)
		}
	}
}

// TestInject: the reload script, with the build's version, goes into
// HTML answers right after <body>, and into nothing else; the built files
// do not hold it.
func TestInject(t *testing.T) {
	s := fixture(t)
	script := `<script src="/_incidentsite/reload.js" data-build="3"></script>`
	home := body(t, get(t, s, "GET", "localhost", "/"))
	if !strings.Contains(home, `<body class="home">`+script+`<h1>All good</h1>`) {
		t.Errorf("home page: %s", home)
	}
	if nf := body(t, get(t, s, "GET", "localhost", "/nope")); !strings.Contains(nf, script) {
		t.Errorf("404 page without the script: %s", nf)
	}
	for _, target := range []string{"/style.css", "/feed.atom", "/badge.svg", "/feed.json"} {
		if b := body(t, get(t, s, "GET", "localhost", target)); strings.Contains(b, "reload.js") {
			t.Errorf("%s: %s", target, b)
		}
	}
	if strings.Contains(string(s.st.good.public.(fileMap)["index.html"]), "reload.js") {
		t.Error("the built file was changed")
	}
	for page, want := range map[string]string{
		"<html><BODY>x</BODY></html>":        "<html><BODY>" + script + "x</BODY></html>",
		"<html><bodyx><body\n id=a>x</html>": "<html><bodyx><body\n id=a>" + script + "x</html>",
		"no body at all":                     "no body at all" + script,
		"<body":                              "<body" + script,
	} {
		if got := string(inject([]byte(page), s.st)); got != want {
			t.Errorf("inject(%q) = %q, want %q", page, got, want)
		}
	}
}

// TestBanner: a failed build's errors are on every HTML page, escaped,
// over the last good build; a build with warnings shows them folded.
func TestBanner(t *testing.T) {
	s := fixture(t)
	s.st.failure = &failure{text: "content/incidents/x.md:3:7: title \"<script>alert(1)</script>\" & more\n"}
	res := get(t, s, "GET", "localhost", "/")
	b := body(t, res)
	if res.StatusCode != 200 || !strings.Contains(b, "All good") {
		t.Errorf("the last good build is not served: %d %s", res.StatusCode, b)
	}
	for _, want := range []string{
		`role="alert"`,
		"does not build; this is the last good build, from 03:00:00 UTC",
		"content/incidents/x.md:3:7: title &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34; &amp; more",
	} {
		if !strings.Contains(b, want) {
			t.Errorf("banner lacks %q:\n%s", want, b)
		}
	}
	if strings.Contains(b, "<script>alert") {
		t.Errorf("unescaped: %s", b)
	}
	if c := body(t, get(t, s, "GET", "localhost", "/style.css")); c != "body{}" {
		t.Errorf("style.css: %q", c)
	}

	// No good build yet: a page of errors, that reloads when it builds.
	s.st.good = nil
	res = get(t, s, "GET", "localhost", "/incidents/x/")
	b = body(t, res)
	if res.StatusCode != 503 || !strings.Contains(b, "&lt;script&gt;") || !strings.Contains(b, "reload.js") {
		t.Errorf("without a good build: %d %s", res.StatusCode, b)
	}

	s = fixture(t)
	s.st.warnings, s.st.warningsTitle = "content/a.md:1:1: <b>due</b>\n", "1 warning"
	b = body(t, get(t, s, "GET", "localhost", "/"))
	if !strings.Contains(b, "<details id=\"incidentsite-serve-warnings\"") || !strings.Contains(b, "&lt;b&gt;due&lt;/b&gt;") {
		t.Errorf("warnings: %s", b)
	}

	// A failed build with warnings: the errors first, on their own; the
	// warnings folded after them.
	s.st.failure = &failure{text: "content/b.md:2:1: the error\n"}
	b = body(t, get(t, s, "GET", "localhost", "/"))
	e, w := strings.Index(b, `id="incidentsite-serve-errors"`), strings.Index(b, `<details id="incidentsite-serve-warnings"`)
	if e < 0 || w < e || strings.Contains(b[e:w], "due") {
		t.Errorf("errors and warnings of a failed build: %s", b)
	}
}

// TestRenderFailed: a file of a good build that fails to render is a
// 500 page with the error, escaped, in a banner that says what failed,
// and the reload script.
func TestRenderFailed(t *testing.T) {
	s := fixture(t)
	s.st.good.public = failing{}
	res := get(t, s, "GET", "localhost", "/incidents/x/")
	b := body(t, res)
	if res.StatusCode != 500 || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("%d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{"incidents/x/index.html does not render", "This file of the build does not render", "&lt;b&gt;broken&lt;/b&gt;", `data-build="3"`} {
		if !strings.Contains(b, want) {
			t.Errorf("lacks %q:\n%s", want, b)
		}
	}
	if strings.Contains(b, "<b>broken") || strings.Contains(b, "does not build") {
		t.Errorf("unescaped, or said the build failed:\n%s", b)
	}
	if s.current().failure != nil {
		t.Error("a page's failure became the build's")
	}
	if b := body(t, get(t, s, "GET", "localhost", "/logbook/")); !strings.Contains(b, "Logbook") || strings.Contains(b, "incidentsite-serve-errors") {
		t.Errorf("the logbook, which renders: %s", b)
	}

	// The last change does not build either: both are said.
	s.st.failure = &failure{text: "content/x.md:1:1: <i>broken</i>\n"}
	b = body(t, get(t, s, "GET", "localhost", "/incidents/x/"))
	if !strings.Contains(b, "&lt;b&gt;broken&lt;/b&gt;") || !strings.Contains(b, "the last change does not build:\ncontent/x.md:1:1: &lt;i&gt;broken&lt;/i&gt;") {
		t.Errorf("a page that fails over a build that fails:\n%s", b)
	}
}

// FuzzCleanPath is a fuzz target for the one parser of the server: no
// path it accepts has a segment that climbs or an encoded separator.
func FuzzCleanPath(f *testing.F) {
	for _, s := range []string{"/", "/a/b/", "/../x", "/%2e%2e/x", "/a%2fb", "//x", "/a\\b", "/a%00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		r, err := http.NewRequest("GET", "http://localhost"+target, nil)
		if err != nil || r.URL.Host != "localhost" {
			return
		}
		p, ok := cleanPath(r.URL)
		if !ok {
			return
		}
		if !strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
			t.Fatalf("%q accepted as %q", target, p)
		}
		for _, seg := range strings.Split(p, "/") {
			if seg == ".." || seg == "." {
				t.Fatalf("%q accepted as %q", target, p)
			}
		}
		if strings.Contains(strings.ToLower(r.URL.EscapedPath()), "%2f") {
			t.Fatalf("%q: an encoded slash accepted", target)
		}
	})
}

// FuzzLoopbackHost is a fuzz target for the Host guard: whatever it
// accepts is a loopback name, with the server's port or none.
func FuzzLoopbackHost(f *testing.F) {
	for _, s := range []string{"localhost:8080", "[::1]", "127.0.0.1", "evil.example", "localhost:", "[::1]:80:80", "::1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, host string) {
		if !LoopbackHost(host, 8080) {
			return
		}
		name := strings.ToLower(strings.TrimSuffix(host, ":8080"))
		switch name {
		case "localhost", "127.0.0.1", "[::1]":
		default:
			t.Fatalf("%q accepted", host)
		}
	})
}

package serve

import (
	"bytes"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// The server's own addresses, under a prefix no site renders (a path
// segment that starts with an underscore).
const (
	// Prefix is the folder of the server's own addresses.
	Prefix = "/_incidentsite/"
	// EventsPath streams an event each time a build ends.
	EventsPath = Prefix + "events"
	// ScriptPath is the reload script that the server adds to HTML pages.
	ScriptPath = Prefix + "reload.js"
	// LogbookPrefix is where the logbook is served; its links are
	// relative, so it works under a prefix.
	LogbookPrefix = "/logbook/"
)

// reloadScript reloads the page when a build other than the page's ends.
// The page's build is the script element's data-build. Without
// JavaScript nothing happens: the page stays as it was.
const reloadScript = `(function () {
  "use strict";
  var me = document.currentScript;
  var build = me && me.getAttribute("data-build");
  if (!build || !window.EventSource) { return; }
  var events = new EventSource(` + "\"" + EventsPath + "\"" + `);
  events.addEventListener("build", function (e) {
    if (e.data !== build) { events.close(); window.location.reload(); }
  });
})();
`

// contentTypes are the types of the files the sites hold, by extension.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".svg":   "image/svg+xml",
	".ics":   "text/calendar; charset=utf-8",
	".rss":   "application/rss+xml; charset=utf-8",
	".atom":  "application/atom+xml; charset=utf-8",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".csv":   "text/csv; charset=utf-8",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".woff":  "font/woff",
	".pdf":   "application/pdf",
}

// ContentType returns the Content-Type of the file name, by its
// extension; a file of another kind is application/octet-stream, which
// no browser renders (with nosniff).
func ContentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// LoopbackHost reports whether host, a request's Host header, names the
// loopback: localhost, 127.0.0.1 or [::1], with no port or with port
// (when port is not 0). Any other name may be an attacker's domain that
// resolves to 127.0.0.1 (DNS rebinding).
func LoopbackHost(host string, port int) bool {
	name, p := host, ""
	if h, pp, err := net.SplitHostPort(host); err == nil {
		name, p = h, pp
		if p == "" {
			return false
		}
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		name = host[1 : len(host)-1]
	} else if strings.Contains(host, ":") {
		return false // a bare IPv6 address, or a malformed port
	}
	if p != "" && port != 0 && p != strconv.Itoa(port) {
		return false
	}
	switch strings.ToLower(name) {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}

// headers sets the headers of every answer.
func headers(w http.ResponseWriter) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
}

// ServeHTTP answers a request from the last good build.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	headers(w)
	if !LoopbackHost(r.Host, s.port()) {
		// 421: this server does not serve that name; a page of another
		// origin that resolved its name to 127.0.0.1 gets nothing.
		http.Error(w, "incidentsite serve answers only requests for localhost, 127.0.0.1 or [::1]", http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "incidentsite serve only serves pages: use GET or HEAD", http.StatusMethodNotAllowed)
		return
	}
	p, ok := cleanPath(r.URL)
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch p {
	case EventsPath:
		s.events(w, r)
		return
	case ScriptPath:
		w.Header().Set("Content-Type", ContentType(ScriptPath))
		w.Write([]byte(reloadScript))
		return
	case strings.TrimSuffix(LogbookPrefix, "/"):
		http.Redirect(w, r, LogbookPrefix, http.StatusMovedPermanently)
		return
	}
	if strings.HasPrefix(p, Prefix) {
		http.NotFound(w, r)
		return
	}
	st := s.current()
	if st.good == nil {
		// No build has succeeded yet: there is nothing to show but the
		// errors, and the page reloads when the site builds.
		w.Header().Set("Content-Type", ContentType(".html"))
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write(inject([]byte("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>incidentsite serve: the site does not build</title></head><body></body></html>\n"), st))
		return
	}
	files, rel := st.good.public, strings.TrimPrefix(p, "/")
	if strings.HasPrefix(p, LogbookPrefix) {
		files, rel = st.good.logbook, strings.TrimPrefix(p, LogbookPrefix)
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	data, found, err := files.File(rel)
	if err != nil {
		s.renderFailed(w, r, st, rel, err)
		return
	}
	if !found {
		if _, dir, _ := files.File(rel + "/index.html"); dir {
			// A page's relative links need the slash.
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r, st, files)
		return
	}
	ct := ContentType(rel)
	w.Header().Set("Content-Type", ct)
	if strings.HasPrefix(ct, "text/html") {
		data = inject(data, st)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(data)
}

// notFound answers 404, with the site's 404 page when it has one.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st state, files files) {
	page, ok, err := files.File("404.html")
	if err != nil || !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ContentType(".html"))
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(inject(page, st))
	}
}

// renderFailed answers 500 when the file rel of a good build cannot be
// rendered (a layout that fails on this page's data): a page that says
// so, with the error, escaped, in the banner, and the reload script, so
// that the fix shows at once.
func (s *Server) renderFailed(w http.ResponseWriter, r *http.Request, st state, rel string, err error) {
	text := fmt.Sprintf("%v\n", err)
	if st.failure != nil {
		text += "\nAnd the last change does not build:\n" + st.failure.text
	}
	st.failure = &failure{title: "This file of the build does not render; the other pages may", text: text}
	w.Header().Set("Content-Type", ContentType(".html"))
	w.WriteHeader(http.StatusInternalServerError)
	if r.Method != http.MethodHead {
		w.Write(inject([]byte("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>incidentsite serve: "+html.EscapeString(rel)+" does not render</title></head><body></body></html>\n"), st))
	}
}

// cleanPath returns the request's path when it is a plain path inside
// the site: absolute, with no "." or ".." segment, no empty segment, no
// backslash, no NUL or other control character, and no encoded slash,
// backslash or NUL (which a decoding would turn into one). Anything else
// is not a file of the site.
func cleanPath(u *url.URL) (string, bool) {
	raw := u.EscapedPath()
	lower := strings.ToLower(raw)
	for _, bad := range []string{"%2f", "%5c", "%00"} {
		if strings.Contains(lower, bad) {
			return "", false
		}
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return "", false
		}
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		switch {
		case seg == "." || seg == "..":
			return "", false
		case seg == "" && i != len(segs)-1:
			return "", false // "//": not a path a site links to
		}
	}
	return p, true
}

// inject adds, right after the page's <body> tag, the banner of the last
// build's problems (escaped) and the reload script. Only the server adds
// them: the built files hold neither.
func inject(page []byte, st state) []byte {
	var add bytes.Buffer
	add.WriteString(banner(st))
	fmt.Fprintf(&add, "<script src=\"%s\" data-build=\"%d\"></script>", ScriptPath, st.version)
	at := bodyStart(page)
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:at]...)
	out = append(out, add.Bytes()...)
	return append(out, page[at:]...)
}

// bodyStart returns where the content of page's body starts: after its
// <body …> tag, else at the end of the page.
func bodyStart(page []byte) int {
	lower := bytes.ToLower(page)
	for from := 0; ; {
		i := bytes.Index(lower[from:], []byte("<body"))
		if i < 0 {
			return len(page)
		}
		i += from
		next := i + len("<body")
		if next < len(lower) && (lower[next] == '>' || lower[next] == ' ' || lower[next] == '\t' || lower[next] == '\n' || lower[next] == '\r') {
			if end := bytes.IndexByte(lower[next:], '>'); end >= 0 {
				return next + end + 1
			}
			return len(page)
		}
		from = next
	}
}

// banner is the HTML of the last build's problems, or "" when it had
// none. Every text in it is escaped.
func banner(st state) string {
	if st.failure == nil && st.warnings == "" {
		return ""
	}
	var b strings.Builder
	style := "position:relative;z-index:2147483647;margin:0;padding:1em;font:14px/1.4 monospace;white-space:pre-wrap;overflow-wrap:anywhere;text-align:left;"
	if f := st.failure; f != nil {
		title := f.title
		if title == "" {
			title = "The last change does not build"
			if st.good != nil {
				title += "; this is the last good build, from " + st.good.built.Format("15:04:05 MST")
			}
		}
		fmt.Fprintf(&b, "<div id=\"incidentsite-serve-errors\" role=\"alert\" style=\"%sbackground:#fff0f0;color:#600;border:3px solid #c00;\"><strong>incidentsite serve: %s</strong>\n%s</div>",
			style, html.EscapeString(title), html.EscapeString(f.text))
		if st.warnings == "" {
			return b.String()
		}
	}
	fmt.Fprintf(&b, "<details id=\"incidentsite-serve-warnings\" style=\"%sbackground:#fffbe6;color:#542;border:2px solid #c90;\"><summary>incidentsite serve: %s</summary>%s</details>",
		style, html.EscapeString(st.warningsTitle), html.EscapeString(st.warnings))
	return b.String()
}

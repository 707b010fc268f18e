// Package scaffold owns the rules of "incidentsite init" and "incidentsite
// new": a whole new site from the embedded defaults (Site), and a new
// record from its template (Record): its id, its folder, the front matter
// written by default and what is left for later, checked against the
// site's configuration, templates and contacts so that the new file
// validates at once. Files are created, never replaced (Create).
//
// Options that cannot make a valid site or record are an *OptionError,
// whose message names the option as the command's flag.
package scaffold

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"gopkg.in/yaml.v3"
)

//go:embed skeleton
var skeleton embed.FS

// SiteOptions fill in a new site. Each field is the flag of
// "incidentsite init" of the same name, and errors name them so.
type SiteOptions struct {
	Title        string
	Organisation string
	BaseURL      string
	TimeZone     string
	// Now is the time of the command: its day in TimeZone is written as
	// the contact lists' review date.
	Now time.Time
	// Version is the incidentsite module version that the new site's
	// workflows run ("go run …/cmd/incidentsite@Version"): a release such
	// as v1.4.2 or a pseudo-version. "" writes "latest", which is not
	// pinned: the command says so.
	Version string
}

// Site returns the files of a new site, by path, or an *OptionError when
// o cannot make a site that validates.
func Site(o SiteOptions) (map[string][]byte, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	loc, _ := time.LoadLocation(o.TimeZone)
	data := map[string]string{
		"Title":        Scalar(o.Title),
		"Organisation": Scalar(o.Organisation),
		"BaseURL":      Scalar(o.BaseURL),
		"TimeZone":     Scalar(o.TimeZone),
		"Today":        o.Now.In(loc).Format("2006-01-02"),
		"Public":       "public",
		"Logbook":      "logbook",
	}
	version := o.Version
	if version == "" {
		version = "latest"
	}
	files := map[string][]byte{}
	err := fs.WalkDir(skeleton, "skeleton", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := skeleton.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(strings.TrimPrefix(p, "skeleton/"), ".tmpl")
		var b bytes.Buffer
		if strings.HasPrefix(name, "github/") {
			// Workflows are GitHub's templates ("${{ … }}"), not ours:
			// only the version they run is filled in.
			b.WriteString(strings.ReplaceAll(string(raw), versionMark, version))
		} else {
			t, err := template.New(p).Option("missingkey=error").Parse(string(raw))
			if err != nil {
				return err
			}
			if err := t.Execute(&b, data); err != nil {
				return err
			}
		}
		switch name {
		case "gitignore":
			name = ".gitignore"
		case "github/incidentsite.yml", "github/publish.yml":
			name = ".github/workflows/" + path.Base(name)
		}
		files[name] = b.Bytes()
		return nil
	})
	if err != nil {
		return nil, err
	}
	builtin := catalog.Builtin()
	err = fs.WalkDir(builtin, catalog.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(builtin, p)
		files[p] = b
		return err
	})
	// The contacts folder has a list to start from; the others are empty.
	for _, k := range []vocab.Kind{vocab.KindIncident, vocab.KindRCA, vocab.KindMaintenance, vocab.KindExercise} {
		files[path.Join("content", k.Dir(), ".gitkeep")] = nil
	}
	if err != nil {
		return nil, err
	}
	// The options are checked by the configuration's own rules; a
	// configuration that still does not read back is a bug here.
	if _, d := config.Parse(files[config.File]); d.HasErrors() {
		return nil, fmt.Errorf("internal error: the new %s does not read back: %v", config.File, d.Err())
	}
	return files, nil
}

// check checks o by the rules the configuration will be checked by, so
// that a new site validates, and ends the base address with "/".
func (o *SiteOptions) check() error {
	for _, f := range [][2]string{{"--title", o.Title}, {"--organisation", o.Organisation}} {
		if err := oneLine(f[0], f[1], "the configuration"); err != nil {
			return err
		}
	}
	if strings.TrimSpace(o.Title) == "" {
		return optionf("--title is required: the status page's title, as in --title \"Example Status\"")
	}
	if msg := config.CheckURL(o.BaseURL); msg != "" {
		return optionf("--base-url %s", msg)
	}
	if !strings.HasSuffix(o.BaseURL, "/") {
		o.BaseURL += "/"
	}
	if _, err := time.LoadLocation(o.TimeZone); err != nil || o.TimeZone == "" || strings.EqualFold(o.TimeZone, "local") {
		return optionf("--timezone %q is unknown; use an IANA name such as Europe/Brussels, or UTC", o.TimeZone)
	}
	if o.Version != "" && !IsModuleVersion(o.Version) {
		return optionf("--tool-version %q is not a version of a Go module; give a release, as in --tool-version v1.4.2", o.Version)
	}
	return nil
}

// versionMark is where the skeleton's workflows take the version of
// incidentsite that they run.
const versionMark = "{{.Version}}"

// moduleVersion matches a release or a pre-release of a Go module, a
// pseudo-version included (v0.0.0-20250218090500-0b264b5e1792), and
// nothing else: no build metadata ("+dirty"), no spaces, quotes or
// shell characters, so that it can stand in a workflow's text.
var moduleVersion = regexp.MustCompile(`^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

// IsModuleVersion reports whether v is a version that "go run
// module@v" can fetch from the module proxy: a semantic version with a
// "v", without build metadata.
func IsModuleVersion(v string) bool {
	return len(v) <= 128 && moduleVersion.MatchString(v)
}

// Scalar returns s written as a YAML scalar on one line: plain when that
// reads back as the same text, quoted otherwise. Text of several lines is
// double-quoted with escapes, so that it fits any indentation.
func Scalar(s string) string {
	b, err := yaml.Marshal(s)
	out := strings.TrimSuffix(string(b), "\n")
	if err != nil || strings.Contains(out, "\n") {
		return strconv.Quote(s)
	}
	return out
}

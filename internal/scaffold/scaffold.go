// Package scaffold writes the text of new files: a whole new site for
// "incidentsite init", and a new record from its template for
// "incidentsite new". It returns file contents; package cli writes them.
//
// It imports catalog, vocab, yamlx and yaml.v3; never content or model.
package scaffold

import (
	"bytes"
	"embed"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"gopkg.in/yaml.v3"
)

//go:embed skeleton
var skeleton embed.FS

// SiteOptions fill in a new site.
type SiteOptions struct {
	Title        string
	Organisation string
	BaseURL      string
	TimeZone     string
	// Today is the date written as the contact lists' review date.
	Today time.Time
}

// Site returns the files of a new site, by path.
func Site(o SiteOptions) (map[string][]byte, error) {
	data := map[string]string{
		"Title":        Scalar(o.Title),
		"Organisation": Scalar(o.Organisation),
		"BaseURL":      Scalar(o.BaseURL),
		"TimeZone":     Scalar(o.TimeZone),
		"Today":        o.Today.Format("2006-01-02"),
		"Public":       "public",
		"Logbook":      "logbook",
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
			// Workflows are GitHub's templates ("${{ … }}"), not ours.
			b.Write(raw)
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
	return files, err
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

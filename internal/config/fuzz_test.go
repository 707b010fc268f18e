package config_test

import (
	"bytes"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// fuzzSlow is how long one call may take before the fuzz target reports
// super-linear behaviour: ordinary inputs take microseconds, and the
// margin keeps a loaded machine from failing it.
const fuzzSlow = 2 * time.Second

// FuzzConfig checks invariants of Parse on any incidentsite.yaml.
//
// TODO(fuzz): a configuration without errors loads every built-in
// template of internal/catalog without errors.
// TODO(fuzz): every diagnostic's line holds the key or value it names.
func FuzzConfig(f *testing.F) {
	for _, s := range fuzzConfigSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{
		testutil.MinimalConfig,
		"",
		"title: x\n",
		"title: {en: A, fr: B}\nbase_url: ftp://x\nlanguages: []\ntimezone: Local\n",
		"title: T\nbase_url: https://e.org\nservices: [{id: a, name: A, group: g}, {id: a}]\ngroups: [{id: Bad}]\n",
		"title: T\nbase_url: https://e.org\nservices: [{id: a, name: A}]\noutput: {public: ., logbook: ./public/log}\n",
		"title: T\nbase_url: https://e.org\nservices: [{id: a, name: A}]\nlimits: {max_file_size: 0.5MiB, max_files: -1, max_yaml_depth: 100}\n",
		"title: T\nbase_url: https://e.org\nservices: [{id: a, name: A}]\nroles: [{id: r}]\nchannels: [{id: c, audience: all}]\n",
		"title: T\r\nbase_url: https://e.org\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		start := time.Now()
		cfg, d := config.Parse(data)
		if el := time.Since(start); el > fuzzSlow {
			t.Errorf("Parse took %v", el)
		}
		if !bytes.Equal(data, orig) {
			t.Fatal("Parse changed its input")
		}
		lines := 1 + bytes.Count(data, []byte("\n"))
		for _, x := range d {
			if x.Pos.File != config.File || x.Pos.Line < 1 || x.Pos.Col < 1 || x.Pos.Line > lines {
				t.Errorf("bad position in a file of %d lines: %#v", lines, x)
			}
		}
		if cfg == nil {
			if !d.HasErrors() {
				t.Fatal("no configuration and no error")
			}
			return
		}
		if d.HasErrors() {
			return // an invalid configuration is expected
		}
		// A valid configuration is complete.
		if len(cfg.Languages) == 0 || cfg.DefaultLanguage() == "" || cfg.Location == nil || cfg.Pos == nil {
			t.Errorf("incomplete configuration: %+v", cfg)
		}
		if !strings.HasSuffix(cfg.BaseURL, "/") || len(cfg.ServiceIDs()) == 0 {
			t.Errorf("base_url %q, services %v", cfg.BaseURL, cfg.ServiceIDs())
		}
		if cfg.Limits.MaxFileSize <= 0 || cfg.Limits.MaxFiles <= 0 || cfg.Limits.MaxDepth <= 0 || cfg.Limits.MaxDepth > 64 {
			t.Errorf("limits %+v", cfg.Limits)
		}
		if cfg.Output.Public == cfg.Output.Logbook {
			t.Errorf("output %+v", cfg.Output)
		}
	})
}

// fuzzConfigSeeds returns the module's incidentsite.yaml files, also
// those inside the txtar archives of its testdata folders and the
// skeleton that init writes.
func fuzzConfigSeeds(tb testing.TB) [][]byte {
	return testutil.Seeds(tb, "../..", func(name string, data []byte) []byte {
		if path.Base(name) == config.File {
			return data
		}
		return nil
	})
}

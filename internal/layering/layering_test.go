// Package layering_test makes incidentsite's layering executable: the
// data flows one way, load → validate → model → projection → render →
// write, with the commands on top, and each package of the module may
// import only the packages of the module that its row in layers names.
//
// The table is the record of the design: a package comment says what a
// package is for, and this table says what it may import. An import the
// table does not allow fails the test, as does a package the table does
// not know.
package layering_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// layers says, for every package of the module (its path without the
// module's), which packages of the module its code may import; tests may
// import more. A package absent from every row can be imported by none,
// as internal/testutil, which only tests import.
var layers = map[string][]string{
	// Helpers of every stage.
	"internal/diag":  {},
	"internal/vocab": {},
	"internal/ident": {},
	// wire encodes what the cache keeps: histories, records as parsed.
	"internal/wire":        {},
	"internal/yamlx":       {"internal/diag", "internal/wire"},
	"internal/l10n":        {"internal/yamlx"},
	"internal/markdown":    {"internal/diag", "internal/wire"},
	"internal/frontmatter": {"internal/diag", "internal/yamlx"},

	// Load: the site's files, as written. config uses output's rule for
	// where an output folder may go.
	"internal/source":  {"internal/diag"},
	"internal/config":  {"internal/diag", "internal/ident", "internal/l10n", "internal/output", "internal/source", "internal/yamlx"},
	"internal/catalog": {"internal/config", "internal/diag", "internal/ident", "internal/l10n", "internal/source", "internal/vocab", "internal/yamlx"},
	"internal/content": {"internal/config", "internal/diag", "internal/frontmatter", "internal/ident", "internal/l10n", "internal/markdown", "internal/source", "internal/vocab", "internal/wire", "internal/yamlx"},

	// The regulations whose reporting deadlines the logbook tracks, and
	// their clocks: data like the templates, loaded with the site's files.
	"internal/regulation": {"internal/config", "internal/diag", "internal/ident", "internal/l10n", "internal/source", "internal/yamlx"},

	// History: the revisions of the site's files, read from git's
	// objects in one walk; historytest builds histories for tests and
	// benchmarks.
	"internal/history":             {"internal/diag", "internal/wire"},
	"internal/history/historytest": {},
	// gensite writes large generated sites (benchmarks, .ci/perf) with
	// historytest's history; its command is a developer's tool.
	"internal/gensite":             {"internal/history/historytest"},
	"internal/gensite/cmd/gensite": {"internal/gensite"},

	// The theme: layouts, UI strings and static files, built in or the
	// site's, loaded and checked with the rest of the site's files; the
	// renderers get it instead of the files.
	"internal/theme": {"internal/diag", "internal/source", "internal/yamlx"},

	// Validate: pure rules over what was loaded; no files, no model.
	// The history checks compare the versions of a record that package
	// history read.
	"internal/validate": {"internal/catalog", "internal/config", "internal/content", "internal/diag", "internal/history", "internal/ident", "internal/l10n", "internal/markdown", "internal/regulation", "internal/vocab", "internal/yamlx"},

	// Model: built from what passed validation.
	"internal/model": {"internal/catalog", "internal/config", "internal/content", "internal/l10n", "internal/markdown", "internal/regulation", "internal/vocab", "internal/yamlx"},

	// The front half, in order, with the history pass: it reads the
	// records' old versions' front matter for the history checks.
	"internal/project": {"internal/catalog", "internal/config", "internal/content", "internal/diag", "internal/frontmatter", "internal/history", "internal/l10n", "internal/model", "internal/regulation", "internal/source", "internal/theme", "internal/validate", "internal/vocab", "internal/yamlx"},

	// Projection: public has no field for anything internal and imports
	// nothing that has; projection is the one bridge to it from the model.
	"internal/public":     {"internal/l10n", "internal/vocab"},
	"internal/projection": {"internal/catalog", "internal/model", "internal/public", "internal/vocab"},

	// Render: a renderer reaches its projection, never the model, the
	// records or the site's files. plan cuts a rendering into units that
	// a preview runs on request; it knows no site.
	"internal/plan": {},
	"internal/site": {"internal/l10n", "internal/markdown", "internal/plan", "internal/public", "internal/theme", "internal/vocab"},
	// The logbook is internal: it reads the model, internal fields and
	// all, and never the public site's renderer or projection. It reads
	// the model's legal clocks, which are internal/regulation's types,
	// and its actions, which are internal/content's (the model holds a
	// record's part as written where it links nothing), and the
	// templates the model links a record to, internal/catalog's.
	"internal/logbook": {"internal/catalog", "internal/content", "internal/l10n", "internal/markdown", "internal/model", "internal/plan", "internal/regulation", "internal/theme", "internal/vocab"},

	// What a change does: the two revisions' public projections (what
	// customers see) and models (what the logbook shows), compared.
	// Only the commands read it.
	"internal/diff": {"internal/content", "internal/diag", "internal/l10n", "internal/model", "internal/projection", "internal/public", "internal/regulation", "internal/vocab"},

	// Write.
	"internal/output": {},

	// The cache folder, outside the site: what a run derived (the
	// history of a commit), kept for the next run. The history keys and
	// encodes what it keeps; the commands open the folder.
	"internal/cache": {},

	// The whole build, in order: the front half, each site's projection
	// and renderer, the output.
	"internal/build": {"internal/diag", "internal/logbook", "internal/output", "internal/project", "internal/projection", "internal/site"},

	// The preview server: the whole build, into memory, served and
	// rebuilt on every change.
	"internal/serve": {"internal/build", "internal/diag", "internal/history", "internal/project"},

	// The commands and their rules. scaffold checks a new record's values
	// against the vocabulary and the site's templates and contacts.
	"internal/scaffold": {"internal/catalog", "internal/config", "internal/content", "internal/diag", "internal/ident", "internal/regulation", "internal/vocab", "internal/yamlx"},
	"internal/cli":      {"internal/build", "internal/cache", "internal/catalog", "internal/config", "internal/content", "internal/diag", "internal/diff", "internal/output", "internal/project", "internal/regulation", "internal/scaffold", "internal/serve", "internal/source", "internal/vocab"},
	"cmd/incidentsite":  {"internal/cli"},

	// Tests' helpers; the benchmarks' generated sites come from gensite.
	"internal/testutil": {"internal/gensite"},
}

// platforms are the systems whose files are checked: some files are
// built on one system only.
var platforms = []string{"linux", "darwin", "windows"}

// TestImports checks every import of every package of the module, on
// every platform, against layers.
func TestImports(t *testing.T) {
	// imports holds, per package, the packages it imports and on which
	// platforms.
	imports := map[string]map[string][]string{}
	for _, goos := range platforms {
		for _, p := range listPackages(t, goos) {
			if imports[p.path] == nil {
				imports[p.path] = map[string][]string{}
			}
			for _, imp := range p.imports {
				imports[p.path][imp] = append(imports[p.path][imp], goos)
			}
		}
	}
	for _, path := range slices.Sorted(maps.Keys(imports)) {
		imps := slices.Sorted(maps.Keys(imports[path]))
		allowed, ok := layers[path]
		if !ok {
			t.Errorf("%s is not in the layering table: add its row to layers in internal/layering/layering_test.go, with the packages of the module it may import (today it imports %s)",
				path, orNone(imps))
			continue
		}
		for _, imp := range imps {
			if slices.Contains(allowed, imp) {
				continue
			}
			where := ""
			if on := imports[path][imp]; len(on) < len(platforms) {
				where = " on " + strings.Join(on, ", ")
			}
			t.Errorf("%s imports %s%s, which its row in layers does not allow: the data flows one way (load → validate → model → projection → render → write, the commands on top); move the code to where its data is, or, if the design allows this import, add it to the row of %s in internal/layering/layering_test.go",
				path, imp, where, path)
		}
	}
	// A row for a package that is gone, or an import of a package that
	// does not exist, is a table nobody checks.
	for _, path := range slices.Sorted(maps.Keys(layers)) {
		if _, ok := imports[path]; !ok {
			t.Errorf("layers has a row for %s, which is no package of the module: remove the row", path)
		}
		for _, imp := range layers[path] {
			if _, ok := layers[imp]; !ok {
				t.Errorf("the row of %s in layers allows %s, which has no row of its own: fix the name or add its row", path, imp)
			}
		}
	}
}

// pkg is a package of the module with the packages of the module its
// code (tests aside) imports, as paths without the module's.
type pkg struct {
	path    string
	imports []string
}

// listPackages returns the packages of the module that have code for
// goos, from "go list", which reads the files and needs no network.
func listPackages(t *testing.T, goos string) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json=ImportPath,Module,GoFiles,Imports", "./...")
	cmd.Dir = "../.." // the module's root
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOPROXY=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("GOOS=%s go list: %v\n%s", goos, err, stderr.Bytes())
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath string
			Module     struct{ Path string }
			GoFiles    []string
			Imports    []string
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("GOOS=%s go list: %v", goos, err)
		}
		if len(p.GoFiles) == 0 {
			continue // tests only, as this package
		}
		prefix := p.Module.Path + "/"
		q := pkg{path: strings.TrimPrefix(p.ImportPath, prefix)}
		for _, imp := range p.Imports {
			if rest, ok := strings.CutPrefix(imp, prefix); ok {
				q.imports = append(q.imports, rest)
			}
		}
		pkgs = append(pkgs, q)
	}
	if len(pkgs) == 0 {
		t.Fatalf("GOOS=%s go list found no packages", goos)
	}
	return pkgs
}

// orNone joins paths for a message.
func orNone(paths []string) string {
	if len(paths) == 0 {
		return "none"
	}
	return strings.Join(paths, ", ")
}

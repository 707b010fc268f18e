package frontmatter

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	adrg "github.com/adrg/frontmatter"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// adrgSplit is split as adrg/frontmatter computes it, which split
// replaced: the reference it must agree with.
func adrgSplit(t testing.TB, data []byte) (raw, body []byte, ok bool) {
	format := adrg.NewFormat("---", "---", func(b []byte, _ any) error {
		raw = bytes.Clone(b)
		return nil
	})
	body, err := adrg.MustParse(bytes.NewReader(data), nil, format)
	if errors.Is(err, adrg.ErrNotFound) {
		return nil, nil, false
	}
	if err != nil {
		t.Fatalf("adrg/frontmatter: %v", err)
	}
	return raw, body, true
}

func checkSplit(t *testing.T, data []byte) {
	t.Helper()
	raw, body, ok := split(data)
	wantRaw, wantBody, wantOK := adrgSplit(t, data)
	if ok != wantOK || !bytes.Equal(raw, wantRaw) || !bytes.Equal(body, wantBody) {
		t.Errorf("split(%q) = %q, %q, %v; adrg/frontmatter: %q, %q, %v", data, raw, body, ok, wantRaw, wantBody, wantOK)
	}
}

var splitCases = []string{
	"",
	"---",
	"---\n",
	"---\n---",
	"---\n---\n",
	"---\ntitle: x\n---\nbody\n",
	"---\ntitle: x\n",
	"---\ntitle: x\n---",
	"\n\n---\r\ntitle: x\r\n---\r\nbody\r\n",
	"  \n\t\n  ---  \ntitle: x\n  ---\t\n\nbody",
	"title: x\n---\n",
	"\n\n",
	"---\ntitle: x\n--- more\nb: 1\n---\n",
	"---\ntitle: x\n----\n---\nafter\n---\nmore",
	"---\na: 1\n---\n---\nb: 2\n",
	"\u00a0---\u0085\na: 1\n---\u00a0\nbody",
	"\xff---\n---\n",
	"---\n\n\n---\n\n",
}

// TestSplitAsAdrg checks split against adrg/frontmatter, which it
// replaced, on the edges of its reading of lines.
func TestSplitAsAdrg(t *testing.T) {
	for _, s := range splitCases {
		checkSplit(t, []byte(s))
	}
}

// FuzzSplitAsAdrg is TestSplitAsAdrg on any input, seeded with the
// project's Markdown files.
func FuzzSplitAsAdrg(f *testing.F) {
	for _, s := range splitCases {
		f.Add([]byte(s))
	}
	for _, s := range testutil.Seeds(f, "../..", func(name string, data []byte) []byte {
		if strings.HasSuffix(name, ".md") {
			return data
		}
		return nil
	}) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkSplit(t, data) })
}

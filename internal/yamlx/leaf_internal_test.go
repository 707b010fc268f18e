package yamlx

import (
	"reflect"
	"testing"
	"time"
)

type leafStatus string

// leafDoc has a field of every leaf kind, beside others.
type leafDoc struct {
	Title   string     `yaml:"title"`
	Status  leafStatus `yaml:"status"`
	Public  bool       `yaml:"public"`
	At      time.Time  `yaml:"at"`
	Due     Date       `yaml:"due"`
	Owner   *string    `yaml:"owner"`
	Count   int        `yaml:"count"`
	Teams   []string   `yaml:"teams"`
	Updates []struct {
		At      time.Time  `yaml:"at"`
		Status  leafStatus `yaml:"status"`
		Done    bool       `yaml:"done"`
		Message string     `yaml:"message"`
	} `yaml:"updates"`
	Inner *leafDoc `yaml:"inner"`
}

var leafSeeds = []string{
	"title: x\nstatus: open\npublic: true\nat: 2025-02-18T09:05:00+01:00\n",
	"title: [x]\nstatus: {a: b}\npublic: yes\nat: 2025-02-18\n",
	"title:\npublic:\nat:\nstatus: ~\n",
	"public: True\nat: 2025-02-18 09:05\nupdates:\n  - at: 2025-02-18T09:05:00Z\n    status: investigating\n    done: FALSE\n  - at: nope\n    message: [a]\n",
	"titel: x\nstaus: y\ninner: {title: 1, public: \"true\", at: 12:00}\n",
	"public: 1\ncount: 3\nteams: [a, b]\nowner: an\n",
}

// FuzzDecodeLeaf checks that decoding with decodeLeaf gives what decoding
// without it gives: the values, the diagnostics and the failed paths.
func FuzzDecodeLeaf(f *testing.F) {
	for _, s := range leafSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkLeaves(t, src)
	})
}

func TestDecodeLeaf(t *testing.T) {
	for _, s := range leafSeeds {
		checkLeaves(t, s)
	}
}

func checkLeaves(t *testing.T, src string) {
	n, diags := Parse("f.md", []byte(src), 1, 0)
	if diags.HasErrors() {
		return
	}
	loc := time.FixedZone("CET", 3600)
	var fast, slow leafDoc
	fd := &Decoder{File: "f.md", LineOffset: 1, Location: loc}
	sd := &Decoder{File: "f.md", LineOffset: 1, Location: loc, noLeaves: true}
	fp, fdiags := fd.Decode(n, &fast)
	sp, sdiags := sd.Decode(n, &slow)
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("values differ:\nwith decodeLeaf    %+v\nwithout decodeLeaf %+v", fast, slow)
	}
	if !reflect.DeepEqual(fdiags, sdiags) {
		t.Fatalf("diagnostics differ:\nwith decodeLeaf    %v\nwithout decodeLeaf %v", fdiags, sdiags)
	}
	if !reflect.DeepEqual(fp.failed, sp.failed) || !reflect.DeepEqual(fp.aliases, sp.aliases) {
		t.Fatalf("failed or aliases differ: %v %v / %v %v", fp.failed, fp.aliases, sp.failed, sp.aliases)
	}
}

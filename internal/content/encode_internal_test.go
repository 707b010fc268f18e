package content

import (
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/markdown"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// encodeSites are the sites whose records TestEncodeRoundTrip encodes:
// the example site, with every kind of record and most keys, and files
// with what the example has not: a key misspelt (an alias), a value that
// cannot be decoded (a failed key), a key left empty, front matter never
// closed (no record, only errors), a body beyond the Markdown limits, a
// time in a fixed zone, raw HTML dropped from a body, and a level-1
// heading.
func encodeSites(t testing.TB) map[string]fs.FS {
	odd := fstest.MapFS{
		"incidentsite.yaml": {Data: []byte("title: Test\nbase_url: https://status.example.org/\nlanguages: [en, nl]\ntimezone: Europe/Brussels\nservices:\n  - {id: api, name: API}\n")},
		"content/incidents/2025/2025-03-01-typo.md": {Data: []byte("---\ntitle: {en: A typo, nl: Een tikfout}\nsevrity: major\ndetected: 2025-03-01 10:00\ncoordinator:\n" +
			"resolved: yesterday\nexpected_downtime: 30m\nservices: {api: major_outage}\nteams: [ops]\nregulation: [gdpr]\n" +
			"notifications: [{to: dpa, kind: initial, at: 2025-03-01T12:00:00+05:30, reference: R-1}]\n" +
			"decisions: [{regulation: gdpr, at: 2025-03-01T11:00:00Z, by: dpo, notify: true, criteria: [personal-data], conditions: {high-risk: false}, reason: Names.}]\n" +
			"requests: [{regulation: nis2, stage: intermediate, from: csirt, at: 2025-03-02T10:00:00+01:00}]\n" +
			"updates: [{at: 2025-03-01T10:05:00+01:00, status: investigating, message: Looking., internal: Paged., services: {api: degraded_performance}}]\n" +
			"actions: [{title: Fix, owner: ops, due: 2025-04-01, done: 2025-03-20}]\n---\n\n# A title\n\nBefore.\n\n## Impact\n<script>x</script>\n\n## Cause\n\n<!-- guidance -->\n")},
		"content/incidents/2025/2025-03-02-open.md": {Data: []byte("---\ntitle: Never closed\n")},
		"content/incidents/2025/2025-03-03-deep.md": {Data: []byte("---\ntitle: Deep\n---\n\n## Impact\n" + strings.Repeat("> ", 200) + "x\n")},
		"content/exercises/2025-05-01-tabletop.md":  {Data: []byte("---\ntitle: Tabletop\ndate: 2025-05-01\nkind: tabletop\nparticipants: [ops]\nfindings: [{title: Call tree, owner: ops, done: true}]\n---\n\n## Scenario\nx\n")},
		"content/maintenance/2025-06-01-upgrade.md": {Data: []byte("---\ntitle: Upgrade\nscheduled_for: 2025-06-01T22:00:00+02:00\nscheduled_until: 2025-06-02T00:00:00+02:00\nservices: [api]\nstatus: scheduled\n---\n")},
		"content/rcas/2025-03-01-typo.md":           {Data: []byte("---\ntitle: RCA\nincident: 2025-03-01-typo\nstatus: draft\ndate: 2025-03-10\nreviewers: [ops]\n---\n\n## Summary\nx\n")},
		"content/contacts/internal.md":              {Data: []byte("---\ntitle: Internal\naudience: internal\nowner: ops\nreviewed: 2025-01-01\ncontacts: [{id: ops, name: Ops, roles: [coordinator], phone: '+32 2 000 00 00', email: ops@example.org, chat: '#ops', availability: 24/7, notes: n}]\n---\n")},
	}
	return map[string]fs.FS{"example": os.DirFS("../.."), "odd": odd}
}

func siteConfig(t testing.TB, fsys fs.FS) *config.Config {
	t.Helper()
	cfg, d := config.Load(fsys)
	if cfg == nil || d.HasErrors() {
		t.Fatalf("config: %v", d)
	}
	return cfg
}

// TestEncodeRoundTrip encodes the memo of a Load and decodes it: every
// entry, its record with every field and its diagnostics, comes back
// deeply equal; and a Load with the decoded memo gives what a Load
// without one gives.
func TestEncodeRoundTrip(t *testing.T) {
	for name, fsys := range encodeSites(t) {
		t.Run(name, func(t *testing.T) {
			cfg := siteConfig(t, fsys)
			m := NewMemo()
			want, wantDiags := m.Load(fsys, cfg)
			if len(m.entries) < 5 {
				t.Fatalf("only %d records loaded", len(m.entries))
			}
			data := m.Encode(cfg)
			got, err := DecodeMemo(data, cfg)
			if err != nil {
				t.Fatal(err)
			}
			compareEntries(t, got.entries, m.entries)
			if again := got.Encode(cfg); string(again) != string(data) {
				t.Error("encoding the decoded memo gives other bytes")
			}
			set, diags := got.Load(fsys, cfg)
			if !reflect.DeepEqual(set, want) {
				t.Errorf("a Load with the decoded memo differs:\n%s", cmp.Diff(want, set, cmp.Exporter(func(reflect.Type) bool { return true })))
			}
			if !reflect.DeepEqual(diags, wantDiags) {
				t.Errorf("a Load with the decoded memo has other diagnostics:\n%s", cmp.Diff(wantDiags, diags))
			}
		})
	}
}

// compareEntries fails t unless got holds the entries of want, equal
// but for the monotonic clock reading of a modification time.
func compareEntries(t *testing.T, got, want map[string]*memoEntry) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d entries decoded, want %d", len(got), len(want))
	}
	for file, w := range want {
		g := got[file]
		if g == nil {
			t.Errorf("%s: not decoded", file)
			continue
		}
		if !g.modTime.Equal(w.modTime) {
			t.Errorf("%s: modification time %v, want %v", file, g.modTime, w.modTime)
		}
		if !g.change.Equal(w.change) {
			t.Errorf("%s: status change time %v, want %v", file, g.change, w.change)
		}
		gc, wc := *g, *w
		gc.modTime, wc.modTime = time.Time{}, time.Time{}
		gc.change, wc.change = time.Time{}, time.Time{}
		gc.encoded, wc.encoded = nil, nil
		if !reflect.DeepEqual(gc, wc) {
			t.Errorf("%s: decoded entry differs (-want +got):\n%s", file, cmp.Diff(wc, gc, cmp.Exporter(func(reflect.Type) bool { return true })))
		}
	}
}

// oddMemo returns the configuration of encodeSites' site of odd files,
// a memo that loaded it, and the memo's encoding.
func oddMemo(t testing.TB) (*config.Config, *Memo, []byte) {
	t.Helper()
	fsys := encodeSites(t)["odd"]
	cfg := siteConfig(t, fsys)
	m := NewMemo()
	m.Load(fsys, cfg)
	return cfg, m, m.Encode(cfg)
}

// TestDecodeMemoOtherSettings: entries parsed in another time zone or
// with other limits are left out, as they would not be reused.
func TestDecodeMemoOtherSettings(t *testing.T) {
	cfg, m, data := oddMemo(t)

	other := *cfg
	other.Location = time.UTC
	if got, err := DecodeMemo(data, &other); err != nil || len(got.entries) != 0 {
		t.Errorf("another time zone: %d entries kept (%v), want none", len(got.entries), err)
	}
	deeper := *cfg
	deeper.Limits.MaxDepth++
	if got, err := DecodeMemo(data, &deeper); err != nil || len(got.entries) != 0 {
		t.Errorf("another depth limit: %d entries kept (%v), want none", len(got.entries), err)
	}
	// Entries of other settings are not written either.
	if got, err := DecodeMemo(m.Encode(&other), cfg); err != nil || len(got.entries) != 0 {
		t.Errorf("encoded for another zone: %d entries (%v), want none", len(got.entries), err)
	}
}

// TestDecodeMemoDamaged: data cut short, of another version or with a
// byte changed is an error or a memo, never a panic.
func TestDecodeMemoDamaged(t *testing.T) {
	cfg, _, data := oddMemo(t)
	for _, n := range []int{0, 5, len(memoMagic), len(memoMagic) + 1, len(data) / 3, len(data) / 2, len(data) - 1} {
		if _, err := DecodeMemo(data[:n], cfg); err == nil {
			t.Errorf("cut at %d of %d: no error", n, len(data))
		}
	}
	other := []byte(strings.Replace(string(data), "records 2", "records 0", 1))
	if _, err := DecodeMemo(other, cfg); err == nil || !strings.Contains(err.Error(), "not an encoded records of this version") {
		t.Errorf("another version: %v", err)
	}
	for i := len(memoMagic); i < len(data); i += 7 {
		b := []byte(string(data))
		b[i] ^= 0x5a
		DecodeMemo(b, cfg) // must not panic
	}
}

// FuzzDecodeMemo decodes arbitrary data as a cached memo: never a panic,
// and what decodes encodes to data that decodes to the same entries.
func FuzzDecodeMemo(f *testing.F) {
	cfg, _, data := oddMemo(f)
	f.Add(data)
	f.Add([]byte(memoMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := DecodeMemo(data, cfg)
		if err != nil {
			return
		}
		again, err := DecodeMemo(got.Encode(cfg), cfg)
		if err != nil {
			t.Fatalf("a decoded memo does not decode once encoded: %v", err)
		}
		compareEntries(t, again.entries, got.entries)
	})
}

// TestEncodeFields fails when a type the memo encodes gains or loses a
// field: its encoding (encode.go here, Positions.Encode in yamlx,
// Split.Encode in markdown) must then write and read it, and this list
// be updated. TestEncodeRoundTrip proves the fields listed survive.
func TestEncodeFields(t *testing.T) {
	entry := reflect.TypeFor[yamlx.Positions]()
	f, _ := entry.FieldByName("entries")
	tests := []struct {
		typ    reflect.Type
		fields string
	}{
		{reflect.TypeFor[memoEntry](), "key record diags size modTime change settled encoded"},
		{reflect.TypeFor[memoKey](), "kind sum maxDepth location markdown"},
		{reflect.TypeFor[markdown.Limits](), "MaxNesting MaxLinkDefs MaxTableCells MaxLinks MaxBrackets"},
		{reflect.TypeFor[Doc](), "ID File Pos Markdown Body BodyLine Blob empty bodyRefused"},
		{reflect.TypeFor[Incident](), "Doc Title Category Severity Visibility Services Detected Acknowledged Resolved ExpectedDowntime Coordinator Teams Regulation Notifications Decisions Requests Updates Actions RCA"},
		{reflect.TypeFor[Notification](), "To Kind At Reference"},
		{reflect.TypeFor[Decision](), "Regulation At By Notify Criteria Conditions Reason"},
		{reflect.TypeFor[Request](), "Regulation Stage From At Due"},
		{reflect.TypeFor[Update](), "At Status Message Internal Services"},
		{reflect.TypeFor[Action](), "Title Owner Due Done DoneOn"},
		{reflect.TypeFor[RCA](), "Doc Title Incident Status Published Author Reviewers Date Actions"},
		{reflect.TypeFor[Maintenance](), "Doc Title Visibility Services ScheduledFor ScheduledUntil Status Coordinator Updates"},
		{reflect.TypeFor[ContactList](), "Doc Title Audience Owner Reviewed Contacts"},
		{reflect.TypeFor[Contact](), "ID Name Organisation Roles Phone Email Chat Availability Notes"},
		{reflect.TypeFor[Exercise](), "Doc Title Date Kind Category Scenario Facilitator Participants Findings"},
		{reflect.TypeFor[yamlx.Pair](), "Key Value"},
		{reflect.TypeFor[yamlx.Date](), "Time"},
		{reflect.TypeFor[yamlx.Duration](), "Duration"},
		{reflect.TypeFor[yamlx.Positions](), "File Root offset entries keys comments aliases failed"},
		{f.Type.Elem(), "keyOff keyLen keyLine keyCol valLine valCol first count kind"},
		{reflect.TypeFor[markdown.Split](), "Preamble PreambleLine Sections Titles"},
		{reflect.TypeFor[markdown.Section](), "Heading Line Col Body BodyLine Empty Dropped"},
		{reflect.TypeFor[markdown.Dropped](), "Offset Text"},
		{reflect.TypeFor[markdown.Heading](), "Level Line Col Text"},
		{reflect.TypeFor[diag.Diagnostic](), "Pos Severity Rule Message"},
		{reflect.TypeFor[diag.Position](), "File Line Col"},
	}
	for _, tt := range tests {
		var names []string
		for f := range tt.typ.Fields() {
			names = append(names, f.Name)
		}
		if got := strings.Join(names, " "); got != tt.fields {
			t.Errorf("%v has the fields\n\t%s\nthe memo's encoding writes\n\t%s\nencode its new fields (encode.go), then update this list", tt.typ, got, tt.fields)
		}
	}
}

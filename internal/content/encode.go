package content

import (
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/markdown"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/wire"
	"github.com/incidentsite/incidentsite/internal/yamlx"
	"golang.org/x/sync/errgroup"
)

// memoMagic starts an encoded Memo; its number changes whenever the
// encoding does. A cache keys what it keeps by the program too.
const memoMagic = "incidentsite records 2\n"

// Encode returns m's entries parsed with cfg's settings, the records of
// the last Load with their diagnostics and what they were parsed from,
// for a cache folder: the next run gets them back with DecodeMemo and
// reads again only the files that changed. Every field of every record
// is written; TestEncodeFields fails when a record gains a field this
// encoding does not know.
func (m *Memo) Encode(cfg *config.Config) []byte {
	m.mu.Lock()
	entries := m.entries
	m.mu.Unlock()
	want := keyOf("", nil, cfg)
	var e wire.Encoder
	e.Raw([]byte(memoMagic))
	files := make([]string, 0, len(entries))
	size := 0
	for file, en := range entries {
		k := want
		k.kind, k.sum = en.key.kind, en.key.sum
		if en.key == k {
			files = append(files, file)
			size += 128 + len(file) + len(en.encoded)
			if en.encoded == nil && en.record != nil {
				// The body, once whole and once in sections, and
				// the front matter's values and positions.
				size += 2*len(en.record.doc().Markdown) + 2048
			}
		}
	}
	slices.Sort(files)
	e.Grow(size)
	e.Uint(uint64(len(files)))
	// Each entry is written after its length, so that DecodeMemo can cut
	// the entries apart first and decode them on every processor.
	var en wire.Encoder
	for _, file := range files {
		en.Reset()
		entries[file].encode(&en, file, cfg.Location)
		e.Uint(uint64(len(en.Data())))
		e.Raw(en.Data())
	}
	return e.Data()
}

// encode appends the entry of file to e.
func (en *memoEntry) encode(e *wire.Encoder, file string, site *time.Location) {
	e.String(file)
	e.String(string(en.key.kind))
	e.Raw(en.key.sum[:])
	e.Int(en.key.maxDepth)
	e.String(en.key.location)
	l := en.key.markdown
	for _, v := range []int{l.MaxNesting, l.MaxLinkDefs, l.MaxTableCells, l.MaxLinks, l.MaxBrackets} {
		e.Int(v)
	}
	e.Varint(en.size)
	e.Time(en.modTime, nil)
	e.Time(en.change, nil)
	e.Bool(en.settled)
	if en.encoded != nil {
		e.Raw(en.encoded)
		return
	}
	encodeRecord(e, en.record, site)
	encodeDiags(e, en.diags)
}

// decodePart decodes the entry d holds, all of it. A panic, which would
// be a bug, is an error: a cache never stops a build.
func decodePart(d *wire.Decoder, site *time.Location) (file string, en *memoEntry, err error) {
	defer func() {
		if r := recover(); r != nil {
			file, en, err = "", nil, fmt.Errorf("decode records: %v", r)
		}
	}()
	file, en = decodeEntry(d, site)
	return file, en, d.Done()
}

// decodeEntry reads what memoEntry.encode wrote: the entry and its file.
func decodeEntry(d *wire.Decoder, site *time.Location) (string, *memoEntry) {
	file := d.String()
	en := &memoEntry{}
	en.key.kind = vocab.Kind(d.String())
	d.Raw(en.key.sum[:])
	en.key.maxDepth = d.Int()
	en.key.location = d.String()
	l := &en.key.markdown
	for _, p := range []*int{&l.MaxNesting, &l.MaxLinkDefs, &l.MaxTableCells, &l.MaxLinks, &l.MaxBrackets} {
		*p = d.Int()
	}
	en.size = d.Varint()
	en.modTime = d.Time(nil)
	en.change = d.Time(nil)
	en.settled = d.Bool()
	mark := d.Mark()
	en.record = decodeRecord(d, en.key.kind, site)
	en.diags = decodeDiags(d)
	en.encoded = d.Since(mark)
	return file, en
}

// DecodeMemo returns a Memo holding the entries Encode wrote whose
// settings are cfg's: a Load with it reads and parses only the files
// that changed since. Data damaged, cut short or of another version is an
// error, never a panic. The records share data's memory: the caller must
// not modify data after (wire.Decoder).
func DecodeMemo(data []byte, cfg *config.Config) (*Memo, error) {
	d := wire.NewDecoder(data, "records")
	if !d.Magic(memoMagic) {
		return nil, d.Err()
	}
	want := keyOf("", nil, cfg)
	parts := make([]*wire.Decoder, d.Count(1))
	for i := range parts {
		parts[i] = d.Sub(d.Index())
	}
	if err := d.Done(); err != nil {
		return nil, err
	}
	// Each entry on its own, on every processor, into its own slot.
	type decoded struct {
		file  string
		entry *memoEntry
	}
	out := make([]decoded, len(parts))
	var next atomic.Int64
	var g errgroup.Group
	for range min(runtime.GOMAXPROCS(0), len(parts)) {
		g.Go(func() error {
			for i := int(next.Add(1) - 1); i < len(parts); i = int(next.Add(1) - 1) {
				// A time in the site's zone decodes in cfg's: the
				// entry is kept only when that is the zone it was
				// parsed in.
				file, en, err := decodePart(parts[i], cfg.Location)
				if err != nil {
					return err
				}
				out[i] = decoded{file, en}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	entries := make(map[string]*memoEntry, len(out))
	for _, o := range out {
		k := want
		k.kind, k.sum = o.entry.key.kind, o.entry.key.sum
		if o.entry.key == k {
			entries[o.file] = o.entry
		}
	}
	return &Memo{entries: entries}, nil
}

// The kinds of record an entry holds, as written.
const (
	noRecord byte = iota
	incidentRecord
	rcaRecord
	maintenanceRecord
	contactsRecord
	exerciseRecord
)

func encodeRecord(e *wire.Encoder, r record, site *time.Location) {
	switch v := r.(type) {
	case *Incident:
		e.Byte(incidentRecord)
		encodeDoc(e, &v.Doc)
		encodeText(e, v.Title)
		e.String(v.Category)
		e.String(v.Severity)
		e.String(string(v.Visibility))
		encodePairs(e, v.Services)
		e.Time(v.Detected, site)
		e.Time(v.Acknowledged, site)
		e.Time(v.Resolved, site)
		e.Varint(int64(v.ExpectedDowntime.Duration))
		e.String(v.Coordinator)
		encodeStrings(e, v.Teams)
		encodeStrings(e, v.Regulation)
		encodeSlice(e, v.Notifications, func(n Notification) {
			e.String(n.To)
			e.String(n.Kind)
			e.Time(n.At, site)
			e.String(n.Reference)
		})
		encodeSlice(e, v.Decisions, func(dc Decision) {
			e.String(dc.Regulation)
			e.Time(dc.At, site)
			e.String(dc.By)
			e.Bool(dc.Notify)
			encodeStrings(e, dc.Criteria)
			yamlx.EncodeSet(e, dc.Conditions)
			e.String(dc.Reason)
		})
		encodeSlice(e, v.Requests, func(rq Request) {
			e.String(rq.Regulation)
			e.String(rq.Stage)
			e.String(rq.From)
			e.Time(rq.At, site)
			e.Time(rq.Due, site)
		})
		encodeUpdates(e, v.Updates, site)
		encodeActions(e, v.Actions, site)
		e.String(v.RCA)
	case *RCA:
		e.Byte(rcaRecord)
		encodeDoc(e, &v.Doc)
		encodeText(e, v.Title)
		e.String(v.Incident)
		e.String(string(v.Status))
		e.Bool(v.Published)
		e.String(v.Author)
		encodeStrings(e, v.Reviewers)
		e.Time(v.Date.Time, site)
		encodeActions(e, v.Actions, site)
	case *Maintenance:
		e.Byte(maintenanceRecord)
		encodeDoc(e, &v.Doc)
		encodeText(e, v.Title)
		e.String(string(v.Visibility))
		encodeStrings(e, v.Services)
		e.Time(v.ScheduledFor, site)
		e.Time(v.ScheduledUntil, site)
		e.String(string(v.Status))
		e.String(v.Coordinator)
		encodeUpdates(e, v.Updates, site)
	case *ContactList:
		e.Byte(contactsRecord)
		encodeDoc(e, &v.Doc)
		e.String(v.Title)
		e.String(v.Audience)
		e.String(v.Owner)
		e.Time(v.Reviewed.Time, site)
		encodeSlice(e, v.Contacts, func(c Contact) {
			e.String(c.ID)
			e.String(c.Name)
			e.String(c.Organisation)
			encodeStrings(e, c.Roles)
			e.String(c.Phone)
			e.String(c.Email)
			e.String(c.Chat)
			e.String(c.Availability)
			e.String(c.Notes)
		})
	case *Exercise:
		e.Byte(exerciseRecord)
		encodeDoc(e, &v.Doc)
		e.String(v.Title)
		e.Time(v.Date.Time, site)
		e.String(v.Kind)
		e.String(v.Category)
		e.String(v.Scenario)
		e.String(v.Facilitator)
		encodeStrings(e, v.Participants)
		encodeActions(e, v.Findings, site)
	default: // nil: the front matter could not be read
		e.Byte(noRecord)
	}
}

// decodeRecord reads what encodeRecord wrote, a record of kind.
func decodeRecord(d *wire.Decoder, kind vocab.Kind, site *time.Location) record {
	tag := d.Byte()
	if tag != noRecord && tag != recordTag(kind) {
		d.Fail()
		return nil
	}
	switch tag {
	case incidentRecord:
		v := &Incident{}
		decodeDoc(d, &v.Doc)
		v.Title = decodeText(d)
		v.Category = d.String()
		v.Severity = d.String()
		v.Visibility = vocab.Visibility(d.String())
		v.Services = decodePairs(d)
		v.Detected = d.Time(site)
		v.Acknowledged = d.Time(site)
		v.Resolved = d.Time(site)
		v.ExpectedDowntime.Duration = time.Duration(d.Varint())
		v.Coordinator = d.String()
		v.Teams = decodeStrings(d)
		v.Regulation = decodeStrings(d)
		v.Notifications = decodeSlice(d, 4, func() Notification {
			return Notification{To: d.String(), Kind: d.String(), At: d.Time(site), Reference: d.String()}
		})
		v.Decisions = decodeSlice(d, 7, func() Decision {
			return Decision{Regulation: d.String(), At: d.Time(site), By: d.String(), Notify: d.Bool(),
				Criteria: decodeStrings(d), Conditions: yamlx.DecodeSet(d), Reason: d.String()}
		})
		v.Requests = decodeSlice(d, 5, func() Request {
			return Request{Regulation: d.String(), Stage: d.String(), From: d.String(), At: d.Time(site), Due: d.Time(site)}
		})
		v.Updates = decodeUpdates(d, site)
		v.Actions = decodeActions(d, site)
		v.RCA = d.String()
		return v
	case rcaRecord:
		v := &RCA{}
		decodeDoc(d, &v.Doc)
		v.Title = decodeText(d)
		v.Incident = d.String()
		v.Status = vocab.RCAStatus(d.String())
		v.Published = d.Bool()
		v.Author = d.String()
		v.Reviewers = decodeStrings(d)
		v.Date.Time = d.Time(site)
		v.Actions = decodeActions(d, site)
		return v
	case maintenanceRecord:
		v := &Maintenance{}
		decodeDoc(d, &v.Doc)
		v.Title = decodeText(d)
		v.Visibility = vocab.Visibility(d.String())
		v.Services = decodeStrings(d)
		v.ScheduledFor = d.Time(site)
		v.ScheduledUntil = d.Time(site)
		v.Status = vocab.Status(d.String())
		v.Coordinator = d.String()
		v.Updates = decodeUpdates(d, site)
		return v
	case contactsRecord:
		v := &ContactList{}
		decodeDoc(d, &v.Doc)
		v.Title = d.String()
		v.Audience = d.String()
		v.Owner = d.String()
		v.Reviewed.Time = d.Time(site)
		v.Contacts = decodeSlice(d, 9, func() Contact {
			return Contact{ID: d.String(), Name: d.String(), Organisation: d.String(), Roles: decodeStrings(d),
				Phone: d.String(), Email: d.String(), Chat: d.String(), Availability: d.String(), Notes: d.String()}
		})
		return v
	case exerciseRecord:
		v := &Exercise{}
		decodeDoc(d, &v.Doc)
		v.Title = d.String()
		v.Date.Time = d.Time(site)
		v.Kind = d.String()
		v.Category = d.String()
		v.Scenario = d.String()
		v.Facilitator = d.String()
		v.Participants = decodeStrings(d)
		v.Findings = decodeActions(d, site)
		return v
	}
	return nil
}

// recordTag returns the tag of kind's records.
func recordTag(kind vocab.Kind) byte {
	switch kind {
	case vocab.KindIncident:
		return incidentRecord
	case vocab.KindRCA:
		return rcaRecord
	case vocab.KindMaintenance:
		return maintenanceRecord
	case vocab.KindContacts:
		return contactsRecord
	case vocab.KindExercise:
		return exerciseRecord
	}
	return noRecord
}

func encodeDoc(e *wire.Encoder, doc *Doc) {
	e.String(doc.ID)
	e.String(doc.File)
	doc.Pos.Encode(e)
	e.Bytes(doc.Markdown)
	doc.Body.Encode(e)
	e.Int(doc.BodyLine)
	e.Raw(doc.Blob[:])
	yamlx.EncodeSet(e, doc.empty)
	e.Bool(doc.bodyRefused)
}

func decodeDoc(d *wire.Decoder, doc *Doc) {
	doc.ID = d.String()
	doc.File = d.String()
	doc.Pos = yamlx.DecodePositions(d)
	doc.Markdown = d.Bytes()
	doc.Body = markdown.DecodeSplit(d)
	doc.BodyLine = d.Int()
	d.Raw(doc.Blob[:])
	doc.empty = yamlx.DecodeSet(d)
	doc.bodyRefused = d.Bool()
}

func encodeUpdates(e *wire.Encoder, updates []Update, site *time.Location) {
	encodeSlice(e, updates, func(u Update) {
		e.Time(u.At, site)
		e.String(string(u.Status))
		encodeText(e, u.Message)
		e.String(u.Internal)
		encodePairs(e, u.Services)
	})
}

func decodeUpdates(d *wire.Decoder, site *time.Location) []Update {
	return decodeSlice(d, 5, func() Update {
		return Update{At: d.Time(site), Status: vocab.Status(d.String()), Message: decodeText(d), Internal: d.String(), Services: decodePairs(d)}
	})
}

func encodeActions(e *wire.Encoder, actions []Action, site *time.Location) {
	encodeSlice(e, actions, func(a Action) {
		e.String(a.Title)
		e.String(a.Owner)
		e.Time(a.Due.Time, site)
		e.Bool(a.Done)
		e.Time(a.DoneOn.Time, site)
	})
}

func decodeActions(d *wire.Decoder, site *time.Location) []Action {
	return decodeSlice(d, 5, func() Action {
		a := Action{Title: d.String(), Owner: d.String()}
		a.Due.Time = d.Time(site)
		a.Done = d.Bool()
		a.DoneOn.Time = d.Time(site)
		return a
	})
}

func encodeText(e *wire.Encoder, t l10n.Text) {
	e.Len(len(t), t == nil)
	for _, lang := range slices.Sorted(maps.Keys(t)) {
		e.String(lang)
		e.String(t[lang])
	}
}

func decodeText(d *wire.Decoder) l10n.Text {
	n, isNil := d.Len(2)
	if isNil {
		return nil
	}
	t := make(l10n.Text, n)
	for range n {
		lang := d.String()
		t[lang] = d.String()
	}
	return t
}

func encodePairs(e *wire.Encoder, p yamlx.Pairs) {
	encodeSlice(e, p, func(p yamlx.Pair) {
		e.String(p.Key)
		e.String(p.Value)
	})
}

func decodePairs(d *wire.Decoder) yamlx.Pairs {
	return decodeSlice(d, 2, func() yamlx.Pair { return yamlx.Pair{Key: d.String(), Value: d.String()} })
}

func encodeStrings(e *wire.Encoder, s []string) { encodeSlice(e, s, e.String) }

func decodeStrings(d *wire.Decoder) []string { return decodeSlice(d, 1, d.String) }

func encodeDiags(e *wire.Encoder, diags diag.List) {
	encodeSlice(e, diags, func(dg diag.Diagnostic) {
		yamlx.EncodePosition(e, dg.Pos)
		e.Int(int(dg.Severity))
		e.String(dg.Rule)
		e.String(dg.Message)
	})
}

func decodeDiags(d *wire.Decoder) diag.List {
	return decodeSlice(d, 6, func() diag.Diagnostic {
		return diag.Diagnostic{Pos: yamlx.DecodePosition(d), Severity: diag.Severity(d.Int()), Rule: d.String(), Message: d.String()}
	})
}

// encodeSlice appends s's length, whether it is nil, and each item with
// item.
func encodeSlice[T any](e *wire.Encoder, s []T, item func(T)) {
	e.Len(len(s), s == nil)
	for _, v := range s {
		item(v)
	}
}

// decodeSlice reads what encodeSlice wrote, items of at least size bytes
// each, each with item.
func decodeSlice[T any](d *wire.Decoder, size int, item func() T) []T {
	n, isNil := d.Len(size)
	if isNil {
		return nil
	}
	s := make([]T, n)
	for i := range s {
		s[i] = item()
	}
	return s
}

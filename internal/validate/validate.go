// Package validate checks that a site's records make sense together and
// against their templates: references resolve, times are in order, values
// are among those allowed, required sections and fields are there once the
// record has reached the moment that requires them.
//
// Rules are pure: they read the loaded config, catalog and content and
// return diagnostics, each with a position. No I/O, no clock: "now" is an
// argument.
package validate

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
	"golang.org/x/sync/errgroup"
)

// Input is what Validate checks.
type Input struct {
	Config  *config.Config
	Catalog *catalog.Catalog
	Content *content.Set
	// Regulations are the site's regulations, built in and its own.
	Regulations *regulation.Set
	// Now is the build's "now": open incidents, review ages and exercise
	// intervals are measured against it.
	Now time.Time
}

// Validate checks in and returns every problem found.
func Validate(in Input) diag.List {
	v := newValidator(in)
	for _, t := range in.Catalog.Templates() {
		v.guard(t.File, func() { v.template(t) })
	}
	for _, l := range in.Content.Contacts {
		v.guard(l.File, func() { v.contactList(l) })
	}
	// Incidents and RCAs are most of a site and are checked independently
	// of each other: spread them over the processors.
	v.diags.Append(parallel(v, in.Content.Incidents, func(w *validator, inc *content.Incident) {
		w.guard(inc.File, func() { w.incident(inc); w.updateServices(inc) })
	}))
	v.diags.Append(parallel(v, in.Content.RCAs, func(w *validator, r *content.RCA) {
		w.guard(r.File, func() { w.rca(r) })
	}))
	for _, m := range in.Content.Maintenance {
		v.guard(m.File, func() { v.maintenance(m); v.maintenanceUpdateServices(m) })
	}
	for _, e := range in.Content.Exercises {
		v.guard(e.File, func() { v.exercise(e) })
	}
	v.guard(content.Folder(vocab.KindExercise), v.exerciseInterval)
	v.guard(catalog.Dir, v.rolesHeld)
	v.guard(regulation.Dir, v.regulationRolesHeld)
	return v.diags
}

// parallel runs check on every item, in chunks spread over the
// processors, each with its own copy of v (sharing v's read-only indexes),
// and returns their diagnostics in item order.
func parallel[T any](v *validator, items []T, check func(*validator, T)) diag.List {
	const chunk = 256 // items a copy of v checks: enough to be worth a goroutine
	out := make([]diag.List, (len(items)+chunk-1)/chunk)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range out {
		g.Go(func() error {
			w := *v
			w.diags = nil
			for _, it := range items[i*chunk : min((i+1)*chunk, len(items))] {
				check(&w, it)
			}
			out[i] = w.diags
			return nil
		})
	}
	g.Wait()
	var all diag.List
	for _, d := range out {
		all.Append(d)
	}
	return all
}

// Values allowed in records besides those of package vocab.
var (
	// ContactAudiences are a contact list's audiences: the roles its
	// contacts hold must be of the same audience (config's role
	// audiences). A customer list holds the mailing lists that reach
	// customers' administrators and officers.
	ContactAudiences = []string{"internal", "external", "customer"}
)

type validator struct {
	Input
	diags diag.List

	contacts    map[string]*contactRef
	contactIDs  []string
	roleHolders map[string]int
	incidents   map[string]*content.Incident
	rcas        map[string]*content.RCA
	rcaFor      map[string]*content.RCA
	// unknownContacts tells that a contact list could not be read.
	unknownContacts bool
}

type contactRef struct {
	c    *content.Contact
	list *content.ContactList
}

func newValidator(in Input) *validator {
	v := &validator{
		Input:       in,
		contacts:    map[string]*contactRef{},
		roleHolders: map[string]int{},
		incidents:   make(map[string]*content.Incident, len(in.Content.Incidents)),
		rcas:        make(map[string]*content.RCA, len(in.Content.RCAs)),
		rcaFor:      make(map[string]*content.RCA, len(in.Content.RCAs)),
	}
	v.unknownContacts = in.Content.AnyUnread(vocab.KindContacts)
	for _, l := range in.Content.Contacts {
		if l.Pos.Failed("contacts") {
			v.unknownContacts = true
		}
		for i := range l.Contacts {
			c := &l.Contacts[i]
			if c.ID == "" {
				continue
			}
			if _, dup := v.contacts[c.ID]; dup {
				continue // reported by contactList
			}
			v.contacts[c.ID] = &contactRef{c, l}
			v.contactIDs = append(v.contactIDs, c.ID)
			for _, r := range c.Roles {
				v.roleHolders[r]++
			}
		}
	}
	slices.Sort(v.contactIDs)
	for _, inc := range in.Content.Incidents {
		v.incidents[inc.ID] = inc
	}
	for _, r := range in.Content.RCAs {
		v.rcas[r.ID] = r
		if r.Incident != "" && v.rcaFor[r.Incident] == nil {
			v.rcaFor[r.Incident] = r
		}
	}
	return v
}

// guard runs a rule and turns a panic, which would be a bug, into an
// error on the file, so that the rest of the site is still checked.
func (v *validator) guard(file string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			v.diags.Errorf(diag.Position{File: file, Line: 1, Col: 1}, "internal-error",
				"incidentsite failed while checking this file (%v); please report it with the file attached\n%s", r, debug.Stack())
		}
	}()
	f()
}

func (v *validator) errorf(pos diag.Position, rule, format string, args ...any) {
	v.diags.Errorf(pos, rule, format, args...)
}

// missing reports the front matter key key as missing, unless it was
// written with a value that could not be read: that is reported already.
func (v *validator) missing(p *yamlx.Positions, key, format string, args ...any) {
	if p.Failed(key) {
		return
	}
	v.errorf(p.Key(key), "required", format, args...)
}

func (v *validator) warnf(pos diag.Position, rule, format string, args ...any) {
	v.diags.Warnf(pos, rule, format, args...)
}

// duef reports what is still to be written: a section, field or RCA that
// a moment the record has reached requires. It is a warning, so that a
// coordinator's update is never held back by paperwork (DESIGN.md,
// non-negotiable 0), unless validation.strict asks for an error. A
// moment the clock brings on (clock) stays a warning even then: time
// passing never turns a valid repository into a failing one.
func (v *validator) duef(pos diag.Position, rule string, clock bool, format string, args ...any) {
	if v.Config.Validation.Strict && !clock {
		v.diags.Errorf(pos, rule, format, args...)
		return
	}
	v.diags.Warnf(pos, rule, format, args...)
}

// oneOf checks that val is among allowed; what names the key for the
// message and src, when not empty, the template that allows them.
func oneOf[T ~string](v *validator, p *yamlx.Positions, path, what string, val T, allowed []T, src string) bool {
	if slices.Contains(allowed, val) {
		return true
	}
	pos := p.Value(path)
	from := ""
	if src != "" {
		from = " (" + src + ")"
	}
	words := vocab.Strings(allowed)
	v.errorf(pos, "enum", "%s %q is not one of %s%s%s", what, val, strings.Join(words, ", "), from, diag.DidYouMean(string(val), words))
	return false
}

// wordList joins words for a message: "public, internal".
func wordList[T ~string](words []T) string { return strings.Join(vocab.Strings(words), ", ") }

// contact checks that id, the value at path, names a contact. The
// value's position is looked up only for a message.
func (v *validator) contact(p *yamlx.Positions, path, what, id string) {
	if id == "" || v.contactsUnknown() {
		return
	}
	if v.contacts[id] == nil {
		v.errorf(p.Value(path), "unknown-contact", "%s %q is not a contact in %s/%s",
			what, id, content.Folder(vocab.KindContacts), diag.Hint(id, v.contactIDs, "add it to a contact list"))
	}
}

// owner checks that id, the value at path, names a contact or a role
// some contact holds.
func (v *validator) owner(p *yamlx.Positions, path, what, id string) {
	if id == "" || v.contacts[id] != nil || v.roleHolders[id] > 0 || v.contactsUnknown() {
		return
	}
	msg := fmt.Sprintf("%s %q is neither a contact nor a role held by a contact", what, id)
	if v.Config.Role(id) != nil {
		msg = fmt.Sprintf("%s %q is a role that no contact holds; add it to a contact's roles in %s/", what, id, content.Folder(vocab.KindContacts))
	} else {
		msg += diag.Hint(id, append(slices.Clone(v.contactIDs), v.Config.RoleIDs()...), "add it to a contact list")
	}
	v.errorf(p.Value(path), "unknown-contact", "%s", msg)
}

// contactsUnknown reports whether a contact list, or its list of
// contacts, could not be read, so that who is a contact and who holds
// which role is not known: a check calling a contact unknown would repeat
// that file's error all over the site.
func (v *validator) contactsUnknown() bool { return v.unknownContacts }

// fmtTime writes a time for messages, in the site's time zone.
func (v *validator) fmtTime(t time.Time) string {
	return t.In(v.Config.Location).Format("2006-01-02 15:04 MST")
}

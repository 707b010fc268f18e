package validate

import (
	"fmt"
	"maps"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/ident"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

func (v *validator) rca(r *content.RCA) {
	p := r.Pos
	if !v.text(p, "title", r.Title) {
		v.missing(p, "title", "title is missing; add title:, as in title: Database failover did not complete")
	}
	switch inc := v.incidents[r.Incident]; {
	case r.Incident == "":
		v.missing(p, "incident", "incident is missing; add incident: the id of the incident this RCA analyses")
	case inc == nil && v.Content.Unread(vocab.KindIncident, r.Incident):
		// The incident's file could not be read: its error is enough.
	case inc == nil:
		v.errorf(p.Value("incident"), "unknown-incident", "incident %q does not exist%s",
			r.Incident, diag.Hint(r.Incident, slices.Sorted(maps.Keys(v.incidents)), "an RCA must point to an incident in "+content.Folder(vocab.KindIncident)+"/"))
	default:
		if other := v.rcaFor[r.Incident]; other != r {
			v.errorf(p.Value("incident"), "duplicate-id", "incident %q already has an RCA, %s; keep one RCA per incident", r.Incident, other.File)
		}
		if r.Status == vocab.Final && inc.Resolved.IsZero() {
			v.warnf(p.Value("status"), "rca-open-incident", "the RCA is final but incident %q is not resolved yet", r.Incident)
		}
	}
	if r.Status == "" {
		v.missing(p, "status", "status is missing; add status: one of %s", wordList(vocab.RCAStatuses))
	} else {
		oneOf(v, p, "status", "status", r.Status, vocab.RCAStatuses, "")
	}
	if r.Published && r.Status != vocab.Final {
		v.errorf(p.Value("published"), "rca-published", "only a final RCA can be published; set status: final or published: false")
	}
	v.contact(p, "author", "author", r.Author)
	for i, id := range r.Reviewers {
		v.contact(p, yamlx.Join("reviewers", i), "reviewer", id)
	}
	v.actions(&r.Doc, "actions", r.Actions)
	if t := v.Catalog.Get(string(vocab.KindRCA)); t != nil {
		reached := statusMoments(&r.Doc, vocab.RCAStatuses, r.Status, "status")
		v.sections(&r.Doc, t, reached)
		v.fields(&r.Doc, t, reached)
	}
}

// statusMoments returns the moments of a record whose life is a status
// field running through order.
func statusMoments[T ~string](d *content.Doc, order []T, status T, key string) moment {
	cur := slices.Index(order, status)
	return func(m string) (bool, diag.Position) {
		i := slices.Index(order, T(m))
		if i == 0 || (cur >= 0 && i <= cur) {
			return true, d.Pos.Key(key)
		}
		return false, diag.Position{}
	}
}

func (v *validator) maintenance(m *content.Maintenance) {
	p := m.Pos
	if !v.text(p, "title", m.Title) {
		v.missing(p, "title", "title is missing; add title:, as in title: Database upgrade")
	}
	if m.Visibility != "" {
		oneOf(v, p, "visibility", "visibility", m.Visibility, vocab.Visibilities, "")
	}
	if len(m.Services) == 0 {
		v.missing(p, "services", "services is missing; list the services the maintenance affects, as in services: [assetexplorer]")
	}
	seen := map[string]bool{}
	for i, s := range m.Services {
		at := p.Value(yamlx.Join("services", i))
		switch {
		case v.Config.Service(s) == nil:
			v.errorf(at, "unknown-service", "service %q is not declared in incidentsite.yaml%s",
				s, diag.Hint(s, v.Config.ServiceIDs(), "the services are "+strings.Join(v.Config.ServiceIDs(), ", ")))
		case seen[s]:
			v.errorf(at, "duplicate-key", "service %q is listed twice", s)
		}
		seen[s] = true
	}
	switch {
	case m.ScheduledFor.IsZero() && !m.Has("scheduled_for"):
		v.missing(p, "scheduled_for", "scheduled_for is missing; add when the window starts, as in scheduled_for: 2025-03-01T22:00:00+01:00")
	case m.ScheduledUntil.IsZero() && !m.Has("scheduled_until"):
		v.missing(p, "scheduled_until", "scheduled_until is missing; add when the window ends")
	case !m.ScheduledFor.IsZero() && !m.ScheduledUntil.IsZero() && !m.ScheduledUntil.After(m.ScheduledFor):
		v.errorf(p.Value("scheduled_until"), "time-order", "scheduled_until (%s) is not after scheduled_for (%s); the window must end after it starts",
			v.fmtTime(m.ScheduledUntil), v.fmtTime(m.ScheduledFor))
	}
	if m.Status == "" {
		v.missing(p, "status", "status is missing; add status: one of %s", wordList(vocab.MaintenanceStatuses))
	} else if oneOf(v, p, "status", "status", m.Status, vocab.MaintenanceStatuses, "") {
		if n := len(m.Updates); n > 0 && slices.Contains(vocab.MaintenanceStatuses, m.Updates[n-1].Status) && m.Updates[n-1].Status != m.Status {
			v.errorf(p.Value("status"), "resolution", "status is %q but the last update says %q; make them agree", m.Status, m.Updates[n-1].Status)
		}
		// A window still scheduled starts and ends by itself at the build's
		// now (model.Maintenance.Timeline), unless an update dated at or
		// after its start shows the team steering it by hand: then nothing
		// moves it on.
		if n := len(m.Updates); m.Status == vocab.Scheduled && !m.ScheduledUntil.IsZero() && m.ScheduledUntil.Before(v.Now) &&
			n > 0 && !m.Updates[n-1].At.Before(m.ScheduledFor) {
			v.warnf(p.Value("status"), "stale-maintenance", "the window ended on %s but its last update, after the start, still says scheduled, so it does not complete by itself; add an update with status: completed, or move the window",
				v.fmtTime(m.ScheduledUntil))
		}
	}
	v.updates(&m.Doc, m.Updates, vocab.MaintenanceStatuses, time.Time{}, "")
	v.stamps(&m.Doc, maintenanceStamps(m))
	v.contact(p, "coordinator", "coordinator", m.Coordinator)
	if t := v.Catalog.Get(string(vocab.KindMaintenance)); t != nil {
		reached := statusMoments(&m.Doc, vocab.MaintenanceStatuses, m.Status, "status")
		v.sections(&m.Doc, t, reached)
		v.fields(&m.Doc, t, reached)
	}
}

var (
	phoneRE = regexp.MustCompile(`^\+?[0-9][0-9 ()./-]{2,30}$`)
)

func (v *validator) contactList(l *content.ContactList) {
	p := l.Pos
	if strings.TrimSpace(l.Title) == "" {
		v.missing(p, "title", "title is missing; add title:, as in title: Internal contacts")
	}
	if l.Audience == "" {
		v.missing(p, "audience", "audience is missing; add audience: internal (people of the organisation), external (parties outside it) or customer (people at customers)")
	} else {
		oneOf(v, p, "audience", "audience", l.Audience, ContactAudiences, "")
	}
	v.contact(p, "owner", "owner", l.Owner)
	if l.Owner == "" {
		v.missing(p, "owner", "owner is missing; add owner: the contact who keeps this list up to date")
	}
	if l.Reviewed.IsZero() {
		if !l.Has("reviewed") {
			v.missing(p, "reviewed", "reviewed is missing; add reviewed: the date the list was last checked, as in reviewed: 2025-01-15")
		}
	} else {
		limit := v.monthsAgo(v.Config.Checks.ContactsReviewMonths)
		switch {
		case l.Reviewed.Before(limit):
			v.warnf(p.Value("reviewed"), "stale-contacts", "the list was last reviewed on %s, more than %d months ago; check every entry and update reviewed:",
				l.Reviewed, v.Config.Checks.ContactsReviewMonths)
		case l.Reviewed.After(v.Now):
			v.warnf(p.Value("reviewed"), "future", "reviewed (%s) lies after now; check the date", l.Reviewed)
		}
	}
	if len(l.Contacts) == 0 {
		v.missing(p, "contacts", "the list has no contacts; add contacts: with id, name, roles and a phone or e-mail")
	}
	for i := range l.Contacts {
		c := &l.Contacts[i]
		base := yamlx.Join("contacts", i)
		switch ref := v.contacts[c.ID]; {
		case c.ID == "" && p.Failed(base+".id"):
			// Written, but not as text: reported already.
		case c.ID == "":
			v.errorf(p.Value(base), "required", "contact needs id: a short name such as an-janssens")
		case !ident.Valid(c.ID):
			v.errorf(p.Value(base+".id"), "id", "contact id %q must be %s", c.ID, ident.Rule)
		case ref != nil && ref.c != c && ref.list == l:
			v.errorf(p.Value(base+".id"), "duplicate-id", "contact id %q is already used earlier in this list; ids must be unique", c.ID)
		case ref != nil && ref.c != c:
			v.errorf(p.Value(base+".id"), "duplicate-id", "contact id %q is also used in %s; ids must be unique across all lists", c.ID, ref.list.File)
		}
		if strings.TrimSpace(c.Name) == "" {
			v.errorf(p.Value(base), "required", "%s needs name:", contactName(c))
		}
		if len(c.Roles) == 0 {
			v.errorf(p.Value(base), "required", "%s needs roles: what they are reached for, such as [operations-team]", contactName(c))
		}
		for j, r := range c.Roles {
			at := p.Value(yamlx.Join(base+".roles", j))
			role := v.Config.Role(r)
			want := config.Internal
			switch l.Audience {
			case "external":
				want = config.External
			case "customer":
				want = config.Customer
			}
			switch {
			case role == nil:
				v.errorf(at, "unknown-role", "role %q is unknown%s", r, diag.Hint(r, v.Config.RoleIDs(), "declare it under roles: in incidentsite.yaml"))
			case slices.Contains(ContactAudiences, l.Audience) && role.Audience != want:
				v.errorf(at, "unknown-role", "role %q is a%s %s role, but this is a%s %s contact list", r, an(role.Audience), role.Audience, an(l.Audience), l.Audience)
			}
		}
		if c.Phone == "" && c.Email == "" && c.Chat == "" {
			v.errorf(p.Value(base), "required", "%s has no phone, email or chat; add at least one way to reach them", contactName(c))
		}
		if c.Phone != "" && !phoneRE.MatchString(c.Phone) {
			v.errorf(p.Value(base+".phone"), "contact", "phone %q is not a phone number; write it in international form, as in +32 2 123 45 67", c.Phone)
		}
		if c.Email != "" {
			if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email {
				v.errorf(p.Value(base+".email"), "contact", "email %q is not an e-mail address, as in name@example.org", c.Email)
			}
		}
	}
}

func (v *validator) exercise(e *content.Exercise) {
	p := e.Pos
	if strings.TrimSpace(e.Title) == "" {
		v.missing(p, "title", "title is missing; add title:, as in title: Ransomware tabletop")
	}
	if e.Date.IsZero() && !e.Has("date") {
		v.missing(p, "date", "date is missing; add date: the day of the exercise, as in date: 2025-06-12")
	}
	if e.Kind == "" {
		v.missing(p, "kind", "kind is missing; add kind: one of %s", wordList(vocab.ExerciseKinds))
	} else {
		oneOf(v, p, "kind", "kind", e.Kind, vocab.ExerciseKinds, "")
	}
	if e.Category != "" {
		if t := v.Catalog.Get(e.Category); t == nil || t.Kind != vocab.KindIncident {
			v.errorf(p.Value("category"), "unknown-category", "category %q has no template in %s/%s",
				e.Category, catalog.Dir, diag.Hint(e.Category, v.Catalog.Categories(), "use one of "+strings.Join(v.Catalog.Categories(), ", ")))
		}
	}
	v.contact(p, "facilitator", "facilitator", e.Facilitator)
	for i, id := range e.Participants {
		v.owner(p, yamlx.Join("participants", i), "participant", id)
	}
	v.actions(&e.Doc, "findings", e.Findings)
	if t := v.Catalog.Get(string(vocab.KindExercise)); t != nil {
		held := !e.Date.IsZero() && !e.Date.After(v.Now)
		reached := func(m string) (bool, diag.Position) {
			if m == "planned" || (m == "held" && held) {
				return true, p.Key("date")
			}
			return false, diag.Position{}
		}
		v.sections(&e.Doc, t, reached)
		v.fields(&e.Doc, t, reached)
	}
}

// exerciseInterval warns when no exercise was held in the last
// checks.exercise_months: the response plan must be tested once a year.
func (v *validator) exerciseInterval() {
	if v.Content.AnyUnread(vocab.KindExercise) {
		return // the unread one may be the last exercise
	}
	since := v.monthsAgo(v.Config.Checks.ExerciseMonths)
	var last *content.Exercise
	for _, e := range v.Content.Exercises {
		if e.Date.IsZero() || e.Date.After(v.Now) {
			continue
		}
		if last == nil || e.Date.After(last.Date.Time) {
			last = e
		}
	}
	switch {
	case last == nil:
		v.warnf(diag.Position{File: content.Folder(vocab.KindExercise), Line: 1, Col: 1}, "no-exercise",
			"no exercise of the incident response plan has been held; test it at least once a year and record it with \"incidentsite new exercise\"")
	case last.Date.Before(since):
		v.warnf(last.Pos.Value("date"), "no-exercise", "the last exercise was held on %s, more than %d months ago; test the incident response plan at least once a year",
			last.Date, v.Config.Checks.ExerciseMonths)
	}
}

// contactName names contact c in messages: by its id, or as "contact"
// when it has none.
func contactName(c *content.Contact) string {
	if c.ID == "" {
		return "contact"
	}
	return fmt.Sprintf("contact %q", c.ID)
}

// monthsAgo returns the start of the day n months before today, in the
// site's time zone. Dates (a review, an exercise) are days: one held on
// this day n months ago is n months old, not more.
func (v *validator) monthsAgo(n int) time.Time {
	y, m, d := v.Now.In(v.Config.Location).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, v.Config.Location).AddDate(0, -n, 0)
}

package validate

import (
	"slices"
	"strings"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// regulations checks an incident's regulation:, notifications:,
// decisions: and requests: against the site's regulations.
func (v *validator) regulations(inc *content.Incident) {
	p := inc.Pos
	regs := v.Regulations
	for i, r := range inc.Regulation {
		if msg := regs.CheckName(r); msg != "" {
			v.errorf(p.Value(yamlx.Join("regulation", i)), "enum", "%s", msg)
		}
	}
	for i := range inc.Notifications {
		v.notification(inc, i)
	}
	decided := map[string]bool{}
	for i := range inc.Decisions {
		if name := v.decision(inc, i, decided); name != "" {
			decided[name] = true
		}
	}
	for i := range inc.Requests {
		v.request(inc, i)
	}
	// A regulated incident with no decision is due: the decision is
	// paperwork still to be done, never a reason to hold back an update
	// (DESIGN.md, non-negotiable 0), so it stays a warning even under
	// validation.strict.
	for i, name := range inc.Regulation {
		r := regs.Get(name)
		if r == nil || decided[name] || slices.Index(inc.Regulation, name) != i {
			continue
		}
		v.warnf(p.Value(yamlx.Join("regulation", i)), "missing-decision",
			"no decision under %s yet: %s; record it under decisions:, as in decisions: [{regulation: %s, at: TIME, by: WHO, notify: true, reason: WHY}]",
			name, r.Question.Get(v.lang(), "en"), name)
	}
}

// notification checks notification i of inc: its recipient, its kind
// against the regulations the incident lists, its time.
func (v *validator) notification(inc *content.Incident, i int) {
	p := inc.Pos
	n := inc.Notifications[i]
	base := yamlx.Join("notifications", i)
	if n.To == "" {
		v.errorf(p.Key(base), "required", "notification needs to: the contact it was sent to, or the role of those told, as in to: affected-users")
	}
	v.recipient(p.Value(base+".to"), "recipient", n.To)
	regs := v.Regulations
	switch {
	case n.Kind == "":
		kinds := regs.Kinds(inc.Regulation...)
		if len(kinds) == 0 {
			kinds = regs.Kinds()
		}
		v.errorf(p.Key(base), "required", "notification needs kind: one of %s", strings.Join(kinds, ", "))
	default:
		if msg := regs.CheckKind(n.Kind, inc.Regulation); msg != "" {
			rule := "enum"
			if r, _ := regs.ByKind(n.Kind); r != nil {
				rule = "regulation"
			}
			v.errorf(p.Value(base+".kind"), rule, "%s", msg)
			break
		}
		r, st := regs.ByKind(n.Kind)
		roles := v.rolesOf(n.To)
		if n.To == "" || v.contactsUnknown() || roles == nil || slices.ContainsFunc(st.To, func(role string) bool { return slices.Contains(roles, role) }) {
			break
		}
		// The report went out, but to nobody the law names: the clock
		// keeps running as if it had not (regulation.Clocks).
		v.warnf(p.Value(base+".to"), "recipient-role",
			"recipient %q holds none of the roles the %s %s report goes to (%s, %s), so it meets no deadline; give the contact the role in %s/, or record the notification to one who holds it",
			n.To, r.Name, st.ID, strings.Join(st.To, ", "), r.Source(), content.Folder(vocab.KindContacts))
	}
	if n.At.IsZero() {
		v.errorf(p.Key(base), "required", "notification needs at: when it was sent")
	} else if !inc.Detected.IsZero() && n.At.Before(inc.Detected) {
		v.errorf(p.Value(base+".at"), "time-order", "notification at %s is before the incident was detected (%s)", v.fmtTime(n.At), v.fmtTime(inc.Detected))
	}
}

// regulationOf checks the regulation: of a decision or request at base
// and returns the regulation, or nil when it names none the incident
// lists.
func (v *validator) regulationOf(inc *content.Incident, base, what, name string) *regulation.Regulation {
	p := inc.Pos
	if name == "" {
		if !p.Failed(base + ".regulation") {
			v.errorf(p.Value(base), "required", "%s needs regulation: one of the incident's regulations (%s)", what, listOrNone(inc.Regulation))
		}
		return nil
	}
	if msg := v.Regulations.CheckName(name); msg != "" {
		v.errorf(p.Value(base+".regulation"), "enum", "%s", msg)
		return nil
	}
	if !slices.Contains(inc.Regulation, name) {
		v.errorf(p.Value(base+".regulation"), "regulation", "a %s under %s, but regulation does not list %s; add it to regulation:", what, name, name)
		return nil
	}
	return v.Regulations.Get(name)
}

// decision checks decision i of inc and returns the name of its
// regulation when it is a valid decision under one; decided holds the
// regulations decided before it.
func (v *validator) decision(inc *content.Incident, i int, decided map[string]bool) string {
	p := inc.Pos
	d := inc.Decisions[i]
	base := yamlx.Join("decisions", i)
	r := v.regulationOf(inc, base, "decision", d.Regulation)
	if r != nil && decided[r.Name] {
		v.errorf(p.Value(base+".regulation"), "duplicate-key",
			"a decision under %s is recorded already; keep one per regulation and change it when the decision changes: git keeps the earlier one", r.Name)
		r = nil
	}
	if !inc.Has(base + ".notify") {
		if !p.Failed(base + ".notify") {
			what := "the incident must be reported"
			if r != nil {
				what = strings.TrimSuffix(r.Question.Get(v.lang(), "en"), "?")
			}
			// Paperwork, not what customers read: the decision counts as not
			// taken yet (the model skips it), and the update goes out.
			v.duef(p.Value(base), "required", false, "decision needs notify: true or false, the answer to %q; until then it counts as not taken", what+"?")
		}
	}
	if d.At.IsZero() {
		if !p.Failed(base + ".at") {
			v.duef(p.Value(base), "required", false, "decision needs at: when it was taken; until then it counts as not taken")
		}
	} else if !inc.Detected.IsZero() && d.At.Before(inc.Detected) {
		v.errorf(p.Value(base+".at"), "time-order", "decision at %s is before the incident was detected (%s)", v.fmtTime(d.At), v.fmtTime(inc.Detected))
	}
	if d.By == "" {
		v.duef(p.Value(base), "required", false, "decision needs by: who took it, a contact or a role, as in by: dpo")
	} else {
		v.owner(p, base+".by", "decided by", d.By)
	}
	if strings.TrimSpace(d.Reason) == "" {
		v.duef(p.Value(base), "required", false, "decision needs reason: why the incident is or is not to be reported; auditors read it in the register")
	}
	if r == nil {
		return ""
	}
	seen := map[string]bool{}
	for j, c := range d.Criteria {
		at := p.Value(yamlx.Join(base+".criteria", j))
		switch msg := r.CheckCriterion(c); {
		case msg != "":
			v.errorf(at, "enum", "%s", msg)
		case seen[c]:
			v.errorf(at, "duplicate-id", "criterion %q is listed twice", c)
		}
		seen[c] = true
	}
	for _, c := range sortedKeys(d.Conditions) {
		if msg := r.CheckCondition(c); msg != "" {
			v.errorf(p.Key(yamlx.Join(base+".conditions", c)), "enum", "%s", msg)
		}
	}
	return r.Name
}

// request checks an authority's request i of inc.
func (v *validator) request(inc *content.Incident, i int) {
	p := inc.Pos
	q := inc.Requests[i]
	base := yamlx.Join("requests", i)
	r := v.regulationOf(inc, base, "request", q.Regulation)
	switch {
	case q.Stage == "":
		if !p.Failed(base + ".stage") {
			stages := "the stage asked for"
			if r != nil {
				stages = "one of " + stageIDs(r)
			}
			v.errorf(p.Value(base), "required", "request needs stage: %s", stages)
		}
	case r != nil:
		if msg := r.CheckStage(q.Stage); msg != "" {
			v.errorf(p.Value(base+".stage"), "enum", "%s", msg)
			break
		}
		st := r.Stage(q.Stage)
		if !slices.ContainsFunc(st.Clocks, func(t regulation.Timer) bool { return t.From == regulation.FromRequested }) {
			v.warnf(p.Value(base+".stage"), "request-stage",
				"the %s stage %q has no clock from requested (%s), so this request changes no deadline; check the stage", r.Name, q.Stage, r.Source())
		}
	}
	v.recipient(p.Value(base+".from"), "requested by", q.From)
	if q.At.IsZero() {
		if !p.Failed(base + ".at") {
			v.errorf(p.Value(base), "required", "request needs at: when the authority asked")
		}
		return
	}
	if !inc.Detected.IsZero() && q.At.Before(inc.Detected) {
		v.errorf(p.Value(base+".at"), "time-order", "request at %s is before the incident was detected (%s)", v.fmtTime(q.At), v.fmtTime(inc.Detected))
	}
	if !q.Due.IsZero() && q.Due.Before(q.At) {
		v.errorf(p.Value(base+".due"), "time-order", "due (%s) is before the request was made (%s)", v.fmtTime(q.Due), v.fmtTime(q.At))
	}
}

// recipient checks that id names a contact or a role: a report may go
// to the people who hold a role no contact lists (affected-users).
func (v *validator) recipient(pos diag.Position, what, id string) {
	if id == "" || v.contactsUnknown() || v.contacts[id] != nil || v.Config.Role(id) != nil {
		return
	}
	v.errorf(pos, "unknown-contact", "%s %q is neither a contact in %s/ nor a role%s",
		what, id, content.Folder(vocab.KindContacts), diag.Hint(id, append(slices.Clone(v.contactIDs), v.Config.RoleIDs()...), "add it to a contact list"))
}

// rolesOf returns the roles the recipient id holds: a contact's roles,
// or the role itself; nil when id is neither.
func (v *validator) rolesOf(id string) []string {
	if c := v.contacts[id]; c != nil {
		return append([]string{}, c.c.Roles...)
	}
	if v.Config.Role(id) != nil {
		return []string{id}
	}
	return nil
}

// regulationRolesHeld warns, once per regulation an incident lists, about
// each role its reports go to that no contact holds: nobody would receive
// them. The warning stands at the first incident that lists the
// regulation. Customer roles (affected-users) are reached by
// communication to customers, not through a contact, and are left out.
func (v *validator) regulationRolesHeld() {
	if v.contactsUnknown() {
		return
	}
	done := map[string]bool{}
	all := len(v.Regulations.Names())
	for _, inc := range v.Content.Incidents {
		for i, name := range inc.Regulation {
			r := v.Regulations.Get(name)
			if r == nil || done[name] {
				continue
			}
			done[name] = true
			for _, role := range r.Roles() {
				cr := v.Config.Role(role)
				switch {
				case v.roleHolders[role] > 0, cr != nil && cr.Audience == config.Customer:
					continue
				case cr == nil && !r.Builtin:
					// The site's regulation names a role the configuration
					// does not declare: that error, on its file, is enough.
					continue
				}
				v.warnf(inc.Pos.Value(yamlx.Join("regulation", i)), "unheld-role",
					"no contact holds role %q, to which %s reports go (%s), so nobody would receive them; add it to a contact's roles in %s/",
					role, name, r.Source(), content.Folder(vocab.KindContacts))
			}
		}
		if len(done) == all {
			return
		}
	}
}

// lang is the site's default language, in which messages quote a
// regulation's words.
func (v *validator) lang() string {
	if len(v.Config.Languages) > 0 {
		return v.Config.Languages[0]
	}
	return "en"
}

func stageIDs(r *regulation.Regulation) string {
	ids := make([]string, len(r.Stages))
	for i := range r.Stages {
		ids[i] = r.Stages[i].ID
	}
	return strings.Join(ids, ", ")
}

func listOrNone(list []string) string {
	if len(list) == 0 {
		return "none: add regulation: first"
	}
	return strings.Join(list, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

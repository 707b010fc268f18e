package validate

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/markdown"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

func (v *validator) incident(inc *content.Incident) {
	p := inc.Pos
	if !v.text(p, "title", inc.Title) {
		v.missing(p, "title", "title is missing; add title: with one line customers understand, as in title: AssetExplorer is unavailable")
	}
	var t *catalog.Template
	switch {
	case inc.Category == "":
		v.missing(p, "category", "category is missing; add category: one of %s", strings.Join(v.Catalog.Categories(), ", "))
	default:
		t = v.Catalog.Get(inc.Category)
		if t == nil || t.Kind != vocab.KindIncident {
			t = nil
			v.errorf(p.Value("category"), "unknown-category", "category %q has no template in %s/%s",
				inc.Category, catalog.Dir, diag.Hint(inc.Category, v.Catalog.Categories(),
					fmt.Sprintf("use one of %s, or add %s/%s.yaml", strings.Join(v.Catalog.Categories(), ", "), catalog.Dir, inc.Category)))
		}
	}
	if t != nil {
		if inc.Severity == "" {
			v.missing(p, "severity", "severity is missing; add severity: one of %s (%s)", strings.Join(t.Severities, ", "), t.Source())
		} else if !slices.Contains(t.Severities, inc.Severity) {
			oneOf(v, p, "severity", "severity", inc.Severity, t.Severities, t.Source())
		}
	}
	if inc.Visibility != "" {
		oneOf(v, p, "visibility", "visibility", inc.Visibility, vocab.Visibilities, "")
	}

	seen := map[string]bool{}
	for _, s := range inc.Services {
		if v.Config.Service(s.Key) != nil && !seen[s.Key] && slices.Contains(vocab.Impacts, vocab.Level(s.Value)) {
			seen[s.Key] = true
			continue // nothing to say: no path to join
		}
		key := yamlx.Join("services", s.Key)
		switch {
		case v.Config.Service(s.Key) == nil:
			v.errorf(p.Key(key), "unknown-service", "service %q is not declared in incidentsite.yaml%s",
				s.Key, diag.Hint(s.Key, v.Config.ServiceIDs(), "the services are "+strings.Join(v.Config.ServiceIDs(), ", ")))
		case seen[s.Key]:
			v.errorf(p.Key(key), "duplicate-key", "service %q is listed twice", s.Key)
		}
		seen[s.Key] = true
		if s.Value == "" {
			v.errorf(p.Key(key), "required", "service %q needs its impact: one of %s", s.Key, wordList(vocab.Impacts))
		} else {
			oneOf(v, p, key, "impact", vocab.Level(s.Value), vocab.Impacts, "")
		}
	}

	v.incidentTimes(inc)
	v.stamps(&inc.Doc, incidentStamps(inc))
	v.contact(p, "coordinator", "coordinator", inc.Coordinator)
	for i, team := range inc.Teams {
		v.owner(p, yamlx.Join("teams", i), "team", team)
	}
	v.regulations(inc)
	v.actions(&inc.Doc, "actions", inc.Actions)
	v.incidentRCA(inc, t)

	if t != nil {
		reached := v.incidentMoments(inc)
		v.sections(&inc.Doc, t, reached)
		v.fields(&inc.Doc, t, reached)
	}
}

// incidentTimes checks that the incident's moments and updates are in
// order and agree with each other.
func (v *validator) incidentTimes(inc *content.Incident) {
	p := inc.Pos
	if inc.Detected.IsZero() {
		if !inc.Has("detected") {
			v.missing(p, "detected", "detected is missing; add when the team became aware of the incident, as in detected: 2025-02-18T09:05:00+01:00")
		}
		return
	}
	if !inc.Acknowledged.IsZero() && inc.Acknowledged.Before(inc.Detected) {
		v.errorf(p.Value("acknowledged"), "time-order", "acknowledged (%s) is before detected (%s); an incident is acknowledged after it is detected",
			v.fmtTime(inc.Acknowledged), v.fmtTime(inc.Detected))
	}
	if !inc.Resolved.IsZero() {
		switch {
		case inc.Resolved.Before(inc.Detected):
			v.errorf(p.Value("resolved"), "time-order", "resolved (%s) is before detected (%s)", v.fmtTime(inc.Resolved), v.fmtTime(inc.Detected))
		case !inc.Acknowledged.IsZero() && inc.Resolved.Before(inc.Acknowledged):
			v.errorf(p.Value("resolved"), "time-order", "resolved (%s) is before acknowledged (%s)", v.fmtTime(inc.Resolved), v.fmtTime(inc.Acknowledged))
		}
	}
	v.updates(&inc.Doc, inc.Updates, vocab.IncidentStatuses, inc.Detected, "detected")

	// The resolved time and the updates must tell the same story.
	var last *content.Update
	if n := len(inc.Updates); n > 0 {
		last = &inc.Updates[n-1]
	}
	lastIsResolved := last != nil && last.Status == vocab.Resolved
	switch {
	case inc.Resolved.IsZero() && inc.Has("resolved"):
		// resolved is written but is not a time: that error is reported
		// already, and saying resolved is missing would be wrong.
	case !inc.Resolved.IsZero() && !lastIsResolved:
		if last == nil {
			v.errorf(p.Value("resolved"), "resolution", "resolved is set but there is no update; add an update with status: resolved telling customers it is over")
		} else {
			v.errorf(p.Value("resolved"), "resolution", "resolved is set but the last update has status %q; add an update with status: resolved, or remove resolved:", last.Status)
		}
	case inc.Resolved.IsZero() && lastIsResolved:
		i := len(inc.Updates) - 1
		when := "the time it was resolved"
		if !last.At.IsZero() {
			when = last.At.In(v.Config.Location).Format(time.RFC3339)
		}
		// The update already tells customers it is over, and the build
		// takes its time as the resolution: holding back the push that
		// says so would help nobody (DESIGN.md, non-negotiable 0).
		v.warnf(p.Value(yamlx.Join(yamlx.Join("updates", i), "status")), "resolution",
			"this update resolves the incident but resolved: is missing, so the build takes the update's time; add resolved: %s", when)
	case lastIsResolved && !last.At.IsZero() && !last.At.Equal(inc.Resolved):
		v.warnf(p.Value("resolved"), "resolution", "resolved (%s) differs from the time of the resolving update (%s); make them the same",
			v.fmtTime(inc.Resolved), v.fmtTime(last.At))
	}
}

// updates checks a timeline: statuses allowed, messages written, times in
// order and not before start.
func (v *validator) updates(d *content.Doc, list []content.Update, statuses []vocab.Status, start time.Time, startKey string) {
	p := d.Pos
	if len(list) > v.Config.Limits.MaxUpdates {
		v.errorf(p.Key("updates"), "limits", "%d updates are more than limits.max_updates (%d); raise it in incidentsite.yaml if this is right", len(list), v.Config.Limits.MaxUpdates)
	}
	var prev time.Time
	for i, u := range list {
		base := yamlx.Join("updates", i)
		if u.At.IsZero() {
			if !d.Has(base + ".at") {
				v.errorf(p.Value(base), "required", "update needs at: the time it was published")
			}
		} else {
			if !start.IsZero() && u.At.Before(start) {
				v.errorf(p.Value(base+".at"), "time-order", "update at %s is before %s (%s)", v.fmtTime(u.At), startKey, v.fmtTime(start))
			}
			switch {
			case !prev.IsZero() && u.At.Before(prev):
				v.errorf(p.Value(base+".at"), "time-order", "update at %s is earlier than the update before it (%s); keep updates in the order they were published, oldest first",
					v.fmtTime(u.At), v.fmtTime(prev))
			case !prev.IsZero() && u.At.Equal(prev):
				// Feeds and pages name each update by its time.
				v.errorf(p.Value(base+".at"), "time-order", "update at %s has the same time as the update before it; give each update the time it was published",
					v.fmtTime(u.At))
			}
			prev = u.At
		}
		// Positions and paths are found only for a message: every
		// record has updates, and most are fine.
		if u.Status == "" {
			v.errorf(p.Value(base), "required", "update needs status: one of %s", wordList(statuses))
		} else if !slices.Contains(statuses, u.Status) {
			oneOf(v, p, base+".status", "status", u.Status, statuses, "")
		}
		msg := base + ".message"
		if !v.text(p, msg, u.Message) {
			v.errorf(p.Value(base), "required", "update needs message: what customers are told")
		}
		if len(u.Message) == 1 {
			// One text, as most are: no codes to sort.
			for code, text := range u.Message {
				v.droppedMessageHTML(p, msg, code, text)
			}
		} else {
			for _, code := range u.Message.Codes() {
				v.droppedMessageHTML(p, msg, code, u.Message[code])
			}
		}
	}
}

// droppedMessageHTML warns about the raw HTML in text, the text in code
// of the message at path.
func (v *validator) droppedMessageHTML(p *yamlx.Positions, path, code, text string) {
	dropped := markdown.DroppedMessageHTML(text)
	if len(dropped) == 0 {
		return
	}
	at := p.Value(path)
	if code != "" {
		at = p.Value(yamlx.Join(path, code))
	}
	for _, h := range dropped {
		v.droppedHTML(at, h)
	}
}

// droppedHTML warns that raw HTML h is left out of the pages: "press
// <Enter>" would read "press" to customers.
func (v *validator) droppedHTML(at diag.Position, h markdown.Dropped) {
	v.warnf(at, "dropped-html", "%q is raw HTML, which the pages leave out; to show it as text, put it in `backticks` or write \\< for its <, else remove it", h.Text)
}

// incidentMoments returns how far the incident's life has come.
func (v *validator) incidentMoments(inc *content.Incident) moment {
	p := inc.Pos
	firstWith := func(statuses ...vocab.Status) (bool, diag.Position) {
		for i, u := range inc.Updates {
			if slices.Contains(statuses, u.Status) {
				return true, p.Value(yamlx.Join(yamlx.Join("updates", i), "status"))
			}
		}
		return false, diag.Position{}
	}
	return func(m string) (bool, diag.Position) {
		switch m {
		case "detected":
			return true, p.Key("detected")
		case "acknowledged":
			if inc.Has("acknowledged") {
				return true, p.Key("acknowledged")
			}
			if len(inc.Updates) > 0 {
				return true, p.Value("updates.0")
			}
			if !inc.Resolved.IsZero() {
				return true, p.Key("resolved")
			}
		case "identified":
			if ok, at := firstWith(vocab.Identified, vocab.Monitoring, vocab.Resolved); ok {
				return true, at
			}
			if !inc.Resolved.IsZero() {
				return true, p.Key("resolved")
			}
		case "monitoring":
			if ok, at := firstWith(vocab.Monitoring, vocab.Resolved); ok {
				return true, at
			}
			if !inc.Resolved.IsZero() {
				return true, p.Key("resolved")
			}
		case "resolved":
			if !inc.Resolved.IsZero() {
				return true, p.Key("resolved")
			}
		}
		return false, diag.Position{}
	}
}

// incidentRCA checks the link to an RCA, and warns when a resolved
// incident of a severity that calls for one has none.
func (v *validator) incidentRCA(inc *content.Incident, t *catalog.Template) {
	p := inc.Pos
	if inc.RCA != "" {
		r := v.rcas[inc.RCA]
		switch {
		case r == nil && v.Content.Unread(vocab.KindRCA, inc.RCA):
			// The RCA's file could not be read: its error is enough.
		case r == nil:
			v.errorf(p.Value("rca"), "unknown-rca", "RCA %q does not exist%s",
				inc.RCA, diag.Hint(inc.RCA, slices.Sorted(maps.Keys(v.rcas)), fmt.Sprintf("add %s/%s.md or fix the id", content.Folder(vocab.KindRCA), inc.RCA)))
		case r.Incident != "" && r.Incident != inc.ID:
			v.errorf(p.Value("rca"), "unknown-rca", "RCA %q is about incident %q, not this one; fix rca: here or incident: in %s", inc.RCA, r.Incident, r.File)
		}
	}
	if t == nil || inc.Resolved.IsZero() || !slices.Contains(t.RCARequiredFor, inc.Severity) {
		return
	}
	if inc.RCA == "" && v.rcaFor[inc.ID] == nil {
		v.duef(p.Value("severity"), "missing-rca", false, "a resolved %s %s incident should have a root cause analysis (%s); run \"incidentsite new rca --incident %s\"",
			inc.Severity, t.Name, t.Source(), inc.ID)
	}
}

// actions checks follow-up actions.
func (v *validator) actions(d *content.Doc, key string, list []content.Action) {
	p := d.Pos
	for i, a := range list {
		base := yamlx.Join(key, i)
		if strings.TrimSpace(a.Title) == "" {
			v.errorf(p.Value(base), "required", "action needs title: what must be done")
		}
		if a.Owner == "" {
			v.errorf(p.Value(base), "required", "action needs owner: a contact or a role")
		}
		v.owner(p, base+".owner", "owner", a.Owner)
		// A day done before the record was written is fine: a team may
		// log an action already taken.
		if !a.DoneOn.IsZero() && a.DoneOn.After(v.Now) {
			v.warnf(p.Value(base+".done"), "future", "done (%s) lies after now; write the day the action was done, or done: false until it is", a.DoneOn)
		}
	}
}

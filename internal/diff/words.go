package diff

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/vocab"
)

// words are the parts of a change as the text and markdown reports say
// it: a label, what it says after the label, and the texts it quotes.
// Both reports escape them in their own way.
type words struct {
	// label is the kind in words: "new update", "now published".
	label string
	// says is the rest of the line, plain text.
	says string
	// quotes are the texts customers read or will read, each with its
	// heading ("before", "after", "" for a single text).
	quotes []quote
}

type quote struct {
	heading string
	text    Text
}

// describe returns ch in words, times in loc and texts in def first.
func describe(ch Change, loc *time.Location) words {
	d := ch.Detail
	when := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(loc).Format("2006-01-02 15:04 MST")
	}
	str := func(v any) string {
		switch v := v.(type) {
		case string:
			return strings.ReplaceAll(v, "_", " ")
		case nil:
			return "none"
		}
		return fmt.Sprint(v)
	}
	switch ch.Kind {
	case IncidentAdded:
		says := str(d.Status)
		if d.Impact != "" {
			says += ", impact " + d.Impact
		}
		if d.IncidentSeverity != "" {
			says += ", severity " + d.IncidentSeverity + ", internal"
		}
		return words{label: "new incident", says: says + serviceList(d.Services)}
	case MaintenanceAdded:
		says := "scheduled"
		if d.Schedule != nil {
			says = schedule(d.Schedule, loc)
		}
		if ch.Audience == Team {
			says += ", internal"
		}
		return words{label: "new maintenance window", says: says}
	case UpdateAdded:
		return words{label: "new update", says: when(d.At) + ", " + str(d.Status), quotes: []quote{{text: d.Message}}}
	case UpdateRemoved:
		return words{label: "update removed", says: "the update of " + when(d.At) + " (" + str(d.Status) + "), which customers read, is gone; keep it and add an update that corrects it", quotes: []quote{{text: d.Message}}}
	case StatusChanged:
		if d.At != nil {
			return words{label: "update's status changed", says: "the update of " + when(d.At) + ": " + str(d.Old) + " → " + str(d.New)}
		}
		return words{label: "status", says: str(d.Old) + " → " + str(d.New)}
	case ImpactChanged:
		if d.Service != "" {
			name := d.Service
			if d.ServiceName != "" && d.ServiceName != d.Service {
				name = d.ServiceName + " (" + d.Service + ")"
			}
			return words{label: "service status", says: name + ": " + str(d.Old) + " → " + str(d.New)}
		}
		return words{label: "impact", says: str(d.Old) + " → " + str(d.New)}
	case ScheduleChanged:
		old, _ := d.Old.(*Schedule)
		new, _ := d.New.(*Schedule)
		if old != nil && new != nil {
			return words{label: "rescheduled", says: schedule(old, loc) + " → " + schedule(new, loc)}
		}
		return words{label: "rescheduled"}
	case MadePublic:
		return words{label: "now published", says: "internal until now, it appears on the status page, in its feeds and API, with all its updates"}
	case Withdrawn:
		return words{label: "withdrawn", says: "made internal: its page, feed entries and API entries disappear from the status page; customers saw it"}
	case Deleted:
		if ch.Audience == Public {
			return words{label: "deleted", says: "the record is gone: its page, feed entries and API entries disappear from the status page; customers saw it"}
		}
		return words{label: "deleted", says: "the record is gone from the logbook, which is meant to keep every incident"}
	case TextRewritten:
		return words{label: "published text rewritten", says: part(d, loc) + ": customers already read the old words; add an update that corrects them instead",
			quotes: []quote{{"before", asText(d.Old)}, {"after", asText(d.New)}}}
	case SectionAdded:
		return words{label: "new section", says: part(d, loc), quotes: []quote{{text: asText(d.New)}}}
	case SectionRemoved:
		return words{label: "section removed", says: part(d, loc) + ": customers read it", quotes: []quote{{text: asText(d.Old)}}}
	case RCAPublished:
		return words{label: "RCA published", says: "the root cause analysis's external sections appear on the incident's page"}
	case RCAWithdrawn:
		return words{label: "RCA withdrawn", says: "the root cause analysis customers read disappears from the incident's page"}
	case RCAAdded:
		says := str(d.Status)
		if d.Incident != "" {
			says += ", for incident " + d.Incident
		}
		return words{label: "new RCA", says: says}
	case RCAStatusChanged:
		return words{label: "RCA status", says: str(d.Old) + " → " + str(d.New)}
	case ActionAdded, ActionDone, ActionRemoved:
		label := map[Kind]string{ActionAdded: "new action", ActionDone: "action done", ActionRemoved: "action removed"}[ch.Kind]
		a := d.Action
		says := fmt.Sprintf("%q, %s", a.Title, a.Owner)
		if a.Due != "" {
			says += ", due " + a.Due
		}
		if a.DoneOn != "" {
			says += ", done on " + a.DoneOn
		} else if a.Done {
			says += ", done"
		}
		return words{label: label, says: says}
	case NotificationAdded, NotificationRemoved:
		n := d.Notification
		says := n.Kind + " to " + n.To + ", " + when(&n.At)
		if n.Reference != "" {
			says += ", reference " + n.Reference
		}
		if ch.Kind == NotificationRemoved {
			return words{label: "notification removed", says: says + ": the record of a report sent is gone; keep it, and correct it with a note if it was wrong"}
		}
		return words{label: "notification sent", says: says}
	case DecisionAdded, DecisionRemoved:
		x := d.Decision
		verdict := "do not notify"
		if x.Notify {
			verdict = "notify"
		}
		says := x.Regulation + ": " + verdict + ", by " + x.By + ", " + when(&x.At)
		if x.Reason != "" {
			says += ": " + x.Reason
		}
		if ch.Kind == DecisionRemoved {
			return words{label: "decision removed", says: says}
		}
		return words{label: "decision", says: says}
	case DeadlineMet, DeadlineMissed:
		dl := d.Deadline
		says := dl.Regulation + " " + dl.Title
		if dl.Deadline != nil {
			says += ", due " + when(dl.Deadline)
		}
		if ch.Kind == DeadlineMissed {
			return words{label: "deadline missed", says: says}
		}
		if d.At != nil {
			says += ", sent " + when(d.At)
		}
		if dl.LateMinutes > 0 {
			says += ", " + (time.Duration(dl.LateMinutes) * time.Minute).String() + " late"
		}
		return words{label: "deadline met", says: says}
	}
	return words{label: string(ch.Kind)}
}

func part(d Detail, loc *time.Location) string {
	switch d.Part {
	case PartTitle:
		return "the title"
	case PartUpdate:
		if d.At != nil {
			return "the update of " + d.At.In(loc).Format("2006-01-02 15:04 MST")
		}
		return "an update"
	case PartRCASection:
		return "the published RCA's section " + d.Section
	}
	return "the section " + d.Section
}

func asText(v any) Text {
	t, _ := v.(Text)
	return t
}

func schedule(s *Schedule, loc *time.Location) string {
	return s.From.In(loc).Format("2006-01-02 15:04") + " to " + s.Until.In(loc).Format("2006-01-02 15:04 MST")
}

func serviceList(m map[string]string) string {
	if len(m) == 0 {
		return ""
	}
	var parts []string
	for _, id := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, id+" "+strings.ReplaceAll(m[id], "_", " "))
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// languages returns t's codes, def first, then the others sorted.
func languages(t Text, def string) []string {
	var out []string
	if _, ok := t[def]; ok {
		out = append(out, def)
	}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		if k != def {
			out = append(out, k)
		}
	}
	return out
}

// recordWord is a record kind as the reports name it.
func recordWord(k vocab.Kind) string {
	switch k {
	case vocab.KindRCA:
		return "RCA"
	case vocab.KindMaintenance:
		return "maintenance"
	}
	return string(k)
}

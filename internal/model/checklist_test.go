package model

import (
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// hm is 2026-11-23 at hh:mm UTC.
func hm(hh, mm int) time.Time { return time.Date(2026, 11, 23, hh, mm, 0, 0, time.UTC) }

func up(t time.Time, s vocab.Status) Update { return Update{At: t, Status: s} }

// commsIncident is an incident detected at 10:00 and acknowledged at
// 10:10, of a category that requires an RCA for major incidents; change
// then changes it.
func commsIncident(change func(*Incident)) *Incident {
	inc := &Incident{
		Template:     &catalog.Template{RCARequiredFor: []string{"major"}},
		Severity:     "major",
		Detected:     hm(10, 0),
		Acknowledged: hm(10, 10),
	}
	if change != nil {
		change(inc)
	}
	return inc
}

// TestCheckMoment holds a case per moment and state it can take, and
// the edges between them.
func TestCheckMoment(t *testing.T) {
	final := &RCA{Status: vocab.Final, Date: hm(20, 0)}
	for _, c := range []struct {
		name     string
		moment   string
		external bool
		now      time.Time
		inc      *Incident
		want     MomentState
		// update is the index of the update that did it, -1 for none.
		update int
		start  time.Time
	}{
		// detected
		{"detected/not-started", "detected", true, hm(9, 0), commsIncident(nil), MomentNotStarted, -1, time.Time{}},
		{"detected/due", "detected", true, hm(10, 5), commsIncident(nil), MomentDue, -1, hm(10, 0)},
		{"detected/done", "detected", true, hm(11, 0), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 12), vocab.Investigating), up(hm(10, 30), vocab.Identified)}
		}), MomentDone, 0, hm(10, 0)},
		{"detected/update-not-yet-published", "detected", true, hm(10, 11), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 12), vocab.Investigating)}
		}), MomentDue, -1, hm(10, 0)},
		{"detected/missed-resolved-without-update", "detected", true, hm(11, 0), commsIncident(func(i *Incident) {
			i.Resolved = hm(10, 40)
		}), MomentMissed, -1, hm(10, 0)},

		// acknowledged
		{"acknowledged/not-started-zero", "acknowledged", true, hm(11, 0), commsIncident(func(i *Incident) {
			i.Acknowledged = time.Time{}
		}), MomentNotStarted, -1, time.Time{}},
		{"acknowledged/not-started-later", "acknowledged", true, hm(10, 5), commsIncident(nil), MomentNotStarted, -1, time.Time{}},
		{"acknowledged/due-update-before-only", "acknowledged", true, hm(10, 20), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 5), vocab.Investigating)}
		}), MomentDue, -1, hm(10, 10)},
		{"acknowledged/done-at-the-minute", "acknowledged", true, hm(10, 20), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 5), vocab.Investigating), up(hm(10, 10), vocab.Investigating)}
		}), MomentDone, 1, hm(10, 10)},
		{"acknowledged/missed-resolved", "acknowledged", true, hm(11, 0), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 5), vocab.Investigating)}
			i.Resolved = hm(10, 30)
		}), MomentMissed, -1, hm(10, 10)},

		// identified
		{"identified/not-started", "identified", true, hm(11, 0), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating)}
		}), MomentNotStarted, -1, time.Time{}},
		{"identified/done-by-monitoring", "identified", true, hm(11, 0), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(10, 40), vocab.Monitoring)}
		}), MomentDone, 1, hm(10, 40)},
		{"identified/done-by-resolved", "identified", false, hm(11, 0), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(10, 40), vocab.Resolved)}
			i.Resolved = hm(10, 40)
		}), MomentDone, 1, hm(10, 40)},
		{"identified/not-started-update-after-now", "identified", true, hm(10, 30), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(10, 40), vocab.Identified)}
		}), MomentNotStarted, -1, time.Time{}},

		// during-recovery
		{"during-recovery/not-applicable-resolved-within-the-hour", "during-recovery", false, hm(12, 0), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(10, 40), vocab.Resolved)}
			i.Resolved = hm(10, 40)
		}), MomentNotApplicable, -1, time.Time{}},
		{"during-recovery/not-applicable-resolved-at-the-hour", "during-recovery", false, hm(12, 0), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(11, 10), vocab.Resolved)}
			i.Resolved = hm(11, 10)
		}), MomentNotApplicable, -1, time.Time{}},
		{"during-recovery/not-started-within-the-hour", "during-recovery", false, hm(11, 9), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating)}
		}), MomentNotStarted, -1, time.Time{}},
		{"during-recovery/not-started-unacknowledged", "during-recovery", false, hm(15, 0), commsIncident(func(i *Incident) {
			i.Acknowledged = time.Time{}
		}), MomentNotStarted, -1, time.Time{}},
		{"during-recovery/not-applicable-resolved-unacknowledged", "during-recovery", false, hm(15, 0), commsIncident(func(i *Incident) {
			i.Acknowledged = time.Time{}
			i.Updates = []Update{up(hm(14, 0), vocab.Resolved)}
			i.Resolved = hm(14, 0)
		}), MomentNotApplicable, -1, time.Time{}},
		{"during-recovery/due", "during-recovery", false, hm(11, 10), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating)}
		}), MomentDue, -1, hm(11, 10)},
		{"during-recovery/done-by-investigating", "during-recovery", false, hm(12, 0), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(11, 30), vocab.Investigating)}
		}), MomentDone, 1, hm(11, 10)},
		{"during-recovery/missed-resolved", "during-recovery", false, hm(12, 0), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(11, 30), vocab.Resolved)}
			i.Resolved = hm(11, 30)
		}), MomentMissed, -1, hm(11, 10)},

		// delayed
		{"delayed/not-applicable-no-expected-downtime", "delayed", true, hm(15, 0), commsIncident(nil), MomentNotApplicable, -1, time.Time{}},
		{"delayed/not-applicable-resolved-in-time", "delayed", true, hm(15, 0), commsIncident(func(i *Incident) {
			i.ExpectedDowntime = 2 * time.Hour
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(12, 0), vocab.Resolved)}
			i.Resolved = hm(12, 0)
		}), MomentNotApplicable, -1, time.Time{}},
		{"delayed/not-started", "delayed", true, hm(11, 59), commsIncident(func(i *Incident) {
			i.ExpectedDowntime = 2 * time.Hour
		}), MomentNotStarted, -1, time.Time{}},
		{"delayed/due", "delayed", true, hm(12, 30), commsIncident(func(i *Incident) {
			i.ExpectedDowntime = 2 * time.Hour
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(11, 0), vocab.Identified)}
		}), MomentDue, -1, hm(12, 0)},
		{"delayed/done", "delayed", true, hm(13, 0), commsIncident(func(i *Incident) {
			i.ExpectedDowntime = 2 * time.Hour
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(12, 0), vocab.Monitoring)}
		}), MomentDone, 1, hm(12, 0)},
		{"delayed/missed-resolved-late-without-update", "delayed", true, hm(15, 0), commsIncident(func(i *Incident) {
			i.ExpectedDowntime = 2 * time.Hour
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(13, 0), vocab.Resolved)}
			i.Resolved = hm(13, 0)
		}), MomentMissed, -1, hm(12, 0)},

		// resolved
		{"resolved/not-started", "resolved", true, hm(15, 0), commsIncident(nil), MomentNotStarted, -1, time.Time{}},
		{"resolved/done", "resolved", true, hm(15, 0), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(13, 0), vocab.Resolved)}
			i.Resolved = hm(13, 0)
		}), MomentDone, 1, hm(13, 0)},
		{"resolved/due-without-resolved-update", "resolved", true, hm(15, 0), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(14, 0), vocab.Monitoring)}
			i.Resolved = hm(13, 0)
		}), MomentDue, -1, hm(13, 0)},
		{"resolved/not-started-resolved-after-now", "resolved", true, hm(12, 0), commsIncident(func(i *Incident) {
			i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(13, 0), vocab.Resolved)}
			i.Resolved = hm(13, 0)
		}), MomentNotStarted, -1, time.Time{}},

		// post-incident
		{"post-incident/not-applicable-no-rca-needed", "post-incident", true, hm(15, 0), commsIncident(func(i *Incident) {
			i.Severity = "minor"
			i.Resolved = hm(13, 0)
		}), MomentNotApplicable, -1, time.Time{}},
		{"post-incident/not-started", "post-incident", true, hm(15, 0), commsIncident(nil), MomentNotStarted, -1, time.Time{}},
		{"post-incident/due-no-rca", "post-incident", true, hm(15, 0), commsIncident(func(i *Incident) {
			i.Resolved = hm(13, 0)
		}), MomentDue, -1, hm(13, 0)},
		{"post-incident/due-rca-in-review", "post-incident", false, hm(15, 0), commsIncident(func(i *Incident) {
			i.Severity = "minor"
			i.Resolved = hm(13, 0)
			i.RCA = &RCA{Status: vocab.Review}
		}), MomentDue, -1, hm(13, 0)},
		{"post-incident/due-external-unpublished", "post-incident", true, hm(21, 0), commsIncident(func(i *Incident) {
			i.Resolved = hm(13, 0)
			i.RCA = final
		}), MomentDue, -1, hm(13, 0)},
		{"post-incident/done-internal-unpublished", "post-incident", false, hm(21, 0), commsIncident(func(i *Incident) {
			i.Resolved = hm(13, 0)
			i.RCA = final
		}), MomentDone, -1, hm(13, 0)},
		{"post-incident/done-external-published", "post-incident", true, hm(21, 0), commsIncident(func(i *Incident) {
			i.Resolved = hm(13, 0)
			i.RCA = &RCA{Status: vocab.Final, Published: true, Date: hm(20, 0)}
		}), MomentDone, -1, hm(13, 0)},

		{"unknown-moment", "reminder", true, hm(15, 0), commsIncident(nil), MomentNotApplicable, -1, time.Time{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := CheckMoment(c.inc, c.moment, c.external, c.now)
			if got.State != c.want || got.Update != c.update || !got.Start.Equal(c.start) {
				t.Errorf("CheckMoment(%s) = %s, update %d, start %v; want %s, update %d, start %v",
					c.moment, got.State, got.Update, got.Start, c.want, c.update, c.start)
			}
			if got.State == MomentDone {
				switch {
				case got.Update >= 0 && !got.At.Equal(c.inc.Updates[got.Update].At):
					t.Errorf("done at %v, not at its update's time", got.At)
				case got.Update < 0 && (!got.ByRCA || !got.At.Equal(c.inc.RCA.Date)):
					t.Errorf("done without an update: ByRCA %v at %v, want the RCA's date", got.ByRCA, got.At)
				}
			}
		})
	}
}

// TestChecklistsOngoing checks both plans of an ongoing incident past
// its expected downtime: what it owes now, what it did, and what has not
// come.
func TestChecklistsOngoing(t *testing.T) {
	inc := commsIncident(func(i *Incident) {
		i.ExpectedDowntime = time.Hour
		i.Template.Communication = catalog.Communication{
			External: catalog.Plan{Who: []string{"organisation-admins"}, When: []string{"acknowledged", "identified", "delayed", "resolved", "post-incident"}},
			Internal: catalog.Plan{Who: []string{"operations-team"}, When: []string{"detected", "during-recovery", "resolved"}},
		}
		i.Updates = []Update{up(hm(10, 10), vocab.Investigating), up(hm(10, 50), vocab.Identified)}
	})
	got := Checklists(inc, hm(11, 30))
	want := map[string][]MomentState{
		catalog.External: {MomentDone, MomentDone, MomentDue, MomentNotStarted, MomentNotStarted},
		catalog.Internal: {MomentDone, MomentDone, MomentNotStarted},
	}
	if len(got) != 2 || got[0].Audience != catalog.External || got[1].Audience != catalog.Internal {
		t.Fatalf("Checklists = %+v, want the external then the internal plan", got)
	}
	for _, c := range got {
		var states []MomentState
		for _, m := range c.Moments {
			states = append(states, m.State)
		}
		if w := want[c.Audience]; len(states) != len(w) || !equalStates(states, w) {
			t.Errorf("%s: %v, want %v", c.Audience, states, w)
		}
	}
	if m := got[0].Moments[2]; m.ID != "delayed" || !m.Start.Equal(hm(11, 0)) {
		t.Errorf("delayed = %+v, want due since 11:00", m)
	}

	inc.Template.Communication.Internal = catalog.Plan{}
	if got := Checklists(inc, hm(11, 30)); len(got) != 1 {
		t.Errorf("an empty internal plan gave %d checklists, want the external one only", len(got))
	}
	inc.Template = nil
	if got := Checklists(inc, hm(11, 30)); got != nil {
		t.Errorf("no template gave %+v, want nil", got)
	}
}

func equalStates(a, b []MomentState) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

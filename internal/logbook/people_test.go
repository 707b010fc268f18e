package logbook

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

func brussels(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Skip(err)
	}
	return loc
}

// TestActionStateEdges: an action is overdue from the first moment after its
// due day, in the site's time zone; done wins; no due day stays open.
func TestActionStateEdges(t *testing.T) {
	loc := brussels(t)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		name string
		due  time.Time
		done bool
		now  time.Time
		want string
	}{
		{"due today, last minute", day(2026, 11, 23), false, at("2026-11-23T23:59:59+01:00"), "open"},
		{"due yesterday, first minute", day(2026, 11, 23), false, at("2026-11-24T00:00:00+01:00"), "overdue"},
		{"past the day in the site's zone, not yet in UTC", day(2026, 6, 30), false, at("2026-06-30T22:30:00Z"), "overdue"},
		{"before the day ends in the site's zone", day(2026, 6, 30), false, at("2026-06-30T21:59:59Z"), "open"},
		{"leap day, during it", day(2028, 2, 29), false, at("2028-02-29T12:00:00+01:00"), "open"},
		{"leap day, after it", day(2028, 2, 29), false, at("2028-03-01T00:00:00+01:00"), "overdue"},
		{"day summer time starts, its last minute", day(2026, 3, 29), false, at("2026-03-29T23:59:00+02:00"), "open"},
		{"day after summer time starts", day(2026, 3, 29), false, at("2026-03-30T00:00:00+02:00"), "overdue"},
		{"day summer time ends (25 hours), its last hour", day(2026, 10, 25), false, at("2026-10-25T23:30:00+01:00"), "open"},
		{"done, though long past due", day(2025, 1, 1), true, at("2026-11-23T12:00:00Z"), "done"},
		{"no due day", time.Time{}, false, at("2026-11-23T12:00:00Z"), "open"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := actionState(tc.due, tc.done, tc.now, loc); got != tc.want {
				t.Errorf("actionState(%s, %v, %s) = %s, want %s", tc.due, tc.done, tc.now, got, tc.want)
			}
		})
	}
}

// TestReviewAge: the days since a review, and whether it is more than
// twelve months old, counted on the site's calendar.
func TestReviewAge(t *testing.T) {
	loc := brussels(t)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	for _, tc := range []struct {
		name  string
		day   time.Time
		now   time.Time
		days  int
		stale bool
	}{
		{"same day", day(2026, 11, 23), time.Date(2026, 11, 23, 22, 59, 0, 0, time.UTC), 0, false},
		{"twelve months to the day", day(2025, 11, 23), time.Date(2026, 11, 23, 10, 0, 0, 0, loc), 365, false},
		{"twelve months and a day", day(2025, 11, 22), time.Date(2026, 11, 23, 10, 0, 0, 0, loc), 366, true},
		// 23:30 UTC is already the next day in Brussels.
		{"the next day in the site's zone", day(2025, 11, 22), time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC), 366, true},
		{"the same day in UTC", day(2025, 11, 22), time.Date(2026, 11, 22, 22, 30, 0, 0, time.UTC), 365, false},
		// A year before 29 February 2028 is 1 March 2027.
		{"leap day, a year back is 1 March", day(2027, 3, 1), day(2028, 2, 29), 365, false},
		{"leap day, 28 February is past", day(2027, 2, 28), day(2028, 2, 29), 366, true},
		{"across a leap day", day(2028, 2, 28), day(2028, 3, 1), 2, false},
		{"across the start of summer time", day(2026, 3, 28), time.Date(2026, 3, 30, 0, 30, 0, 0, loc), 2, false},
		{"a date after now", day(2026, 12, 1), day(2026, 11, 23), -8, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := daysSince(tc.day, tc.now, loc); got != tc.days {
				t.Errorf("daysSince = %d, want %d", got, tc.days)
			}
			if got := overdueReview(tc.day, tc.now, loc, 12); got != tc.stale {
				t.Errorf("overdueReview = %v, want %v", got, tc.stale)
			}
		})
	}
}

// TestPeoplePagesFlag: the contacts page flags a role that a template or
// a regulation needs and nobody holds, and the list reviewed too long
// ago; the exercises page flags a plan last tested more than a year ago,
// and one never tested.
func TestPeoplePagesFlag(t *testing.T) {
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	find := func(files map[string][]byte, name, sel string) []string {
		t.Helper()
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(files[name]))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		doc.Find(sel).Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
		return out
	}

	p := openSite(t, fixtureFile, string(archive), false, fixtureNow)
	// Nobody holds dpo (the privacy template's) nor supervisory-authority
	// (GDPR's recipient) any more.
	for _, l := range p.Model.ContactLists {
		for _, c := range l.Contacts {
			c.Roles = slices.DeleteFunc(c.Roles, func(r string) bool { return r == "dpo" || r == "supervisory-authority" })
		}
	}
	p.Model.Exercises[0].Date = time.Date(2025, 11, 22, 0, 0, 0, 0, p.Model.Config.Location)
	files := renderProject(t, p)
	if got, want := find(files, "contacts/index.html", "tr.unheld code"), []string{"dpo", "supervisory-authority"}; !slices.Equal(got, want) {
		t.Errorf("unheld roles %v, want %v", got, want)
	}
	if got := find(files, "contacts/index.html", "#list-suppliers strong.flag"); len(got) != 1 {
		t.Errorf("the suppliers list is not flagged: %v", got)
	}
	if got := find(files, "contacts/index.html", "#list-internal strong.flag"); len(got) != 0 {
		t.Errorf("the internal list is flagged: %v", got)
	}
	if got := find(files, "nl/exercises/index.html", ".lasttest strong.flag"); len(got) != 1 || !strings.Contains(got[0], "12 maanden") {
		t.Errorf("an exercise 366 days ago is not flagged: %v", got)
	}

	// One without its date yet (a warning) is no test of the plan.
	p.Model.Exercises[0].Date = time.Time{}
	files = renderProject(t, p)
	if got := find(files, "exercises/index.html", ".lasttest strong.flag"); len(got) != 1 || !strings.Contains(got[0], "never been tested") {
		t.Errorf("an exercise without a date counts as a test: %v", got)
	}

	p.Model.Exercises = nil
	files = renderProject(t, p)
	if got := find(files, "exercises/index.html", ".lasttest strong.flag"); len(got) != 1 || !strings.Contains(got[0], "never been tested") {
		t.Errorf("no exercise is not flagged: %v", got)
	}
	if got := find(files, "exercises/index.html", "main p.none"); len(got) != 1 {
		t.Errorf("no exercise: %v", got)
	}
}

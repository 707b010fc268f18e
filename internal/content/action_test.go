package content_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// TestCompletion: done: is true, false or the day the action was done,
// a day in the site's time zone (Europe/Brussels in the minimal
// configuration); anything else is an error at the value that says what
// to write.
func TestCompletion(t *testing.T) {
	cfg := minimalConfig(t)
	loc := cfg.Location
	for _, tc := range []struct {
		name, done string
		want       content.Completion
		diags      []string
	}{
		{name: "left out", done: ""},
		{name: "null", done: "done: ~"},
		{name: "false", done: "done: false"},
		{name: "true", done: "done: true", want: content.Completion{Done: true}},
		{name: "True", done: "done: True", want: content.Completion{Done: true}},
		{name: "a day", done: "done: 2025-02-27",
			want: content.Completion{Done: true, On: day(2025, 2, 27, loc)}},
		{name: "a day, quoted", done: `done: "2025-02-27"`,
			want: content.Completion{Done: true, On: day(2025, 2, 27, loc)}},
		{name: "a leap day", done: "done: 2028-02-29",
			want: content.Completion{Done: true, On: day(2028, 2, 29, loc)}},
		{name: "no such day", done: "done: 2025-02-30",
			diags: []string{`content/incidents/x.md:4:32: done: "2025-02-30" is not a valid date: day out of range`}},
		{name: "a time of day", done: "done: 2025-02-27T10:00:00+01:00",
			diags: []string{`content/incidents/x.md:4:32: done is the day the action was done, without a time: write 2025-02-27`}},
		{name: "a word", done: "done: yes",
			diags: []string{`content/incidents/x.md:4:32: done must be true, false or the day it was done, written as 2025-02-27, not "yes"`}},
		{name: "a day the other way round", done: "done: 27-02-2025",
			diags: []string{`content/incidents/x.md:4:32: done must be true, false or the day it was done, written as 2025-02-27, not "27-02-2025"`}},
		{name: "a list", done: "done: [2025-02-27]",
			diags: []string{`content/incidents/x.md:4:32: done must be true, false or the day it was done, written as 2025-02-27, not a list`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := "---\ntitle: x\nactions:\n  - {title: t, owner: o, " + tc.done + "}\n---\n"
			if tc.done == "" {
				data = "---\ntitle: x\nactions:\n  - {title: t, owner: o}\n---\n"
			}
			rec, d := content.Parse(vocab.KindIncident, "content/incidents/x.md", []byte(data), cfg)
			if diff := cmp.Diff(tc.diags, lines(d)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			in := rec.(*content.Incident)
			if len(in.Actions) != 1 {
				t.Fatalf("%d actions", len(in.Actions))
			}
			a := in.Actions[0]
			got := content.Completion{Done: a.Done, On: a.DoneOn}
			if a.Title != "t" || a.Owner != "o" || got.Done != tc.want.Done || !got.On.Equal(tc.want.On.Time) || got.On.Location().String() != tc.want.On.Location().String() {
				t.Errorf("Completion = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func day(y int, m time.Month, d int, loc *time.Location) yamlx.Date {
	return yamlx.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, loc)}
}

package regulation_test

import (
	"fmt"
	"time"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// The example site's exploited upload flaw: reported to the CSIRT on
// time, the final report due one month after the notification was sent.
func ExampleClocks() {
	cfg, _ := config.Parse([]byte(testutil.MinimalConfig))
	set, _ := regulation.Load(testutil.SiteFS(""), cfg)
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	facts := &regulation.Facts{
		Detected: at("2025-09-03T14:20:00+02:00"),
		Ended:    at("2025-09-05T11:00:00+02:00"),
		Notifications: []regulation.Notification{
			{Kind: "early-warning", To: "csirt", Roles: []string{"csirt"}, At: at("2025-09-04T10:30:00+02:00")},
			{Kind: "notification", To: "csirt", Roles: []string{"csirt"}, At: at("2025-09-05T16:00:00+02:00")},
		},
		Location: cfg.Location,
	}
	for _, st := range regulation.Clocks(set.Get("nis2"), facts, at("2025-09-20T12:00:00+02:00")) {
		fmt.Printf("%-14s %-12s %s", st.Stage.ID, st.State, st.Stage.Article)
		switch st.State {
		case regulation.Met:
			fmt.Printf(", sent %s", st.At.In(cfg.Location).Format("2 Jan 15:04"))
		case regulation.Due:
			if st.DayEnd {
				// The midnight that ends the day: show the day.
				fmt.Printf(", due by the end of %s", st.Deadline.Add(-time.Nanosecond).In(cfg.Location).Format("2 Jan"))
			} else {
				fmt.Printf(", due %s", st.Deadline.In(cfg.Location).Format("2 Jan 15:04"))
			}
		}
		fmt.Println()
	}
	// Output:
	// early-warning  met          NIS2 art. 23(4)(a), sent 4 Sep 10:30
	// notification   met          NIS2 art. 23(4)(b), sent 5 Sep 16:00
	// intermediate   not-started  NIS2 art. 23(4)(c)
	// final          due          NIS2 art. 23(4)(d), due by the end of 5 Oct
	// progress       not-required NIS2 art. 23(4)(e)
}

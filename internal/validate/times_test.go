package validate_test

import "testing"

// TestTimes checks the warnings about times that are probably not what
// was meant: in the future of the build's now (2025-06-30 14:00 in
// Brussels), or with an offset that is not the site's on that date.
func TestTimes(t *testing.T) {
	const inc = "content/incidents/2025/2025-02-18-assetexplorer-down.md"
	runSiteCases(t, []siteCase{
		{
			name: "resolved-and-update-in-the-future",
			edits: []edit{
				{incFile, "resolved: 2025-02-18T09:40:00+01:00", "resolved: 2025-07-18T09:40:00+02:00"},
				{incFile, "  - at: 2025-02-18T09:40:00+01:00", "  - at: 2025-07-18T09:40:00+02:00"},
			},
			want: []string{
				inc + ":10:11: warning: resolved (2025-07-18 09:40 CEST) lies after now (2025-06-30 14:00 CEST); check the date and the time zone offset",
				inc + ":22:9: warning: the time of update 2 (2025-07-18 09:40 CEST) lies after now (2025-06-30 14:00 CEST); check the date and the time zone offset",
			},
		},
		{
			name:  "notification-in-the-future",
			edits: []edit{{incFile, "at: 2025-02-18T15:00:00+01:00}", "at: 2025-12-18T15:00:00+01:00}"}},
			want: []string{
				inc + ":16:40: warning: the time of notification 1 (2025-12-18 15:00 CET) lies after now (2025-06-30 14:00 CEST); check the date and the time zone offset",
			},
		},
		{
			name: "maintenance-update-in-the-future",
			edits: []edit{
				{mntFile, "  - at: 2025-03-02T00:00:00+01:00", "  - at: 2025-08-02T00:00:00+02:00"},
			},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:13:9: warning: the time of update 2 (2025-08-02 00:00 CEST) lies after now (2025-06-30 14:00 CEST); check the date and the time zone offset",
			},
		},
		{
			// A window ahead is what scheduled maintenance is.
			name: "maintenance-window-ahead",
			edits: []edit{
				{mntFile, "scheduled_for: 2025-03-01T22:00:00+01:00", "scheduled_for: 2025-08-01T22:00:00+02:00"},
				{mntFile, "scheduled_until: 2025-03-02T00:00:00+01:00", "scheduled_until: 2025-08-02T00:00:00+02:00"},
				{mntFile, "status: completed\ncoordinator", "status: scheduled\ncoordinator"},
				{mntFile, "  - at: 2025-03-02T00:00:00+01:00\n    status: completed\n    message: The upgrade is done.\n", ""},
				{mntFile, "## Plan and rollback\nRestore the snapshot if the upgrade fails.\n", ""},
			},
			want: nil,
		},
		{
			name:  "winter-offset-in-summer",
			edits: []edit{{mntFile, "scheduled_for: 2025-03-01T22:00:00+01:00\nscheduled_until: 2025-03-02T00:00:00+01:00", "scheduled_for: 2025-03-29T22:00:00+01:00\nscheduled_until: 2025-03-30T04:00:00+01:00"}},
			want: []string{
				"content/maintenance/2025-03-01-database-upgrade.md:6:18: warning: scheduled_until has offset +01:00, but Europe/Brussels is at +02:00 on 2025-03-30, summer time; as written it is 05:00 there, so check the time or write 2025-03-30T04:00:00+02:00",
			},
		},
		{
			name:  "summer-offset-in-winter",
			edits: []edit{{incFile, "acknowledged: 2025-02-18T09:12:00+01:00", "acknowledged: 2025-02-18T10:12:00+02:00"}},
			want: []string{
				inc + ":9:15: warning: acknowledged has offset +02:00, but Europe/Brussels is at +01:00 on 2025-02-18, winter time; as written it is 09:12 there, so check the time or write 2025-02-18T10:12:00+01:00",
			},
		},
		{
			name: "utc-and-no-offset-are-meant",
			edits: []edit{
				{incFile, "acknowledged: 2025-02-18T09:12:00+01:00", "acknowledged: 2025-02-18T08:12:00Z"},
				{incFile, "resolved: 2025-02-18T09:40:00+01:00", "resolved: 2025-02-18 09:40"},
			},
			want: nil,
		},
	})
}

// TestTimesOtherZones checks that an offset of another zone than the
// site's is taken as meant: only the site's own offset at the other time
// of year reads as a summer time mistake.
func TestTimesOtherZones(t *testing.T) {
	runSiteCases(t, []siteCase{
		{
			name:  "offset-of-another-zone",
			edits: []edit{{incFile, "acknowledged: 2025-02-18T09:12:00+01:00", "acknowledged: 2025-02-18T03:12:00-05:00"}},
			want:  nil,
		},
		{
			name:  "site-without-summer-time",
			edits: []edit{{cfgFile, "timezone: Europe/Brussels", "timezone: UTC"}},
			want:  nil,
		},
	})
}

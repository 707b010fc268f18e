package logbook

import (
	"testing"

	"github.com/incidentsite/incidentsite/internal/testutil"
)

// TestGolden pins the register, a register of one year, an incident page
// in both languages (the internal GDPR incident: internal sections and
// notes, a notification, actions, its RCA), and the register as CSV and
// JSON; the legal clocks, decisions and drafts of the NIS2 incident (every
// report met, the final one by the end of a day) and of the incident
// under NIS2 and GDPR (a missed early warning, due notifications, a
// request), two drafts as text, and the deadlines page in both
// languages; the GDPR breach register in both
// languages, the compliance page, and the metrics page in both; the
// maintenance windows in both languages, the internal window the build
// ended at its scheduled time, and, in Dutch, the window it started. Run
// go test -update to rewrite them, and read the diff.
func TestGolden(t *testing.T) {
	files := renderFixture(t)
	for _, name := range []string{
		"index.html",
		"years/2025/index.html",
		"incidents/2026-03-12-misdirected-data-export/index.html",
		"nl/incidents/2026-03-12-misdirected-data-export/index.html",
		"incidents/2026-11-23-api-slow-responses/index.html",
		"incidents/2025-09-03-portal-upload-vulnerability/index.html",
		"incidents/2026-11-22-portal-account-takeover/index.html",
		"incidents/2026-11-22-portal-account-takeover/drafts/nis2-early-warning.txt",
		"nl/incidents/2026-11-22-portal-account-takeover/drafts/gdpr-notification.txt",
		"deadlines/index.html",
		"nl/deadlines/index.html",
		"register.csv",
		"register.json",
		"robots.txt",
		"contacts/index.html",
		"nl/contacts/index.html",
		"actions/index.html",
		"exercises/index.html",
		"breaches/index.html",
		"nl/breaches/index.html",
		"compliance/index.html",
		"metrics/index.html",
		"nl/metrics/index.html",
		"maintenance/index.html",
		"nl/maintenance/index.html",
		"maintenance/2026-10-14-backup-restore-test/index.html",
		"nl/maintenance/2026-11-23-portal-database-upgrade/index.html",
	} {
		data, ok := files[name]
		if !ok {
			t.Errorf("%s was not written", name)
			continue
		}
		testutil.Golden(t, name, data)
	}
}

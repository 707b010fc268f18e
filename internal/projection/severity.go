package projection

import (
	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/public"
)

// SeverityFor returns the severity of template t that agrees with a
// service impact level: the least severe severity whose impact (see
// ImpactOf) stands for level or worse on the page. With the built-in
// availability template (minor, major, critical), degraded_performance
// gives minor, partial_outage major and major_outage critical; with two
// severities, partial_outage gives the more severe one, so that the page
// never shows less than the services' impact. A level that is no outage
// (operational, under_maintenance, "") gives the least severe severity,
// and a template without severities gives "".
//
// It is the inverse of the mapping the page uses, kept beside it so that
// "incidentsite new incident" proposes the severity the page will show.
func SeverityFor(t *catalog.Template, level string) string {
	if t == nil || len(t.Severities) == 0 {
		return ""
	}
	for _, s := range t.Severities {
		if !public.Worse(level, impactLevel[ImpactOf(t, s)]) {
			return s
		}
	}
	return t.Severities[len(t.Severities)-1]
}

package projection_test

import (
	"testing"

	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/projection"
)

func TestSeverityFor(t *testing.T) {
	three := &catalog.Template{Severities: []string{"minor", "major", "critical"}}
	four := &catalog.Template{Severities: []string{"low", "medium", "high", "critical"}}
	two := &catalog.Template{Severities: []string{"low", "high"}}
	one := &catalog.Template{Severities: []string{"only"}}
	for _, tc := range []struct {
		t           *catalog.Template
		level, want string
	}{
		{three, "degraded_performance", "minor"},
		{three, "partial_outage", "major"},
		{three, "major_outage", "critical"},
		{three, "under_maintenance", "minor"},
		{three, "operational", "minor"},
		{three, "", "minor"},
		// The least severe of several that mean a partial outage.
		{four, "degraded_performance", "low"},
		{four, "partial_outage", "medium"},
		{four, "major_outage", "critical"},
		// No severity means a partial outage: the page must not show less.
		{two, "degraded_performance", "low"},
		{two, "partial_outage", "high"},
		{two, "major_outage", "high"},
		{one, "degraded_performance", "only"},
		{one, "major_outage", "only"},
		{&catalog.Template{}, "major_outage", ""},
		{nil, "major_outage", ""},
	} {
		if got := projection.SeverityFor(tc.t, tc.level); got != tc.want {
			t.Errorf("SeverityFor(%v, %q) = %q, want %q", tc.t, tc.level, got, tc.want)
		}
	}
}

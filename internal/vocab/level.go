package vocab

import "slices"

// Level is a service's status: Statuspage's component status.
type Level string

// The levels, from best to worst.
const (
	Operational         Level = "operational"
	UnderMaintenance    Level = "under_maintenance"
	DegradedPerformance Level = "degraded_performance"
	PartialOutage       Level = "partial_outage"
	MajorOutage         Level = "major_outage"
)

// levels ranks the levels, best first.
var levels = []Level{Operational, UnderMaintenance, DegradedPerformance, PartialOutage, MajorOutage}

// Impacts are the levels an incident may give a service, in the order
// messages list them.
var Impacts = []Level{DegradedPerformance, PartialOutage, MajorOutage, UnderMaintenance}

// UpdateImpacts are the levels an update may give a service: those of an
// incident, and operational for one that recovered.
var UpdateImpacts = append(slices.Clip(Impacts), Operational)

// rank is l's place among the levels, best first. Operational and a
// level that is none of them ("", for a day without incidents) rank
// lowest.
func (l Level) rank() int { return max(0, slices.Index(levels, l)) }

// Worse reports whether l is worse than other.
func (l Level) Worse(other Level) bool { return l.rank() > other.rank() }

// Weight is the share of time a service at l counts as down in its
// availability: a major outage fully, a partial outage for 30 % (as
// Statuspage counts it), degraded performance and maintenance not at all.
func (l Level) Weight() float64 {
	switch l {
	case MajorOutage:
		return 1
	case PartialOutage:
		return 0.3
	}
	return 0
}

// Impact is Statuspage's impact of an incident, also the indicator of a
// page's status.
type Impact string

// The impacts, from least to most severe; ImpactMaintenance is the
// impact of a scheduled maintenance.
const (
	ImpactNone        Impact = "none"
	ImpactMinor       Impact = "minor"
	ImpactMajor       Impact = "major"
	ImpactCritical    Impact = "critical"
	ImpactMaintenance Impact = "maintenance"
)

// Level is the service level that stands for the impact of an incident
// that names no service: minor is degraded performance, major a partial
// outage, critical a major outage. Any other impact stands for
// Operational: it raises nothing.
func (i Impact) Level() Level {
	switch i {
	case ImpactMinor:
		return DegradedPerformance
	case ImpactMajor:
		return PartialOutage
	case ImpactCritical:
		return MajorOutage
	}
	return Operational
}

// ImpactOf maps severity onto Statuspage's impact by its place among
// severities, which are a template's, least severe first: the most
// severe is critical, the least minor, the others major; a single
// severity is major. A severity that is not among them is none.
func ImpactOf(severities []string, severity string) Impact {
	i, n := slices.Index(severities, severity), len(severities)
	switch {
	case i < 0:
		return ImpactNone
	case n == 1:
		return ImpactMajor
	case i == n-1:
		return ImpactCritical
	case i == 0:
		return ImpactMinor
	}
	return ImpactMajor
}

// SeverityFor returns the severity among severities (least severe
// first) that agrees with a service level: the least severe one whose
// impact (see ImpactOf) stands for level or worse. With minor, major and
// critical, degraded_performance gives minor, partial_outage major and
// major_outage critical; with two severities, partial_outage gives the
// more severe one, so that the page never shows less than the services'
// impact. A level that is no outage (operational, under_maintenance, "")
// gives the least severe severity, and no severities give "".
//
// It is the inverse of ImpactOf and Impact.Level, so that a new
// incident's severity is the one the page will show.
func SeverityFor(severities []string, level Level) string {
	for _, s := range severities {
		if !level.Worse(ImpactOf(severities, s).Level()) {
			return s
		}
	}
	if n := len(severities); n > 0 {
		return severities[n-1]
	}
	return ""
}

package vocab

// Status is the status an update gives its incident or maintenance
// window: Statuspage's incident status or scheduled maintenance status.
type Status string

// The statuses of an incident, in the order of its life.
const (
	Investigating Status = "investigating"
	Identified    Status = "identified"
	Monitoring    Status = "monitoring"
	Resolved      Status = "resolved"
)

// The statuses of a maintenance window, in the order of its life.
const (
	Scheduled  Status = "scheduled"
	InProgress Status = "in_progress"
	Verifying  Status = "verifying"
	Completed  Status = "completed"
)

// IncidentStatuses are the statuses of an incident's updates, in order.
var IncidentStatuses = []Status{Investigating, Identified, Monitoring, Resolved}

// MaintenanceStatuses are the statuses of a maintenance window, in order.
var MaintenanceStatuses = []Status{Scheduled, InProgress, Verifying, Completed}

// UnderWay reports whether a maintenance window at status s is under way:
// in progress or being verified.
func (s Status) UnderWay() bool { return s == InProgress || s == Verifying }

// MaintenanceLevel is the level a maintenance window at status s gives its
// services: under maintenance while it is under way, else operational.
func (s Status) MaintenanceLevel() Level {
	if s.UnderWay() {
		return UnderMaintenance
	}
	return Operational
}

// RCAStatus is how far a root cause analysis has come.
type RCAStatus string

// The statuses of an RCA, in order.
const (
	Draft  RCAStatus = "draft"
	Review RCAStatus = "review"
	Final  RCAStatus = "final"
)

// RCAStatuses are the statuses of an RCA, in order.
var RCAStatuses = []RCAStatus{Draft, Review, Final}

// Visibility says who sees a record: customers too, or the team only.
type Visibility string

// The visibilities.
const (
	Public   Visibility = "public"
	Internal Visibility = "internal"
)

// Visibilities are the visibilities, in the order messages list them.
var Visibilities = []Visibility{Public, Internal}

// ExerciseKinds are the kinds of exercise, from the lightest to the
// fullest test of the plan.
var ExerciseKinds = []string{"tabletop", "walkthrough", "simulation", "technical", "full-scale"}

// Strings returns words as strings, for messages and for functions that
// take strings.
func Strings[T ~string](words []T) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = string(w)
	}
	return out
}

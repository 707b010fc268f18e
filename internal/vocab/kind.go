package vocab

import "fmt"

// Kind is a kind of record. Its word is also the name of its template
// (rca.yaml) and what "incidentsite new" takes.
type Kind string

// The kinds of record.
const (
	KindIncident    Kind = "incident"
	KindRCA         Kind = "rca"
	KindMaintenance Kind = "maintenance"
	KindContacts    Kind = "contacts"
	KindExercise    Kind = "exercise"
)

// Kinds lists every kind, in the order records are loaded and counted.
var Kinds = []Kind{KindIncident, KindRCA, KindMaintenance, KindContacts, KindExercise}

// Dir is the name of the folder that holds the kind's records, under
// content/: "incidents".
func (k Kind) Dir() string {
	switch k {
	case KindIncident:
		return "incidents"
	case KindRCA:
		return "rcas"
	case KindMaintenance:
		return "maintenance"
	case KindContacts:
		return "contacts"
	case KindExercise:
		return "exercises"
	}
	panic(unknown(k))
}

// Singular names one record of the kind, for messages: "maintenance
// window".
func (k Kind) Singular() string {
	switch k {
	case KindIncident:
		return "incident"
	case KindRCA:
		return "RCA"
	case KindMaintenance:
		return "maintenance window"
	case KindContacts:
		return "contact list"
	case KindExercise:
		return "exercise"
	}
	panic(unknown(k))
}

// KindOfDir returns the kind whose records are in the folder dir under
// content/, and whether there is one.
func KindOfDir(dir string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Dir() == dir {
			return k, true
		}
	}
	return "", false
}

// unknown is the panic of a method given a kind that is none of Kinds.
// Every Kind comes from a constant or from KindOfDir, so it means a bug,
// never bad input.
func unknown(k Kind) string { return fmt.Sprintf("vocab: %q is no kind of record", string(k)) }

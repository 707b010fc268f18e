package diff

import (
	"encoding/json"
	"io"
	"time"
)

// jsonRevision is a side of the comparison in JSON: null rev and commit
// for the work tree.
type jsonRevision struct {
	Rev    *string `json:"rev"`
	Commit *string `json:"commit"`
}

type jsonReport struct {
	Version int          `json:"version"`
	Base    jsonRevision `json:"base"`
	Head    jsonRevision `json:"head"`
	Now     time.Time    `json:"now"`
	Changes []Change     `json:"changes"`
}

func jsonRev(r Revision) jsonRevision {
	var out jsonRevision
	if r.Rev != "" {
		out.Rev = &r.Rev
	}
	if r.Commit != "" {
		out.Commit = &r.Commit
	}
	return out
}

// WriteJSON writes r as the versioned JSON document the README
// documents: {"version": 1, "base": …, "head": …, "now": …, "changes": […]}.
func WriteJSON(w io.Writer, r *Report) error {
	changes := r.Changes
	if changes == nil {
		changes = []Change{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonReport{Version: SchemaVersion, Base: jsonRev(r.Base), Head: jsonRev(r.Head), Now: r.Now.In(r.Location), Changes: changes})
}

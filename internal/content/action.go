package content

import (
	"errors"
	"time"

	"github.com/incidentsite/incidentsite/internal/yamlx"
	"gopkg.in/yaml.v3"
)

// Action is a follow-up task; Owner is a contact id or a role. Whether
// and when it was done is written as one key, the way a team records it:
//
//	done: 2025-02-27   # done on that day
//	done: true         # done, the day not recorded
//	done: false        # not done yet (the same as leaving done out)
//
// The day lets the logbook tell an action done by its due day from one
// done late.
type Action struct {
	Title string     `yaml:"title"`
	Owner string     `yaml:"owner"`
	Due   yamlx.Date `yaml:"due"`
	// Done reports whether the action is done.
	Done bool `yaml:"done"`
	// DoneOn is the day it was done, midnight at its start in the site's
	// time zone; zero when the day is not recorded or it is not done.
	DoneOn yamlx.Date `yaml:"-"`
}

// actionYAML is an Action as written: done is a Completion.
type actionYAML struct {
	Title string     `yaml:"title"`
	Owner string     `yaml:"owner"`
	Due   yamlx.Date `yaml:"due"`
	Done  Completion `yaml:"done"`
}

// UnmarshalYAMLNode implements yamlx.Unmarshaler.
func (a *Action) UnmarshalYAMLNode(d *yamlx.Decoder, path string, n *yaml.Node) {
	var w actionYAML
	d.DecodeValue(path, n, &w)
	*a = Action{Title: w.Title, Owner: w.Owner, Due: w.Due, Done: w.Done.Done, DoneOn: w.Done.On}
}

// Completion is an action's done: value: whether it is done and, when
// written, the day it was done.
type Completion struct {
	Done bool
	On   yamlx.Date
}

// UnmarshalYAMLNode implements yamlx.Unmarshaler.
func (c *Completion) UnmarshalYAMLNode(d *yamlx.Decoder, path string, n *yaml.Node) {
	const want = "true, false or the day it was done, written as 2025-02-27"
	s, ok := d.Scalar(path, n, want)
	if !ok {
		return
	}
	if n.Tag == "!!bool" {
		switch s {
		case "true", "True", "TRUE":
			*c = Completion{Done: true}
		default:
			*c = Completion{}
		}
		return
	}
	loc := d.Location
	if loc == nil {
		loc = time.UTC
	}
	day, err := time.ParseInLocation("2006-01-02", s, loc)
	if err == nil {
		*c = Completion{Done: true, On: yamlx.Date{Time: day}}
		return
	}
	var pe *time.ParseError
	switch {
	case errors.As(err, &pe) && pe.Message != "" && len(s) == 10:
		d.Errorf(n, "type", "%s: %q is not a valid date%s", yamlx.Name(path), s, pe.Message)
	case len(s) > 10 && isTime(s, loc):
		d.Errorf(n, "type", "%s is the day the action was done, without a time: write %s", yamlx.Name(path), s[:10])
	default:
		d.Errorf(n, "type", "%s must be %s, not %q", yamlx.Name(path), want, s)
	}
}

// isTime reports whether s is a date and time, such as
// 2025-02-27T10:00:00+01:00.
func isTime(s string, loc *time.Location) bool {
	_, err := yamlx.ParseTime(s, loc)
	return err == nil
}

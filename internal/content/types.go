package content

import (
	"path"
	"time"

	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/markdown"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// Doc is what every record shares: its id, its file and where its parts
// stand.
type Doc struct {
	// ID is the file name without ".md".
	ID string `yaml:"-"`
	// File is the slash-separated path from the site's root.
	File string `yaml:"-"`
	// Pos tells where each front matter key and value stands.
	Pos *yamlx.Positions `yaml:"-"`
	// Markdown is the body after the front matter, as written.
	Markdown []byte `yaml:"-"`
	// Body is the Markdown split at its "##" headings.
	Body markdown.Split `yaml:"-"`
	// BodyLine is the line on which the body starts.
	BodyLine int `yaml:"-"`
	// Blob is the git object id of the file's bytes (source.BlobID): the
	// history tells from it whether the file is the one committed.
	Blob [20]byte `yaml:"-"`

	// empty holds the paths of keys written without a value, such as
	// "coordinator:", which YAML reads as null.
	empty map[string]bool
	// bodyRefused reports whether the body was not split into sections
	// because it goes beyond the Markdown limits.
	bodyRefused bool
}

// BodyRead reports whether Body holds the body's sections. It does not
// when the body was refused for going beyond the Markdown limits (an
// error says so): its sections are then unknown, not missing.
func (d *Doc) BodyRead() bool { return !d.bodyRefused }

// Has reports whether the front matter gives path a value: the key is
// written and not left empty. A key written as "coordinator:" says
// nothing, so it does not count as given.
func (d *Doc) Has(path string) bool { return d.Pos.Has(path) && !d.empty[path] }

// Incident is an incident file as written.
type Incident struct {
	Doc `yaml:"-"`
	// Title is plain text for every language, or a text per language
	// code, as in title: {en: Sign-in fails, nl: Inloggen mislukt}.
	Title            l10n.Text        `yaml:"title"`
	Category         string           `yaml:"category"`
	Severity         string           `yaml:"severity"`
	Visibility       vocab.Visibility `yaml:"visibility"`
	Services         yamlx.Pairs      `yaml:"services"`
	Detected         time.Time        `yaml:"detected"`
	Acknowledged     time.Time        `yaml:"acknowledged"`
	Resolved         time.Time        `yaml:"resolved"`
	ExpectedDowntime yamlx.Duration   `yaml:"expected_downtime"`
	Coordinator      string           `yaml:"coordinator"`
	Teams            []string         `yaml:"teams"`
	Regulation       []string         `yaml:"regulation"`
	Notifications    []Notification   `yaml:"notifications"`
	Decisions        []Decision       `yaml:"decisions"`
	Requests         []Request        `yaml:"requests"`
	Updates          []Update         `yaml:"updates"`
	Actions          []Action         `yaml:"actions"`
	RCA              string           `yaml:"rca"`
}

// Notification is a report made to an authority or to the people
// affected.
type Notification struct {
	To        string    `yaml:"to"`
	Kind      string    `yaml:"kind"`
	At        time.Time `yaml:"at"`
	Reference string    `yaml:"reference"`
}

// Decision records what the team decided about an incident under one
// of its regulations: whether it must be reported (significant under
// NIS2, a notifiable breach under GDPR, major under DORA), by whom, when
// and why, with the regulation's criteria it found and its conditions,
// as in
//
//	decisions:
//	  - regulation: gdpr
//	    at: 2025-09-04T09:00:00+02:00
//	    by: dpo
//	    notify: true
//	    criteria: [personal-data, risk]
//	    conditions: {high-risk: false}
//	    reason: Names and e-mail addresses of 40 users were readable.
type Decision struct {
	Regulation string    `yaml:"regulation"`
	At         time.Time `yaml:"at"`
	// By is a contact id or a role.
	By string `yaml:"by"`
	// Notify reports whether the incident must be reported under the
	// regulation; Has("decisions.N.notify") tells whether it is written.
	Notify bool `yaml:"notify"`
	// Criteria are the ids of the regulation's criteria the team found
	// met.
	Criteria []string `yaml:"criteria"`
	// Conditions are the regulation's conditions decided, true or false;
	// one left out is undecided.
	Conditions map[string]bool `yaml:"conditions"`
	Reason     string          `yaml:"reason"`
}

// Request is an authority's request for a report of a regulation's
// stage (NIS2's intermediate report is due only on request), as in
// requests: [{regulation: nis2, stage: intermediate, from: csirt, at:
// 2025-09-08T10:00:00+02:00, due: 2025-09-12T17:00:00+02:00}].
type Request struct {
	Regulation string `yaml:"regulation"`
	Stage      string `yaml:"stage"`
	// From is the contact or role that asked.
	From string    `yaml:"from"`
	At   time.Time `yaml:"at"`
	// Due is the deadline the request sets; zero asks for the report at
	// once.
	Due time.Time `yaml:"due"`
}

// Update is one message of an incident's or maintenance's timeline.
type Update struct {
	At     time.Time    `yaml:"at"`
	Status vocab.Status `yaml:"status"`
	// Message is plain text for every language, or a text per language
	// code.
	Message l10n.Text `yaml:"message"`
	// Internal is a note for the logbook only.
	Internal string `yaml:"internal"`
	// Services is the impact on services from this update on, for the
	// services it names (operational for one that recovered); the others
	// keep theirs. Only incidents' updates have it.
	Services yamlx.Pairs `yaml:"services"`
}

// RCA is a root cause analysis as written.
type RCA struct {
	Doc       `yaml:"-"`
	Title     l10n.Text       `yaml:"title"`
	Incident  string          `yaml:"incident"`
	Status    vocab.RCAStatus `yaml:"status"`
	Published bool            `yaml:"published"`
	Author    string          `yaml:"author"`
	Reviewers []string        `yaml:"reviewers"`
	Date      yamlx.Date      `yaml:"date"`
	Actions   []Action        `yaml:"actions"`
}

// Maintenance is a scheduled maintenance window as written.
type Maintenance struct {
	Doc            `yaml:"-"`
	Title          l10n.Text        `yaml:"title"`
	Visibility     vocab.Visibility `yaml:"visibility"`
	Services       []string         `yaml:"services"`
	ScheduledFor   time.Time        `yaml:"scheduled_for"`
	ScheduledUntil time.Time        `yaml:"scheduled_until"`
	Status         vocab.Status     `yaml:"status"`
	Coordinator    string           `yaml:"coordinator"`
	Updates        []Update         `yaml:"updates"`
}

// ContactList is a list of contacts as written.
type ContactList struct {
	Doc      `yaml:"-"`
	Title    string     `yaml:"title"`
	Audience string     `yaml:"audience"`
	Owner    string     `yaml:"owner"`
	Reviewed yamlx.Date `yaml:"reviewed"`
	Contacts []Contact  `yaml:"contacts"`
}

// Contact is a person, team or organisation to reach.
type Contact struct {
	ID           string   `yaml:"id"`
	Name         string   `yaml:"name"`
	Organisation string   `yaml:"organisation"`
	Roles        []string `yaml:"roles"`
	Phone        string   `yaml:"phone"`
	Email        string   `yaml:"email"`
	Chat         string   `yaml:"chat"`
	Availability string   `yaml:"availability"`
	Notes        string   `yaml:"notes"`
}

// Exercise is a test of the incident response plan as written.
type Exercise struct {
	Doc          `yaml:"-"`
	Title        string     `yaml:"title"`
	Date         yamlx.Date `yaml:"date"`
	Kind         string     `yaml:"kind"`
	Category     string     `yaml:"category"`
	Scenario     string     `yaml:"scenario"`
	Facilitator  string     `yaml:"facilitator"`
	Participants []string   `yaml:"participants"`
	Findings     []Action   `yaml:"findings"`
}

// Set is every record of a site, each kind sorted by id.
type Set struct {
	Incidents   []*Incident
	RCAs        []*RCA
	Maintenance []*Maintenance
	Contacts    []*ContactList
	Exercises   []*Exercise

	// unread holds, per kind, the ids of records whose file could not be
	// read (its front matter is broken, its name or extension is wrong),
	// mapped to the file. An error says so already.
	unread map[vocab.Kind]map[string]string
	// unreadKinds holds the kinds whose folder (or a folder in it) could
	// not be read at all, a link for instance: any id may be among them.
	unreadKinds map[vocab.Kind]bool
}

// Docs returns the Doc of every record of s, by kind in the order of
// Set's fields, then in each kind's order.
func (s *Set) Docs() []*Doc {
	docs := make([]*Doc, 0, len(s.Incidents)+len(s.RCAs)+len(s.Maintenance)+len(s.Contacts)+len(s.Exercises))
	for _, r := range s.Incidents {
		docs = append(docs, &r.Doc)
	}
	for _, r := range s.RCAs {
		docs = append(docs, &r.Doc)
	}
	for _, r := range s.Maintenance {
		docs = append(docs, &r.Doc)
	}
	for _, r := range s.Contacts {
		docs = append(docs, &r.Doc)
	}
	for _, r := range s.Exercises {
		docs = append(docs, &r.Doc)
	}
	return docs
}

// Unread reports whether a record of kind with id exists but could not be
// read, an error on its file saying why. A reference to it is then not
// wrong: checks stay quiet instead of calling it unknown, so that one
// mistake gives one message.
func (s *Set) Unread(kind vocab.Kind, id string) bool {
	_, ok := s.unread[kind][id]
	return ok || s.unreadKinds[kind]
}

// AnyUnread reports whether some record of kind could not be read: what
// its file holds (a contact list's contacts) is unknown.
func (s *Set) AnyUnread(kind vocab.Kind) bool { return len(s.unread[kind]) > 0 || s.unreadKinds[kind] }

// markFolderUnread records that a folder of kind could not be read.
func (s *Set) markFolderUnread(kind vocab.Kind) {
	if s.unreadKinds == nil {
		s.unreadKinds = map[vocab.Kind]bool{}
	}
	s.unreadKinds[kind] = true
}

func (s *Set) markUnread(kind vocab.Kind, file string) {
	if s.unread == nil {
		s.unread = map[vocab.Kind]map[string]string{}
	}
	if s.unread[kind] == nil {
		s.unread[kind] = map[string]string{}
	}
	s.unread[kind][recordStem(path.Base(file))] = file
}

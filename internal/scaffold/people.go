package scaffold

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// people are the site's contacts and the roles they hold, to check the
// names given to a new record as validation will.
type people struct {
	contacts map[string]bool
	roles    map[string]bool
	ids      []string
	cfg      *config.Config
}

// newPeople returns the people of set's contact lists; set may be nil.
func newPeople(set *content.Set, cfg *config.Config) *people {
	p := &people{contacts: map[string]bool{}, roles: map[string]bool{}, cfg: cfg}
	if set == nil {
		return p
	}
	for _, l := range set.Contacts {
		for _, c := range l.Contacts {
			if c.ID != "" && !p.contacts[c.ID] {
				p.contacts[c.ID] = true
				p.ids = append(p.ids, c.ID)
			}
			for _, r := range c.Roles {
				p.roles[r] = true
			}
		}
	}
	slices.Sort(p.ids)
	return p
}

// known names the contacts for a message: all of them when they are few.
func (p *people) known() string {
	switch {
	case len(p.ids) == 0:
		return fmt.Sprintf("there are no contacts yet; add them to a list in %s/", content.Folder(vocab.KindContacts))
	case len(p.ids) <= 12:
		return "the contacts are " + strings.Join(p.ids, ", ")
	}
	return fmt.Sprintf("see the lists in %s/", content.Folder(vocab.KindContacts))
}

// contact returns an OptionError when id, the value of flag, is given
// and is not a contact.
func (p *people) contact(flag, id string) error {
	if id == "" || p.contacts[id] {
		return nil
	}
	return optionf("%s %q is not a contact in %s/%s", flag, id, content.Folder(vocab.KindContacts), diag.Hint(id, p.ids, p.known()))
}

// owner returns an OptionError when id, the value of flag, is neither a
// contact nor a role a contact holds.
func (p *people) owner(flag, id string) error {
	if id == "" || p.contacts[id] || p.roles[id] {
		return nil
	}
	if p.cfg.Role(id) != nil {
		return optionf("%s %q is a role that no contact holds; add it to a contact's roles in %s/", flag, id, content.Folder(vocab.KindContacts))
	}
	roles := slices.Sorted(maps.Keys(p.roles))
	return optionf("%s %q is neither a contact nor a role held by a contact%s", flag, id, diag.Hint(id, append(slices.Clone(p.ids), roles...), p.known()))
}

package validate

import (
	"slices"
	"strings"

	"github.com/incidentsite/incidentsite/internal/content"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/vocab"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// updateServices checks the services an incident's updates name: each is
// a declared service with an impact that an update may give. A service
// the incident did not list joins it from that update, as a component
// added to an incident on Statuspage does. A resolving update sets every
// service operational, so the services it names say nothing.
func (v *validator) updateServices(inc *content.Incident) {
	p := inc.Pos
	for i, u := range inc.Updates {
		if len(u.Services) == 0 {
			continue // most updates: no path to join
		}
		base := yamlx.Join(yamlx.Join("updates", i), "services")
		if len(u.Services) > 0 && u.Status == vocab.Resolved {
			v.warnf(p.Key(base), "resolved-services", "a resolving update sets every service operational; remove services: from it")
		}
		for _, s := range u.Services {
			if v.Config.Service(s.Key) != nil && slices.Contains(vocab.UpdateImpacts, vocab.Level(s.Value)) {
				continue
			}
			key := yamlx.Join(base, s.Key)
			if v.Config.Service(s.Key) == nil {
				v.errorf(p.Key(key), "unknown-service", "service %q is not declared in incidentsite.yaml%s",
					s.Key, diag.Hint(s.Key, v.Config.ServiceIDs(), "the services are "+strings.Join(v.Config.ServiceIDs(), ", ")))
			}
			if s.Value == "" {
				v.errorf(p.Key(key), "required", "service %q needs its impact from this update on: one of %s", s.Key, wordList(vocab.UpdateImpacts))
			} else {
				oneOf(v, p, key, "impact", vocab.Level(s.Value), vocab.UpdateImpacts, "")
			}
		}
	}
}

// maintenanceUpdateServices refuses services in a maintenance window's
// updates: the window's services are under maintenance while it is in
// progress, and an update cannot change that.
func (v *validator) maintenanceUpdateServices(m *content.Maintenance) {
	for i, u := range m.Updates {
		if len(u.Services) > 0 {
			v.errorf(m.Pos.Key(yamlx.Join(yamlx.Join("updates", i), "services")), "maintenance-update-services",
				"a maintenance update takes no services: the window's services are under maintenance while it is in progress; list them in services: at the top")
		}
	}
}

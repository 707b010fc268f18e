package config

import "github.com/incidentsite/incidentsite/internal/l10n"

// Role audiences.
const (
	// Internal roles are held by people of the organisation, listed in
	// internal contact lists.
	Internal = "internal"
	// External roles are held by parties outside the organisation that
	// the team works with (CSIRT, suppliers), listed in external contact
	// lists.
	External = "external"
	// Customer roles are audiences at customers, reached by external
	// communication.
	Customer = "customer"
)

func role(id, audience, en, nl string) Role {
	return Role{ID: id, Audience: audience, Name: l10n.Text{"en": en, "nl": nl}}
}

// builtinRoles are the roles of the incident-communication guidance; a
// site adds its own under roles:.
var builtinRoles = []Role{
	role("management", Internal, "Management", "Directie"),
	role("operations-management", Internal, "Operations management", "Operationeel management"),
	role("operations-team", Internal, "Operations team", "Operationeel team"),
	role("marketing-communications", Internal, "Marketing & communications", "Marketing & communicatie"),
	role("legal", Internal, "Legal", "Juridische dienst"),
	role("dpo", Internal, "Data protection officer", "Functionaris voor gegevensbescherming"),
	role("head-of-it", Internal, "Head of IT", "Hoofd IT"),
	role("team-manager", Internal, "Team manager", "Teamverantwoordelijke"),
	role("security-team", Internal, "Security team", "Securityteam"),
	role("privacy-team", Internal, "Privacy team", "Privacyteam"),
	role("incident-coordinator", Internal, "Incident coordinator", "Incidentcoördinator"),
	role("service-desk", Internal, "Service desk", "Servicedesk"),

	role("emergency-services", External, "Emergency services", "Hulpdiensten"),
	role("police", External, "Police", "Politie"),
	role("csirt", External, "National CSIRT", "Nationaal CSIRT"),
	role("supervisory-authority", External, "Data protection authority", "Gegevensbeschermingsautoriteit"),
	// DORA's reports go to the financial entity's competent authority
	// (DORA art. 19(1)), the built-in dora regulation's recipient.
	role("financial-supervisor", External, "Financial supervisor", "Financieel toezichthouder"),
	role("fod-economie", External, "FOD Economie", "FOD Economie"),
	role("legal-adviser", External, "Legal adviser", "Juridisch adviseur"),
	role("security-expert", External, "Cyber security expert", "Cybersecurity-expert"),
	role("insurer", External, "Insurer", "Verzekeraar"),
	role("subcontractor", External, "Subcontractor", "Onderaannemer"),
	role("supplier", External, "Supplier", "Leverancier"),

	role("organisation-admins", Customer, "Organisation administrators", "Beheerders van de organisatie"),
	role("security-officers", Customer, "Security officers", "Securityverantwoordelijken"),
	role("data-protection-officers", Customer, "Data protection officers", "Functionarissen voor gegevensbescherming"),
	role("affected-users", Customer, "Affected users", "Getroffen gebruikers"),
	role("all-users", Customer, "All users", "Alle gebruikers"),
}

func channel(id, audience, en, nl string) Channel {
	return Channel{ID: id, Audience: audience, Name: l10n.Text{"en": en, "nl": nl}}
}

// builtinChannels are the ways of communicating a template may name.
var builtinChannels = []Channel{
	channel("email", "both", "E-mail", "E-mail"),
	channel("in-app", External, "In-app notice", "Melding in de applicatie"),
	channel("forum", External, "Forum", "Forum"),
	channel("status-page", External, "Status page", "Statuspagina"),
	channel("website", External, "Website", "Website"),
	channel("press", External, "Press release", "Persbericht"),
	channel("letter", External, "Letter", "Brief"),
	channel("authority-portal", External, "Authority's reporting portal", "Meldingsportaal van de overheid"),
	channel("chat", Internal, "Chat", "Chat"),
	channel("meeting", Internal, "Meeting", "Vergadering"),
	channel("phone", "both", "Phone", "Telefoon"),
	channel("sms", "both", "Text message", "Sms"),
}

package catalog_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/catalog"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

func minimalConfig(t *testing.T, extra string) *config.Config {
	t.Helper()
	cfg, diags := config.Parse([]byte(testutil.MinimalConfig + extra))
	if diags.HasErrors() {
		t.Fatalf("config: %v", diags)
	}
	return cfg
}

func lines(l diag.List) []string {
	var out []string
	for _, d := range l.Dedupe() {
		out = append(out, d.String())
	}
	return out
}

// TestBuiltinTemplatesAreValid loads the embedded templates for sites in
// other languages and with the tightest limits a site may set: the
// built-in files must load without a single diagnostic whatever the
// site's configuration.
func TestBuiltinTemplatesAreValid(t *testing.T) {
	for _, langs := range []string{"[en, nl]", "[en]", "[fr]"} {
		for _, limits := range []string{"", "limits: {max_file_size: 1KiB, max_yaml_depth: 4}\n"} {
			t.Run(langs+limits, func(t *testing.T) {
				cfg, diags := config.Parse([]byte(strings.Replace(testutil.MinimalConfig, "[en, nl]", langs, 1) + limits))
				if len(diags) > 0 {
					t.Fatalf("config: %v", lines(diags))
				}
				cat, diags := catalog.Load(testutil.SiteFS(""), cfg)
				if len(diags) > 0 {
					t.Fatalf("built-in templates have diagnostics:\n%s", strings.Join(lines(diags), "\n"))
				}
				if got, want := cat.Categories(), []string{"availability", "privacy", "security"}; !cmp.Equal(got, want) {
					t.Errorf("Categories() = %v, want %v", got, want)
				}
				var names []string
				for _, tm := range cat.Templates() {
					if !tm.Builtin || tm.Source() != tm.File+", built in" {
						t.Errorf("%s: Builtin = %v, Source() = %q", tm.Name, tm.Builtin, tm.Source())
					}
					names = append(names, tm.Name+"="+string(tm.Kind))
				}
				want := []string{"availability=incident", "exercise=exercise", "maintenance=maintenance", "privacy=incident", "rca=rca", "security=incident"}
				if !cmp.Equal(names, want) {
					t.Errorf("templates = %v, want %v", names, want)
				}
			})
		}
	}
}

func TestSiteTemplateOverridesBuiltin(t *testing.T) {
	cfg := minimalConfig(t, "")
	cat, diags := catalog.Load(testutil.SiteFS(`-- templates/availability.yaml --
name: availability
title: {en: Outage}
severities: [low, high]
visibility: internal
sections:
  - {id: impact, title: {en: Impact}, audience: external, required_from: acknowledged}
`), cfg)
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(lines(diags), "\n"))
	}
	a := cat.Get("availability")
	if a == nil || a.Builtin || a.Source() != "templates/availability.yaml" {
		t.Fatalf("availability = %+v, want the site's file", a)
	}
	if !cmp.Equal(a.Severities, []string{"low", "high"}) || a.Visibility != "internal" || len(a.Sections) != 1 {
		t.Errorf("availability is not the site's: severities %v, visibility %s, %d sections", a.Severities, a.Visibility, len(a.Sections))
	}
	if a.Section("root-cause") != nil || a.SectionByHeading(" IMPACT ") != &a.Sections[0] {
		t.Errorf("sections are not the site's")
	}
	if s := cat.Get("security"); s == nil || !s.Builtin {
		t.Errorf("security = %+v, want the built-in one", s)
	}
}

func TestSiteTemplateAddsCategory(t *testing.T) {
	cfg := minimalConfig(t, "")
	cat, diags := catalog.Load(testutil.SiteFS(`-- templates/x.yaml --
name: x
title: {en: X incident, nl: X-incident}
severities: [minor]
visibility: public
`), cfg)
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(lines(diags), "\n"))
	}
	if got, want := cat.Categories(), []string{"availability", "privacy", "security", "x"}; !cmp.Equal(got, want) {
		t.Errorf("Categories() = %v, want %v", got, want)
	}
	if x := cat.Get("x"); x == nil || x.Kind != vocab.KindIncident || x.Builtin {
		t.Errorf("x = %+v", x)
	}
}

// validTemplate is a site category that loads without a diagnostic; each
// case changes one thing in it. Its lines:
//
//	 1 name: outage
//	 2 title: {en: Outage, nl: Storing}
//	 3 severities: [minor, major]
//	 4 visibility: public
//	 5 rca_required_for: [major]
//	 6 regulation: [nis2]
//	 7 sections:
//	 8   - {id: impact, title: {en: Impact}, audience: external, required_from: acknowledged}
//	 9   - {id: notes, title: {en: Notes}, audience: internal}
//	10 fields:
//	11   coordinator: {required_from: detected}
//	12 communication:
//	13   external: {who: [organisation-admins], how: [status-page], when: [acknowledged]}
//	14   internal: {who: [operations-team], how: [chat], when: [resolved]}
const validTemplate = `name: outage
title: {en: Outage, nl: Storing}
severities: [minor, major]
visibility: public
rca_required_for: [major]
regulation: [nis2]
sections:
  - {id: impact, title: {en: Impact}, audience: external, required_from: acknowledged}
  - {id: notes, title: {en: Notes}, audience: internal}
fields:
  coordinator: {required_from: detected}
communication:
  external: {who: [organisation-admins], how: [status-page], when: [acknowledged]}
  internal: {who: [operations-team], how: [chat], when: [resolved]}
`

type edit struct{ old, new string }

func TestTemplateRules(t *testing.T) {
	for _, c := range []struct {
		name string
		// file is the template's path; templates/outage.yaml by default.
		file  string
		edits []edit
		// text replaces validTemplate when set.
		text string
		// config is added to the site's configuration.
		config string
		want   []string
	}{
		{name: "valid", want: nil},
		{
			name:  "unknown-key",
			edits: []edit{{"severities:", "sevrities:"}},
			want: []string{
				"templates/outage.yaml:3:1: unknown key \"sevrities\"; did you mean \"severities\"?",
			},
		},
		{
			name:  "yaml-syntax-error",
			edits: []edit{{"visibility: public", "visibility: public: yes"}},
			want: []string{
				"templates/outage.yaml:4:1: YAML syntax error: mapping values are not allowed in this context; quote the value if it contains \": \", or check the indentation",
			},
		},
		{
			name:  "second-document",
			edits: []edit{{"sections:", "---\nsections:"}},
			want: []string{
				"templates/outage.yaml:7:1: a second YAML document starts here; a file holds one document, so remove the \"---\" line",
			},
		},
		{
			name:  "name-missing",
			edits: []edit{{"name: outage\n", ""}},
			want: []string{
				"templates/outage.yaml:1:1: name is missing; add name: outage",
			},
		},
		{
			name:  "name-differs-from-file-name",
			edits: []edit{{"name: outage", "name: outages"}},
			want: []string{
				"templates/outage.yaml:1:7: name \"outages\" differs from the file name; it must be \"outage\"",
			},
		},
		{
			name:  "file-name-not-an-id",
			file:  "templates/Big Outage.yaml",
			edits: []edit{{"name: outage", "name: Big Outage"}},
			want: []string{
				"templates/Big Outage.yaml:1:1: template file name \"Big Outage\" must be lowercase letters a-z, digits and hyphens, then .yaml",
			},
		},
		{
			name:  "title-missing",
			edits: []edit{{"title: {en: Outage, nl: Storing}\n", ""}},
			want: []string{
				"templates/outage.yaml:1:1: title is missing; add title: {en: ..., nl: ...}",
			},
		},
		{
			name:  "title-in-unknown-language",
			edits: []edit{{"title: {en: Outage, nl: Storing}", "title: {en: Outage, de: Störung}"}},
			want: []string{
				"templates/outage.yaml:2:21: language \"de\" is not one of the site's languages (en, nl)",
			},
		},
		{
			name:  "severities-missing",
			edits: []edit{{"severities: [minor, major]\n", ""}, {"rca_required_for: [major]\n", ""}},
			want: []string{
				"templates/outage.yaml:1:1: severities is missing; list them least severe first, as in severities: [minor, major, critical]",
			},
		},
		{
			name:  "severity-not-an-id",
			edits: []edit{{"severities: [minor, major]", "severities: [minor, Major]"}, {"rca_required_for: [major]\n", ""}},
			want: []string{
				"templates/outage.yaml:3:21: severity \"Major\" must be lowercase letters a-z, digits and hyphens",
			},
		},
		{
			name:  "severity-twice",
			edits: []edit{{"severities: [minor, major]", "severities: [minor, major, minor]"}},
			want: []string{
				"templates/outage.yaml:3:28: severity \"minor\" is listed twice",
			},
		},
		{
			name:  "visibility-missing",
			edits: []edit{{"visibility: public\n", ""}},
			want: []string{
				"templates/outage.yaml:1:1: visibility is missing; add visibility: public or visibility: internal",
			},
		},
		{
			name:  "visibility-unknown",
			edits: []edit{{"visibility: public", "visibility: private"}},
			want: []string{
				"templates/outage.yaml:4:13: visibility \"private\" is not one of public, internal",
			},
		},
		{
			name:  "rca-required-for-unknown-severity",
			edits: []edit{{"rca_required_for: [major]", "rca_required_for: [majro]"}},
			want: []string{
				"templates/outage.yaml:5:20: severity \"majro\" is not one of minor, major; did you mean \"major\"?",
			},
		},
		{
			name:  "section-id-missing",
			edits: []edit{{"{id: notes, title:", "{title:"}},
			want: []string{
				"templates/outage.yaml:9:5: section has no id; add id:",
			},
		},
		{
			name:  "section-id-not-an-id",
			edits: []edit{{"{id: notes,", "{id: Notes,"}},
			want: []string{
				"templates/outage.yaml:9:10: section id \"Notes\" must be lowercase letters a-z, digits and hyphens",
			},
		},
		{
			name:  "section-id-twice",
			edits: []edit{{"{id: notes,", "{id: impact,"}},
			want: []string{
				"templates/outage.yaml:9:10: section \"impact\" is declared twice",
			},
		},
		{
			name:  "section-title-collides",
			edits: []edit{{"title: {en: Notes}", "title: {en: Notes, nl: impact}"}},
			want: []string{
				"templates/outage.yaml:9:40: section \"notes\" has the title (nl) \"impact\", which is the id of section \"impact\": a \"## impact\" heading could not tell them apart; give each section titles of its own",
			},
		},
		{
			name:  "section-title-collides-across-languages",
			edits: []edit{{"title: {en: Impact}", "title: {en: Impact, nl: Notities}"}, {"title: {en: Notes}", "title: {en: NOTITIES}"}},
			want: []string{
				"templates/outage.yaml:9:29: section \"notes\" has the title (en) \"NOTITIES\", which is the title (nl) of section \"impact\": a \"## NOTITIES\" heading could not tell them apart; give each section titles of its own",
			},
		},
		{
			name:  "section-same-title-in-two-languages",
			edits: []edit{{"title: {en: Notes}", "title: {en: Notes, nl: notes}"}},
		},
		{
			name:  "section-title-missing",
			edits: []edit{{"title: {en: Notes}, ", ""}},
			want: []string{
				"templates/outage.yaml:9:5: section \"notes\" has no title; add title: {en: ..., nl: ...}",
			},
		},
		{
			name:  "section-audience-missing",
			edits: []edit{{", audience: internal}", "}"}},
			want: []string{
				"templates/outage.yaml:9:5: section \"notes\" has no audience; add audience: external (customers read it) or internal",
			},
		},
		{
			name:  "section-audience-unknown",
			edits: []edit{{"audience: internal}", "audience: intern}"}},
			want: []string{
				"templates/outage.yaml:9:47: audience \"intern\" is not one of external, internal; did you mean \"internal\"?",
			},
		},
		{
			name:  "section-audience-public",
			edits: []edit{{"audience: internal}", "audience: public}"}},
			want: []string{
				"templates/outage.yaml:9:47: audience \"public\" is not one of external, internal",
			},
		},
		{
			name:  "section-moment-unknown",
			edits: []edit{{"required_from: acknowledged}", "required_from: acknowledgd}"}},
			want: []string{
				"templates/outage.yaml:8:74: moment \"acknowledgd\" is not one of detected, acknowledged, identified, monitoring, resolved; did you mean \"acknowledged\"?",
			},
		},
		{
			name:  "field-moment-missing",
			edits: []edit{{"coordinator: {required_from: detected}", "coordinator: {}"}},
			want: []string{
				"templates/outage.yaml:11:3: field \"coordinator\" needs required_from: one of detected, acknowledged, identified, monitoring, resolved",
			},
		},
		{
			name:  "field-moment-unknown",
			edits: []edit{{"coordinator: {required_from: detected}", "coordinator: {required_from: open}"}},
			want: []string{
				"templates/outage.yaml:11:32: moment \"open\" is not one of detected, acknowledged, identified, monitoring, resolved",
			},
		},
		{
			name:  "role-unknown",
			edits: []edit{{"who: [operations-team]", "who: [operations-teem]"}},
			want: []string{
				"templates/outage.yaml:14:20: role \"operations-teem\" is unknown; did you mean \"operations-team\"?",
			},
		},
		{
			name:  "role-unknown-no-suggestion",
			edits: []edit{{"who: [operations-team]", "who: [night-shift]"}},
			want: []string{
				"templates/outage.yaml:14:20: role \"night-shift\" is unknown; declare it under roles: in incidentsite.yaml",
			},
		},
		{
			name:   "role-site-declared",
			edits:  []edit{{"who: [operations-team]", "who: [night-shift]"}},
			config: "roles: [{id: night-shift, name: Night shift, audience: internal}]\n",
			want:   nil,
		},
		{
			name:  "internal-role-told-externally",
			edits: []edit{{"who: [organisation-admins]", "who: [organisation-admins, legal]"}},
			want: []string{
				"templates/outage.yaml:13:41: role \"legal\" is an internal role; communication.external.who takes customer or external roles",
			},
		},
		{
			name:  "external-role-told-externally",
			edits: []edit{{"who: [organisation-admins]", "who: [organisation-admins, csirt]"}},
			want:  nil,
		},
		{
			name:  "customer-role-told-internally",
			edits: []edit{{"who: [operations-team]", "who: [operations-team, affected-users]"}},
			want: []string{
				"templates/outage.yaml:14:37: role \"affected-users\" is a customer role; communication.internal.who takes internal roles",
			},
		},
		{
			name:  "channel-unknown",
			edits: []edit{{"how: [chat]", "how: [slack]"}},
			want: []string{
				"templates/outage.yaml:14:44: channel \"slack\" is unknown; declare it under channels: in incidentsite.yaml",
			},
		},
		{
			name:  "channel-of-the-other-side",
			edits: []edit{{"how: [status-page]", "how: [status-page, chat]"}},
			want: []string{
				"templates/outage.yaml:13:61: channel \"chat\" is for internal communication, not external",
			},
		},
		{
			name:  "channel-for-both-sides",
			edits: []edit{{"how: [status-page]", "how: [status-page, email]"}, {"how: [chat]", "how: [chat, email]"}},
			want:  nil,
		},
		{
			name:  "moment-unknown",
			edits: []edit{{"when: [resolved]", "when: [resolvd]"}},
			want: []string{
				"templates/outage.yaml:14:58: moment \"resolvd\" is not one of detected, acknowledged, identified, during-recovery, delayed, resolved, post-incident; did you mean \"resolved\"?",
			},
		},
		{
			name:  "moment-of-maintenance",
			edits: []edit{{"when: [resolved]", "when: [completed]"}},
			want: []string{
				"templates/outage.yaml:14:58: moment \"completed\" is not one of detected, acknowledged, identified, during-recovery, delayed, resolved, post-incident",
			},
		},
		{
			name:  "plan-incomplete",
			edits: []edit{{"internal: {who: [operations-team], how: [chat], when: [resolved]}", "internal: {who: [operations-team]}"}},
			want: []string{
				"templates/outage.yaml:14:3: communication.internal needs who, how and when together",
			},
		},
		{
			name: "rca-with-incident-keys",
			file: "templates/rca.yaml",
			text: `name: rca
title: {en: Root cause analysis}
severities: [minor]
visibility: public
sections:
  - {id: summary, title: {en: Summary}, audience: external, required_from: acknowledged}
fields:
  author: {required_from: final}
`,
			want: []string{
				"templates/rca.yaml:3:1: severities applies to incident categories only; remove it from the rca template",
				"templates/rca.yaml:4:1: visibility applies to incident categories only; remove it from the rca template",
				"templates/rca.yaml:6:76: moment \"acknowledged\" is not one of draft, review, final",
			},
		},
		{
			name: "maintenance-moments",
			file: "templates/maintenance.yaml",
			text: `name: maintenance
title: {en: Maintenance}
sections:
  - {id: description, title: {en: What we will do}, audience: external, required_from: in_progress}
communication:
  external: {who: [organisation-admins], how: [email], when: [scheduled, reminder, resolved]}
`,
			want: []string{
				"templates/maintenance.yaml:6:84: moment \"resolved\" is not one of scheduled, reminder, started, delayed, completed",
			},
		},
		{
			name: "broken-rca-template",
			file: "templates/rca.yaml",
			text: "name: rca\ntitle: [\n",
			want: []string{
				"templates/rca.yaml:1:1: this file replaces the built-in rca template but cannot be read; fix it, or remove it to use the built-in one",
				"templates/rca.yaml:2:1: YAML syntax error: did not find expected node content; a value is missing or a bracket is not closed",
			},
		},
		{
			name: "template-in-a-subfolder",
			file: "templates/extra/outage.yaml",
			want: []string{
				"templates/extra/outage.yaml:1:1: templates must sit directly in templates/, not in a subfolder",
			},
		},
		{
			name: "template-not-yaml",
			file: "templates/outage.yml",
			want: []string{
				"templates/outage.yml:1:1: warning: ignored: templates are .yaml files",
			},
		},
		{
			name:   "template-over-the-size-limit",
			config: "limits: {max_file_size: 100}\n",
			want: []string{
				"templates/outage.yaml:1:1: is 505 bytes, over the limit of 100 bytes; split it up, or raise limits.max_file_size in incidentsite.yaml",
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := c.file
			if file == "" {
				file = "templates/outage.yaml"
			}
			src := validTemplate
			if c.text != "" {
				src = c.text
			}
			for _, e := range c.edits {
				if n := strings.Count(src, e.old); n != 1 {
					t.Fatalf("edit: %q occurs %d times, want once", e.old, n)
				}
				src = strings.Replace(src, e.old, e.new, 1)
			}
			cfg := minimalConfig(t, c.config)
			_, diags := catalog.Load(testutil.SiteFS("-- "+file+" --\n"+src), cfg)
			got := lines(diags)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("diagnostics differ (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSectionInLanguage(t *testing.T) {
	cat, diags := catalog.Load(testutil.SiteFS(""), minimalConfig(t, ""))
	if len(diags) > 0 {
		t.Fatal(lines(diags))
	}
	a := cat.Get("availability")
	for _, tc := range []struct {
		heading, id, code string
	}{
		{"Root cause", "root-cause", ""},
		{"Oorzaak", "root-cause", ""},
		{"Oorzaak [nl]", "root-cause", "nl"},
		{"  root cause [pt-BR] ", "root-cause", "pt-BR"},
		{"Root cause [fr]", "root-cause", "fr"}, // validation says fr is no site language
		{"Root cause[nl]", "", ""},              // a tag is apart from the title
		{"Root cause []", "", ""},
		{"Root cause [n l]", "", ""},
		{"Timeline [nl]", "", ""},
		{"[nl]", "", ""},
	} {
		sec, code := a.SectionInLanguage(tc.heading)
		id := ""
		if sec != nil {
			id = sec.ID
		}
		if id != tc.id || code != tc.code {
			t.Errorf("SectionInLanguage(%q) = %q, %q; want %q, %q", tc.heading, id, code, tc.id, tc.code)
		}
	}
}

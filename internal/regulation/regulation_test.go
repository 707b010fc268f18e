package regulation_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// competentAuthority declares the role a national variant sends its
// early warning to.
const competentAuthority = `roles:
  - {id: competent-authority, name: {en: Competent authority, nl: Bevoegde autoriteit}, audience: external}
`

func siteConfig(t *testing.T, extra string) *config.Config {
	t.Helper()
	cfg, diags := config.Parse([]byte(testutil.MinimalConfig + extra))
	if diags.HasErrors() {
		t.Fatalf("config: %v", diags)
	}
	return cfg
}

func lines(l diag.List) []string {
	l.Sort()
	var out []string
	for _, d := range l.Dedupe() {
		out = append(out, d.String())
	}
	return out
}

// TestBuiltinRegulationsAreValid loads the embedded regulations for sites
// in other languages and with the tightest limits a site may set: they
// must load without a single diagnostic whatever the configuration.
func TestBuiltinRegulationsAreValid(t *testing.T) {
	for _, langs := range []string{"[en, nl]", "[fr]"} {
		for _, limits := range []string{"", "limits: {max_file_size: 1KiB, max_yaml_depth: 4}\n"} {
			t.Run(langs+limits, func(t *testing.T) {
				cfg, diags := config.Parse([]byte(strings.Replace(testutil.MinimalConfig, "[en, nl]", langs, 1) + limits))
				if len(diags) > 0 {
					t.Fatalf("config: %v", lines(diags))
				}
				set, diags := regulation.Load(testutil.SiteFS(""), cfg)
				if len(diags) > 0 {
					t.Fatalf("built-in regulations have diagnostics:\n%s", strings.Join(lines(diags), "\n"))
				}
				if got, want := set.Names(), []string{"dora", "gdpr", "nis2"}; !cmp.Equal(got, want) {
					t.Errorf("Names() = %v, want %v", got, want)
				}
				for _, r := range set.Regulations() {
					if !r.Builtin || r.Source() != "regulations/"+r.Name+".yaml, built in" {
						t.Errorf("%s: Builtin = %v, Source() = %q", r.Name, r.Builtin, r.Source())
					}
				}
			})
		}
	}
}

// TestBuiltinRegulationsShape pins what the built-in files say: the
// stages, their recipients, kinds and clocks (DESIGN.md's table).
func TestBuiltinRegulationsShape(t *testing.T) {
	set, diags := regulation.Load(testutil.SiteFS(""), siteConfig(t, ""))
	if len(diags) > 0 {
		t.Fatal(lines(diags))
	}
	var got []string
	for _, r := range set.Regulations() {
		for _, s := range r.Stages {
			var clocks []string
			for _, c := range s.Clocks {
				clocks = append(clocks, strings.TrimSpace(c.From+" "+c.Stage)+" +"+c.Within.String())
			}
			if s.IfOngoing != nil {
				for _, c := range s.IfOngoing.Clocks {
					clocks = append(clocks, "if ongoing: "+c.From+" +"+c.Within.String())
				}
			}
			if s.Replaces != "" {
				clocks = append(clocks, "replaces "+s.Replaces)
			}
			if s.Condition != "" {
				clocks = append(clocks, "if "+s.Condition)
			}
			got = append(got, r.Name+" "+s.ID+" ("+s.Article+") kinds "+strings.Join(s.Kinds, ",")+" to "+strings.Join(s.To, ",")+": "+strings.Join(clocks, "; "))
			if len(s.Content) == 0 {
				t.Errorf("%s %s: no content", r.Name, s.ID)
			}
		}
		if len(r.Criteria) == 0 {
			t.Errorf("%s: no criteria", r.Name)
		}
	}
	want := []string{
		"dora initial (DORA art. 19(4)(a); Delegated Regulation (EU) 2025/301, art. 5(1)) kinds dora-initial-notification to financial-supervisor: classified +4h; detected +24h",
		"dora intermediate (DORA art. 19(4)(b); Delegated Regulation (EU) 2025/301, art. 5(2)) kinds dora-intermediate-report to financial-supervisor: submitted initial +72h",
		"dora final (DORA art. 19(4)(c); Delegated Regulation (EU) 2025/301, art. 5(3)) kinds dora-final-report to financial-supervisor: last-submitted intermediate +1 month",
		"gdpr notification (GDPR art. 33(1)) kinds breach-notification to supervisory-authority: detected +72h",
		"gdpr communication (GDPR art. 34(1)) kinds data-subject-notice to affected-users: detected +without undue delay; if high-risk",
		"nis2 early-warning (NIS2 art. 23(4)(a)) kinds early-warning to csirt: detected +24h",
		"nis2 notification (NIS2 art. 23(4)(b)) kinds notification to csirt: detected +72h",
		"nis2 intermediate (NIS2 art. 23(4)(c)) kinds intermediate-report to csirt: requested +as requested",
		"nis2 final (NIS2 art. 23(4)(d)) kinds final-report to csirt: submitted notification +1 month; if ongoing: handled +1 month",
		"nis2 progress (NIS2 art. 23(4)(e)) kinds progress-report to csirt: replaces final",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("built-in stages (-want +got):\n%s", diff)
	}
	// GDPR art. 33(3)(a)-(d), and the reasons for a late notification.
	var items []string
	for _, it := range set.Get("gdpr").Stage("notification").Content {
		items = append(items, it.Article)
		if it.LateOnly != (it.ID == "delay") {
			t.Errorf("gdpr notification %s: LateOnly = %v", it.ID, it.LateOnly)
		}
	}
	if want := []string{"GDPR art. 33(3)(a)", "GDPR art. 33(3)(b)", "GDPR art. 33(3)(c)", "GDPR art. 33(3)(d)", "GDPR art. 33(1)"}; !cmp.Equal(items, want) {
		t.Errorf("gdpr notification content = %v, want %v", items, want)
	}
}

// TestBuiltinRolesAreDeclared: the roles the built-in regulations send
// reports to are all the configuration's built-in roles (DORA's
// financial-supervisor included), so that a site under one only has to
// give each role to a contact, which validation asks for.
func TestBuiltinRolesAreDeclared(t *testing.T) {
	cfg := siteConfig(t, "")
	set, _ := regulation.Load(testutil.SiteFS(""), cfg)
	for _, r := range set.Regulations() {
		var missing []string
		for _, role := range r.Roles() {
			if cfg.Role(role) == nil {
				missing = append(missing, role)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: roles not declared by the configuration: %v", r.Name, missing)
		}
	}
}

// nationalNIS2 is a site's variant of nis2: its early warning goes to the
// CSIRT and to the competent authority, its notification within 24 hours
// (a trust service provider).
const nationalNIS2 = `-- regulations/nis2.yaml --
name: nis2
title: {en: NIS2 (national law), nl: Cyberbeveiligingswet}
article: Cyberbeveiligingswet, art. 24
question: {en: "Significant incident?", nl: "Significant incident?"}
stages:
  - id: early-warning
    title: {en: Early warning, nl: Vroegtijdige waarschuwing}
    article: NIS2 art. 23(4)(a)
    to: [csirt, competent-authority]
    clocks: [{from: detected, within: 24h}]
    content: [{id: malicious, article: NIS2 art. 23(4)(a), text: "Malicious?"}]
  - id: notification
    title: {en: Notification, nl: Melding}
    article: NIS2 art. 23(4)(b)
    to: [csirt, competent-authority]
    clocks: [{from: detected, within: 24h}]
    content: [{id: assessment, article: NIS2 art. 23(4)(b), text: Assessment}]
`

func TestSiteRegulationOverridesBuiltin(t *testing.T) {
	set, diags := regulation.Load(testutil.SiteFS(nationalNIS2), siteConfig(t, competentAuthority))
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(lines(diags), "\n"))
	}
	n := set.Get("nis2")
	if n == nil || n.Builtin || n.Source() != "regulations/nis2.yaml" {
		t.Fatalf("nis2 = %+v, want the site's", n)
	}
	if got := n.Stage("early-warning").To; !cmp.Equal(got, []string{"csirt", "competent-authority"}) {
		t.Errorf("early-warning to = %v", got)
	}
	// A stage without kinds: is recorded by its id.
	if got := n.Stage("notification").Kinds; !cmp.Equal(got, []string{"notification"}) {
		t.Errorf("notification kinds = %v", got)
	}
	if n.Stage("final") != nil {
		t.Errorf("the built-in final stage survived the site's file")
	}
	if got, want := set.Kinds("nis2"), []string{"early-warning", "notification"}; !cmp.Equal(got, want) {
		t.Errorf("Kinds(nis2) = %v, want %v", got, want)
	}
	if g := set.Get("gdpr"); g == nil || !g.Builtin {
		t.Errorf("gdpr = %+v, want the built-in one", g)
	}
}

func TestSiteRegulationAddsOne(t *testing.T) {
	set, diags := regulation.Load(testutil.SiteFS(`-- regulations/cra.yaml --
name: cra
title: Cyber Resilience Act
article: Regulation (EU) 2024/2847, art. 14
question: Is this a severe incident having an impact on the security of the product?
stages:
  - id: cra-early-warning
    title: Early warning
    article: CRA art. 14(4)(a)
    to: [csirt]
    clocks: [{from: detected, within: 24h}]
    content: [{id: malicious, article: CRA art. 14(4)(a), text: "Suspected malicious act?"}]
`), siteConfig(t, ""))
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(lines(diags), "\n"))
	}
	if got, want := set.Names(), []string{"cra", "dora", "gdpr", "nis2"}; !cmp.Equal(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	r, s := set.ByKind("cra-early-warning")
	if r == nil || r.Name != "cra" || s.ID != "cra-early-warning" {
		t.Errorf("ByKind(cra-early-warning) = %v, %v", r, s)
	}
}

// validStage is a site regulation that loads without a diagnostic; each
// case of TestRegulationMistakes changes one thing in it. Its lines:
//
//	 1 name: acme
//	 2 title: {en: Acme law, nl: Acme-wet}
//	 3 article: Acme Act, art. 1
//	 4 question: Reportable?
//	 5 conditions: [{id: high-risk, article: Acme Act, art. 2, text: High risk}]
//	 6 stages:
//	 7   - id: first
//	 8     title: First report
//	 9     article: Acme art. 1(a)
//	10     kinds: [acme-first]
//	11     to: [csirt]
//	12     clocks: [{from: detected, within: 24h}]
//	13     content: [{id: what, article: Acme art. 1(a), text: What happened}]
//	14   - id: second
//	15     title: Second report
//	16     article: Acme art. 1(b)
//	17     to: [csirt]
//	18     clocks: [{from: submitted, stage: first, within: 1 month}]
//	19     if_ongoing: {clocks: [{from: handled, within: 1 month}]}
//	20     content: [{id: why, article: Acme art. 1(b), text: Why it happened}]
const validRegulation = `name: acme
title: {en: Acme law, nl: Acme-wet}
article: Acme Act, art. 1
question: Reportable?
conditions: [{id: high-risk, article: "Acme Act, art. 2", text: High risk}]
stages:
  - id: first
    title: First report
    article: Acme art. 1(a)
    kinds: [acme-first]
    to: [csirt]
    clocks: [{from: detected, within: 24h}]
    content: [{id: what, article: Acme art. 1(a), text: What happened}]
  - id: second
    title: Second report
    article: Acme art. 1(b)
    to: [csirt]
    clocks: [{from: submitted, stage: first, within: 1 month}]
    if_ongoing: {clocks: [{from: handled, within: 1 month}]}
    content: [{id: why, article: Acme art. 1(b), text: Why it happened}]
`

func TestRegulationMistakes(t *testing.T) {
	type edit struct{ old, new string }
	tests := []struct {
		name  string
		file  string // default regulations/acme.yaml
		edits []edit
		want  []string
	}{
		{name: "valid"},
		{
			name:  "name differs from file",
			edits: []edit{{"name: acme", "name: acne"}},
			want:  []string{`regulations/acme.yaml:1:7: name "acne" differs from the file name; it must be "acme"`},
		},
		{
			name:  "unsafe file name",
			file:  "regulations/Acme Law.yaml",
			edits: []edit{{"name: acme", "name: Acme Law"}},
			want:  []string{`regulations/Acme Law.yaml:1:1: regulation file name "Acme Law" must be lowercase letters a-z, digits and hyphens, then .yaml`},
		},
		{
			name:  "missing title, article and question",
			edits: []edit{{"title: {en: Acme law, nl: Acme-wet}\narticle: Acme Act, art. 1\nquestion: Reportable?\n", ""}},
			want: []string{
				"regulations/acme.yaml:1:1: article is missing; cite the provision that sets the reporting obligations, as in article: Directive (EU) 2022/2555 (NIS2), art. 23",
				"regulations/acme.yaml:1:1: question is missing; add the question the team decides for each incident, as in question: {en: Is this a significant incident?}",
				"regulations/acme.yaml:1:1: title is missing; add title: {en: ..., nl: ...}",
			},
		},
		{
			name:  "unknown key",
			edits: []edit{{"    kinds: [acme-first]", "    kind: [acme-first]"}},
			want:  []string{`regulations/acme.yaml:10:5: unknown key "kind" in stages item 1; did you mean "kinds"?`},
		},
		{
			name:  "unknown role",
			edits: []edit{{"    to: [csirt]\n    clocks: [{from: detected", "    to: [cirt]\n    clocks: [{from: detected"}},
			want:  []string{`regulations/acme.yaml:11:10: role "cirt" is unknown; did you mean "csirt"?`},
		},
		{
			name:  "undeclared role",
			edits: []edit{{"    to: [csirt]\n    clocks: [{from: detected", "    to: [csirt, competent-authority]\n    clocks: [{from: detected"}},
			want:  []string{`regulations/acme.yaml:11:17: role "competent-authority" is unknown; declare it under roles: in incidentsite.yaml`},
		},
		{
			name:  "no recipient",
			edits: []edit{{"    to: [csirt]\n    clocks: [{from: detected", "    clocks: [{from: detected"}},
			want:  []string{`regulations/acme.yaml:7:5: stage "first" has no recipient; add to: [ROLE], as in to: [csirt]`},
		},
		{
			name:  "bad period",
			edits: []edit{{"within: 24h", "within: 24 hours"}},
			want:  []string{`regulations/acme.yaml:12:39: within: "24 hours" is not a period; write 24h, 72h, 1 month, without undue delay or as requested`},
		},
		{
			name:  "bad months",
			edits: []edit{{"stage: first, within: 1 month", "stage: first, within: 2 month"}},
			want:  []string{`regulations/acme.yaml:18:54: within: "2 month" is not a period; write a whole number of months from 1 to 120, as in 1 month or 3 months`},
		},
		{
			name:  "no within",
			edits: []edit{{"{from: detected, within: 24h}", "{from: detected}"}},
			want:  []string{`regulations/acme.yaml:12:14: clock has no within:; add 24h, 1 month, without undue delay or as requested`},
		},
		{
			name:  "unknown clock start",
			edits: []edit{{"from: detected", "from: detection"}},
			want:  []string{`regulations/acme.yaml:12:21: clock start "detection" is not one of detected, classified, submitted, last-submitted, requested, handled`},
		},
		{
			name:  "chain to a later stage",
			edits: []edit{{"{from: detected, within: 24h}", "{from: submitted, stage: second, within: 24h}"}},
			want:  []string{`regulations/acme.yaml:12:39: stage "second" is not declared before stage "first"; a clock starts from an earlier stage's submission`},
		},
		{
			name:  "chain without stage",
			edits: []edit{{"{from: submitted, stage: first, within: 1 month}", "{from: submitted, within: 1 month}"}},
			want:  []string{`regulations/acme.yaml:18:14: a clock from submitted needs stage: the earlier stage whose submission starts it`},
		},
		{
			name:  "as requested from detection",
			edits: []edit{{"within: 24h", "within: as requested"}},
			want:  []string{`regulations/acme.yaml:12:39: only a clock from requested runs as requested; give a period such as 72h`},
		},
		{
			name:  "duplicate stage",
			edits: []edit{{"  - id: second", "  - id: first"}},
			want: []string{
				`regulations/acme.yaml:14:9: stage "first" is declared twice`,
				`regulations/acme.yaml:18:39: stage "first" cannot start its own clock; name an earlier stage`,
			},
		},
		{
			name:  "kind claimed twice",
			edits: []edit{{"    article: Acme art. 1(b)\n", "    article: Acme art. 1(b)\n    kinds: [acme-first]\n"}},
			want:  []string{`regulations/acme.yaml:17:13: notification kind "acme-first" already records stage "first"; a kind records one stage`},
		},
		{
			name:  "kind of another regulation",
			edits: []edit{{"kinds: [acme-first]", "kinds: [early-warning]"}},
			want:  []string{`regulations/acme.yaml:10:13: notification kind "early-warning" already records the nis2 stage "early-warning" (regulations/nis2.yaml, built in); give stage "first" a kind of its own under kinds:, as in acme-early-warning`},
		},
		{
			name:  "unknown condition",
			edits: []edit{{"    kinds: [acme-first]\n", "    kinds: [acme-first]\n    condition: high-risks\n"}},
			want:  []string{`regulations/acme.yaml:11:16: condition "high-risks" is not one of the regulation's conditions; did you mean "high-risk"?`},
		},
		{
			name:  "replaces a stage without if_ongoing",
			edits: []edit{{"    content: [{id: why, article: Acme art. 1(b), text: Why it happened}]\n", "    content: [{id: why, article: Acme art. 1(b), text: Why it happened}]\n  - {id: third, title: T, article: A, to: [csirt], replaces: first, content: [{id: x, article: A, text: X}]}\n"}},
			want:  []string{`regulations/acme.yaml:21:62: stage "first" has no if_ongoing: clocks, so no stage can replace it while the incident is ongoing; add if_ongoing: to it`},
		},
		{
			name:  "replacing stage with clocks",
			edits: []edit{{"    content: [{id: why, article: Acme art. 1(b), text: Why it happened}]\n", "    content: [{id: why, article: Acme art. 1(b), text: Why it happened}]\n  - {id: progress, title: P, article: A, to: [csirt], replaces: second, clocks: [{from: detected, within: 1h}], content: [{id: x, article: A, text: X}]}\n"}},
			want:  []string{`regulations/acme.yaml:21:55: stage "progress" replaces "second" and is due at its deadline: remove its clocks: and if_ongoing:`},
		},
		{
			name:  "content item without article",
			edits: []edit{{"{id: what, article: Acme art. 1(a), text: What happened}", "{id: what, text: What happened}"}},
			want:  []string{`regulations/acme.yaml:13:15: content item "what" has no article; cite it, as in article: GDPR art. 33(3)(a)`},
		},
		{
			name:  "language the site lacks",
			edits: []edit{{"title: First report", "title: {en: First report, fr: Premier rapport}"}},
			want:  []string{`regulations/acme.yaml:8:31: language "fr" is not one of the site's languages (en, nl)`},
		},
	}
	cfg := siteConfig(t, "")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := validRegulation
			for _, e := range tc.edits {
				if !strings.Contains(text, e.old) {
					t.Fatalf("edit %q does not apply", e.old)
				}
				text = strings.Replace(text, e.old, e.new, 1)
			}
			file := tc.file
			if file == "" {
				file = "regulations/acme.yaml"
			}
			set, diags := regulation.Load(testutil.SiteFS("-- "+file+" --\n"+text), cfg)
			if diff := cmp.Diff(tc.want, lines(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			if set.Get("nis2") == nil {
				t.Errorf("a mistake in one regulation lost the others")
			}
		})
	}
}

func TestSiteFilesPlacement(t *testing.T) {
	_, diags := regulation.Load(testutil.SiteFS(`-- regulations/eu/acme.yaml --
name: acme
-- regulations/README.md --
Our regulations.
`), siteConfig(t, ""))
	want := []string{
		"regulations/README.md:1:1: warning: ignored: regulations are .yaml files",
		"regulations/eu/acme.yaml:1:1: regulations must sit directly in regulations/, not in a subfolder",
	}
	if diff := cmp.Diff(want, lines(diags)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestCheckKind(t *testing.T) {
	set, diags := regulation.Load(testutil.SiteFS(nationalNIS2), siteConfig(t, competentAuthority))
	if len(diags) > 0 {
		t.Fatal(lines(diags))
	}
	tests := []struct {
		kind   string
		listed []string
		want   string
	}{
		{"early-warning", []string{"nis2"}, ""},
		{"breach-notification", []string{"nis2", "gdpr"}, ""},
		{"early-warnig", []string{"nis2"}, `notification kind "early-warnig" is not one of early-warning, notification (the kinds of nis2); did you mean "early-warning"?`},
		// The site's nis2 has no final report: the built-in kind is gone.
		{"final-report", []string{"nis2"}, `notification kind "final-report" is not one of early-warning, notification (the kinds of nis2)`},
		{"breach-notification", []string{"nis2"}, "a breach-notification is a GDPR report, but regulation does not list gdpr; add it to regulation:"},
		{"breach-notificaton", []string{"nis2"}, `notification kind "breach-notificaton" is not one of early-warning, notification (the kinds of nis2); did you mean "breach-notification"?`},
		{"notice", nil, `notification kind "notice" is not one of breach-notification, data-subject-notice, dora-final-report, dora-initial-notification, dora-intermediate-report, early-warning, notification`},
	}
	for _, tc := range tests {
		if got := set.CheckKind(tc.kind, tc.listed); got != tc.want {
			t.Errorf("CheckKind(%q, %v) =\n%s\nwant\n%s", tc.kind, tc.listed, got, tc.want)
		}
	}
	if got, want := set.CheckName("nis"), `regulation "nis" is not one of dora, gdpr, nis2; did you mean "nis2"?`; got != want {
		t.Errorf("CheckName(nis) = %s, want %s", got, want)
	}
	if got, want := set.CheckName("hipaa"), `regulation "hipaa" is not one of dora, gdpr, nis2; or add regulations/hipaa.yaml`; got != want {
		t.Errorf("CheckName(hipaa) = %s, want %s", got, want)
	}
	if got := set.CheckName("gdpr"); got != "" {
		t.Errorf("CheckName(gdpr) = %s", got)
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in   string
		want string // String() of the result, or the error
	}{
		{"24h", "24h"},
		{"72h", "72h"},
		{"1h30m", "1h30m0s"},
		{"3d", "72h"},
		{"1 month", "1 month"},
		{"3 months", "3 months"},
		{"1 months", "1 month"},
		{"Without  undue delay", "without undue delay"},
		{"as requested", "as requested"},
		{"2 month", `"2 month" is not a period; write a whole number of months from 1 to 120, as in 1 month or 3 months`},
		{"0 months", `"0 months" is not a period; write a whole number of months from 1 to 120, as in 1 month or 3 months`},
		{"121 months", `"121 months" is not a period; write a whole number of months from 1 to 120, as in 1 month or 3 months`},
		{"24 hours", `"24 hours" is not a period; write 24h, 72h, 1 month, without undue delay or as requested`},
		{"-1h", `"-1h" is not a period; write 24h, 72h, 1 month, without undue delay or as requested`},
		{"", `"" is not a period; write 24h, 72h, 1 month, without undue delay or as requested`},
	}
	for _, tc := range tests {
		p, err := regulation.ParsePeriod(tc.in)
		got := p.String()
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("ParsePeriod(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestPeriodDeadline: hours are absolute, months follow Regulation
// 1182/71 art. 3 in the site's time zone.
func TestPeriodDeadline(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name   string
		period string
		start  string
		want   string
	}{
		{"hours through a weekend", "72h", "2025-02-14T17:00:00+01:00", "2025-02-17T17:00:00+01:00"},
		{"hours across the start of summer time", "24h", "2025-03-29T10:00:00+01:00", "2025-03-30T11:00:00+02:00"},
		{"hours across the end of summer time", "24h", "2025-10-25T10:00:00+02:00", "2025-10-26T09:00:00+01:00"},
		{"a month ends when the same date expires", "1 month", "2025-01-15T14:00:00+01:00", "2025-02-16T00:00:00+01:00"},
		{"31 January + 1 month is the end of February", "1 month", "2025-01-31T14:00:00+01:00", "2025-03-01T00:00:00+01:00"},
		{"in a leap year, the end of 29 February", "1 month", "2024-01-31T09:00:00+01:00", "2024-03-01T00:00:00+01:00"},
		{"30 January + 1 month", "1 month", "2025-01-30T09:00:00+01:00", "2025-03-01T00:00:00+01:00"},
		{"31 March + 1 month is the end of 30 April", "1 month", "2025-03-31T09:00:00+02:00", "2025-05-01T00:00:00+02:00"},
		{"a month across the start of summer time", "1 month", "2025-03-10T09:00:00+01:00", "2025-04-11T00:00:00+02:00"},
		{"the date is the site's", "1 month", "2025-01-31T23:30:00Z", "2025-03-02T00:00:00+01:00"},
		{"31 December + 2 months", "2 months", "2024-12-31T12:00:00+01:00", "2025-03-01T00:00:00+01:00"},
		{"without undue delay is at once", "without undue delay", "2025-01-31T14:00:00+01:00", "2025-01-31T14:00:00+01:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := regulation.ParsePeriod(tc.period)
			if err != nil {
				t.Fatal(err)
			}
			got := p.Deadline(at(tc.start), brussels)
			if want := at(tc.want); !got.Equal(want) {
				t.Errorf("%s after %s = %s, want %s", tc.period, tc.start, got.In(brussels).Format(time.RFC3339), tc.want)
			}
		})
	}
}

// TestKindsAreUnique: every kind of the built-ins records one stage.
func TestKindsAreUnique(t *testing.T) {
	set, _ := regulation.Load(testutil.SiteFS(""), siteConfig(t, ""))
	var all []string
	for _, r := range set.Regulations() {
		all = append(all, r.Kinds()...)
	}
	if got := set.Kinds(); len(got) != len(all) || !slices.IsSorted(got) {
		t.Errorf("Kinds() = %v; the regulations declare %v", got, all)
	}
	for _, k := range all {
		if r, s := set.ByKind(k); r == nil || !slices.Contains(s.Kinds, k) {
			t.Errorf("ByKind(%q) = %v, %v", k, r, s)
		}
	}
}

func TestRegulationChecks(t *testing.T) {
	set, _ := regulation.Load(testutil.SiteFS(""), siteConfig(t, ""))
	nis2, gdpr := set.Get("nis2"), set.Get("gdpr")
	tests := []struct{ got, want string }{
		{nis2.CheckStage("intermediate"), ""},
		{nis2.CheckStage("intermediat"), `nis2 stage "intermediat" is not one of early-warning, notification, intermediate, final, progress; did you mean "intermediate"?`},
		{nis2.CheckCriterion("service-unavailable"), ""},
		{nis2.CheckCriterion("death"), ""},
		{nis2.CheckCriterion("deaths"), `nis2 criterion "deaths" is not one of severe-disruption, damage-to-others, financial-loss, trade-secrets, death, health, malicious-access, recurring, service-unavailable, service-limited, data-malicious, data-users; did you mean "death"?`},
		{gdpr.CheckCondition("high-risk"), ""},
		{nis2.CheckCondition("high-risk"), `nis2 condition "high-risk" is unknown: nis2 has no conditions`},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("case %d = %s, want %s", i, tc.got, tc.want)
		}
	}
}

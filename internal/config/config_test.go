package config_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/config"
	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/testutil"
)

// testutil.MinimalConfig, with its line numbers:
//
//	1 title: Test Status
//	2 base_url: https://status.example.org/
//	3 languages: [en, nl]
//	4 timezone: Europe/Brussels
//	5 groups:
//	6   - {id: apps, name: Applications}
//	7 services:
//	8   - {id: assetexplorer, name: AssetExplorer, group: apps}
//	9   - {id: website, name: Website}

// lines returns diagnostics as the lines a user reads, sorted.
func lines(l diag.List) []string {
	var out []string
	for _, d := range l.Dedupe() {
		out = append(out, d.String())
	}
	return out
}

// edit replaces old, which must occur exactly once in the minimal
// configuration, by new.
type edit struct{ old, new string }

func TestParse(t *testing.T) {
	for _, c := range []struct {
		name  string
		edits []edit
		want  []string
	}{
		{name: "minimal", want: nil},
		{
			name:  "unknown-key",
			edits: []edit{{"title: Test Status", "titel: Test Status"}},
			want: []string{
				"incidentsite.yaml:1:1: unknown key \"titel\"; did you mean \"title\"?",
			},
		},
		{
			name:  "unknown-key-no-suggestion",
			edits: []edit{{"timezone: Europe/Brussels", "timezone: Europe/Brussels\ntheme: dark"}},
			want: []string{
				"incidentsite.yaml:5:1: unknown key \"theme\"; the keys allowed here are base_url, channels, checks, description, feeds, groups, languages, limits, logbook_url, organisation, output, repository_url, roles, services, timezone, title, validation",
			},
		},
		{
			name:  "yaml-syntax-error",
			edits: []edit{{"title: Test Status", "title: Test: Status"}},
			want: []string{
				"incidentsite.yaml:1:1: YAML syntax error: mapping values are not allowed in this context; quote the value if it contains \": \", or check the indentation",
			},
		},
		{
			name:  "yaml-anchor",
			edits: []edit{{"languages: [en, nl]", "languages: &l [en, nl]"}},
			want: []string{
				"incidentsite.yaml:3:12: YAML anchor &l is not allowed; write the value out in full",
			},
		},
		{
			name:  "encoding",
			edits: []edit{{"title: Test Status", "title: Test\x00Status"}},
			want: []string{
				"incidentsite.yaml:1:12: control character U+0000 is not allowed; remove it",
			},
		},
		{
			name:  "title-missing",
			edits: []edit{{"title: Test Status\n", ""}},
			want: []string{
				"incidentsite.yaml:1:1: title is missing; add the name of the status page, as in title: Example Status",
			},
		},
		{
			name:  "title-per-language",
			edits: []edit{{"title: Test Status", "title: {en: Test Status, nl: Teststatus}"}},
			want:  nil,
		},
		{
			name:  "title-in-other-language",
			edits: []edit{{"title: Test Status", "title: {en: Test Status, fr: Statut}"}},
			want: []string{
				"incidentsite.yaml:1:26: language \"fr\" is not one of the site's languages (en, nl)",
			},
		},
		{
			name:  "base-url-missing",
			edits: []edit{{"base_url: https://status.example.org/\n", ""}},
			want: []string{
				"incidentsite.yaml:1:1: base_url is missing; add the address where the public site is published, as in base_url: https://status.example.org/",
			},
		},
		{
			name:  "base-url-not-absolute",
			edits: []edit{{"base_url: https://status.example.org/", "base_url: status.example.org"}},
			want: []string{
				"incidentsite.yaml:2:11: base_url \"status.example.org\" must be an absolute http or https address, as in https://status.example.org/",
			},
		},
		{
			name:  "base-url-not-http",
			edits: []edit{{"base_url: https://status.example.org/", "base_url: ftp://status.example.org/"}},
			want: []string{
				"incidentsite.yaml:2:11: base_url \"ftp://status.example.org/\" must be an absolute http or https address, as in https://status.example.org/",
			},
		},
		{
			name:  "base-url-with-query",
			edits: []edit{{"base_url: https://status.example.org/", "base_url: https://status.example.org/?lang=en"}},
			want: []string{
				"incidentsite.yaml:2:11: base_url \"https://status.example.org/?lang=en\" must not have a query or fragment",
			},
		},
		{
			name:  "base-url-with-password",
			edits: []edit{{"base_url: https://status.example.org/", "base_url: https://deploy:s3cret@status.example.org/"}},
			want: []string{
				"incidentsite.yaml:2:11: base_url \"https://deploy:s3cret@status.example.org/\" must not hold a user name or password",
			},
		},
		{
			name:  "base-url-without-slash",
			edits: []edit{{"base_url: https://status.example.org/", "base_url: https://example.org/status"}},
			want:  nil,
		},
		{
			name:  "logbook-url-bad",
			edits: []edit{{"timezone:", "logbook_url: logbook.example.org\ntimezone:"}},
			want: []string{
				"incidentsite.yaml:4:14: logbook_url \"logbook.example.org\" must be an absolute http or https address, as in https://status.example.org/",
			},
		},
		{
			name:  "repository-url-http",
			edits: []edit{{"timezone:", "repository_url: http://git.example.org/ops/status\ntimezone:"}},
			want: []string{
				"incidentsite.yaml:4:17: repository_url \"http://git.example.org/ops/status\" must be an https address, as in https://git.example.org/ops/status",
			},
		},
		{
			name:  "repository-url-relative",
			edits: []edit{{"timezone:", "repository_url: git.example.org/ops/status\ntimezone:"}},
			want: []string{
				"incidentsite.yaml:4:17: repository_url \"git.example.org/ops/status\" must be an absolute http or https address, as in https://status.example.org/",
			},
		},
		{
			name:  "repository-url-https",
			edits: []edit{{"timezone:", "repository_url: https://git.example.org/ops/status\ntimezone:"}},
			want:  nil,
		},
		{
			name:  "language-not-a-code",
			edits: []edit{{"languages: [en, nl]", "languages: [en, Dutch]"}},
			want: []string{
				"incidentsite.yaml:3:17: language \"Dutch\" is not a language code such as en, nl or fr-BE",
			},
		},
		{
			name:  "language-with-region",
			edits: []edit{{"languages: [en, nl]", "languages: [en, nl-BE]"}},
			want:  nil,
		},
		{
			name:  "language-twice",
			edits: []edit{{"languages: [en, nl]", "languages: [en, nl, en]"}},
			want: []string{
				"incidentsite.yaml:3:21: language \"en\" is listed twice",
			},
		},
		{
			name:  "languages-empty",
			edits: []edit{{"languages: [en, nl]", "languages: []"}},
			want: []string{
				"incidentsite.yaml:3:12: languages is empty; list at least one language code, as in [en]",
			},
		},
		{
			name:  "languages-written-as-text",
			edits: []edit{{"languages: [en, nl]", "languages: en"}},
			want: []string{
				"incidentsite.yaml:3:12: languages must be a list, not \"en\"; write [en]",
			},
		},
		{
			name:  "timezone-unknown",
			edits: []edit{{"timezone: Europe/Brussels", "timezone: Europe/Brussel"}},
			want: []string{
				"incidentsite.yaml:4:11: time zone \"Europe/Brussel\" is unknown; use an IANA name such as Europe/Brussels, or UTC",
			},
		},
		{
			name:  "timezone-local",
			edits: []edit{{"timezone: Europe/Brussels", "timezone: Local"}},
			want: []string{
				"incidentsite.yaml:4:11: time zone \"Local\" is unknown; use an IANA name such as Europe/Brussels, or UTC",
			},
		},
		{
			name:  "service-id-twice",
			edits: []edit{{"{id: website, name: Website}", "{id: assetexplorer, name: Website}"}},
			want: []string{
				"incidentsite.yaml:9:10: service id \"assetexplorer\" is declared twice",
			},
		},
		{
			name:  "service-id-missing",
			edits: []edit{{"{id: website, name: Website}", "{name: Website}"}},
			want: []string{
				"incidentsite.yaml:9:5: service has no id; add id:",
			},
		},
		{
			name:  "service-id-not-an-id",
			edits: []edit{{"{id: website, name: Website}", "{id: Web Site, name: Website}"}},
			want: []string{
				"incidentsite.yaml:9:10: service id \"Web Site\" must be lowercase letters a-z, digits and hyphens",
			},
		},
		{
			name:  "service-name-missing",
			edits: []edit{{"{id: website, name: Website}", "{id: website}"}},
			want: []string{
				"incidentsite.yaml:9:5: service \"website\" has no name; add name:",
			},
		},
		{
			name:  "service-group-unknown",
			edits: []edit{{"group: apps}", "group: app}"}},
			want: []string{
				"incidentsite.yaml:8:53: group \"app\" is not declared under groups; did you mean \"apps\"?",
			},
		},
		{
			name:  "service-group-unknown-no-suggestion",
			edits: []edit{{"group: apps}", "group: infrastructure}"}},
			want: []string{
				"incidentsite.yaml:8:53: group \"infrastructure\" is not declared under groups",
			},
		},
		{
			name:  "services-missing",
			edits: []edit{{"services:\n  - {id: assetexplorer, name: AssetExplorer, group: apps}\n  - {id: website, name: Website}\n", ""}},
			want: []string{
				"incidentsite.yaml:1:1: no services are declared; add the services customers see, as in services: [{id: website, name: Website}]",
			},
		},
		{
			name:  "group-id-twice",
			edits: []edit{{"  - {id: apps, name: Applications}", "  - {id: apps, name: Applications}\n  - {id: apps, name: Apps}"}},
			want: []string{
				"incidentsite.yaml:7:10: group id \"apps\" is declared twice",
			},
		},
		{
			name:  "group-name-missing",
			edits: []edit{{"{id: apps, name: Applications}", "{id: apps}"}},
			want: []string{
				"incidentsite.yaml:6:5: group \"apps\" has no name; add name:",
			},
		},
		{
			name:  "role-audience-missing",
			edits: []edit{{"services:", "roles:\n  - {id: hosting-partner, name: Hosting partner}\nservices:"}},
			want: []string{
				"incidentsite.yaml:8:5: role \"hosting-partner\" needs audience: internal (people of the organisation), external (parties the team works with) or customer (people at customers)",
			},
		},
		{
			name:  "role-audience-unknown",
			edits: []edit{{"services:", "roles:\n  - {id: hosting-partner, name: Hosting partner, audience: partner}\nservices:"}},
			want: []string{
				"incidentsite.yaml:8:60: role \"hosting-partner\" needs audience: internal (people of the organisation), external (parties the team works with) or customer (people at customers)",
			},
		},
		{
			name:  "role-id-twice",
			edits: []edit{{"services:", "roles:\n  - {id: hosting-partner, audience: external}\n  - {id: hosting-partner, audience: internal}\nservices:"}},
			want: []string{
				"incidentsite.yaml:9:10: role id \"hosting-partner\" is declared twice",
			},
		},
		{
			name:  "role-id-not-an-id",
			edits: []edit{{"services:", "roles:\n  - {id: Hosting, audience: external}\nservices:"}},
			want: []string{
				"incidentsite.yaml:8:10: role id \"Hosting\" must be lowercase letters a-z, digits and hyphens",
			},
		},
		{
			name:  "channel-audience-unknown",
			edits: []edit{{"services:", "channels:\n  - {id: pager, audience: oncall}\nservices:"}},
			want: []string{
				"incidentsite.yaml:8:27: channel audience \"oncall\" is not one of internal, external, both",
			},
		},
		{
			name:  "channel-id-twice",
			edits: []edit{{"services:", "channels:\n  - {id: pager, audience: internal}\n  - {id: pager}\nservices:"}},
			want: []string{
				"incidentsite.yaml:9:10: channel id \"pager\" is declared twice",
			},
		},
		{
			name:  "output-the-site-itself",
			edits: []edit{{"services:", "output: {public: .}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:18: output.public \".\" is the site's own folder; the build replaces its output folder whole, so name a folder of its own, such as public",
			},
		},
		{
			name:  "output-content",
			edits: []edit{{"services:", "output: {public: content}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:18: output.public \"content\" is the site's content folder; the build replaces its output folder whole, so name a folder of its own, such as public",
			},
		},
		{
			name:  "output-inside-content",
			edits: []edit{{"services:", "output: {logbook: content/logbook}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:19: output.logbook \"content/logbook\" lies inside the site's content folder; the build replaces its output folder whole, so name a folder of its own, such as logbook",
			},
		},
		{
			name:  "output-holding-templates",
			edits: []edit{{"services:", "output: {public: ./site/..}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:18: output.public \"./site/..\" is the site's own folder; the build replaces its output folder whole, so name a folder of its own, such as public",
			},
		},
		{
			name:  "output-parent",
			edits: []edit{{"services:", "output: {public: ..}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:18: output.public \"..\" lies outside the site's folder; the build writes only inside the site, so name a folder in it, such as public",
			},
		},
		{
			name:  "output-beside-the-site",
			edits: []edit{{"services:", "output: {public: public/../../www}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:18: output.public \"public/../../www\" lies outside the site's folder; the build writes only inside the site, so name a folder in it, such as public",
			},
		},
		{
			name:  "output-absolute",
			edits: []edit{{"services:", "output: {public: /srv/www}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:18: output.public \"/srv/www\" is an absolute path; name the folder relative to the site's folder, such as public",
			},
		},
		{
			name:  "output-git-in-another-case",
			edits: []edit{{"services:", "output: {public: .GIT/pages}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:18: output.public \".GIT/pages\" lies inside the site's .git folder; the build replaces its output folder whole, so name a folder of its own, such as public",
			},
		},
		{
			name:  "output-the-configuration",
			edits: []edit{{"services:", "output: {public: incidentsite.yaml}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:18: output.public \"incidentsite.yaml\" is the site's incidentsite.yaml file; the build replaces its output folder whole, so name a folder of its own, such as public",
			},
		},
		{
			name:  "output-logbook-inside-public",
			edits: []edit{{"services:", "output: {public: public, logbook: public/logbook}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:35: output.logbook \"public/logbook\" must not be inside output.public \"public\" or contain it: the logbook is internal",
			},
		},
		{
			name:  "output-public-inside-logbook",
			edits: []edit{{"services:", "output: {public: build/public, logbook: build}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:41: output.logbook \"build\" must not be inside output.public \"build/public\" or contain it: the logbook is internal",
			},
		},
		{
			name:  "output-the-same",
			edits: []edit{{"services:", "output: {public: out, logbook: out/}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:32: output.logbook \"out/\" must not be inside output.public \"out\" or contain it: the logbook is internal",
			},
		},
		{
			name:  "output-side-by-side",
			edits: []edit{{"services:", "output: {public: build/public, logbook: build/logbook}\nservices:"}},
			want:  nil,
		},
		{
			name:  "output-prefix-is-not-inside",
			edits: []edit{{"services:", "output: {public: public, logbook: public-internal}\nservices:"}},
			want:  nil,
		},
		{
			name:  "limits-sizes-with-units",
			edits: []edit{{"services:", "limits: {max_file_size: 512KiB, max_files: 1000, max_yaml_depth: 8, max_updates: 50}\nservices:"}},
			want:  nil,
		},
		{
			name:  "limits-size-not-a-size",
			edits: []edit{{"services:", "limits: {max_file_size: big}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:25: max_file_size must be a size such as 1MiB or 512KiB, not \"big\"",
			},
		},
		{
			name:  "limits-size-zero",
			edits: []edit{{"services:", "limits: {max_file_size: 0}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:25: max_file_size must be a size such as 1MiB or 512KiB, not \"0\"",
			},
		},
		{
			name:  "limits-negative",
			edits: []edit{{"services:", "limits: {max_files: -1}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:21: limits.max_files must be positive",
			},
		},
		{
			name:  "limits-not-a-number",
			edits: []edit{{"services:", "limits: {max_updates: ten}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:23: max_updates must be a whole number, not \"ten\"",
			},
		},
		{
			name:  "limits-depth-too-large",
			edits: []edit{{"services:", "limits: {max_yaml_depth: 65}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:26: limits.max_yaml_depth may be at most 64",
			},
		},
		{
			name:  "limits-depth-too-small",
			edits: []edit{{"services:", "limits: {max_yaml_depth: 3}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:26: limits.max_yaml_depth must be at least 4: contact lists and templates nest that deep",
			},
		},
		{
			name:  "checks-negative",
			edits: []edit{{"services:", "checks: {contacts_review_months: -1, exercise_months: -6}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:34: checks.contacts_review_months must be positive",
				"incidentsite.yaml:7:55: checks.exercise_months must be positive",
			},
		},
		{
			name:  "checks-months-not-a-number",
			edits: []edit{{"services:", "checks: {exercise_months: twelve}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:27: exercise_months must be a whole number, not \"twelve\"",
			},
		},
		{
			name:  "description-in-other-language",
			edits: []edit{{"services:", "description: {en: Status, de: Zustand}\nservices:"}},
			want: []string{
				"incidentsite.yaml:7:27: language \"de\" is not one of the site's languages (en, nl)",
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := testutil.MinimalConfig
			for _, e := range c.edits {
				if n := strings.Count(src, e.old); n != 1 {
					t.Fatalf("edit: %q occurs %d times, want once", e.old, n)
				}
				src = strings.Replace(src, e.old, e.new, 1)
			}
			_, diags := config.Parse([]byte(src))
			got := lines(diags)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("diagnostics differ (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	for _, c := range []struct {
		name string
		fsys fstest.MapFS
		want []string
	}{
		{
			name: "valid",
			fsys: fstest.MapFS{config.File: {Data: []byte(testutil.MinimalConfig)}},
			want: nil,
		},
		{
			name: "missing",
			fsys: fstest.MapFS{"README.md": {Data: []byte("# Not a site")}},
			want: []string{
				`incidentsite.yaml:1:1: no incidentsite.yaml here: this is not an incidentsite site; run "incidentsite init" to start one, or point -s at one`,
			},
		},
		{
			name: "a-folder",
			fsys: fstest.MapFS{config.File + "/x": {Data: []byte("x")}},
			want: []string{"incidentsite.yaml:1:1: incidentsite.yaml must be a regular file"},
		},
		{
			name: "a-symbolic-link",
			fsys: fstest.MapFS{
				config.File:            {Data: []byte("other/incidentsite.yaml"), Mode: fs.ModeSymlink},
				"other/" + config.File: {Data: []byte(testutil.MinimalConfig)},
			},
			want: []string{"incidentsite.yaml:1:1: is a symbolic link; site files must be real files in the repository, so replace the link with the file or folder it points to"},
		},
		{
			name: "too-large",
			fsys: fstest.MapFS{config.File: {Data: []byte(testutil.MinimalConfig + "# " + strings.Repeat("x", 1<<20) + "\n")}},
			want: []string{"incidentsite.yaml:1:1: incidentsite.yaml is larger than 1 MiB"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, diags := config.Load(c.fsys)
			if diff := cmp.Diff(c.want, lines(diags)); diff != "" {
				t.Errorf("diagnostics differ (-want +got):\n%s", diff)
			}
			if (cfg != nil) != (c.want == nil) {
				t.Errorf("Load returned config %v with diagnostics %v", cfg != nil, c.want)
			}
		})
	}
}

// TestDefaults checks what a site may leave out.
func TestDefaults(t *testing.T) {
	cfg, diags := config.Parse([]byte("title: T\nbase_url: https://example.org/status\nservices: [{id: web, name: Web}]\n"))
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", lines(diags))
	}
	got := fmt.Sprintf("base_url=%s languages=%v timezone=%s location=%s output=%+v limits=%+v checks=%+v",
		cfg.BaseURL, cfg.Languages, cfg.TimeZone, cfg.Location, cfg.Output, cfg.Limits, cfg.Checks)
	want := "base_url=https://example.org/status/ languages=[en] timezone=UTC location=UTC output={Public:public Logbook:logbook} " +
		"limits={MaxFileSize:1 MiB MaxFiles:200000 MaxDepth:12 MaxUpdates:500} checks={ContactsReviewMonths:12 ExerciseMonths:12}"
	if got != want {
		t.Errorf("defaults:\n got %s\nwant %s", got, want)
	}
	if cfg.Role("dpo") == nil || cfg.Role("dpo").Audience != config.Internal {
		t.Errorf("built-in role dpo = %+v, want an internal role", cfg.Role("dpo"))
	}
	if cfg.Channel("status-page") == nil || cfg.Channel("chat").Audience != config.Internal {
		t.Errorf("built-in channels status-page = %+v, chat = %+v", cfg.Channel("status-page"), cfg.Channel("chat"))
	}
}

// TestSiteRolesAndChannels checks that a site's roles and channels join
// the built-in ones, and that a role the site declares again replaces the
// built-in one.
func TestSiteRolesAndChannels(t *testing.T) {
	cfg, diags := config.Parse([]byte(testutil.MinimalConfig + `roles:
  - {id: hosting-partner, name: Hosting partner, audience: external}
  - {id: dpo, name: DPO office, audience: external}
channels:
  - {id: pager}
`))
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", lines(diags))
	}
	if r := cfg.Role("hosting-partner"); r == nil || r.Audience != config.External {
		t.Errorf("role hosting-partner = %+v", r)
	}
	if r := cfg.Role("dpo"); r == nil || r.Audience != config.External {
		t.Errorf("role dpo = %+v, want the site's", r)
	}
	if ch := cfg.Channel("pager"); ch == nil || ch.Audience != "both" {
		t.Errorf("channel pager = %+v, want audience both", ch)
	}
}

func TestSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want config.Size
	}{
		{"1024", 1024}, {"512KiB", 512 << 10}, {"512 kib", 512 << 10}, {"2MiB", 2 << 20}, {"1M", 1 << 20},
		{"2MB", 2_000_000}, {"1GiB", 1 << 30}, {"300b", 300},
	} {
		cfg, diags := config.Parse([]byte(testutil.MinimalConfig + "limits: {max_file_size: " + c.in + "}\n"))
		if len(diags) > 0 {
			t.Errorf("%s: %v", c.in, lines(diags))
			continue
		}
		if cfg.Limits.MaxFileSize != c.want {
			t.Errorf("%s = %d, want %d", c.in, cfg.Limits.MaxFileSize, c.want)
		}
	}
	for _, c := range []struct {
		in   config.Size
		want string
	}{{1 << 20, "1 MiB"}, {512 << 10, "512 KiB"}, {1000, "1000 bytes"}, {1536 << 10, "1536 KiB"}} {
		if got := c.in.String(); got != c.want {
			t.Errorf("Size(%d).String() = %q, want %q", int64(c.in), got, c.want)
		}
	}
}

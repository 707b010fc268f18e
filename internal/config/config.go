// Package config reads and checks incidentsite.yaml: the site's title and
// addresses, languages, time zone, services and their groups, roles and
// channels beyond the built-in ones, output folders and limits.
package config

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	// The time zone database comes with the binary, so that timezone:
	// reads the same on every machine, and in every test.
	_ "time/tzdata"

	"github.com/incidentsite/incidentsite/internal/diag"
	"github.com/incidentsite/incidentsite/internal/ident"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/output"
	"github.com/incidentsite/incidentsite/internal/source"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

// File is the name of the configuration file at a site's root.
const File = "incidentsite.yaml"

// Config is a site's configuration, defaults filled in.
type Config struct {
	Title       l10n.Text `yaml:"title"`
	Description l10n.Text `yaml:"description"`
	// Organisation is who runs the services, as customers know it.
	Organisation string `yaml:"organisation"`
	BaseURL      string `yaml:"base_url"`
	LogbookURL   string `yaml:"logbook_url"`
	// RepositoryURL is the web address of the site's git repository
	// (https only); the logbook links each commit of its audit trail to
	// RepositoryURL + "commit/" + hash, as GitHub, GitLab, Gitea and
	// Forgejo serve it. Empty: no links.
	RepositoryURL string     `yaml:"repository_url"`
	Languages     []string   `yaml:"languages"`
	TimeZone      string     `yaml:"timezone"`
	Groups        []Group    `yaml:"groups"`
	Services      []Service  `yaml:"services"`
	Roles         []Role     `yaml:"roles"`
	Channels      []Channel  `yaml:"channels"`
	Output        Output     `yaml:"output"`
	Feeds         Feeds      `yaml:"feeds"`
	Limits        Limits     `yaml:"limits"`
	Checks        Checks     `yaml:"checks"`
	Validation    Validation `yaml:"validation"`

	// Location is TimeZone loaded.
	Location *time.Location `yaml:"-"`
	// Pos tells where each key of the file stands.
	Pos *yamlx.Positions `yaml:"-"`

	services map[string]*Service
	groups   map[string]*Group
	roles    map[string]*Role
	channels map[string]*Channel
}

// Group is a heading under which services are shown.
type Group struct {
	ID          string    `yaml:"id"`
	Name        l10n.Text `yaml:"name"`
	Description l10n.Text `yaml:"description"`
}

// Service is a component whose status the site shows.
type Service struct {
	ID          string    `yaml:"id"`
	Name        l10n.Text `yaml:"name"`
	Group       string    `yaml:"group"`
	Description l10n.Text `yaml:"description"`
}

// Role is an audience of communication: people who hold it inside the
// organisation (audience internal, listed in contact lists) or at
// customers (audience external).
type Role struct {
	ID          string    `yaml:"id"`
	Name        l10n.Text `yaml:"name"`
	Audience    string    `yaml:"audience"`
	Description l10n.Text `yaml:"description"`
}

// Channel is a way of communicating.
type Channel struct {
	ID   string    `yaml:"id"`
	Name l10n.Text `yaml:"name"`
	// Audience is internal, external or both.
	Audience string `yaml:"audience"`
}

// Output names the folders the build writes.
type Output struct {
	Public  string `yaml:"public"`
	Logbook string `yaml:"logbook"`
}

// Feeds tunes the public feeds.
type Feeds struct {
	// Entries is how many of the latest updates each feed holds.
	Entries int `yaml:"entries"`
}

// Limits bounds what the loader accepts, so that a mistaken or hostile
// file cannot exhaust the machine.
type Limits struct {
	MaxFileSize Size `yaml:"max_file_size"`
	MaxFiles    int  `yaml:"max_files"`
	MaxDepth    int  `yaml:"max_yaml_depth"`
	MaxUpdates  int  `yaml:"max_updates"`
}

// Checks tunes the warnings.
type Checks struct {
	// ContactsReviewMonths is how old a contact list's review may grow.
	ContactsReviewMonths int `yaml:"contacts_review_months"`
	// ExerciseMonths is how long the site may go without an exercise.
	ExerciseMonths int `yaml:"exercise_months"`
}

// Validation tunes how severe validation is.
type Validation struct {
	// Strict makes what is still to be written (sections, fields and RCAs
	// required from a moment the record's own text has reached) an error
	// instead of a warning. Requirements that the clock brings on (an
	// exercise whose date passed) stay warnings even then: a repository
	// that validated yesterday validates today.
	Strict bool `yaml:"strict"`
}

// DefaultFeedEntries is how many updates a feed holds by default.
const DefaultFeedEntries = 50

// Defaults for the keys a site may leave out.
var (
	DefaultLanguages = []string{"en"}
	DefaultLimits    = Limits{MaxFileSize: 1 << 20, MaxFiles: 200_000, MaxDepth: yamlx.DefaultMaxDepth, MaxUpdates: 500}
	DefaultChecks    = Checks{ContactsReviewMonths: 12, ExerciseMonths: 12}
)

var langRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z]{2})?$`)

// Load reads incidentsite.yaml from fsys and checks it.
func Load(fsys fs.FS) (*Config, diag.List) {
	pos := diag.Position{File: File, Line: 1, Col: 1}
	var diags diag.List
	// Lstat, not Stat: a symbolic link must be refused, not followed out
	// of the repository.
	st, err := fs.Lstat(fsys, File)
	if err != nil {
		diags.Errorf(pos, "config", "no %s here: this is not an incidentsite site; run \"incidentsite init\" to start one, or point -s at one", File)
		return nil, diags
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		diags = append(diags, source.Refusal(File, source.ErrLink))
		return nil, diags
	}
	if !st.Mode().IsRegular() {
		diags.Errorf(pos, "irregular-file", "%s must be a regular file", File)
		return nil, diags
	}
	if st.Size() > int64(DefaultLimits.MaxFileSize) {
		diags.Errorf(pos, "file-size", "%s is larger than %s", File, DefaultLimits.MaxFileSize)
		return nil, diags
	}
	data, err := source.ReadFile(fsys, source.File{Path: File, Size: st.Size()}, int64(DefaultLimits.MaxFileSize))
	if err != nil {
		diags.Errorf(pos, "read", "cannot read %s: %v", File, err)
		return nil, diags
	}
	return Parse(data)
}

// Parse checks data as the contents of incidentsite.yaml.
func Parse(data []byte) (*Config, diag.List) {
	diags := source.CheckText(File, data)
	if diags.HasErrors() {
		return nil, diags
	}
	node, d := yamlx.Parse(File, data, 0, yamlx.DefaultMaxDepth)
	diags.Append(d)
	if d.HasErrors() {
		return nil, diags
	}
	c := &Config{}
	c.Location = time.UTC
	dec := &yamlx.Decoder{File: File}
	pos, d := dec.Decode(node, c)
	diags.Append(d)
	c.Pos = pos
	diags.Append(c.check())
	return c, diags
}

func (c *Config) check() diag.List {
	var diags diag.List
	p := c.Pos
	if c.Title.IsZero() {
		diags.Errorf(p.Key("title"), "required", "title is missing; add the name of the status page, as in title: Example Status")
	}
	if c.BaseURL == "" {
		diags.Errorf(p.Key("base_url"), "required", "base_url is missing; add the address where the public site is published, as in base_url: https://status.example.org/")
	} else if msg := checkURL(c.BaseURL); msg != "" {
		diags.Errorf(p.Value("base_url"), "url", "base_url %s", msg)
	} else if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if c.LogbookURL != "" {
		if msg := checkURL(c.LogbookURL); msg != "" {
			diags.Errorf(p.Value("logbook_url"), "url", "logbook_url %s", msg)
		} else if !strings.HasSuffix(c.LogbookURL, "/") {
			c.LogbookURL += "/"
		}
	}
	if c.RepositoryURL != "" {
		if msg := checkRepositoryURL(c.RepositoryURL); msg != "" {
			diags.Errorf(p.Value("repository_url"), "url", "repository_url %s", msg)
		} else if !strings.HasSuffix(c.RepositoryURL, "/") {
			c.RepositoryURL += "/"
		}
	}

	if c.Languages == nil {
		c.Languages = DefaultLanguages
	}
	if len(c.Languages) == 0 {
		diags.Errorf(p.Value("languages"), "required", "languages is empty; list at least one language code, as in [en]")
		c.Languages = DefaultLanguages
	}
	seenLang := map[string]bool{}
	for i, l := range c.Languages {
		at := p.Value(yamlx.Join("languages", i))
		switch {
		case !langRE.MatchString(l):
			diags.Errorf(at, "language", "language %q is not a language code such as en, nl or fr-BE", l)
		case seenLang[l]:
			diags.Errorf(at, "duplicate-id", "language %q is listed twice", l)
		}
		seenLang[l] = true
	}
	diags.Append(c.checkText("title", c.Title))
	diags.Append(c.checkText("description", c.Description))

	if c.TimeZone == "" {
		c.TimeZone = "UTC"
	}
	if loc, err := time.LoadLocation(c.TimeZone); err != nil || strings.EqualFold(c.TimeZone, "local") {
		diags.Errorf(p.Value("timezone"), "timezone", "time zone %q is unknown; use an IANA name such as Europe/Brussels, or UTC", c.TimeZone)
	} else {
		c.Location = loc
	}

	c.groups = map[string]*Group{}
	for i := range c.Groups {
		g := &c.Groups[i]
		base := yamlx.Join("groups", i)
		diags.Append(checkID(p, base, "group", g.ID, c.groups[g.ID] != nil))
		if g.Name.IsZero() {
			diags.Errorf(p.Key(base), "required", "group %q has no name; add name:", g.ID)
		}
		diags.Append(c.checkText(base+".name", g.Name))
		c.groups[g.ID] = g
	}
	groupIDs := mapKeys(c.groups)
	c.services = map[string]*Service{}
	for i := range c.Services {
		s := &c.Services[i]
		base := yamlx.Join("services", i)
		diags.Append(checkID(p, base, "service", s.ID, c.services[s.ID] != nil))
		if s.Name.IsZero() {
			diags.Errorf(p.Key(base), "required", "service %q has no name; add name:", s.ID)
		}
		diags.Append(c.checkText(base+".name", s.Name))
		if s.Group != "" && c.groups[s.Group] == nil {
			diags.Errorf(p.Value(base+".group"), "unknown-group", "group %q is not declared under groups%s", s.Group, diag.DidYouMean(s.Group, groupIDs))
		}
		c.services[s.ID] = s
	}
	if len(c.Services) == 0 {
		diags.Errorf(p.Key("services"), "required", "no services are declared; add the services customers see, as in services: [{id: website, name: Website}]")
	}

	c.roles = map[string]*Role{}
	for i := range builtinRoles {
		r := builtinRoles[i]
		c.roles[r.ID] = &r
	}
	siteRoles := map[string]bool{}
	for i := range c.Roles {
		r := &c.Roles[i]
		base := yamlx.Join("roles", i)
		diags.Append(checkID(p, base, "role", r.ID, siteRoles[r.ID]))
		siteRoles[r.ID] = true
		if r.Audience != Internal && r.Audience != External && r.Audience != Customer {
			diags.Errorf(p.Value(base+".audience"), "enum", "role %q needs audience: internal (people of the organisation), external (parties the team works with) or customer (people at customers)", r.ID)
		}
		c.roles[r.ID] = r
	}
	c.channels = map[string]*Channel{}
	for i := range builtinChannels {
		ch := builtinChannels[i]
		c.channels[ch.ID] = &ch
	}
	siteChannels := map[string]bool{}
	for i := range c.Channels {
		ch := &c.Channels[i]
		base := yamlx.Join("channels", i)
		diags.Append(checkID(p, base, "channel", ch.ID, siteChannels[ch.ID]))
		siteChannels[ch.ID] = true
		if ch.Audience == "" {
			ch.Audience = "both"
		}
		if !slices.Contains([]string{"internal", "external", "both"}, ch.Audience) {
			diags.Errorf(p.Value(base+".audience"), "enum", "channel audience %q is not one of internal, external, both", ch.Audience)
		}
		c.channels[ch.ID] = ch
	}

	if c.Output.Public == "" {
		c.Output.Public = "public"
	}
	if c.Output.Logbook == "" {
		c.Output.Logbook = "logbook"
	}
	diags.Append(c.checkOutput())

	if c.Feeds.Entries == 0 {
		c.Feeds.Entries = DefaultFeedEntries
	} else if c.Feeds.Entries < 1 || c.Feeds.Entries > 10_000 {
		diags.Errorf(p.Value("feeds.entries"), "limits", "feeds.entries must be between 1 and 10000")
		c.Feeds.Entries = DefaultFeedEntries
	}
	if c.Limits.MaxFileSize == 0 {
		c.Limits.MaxFileSize = DefaultLimits.MaxFileSize
	}
	if c.Limits.MaxFiles == 0 {
		c.Limits.MaxFiles = DefaultLimits.MaxFiles
	}
	if c.Limits.MaxDepth == 0 {
		c.Limits.MaxDepth = DefaultLimits.MaxDepth
	}
	if c.Limits.MaxUpdates == 0 {
		c.Limits.MaxUpdates = DefaultLimits.MaxUpdates
	}
	for _, k := range []struct {
		key string
		v   int64
	}{{"max_file_size", int64(c.Limits.MaxFileSize)}, {"max_files", int64(c.Limits.MaxFiles)}, {"max_yaml_depth", int64(c.Limits.MaxDepth)}, {"max_updates", int64(c.Limits.MaxUpdates)}} {
		if k.v < 0 {
			diags.Errorf(p.Value("limits."+k.key), "limits", "limits.%s must be positive", k.key)
		}
	}
	switch {
	case c.Limits.MaxDepth > 64:
		diags.Errorf(p.Value("limits.max_yaml_depth"), "limits", "limits.max_yaml_depth may be at most 64")
	case c.Limits.MaxDepth > 0 && c.Limits.MaxDepth < 4:
		// A contact's roles and a template's sections sit four levels deep.
		diags.Errorf(p.Value("limits.max_yaml_depth"), "limits", "limits.max_yaml_depth must be at least 4: contact lists and templates nest that deep")
	}
	for _, k := range []struct {
		key string
		v   int
	}{{"contacts_review_months", c.Checks.ContactsReviewMonths}, {"exercise_months", c.Checks.ExerciseMonths}} {
		if k.v < 0 {
			diags.Errorf(p.Value("checks."+k.key), "limits", "checks.%s must be positive", k.key)
		}
	}
	if c.Checks.ContactsReviewMonths <= 0 {
		c.Checks.ContactsReviewMonths = DefaultChecks.ContactsReviewMonths
	}
	if c.Checks.ExerciseMonths <= 0 {
		c.Checks.ExerciseMonths = DefaultChecks.ExerciseMonths
	}
	return diags
}

// checkOutput keeps the output folders inside the site, apart from its
// sources and from each other: the build replaces them whole. The rule is
// output.CheckName's, the one build applies to -o too.
func (c *Config) checkOutput() diag.List {
	var diags diag.List
	clean := func(key, v string) string {
		if err := output.CheckName(v, key); err != nil {
			diags.Errorf(c.Pos.Value("output."+key), "output", "output.%s %q %v", key, v, err)
		}
		return path.Clean(filepath.ToSlash(v))
	}
	pub, log := clean("public", c.Output.Public), clean("logbook", c.Output.Logbook)
	if pub == log || strings.HasPrefix(log+"/", pub+"/") || strings.HasPrefix(pub+"/", log+"/") {
		diags.Errorf(c.Pos.Value("output.logbook"), "output", "output.logbook %q must not be inside output.public %q or contain it: the logbook is internal", c.Output.Logbook, c.Output.Public)
	}
	return diags
}

func (c *Config) checkText(path string, t l10n.Text) diag.List {
	var diags diag.List
	for _, code := range t.Codes() {
		if code != "" && !slices.Contains(c.Languages, code) {
			diags.Errorf(c.Pos.Key(yamlx.Join(path, code)), "language", "language %q is not one of the site's languages (%s)", code, strings.Join(c.Languages, ", "))
		}
	}
	return diags
}

func checkID(p *yamlx.Positions, base, kind, id string, dup bool) diag.List {
	var diags diag.List
	switch {
	case id == "":
		diags.Errorf(p.Key(base), "required", "%s has no id; add id:", kind)
	case !ident.Valid(id):
		diags.Errorf(p.Value(base+".id"), "id", "%s id %q must be %s", kind, id, ident.Rule)
	case dup:
		diags.Errorf(p.Value(base+".id"), "duplicate-id", "%s id %q is declared twice", kind, id)
	}
	return diags
}

func checkURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Sprintf("%q must be an absolute http or https address, as in https://status.example.org/", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Sprintf("%q must not have a query or fragment", s)
	}
	if u.User != nil {
		// Every page and feed would publish it.
		return fmt.Sprintf("%q must not hold a user name or password", s)
	}
	return ""
}

// checkRepositoryURL is checkURL, https only: the logbook's commit links
// lead an auditor to the record's history, which must not be open to
// tampering on the way.
func checkRepositoryURL(s string) string {
	if msg := checkURL(s); msg != "" {
		return msg
	}
	if u, _ := url.Parse(s); u.Scheme != "https" {
		return fmt.Sprintf("%q must be an https address, as in https://git.example.org/ops/status", s)
	}
	return ""
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// DefaultLanguage is the first configured language.
func (c *Config) DefaultLanguage() string { return c.Languages[0] }

// Service returns the service with id, or nil.
func (c *Config) Service(id string) *Service { return c.services[id] }

// ServiceIDs returns the ids of all services, sorted.
func (c *Config) ServiceIDs() []string { return mapKeys(c.services) }

// Group returns the group with id, or nil.
func (c *Config) Group(id string) *Group { return c.groups[id] }

// Role returns the role with id (built in or the site's), or nil.
func (c *Config) Role(id string) *Role { return c.roles[id] }

// RoleIDs returns the ids of all roles, sorted.
func (c *Config) RoleIDs() []string { return mapKeys(c.roles) }

// Channel returns the channel with id (built in or the site's), or nil.
func (c *Config) Channel(id string) *Channel { return c.channels[id] }

// ChannelIDs returns the ids of all channels, sorted.
func (c *Config) ChannelIDs() []string { return mapKeys(c.channels) }

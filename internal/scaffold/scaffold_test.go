package scaffold_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/incidentsite/incidentsite/internal/scaffold"
)

// TestSite checks what a new site takes from its options: the base
// address ends with "/", and the contact lists are reviewed on the day
// of the command in the site's time zone.
func TestSite(t *testing.T) {
	files, err := scaffold.Site(scaffold.SiteOptions{Title: "Status", BaseURL: "https://example.org/status", TimeZone: "Pacific/Auckland",
		Now: time.Date(2025, 6, 11, 22, 30, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if cfg := string(files["incidentsite.yaml"]); !strings.Contains(cfg, "\nbase_url: https://example.org/status/\n") {
		t.Errorf("incidentsite.yaml lacks the base address with its final /:\n%s", cfg)
	}
	if list := string(files["content/contacts/internal.md"]); !strings.Contains(list, "\nreviewed: 2025-06-12\n") {
		t.Errorf("the contact list is not reviewed on 12 June, the day in Auckland:\n%s", list)
	}
}

// TestSiteErrors checks that options that cannot make a valid site are
// refused with an *OptionError that names the flag.
func TestSiteErrors(t *testing.T) {
	ok := scaffold.SiteOptions{Title: "Status", Organisation: "Example", BaseURL: "https://status.example.org/", TimeZone: "UTC"}
	for _, tc := range []struct {
		name string
		edit func(o *scaffold.SiteOptions)
		want string
	}{
		{"no title", func(o *scaffold.SiteOptions) { o.Title = "" },
			`--title is required: the status page's title, as in --title "Example Status"`},
		{"bidi control", func(o *scaffold.SiteOptions) { o.Organisation = "Acme \u202eevil" },
			"--organisation holds the character U+202E, which the configuration may not hold (a line break, a control or an invisible bidirectional control); write it on one line without it"},
		{"tab", func(o *scaffold.SiteOptions) { o.Title = "a\tb" },
			"--title holds the character U+0009, which the configuration may not hold (a line break, a control or an invisible bidirectional control); write it on one line without it"},
		{"base address", func(o *scaffold.SiteOptions) { o.BaseURL = "/status/" },
			`--base-url "/status/" must be an absolute http or https address, as in https://status.example.org/`},
		{"time zone", func(o *scaffold.SiteOptions) { o.TimeZone = "Mars/Olympus" },
			`--timezone "Mars/Olympus" is unknown; use an IANA name such as Europe/Brussels, or UTC`},
		// The machine's zone would make the site differ by machine.
		{"local time zone", func(o *scaffold.SiteOptions) { o.TimeZone = "Local" },
			`--timezone "Local" is unknown; use an IANA name such as Europe/Brussels, or UTC`},
		{"no time zone", func(o *scaffold.SiteOptions) { o.TimeZone = "" },
			`--timezone "" is unknown; use an IANA name such as Europe/Brussels, or UTC`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := ok
			tc.edit(&o)
			_, err := scaffold.Site(o)
			var oe *scaffold.OptionError
			if !errors.As(err, &oe) || err.Error() != tc.want {
				t.Errorf("error %v (%T), want the *OptionError\n%s", err, err, tc.want)
			}
		})
	}
}

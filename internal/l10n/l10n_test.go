package l10n_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/yamlx"
)

type doc struct {
	Title l10n.Text `yaml:"title"`
}

func decode(t *testing.T, src string) (l10n.Text, *yamlx.Positions, []string) {
	t.Helper()
	n, d := yamlx.Parse("t.yaml", []byte(src), 0, 0)
	if len(d) > 0 {
		t.Fatal(d)
	}
	var v doc
	pos, d := (&yamlx.Decoder{File: "t.yaml"}).Decode(n, &v)
	var msgs []string
	for _, x := range d {
		msgs = append(msgs, x.String())
	}
	return v.Title, pos, msgs
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      l10n.Text
		diags     []string
	}{
		{"plain text is every language", "title: Impact\n", l10n.Text{"": "Impact"}, nil},
		{"a number is text", "title: 42\n", l10n.Text{"": "42"}, nil},
		{"per language", "title: {en: Impact, nl: Gevolgen}\n", l10n.Text{"en": "Impact", "nl": "Gevolgen"}, nil},
		{"block mapping", "title:\n  en: Root cause\n  nl: Oorzaak\n", l10n.Text{"en": "Root cause", "nl": "Oorzaak"}, nil},
		{"null leaves it unset", "title: ~\n", nil, nil},
		{"a list", "title: [a, b]\n", nil, []string{"t.yaml:1:8: title must be text, or a mapping of language codes to text such as {en: Impact, nl: Impact}"}},
		{"a key that is not text", "title: {[en]: x, nl: ok}\n", l10n.Text{"nl": "ok"}, []string{"t.yaml:1:9: title: a language code must be plain text, such as en"}},
		{"a nested mapping", "title: {en: {x: y}, nl: ok}\n", l10n.Text{"nl": "ok"}, []string{"t.yaml:1:13: en must be text, not a mapping"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, msgs := decode(t, tc.src)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.diags, msgs); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodePositions(t *testing.T) {
	_, pos, _ := decode(t, "title:\n  en: Impact\n  nl: Gevolgen\n")
	if got := pos.Key("title.nl"); got.Line != 3 || got.Col != 3 {
		t.Errorf("Key(title.nl) = %s", got)
	}
	if got := pos.Value("title.nl"); got.Line != 3 || got.Col != 7 {
		t.Errorf("Value(title.nl) = %s", got)
	}
}

func TestGet(t *testing.T) {
	both := l10n.Text{"en": "Impact", "nl": "Gevolgen"}
	for _, tc := range []struct {
		text           l10n.Text
		lang, fallback string
		want           string
	}{
		{both, "nl", "en", "Gevolgen"},
		{both, "fr", "en", "Impact"},
		{both, "fr", "de", "Impact"}, // any text, by code order
		{l10n.Text{"nl": "b", "de": "a"}, "fr", "en", "a"},
		{l10n.Text{"": "All", "nl": "NL"}, "nl", "en", "NL"},
		{l10n.Text{"": "All", "nl": "NL"}, "en", "nl", "All"},
		{nil, "en", "en", ""},
	} {
		if got := tc.text.Get(tc.lang, tc.fallback); got != tc.want {
			t.Errorf("%v.Get(%q, %q) = %q, want %q", tc.text, tc.lang, tc.fallback, got, tc.want)
		}
	}
}

func TestCodesAllIsZero(t *testing.T) {
	x := l10n.Text{"nl": "b", "en": "a", "": "c"}
	if got := strings.Join(x.Codes(), ","); got != ",en,nl" {
		t.Errorf("Codes = %q", got)
	}
	if got := strings.Join(x.All(), ","); got != "c,a,b" {
		t.Errorf("All = %q", got)
	}
	for _, tc := range []struct {
		t    l10n.Text
		want bool
	}{{nil, true}, {l10n.Text{}, true}, {l10n.Text{"en": ""}, true}, {l10n.Text{"en": "", "nl": "x"}, false}} {
		if got := tc.t.IsZero(); got != tc.want {
			t.Errorf("%v.IsZero() = %v", tc.t, got)
		}
	}
}

func TestLocal(t *testing.T) {
	for _, c := range []struct {
		name string
		text l10n.Text
		lang string
		want l10n.Local
	}{
		{"the page's language", l10n.Text{"en": "Down", "nl": "Plat"}, "nl", l10n.Local{Text: "Plat"}},
		{"default on its own page", l10n.Text{"en": "Down"}, "en", l10n.Local{Text: "Down"}},
		{"default stands in, marked", l10n.Text{"en": "Down"}, "nl", l10n.Local{Text: "Down", Lang: "en"}},
		{"plain text reads as the default language", l10n.Text{"": "Down"}, "nl", l10n.Local{Text: "Down", Lang: "en"}},
		{"plain text on the default's page", l10n.Text{"": "Down"}, "en", l10n.Local{Text: "Down"}},
		{"blank counts as not written", l10n.Text{"nl": "  ", "en": "Down"}, "nl", l10n.Local{Text: "Down", Lang: "en"}},
		{"any other, by code order", l10n.Text{"fr": "Panne", "de": "Ausfall"}, "nl", l10n.Local{Text: "Ausfall", Lang: "de"}},
		{"nothing", l10n.Text{}, "nl", l10n.Local{}},
	} {
		if got := c.text.Local(c.lang, "en"); got != c.want {
			t.Errorf("%s: Local(%q) = %+v, want %+v", c.name, c.lang, got, c.want)
		}
	}
}

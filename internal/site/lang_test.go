package site

import (
	"bytes"
	"strings"
	"testing"

	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/public"
	"golang.org/x/net/html"
)

// byID returns the element of doc whose id is id, or nil.
func byID(doc *html.Node, tag, id string) *html.Node {
	for _, n := range findAll(doc, tag) {
		if attr(n, "id") == id {
			return n
		}
	}
	return nil
}

// TestRecordLanguages: the example incident gives its title and two of
// its three messages in Dutch. Each language's tree shows its own text,
// and the message without Dutch shows the English text marked lang="en".
func TestRecordLanguages(t *testing.T) {
	files := renderExample(t)
	const page = "incidents/2025-02-18-assetexplorer-down/index.html"
	for _, tc := range []struct {
		file, title, resolved string
		identifiedLang        string
	}{
		{page, "AssetExplorer is unavailable", "AssetExplorer is available again.", ""},
		{"nl/" + page, "AssetExplorer is onbereikbaar", "AssetExplorer is weer beschikbaar.", "en"},
	} {
		doc := parse(t, files[tc.file])
		h1 := findAll(doc, "h1")
		if len(h1) != 1 || text(h1[0]) != tc.title || attr(h1[0], "lang") != "" {
			t.Errorf("%s: h1 %q lang %q, want %q in the page's language", tc.file, text(h1[0]), attr(h1[0], "lang"), tc.title)
		}
		if li := byID(doc, "li", "update-20250218T083300Z"); li == nil || !strings.Contains(text(li), tc.resolved) || len(findAll(li, "div")) != 0 {
			t.Errorf("%s: the resolving update is not %q in the page's language", tc.file, tc.resolved)
		}
		li := byID(doc, "li", "update-20250218T082400Z")
		divs := findAll(li, "div")
		switch {
		case tc.identifiedLang == "" && len(divs) != 0:
			t.Errorf("%s: the identified update is marked as another language", tc.file)
		case tc.identifiedLang != "" && (len(divs) != 1 || attr(divs[0], "lang") != tc.identifiedLang || !strings.Contains(text(divs[0]), "failed over to its standby")):
			t.Errorf("%s: the identified update, in English only, is not marked lang=%q", tc.file, tc.identifiedLang)
		}
	}
	// Sections: Impact and Root cause are in Dutch, Workaround is not.
	nl := parse(t, files["nl/"+page])
	for _, tc := range []struct{ id, lang, text string }{
		{"s-impact", "", "konden klanten niet aanmelden"},
		{"s-root-cause", "", "De databaseserver achter AssetExplorer"},
		{"s-workaround", "en", "None was needed"},
	} {
		sec := byID(nl, "section", tc.id)
		if sec == nil {
			t.Errorf("nl: no section %s", tc.id)
			continue
		}
		divs := findAll(sec, "div")
		if got := text(sec); !strings.Contains(got, tc.text) {
			t.Errorf("nl: section %s is %q, want it to hold %q", tc.id, got, tc.text)
		}
		if (tc.lang == "") != (len(divs) == 0) || (tc.lang != "" && attr(divs[0], "lang") != tc.lang) {
			t.Errorf("nl: section %s is not marked lang=%q", tc.id, tc.lang)
		}
	}
	if en := string(files[page]); strings.Contains(en, "konden klanten") || !strings.Contains(en, "From 09:05 to 09:33 customers") {
		t.Error("the English page does not show the English Impact")
	}
	// The internal section written in Dutch reaches no output.
	for name, data := range files {
		if bytes.Contains(data, []byte("failoverscript")) || bytes.Contains(data, []byte("Interne notities")) {
			t.Errorf("%s holds the internal section written in Dutch", name)
		}
	}
	// Lists, feeds and the calendar speak the tree's language; the API,
	// like Statuspage's, the default language only.
	for _, tc := range []struct {
		file      string
		want, not []string
	}{
		{"nl/history/2025/index.html", []string{">AssetExplorer is onbereikbaar</a>"}, []string{"AssetExplorer is unavailable"}},
		{"nl/feed.atom", []string{"AssetExplorer is onbereikbaar", "We onderzoeken meldingen"}, []string{"AssetExplorer is unavailable"}},
		{"feed.atom", []string{"AssetExplorer is unavailable"}, []string{"onbereikbaar", "We onderzoeken"}},
		{"api/v2/incidents.json", []string{"AssetExplorer is unavailable", "We are investigating"}, []string{"onbereikbaar", "We onderzoeken"}},
	} {
		data, ok := files[tc.file]
		if !ok {
			t.Errorf("no %s", tc.file)
			continue
		}
		for _, s := range tc.want {
			if !bytes.Contains(data, []byte(s)) {
				t.Errorf("%s lacks %q", tc.file, s)
			}
		}
		for _, s := range tc.not {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s holds %q", tc.file, s)
			}
		}
	}
}

// TestRecordLanguageFallback: a title in the default language only shows
// in every tree, marked with the default's lang where the page is in
// another language, on the record's page and in the lists.
func TestRecordLanguageFallback(t *testing.T) {
	v, fsys := exampleView(t)
	inc := v.Incidents[0]
	inc.Title = l10n.Text{"en": "Only in English"}
	files, err := renderAll(v, fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, lang string }{
		{incidentPath(inc.ID) + "index.html", ""},
		{"nl/" + incidentPath(inc.ID) + "index.html", "en"},
	} {
		doc := parse(t, files[tc.file])
		if h1 := findAll(doc, "h1"); len(h1) != 1 || text(h1[0]) != "Only in English" || attr(h1[0], "lang") != tc.lang {
			t.Errorf("%s: h1 is not %q with lang %q", tc.file, "Only in English", tc.lang)
		}
	}
	for _, file := range []string{"history/index.html", "nl/history/index.html"} {
		found := false
		for _, a := range findAll(parse(t, files[file]), "a") {
			if text(a) == "Only in English" {
				found = true
				if want := map[bool]string{true: "en", false: ""}[strings.HasPrefix(file, "nl/")]; attr(a, "lang") != want {
					t.Errorf("%s: link lang %q, want %q", file, attr(a, "lang"), want)
				}
			}
		}
		if !found {
			t.Errorf("%s does not list the incident", file)
		}
	}
}

// TestRecordLanguageOnlyOther: text given only in another language (a
// warning) still shows in the default tree, marked with its language.
func TestRecordLanguageOnlyOther(t *testing.T) {
	v, fsys := exampleView(t)
	var inc *public.Incident
	for _, i := range v.Incidents {
		if len(i.Sections) > 0 {
			inc = i
			break
		}
	}
	if inc == nil {
		t.Fatal("no public incident with sections in the example site")
	}
	inc.Title = l10n.Text{"nl": "Alleen in het Nederlands"}
	inc.Sections[0].Markdown, inc.Sections[0].Translations = nil, map[string][]byte{"nl": []byte("Alleen Nederlandse tekst.\n")}
	files, err := renderAll(v, fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, lang string }{
		{incidentPath(inc.ID) + "index.html", "nl"},
		{"nl/" + incidentPath(inc.ID) + "index.html", ""},
	} {
		doc := parse(t, files[tc.file])
		if h1 := findAll(doc, "h1"); len(h1) != 1 || text(h1[0]) != "Alleen in het Nederlands" || attr(h1[0], "lang") != tc.lang {
			t.Errorf("%s: h1 is not the Dutch title with lang %q", tc.file, tc.lang)
		}
		sec := byID(doc, "section", "s-"+inc.Sections[0].ID)
		if sec == nil || !strings.Contains(text(sec), "Alleen Nederlandse tekst.") {
			t.Errorf("%s: the section in Dutch only is not shown", tc.file)
			continue
		}
		divs := findAll(sec, "div")
		if (tc.lang == "") != (len(divs) == 0) || (tc.lang != "" && attr(divs[0], "lang") != tc.lang) {
			t.Errorf("%s: the section in Dutch only is not marked lang=%q", tc.file, tc.lang)
		}
	}
}

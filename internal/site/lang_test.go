package site

import (
	"bytes"
	"strings"
	"testing"

	"github.com/incidentsite/incidentsite/internal/l10n"
	"github.com/incidentsite/incidentsite/internal/public"
)

// TestRecordLanguages: the fixture's AssetExplorer incident gives its
// title and two of its three messages in Dutch. Each language's tree
// shows its own text, and the message without Dutch shows the English
// text marked lang="en".
func TestRecordLanguages(t *testing.T) {
	files := renderFixture(t)
	const page = "incidents/2025-02-18-assetexplorer-down/index.html"
	for _, tc := range []struct {
		file, title, resolved string
		identifiedLang        string
	}{
		{page, "AssetExplorer is unavailable", "AssetExplorer is available again.", ""},
		{"nl/" + page, "AssetExplorer is onbereikbaar", "AssetExplorer is weer beschikbaar.", "en"},
	} {
		doc := parse(t, files[tc.file])
		h1 := doc.Find("h1")
		if h1.Length() != 1 || h1.Text() != tc.title || h1.AttrOr("lang", "") != "" {
			t.Errorf("%s: h1 %q lang %q, want %q in the page's language", tc.file, h1.Text(), h1.AttrOr("lang", ""), tc.title)
		}
		if li := doc.Find("li#update-20250218T083300Z"); li.Length() != 1 || !strings.Contains(li.Text(), tc.resolved) || li.Find("div").Length() != 0 {
			t.Errorf("%s: the resolving update is not %q in the page's language", tc.file, tc.resolved)
		}
		if doc.Find("li#update-20250218T082400Z").Length() != 1 {
			t.Errorf("%s: no identified update", tc.file)
		}
		divs := doc.Find("li#update-20250218T082400Z div")
		switch {
		case tc.identifiedLang == "" && divs.Length() != 0:
			t.Errorf("%s: the identified update is marked as another language", tc.file)
		case tc.identifiedLang != "" && (divs.Length() != 1 || divs.AttrOr("lang", "") != tc.identifiedLang || !strings.Contains(divs.Text(), "failed over to its standby")):
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
		sec := nl.Find("section#" + tc.id)
		if sec.Length() != 1 {
			t.Errorf("nl: no section %s", tc.id)
			continue
		}
		if got := sec.Text(); !strings.Contains(got, tc.text) {
			t.Errorf("nl: section %s is %q, want it to hold %q", tc.id, got, tc.text)
		}
		if divs := sec.Find("div"); (tc.lang == "") != (divs.Length() == 0) || (tc.lang != "" && divs.AttrOr("lang", "") != tc.lang) {
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
	v, th := fixtureView(t)
	inc := v.Incidents[0]
	inc.Title = l10n.Text{"en": "Only in English"}
	files := renderView(t, v, th)
	for _, tc := range []struct{ file, lang string }{
		{incidentPath(inc.ID) + "index.html", ""},
		{"nl/" + incidentPath(inc.ID) + "index.html", "en"},
	} {
		doc := parse(t, files[tc.file])
		if h1 := doc.Find("h1"); h1.Length() != 1 || h1.Text() != "Only in English" || h1.AttrOr("lang", "") != tc.lang {
			t.Errorf("%s: h1 is not %q with lang %q", tc.file, "Only in English", tc.lang)
		}
	}
	for _, file := range []string{"history/index.html", "nl/history/index.html"} {
		found := false
		for _, a := range parse(t, files[file]).Find("a").EachIter() {
			if a.Text() == "Only in English" {
				found = true
				if want := map[bool]string{true: "en", false: ""}[strings.HasPrefix(file, "nl/")]; a.AttrOr("lang", "") != want {
					t.Errorf("%s: link lang %q, want %q", file, a.AttrOr("lang", ""), want)
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
	v, th := fixtureView(t)
	var inc *public.Incident
	for _, i := range v.Incidents {
		if len(i.Sections) > 0 {
			inc = i
			break
		}
	}
	if inc == nil {
		t.Fatal("no public incident with sections in the fixture")
	}
	inc.Title = l10n.Text{"nl": "Alleen in het Nederlands"}
	inc.Sections[0].Markdown, inc.Sections[0].Translations = nil, map[string][]byte{"nl": []byte("Alleen Nederlandse tekst.\n")}
	files := renderView(t, v, th)
	for _, tc := range []struct{ file, lang string }{
		{incidentPath(inc.ID) + "index.html", "nl"},
		{"nl/" + incidentPath(inc.ID) + "index.html", ""},
	} {
		doc := parse(t, files[tc.file])
		if h1 := doc.Find("h1"); h1.Length() != 1 || h1.Text() != "Alleen in het Nederlands" || h1.AttrOr("lang", "") != tc.lang {
			t.Errorf("%s: h1 is not the Dutch title with lang %q", tc.file, tc.lang)
		}
		sec := doc.Find("section#s-" + inc.Sections[0].ID)
		if sec.Length() != 1 || !strings.Contains(sec.Text(), "Alleen Nederlandse tekst.") {
			t.Errorf("%s: the section in Dutch only is not shown", tc.file)
			continue
		}
		if divs := sec.Find("div"); (tc.lang == "") != (divs.Length() == 0) || (tc.lang != "" && divs.AttrOr("lang", "") != tc.lang) {
			t.Errorf("%s: the section in Dutch only is not marked lang=%q", tc.file, tc.lang)
		}
	}
}

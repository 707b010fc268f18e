package logbook

import (
	"html"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// hostileTitle is a title that would break out of an attribute, a
// textarea, a YAML string or a mailto: link if any of them let it.
const hostileTitle = `"><script>alert(1)</script> & co</textarea>\n?subject=x&body=y`

// hostileAddress is a valid e-mail address (RFC 5322 allows ?, & and =
// in the local part) that would add fields to a mailto: link unescaped.
const hostileAddress = "ops&co?subject=hi@example.org"

// customersList is a customer contact list for the fixture: the mailing
// list of the organisation-admins role, with a hostile address.
const customersList = `-- content/contacts/customers.md --
---
title: Customer mailing lists
audience: customer
owner: an-janssens
reviewed: 2026-11-02
contacts:
  - id: customer-admins
    name: Customer administrators
    roles: [organisation-admins]
    email: "` + hostileAddress + `"
---
`

// commsSite renders the fixture with the ongoing API incident's title
// made hostile and a customer list added.
func commsSite(t *testing.T) map[string][]byte {
	t.Helper()
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(archive), "title: Slow responses from the public API\n", "title: \""+strings.ReplaceAll(hostileTitle, `"`, `\"`)+"\"\n", 1)
	if s == string(archive) {
		t.Fatal("the fixture's API incident has another title: update the test")
	}
	p := openSite(t, "comms", s+customersList, true, fixtureNow)
	return renderProject(t, p)
}

var (
	textareaRE = regexp.MustCompile(`(?s)<textarea id="([^"]+)-text"[^>]*>(.*?)</textarea>`)
	hrefRE     = regexp.MustCompile(`<a href="(mailto:[^"]*)"`)
)

// TestCommsHostile checks that a hostile title and e-mail address stay
// text: no element, no extra mailto: field, and YAML that reads back as
// the entry it shows; and that the customer role resolves to its list.
func TestCommsHostile(t *testing.T) {
	checkCommsHostile(t, commsSite(t), "incidents/2026-11-23-api-slow-responses/index.html", "nl/incidents/2026-11-23-api-slow-responses/index.html")
}

// checkCommsHostile checks the communication checklists of the pages
// names, rendered from a site with hostileTitle as the record's title
// and customersList's hostileAddress for the role organisation-admins.
func checkCommsHostile(t *testing.T, files map[string][]byte, names ...string) {
	t.Helper()
	for _, name := range names {
		page := string(files[name])
		i := strings.Index(page, `<section class="comms"`)
		if i < 0 {
			t.Fatalf("%s has no communication checklist", name)
		}
		comms := page[i:]
		comms = comms[:strings.Index(comms, "</section>")]
		if strings.Contains(page, "<script>") || strings.Contains(comms, "</textarea>\n?") {
			t.Errorf("%s: the title broke out of its text", name)
		}
		if !strings.Contains(comms, "Customer administrators") || !strings.Contains(comms, html.EscapeString(hostileAddress)) {
			t.Errorf("%s: the role organisation-admins does not show its holder and address", name)
		}

		links := hrefRE.FindAllStringSubmatch(comms, -1)
		if len(links) == 0 {
			t.Fatalf("%s: no mailto: link", name)
		}
		drafts := 0
		for _, l := range links {
			raw := html.UnescapeString(l[1])
			u, err := url.Parse(raw)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			q := u.Query()
			for k := range q {
				if k != "subject" && k != "body" || len(q[k]) != 1 {
					t.Errorf("%s: link %.80s… has fields %v, want subject and body at most once", name, raw, q)
				}
			}
			to, _ := url.PathUnescape(u.Opaque)
			if strings.Contains(raw, "ops&") || strings.Contains(raw, "co?") {
				t.Errorf("%s: link %.80s… holds the address unescaped", name, raw)
			}
			if to != hostileAddress || q.Get("subject") == "" {
				continue
			}
			drafts++
			if want := strings.ReplaceAll(hostileTitle, `\n`, "\n"); !strings.Contains(q.Get("subject"), want) {
				t.Errorf("%s: subject %q does not hold the title as written", name, q.Get("subject"))
			}
		}
		if drafts == 0 {
			t.Errorf("%s: no draft e-mail to the customers' mailing list", name)
		}

		entries := 0
		for _, m := range textareaRE.FindAllStringSubmatch(comms, -1) {
			if !strings.HasSuffix(m[1], "-status-page") {
				continue
			}
			entries++
			var got []map[string]any
			if err := yaml.Unmarshal([]byte(html.UnescapeString(m[2])), &got); err != nil || len(got) != 1 {
				t.Errorf("%s: %s is not one YAML entry (%v):\n%s", name, m[1], err, m[2])
				continue
			}
			if got[0]["at"] == nil || got[0]["status"] == nil || got[0]["message"] == nil {
				t.Errorf("%s: %s lacks at, status or message: %v", name, m[1], got[0])
			}
		}
		if entries == 0 {
			t.Errorf("%s: no status page entry", name)
		}
	}
}

// TestCommsMailto checks the link's encoding and its length limit: a
// text too long leaves the link with the addressees and the subject.
func TestCommsMailto(t *testing.T) {
	link, full := mailto([]string{hostileAddress, "b@example.org"}, "a & b: c?", "line 1\nline 2 & more", maxMailto)
	want := "mailto:ops%26co%3Fsubject%3Dhi@example.org,b@example.org?subject=a%20%26%20b%3A%20c%3F&body=line%201%0D%0Aline%202%20%26%20more"
	if link != want || !full {
		t.Errorf("mailto = %q, %v\nwant    %q, true", link, full, want)
	}
	long := strings.Repeat("a long text ", 200)
	link, full = mailto([]string{"b@example.org"}, "subject", long, maxMailto)
	if full || strings.Contains(link, "body=") || link != "mailto:b@example.org?subject=subject" {
		t.Errorf("a long text gave %.100q (full %v), want the addressee and the subject only", link, full)
	}
	if len(link) > maxMailto || maxMailto > 2000 {
		t.Errorf("link of %d characters, limit %d: want at most about 2,000", len(link), maxMailto)
	}
}

// TestCommsForms gives the availability template every form of channel
// and checks each draft of the ongoing API incident's due moment
// (delayed), external and internal. A moment done has no draft.
func TestCommsForms(t *testing.T) {
	archive, err := os.ReadFile(fixtureFile)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := os.ReadFile("../catalog/defaults/templates/availability.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(tmpl), "how: [status-page, email, in-app]", "how: [status-page, email, in-app, sms, letter]", 1)
	s = strings.Replace(s, "how: [chat, email]", "how: [chat, email, phone, meeting]", 1)
	// Drafts are for what is owed: the internal plan's delayed is due,
	// as the external one is.
	s = strings.Replace(s, "when: [acknowledged, during-recovery, resolved, post-incident]", "when: [acknowledged, during-recovery, delayed, resolved, post-incident]", 1)
	if s == string(tmpl) {
		t.Fatal("the availability template's channels changed: update the test")
	}
	p := openSite(t, "forms", string(archive)+"-- templates/availability.yaml --\n"+s+customersList, true, fixtureNow)
	page := string(renderProject(t, p)["incidents/2026-11-23-api-slow-responses/index.html"])
	texts := map[string]string{}
	for _, m := range textareaRE.FindAllStringSubmatch(page, -1) {
		texts[m[1]] = html.UnescapeString(m[2])
	}
	const note = "Northwind ticket NW-55120"
	for _, c := range []struct {
		anchor        string
		want, notWant []string
		check         func(string) string
	}{
		{anchor: "comms-ext-delayed-email", want: []string{"Restoring Public API takes longer than expected.", "[What caused the outage", "Expected downtime: 4 h", "Last update ("}, notWant: []string{note}},
		{anchor: "comms-ext-delayed-letter", want: []string{"Restoring Public API takes longer than expected."}},
		{anchor: "comms-ext-delayed-in-app", want: []string{"Slow responses from the public API: Restoring Public API"}, notWant: []string{note, "Workaround"}},
		{anchor: "comms-ext-delayed-sms", check: func(s string) string {
			if n := len([]rune(s)); n > maxSMS {
				return "longer than " + strconv.Itoa(maxSMS) + " characters: " + strconv.Itoa(n)
			}
			return ""
		}},
		{anchor: "comms-ext-delayed-status-page", want: []string{"status: identified", "en: Restoring Public API takes longer than expected."}},
		{anchor: "comms-int-delayed-email", want: []string{"Immediate actions", note}},
		{anchor: "comms-int-delayed-phone", want: []string{note}, check: func(s string) string {
			for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
				if !strings.HasPrefix(l, "- ") {
					return "a line is no talking point: " + l
				}
			}
			return ""
		}},
		{anchor: "comms-int-delayed-meeting", want: []string{"- Slow responses from the public API (2026-11-23-api-slow-responses): "}},
	} {
		text, ok := texts[c.anchor]
		if !ok {
			t.Errorf("no draft %s", c.anchor)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q:\n%s", c.anchor, w, text)
			}
		}
		for _, w := range c.notWant {
			if strings.Contains(text, w) {
				t.Errorf("%s holds %q:\n%s", c.anchor, w, text)
			}
		}
		if c.check != nil {
			if msg := c.check(text); msg != "" {
				t.Errorf("%s: %s", c.anchor, msg)
			}
		}
	}
	// The internal plan's during-recovery and acknowledged are done: no
	// draft.
	for anchor := range texts {
		if strings.HasPrefix(anchor, "comms-int-during-recovery-") || strings.HasPrefix(anchor, "comms-int-acknowledged-") {
			t.Errorf("a draft %s for a moment done", anchor)
		}
	}
	// The status page entry, pasted under the record's updates:, is an
	// update that does the moment.
	entry := texts["comms-ext-delayed-status-page"]
	const last = "    internal: Northwind ticket NW-55120, disk controller on storage node st-07.\n"
	if !strings.Contains(string(archive), last) {
		t.Fatal("the API incident's last update changed: update the test")
	}
	pasted := strings.Replace(string(archive), last, last+"  "+strings.ReplaceAll(strings.TrimSuffix(entry, "\n"), "\n", "\n  ")+"\n", 1)
	p2 := openSite(t, "pasted", pasted, true, fixtureNow)
	for _, inc := range p2.Model.Incidents {
		if inc.ID != "2026-11-23-api-slow-responses" {
			continue
		}
		if n := len(inc.Updates); n != 3 || inc.Updates[2].Status != "identified" || !strings.HasPrefix(inc.Updates[2].Message.Get("en", "en"), "Restoring Public API") {
			t.Errorf("the pasted entry gave updates %+v", inc.Updates)
		}
		for _, m := range inc.Checklists[0].Moments {
			if m.ID == "delayed" && (m.State != "done" || m.Update != 2) {
				t.Errorf("after pasting its entry, delayed is %s by update %d, want done by update 2", m.State, m.Update)
			}
		}
	}

	if i := strings.Index(page, `id="comms-ext-delayed-letter"`); i < 0 || strings.Contains(page[i:i+strings.Index(page[i:], "</details>")], "mailto:") {
		t.Errorf("the letter's draft has a mailto: link, or is missing")
	}
}

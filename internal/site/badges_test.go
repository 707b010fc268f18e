package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/incidentsite/incidentsite/internal/testutil"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

func TestBadgeGolden(t *testing.T) {
	files := renderFixture(t)
	testutil.Golden(t, "badge-overall-svg", badgeFile(t, files, "badge.svg"))
	testutil.Golden(t, "badge-overall-json", badgeFile(t, files, "badge.json"))
	testutil.Golden(t, "badge-service-api-svg", badgeFile(t, files, "services/api/badge.svg"))
}

func badgeFile(t testing.TB, files map[string][]byte, name string) []byte {
	t.Helper()
	data, ok := files[name]
	if !ok {
		t.Fatalf("no %s", name)
	}
	return data
}

// badgeDoc is what the tests read of a badge.
type badgeDoc struct {
	XMLName   xml.Name `xml:"http://www.w3.org/2000/svg svg"`
	Role      string   `xml:"role,attr"`
	AriaLabel string   `xml:"aria-label,attr"`
	Width     int      `xml:"width,attr"`
	Height    int      `xml:"height,attr"`
	Title     string   `xml:"title"`
	Rects     []struct {
		X     int    `xml:"x,attr"`
		Width int    `xml:"width,attr"`
		Fill  string `xml:"fill,attr"`
	} `xml:"rect"`
	Texts []struct {
		X          float64 `xml:"x,attr"`
		TextLength float64 `xml:"textLength,attr"`
		Text       string  `xml:",chardata"`
	} `xml:"g>text"`
}

// badgeParse parses an SVG badge strictly and checks what every badge
// must be: an image named by its aria-label and title, label then
// message, referring to nothing outside itself.
func badgeParse(t *testing.T, name string, data []byte, label, message string) badgeDoc {
	t.Helper()
	var d badgeDoc
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, data)
	}
	want := label + ": " + message
	if d.Role != "img" || d.AriaLabel != want || d.Title != want {
		t.Errorf("%s: role %q, aria-label %q, title %q; want img and %q", name, d.Role, d.AriaLabel, d.Title, want)
	}
	if len(d.Texts) != 2 || d.Texts[0].Text != label || d.Texts[1].Text != message {
		t.Errorf("%s: texts %+v, want %q and %q", name, d.Texts, label, message)
	}
	if d.Height != 20 || len(d.Rects) != 3 || d.Rects[0].Width != d.Width || d.Rects[1].Width+d.Rects[2].X+d.Rects[2].Width != 2*d.Rects[1].Width {
		t.Errorf("%s: rectangles %+v in a badge %d wide", name, d.Rects, d.Width)
	}
	if len(d.Texts) == 2 {
		left := float64(d.Rects[1].Width)
		for i, tx := range d.Texts {
			// Each text sits in the middle of its part, and fits in it.
			part, middle := left, left/2
			if i == 1 {
				part, middle = float64(d.Width)-left, left+(float64(d.Width)-left)/2
			}
			if tx.X != middle || tx.TextLength <= 0 || tx.TextLength > part-10+1 {
				t.Errorf("%s: text %q at %v, %v long, in a part %v wide", name, tx.Text, tx.X, tx.TextLength, part)
			}
		}
	}
	for _, bad := range []string{"href", "url(", "<script", "@import", "<image", "<foreignObject", "id="} {
		if bytes.Contains(data, []byte(bad)) {
			t.Errorf("%s holds %q", name, bad)
		}
	}
	return d
}

// TestBadgeSVG checks the overall badge and every service's against the
// view.
func TestBadgeSVG(t *testing.T) {
	v, _ := fixtureView(t)
	files := renderFixture(t)
	badgeParse(t, "badge.svg", badgeFile(t, files, "badge.svg"), "status", "Degraded performance")
	for _, s := range v.Services {
		name := "services/" + s.ID + "/badge.svg"
		message, ok := map[vocab.Level]string{
			"operational":          "Operational",
			"degraded_performance": "Degraded performance",
			"partial_outage":       "Partial outage",
			"major_outage":         "Major outage",
			"under_maintenance":    "Under maintenance",
		}[s.Status]
		if !ok {
			t.Errorf("%s: status %q, not one of Statuspage's", name, s.Status)
		}
		badgeParse(t, name, badgeFile(t, files, name), s.Name.Get("en", "en"), message)
	}
}

// TestBadgeEscaping: a service name with markup is text in the badge.
func TestBadgeEscaping(t *testing.T) {
	files := apiRender(t, apiScenario())
	name := `Site <b>"A&B"</b>`
	data := badgeFile(t, files, "services/web/badge.svg")
	badgeParse(t, "services/web/badge.svg", data, name, "Partial outage")
	if bytes.Contains(data, []byte("<b>")) {
		t.Errorf("the name's markup is in the badge:\n%s", data)
	}
	j := badgeJSON(t, "services/web/badge.json", badgeFile(t, files, "services/web/badge.json"))
	if j.Label != name || j.Message != "Partial outage" || j.Color != "bc4c00" {
		t.Errorf("badge.json %+v", j)
	}
}

type badgeEndpoint struct {
	SchemaVersion int    `json:"schemaVersion"`
	Label         string `json:"label"`
	Message       string `json:"message"`
	Color         string `json:"color"`
}

// badgeJSON reads a shields.io endpoint file, whose schema has no other
// fields.
func badgeJSON(t *testing.T, name string, data []byte) badgeEndpoint {
	t.Helper()
	var b badgeEndpoint
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if b.SchemaVersion != 1 || b.Message == "" || len(b.Color) != 6 {
		t.Errorf("%s: %+v is not a shields.io endpoint", name, b)
	}
	if _, err := strconv.ParseUint(b.Color, 16, 32); err != nil {
		t.Errorf("%s: color %q is not hex", name, b.Color)
	}
	return b
}

func TestBadgeJSON(t *testing.T) {
	v, _ := fixtureView(t)
	files := renderFixture(t)
	if b := badgeJSON(t, "badge.json", badgeFile(t, files, "badge.json")); b.Label != "status" || b.Message != "Degraded performance" {
		t.Errorf("badge.json %+v", b)
	}
	for _, s := range v.Services {
		name := "services/" + s.ID + "/badge.json"
		b := badgeJSON(t, name, badgeFile(t, files, name))
		if b.Label != s.Name.Get("en", "en") || b.Color != badgeColor(s.Status) {
			t.Errorf("%s: %+v", name, b)
		}
	}
}

// contrast is the WCAG 2 contrast ratio of white on the color hex.
func contrast(hex string) float64 {
	lum := 0.0
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		c, _ := strconv.ParseUint(hex[2*i:2*i+2], 16, 8)
		s := float64(c) / 255
		if s <= 0.03928 {
			s /= 12.92
		} else {
			s = math.Pow((s+0.055)/1.055, 2.4)
		}
		lum += w * s
	}
	return 1.05 / (lum + 0.05)
}

// TestBadgeContrast: white 11px text on every background passes WCAG AA.
func TestBadgeContrast(t *testing.T) {
	for _, status := range append(componentStatuses, "unknown") {
		if c := contrast(badgeColor(vocab.Level(status))); c < 4.5 {
			t.Errorf("%s: white on #%s has a contrast of %.2f, under 4.5", status, badgeColor(vocab.Level(status)), c)
		}
	}
	if c := contrast(badgeLabelColor); c < 4.5 {
		t.Errorf("label: contrast %.2f", c)
	}
}

func TestTextWidth(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int // tenths of a pixel
	}{
		{"", 0},
		{"status", 337},                   // 3.064 em
		{"é", 68},                         // precomposed: an accented letter
		{"e\u0301", 66},                   // decomposed: the mark takes no room
		{"状态", 220},                       // two full ems
		{strings.Repeat("W", 100), 10879}, // no overflow, no rounding drift
	} {
		if got := textWidth(c.s); got != c.want {
			t.Errorf("textWidth(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}

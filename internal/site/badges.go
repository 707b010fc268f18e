package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"unicode"

	"github.com/incidentsite/incidentsite/internal/vocab"
)

// badges writes the status badges of the default language: badge.svg and
// badge.json for the overall status at the root, and the same two files
// for every service in its folder. The SVG is a flat two-part badge
// (label | message); the JSON is a shields.io endpoint
// (https://shields.io/badges/endpoint-badge) for sites that want
// shields' styles.
func (r *renderer) badges() error {
	lang := r.defaultLang()
	if err := r.badge(r.path(lang, ""), r.t(lang, "badge.label"), r.v.Status); err != nil {
		return err
	}
	for _, s := range r.v.Services {
		if err := r.badge(r.path(lang, servicePath(s.ID)), r.text(lang, s.Name), s.Status); err != nil {
			return err
		}
	}
	return nil
}

// badge writes dir/badge.svg and dir/badge.json for status under label.
func (r *renderer) badge(dir, label string, status vocab.Level) error {
	message := r.t(r.defaultLang(), "status."+string(status))
	color := badgeColor(status)
	r.put(dir+"badge.svg", badgeSVG(label, message, color))
	data, err := encodeJSON(struct {
		SchemaVersion int    `json:"schemaVersion"`
		Label         string `json:"label"`
		Message       string `json:"message"`
		Color         string `json:"color"`
	}{1, label, message, color})
	if err != nil {
		return fmt.Errorf("write %sbadge.json: %w", dir, err)
	}
	r.put(dir+"badge.json", data)
	return nil
}

// badgeLabelColor is the label's background: white text on it has a
// contrast of 7.5:1.
const badgeLabelColor = "555555"

// badgeColor is the message's background for a status, in hex without
// "#" (as shields.io takes it). Each is dark enough for white 11px text to
// pass WCAG AA (4.5:1): green 5.1, amber 4.9, orange 5.0, red 5.4, blue
// 5.2, grey 4.6.
func badgeColor(status vocab.Level) string {
	switch status {
	case vocab.Operational:
		return "1a7f37"
	case vocab.DegradedPerformance:
		return "9a6700"
	case vocab.PartialOutage:
		return "bc4c00"
	case vocab.MajorOutage:
		return "cf222e"
	case vocab.UnderMaintenance:
		return "0969da"
	}
	return "6e7781"
}

// badgeSVG draws a flat badge: label on grey, message on color, white
// text, rounded corners. It references nothing outside itself (no fonts,
// no ids, no gradients), so it can be inlined anywhere. Screen readers
// read its role="img" with its aria-label; the <title> shows as a tooltip.
// All lengths are whole tenths of a pixel computed in integers, so the
// output is the same on every machine.
func badgeSVG(label, message, color string) []byte {
	const pad = 5 // pixels on either side of each text
	lw, mw := 0, textWidth(message)
	left := 0
	if label != "" {
		lw = textWidth(label)
		left = (lw+9)/10 + 2*pad
	}
	right := (mw+9)/10 + 2*pad
	width := left + right
	title := message
	if label != "" {
		title = label + ": " + message
	}
	w, l := strconv.Itoa(width), strconv.Itoa(left)

	var b bytes.Buffer
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="` + w + `" height="20" viewBox="0 0 ` + w + ` 20" role="img" aria-label="`)
	escapeXML(&b, title)
	b.WriteString(`"><title>`)
	escapeXML(&b, title)
	b.WriteString("</title>\n")
	b.WriteString(`<rect width="` + w + `" height="20" rx="3" fill="#` + color + `"/>` + "\n")
	if label != "" {
		// The label's rounded rectangle, squared off on its right.
		b.WriteString(`<rect width="` + l + `" height="20" rx="3" fill="#` + badgeLabelColor + `"/>`)
		b.WriteString(`<rect x="` + strconv.Itoa(left-3) + `" width="3" height="20" fill="#` + badgeLabelColor + `"/>` + "\n")
	}
	b.WriteString(`<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11" text-rendering="geometricPrecision">` + "\n")
	text := func(x, length int, s string) {
		b.WriteString(`<text x="` + tenths(x) + `" y="14" textLength="` + tenths(length) + `">`)
		escapeXML(&b, s)
		b.WriteString("</text>\n")
	}
	if label != "" {
		text(left*5, lw, label)
	}
	text(left*10+right*5, mw, message)
	b.WriteString("</g>\n</svg>\n")
	return b.Bytes()
}

// tenths writes n tenths as a decimal number: 125 is "12.5".
func tenths(n int) string { return strconv.Itoa(n/10) + "." + strconv.Itoa(n%10) }

// escapeXML writes s escaped for XML text and attributes; characters that
// XML forbids become U+FFFD.
func escapeXML(b *bytes.Buffer, s string) {
	// xml.EscapeText only fails when its writer does, and a bytes.Buffer
	// does not.
	_ = xml.EscapeText(b, []byte(s))
}

// textWidth estimates the width of s in 11px Verdana (DejaVu Sans, its
// usual stand-in, is about as wide), in tenths of a pixel: per-character
// advance widths, without kerning. The estimate only sizes the badge;
// textLength makes the browser fit the text to it whatever font it finds.
func textWidth(s string) int {
	milliEm := 0
	for _, c := range s {
		switch {
		case c >= ' ' && c <= '~':
			milliEm += verdanaWidths[c-' ']
		case unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Me, c) || unicode.IsControl(c):
			// Combining marks and controls take no room.
		case isWide(c):
			milliEm += 1000
		default:
			milliEm += 620 // about a lowercase letter with an accent
		}
	}
	return (milliEm*11*10 + 500) / 1000
}

// isWide reports whether c is an East Asian wide character or an emoji,
// a full em.
func isWide(c rune) bool {
	return unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		c >= 0xFF00 && c <= 0xFF60 || c >= 0x1F300 && c <= 0x1FAFF
}

// verdanaWidths are Verdana's advance widths, in thousandths of an em, of
// the printable ASCII characters from ' ' to '~'.
var verdanaWidths = [95]int{
	352, 394, 459, 818, 636, 1076, 727, 269, // space ! " # $ % & '
	454, 454, 636, 818, 364, 454, 364, 454, // ( ) * + , - . /
	636, 636, 636, 636, 636, 636, 636, 636, // 0-7
	636, 636, 454, 454, 818, 818, 818, 545, // 8 9 : ; < = > ?
	1000, 684, 686, 698, 771, 632, 575, 775, // @ A-G
	751, 421, 455, 693, 557, 843, 748, 787, // H-O
	603, 787, 695, 684, 616, 732, 684, 989, // P-W
	685, 615, 685, 454, 454, 454, 818, 636, // X Y Z [ \ ] ^ _
	636, 601, 623, 521, 623, 596, 352, 623, // ` a-g
	633, 274, 344, 592, 274, 973, 633, 607, // h-o
	623, 623, 427, 521, 394, 633, 592, 818, // p-w
	592, 592, 525, 635, 454, 635, 818, // x y z { | } ~
}

package logbook

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// hostile is a category title written to break out of the SVG.
const hostile = `</text></svg><script>alert(1)</script><svg onload="x">&amp;`

// TestChartsEscape: a category title, a stage title and a chart's
// title and description are text in the SVG, never markup, and each
// chart is an image named by its title and description.
func TestChartsEscape(t *testing.T) {
	_, r := fixtureRenderer(t)
	w := &pageWriter{r: r, lang: "en"}
	d := &metricsPage{
		ByCategory: []countRow{{Label: hostile, N: 3}, {Label: "Availability", N: 1}},
		BySeverity: []countRow{{Label: hostile, N: 1}},
		Durations:  []durationRow{{Label: hostile, Ack: stat{N: 1, Median: "5 min", P90: "5 min"}, Res: stat{N: 1, Median: "1 h", P90: "1 h"}}},
		Reports:    []reportRow{{Regulation: hostile, Stage: hostile, OnTime: 1, Late: 2, Missed: 1, Due: 1}},
	}
	d.Actions.Rows = []countRow{{Label: hostile, N: 1}}
	w.charts(d)
	charts := map[string]string{
		"chart-categories": string(d.CategoryChart), "chart-severities": string(d.SeverityChart),
		"chart-ack": string(d.AckChart), "chart-res": string(d.ResChart),
		"chart-reports": string(d.ReportsChart), "chart-actions": string(d.ActionsChart),
		"x": string(hbarChart("x", hostile, hostile, []series{{hostile, solid}, {hostile, crossed}}, []barRow{{Label: hostile, Values: []float64{1, 2}, Texts: []string{hostile, hostile}}}, false)),
	}
	for id, svg := range charts {
		if svg == "" {
			t.Errorf("%s: not drawn", id)
			continue
		}
		if strings.Contains(svg, "<script") || strings.Contains(svg, "<svg onload") {
			t.Errorf("%s: the title escaped into markup:\n%s", id, svg)
		}
		// Parsed as the browser would: one svg, no script, and the
		// hostile text back as text.
		doc, err := html.Parse(strings.NewReader("<!doctype html><body>" + svg))
		if err != nil {
			t.Fatal(err)
		}
		var svgs, scripts int
		var role, labelled, title string
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch n.Data {
			case "svg":
				svgs++
				for _, a := range n.Attr {
					switch a.Key {
					case "role":
						role = a.Val
					case "aria-labelledby":
						labelled = a.Val
					}
				}
			case "script":
				scripts++
			case "title":
				if n.FirstChild != nil {
					title = n.FirstChild.Data
				}
			}
		}
		if svgs != 1 || scripts != 0 || role != "img" || labelled != id+"-title "+id+"-desc" || title == "" {
			t.Errorf("%s: %d svg, %d script, role %q, aria-labelledby %q, title %q", id, svgs, scripts, role, labelled, title)
		}
		if id == "chart-categories" || id == "x" {
			if !strings.Contains(svg, html.EscapeString(cut(hostile, labelRunes))) {
				t.Errorf("%s: the label is not shown as text:\n%s", id, svg)
			}
		}
	}
	if got := cut("Beschikbaarheid van de klantportaalomgeving", 20); got != "Beschikbaarheid van…" {
		t.Errorf("cut = %q", got)
	}
}

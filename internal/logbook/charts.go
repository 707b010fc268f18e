package logbook

import (
	"cmp"
	"fmt"
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The metrics page's charts are inline SVG drawn here, at build time: no
// script, no image file. Each is an image to assistive technology
// (role="img") named by its <title> and described by its <desc>, both
// referenced by aria-labelledby; the page's table beside it holds the
// same numbers. Everything is drawn in the text's colour (currentColor),
// so the contrast is the text's and a dark theme follows; series differ
// by pattern (solid, hatched, cross-hatched, outlined) named in a legend,
// never by colour alone. Every text from the records is escaped.

// svgChart writes one chart; newSVG opens it and end closes it.
type svgChart struct {
	b  strings.Builder
	id string
}

// newSVG opens a chart of width × height user units with its title and
// description; id, unique on the page, prefixes the ids inside it.
func newSVG(id, title, desc string, width, height int) *svgChart {
	c := &svgChart{id: id}
	fmt.Fprintf(&c.b, `<svg class="chart" role="img" aria-labelledby="%[1]s-title %[1]s-desc" viewBox="0 0 %[2]d %[3]d" width="100%%" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">`, id, width, height)
	fmt.Fprintf(&c.b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, html.EscapeString(title), id, html.EscapeString(desc))
	// What is drawn inherits the text's colour and font.
	c.b.WriteString(`<g fill="currentColor" font-size="12" font-family="sans-serif">`)
	return c
}

// fill is how a series' bars are drawn.
type fill int

const (
	solid fill = iota
	hatched
	crossed
	outlined
)

// patterns defines the hatched and cross-hatched fills, once per chart.
func (c *svgChart) patterns() {
	fmt.Fprintf(&c.b, `<defs><pattern id="%s-hatched" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="6" fill="currentColor"/></pattern>`, c.id)
	fmt.Fprintf(&c.b, `<pattern id="%s-crossed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="6" fill="currentColor"/><rect width="6" height="2" fill="currentColor"/></pattern></defs>`, c.id)
}

// rect draws a bar with its fill; a patterned or outlined bar has an
// outline, so that its end shows.
func (c *svgChart) rect(x, y, w, h float64, f fill) {
	if w <= 0 || h <= 0 {
		return
	}
	var attrs string
	switch f {
	case hatched, crossed:
		attrs = fmt.Sprintf(` fill="url(#%s-%s)" stroke="currentColor" stroke-width="1"`, c.id, map[fill]string{hatched: "hatched", crossed: "crossed"}[f])
	case outlined:
		attrs = ` fill="none" stroke="currentColor" stroke-width="1.5" stroke-dasharray="4 2"`
	}
	fmt.Fprintf(&c.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f"%s/>`, x, y, w, h, attrs)
}

// line draws a line in the text's colour.
func (c *svgChart) line(x1, y1, x2, y2 float64) {
	fmt.Fprintf(&c.b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="currentColor" stroke-width="1"/>`, x1, y1, x2, y2)
}

// text writes s, escaped, anchored at x (start, middle or end) on the
// baseline y.
func (c *svgChart) text(x, y float64, anchor, s string) {
	fmt.Fprintf(&c.b, `<text x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, x, y, anchor, html.EscapeString(s))
}

// end closes the chart and returns it.
func (c *svgChart) end() template.HTML {
	c.b.WriteString(`</g></svg>`)
	return template.HTML(c.b.String())
}

// series is one kind of bar in a chart, named in its legend.
type series struct {
	Label string
	Fill  fill
}

// barRow is one row of a horizontal bar chart: a label and a value per
// series, each with its text (a count, a duration), and the text after a
// stacked bar (its total).
type barRow struct {
	Label  string
	Values []float64
	Texts  []string
	Total  string
}

// Horizontal bar charts' layout, in user units.
const (
	chartWidth  = 720
	labelWidth  = 210 // row labels, right-aligned before the bars
	noteWidth   = 110 // the value after a bar
	barHeight   = 14
	rowGap      = 10
	legendSpace = 28
	labelRunes  = 32 // a longer label is cut, with an ellipsis (the table has it whole)
)

// hbarChart draws rows as horizontal bars: for each row, one bar per
// series side by side (grouped), or one bar made of the series' parts
// (stacked). Bar lengths share one scale, the largest value (or stacked
// total) taking the whole width; each bar, or each stacked bar, is
// followed by its text. With more than one series a legend names their
// fills.
func hbarChart(id, title, desc string, ss []series, rows []barRow, stacked bool) template.HTML {
	perRow := len(ss)
	if stacked {
		perRow = 1
	}
	top := 8
	if len(ss) > 1 {
		top += legendSpace
	}
	rowH := perRow*barHeight + rowGap
	height := top + len(rows)*rowH + 4
	c := newSVG(id, title, desc, chartWidth, height)
	if slices.ContainsFunc(ss, func(s series) bool { return s.Fill == hatched || s.Fill == crossed }) {
		c.patterns()
	}

	peak := 0.0
	for _, r := range rows {
		sum := 0.0
		for _, v := range r.Values {
			peak = max(peak, v)
			sum += max(v, 0)
		}
		if stacked {
			peak = max(peak, sum)
		}
	}
	plot := float64(chartWidth - labelWidth - noteWidth)
	scale := func(v float64) float64 {
		if peak <= 0 || v <= 0 {
			return 0
		}
		return plot * v / peak
	}

	if len(ss) > 1 {
		x := float64(labelWidth)
		for _, s := range ss {
			c.rect(x, 8, 14, 14, s.Fill)
			c.text(x+20, 19, "start", s.Label)
			x += 28 + float64(utf8.RuneCountInString(s.Label))*7
		}
	}
	left := float64(labelWidth)
	for i, r := range rows {
		y := float64(top + i*rowH)
		c.text(left-8, y+float64(perRow*barHeight)/2+4, "end", cut(r.Label, labelRunes))
		if stacked {
			x := left
			for j, v := range r.Values {
				w := scale(v)
				c.rect(x, y, w, barHeight, ss[j].Fill)
				x += w
			}
			c.text(x+6, y+barHeight-3, "start", r.Total)
			continue
		}
		for j, v := range r.Values {
			by := y + float64(j*barHeight)
			w := scale(v)
			c.rect(left, by+1, w, barHeight-2, ss[j].Fill)
			if j < len(r.Texts) {
				c.text(left+w+6, by+barHeight-3, "start", r.Texts[j])
			}
		}
	}
	c.line(left, float64(top)-2, left, float64(height)-4)
	return c.end()
}

// cut shortens s to at most n runes, ending it with an ellipsis when cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// charts draws the metrics page's charts other than the month chart,
// from the figures of its tables.
func (w *pageWriter) charts(d *metricsPage) {
	r, lang := w.r, w.lang
	counts := func(id, titleKey, descKey string, rows []countRow) template.HTML {
		if len(rows) == 0 {
			return ""
		}
		peak := 0
		var bars []barRow
		for _, row := range rows {
			peak = max(peak, row.N)
			n := strconv.Itoa(row.N)
			bars = append(bars, barRow{Label: row.Label, Values: []float64{float64(row.N)}, Texts: []string{n}})
		}
		return hbarChart(id, r.t(lang, titleKey), r.t(lang, descKey, "max", strconv.Itoa(peak)),
			[]series{{Label: r.t(lang, titleKey), Fill: solid}}, bars, false)
	}
	d.CategoryChart = counts("chart-categories", "logbook.metrics.by_category", "logbook.metrics.chart.counts_desc", d.ByCategory)
	d.SeverityChart = counts("chart-severities", "logbook.metrics.by_severity", "logbook.metrics.chart.counts_desc", d.BySeverity)
	d.ActionsChart = counts("chart-actions", "logbook.metrics.actions_heading", "logbook.metrics.chart.actions_desc", d.Actions.Rows)

	times := func(id, whatKey string, pick func(durationRow) stat) template.HTML {
		var bars []barRow
		var peak time.Duration
		n := 0
		for _, row := range d.Durations {
			s := pick(row)
			n += s.N
			peak = max(peak, s.p90)
			bars = append(bars, barRow{Label: row.Label,
				Values: []float64{s.median.Minutes(), s.p90.Minutes()},
				Texts:  []string{cmp.Or(s.Median, "–"), cmp.Or(s.P90, "–")}})
		}
		if n == 0 {
			return "" // nothing measured yet: the table says so
		}
		what := r.t(lang, whatKey)
		return hbarChart(id, r.t(lang, "logbook.metrics.chart.times_title", "what", what),
			r.t(lang, "logbook.metrics.chart.times_desc", "max", cmp.Or(r.durationOrNone(lang, peak), "–")),
			[]series{{r.t(lang, "logbook.metrics.median"), solid}, {r.t(lang, "logbook.metrics.p90"), hatched}}, bars, false)
	}
	d.AckChart = times("chart-ack", "logbook.metrics.ack", func(row durationRow) stat { return row.Ack })
	d.ResChart = times("chart-res", "logbook.metrics.res", func(row durationRow) stat { return row.Res })

	if len(d.Reports) > 0 {
		var bars []barRow
		for _, row := range d.Reports {
			bars = append(bars, barRow{Label: strings.ToUpper(row.Short) + " – " + row.Stage,
				Values: []float64{float64(row.OnTime), float64(row.Late), float64(row.Missed), float64(row.Due)},
				Total:  strconv.Itoa(row.OnTime + row.Late + row.Missed + row.Due)})
		}
		d.ReportsChart = hbarChart("chart-reports", r.t(lang, "logbook.metrics.reports"), r.t(lang, "logbook.metrics.chart.reports_desc"),
			[]series{{r.t(lang, "logbook.metrics.on_time"), solid}, {r.t(lang, "logbook.metrics.late"), hatched},
				{r.t(lang, "logbook.metrics.missed"), crossed}, {r.t(lang, "logbook.metrics.due"), outlined}}, bars, true)
	}
}

// durationOrNone writes d, or nothing for zero.
func (r *renderer) durationOrNone(lang string, d time.Duration) string {
	if d <= 0 {
		return ""
	}
	return r.duration(lang, d)
}

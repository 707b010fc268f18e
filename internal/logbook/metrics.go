package logbook

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"time"

	"github.com/incidentsite/incidentsite/internal/model"
	"github.com/incidentsite/incidentsite/internal/regulation"
	"github.com/incidentsite/incidentsite/internal/vocab"
)

// The metrics page (metrics/) counts the incidents by category, severity
// and month, and measures the response: time to acknowledge and to
// resolve, the share of major incidents with a final root cause analysis,
// and the actions done by their due day (followup.go). Every metric is
// defined on the page, and each distribution is also an SVG chart drawn
// at build time (charts.go) beside its table. The work is one pass over
// the incidents and actions, and a sort of each list of durations.

const metricsPath = "metrics/"

// chartMonths is how many months, up to and including the build's, the
// counts by month cover.
const chartMonths = 24

// metricsPage is the page's data.
type metricsPage struct {
	framed
	Incidents  int
	ByCategory []countRow
	BySeverity []countRow
	Months     []monthRow
	// Outside counts the incidents detected before the months shown.
	Outside int
	Chart   template.HTML
	// The other charts (charts.go), each beside its table.
	CategoryChart, SeverityChart, AckChart, ResChart, ReportsChart, ActionsChart template.HTML
	// Durations are the times to acknowledge and resolve: overall
	// first, then by category.
	Durations []durationRow
	// Reports are the legal reports by regulation and stage, in the
	// order the incidents first meet them.
	Reports []reportRow
	Major   share
	// Actions are the actions whose due day has passed, by whether they
	// were done by it (followup.go).
	Actions actionCounts
}

// reportRow counts a regulation's stage's reports: met by the deadline,
// met late, missed (the deadline passed without one) and due.
type reportRow struct {
	Regulation, Stage, StageLang string
	// Short is the regulation's name (nis2), for the chart's labels.
	Short                     string
	OnTime, Late, Missed, Due int
	OnTimeShare               share
}

type countRow struct {
	Label, Lang string
	N           int
}

type monthRow struct {
	Start time.Time
	// Label is the month as the page says it; ISO as a datetime.
	Label, ISO string
	N          int
}

type durationRow struct {
	Label, Lang string
	Ack, Res    stat
}

// stat is a median and a 90th percentile of n durations, written.
type stat struct {
	N           int
	Median, P90 string
	// median and p90 are the durations, for the charts.
	median, p90 time.Duration
}

// share is part of a whole, with the percentage written.
type share struct {
	Part, Whole int
	Percent     string
}

// percentile returns the p-th percentile (0 < p <= 100) of sorted by the
// nearest-rank method: the smallest value with at least p% of the values
// at or below it, the value of rank ceil(p/100 × n). ok is false for no
// values.
func percentile(sorted []time.Duration, p int) (v time.Duration, ok bool) {
	n := len(sorted)
	if n == 0 || p <= 0 || p > 100 {
		return 0, false
	}
	rank := (p*n + 99) / 100
	return sorted[rank-1], true
}

// monthIndex returns the place of t's month, in loc, among the months
// months up to and including now's month: 0 for the earliest, months-1
// for now's; -1 for a month outside them.
func monthIndex(t, now time.Time, loc *time.Location, months int) int {
	y, m, _ := t.In(loc).Date()
	ny, nm, _ := now.In(loc).Date()
	back := (ny*12 + int(nm)) - (y*12 + int(m))
	if back < 0 || back >= months {
		return -1
	}
	return months - 1 - back
}

// monthStarts returns the first instants, in loc, of the months months up
// to and including now's month, earliest first.
func monthStarts(now time.Time, loc *time.Location, months int) []time.Time {
	y, m, _ := now.In(loc).Date()
	out := make([]time.Time, months)
	for i := range out {
		out[i] = time.Date(y, m-time.Month(months-1-i), 1, 0, 0, 0, 0, loc)
	}
	return out
}

// major reports whether inc is a major incident: its severity is the
// most severe of its category's, or one its category requires a root
// cause analysis for.
func major(inc *model.Incident) bool {
	t := inc.Template
	if t == nil || inc.Severity == "" {
		return false
	}
	if n := len(t.Severities); n > 0 && t.Severities[n-1] == inc.Severity {
		return true
	}
	return slices.Contains(t.RCARequiredFor, inc.Severity)
}

// dueDayPassed reports whether the whole of due's day, in loc, lies
// before now.
func dueDayPassed(due, now time.Time, loc *time.Location) bool {
	return !due.IsZero() && actionState(due, false, now, loc) == "overdue"
}

func (w *pageWriter) stat(ds []time.Duration) stat {
	slices.Sort(ds)
	s := stat{N: len(ds)}
	if v, ok := percentile(ds, 50); ok {
		s.Median, s.median = w.r.duration(w.lang, v), v
	}
	if v, ok := percentile(ds, 90); ok {
		s.P90, s.p90 = w.r.duration(w.lang, v), v
	}
	return s
}

func (w *pageWriter) share(part, whole int) share {
	s := share{Part: part, Whole: whole}
	if whole > 0 {
		s.Percent = strconv.Itoa((part*100+whole/2)/whole) + "%"
	}
	return s
}

func (w *pageWriter) metricsData() framer {
	r, lang := w.r, w.lang
	now, loc := r.m.Now, r.loc
	d := &metricsPage{Incidents: len(r.m.Incidents)}

	starts := monthStarts(now, loc, chartMonths)
	d.Months = make([]monthRow, chartMonths)
	for i, s := range starts {
		d.Months[i] = monthRow{Start: s, ISO: s.Format("2006-01"),
			Label: r.t(lang, "month."+strconv.Itoa(int(s.Month()))) + " " + strconv.Itoa(s.Year())}
	}

	type group struct {
		label    local
		n        int
		ack, res []time.Duration
	}
	byCat := map[string]*group{}
	bySev := map[string]*group{}
	var cats, sevs []string
	var ack, res []time.Duration
	// sevRank orders the severities by their place in their categories'
	// lists, least severe first, then by id.
	sevRank := map[string]int{}
	for _, inc := range r.m.Incidents {
		cat := category(inc)
		g := byCat[cat]
		if g == nil {
			label := w.categoryName(inc)
			if cat == "" {
				label = local{Text: r.t(lang, "logbook.metrics.no_category")}
			}
			g = &group{label: label}
			byCat[cat] = g
			cats = append(cats, cat)
		}
		g.n++
		if sev := inc.Severity; sev != "" {
			s := bySev[sev]
			if s == nil {
				s = &group{label: local{Text: sev}}
				bySev[sev] = s
				sevs = append(sevs, sev)
				sevRank[sev] = -1
			}
			s.n++
			if inc.Template != nil {
				sevRank[sev] = max(sevRank[sev], slices.Index(inc.Template.Severities, sev))
			}
		}
		if i := monthIndex(inc.Detected, now, loc, chartMonths); i >= 0 {
			d.Months[i].N++
		} else if inc.Detected.Before(starts[0]) {
			d.Outside++
		}
		if !inc.Acknowledged.IsZero() && !inc.Acknowledged.Before(inc.Detected) {
			v := inc.Acknowledged.Sub(inc.Detected)
			ack = append(ack, v)
			g.ack = append(g.ack, v)
		}
		if !inc.Resolved.IsZero() && !inc.Resolved.Before(inc.Detected) {
			v := inc.Resolved.Sub(inc.Detected)
			res = append(res, v)
			g.res = append(g.res, v)
		}
		if major(inc) && !inc.Resolved.IsZero() {
			d.Major.Whole++
			if inc.RCA != nil && inc.RCA.Status == vocab.Final {
				d.Major.Part++
			}
		}
	}
	d.Major = w.share(d.Major.Part, d.Major.Whole)
	d.Reports = w.reportRows()

	slices.SortFunc(cats, func(a, b string) int {
		return cmp.Or(cmp.Compare(unnamed(a), unnamed(b)), cmp.Compare(byCat[a].label.Text, byCat[b].label.Text), cmp.Compare(a, b))
	})
	slices.SortFunc(sevs, func(a, b string) int { return cmp.Or(cmp.Compare(sevRank[b], sevRank[a]), cmp.Compare(a, b)) })
	d.Durations = append(d.Durations, durationRow{Label: r.t(lang, "logbook.metrics.all"), Ack: w.stat(ack), Res: w.stat(res)})
	for _, c := range cats {
		g := byCat[c]
		d.ByCategory = append(d.ByCategory, countRow{Label: g.label.Text, Lang: g.label.Lang, N: g.n})
		d.Durations = append(d.Durations, durationRow{Label: g.label.Text, Lang: g.label.Lang, Ack: w.stat(g.ack), Res: w.stat(g.res)})
	}
	for _, s := range sevs {
		d.BySeverity = append(d.BySeverity, countRow{Label: s, N: bySev[s].n})
	}

	d.Actions = w.actionCounts()

	d.Chart = w.monthChart(d.Months)
	w.charts(d)
	return d
}

// reportRows counts the stages' states over every incident's clocks,
// by regulation and stage: one pass over the clocks. A stage not required
// or whose clock has not started is not counted.
func (w *pageWriter) reportRows() []reportRow {
	r, lang := w.r, w.lang
	type key struct {
		reg   any
		stage string
	}
	at := map[key]int{}
	var out []reportRow
	for _, inc := range r.m.Incidents {
		for _, c := range inc.Clocks {
			if c.Regulation == nil {
				continue
			}
			for _, st := range c.Stages {
				if st.Stage == nil {
					continue
				}
				k := key{c.Regulation, st.Stage.ID}
				i, ok := at[k]
				if !ok {
					title := r.local(lang, st.Stage.Title)
					if title.Text == "" {
						title.Text = st.Stage.ID
					}
					i = len(out)
					at[k] = i
					out = append(out, reportRow{Regulation: r.regulationName(lang, c), Short: c.Regulation.Name, Stage: title.Text, StageLang: title.Lang})
				}
				row := &out[i]
				switch st.State {
				case regulation.Met:
					if st.Late > 0 {
						row.Late++
					} else {
						row.OnTime++
					}
				case regulation.Missed:
					row.Missed++
				case regulation.Due:
					row.Due++
				}
			}
		}
	}
	for i := range out {
		row := &out[i]
		row.OnTimeShare = w.share(row.OnTime, row.OnTime+row.Late+row.Missed)
	}
	return out
}

// monthChart draws the counts by month as vertical bars (charts.go),
// the peak marked on the vertical axis, every third month and the
// build's named below.
func (w *pageWriter) monthChart(months []monthRow) template.HTML {
	r, lang := w.r, w.lang
	const (
		width, height = 720, 240
		left, bottom  = 40, 40
		top           = 16
	)
	peak := 0
	for _, m := range months {
		peak = max(peak, m.N)
	}
	scale := max(peak, 1)
	plot := height - top - bottom
	slot := float64(width-left) / float64(len(months))
	first, last := months[0].Label, months[len(months)-1].Label
	c := newSVG("chart-months", r.t(lang, "logbook.metrics.chart_title", "from", first, "to", last),
		r.t(lang, "logbook.metrics.chart_desc", "n", strconv.Itoa(len(months)), "max", strconv.Itoa(peak)), width, height)
	c.line(left, top, left, height-bottom)
	c.line(left, height-bottom, width, height-bottom)
	c.text(left-6, top+4, "end", strconv.Itoa(peak))
	c.text(left-6, height-bottom+4, "end", "0")
	year := 0
	for i, m := range months {
		x := float64(left) + float64(i)*slot
		h := float64(plot) * float64(m.N) / float64(scale)
		c.rect(x+slot*0.15, float64(height-bottom)-h, slot*0.7, h, solid)
		if i%3 == 0 || i == len(months)-1 {
			c.text(x+slot/2, height-bottom+16, "middle", r.t(lang, "month."+strconv.Itoa(int(m.Start.Month()))))
			if y := m.Start.Year(); y != year {
				year = y
				c.text(x+slot/2, height-bottom+32, "middle", strconv.Itoa(y))
			}
		}
	}
	return c.end()
}

// unnamed sorts incidents without a category after the others.
func unnamed(cat string) int {
	if cat == "" {
		return 1
	}
	return 0
}

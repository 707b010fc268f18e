package logbook

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/incidentsite/incidentsite/internal/vocab"
)

// A facet is one value of one column of the register, with the rows that
// have it: the register's filters, each a page of its own, so that they
// work without JavaScript.
type facet struct {
	dim *dimension
	// value is the value's id, the last part of the page's path.
	value string
	// rows are indexes into renderer.rows, newest first.
	rows []int
}

// path is the facet's page in a language's tree: "years/2026/".
func (f *facet) path() string { return f.dim.dir + "/" + f.value + "/" }

// dimension is a column of the register that it is filtered by.
type dimension struct {
	// id names the dimension; dir is the folder of its pages.
	id, dir string
	// key is the UI string of its name.
	key string
	// values returns the row's values in the dimension (an incident may
	// affect several services).
	values func(row) []string
	// label returns the name of f's value in w's language.
	label func(w *pageWriter, f *facet) string
	// order sorts the values: by their place in the vocabulary or the
	// configuration, else by id.
	order func(r *renderer) func(a, b string) int
}

// dimensions are the register's filters, in the order the pages show them.
var dimensions = []*dimension{
	{id: "year", dir: "years", key: "logbook.facet.year",
		values: func(x row) []string { return []string{strconv.Itoa(x.year)} },
		label:  func(_ *pageWriter, f *facet) string { return f.value },
		order: func(*renderer) func(a, b string) int {
			return func(a, b string) int { return cmp.Compare(b, a) } // newest first
		}},
	{id: "category", dir: "categories", key: "logbook.col.category",
		values: func(x row) []string { return nonEmpty(category(x.inc)) },
		// Every incident of the facet has the category: the first names it.
		label: func(w *pageWriter, f *facet) string { return w.categoryName(w.r.rows[f.rows[0]].inc).Text },
		order: byID},
	{id: "severity", dir: "severities", key: "logbook.col.severity",
		values: func(x row) []string { return nonEmpty(x.inc.Severity) },
		label:  func(_ *pageWriter, f *facet) string { return f.value },
		order:  byID},
	{id: "visibility", dir: "visibility", key: "logbook.col.visibility",
		values: func(x row) []string { return []string{string(x.inc.Visibility)} },
		label:  func(w *pageWriter, f *facet) string { return w.r.t(w.lang, "logbook.visibility."+f.value) },
		order:  func(*renderer) func(a, b string) int { return byPlace(vocab.Strings(vocab.Visibilities)) }},
	{id: "status", dir: "statuses", key: "logbook.col.status",
		values: func(x row) []string { return []string{string(x.inc.Status())} },
		label:  func(w *pageWriter, f *facet) string { return w.r.t(w.lang, "update."+f.value) },
		order:  func(*renderer) func(a, b string) int { return byPlace(vocab.Strings(vocab.IncidentStatuses)) }},
	{id: "service", dir: "services", key: "logbook.col.service",
		values: func(x row) []string { return serviceIDs(x.inc) },
		// Every incident of the facet names the service.
		label: func(w *pageWriter, f *facet) string {
			for _, imp := range w.r.rows[f.rows[0]].inc.Impacts {
				if imp.Service.ID == f.value {
					return w.r.text(w.lang, imp.Service.Name)
				}
			}
			return f.value
		},
		order: func(r *renderer) func(a, b string) int {
			ids := make([]string, len(r.m.Services))
			for i, s := range r.m.Services {
				ids[i] = s.ID
			}
			return byPlace(ids)
		}},
}

func byID(*renderer) func(a, b string) int { return cmp.Compare[string] }

// byPlace orders values by their place in ids, the others after them by
// id.
func byPlace(ids []string) func(a, b string) int {
	place := func(v string) int {
		if i := slices.Index(ids, v); i >= 0 {
			return i
		}
		return len(ids)
	}
	return func(a, b string) int { return cmp.Or(cmp.Compare(place(a), place(b)), cmp.Compare(a, b)) }
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// facets returns every facet of the register, by dimension in the order
// of dimensions, then by value: one pass over the rows.
func (r *renderer) facets() []*facet {
	var out []*facet
	for _, d := range dimensions {
		byValue := map[string]*facet{}
		var fs []*facet
		for i, x := range r.rows {
			for _, v := range d.values(x) {
				f := byValue[v]
				if f == nil {
					f = &facet{dim: d, value: v}
					byValue[v] = f
					fs = append(fs, f)
				}
				if n := len(f.rows); n == 0 || f.rows[n-1] != i {
					f.rows = append(f.rows, i)
				}
			}
		}
		order := d.order(r)
		slices.SortFunc(fs, func(a, b *facet) int { return order(a.value, b.value) })
		out = append(out, fs...)
	}
	return out
}

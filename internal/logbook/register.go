package logbook

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/incidentsite/incidentsite/internal/model"
)

// row is an incident as the register lists it, in every format.
type row struct {
	inc *model.Incident
	// year is the year of its detection in the site's time zone, its
	// year page.
	year int
}

func (r *renderer) row(inc *model.Incident) row {
	return row{inc: inc, year: inc.Detected.In(r.loc).Year()}
}

// category is the id of the incident's category.
func category(inc *model.Incident) string {
	if inc.Template == nil {
		return ""
	}
	return inc.Template.Name
}

// serviceIDs are the ids of the services the incident names, in its
// order.
func serviceIDs(inc *model.Incident) []string {
	ids := make([]string, 0, len(inc.Impacts))
	for _, imp := range inc.Impacts {
		ids = append(ids, imp.Service.ID)
	}
	return ids
}

// registerRecord is an incident of register.json, its fields in the
// documented order (see the package's comment).
type registerRecord struct {
	ID              string   `json:"id"`
	Title           string   `json:"title"`
	Category        string   `json:"category"`
	Severity        string   `json:"severity"`
	Visibility      string   `json:"visibility"`
	Status          string   `json:"status"`
	Services        []string `json:"services"`
	Detected        string   `json:"detected"`
	Acknowledged    string   `json:"acknowledged"`
	Resolved        string   `json:"resolved"`
	DurationMinutes *int     `json:"duration_minutes"`
	Coordinator     string   `json:"coordinator"`
	Teams           []string `json:"teams"`
	Regulation      []string `json:"regulation"`
	RCA             string   `json:"rca"`
	File            string   `json:"file"`
	// Registered is when the record was first committed (audit.go);
	// empty when not known. Last, so that the columns before it keep
	// their places.
	Registered string `json:"registered"`
}

func (r *renderer) record(w row) registerRecord {
	inc := w.inc
	rec := registerRecord{
		ID: inc.ID, Title: r.plain(inc.Title), Category: category(inc), Severity: inc.Severity,
		Visibility: string(inc.Visibility), Status: string(inc.Status()), Services: serviceIDs(inc),
		Detected: r.iso(inc.Detected), Acknowledged: r.iso(inc.Acknowledged), Resolved: r.iso(inc.Resolved),
		Teams: nonNil(inc.Teams), Regulation: nonNil(inc.Regulation), File: inc.File, Registered: r.iso(r.registered(inc)),
	}
	if inc.IsResolved() {
		m := int(inc.Resolved.Sub(inc.Detected).Round(time.Minute) / time.Minute)
		rec.DurationMinutes = &m
	}
	if inc.Coordinator != nil {
		rec.Coordinator = inc.Coordinator.ID
	}
	if inc.RCA != nil {
		rec.RCA = inc.RCA.ID
	}
	return rec
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// csvHeader are register.csv's columns: register.json's fields.
var csvHeader = []string{"id", "title", "category", "severity", "visibility", "status", "services", "detected", "acknowledged",
	"resolved", "duration_minutes", "coordinator", "teams", "regulation", "rca", "file", "registered"}

// register writes register.csv and register.json.
func (r *renderer) register() error {
	recs := make([]registerRecord, len(r.rows))
	for i, w := range r.rows {
		recs[i] = r.record(w)
	}
	data, err := registerCSV(recs)
	if err != nil {
		return err
	}
	r.put("register.csv", data)
	data, err = json.MarshalIndent(struct {
		Generated string           `json:"generated"`
		Incidents []registerRecord `json:"incidents"`
	}{r.iso(r.m.Now), recs}, "", "  ")
	if err != nil {
		return err
	}
	r.put("register.json", append(data, '\n'))
	return nil
}

// registerCSV writes recs as RFC 4180 CSV (CRLF line ends), every cell
// neutralised (cell).
func registerCSV(recs []registerRecord) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	if err := w.Write(csvHeader); err != nil {
		return nil, err
	}
	for _, rec := range recs {
		duration := ""
		if rec.DurationMinutes != nil {
			duration = strconv.Itoa(*rec.DurationMinutes)
		}
		line := []string{rec.ID, rec.Title, rec.Category, rec.Severity, rec.Visibility, rec.Status, strings.Join(rec.Services, " "),
			rec.Detected, rec.Acknowledged, rec.Resolved, duration, rec.Coordinator, strings.Join(rec.Teams, " "),
			strings.Join(rec.Regulation, " "), rec.RCA, rec.File, rec.Registered}
		for i := range line {
			line[i] = cell(line[i])
		}
		if err := w.Write(line); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// cell returns s as a CSV cell no spreadsheet reads as a formula: a cell
// that starts with = + - @, a tab or a carriage return gets a leading
// apostrophe (OWASP's advice on CSV injection). A title such as
// "=HYPERLINK(…)" would otherwise run when an auditor opens the file.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

package logbook

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestCell: a cell a spreadsheet would read as a formula (=, +, -, @, a
// tab or a carriage return first) gets a leading apostrophe; any other
// cell is left as it is.
func TestCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Website down", "Website down"},
		{`=HYPERLINK("https://evil.example/","x")`, `'=HYPERLINK("https://evil.example/","x")`},
		{"+1 555", "'+1 555"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{" =1", " =1"},
		{"a=b", "a=b"},
		{"'quoted", "'quoted"},
		{"2026-03-12T16:45:00+01:00", "2026-03-12T16:45:00+01:00"},
	} {
		if got := cell(tc.in); got != tc.want {
			t.Errorf("cell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRegisterCSV: register.csv is RFC 4180 (CRLF, quotes doubled) and
// reads back, with the header of csvHeader, to the register's rows, newest
// first; every formula-like cell, in any column, is neutralised.
func TestRegisterCSV(t *testing.T) {
	files := renderFixture(t)
	data := files["register.csv"]
	if !bytes.HasSuffix(data, []byte("\r\n")) || bytes.Count(data, []byte("\n")) != bytes.Count(data, []byte("\r\n")) {
		t.Error("register.csv does not end its lines with CRLF")
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], csvHeader) {
		t.Errorf("header %q", rows[0])
	}
	var reg struct {
		Incidents []registerRecord `json:"incidents"`
	}
	if err := json.Unmarshal(files["register.json"], &reg); err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != len(reg.Incidents) || len(reg.Incidents) < 5 {
		t.Fatalf("%d CSV rows, %d JSON incidents", len(rows)-1, len(reg.Incidents))
	}
	sawFormula := false
	for i, rec := range reg.Incidents {
		row := rows[i+1]
		if row[0] != rec.ID {
			t.Errorf("row %d is %s, JSON has %s", i+1, row[0], rec.ID)
		}
		if strings.HasPrefix(rec.Title, "=") {
			sawFormula = true
			if row[1] != "'"+rec.Title {
				t.Errorf("title %q is not neutralised: %q", rec.Title, row[1])
			}
		}
		for _, c := range row {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("row %d: cell %q reads as a formula", i+1, c)
			}
		}
		if i > 0 {
			prev, _ := time.Parse(time.RFC3339, reg.Incidents[i-1].Detected)
			this, _ := time.Parse(time.RFC3339, rec.Detected)
			if this.After(prev) {
				t.Errorf("%s is after %s: the register is newest first", rec.ID, reg.Incidents[i-1].ID)
			}
		}
	}
	if !sawFormula {
		t.Error("the fixture has no formula-like title: the neutralisation is not tested")
	}
}

// TestActionState: an action is done when done, overdue once its whole
// due day has passed in the site's time zone, else open.
func TestActionState(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 3, 31, 0, 0, 0, 0, brussels)
	for _, tc := range []struct {
		name string
		due  time.Time
		done bool
		now  time.Time
		want string
	}{
		{"done, late", due, true, due.AddDate(1, 0, 0), "done"},
		{"no date", time.Time{}, false, due, "open"},
		{"on its day", due, false, due.Add(23*time.Hour + 59*time.Minute), "open"},
		{"the day after, in Brussels", due, false, time.Date(2026, 3, 31, 22, 0, 0, 0, time.UTC), "overdue"},
		{"the day before", due, false, due.Add(-time.Minute), "open"},
	} {
		if got := actionState(tc.due, tc.done, tc.now, brussels); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

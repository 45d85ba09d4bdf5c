package importer

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/newsevents/newsevents/internal/model"
)

// Table kinds.
const (
	TableLayoffs      = "layoffs"
	TableAcquisitions = "acquisitions"
)

// tableFields lists, for each kind of table, its fields and the column names (normalised:
// lower case, words joined by _) that trackers use for each. The first column matching a field
// is used; Options.Map names the others.
var tableFields = map[string][]struct {
	field string
	names []string
}{
	TableLayoffs: {
		{"company", []string{"company", "company_name", "employer", "organization", "organisation", "name"}},
		{"laid_off", []string{"total_laid_off", "laid_off", "number_laid_off", "num_laid_off", "laid_off_count", "layoffs",
			"employees_laid_off", "workers_laid_off", "jobs_cut", "job_cuts", "headcount_affected", "employees_affected", "affected"}},
		{"percentage", []string{"percentage_laid_off", "percentage", "percent", "percent_laid_off", "pct", "layoff_percentage",
			"workforce_share", "share_of_workforce", "laid_off_percentage"}},
		{"date", []string{"date", "layoff_date", "date_announced", "announced", "announcement_date", "announced_date", "reported_date", "date_reported"}},
		{"source", []string{"source", "source_url", "url", "link", "article", "article_url", "news_url"}},
		{"location", []string{"location", "location_hq", "city", "hq", "headquarters", "office"}},
		{"country", []string{"country", "country_hq", "hq_country"}},
		{"industry", []string{"industry", "sector"}},
		{"stage", []string{"stage", "funding_stage", "company_stage"}},
		{"funds_raised", []string{"funds_raised", "funds_raised_millions", "funds_raised_mm", "funds_raised_usd_mm", "money_raised", "raised", "total_funding"}},
		{"date_added", []string{"date_added", "added", "added_on"}},
	},
	TableAcquisitions: {
		{"acquirer", []string{"acquirer", "parent_company", "acquiring_company", "acquirer_name", "buyer", "parent", "acquired_by"}},
		{"target", []string{"target", "acquired_company", "acquiree", "company_acquired", "target_company", "acquired", "acquisition"}},
		{"date", []string{"date", "acquisition_date", "announced", "date_announced", "announcement_date", "deal_date", "closed"}},
		{"year", []string{"acquisition_year", "year"}},
		{"month", []string{"acquisition_month", "month"}},
		{"price", []string{"acquisition_price", "price", "deal_value", "value", "amount", "price_usd", "deal_size", "transaction_value"}},
		{"business", []string{"business", "industry", "sector", "category_of_business"}},
		{"country", []string{"country", "target_country"}},
		{"category", []string{"category"}},
		{"derived_products", []string{"derived_products", "products"}},
		{"source", []string{"source", "source_url", "url", "link", "article", "article_url"}},
		{"id", []string{"id", "index", "unnamed_0"}},
	},
}

// fieldNames lists the fields of a table kind, for messages.
func fieldNames(kind string) string {
	var names []string
	for _, f := range tableFields[kind] {
		names = append(names, f.field)
	}
	return strings.Join(names, ", ")
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// normalizeHeader makes a column name comparable: "Acquisition Price ($)" -> "acquisition_price".
func normalizeHeader(h string) string {
	h = strings.TrimPrefix(strings.TrimSpace(h), "\xef\xbb\xbf")
	h = strings.ReplaceAll(strings.ToLower(h), "#", "number")
	return strings.Trim(nonWord.ReplaceAllString(h, "_"), "_")
}

// table reads a CSV table of layoffs or acquisitions.
type table struct {
	r      *csv.Reader
	kind   string
	header []string
	// field[i] is the field of column i, "" when the column is not used.
	field []string
	rowFn func(row) (model.EventInput, error)
}

// newTable reads the header of a CSV table and decides its kind and the field of each column.
func newTable(br *bufio.Reader, kind string, mapping map[string]string) (*table, error) {
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, model.Errorf(model.Invalid, "the file is empty: a CSV table starts with a header row")
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, model.Errorf(model.Invalid, "the header row cannot be read: %v", err)
	}
	if err != nil {
		return nil, fmt.Errorf("read the header row: %w", err)
	}
	header = append([]string(nil), header...)
	t := &table{r: r, header: header}
	if kind != "" && tableFields[kind] == nil {
		return nil, model.Errorf(model.Invalid, "unknown table kind %q: use %s or %s", kind, TableLayoffs, TableAcquisitions)
	}
	for col := range mapping {
		found := false
		for _, h := range header {
			if strings.EqualFold(strings.TrimSpace(col), strings.TrimSpace(h)) || normalizeHeader(col) == normalizeHeader(h) {
				found = true
			}
		}
		if !found {
			return nil, model.Errorf(model.Invalid, "--map %s=…: no column is named %q; the columns are %s", col, col, strings.Join(header, ", "))
		}
	}
	if kind == "" {
		kind = detectKind(header, mapping)
	}
	if kind == "" {
		return nil, model.Errorf(model.Invalid, "cannot tell what this table holds from its header (%s): a layoffs table needs a company column and a number laid off or a percentage; an acquisitions table needs acquirer and target columns. Name the columns with --map COLUMN=FIELD (layoffs: %s; acquisitions: %s) or give --table",
			strings.Join(header, ", "), fieldNames(TableLayoffs), fieldNames(TableAcquisitions))
	}
	t.kind = kind
	field, err := assignFields(kind, header, mapping)
	if err != nil {
		return nil, err
	}
	t.field = field
	have := map[string]bool{}
	for _, f := range field {
		have[f] = true
	}
	switch kind {
	case TableLayoffs:
		if !have["company"] || !have["date"] {
			return nil, model.Errorf(model.Invalid, "a layoffs table needs a company and a date column; found %s (name them with --map COLUMN=company, --map COLUMN=date)", strings.Join(header, ", "))
		}
		t.rowFn = layoffRow
	case TableAcquisitions:
		if !have["acquirer"] || !have["target"] || (!have["date"] && !have["year"]) {
			return nil, model.Errorf(model.Invalid, "an acquisitions table needs acquirer, target and date (or year) columns; found %s (name them with --map COLUMN=FIELD)", strings.Join(header, ", "))
		}
		t.rowFn = acquisitionRow
	}
	return t, nil
}

// detectKind tells the kind of table from its columns.
func detectKind(header []string, mapping map[string]string) string {
	has := func(kind string, fields ...string) bool {
		f, err := assignFields(kind, header, mapping)
		if err != nil {
			return false
		}
		got := map[string]bool{}
		for _, x := range f {
			got[x] = true
		}
		for _, want := range fields {
			if !got[want] {
				return false
			}
		}
		return true
	}
	switch {
	case has(TableAcquisitions, "acquirer", "target"):
		return TableAcquisitions
	case has(TableLayoffs, "company", "laid_off") || has(TableLayoffs, "company", "percentage"):
		return TableLayoffs
	}
	return ""
}

// assignFields gives each column its field: the mapping's, else the first field whose names
// include the column's normalised name.
func assignFields(kind string, header []string, mapping map[string]string) ([]string, error) {
	fields := make([]string, len(header))
	taken := map[string]bool{}
	known := map[string]bool{"ignore": true}
	for _, f := range tableFields[kind] {
		known[f.field] = true
	}
	used := map[string]bool{}
	for i, h := range header {
		for col, f := range mapping {
			if strings.EqualFold(strings.TrimSpace(col), strings.TrimSpace(h)) || normalizeHeader(col) == normalizeHeader(h) {
				if !known[f] {
					return nil, model.Errorf(model.Invalid, "--map %s=%s: %q is not a field of a %s table; fields: %s, ignore", col, f, f, kind, fieldNames(kind))
				}
				used[col] = true
				if f != "ignore" {
					fields[i] = f
					taken[f] = true
				} else {
					fields[i] = "-"
				}
			}
		}
	}
	for col := range mapping {
		if !used[col] {
			return nil, model.Errorf(model.Invalid, "--map %s=…: no column is named %q; the columns are %s", col, col, strings.Join(header, ", "))
		}
	}
	for i, h := range header {
		if fields[i] != "" {
			continue
		}
		n := normalizeHeader(h)
		for _, f := range tableFields[kind] {
			if taken[f.field] {
				continue
			}
			for _, name := range f.names {
				if n == name {
					fields[i] = f.field
					taken[f.field] = true
					break
				}
			}
			if fields[i] != "" {
				break
			}
		}
	}
	for i := range fields {
		if fields[i] == "-" {
			fields[i] = ""
		}
	}
	return fields, nil
}

// columns says which column gives which field.
func (t *table) columns() map[string]string {
	out := map[string]string{}
	for i, f := range t.field {
		if f != "" {
			out[t.header[i]] = f
		}
	}
	return out
}

// ignored lists the columns no field uses.
func (t *table) ignored() []string {
	var out []string
	for i, f := range t.field {
		if f == "" {
			out = append(out, t.header[i])
		}
	}
	sort.Strings(out)
	return out
}

// row is one table row, read by field.
type row map[string]string

func (r row) get(field string) string { return strings.TrimSpace(r[field]) }

func (t *table) next() (item, error) {
	for {
		rec, err := t.r.Read()
		line := 0
		if err == nil || len(rec) > 0 {
			line, _ = t.r.FieldPos(0)
		}
		if errors.Is(err, io.EOF) {
			return item{}, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return item{line: pe.StartLine, err: model.Errorf(model.Invalid, "malformed CSV: %v", pe.Err)}, nil
		}
		if err != nil {
			return item{}, fmt.Errorf("read CSV: %w", err)
		}
		empty := true
		for _, c := range rec {
			if strings.TrimSpace(c) != "" {
				empty = false
				break
			}
		}
		if empty {
			continue
		}
		if len(rec) > len(t.header) {
			return item{line: line, err: model.Errorf(model.Invalid, "%d cells, but the header has %d columns", len(rec), len(t.header))}, nil
		}
		r := row{}
		for i, c := range rec {
			if f := t.field[i]; f != "" {
				r[f] = c
			}
		}
		doc, err := t.rowFn(r)
		return item{line: line, doc: doc, err: err}, nil
	}
}

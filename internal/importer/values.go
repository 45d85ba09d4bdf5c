package importer

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/newsevents/newsevents/internal/model"
)

// unknownWords are the cells that say a value is not known: they import as nothing, never 0.
var unknownWords = map[string]bool{
	"": true, "-": true, "--": true, "—": true, "–": true, "?": true, "null": true, "nil": true, "none": true,
	"n/a": true, "na": true, "nan": true, "unknown": true, "undisclosed": true, "not disclosed": true, "tbd": true,
}

// isUnknown reports whether cell says the value is unknown.
func isUnknown(cell string) bool { return unknownWords[strings.ToLower(strings.TrimSpace(cell))] }

// number is a value read from a table cell.
type number struct {
	value float64
	// qualifier is exact, approximate ("~120", "about 120") or at_least ("1000+").
	qualifier string
	// percent is set when the cell ended with %.
	percent bool
}

var scales = map[string]float64{
	"k": 1e3, "thousand": 1e3,
	"m": 1e6, "mm": 1e6, "mn": 1e6, "mil": 1e6, "million": 1e6, "millions": 1e6,
	"b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9,
	"t": 1e12, "tn": 1e12, "trillion": 1e12,
}

var numberPattern = regexp.MustCompile(`^([0-9][0-9.,' \x{00a0}\x{202f}]*)\s*([a-z]*)$`)

// parseNumber reads the number trackers write: "3700.0", "1,265", "1 265", "1.265.000",
// "12,5", "$1.2B", "€300m", "15%", "~120", "1000+". ok is false for an unknown cell.
func parseNumber(cell string) (n number, ok bool, err error) {
	s := strings.TrimSpace(cell)
	if isUnknown(s) {
		return n, false, nil
	}
	n.qualifier = "exact"
	low := strings.ToLower(s)
	for _, p := range []string{"~", "≈", "about ", "approx. ", "approx ", "around ", "circa ", "c. "} {
		if strings.HasPrefix(low, p) {
			n.qualifier = "approximate"
			low = strings.TrimSpace(low[len(p):])
		}
	}
	if strings.HasSuffix(low, "+") {
		n.qualifier = "at_least"
		low = strings.TrimSpace(strings.TrimSuffix(low, "+"))
	}
	if strings.HasSuffix(low, "%") {
		n.percent = true
		low = strings.TrimSpace(strings.TrimSuffix(low, "%"))
	}
	for _, c := range []string{"us$", "usd", "$", "€", "eur", "£", "gbp"} {
		low = strings.TrimSpace(strings.TrimPrefix(low, c))
	}
	low = strings.TrimSpace(strings.TrimSuffix(low, "usd"))
	m := numberPattern.FindStringSubmatch(low)
	if m == nil {
		return n, false, fmt.Errorf("%q is not a number", cell)
	}
	digits, unit := m[1], m[2]
	scale := 1.0
	if unit != "" {
		sc, known := scales[unit]
		if !known {
			return n, false, fmt.Errorf("%q is not a number (unknown suffix %q)", cell, unit)
		}
		scale = sc
	}
	v, err := parseDigits(digits)
	if err != nil {
		return n, false, fmt.Errorf("%q is not a number", cell)
	}
	n.value = v * scale
	if n.percent {
		n.value /= 100
	}
	if math.IsInf(n.value, 0) || math.IsNaN(n.value) {
		return n, false, fmt.Errorf("%q is out of range", cell)
	}
	// Twelve significant digits drop the noise of binary fractions some trackers write
	// (0.7000000000000001 for 70 %) and keep every digit a real figure has.
	n.value, _ = strconv.ParseFloat(strconv.FormatFloat(n.value, 'g', 12, 64), 64)
	return n, true, nil
}

// parseDigits reads digits with thousands separators (comma, dot, space, apostrophe) and a
// decimal point or comma. A separator followed by exactly three digits, or repeated, groups
// thousands; otherwise it is the decimal mark.
func parseDigits(s string) (float64, error) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "").Replace(s)
	commas, dots := strings.Count(s, ","), strings.Count(s, ".")
	groups := func(sep string) bool {
		parts := strings.Split(s, sep)
		for _, p := range parts[1:] {
			if len(p) != 3 {
				return false
			}
		}
		return len(parts[0]) >= 1 && len(parts[0]) <= 3
	}
	switch {
	case commas > 0 && dots > 0:
		// The last separator is the decimal mark: "1,265.50" or "1.265,50".
		if strings.LastIndex(s, ".") > strings.LastIndex(s, ",") {
			s = strings.ReplaceAll(s, ",", "")
		} else {
			s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
		}
	case commas > 1 || (commas == 1 && groups(",")):
		s = strings.ReplaceAll(s, ",", "")
	case commas == 1:
		s = strings.ReplaceAll(s, ",", ".")
	case dots > 1 && groups("."):
		s = strings.ReplaceAll(s, ".", "")
	}
	return strconv.ParseFloat(s, 64)
}

var monthNames = map[string]time.Month{}

func init() {
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		monthNames[name] = m
		monthNames[name[:3]] = m
	}
	monthNames["sept"] = time.September
}

// dateLayouts are the full dates trackers write, tried in order. Slashed dates are month
// first (US) unless the first number is over 12.
var dateLayouts = []string{
	"2006-01-02", "2006/01/02", "2006.01.02", "1/2/2006", "2 January 2006", "2 Jan 2006",
	"January 2, 2006", "Jan 2, 2006", "January 2 2006", "Jan 2 2006", "02-Jan-2006", "2-Jan-2006", "02-Jan-06",
	time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05",
}

// parseDate reads a date cell: a full date (day precision), a month ("2022-11", "Nov 2022":
// month precision) or a year ("2022": year precision), and returns its first and last days.
func parseDate(cell string) (start, end model.Date, precision string, err error) {
	s := strings.TrimSpace(cell)
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err == nil && t.Year() >= 1800 {
			d := model.DateOf(t)
			return d, d, "day", nil
		}
	}
	var a, b, y int
	if n, _ := fmt.Sscanf(s, "%d/%d/%d", &a, &b, &y); n == 3 && strings.Count(s, "/") == 2 && a > 12 && b <= 12 && y >= 1800 {
		if t, err := time.Parse("2/1/2006", s); err == nil { // day first
			d := model.DateOf(t)
			return d, d, "day", nil
		}
	}
	for _, layout := range []string{"2006-01", "2006/01", "January 2006", "Jan 2006", "01/2006", "1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			st, en := monthSpan(t.Year(), t.Month())
			return st, en, "month", nil
		}
	}
	if y, err := strconv.Atoi(s); err == nil && y >= 1800 && y <= 2200 {
		return model.NewDate(y, time.January, 1), model.NewDate(y, time.December, 31), "year", nil
	}
	return start, end, "", fmt.Errorf("%q is not a date (give it as YYYY-MM-DD, M/D/YYYY, 2 Jan 2006, YYYY-MM or YYYY)", cell)
}

// monthSpan returns the first and last days of a month.
func monthSpan(y int, m time.Month) (model.Date, model.Date) {
	first := model.NewDate(y, m, 1)
	return first, model.NewDate(y, m+1, 0)
}

// parseMonth reads a month cell: "Mar", "March", "3", "03".
func parseMonth(cell string) (time.Month, error) {
	s := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(cell), ".")))
	if m, ok := monthNames[s]; ok {
		return m, nil
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 12 {
		return time.Month(n), nil
	}
	return 0, fmt.Errorf("%q is not a month", cell)
}

// countries maps the country names trackers write to ISO 3166-1 alpha-2 codes.
var countries = map[string]string{
	"united states": "US", "usa": "US", "us": "US", "u.s.": "US", "united states of america": "US",
	"united kingdom": "GB", "uk": "GB", "u.k.": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
	"india": "IN", "canada": "CA", "israel": "IL", "germany": "DE", "brazil": "BR", "australia": "AU",
	"singapore": "SG", "china": "CN", "indonesia": "ID", "france": "FR", "netherlands": "NL", "the netherlands": "NL",
	"sweden": "SE", "spain": "ES", "nigeria": "NG", "kenya": "KE", "switzerland": "CH", "ireland": "IE",
	"mexico": "MX", "hong kong": "HK", "estonia": "EE", "finland": "FI", "norway": "NO", "denmark": "DK",
	"japan": "JP", "south korea": "KR", "korea": "KR", "argentina": "AR", "austria": "AT", "bahrain": "BH",
	"belgium": "BE", "bulgaria": "BG", "cayman islands": "KY", "chile": "CL", "colombia": "CO", "cyprus": "CY",
	"czech republic": "CZ", "czechia": "CZ", "egypt": "EG", "ghana": "GH", "greece": "GR", "hungary": "HU",
	"italy": "IT", "lithuania": "LT", "luxembourg": "LU", "malaysia": "MY", "malta": "MT", "myanmar": "MM",
	"new zealand": "NZ", "pakistan": "PK", "peru": "PE", "philippines": "PH", "poland": "PL", "portugal": "PT",
	"romania": "RO", "russia": "RU", "saudi arabia": "SA", "senegal": "SN", "seychelles": "SC",
	"south africa": "ZA", "thailand": "TH", "turkey": "TR", "türkiye": "TR", "uae": "AE",
	"united arab emirates": "AE", "ukraine": "UA", "uruguay": "UY", "vietnam": "VN", "taiwan": "TW",
	"latvia": "LV", "slovakia": "SK", "slovenia": "SI", "croatia": "HR", "serbia": "RS", "iceland": "IS",
	"qatar": "QA", "jordan": "JO", "lebanon": "LB", "morocco": "MA", "tunisia": "TN", "bangladesh": "BD",
	"sri lanka": "LK", "nepal": "NP", "venezuela": "VE", "ecuador": "EC", "costa rica": "CR", "panama": "PA",
}

// countryCode returns the ISO code of a country cell, nil when it is not a known country.
func countryCode(cell string) *string {
	s := strings.TrimSpace(cell)
	if len(s) == 2 && strings.ToUpper(s) == s && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' {
		return &s
	}
	if c, ok := countries[strings.ToLower(s)]; ok {
		return &c
	}
	return nil
}

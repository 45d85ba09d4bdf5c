package importer

import "testing"

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in        string
		want      float64
		qualifier string
		ok        bool
	}{
		{"3700.0", 3700, "exact", true},
		{"1,265", 1265, "exact", true},
		{"1 265", 1265, "exact", true},
		{"1.265.000", 1265000, "exact", true},
		{"12,5", 12.5, "exact", true},
		{"1,265.50", 1265.5, "exact", true},
		{"1.265,50", 1265.5, "exact", true},
		{"$1.2B", 1.2e9, "exact", true},
		{"€300m", 300e6, "exact", true},
		{"44 billion", 44e9, "exact", true},
		{"15%", 0.15, "exact", true},
		{"~120", 120, "approximate", true},
		{"about 120", 120, "approximate", true},
		{"1000+", 1000, "at_least", true},
		{"0.7000000000000001", 0.7, "exact", true},
		{"50100000000", 50100000000, "exact", true},
		{"", 0, "", false},
		{"NULL", 0, "", false},
		{"null", 0, "", false},
		{"-", 0, "", false},
		{"undisclosed", 0, "", false},
		{"N/A", 0, "", false},
	}
	for _, tt := range tests {
		n, ok, err := parseNumber(tt.in)
		if err != nil || ok != tt.ok || (ok && (n.value != tt.want || n.qualifier != tt.qualifier)) {
			t.Errorf("parseNumber(%q) = %+v, %v, %v; want %v %s %v", tt.in, n, ok, err, tt.want, tt.qualifier, tt.ok)
		}
	}
	for _, bad := range []string{"forty", "12 apples", "1e5x", "--5"} {
		if _, _, err := parseNumber(bad); err == nil {
			t.Errorf("parseNumber(%q) accepted", bad)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, start, end, precision string }{
		{"11/4/2022", "2022-11-04", "2022-11-04", "day"},
		{"1/28/2026", "2026-01-28", "2026-01-28", "day"},
		{"13/4/2024", "2024-04-13", "2024-04-13", "day"},
		{"2022-11-04", "2022-11-04", "2022-11-04", "day"},
		{"5 Mar 2024", "2024-03-05", "2024-03-05", "day"},
		{"March 5, 2024", "2024-03-05", "2024-03-05", "day"},
		{"2022-11-04T09:00:00Z", "2022-11-04", "2022-11-04", "day"},
		{"2024-02", "2024-02-01", "2024-02-29", "month"},
		{"Mar 2024", "2024-03-01", "2024-03-31", "month"},
		{"2024", "2024-01-01", "2024-12-31", "year"},
	}
	for _, tt := range tests {
		s, e, p, err := parseDate(tt.in)
		if err != nil || s.String() != tt.start || e.String() != tt.end || p != tt.precision {
			t.Errorf("parseDate(%q) = %s %s %s %v, want %s %s %s", tt.in, s, e, p, err, tt.start, tt.end, tt.precision)
		}
	}
	for _, bad := range []string{"2024-02-30", "13/13/2024", "yesterday", "32/1/2024"} {
		if _, _, _, err := parseDate(bad); err == nil {
			t.Errorf("parseDate(%q) accepted", bad)
		}
	}
}

func TestHeaders(t *testing.T) {
	tests := []struct {
		header []string
		kind   string
	}{
		{[]string{"company", "location", "total_laid_off", "date", "percentage_laid_off", "industry", "source", "stage", "funds_raised", "country", "date_added"}, TableLayoffs},
		{[]string{"Company Name", "# Laid Off", "Date Announced", "URL"}, TableLayoffs},
		{[]string{"ID", "Parent Company", "Acquisition Year", "Acquisition Month", "Acquired Company", "Acquisition Price"}, TableAcquisitions},
		{[]string{"Acquirer", "Target", "Date", "Deal Value (USD)"}, TableAcquisitions},
		{[]string{"foo", "bar"}, ""},
	}
	for _, tt := range tests {
		if got := detectKind(tt.header, nil); got != tt.kind {
			t.Errorf("detectKind(%q) = %q, want %q", tt.header, got, tt.kind)
		}
	}
	if got := normalizeHeader(" Acquisition Price ($) "); got != "acquisition_price" {
		t.Errorf("normalizeHeader = %q", got)
	}
	if got := detectKind([]string{"Firm", "Cuts", "When"}, map[string]string{"Firm": "company", "cuts": "laid_off"}); got != TableLayoffs {
		t.Errorf("detectKind with a mapping = %q", got)
	}
}

func TestSlugAndTitle(t *testing.T) {
	if got := asciiSlug("Électricité de France, S.A.", 60); got != "electricite-de-france-s-a" {
		t.Errorf("asciiSlug = %q", got)
	}
	if got := thousands(16000); got != "16,000" {
		t.Errorf("thousands = %q", got)
	}
	if got := layoffTitle("Entropy", nil, &number{value: 1}); got != "Entropy shuts down, laying off all its staff" {
		t.Errorf("title = %q", got)
	}
}

package extract

import (
	"testing"
	"time"
)

func firstDate(t *testing.T, lang, text string, pub string) (dateVal, *extractor) {
	t.Helper()
	x := &extractor{text: text, lang: lang}
	if pub != "" {
		x.pub, x.hasPub = mustDay(t, pub), true
	}
	x.toks = tokenize(text)
	x.sents = splitSentences(x.toks)
	x.sentOf = make([]int32, len(x.toks))
	for si, s := range x.sents {
		for k := s.first; k < s.last; k++ {
			x.sentOf[k] = int32(si)
		}
	}
	x.markFuture()
	x.readDates()
	if len(x.dates) == 0 {
		t.Fatalf("%s %q: no date", lang, text)
	}
	return x.dates[0], x
}

func TestDates(t *testing.T) {
	const pub = "2022-11-18" // a Friday
	tests := []struct {
		lang, text, start, end, prec, quote string
	}{
		// absolute
		{"fr", "le 4 novembre 2022", "2022-11-04", "2022-11-04", "day", "le 4 novembre 2022"},
		{"fr", "le 1er novembre", "2022-11-01", "2022-11-01", "day", "le 1er novembre"},
		{"fr", "mercredi 16 novembre", "2022-11-16", "2022-11-16", "day", "mercredi 16 novembre"},
		{"en", "on Nov. 4", "2022-11-04", "2022-11-04", "day", "Nov. 4"},
		{"en", "November 4, 2022", "2022-11-04", "2022-11-04", "day", "November 4, 2022"},
		{"en", "on Friday, Nov 4th", "2022-11-04", "2022-11-04", "day", "Friday, Nov 4th"},
		{"en", "the 4th of November", "2022-11-04", "2022-11-04", "day", "the 4th of November"},
		{"en", "2022-11-04", "2022-11-04", "2022-11-04", "day", "2022-11-04"},
		{"fr", "le 04/11/2022", "2022-11-04", "2022-11-04", "day", "04/11/2022"},
		{"en", "on 11/04/2022", "2022-11-04", "2022-11-04", "day", "11/04/2022"},
		{"fr", "en octobre", "2022-10-01", "2022-10-31", "month", "octobre"},
		{"en", "in October", "2022-10-01", "2022-10-31", "month", "October"},
		{"en", "in December", "2022-12-01", "2022-12-31", "month", "December"},
		{"en", "It closed the deal in January", "2022-01-01", "2022-01-31", "month", "January"},
		{"fr", "en mars 2021", "2021-03-01", "2021-03-31", "month", "mars 2021"},
		{"fr", "début novembre", "2022-11-01", "2022-11-10", "month", "début novembre"},
		{"fr", "fin octobre", "2022-10-21", "2022-10-31", "month", "fin octobre"},
		{"fr", "à la mi-novembre", "2022-11-11", "2022-11-20", "month", "mi-novembre"},
		{"en", "in early November", "2022-11-01", "2022-11-10", "month", "in early November"},
		{"en", "late October", "2022-10-21", "2022-10-31", "month", "late October"},
		{"fr", "en 2021", "2021-01-01", "2021-12-31", "year", "2021"},
		{"en", "by the end of 2023", "2023-09-01", "2023-12-31", "year", "the end of 2023"},
		{"en", "the 2021 merger of Fiat Chrysler and PSA", "2021-01-01", "2021-12-31", "year", "2021"},
		{"fr", "au troisième trimestre 2022", "2022-07-01", "2022-09-30", "quarter", "troisième trimestre 2022"},
		{"en", "in the third quarter", "2022-07-01", "2022-09-30", "quarter", "third quarter"},
		{"en", "in Q4", "2022-10-01", "2022-12-31", "quarter", "Q4"},
		// relative to publication
		{"fr", "il y a deux semaines", "2022-11-04", "2022-11-04", "week", "il y a deux semaines"},
		{"fr", "il y a quinze jours", "2022-11-03", "2022-11-03", "week", "il y a quinze jours"},
		{"en", "two weeks ago", "2022-11-04", "2022-11-04", "week", "two weeks ago"},
		{"en", "three days ago", "2022-11-15", "2022-11-15", "day", "three days ago"},
		{"fr", "Mercredi, il a parlé", "2022-11-16", "2022-11-16", "day", "Mercredi"},
		{"fr", "vendredi dernier", "2022-11-11", "2022-11-11", "day", "vendredi dernier"},
		{"en", "on Wednesday", "2022-11-16", "2022-11-16", "day", "Wednesday"},
		{"en", "He will speak on Monday", "2022-11-21", "2022-11-21", "day", "Monday"},
		{"en", "next Tuesday", "2022-11-22", "2022-11-22", "day", "next Tuesday"},
		{"fr", "hier", "2022-11-17", "2022-11-17", "day", "hier"},
		{"fr", "aujourd'hui", "2022-11-18", "2022-11-18", "day", "aujourd'hui"},
		{"en", "yesterday", "2022-11-17", "2022-11-17", "day", "yesterday"},
		{"en", "last week", "2022-11-07", "2022-11-13", "week", "last week"},
		{"fr", "la semaine dernière", "2022-11-07", "2022-11-13", "week", "la semaine dernière"},
		{"fr", "le mois dernier", "2022-10-01", "2022-10-31", "month", "le mois dernier"},
		{"en", "earlier this month", "2022-11-01", "2022-11-18", "month", "earlier this month"},
		{"en", "last year", "2021-01-01", "2021-12-31", "year", "last year"},
		{"en", "in January last year", "2021-01-01", "2021-01-31", "month", "January last year"},
		{"en", "in March of this year", "2022-03-01", "2022-03-31", "month", "March of this year"},
		{"fr", "en mars de l'an dernier", "2021-03-01", "2021-03-31", "month", "mars de l'an dernier"},
		{"fr", "en décembre l'année dernière", "2021-12-01", "2021-12-31", "month", "décembre l'année dernière"},
		{"fr", "l'an dernier", "2021-01-01", "2021-12-31", "year", "l'an dernier"},
		{"fr", "durant l'été", "2022-06-21", "2022-09-22", "season", "durant l'été"},
		{"fr", "cet été", "2022-06-21", "2022-09-22", "season", "cet été"},
		{"en", "this summer", "2022-06-21", "2022-09-22", "season", "this summer"},
		{"en", "last winter", "2021-12-21", "2022-03-19", "season", "last winter"},
		{"fr", "l'hiver prochain", "2022-12-21", "2023-03-19", "season", "l'hiver prochain"},
		{"en", "in the spring of 2021", "2021-03-20", "2021-06-20", "season", "in the spring of 2021"},
		{"fr", "depuis le mois dernier", "2022-10-01", "2022-11-18", "month", "depuis le mois dernier"},
		{"fr", "récemment", "2022-10-18", "2022-11-18", "month", "récemment"},
	}
	for _, tt := range tests {
		d, x := firstDate(t, tt.lang, tt.text, pub)
		got := x.spanText(d.first, d.last)
		if !d.resolved || isoDay(d.start) != tt.start || isoDay(d.end) != tt.end || d.prec != tt.prec || got != tt.quote {
			t.Errorf("%s %q: got %s..%s %s %q resolved=%v, want %s..%s %s %q", tt.lang, tt.text,
				isoDay(d.start), isoDay(d.end), d.prec, got, d.resolved, tt.start, tt.end, tt.prec, tt.quote)
		}
	}
}

// Without a publication date relative expressions keep their precision
// but get no range.
func TestDatesUnresolved(t *testing.T) {
	for _, tt := range []struct{ lang, text, prec string }{
		{"fr", "il y a deux semaines", "week"}, {"fr", "mercredi", "day"}, {"en", "last week", "week"},
		{"en", "this summer", "season"}, {"fr", "le 4 novembre", "day"},
	} {
		d, _ := firstDate(t, tt.lang, tt.text, "")
		if d.resolved || d.prec != tt.prec {
			t.Errorf("%s %q: resolved=%v prec %s, want unresolved %s", tt.lang, tt.text, d.resolved, d.prec, tt.prec)
		}
	}
	d, _ := firstDate(t, "fr", "le 4 novembre 2022", "")
	if !d.resolved || isoDay(d.start) != "2022-11-04" {
		t.Errorf("absolute date with year: %+v", d)
	}
}

// "$44" is no year and "the fall of Twitter" no season.
func TestNotDates(t *testing.T) {
	for _, tt := range []struct{ lang, text string }{
		{"en", "Musk paid $44 billion for the company."},
		{"en", "The fall of Twitter may be near."},
		{"fr", "Le groupe emploie 2 000 salariés en France."},
		{"en", "The company may cut more jobs."},
		{"en", "The 2021 employees of the plant may lose their jobs."},
	} {
		x := &extractor{text: tt.text, lang: tt.lang, pub: day(2022, 11, 18), hasPub: true}
		x.toks = tokenize(tt.text)
		x.sents = splitSentences(x.toks)
		x.sentOf = make([]int32, len(x.toks))
		x.readDates()
		if len(x.dates) != 0 {
			t.Errorf("%q: got date %q", tt.text, x.spanText(x.dates[0].first, x.dates[0].last))
		}
	}
}

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

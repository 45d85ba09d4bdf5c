package extract

import "testing"

// firstValue reads the values of text and returns the first one.
func firstValue(t *testing.T, lang, text string) (value, *extractor) {
	t.Helper()
	x := &extractor{text: text, lang: lang, pub: day(2022, 11, 18), hasPub: true}
	x.toks = tokenize(text)
	x.sents = splitSentences(x.toks)
	x.sentOf = make([]int32, len(x.toks))
	for si, s := range x.sents {
		for k := s.first; k < s.last; k++ {
			x.sentOf[k] = int32(si)
		}
	}
	x.readDates()
	x.readValues()
	if len(x.vals) == 0 {
		t.Fatalf("%s %q: no value", lang, text)
	}
	return x.vals[0], x
}

func TestValues(t *testing.T) {
	tests := []struct {
		lang, text string
		kind       valKind
		want       string
		unit       string // currency code for money
		qual       string
	}{
		// digits and separators, by language
		{"fr", "7.500 employés", vCount, "7500", "", QualExact},
		{"fr", "7.500 employés", vCount, "7500", "", QualExact},
		{"fr", "7\u00a0500 employés", vCount, "7500", "", QualExact},
		{"fr", "7\u202f500 employés", vCount, "7500", "", QualExact},
		{"fr", "650.000 tweets", vCount, "650000", "", QualExact},
		{"fr", "1 250 000 abonnés", vCount, "1250000", "", QualExact},
		{"en", "7,500 employees", vCount, "7500", "", QualExact},
		{"en", "1,250,000 users", vCount, "1250000", "", QualExact},
		{"fr", "3,7 milliards d'euros", vMoney, "3700000000", "EUR", QualExact},
		{"en", "$1.2bn", vMoney, "1200000000", "USD", QualExact},
		{"en", "3.7 billion dollars", vMoney, "3700000000", "USD", QualExact},
		{"en", "1,275 billion", vCount, "1275000000000", "", QualExact},
		{"fr", "44 milliards de dollars", vMoney, "44000000000", "USD", QualExact},
		{"fr", "27 milliards de dollars financés", vMoney, "27000000000", "USD", QualExact},
		{"fr", "12,5 millions d'euros", vMoney, "12500000", "EUR", QualExact},
		{"fr", "3 M€", vMoney, "3000000", "EUR", QualExact},
		{"fr", "44 Md$", vMoney, "44000000000", "USD", QualExact},
		{"en", "£1.5m", vMoney, "1500000", "GBP", QualExact},
		{"en", "€250 million", vMoney, "250000000", "EUR", QualExact},
		{"en", "US$5bn", vMoney, "5000000000", "USD", QualExact},
		{"en", "C$300 million", vMoney, "300000000", "CAD", QualExact},
		{"en", "USD 2.5 million", vMoney, "2500000", "USD", QualExact},
		{"en", "10k workers", vCount, "10000", "", QualExact},
		{"fr", "2 millions de dollars canadiens", vMoney, "2000000", "CAD", QualExact},
		{"fr", "deux milliards et demi d'euros", vMoney, "2500000000", "EUR", QualExact},
		// number words
		{"fr", "deux salariés", vCount, "2", "", QualExact},
		{"fr", "trois cents salariés", vCount, "300", "", QualExact},
		{"fr", "quatre-vingt-dix postes", vCount, "90", "", QualExact},
		{"fr", "deux mille emplois", vCount, "2000", "", QualExact},
		{"fr", "un million d'euros", vMoney, "1000000", "EUR", QualExact},
		{"en", "twenty-one engineers", vCount, "21", "", QualExact},
		{"en", "a dozen executives", vCount, "12", "", QualApproximate},
		{"en", "two thousand workers", vCount, "2000", "", QualExact},
		{"en", "half a million dollars", vMoney, "500000", "USD", QualApproximate},
		// fractions and percents
		{"fr", "la moitié des salariés", vFraction, "0.5", "", QualExact},
		{"fr", "un tiers des effectifs", vFraction, "0.3333", "", QualExact},
		{"fr", "les deux tiers des postes", vFraction, "0.6667", "", QualExact},
		{"fr", "un salarié sur cinq", vFraction, "0.2", "", QualExact},
		{"en", "half of its staff", vFraction, "0.5", "", QualExact},
		{"en", "a third of its workforce", vFraction, "0.3333", "", QualExact},
		{"en", "two-thirds of employees", vFraction, "0.6667", "", QualExact},
		{"en", "one in five workers", vFraction, "0.2", "", QualExact},
		{"fr", "10 % des effectifs", vPercent, "0.1", "", QualExact},
		{"fr", "12,5 % de ses salariés", vPercent, "0.125", "", QualExact},
		{"fr", "57,35 % du capital", vPercent, "0.5735", "", QualExact},
		{"en", "10 percent of staff", vPercent, "0.1", "", QualExact},
		{"en", "13% of its workforce", vPercent, "0.13", "", QualExact},
		// vague quantities and qualifiers
		{"fr", "plusieurs centaines de salariés", vCount, "200", "", QualAtLeast},
		{"fr", "des milliers de postes", vCount, "2000", "", QualAtLeast},
		{"fr", "des dizaines de milliers d'emplois", vCount, "20000", "", QualAtLeast},
		{"fr", "une centaine de salariés", vCount, "100", "", QualApproximate},
		{"fr", "un millier d'emplois", vCount, "1000", "", QualApproximate},
		{"en", "hundreds of employees", vCount, "200", "", QualAtLeast},
		{"en", "tens of thousands of workers", vCount, "20000", "", QualAtLeast},
		{"en", "several hundred staff", vCount, "200", "", QualAtLeast},
		{"fr", "près de 700 salariés", vCount, "700", "", QualApproximate},
		{"fr", "environ 700 salariés", vCount, "700", "", QualApproximate},
		{"fr", "plus de 650.000 tweets", vCount, "650000", "", QualAtLeast},
		{"fr", "au moins 300 postes", vCount, "300", "", QualAtLeast},
		{"fr", "jusqu'à 2 000 emplois", vCount, "2000", "", QualAtMost},
		{"en", "about 11,000 employees", vCount, "11000", "", QualApproximate},
		{"en", "more than 10,000 jobs", vCount, "10000", "", QualAtLeast},
		{"en", "nearly $70 billion", vMoney, "70000000000", "USD", QualApproximate},
		{"en", "up to 1,000 positions", vCount, "1000", "", QualAtMost},
		{"en", "fewer than 50 people", vCount, "50", "", QualAtMost},
		// ranges
		{"fr", "entre 500 et 700 postes", vCount, "600", "", QualRange},
		{"en", "between $10bn and $12bn", vMoney, "11000000000", "USD", QualRange},
		{"fr", "entre 10 et 12 milliards d'euros", vMoney, "11000000000", "EUR", QualRange},
		{"en", "8,000 to 10,000 jobs", vCount, "9000", "", QualRange},
	}
	for _, tt := range tests {
		v, _ := firstValue(t, tt.lang, tt.text)
		if v.kind != tt.kind || v.v.String() != tt.want || v.cur != tt.unit || v.qual != tt.qual {
			t.Errorf("%s %q: got kind %d value %s cur %q qual %s, want kind %d value %s cur %q qual %s",
				tt.lang, tt.text, v.kind, v.v, v.cur, v.qual, tt.kind, tt.want, tt.unit, tt.qual)
		}
	}
}

func TestValueRangeBounds(t *testing.T) {
	v, _ := firstValue(t, "en", "between $10bn and $12bn")
	if v.low.String() != "10000000000" || v.high.String() != "12000000000" {
		t.Errorf("low %s high %s", v.low, v.high)
	}
}

// Numbers that are no figures: years, times, codes, ordinals, hashtags.
func TestNotFigures(t *testing.T) {
	for _, tt := range []struct{ lang, text string }{
		{"fr", "Le groupe, fondé en 1998 à Paris, a ouvert à 17h30 au 01 23 45 67 89."},
		{"en", "Founded in 2006, the company ranks #1 in its market, its 2nd year at 10:30."},
		{"fr", "Elon Musk, 51 ans, a publié son 3e message en 2022."},
	} {
		x := &extractor{text: tt.text, lang: tt.lang, pub: day(2022, 11, 18), hasPub: true}
		x.toks = tokenize(tt.text)
		x.sents = splitSentences(x.toks)
		x.sentOf = make([]int32, len(x.toks))
		x.readDates()
		x.readValues()
		x.readFigures()
		if len(x.figs) != 0 {
			t.Errorf("%q: got figures %+v", tt.text, x.figs)
		}
	}
}

func TestDecimalString(t *testing.T) {
	for _, tt := range []struct {
		d    dec
		want string
	}{
		{dec{c: 37, e: 8}, "3700000000"}, {dec{c: 13, e: -2}, "0.13"}, {dec{c: 5, e: -1}, "0.5"},
		{dec{c: 125, e: -3}, "0.125"}, {dec{c: 7500}, "7500"}, {dec{c: 0}, "0"},
	} {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%+v: got %s want %s", tt.d, got, tt.want)
		}
	}
	if r, exact := decInt(7500).mulRat(1, 2); r.String() != "3750" || !exact {
		t.Errorf("7500/2 = %s exact %v", r, exact)
	}
	if r, exact := decInt(1000).mulRat(1, 3); r.String() != "333.3333" || exact {
		t.Errorf("1000/3 = %s exact %v", r, exact)
	}
}

// TestCFAFrancs: the CFA franc is West Africa's (XOF) or Central Africa's (XAF) by the countries
// the text names; when they do not tell, the amount has no currency (never the Swiss franc).
func TestCFAFrancs(t *testing.T) {
	for _, tt := range []struct{ lang, text, want string }{
		{"fr", "40 milliards de FCFA pour la filiale burkinabè, à Ouagadougou", "XOF"},
		{"fr", "38 milliards de francs CFA, a annoncé Yaoundé ; la banque camerounaise", "XAF"},
		{"fr", "12 milliards F CFA à Dakar", "XOF"},
		{"en", "50 billion CFA francs, Senegal's finance ministry said", "XOF"},
		{"fr", "À Douala, 38 milliards de FCFA ; le groupe a quitté le Burkina Faso, le Tchad et le Gabon", "XAF"},
		{"fr", "3 milliards XAF", "XAF"},
		{"en", "XOF 5 billion", "XOF"},
	} {
		v, _ := firstValue(t, tt.lang, tt.text)
		if v.kind != vMoney || v.cur != tt.want {
			t.Errorf("%s %q: kind %d cur %q, want money in %s", tt.lang, tt.text, v.kind, v.cur, tt.want)
		}
	}
	for _, text := range []string{
		"40 milliards de FCFA, selon la banque",                          // no country
		"40 milliards de francs CFA entre Abidjan et Libreville",         // one of each
		"40 milliards de FCFA : Dakar, Abidjan, Bamako, Douala, Yaoundé", // three to two
	} {
		v, _ := firstValue(t, "fr", text)
		if v.kind == vMoney {
			t.Errorf("%q: read as money in %q, want no currency", text, v.cur)
		}
	}
}

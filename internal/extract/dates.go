package extract

import (
	"strconv"
	"strings"
	"time"
)

// dateVal is a date expression over tokens [first, last), resolved against
// the publication date when it is relative.
type dateVal struct {
	first, last int
	start, end  time.Time
	prec        string
	resolved    bool // start and end are known
	deadline    bool // "by 2030", "d'ici 2025", "until Monday": a limit, not when it happened
	vague       bool // "récemment", "recently": a weak date
}

var frMonths = map[string]time.Month{
	"janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
	"juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
	"novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}

var enMonths = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"lundi": time.Monday, "mardi": time.Tuesday, "mercredi": time.Wednesday, "jeudi": time.Thursday,
	"vendredi": time.Friday, "samedi": time.Saturday, "dimanche": time.Sunday,
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

var seasons = map[string]int{
	"printemps": spring, "ete": summer, "automne": autumn, "hiver": winter,
	"spring": spring, "summer": summer, "autumn": autumn, "fall": autumn, "winter": winter,
}

// readDates finds every date expression; their tokens are then not read as
// figures.
func (x *extractor) readDates() {
	x.dateAt = make([]int32, len(x.toks))
	for i := range x.dateAt {
		x.dateAt[i] = -1
	}
	for i := 0; i < len(x.toks); {
		d, ok := x.readDate(i)
		if !ok {
			i++
			continue
		}
		idx := int32(len(x.dates))
		x.dates = append(x.dates, d)
		for k := d.first; k < d.last; k++ {
			x.dateAt[k] = idx
		}
		i = d.last
	}
}

// at returns the fold of token k if it is on the same line as token i.
func (x *extractor) at(i, k int) string {
	if k < 0 || k >= len(x.toks) || (k > i && x.toks[k].space >= spLine) {
		return ""
	}
	return x.toks[k].fold
}

func (x *extractor) readDate(i int) (dateVal, bool) {
	if x.dateRules(i) == 0 {
		return dateVal{}, false
	}
	j := i
	since := x.toks[i].fold == "depuis" || x.toks[i].fold == "since"
	if since {
		j++
	}
	if j >= len(x.toks) {
		return dateVal{}, false
	}
	d, ok := x.readDateCore(j)
	if !ok {
		return d, false
	}
	d.first = i
	if i > 0 {
		switch x.toks[i-1].fold {
		case "by", "until", "till", "ici", "jusqu'", "before", "avant", "through":
			d.deadline = true
		case "a":
			d.deadline = i > 1 && (x.toks[i-2].fold == "ici" || x.toks[i-2].fold == "jusqu'") // "d'ici à 2026"
		case "for", "pour":
			// "a cost-reduction plan for 2025", "l'objectif pour 2026": a
			// period the plan aims at, not when the news happened.
			d.deadline = d.prec == PrecisionYear || d.prec == PrecisionQuarter
		}
	}
	if since && d.resolved && x.hasPub && d.end.Before(x.pub) {
		d.end = x.pub
	}
	return d, true
}

// Date rules, as bits: which rules a token may start.
const (
	drISO = 1 << iota
	drNumeric
	drAgo
	drDayMonth
	drMonthDay
	drModified
	drMonth
	drQuarter
	drSeason
	drRelative
	drWeekday
	drYear
)

// dateRules tells which date rules may start at token i.
func (x *extractor) dateRules(i int) uint16 {
	t := x.toks[i]
	if t.kind == tkNum {
		m := uint16(drNumeric | drAgo | drDayMonth | drQuarter)
		if len(t.fold) == 4 {
			m |= drISO | drYear
		}
		return m
	}
	if t.kind != tkWord {
		return 0
	}
	m := tables().dateRuleStarts[t.fold]
	if strings.HasPrefix(t.fold, "mi-") || strings.HasPrefix(t.fold, "mid-") {
		m |= drModified
	}
	if strings.HasSuffix(t.fold, "-quarter") {
		m |= drQuarter
	}
	return m
}

func (x *extractor) readDateCore(i int) (dateVal, bool) {
	rules := x.dateRules(i)
	for _, r := range [...]struct {
		bit  uint16
		rule func(int) (dateVal, bool)
	}{
		{drISO, x.dateISO}, {drNumeric, x.dateNumeric}, {drAgo, x.dateAgo}, {drDayMonth, x.dateDayMonth},
		{drMonthDay, x.dateMonthDay}, {drModified, x.dateModified}, {drMonth, x.dateMonth}, {drQuarter, x.dateQuarter},
		{drSeason, x.dateSeason}, {drRelative, x.dateRelative}, {drWeekday, x.dateWeekday}, {drYear, x.dateYear},
	} {
		if rules&r.bit == 0 {
			continue
		}
		if d, ok := r.rule(i); ok {
			return d, true
		}
	}
	return dateVal{}, false
}

// future tells whether the verb near token i speaks of what is to come: a
// past auxiliary next to the date wins over a future elsewhere in the
// sentence ("a prononcé mercredi la liquidation de l'enseigne, qui va
// fermer ses magasins").
func (x *extractor) future(i int) bool {
	s := x.sents[x.sentOf[i]]
	past := []string{"had", "has", "have", "was", "were", "did", "said", "announced", "told", "confirmed", "disclosed", "reported", "revealed", "informed", "notified", "unveiled"}
	if x.lang == French {
		past = []string{"a", "ont", "avait", "avaient", "a-t-il", "a-t-elle", "fut"}
	}
	// The verb before the date first ("will shut down its service in
	// January, the company said"), then the one after.
	isFuture := func(f string) bool {
		return f == "will" || f == "va" || f == "vont" || f == "sera" || f == "seront" || f == "shall" || x.lang == French && frFutureForm(f)
	}
	for k := i - 1; k >= s.first && k >= i-10; k-- {
		f := x.toks[k].fold
		if x.toks[k].kind == tkPunct && f != "'" {
			break
		}
		switch {
		case f == "partir" && k > 0 && x.toks[k-1].text == "à" && k >= i-3:
			return true // "à partir du 1er décembre" looks ahead
		case x.toks[k].text == "à" || x.toks[k].text == "À":
			// the preposition, not the auxiliary "a"
		case contains(past, f):
			return false
		case isFuture(f):
			return true
		}
	}
	for k := i; k < min(i+5, s.last); k++ {
		f := x.toks[k].fold
		switch {
		case x.toks[k].text == "à":
		case contains(past, f):
			return false
		case isFuture(f):
			return true
		}
	}
	return s.future
}

// frFutureForm tells whether a French verb form is a simple future of
// the third person ("quittera", "fermeront", "reprendra").
func frFutureForm(f string) bool {
	if len(f) < 7 {
		return false
	}
	for _, suf := range [...]string{"era", "eront", "ira", "iront", "dra", "dront"} {
		if strings.HasSuffix(f, suf) {
			return true
		}
	}
	return false
}

// month reads a month name at i (with an optional abbreviation dot).
func (x *extractor) month(i int) (time.Month, int, bool) {
	if i >= len(x.toks) || x.toks[i].kind != tkWord {
		return 0, i, false
	}
	t := x.toks[i]
	var m time.Month
	var ok bool
	if x.lang == French {
		m, ok = frMonths[t.fold]
	} else {
		m, ok = enMonths[t.fold]
		ok = ok && t.upper
	}
	if !ok {
		return 0, i, false
	}
	j := i + 1
	if len(t.fold) <= 4 && j < len(x.toks) && x.toks[j].text == "." && x.toks[j].space == spNone {
		j++
	}
	return m, j, true
}

// dayNum reads a day of the month: "4", "1er", "4th", "premier".
func (x *extractor) dayNum(i int) (int, int, bool) {
	if i >= len(x.toks) {
		return 0, i, false
	}
	t := x.toks[i]
	if t.kind == tkWord && (t.fold == "premier" || t.fold == "first") {
		return 1, i + 1, true
	}
	if t.kind != tkNum || len(t.fold) > 2 {
		return 0, i, false
	}
	d, _ := strconv.Atoi(t.fold)
	if d < 1 || d > 31 {
		return 0, i, false
	}
	j := i + 1
	if j < len(x.toks) && x.toks[j].space == spNone && x.toks[j].kind == tkWord && ordinalSuffixes[x.toks[j].fold] {
		j++
	}
	return d, j, true
}

// yearNum reads a four-digit year 1900..2100.
func (x *extractor) yearNum(i int) (int, int, bool) {
	if i >= len(x.toks) || x.toks[i].kind != tkNum || len(x.toks[i].fold) != 4 || x.toks[i].space >= spLine {
		return 0, i, false
	}
	y, _ := strconv.Atoi(x.toks[i].fold)
	if y < 1900 || y > 2100 {
		return 0, i, false
	}
	// "2022 employees" is a count, not a year: leave it to the figure rules.
	if i+1 < len(x.toks) && (x.toks[i+1].text == "," || x.toks[i+1].text == ".") && x.toks[i+1].space == spNone && i+2 < len(x.toks) && x.toks[i+2].kind == tkNum && x.toks[i+2].space == spNone {
		return 0, i, false
	}
	return y, i + 1, true
}

func (x *extractor) dayDate(first, last int, y int, m time.Month, d int, hasYear bool) (dateVal, bool) {
	v := dateVal{first: first, last: last, prec: PrecisionDay}
	if !hasYear {
		if !x.hasPub {
			return v, true
		}
		y = pickYear(x.pub, m, d, x.future(first))
	}
	t := day(y, m, d)
	if t.Month() != m {
		return v, false // 31 November
	}
	v.start, v.end, v.resolved = t, t, true
	return v, true
}

// dateISO reads 2022-11-04 and 2022-11.
func (x *extractor) dateISO(i int) (dateVal, bool) {
	y, j, ok := x.yearNum(i)
	if !ok || x.at(i, j) != "-" || x.toks[j].space != spNone || j+1 >= len(x.toks) || x.toks[j+1].kind != tkNum || x.toks[j+1].space != spNone {
		return dateVal{}, false
	}
	m, _ := strconv.Atoi(x.toks[j+1].fold)
	if m < 1 || m > 12 || len(x.toks[j+1].fold) != 2 {
		return dateVal{}, false
	}
	k := j + 2
	if x.at(i, k) == "-" && x.toks[k].space == spNone && k+1 < len(x.toks) && x.toks[k+1].kind == tkNum && x.toks[k+1].space == spNone && len(x.toks[k+1].fold) == 2 {
		d, _ := strconv.Atoi(x.toks[k+1].fold)
		return x.dayDate(i, k+2, y, time.Month(m), d, true)
	}
	s, e := monthRange(y, time.Month(m))
	return dateVal{first: i, last: k, start: s, end: e, prec: PrecisionMonth, resolved: true}, true
}

// dateNumeric reads 04/11/2022 (day first in French; month first in
// English unless the first number cannot be a month) and 04.11.2022.
func (x *extractor) dateNumeric(i int) (dateVal, bool) {
	toks := x.toks
	if i+4 >= len(toks) || toks[i].kind != tkNum || len(toks[i].fold) > 2 {
		return dateVal{}, false
	}
	sep := toks[i+1].text
	if (sep != "/" && sep != ".") || toks[i+1].space != spNone || toks[i+2].kind != tkNum || toks[i+2].space != spNone ||
		len(toks[i+2].fold) > 2 || toks[i+3].text != sep || toks[i+3].space != spNone || toks[i+4].kind != tkNum || toks[i+4].space != spNone {
		return dateVal{}, false
	}
	a, _ := strconv.Atoi(toks[i].fold)
	b, _ := strconv.Atoi(toks[i+2].fold)
	y, _ := strconv.Atoi(toks[i+4].fold)
	switch len(toks[i+4].fold) {
	case 2:
		y += 2000
	case 4:
	default:
		return dateVal{}, false
	}
	d, m := a, b
	if x.lang == English && sep == "/" && a <= 12 {
		d, m = b, a
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return dateVal{}, false
	}
	return x.dayDate(i, i+5, y, time.Month(m), d, true)
}

// dateAgo reads "il y a deux semaines", "il y a quinze jours", "two weeks
// ago", "a month ago": a point in time with the precision of the unit.
func (x *extractor) dateAgo(i int) (dateVal, bool) {
	j := i
	fr := x.matchWords(i, "il y a")
	if fr > i {
		j = fr
	}
	if j >= len(x.toks) {
		return dateVal{}, false
	}
	n := int64(1)
	k := j
	switch x.at(i, j) {
	case "a", "an", "une", "un":
		k = j + 1
	default:
		num, ok := x.readNumeral(j)
		if !ok || num.scaled || !num.v.isInt() || num.ordinal {
			return dateVal{}, false
		}
		n = num.v.normal().c * pow10(num.v.normal().e)
		k = num.last
	}
	unit := x.at(i, k)
	k++
	if fr == i {
		if x.at(i, k) != "ago" {
			return dateVal{}, false
		}
		k++
	}
	v := dateVal{first: i, last: k}
	var t time.Time
	switch unit {
	case "jour", "jours", "day", "days":
		v.prec = PrecisionDay
		if n == 15 || n == 8 {
			v.prec = PrecisionWeek // "il y a quinze jours": two weeks
		}
		t = x.pub.AddDate(0, 0, -int(n))
	case "semaine", "semaines", "week", "weeks":
		v.prec = PrecisionWeek
		t = x.pub.AddDate(0, 0, -7*int(n))
	case "mois", "month", "months":
		v.prec = PrecisionMonth
		t = x.pub.AddDate(0, -int(n), 0)
	case "an", "ans", "annee", "annees", "year", "years":
		v.prec = PrecisionYear
		t = x.pub.AddDate(-int(n), 0, 0)
	default:
		return dateVal{}, false
	}
	if x.hasPub {
		v.start, v.end, v.resolved = t, t, true
	}
	return v, true
}

// dateDayMonth reads "[mercredi] [le] 4 novembre [2022]", "4 Nov", "4th
// of November 2022".
func (x *extractor) dateDayMonth(i int) (dateVal, bool) {
	j := i
	if _, ok := weekdays[x.at(i, j)]; ok {
		j++
		if x.at(i, j) == "," {
			j++
		}
	}
	if x.at(i, j) == "le" || x.at(i, j) == "the" {
		j++
	}
	d, k, ok := x.dayNum(j)
	if !ok {
		return dateVal{}, false
	}
	if x.at(i, k) == "of" {
		k++
	}
	m, k, ok := x.month(k)
	if !ok {
		return dateVal{}, false
	}
	y, k2, hasYear := x.yearNum(k)
	if hasYear {
		k = k2
	}
	return x.dayDate(i, k, y, m, d, hasYear)
}

// dateMonthDay reads "November 4, 2022", "Nov. 4", "[Friday,] Nov 4th".
func (x *extractor) dateMonthDay(i int) (dateVal, bool) {
	j := i
	if _, ok := weekdays[x.at(i, j)]; ok {
		j++
		if x.at(i, j) == "," {
			j++
		}
	}
	m, k, ok := x.month(j)
	if !ok {
		return dateVal{}, false
	}
	d, k, ok := x.dayNum(k)
	if !ok || (k < len(x.toks) && x.toks[k].kind == tkNum && x.toks[k].space == spNone) {
		return dateVal{}, false
	}
	// "in May 2,000 workers…" is unlikely; "May 20" is a date.
	if k < len(x.toks) && (x.toks[k].fold == "," || x.toks[k].fold == ".") && x.toks[k].space == spNone && k+1 < len(x.toks) && x.toks[k+1].kind == tkNum && x.toks[k+1].space == spNone {
		return dateVal{}, false
	}
	k2 := k
	if x.at(i, k2) == "," {
		k2++
	}
	if y, k3, ok := x.yearNum(k2); ok {
		return x.dayDate(i, k3, y, m, d, true)
	}
	return x.dayDate(i, k, 0, m, d, false)
}

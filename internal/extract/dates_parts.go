package extract

import "time"

// dateModifiers announce a part of a month or a year.
var dateModifiers = []struct {
	words string
	part  int // 0 early, 1 middle, 2 late
}{
	{"au debut de", 0}, {"au debut d'", 0}, {"debut", 0}, {"des le debut de", 0}, {"early", 0}, {"in early", 0},
	{"the beginning of", 0}, {"the start of", 0}, {"beginning of", 0}, {"start of", 0},
	{"a la mi-", 1}, {"mi", 1}, {"mid", 1}, {"the middle of", 1}, {"courant", 1},
	{"a la fin de", 2}, {"a la fin d'", 2}, {"fin", 2}, {"late", 2}, {"the end of", 2}, {"end of", 2}, {"in late", 2},
}

// dateModified reads "début novembre", "fin 2022", "mi-novembre", "early
// November", "late 2022", "the end of October": a part of a month or a year.
func (x *extractor) dateModified(i int) (dateVal, bool) {
	part := -1 // 0 early, 1 middle, 2 late
	j := i
	f := x.at(i, i)
	switch {
	case len(f) > 3 && (f[:3] == "mi-" || (len(f) > 4 && f[:4] == "mid-")):
		// "mi-novembre", "mid-November", "mi-2023": the rest of the token
		rest := f[3:]
		if f[:4] == "mid-" {
			rest = f[4:]
		}
		return x.partOf(i, i+1, 1, rest)
	}
	if id, k := x.match(tables().modifiers, i); id >= 0 {
		part, j = dateModifiers[id].part, k
	}
	if part < 0 {
		return dateVal{}, false
	}
	if m, k, ok := x.month(j); ok {
		y, k2, hasYear := x.yearNum(k)
		if hasYear {
			k = k2
		} else if x.hasPub {
			y = pickYear(x.pub, m, 15, x.future(i))
		}
		return x.partOfMonth(i, k, part, y, m, hasYear || x.hasPub)
	}
	if y, k, ok := x.yearNum(j); ok {
		return x.partOfYear(i, k, part, y), true
	}
	// "fin de l'année", "the end of the year"
	for _, w := range [...]string{"de l' annee", "d' annee", "the year", "this year", "cette annee", "de cette annee"} {
		if k := x.matchWords(j, w); k > j && x.hasPub {
			return x.partOfYear(i, k, part, x.pub.Year()), true
		}
	}
	return dateVal{}, false
}

func (x *extractor) partOf(first, last, part int, rest string) (dateVal, bool) {
	m, ok := frMonths[rest]
	if x.lang == English {
		m, ok = enMonths[rest]
	}
	if ok {
		y := 0
		if x.hasPub {
			y = pickYear(x.pub, m, 15, x.future(first))
		}
		if yy, k, ok := x.yearNum(last); ok {
			y, last = yy, k
		}
		return x.partOfMonth(first, last, part, y, m, y != 0)
	}
	if len(rest) == 4 {
		if y, ok := atoiYear(rest); ok {
			return x.partOfYear(first, last, part, y), true
		}
	}
	return dateVal{}, false
}

func atoiYear(s string) (int, bool) {
	y := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		y = y*10 + int(c-'0')
	}
	return y, y >= 1900 && y <= 2100
}

func (x *extractor) partOfMonth(first, last, part, y int, m time.Month, known bool) (dateVal, bool) {
	v := dateVal{first: first, last: last, prec: PrecisionMonth}
	if !known {
		return v, true
	}
	s, e := monthRange(y, m)
	switch part {
	case 0:
		e = day(y, m, 10)
	case 1:
		s, e = day(y, m, 11), day(y, m, 20)
	case 2:
		s = day(y, m, 21)
	}
	v.start, v.end, v.resolved = s, e, true
	return v, true
}

func (x *extractor) partOfYear(first, last, part, y int) dateVal {
	v := dateVal{first: first, last: last, prec: PrecisionYear, resolved: true}
	switch part {
	case 0:
		v.start, v.end = day(y, 1, 1), day(y, 4, 30)
	case 1:
		v.start, v.end = day(y, 5, 1), day(y, 8, 31)
	default:
		v.start, v.end = day(y, 9, 1), day(y, 12, 31)
	}
	return v
}

// monthContext are the words after which a bare month name is a date.
var monthContext = map[string]bool{
	"en": true, "de": true, "d'": true, "depuis": true, "since": true, "in": true, "of": true, "by": true,
	"until": true, "des": true, "courant": true, "last": true, "this": true, "next": true, "mois": true,
	"month": true, "during": true, "from": true, "au": true, "jusqu'": true, "a": true, "fin": true,
	"debut": true, "early": true, "late": true, "through": true, "before": true, "after": true,
	"avant": true, "apres": true, "for": true, "le": true, "ce": true, "durant": true, "pendant": true,
}

// dateMonth reads "en octobre", "in October", "octobre 2022", "octobre
// dernier", "last October".
func (x *extractor) dateMonth(i int) (dateVal, bool) {
	j := i
	dir := 0 // -1 last, +1 next
	switch x.at(i, i) {
	case "last":
		dir, j = -1, i+1
	case "next":
		dir, j = 1, i+1
	}
	m, k, ok := x.month(j)
	if !ok {
		return dateVal{}, false
	}
	y, k2, hasYear := x.yearNum(k)
	if hasYear {
		k = k2
	} else if off, k3, ok := x.yearWords(i, k); ok && x.hasPub {
		y, k, hasYear = x.pub.Year()+off, k3, true // "January last year", "en mars de l'an dernier"
	} else {
		switch x.at(i, k) {
		case "dernier":
			dir, k = -1, k+1
		case "prochain":
			dir, k = 1, k+1
		}
		if dir == 0 && (j == 0 || !monthContext[x.at(j, j-1)]) {
			return dateVal{}, false
		}
	}
	v := dateVal{first: i, last: k, prec: PrecisionMonth}
	if !hasYear {
		if !x.hasPub {
			return v, true
		}
		y = pickYear(x.pub, m, 1, x.future(i) || dir > 0)
		switch {
		case dir < 0 && !day(y, m, 1).Before(day(x.pub.Year(), x.pub.Month(), 1)):
			y--
		case dir > 0 && !day(y, m, 1).After(x.pub):
			y++
		}
	}
	v.start, v.end = monthRange(y, m)
	v.resolved = true
	return v, true
}

// yearWords reads the year named relative to publication after a month:
// "(of) last year", "this year", "(de) l'an dernier", "l'année
// prochaine". It returns the year's offset and the token after.
func (x *extractor) yearWords(i, k int) (off, end int, ok bool) {
	if f := x.at(i, k); f == "of" || f == "de" {
		k++
	}
	a, b, c := x.at(i, k), x.at(i, k+1), x.at(i, k+2)
	switch {
	case b == "year" && (a == "last" || a == "this" || a == "next"):
		return map[string]int{"last": -1, "this": 0, "next": 1}[a], k + 2, true
	case a == "cette" && b == "annee":
		return 0, k + 2, true
	case a == "l'" && (b == "an" || b == "annee"):
		switch c {
		case "dernier", "derniere", "passe", "passee":
			return -1, k + 3, true
		case "prochain", "prochaine":
			return 1, k + 3, true
		}
	}
	return 0, k, false
}

var quarterOrdinals = map[string]int{
	"premier": 1, "1er": 1, "deuxieme": 2, "second": 2, "2e": 2, "troisieme": 3, "3e": 3, "quatrieme": 4, "4e": 4,
	"first": 1, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
	"q1": 1, "q2": 2, "q3": 3, "q4": 4, "t1": 1, "t2": 2, "t3": 3, "t4": 4,
}

// dateQuarter reads "au troisième trimestre 2022", "T3 2022", "Q3", "the
// third quarter of 2022", "fourth-quarter".
func (x *extractor) dateQuarter(i int) (dateVal, bool) {
	j := i
	f := x.at(i, i)
	q := 0
	switch {
	case len(f) == 2 && (f[0] == 'q' || f[0] == 't') && x.toks[i].upper && quarterOrdinals[f] > 0:
		q, j = quarterOrdinals[f], i+1
	default:
		head, tail, hyph := cutHyphen(f)
		if hyph && tail == "quarter" && quarterOrdinals[head] > 0 {
			q, j = quarterOrdinals[head], i+1
			break
		}
		word := f
		j = i + 1
		if x.toks[i].kind == tkNum && j < len(x.toks) && x.toks[j].space == spNone {
			word = f + x.at(i, j)
			j++
		}
		n := quarterOrdinals[word]
		if n == 0 || (x.at(i, j) != "trimestre" && x.at(i, j) != "quarter") {
			return dateVal{}, false
		}
		q, j = n, j+1
	}
	if q == 0 {
		return dateVal{}, false
	}
	k := j
	if x.at(i, k) == "de" || x.at(i, k) == "of" {
		k++
	}
	y, k2, hasYear := x.yearNum(k)
	v := dateVal{first: i, prec: PrecisionQuarter}
	if hasYear {
		j = k2
	} else if x.hasPub {
		y = x.pub.Year()
		if s, _ := quarterRange(y, q); s.After(x.pub) && !x.future(i) {
			y--
		}
	} else {
		v.last = j
		return v, true
	}
	v.last = j
	v.start, v.end = quarterRange(y, q)
	v.resolved = true
	return v, true
}

// seasonLead are the words before a season name that make it a date.
var seasonLead = map[string]bool{
	"l'": true, "cet": true, "cette": true, "le": true, "the": true, "this": true, "last": true, "next": true,
	"en": true, "in": true, "au": true, "during": true, "over": true, "durant": true, "pendant": true,
	"depuis": true, "since": true, "of": true, "de": true, "d'": true, "this past": true,
}

// dateSeason reads "durant l'été", "cet été", "l'été dernier", "this
// summer", "last fall", "summer 2022", "l'été 2022".
func (x *extractor) dateSeason(i int) (dateVal, bool) {
	j := i
	dir := 0
	switch x.at(i, i) {
	case "last":
		dir, j = -1, i+1
	case "next":
		dir, j = 1, i+1
	case "this", "cet", "cette", "ce":
		j = i + 1
	}
	if x.at(i, j) == "past" {
		dir, j = -1, j+1
	}
	// "durant l'été", "pendant l'hiver", "in the summer"
	for n := 0; n < 2 && j < len(x.toks); n++ {
		if _, isSeason := seasons[x.at(i, j)]; isSeason || !seasonLead[x.at(i, j)] {
			break
		}
		j++
	}
	s, ok := seasons[x.at(i, j)]
	if !ok {
		return dateVal{}, false
	}
	if x.at(i, j) == "fall" {
		if _, _, year := x.yearNum(j + 2); x.lang == French || (x.at(i, j+1) == "of" && !year) {
			return dateVal{}, false // "the fall of Twitter"
		}
	}
	if j == i && (i == 0 || !seasonLead[x.at(i, i-1)]) {
		if _, _, ok := x.yearNum(j + 1); !ok {
			return dateVal{}, false
		}
	}
	k := j + 1
	v := dateVal{first: i, prec: PrecisionSeason}
	yk := k
	if x.at(i, yk) == "de" || x.at(i, yk) == "of" {
		yk++
	}
	if y, k2, ok := x.yearNum(yk); ok {
		v.last = k2
		v.start, v.end = seasonRange(y, s)
		v.resolved = true
		return v, true
	}
	switch x.at(i, k) {
	case "dernier":
		dir, k = -1, k+1
	case "prochain":
		dir, k = 1, k+1
	}
	v.last = k
	if !x.hasPub {
		return v, true
	}
	future := x.future(i)
	var best time.Time
	found := false
	for y := x.pub.Year() - 2; y <= x.pub.Year()+1; y++ {
		a, b := seasonRange(y, s)
		var fits bool
		switch {
		case dir < 0:
			fits = b.Before(x.pub)
		case dir > 0:
			fits = a.After(x.pub)
			if fits && found {
				continue // keep the earliest
			}
		case future:
			fits = !b.Before(x.pub)
			if fits && found {
				continue
			}
		default:
			fits = !a.After(x.pub)
		}
		if fits {
			best, found = a, true
		}
	}
	if !found {
		return v, true
	}
	y, _ := seasonOf(best)
	v.start, v.end = seasonRange(y, s)
	v.resolved = true
	return v, true
}

package extract

// Vague quantities: "plusieurs centaines" is read as at least 200, "une
// centaine" as about 100, "hundreds of" as at least 200, "tens of
// thousands" as at least 20,000.

// vaguePlural are plural round-number nouns read as "at least two of them".
var vaguePlural = map[string]int64{
	"centaines": 100, "milliers": 1000, "dizaines": 10, "millions": 1e6, "milliards": 1e9,
	"hundreds": 100, "thousands": 1000, "dozens": 12, "billions": 1e9,
}

// vagueSingular are "une centaine"-style nouns read as "about".
var vagueSingular = map[string]int64{
	"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
	"cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}

// vagueCounts multiply "several"-style words ("several hundred").
var vagueCounts = map[string]int64{"hundred": 100, "thousand": 1000, "dozen": 12, "million": 1e6, "billion": 1e9}

// readVague reads a vague quantity at i.
func (x *extractor) readVague(i int) (value, bool) {
	toks := x.toks
	at := func(k int) string {
		if k < len(toks) && (k == i || toks[k].space < spLine) {
			return toks[k].fold
		}
		return ""
	}
	v := value{kind: vCount, first: i, numFirst: i, vague: true}
	var base int64
	j := i
	switch w := at(i); {
	case w == "plusieurs" || w == "quelques" || w == "des" || w == "hundreds" || w == "thousands" || w == "dozens" || w == "tens" || w == "millions" || w == "billions":
		if w == "plusieurs" || w == "quelques" || w == "des" {
			j++
		}
		u, ok := vaguePlural[at(j)]
		if at(j) == "tens" {
			u, ok = 10, true
		}
		if !ok || (at(j) == "tens" && at(j+1) != "of") {
			return v, false
		}
		// "des millions" needs a currency or "de"+noun after; counts of
		// units are left to the figure rules.
		base = 2 * u
		v.qual = QualAtLeast
		j++
		// "des dizaines de milliers", "hundreds of thousands"
		if (at(j) == "de" || at(j) == "of") && j+1 < len(toks) {
			if m, ok := vagueCounts[trimPlural(at(j+1))]; ok && m >= 1000 {
				base *= m
				j += 2
			}
		}
	case w == "several" || w == "few" || (w == "a" && at(i+1) == "few"):
		if w == "a" {
			j++
		}
		m, ok := vagueCounts[at(j+1)]
		if !ok {
			return v, false
		}
		base = 2 * m
		v.qual = QualAtLeast
		j += 2
	case w == "une" || w == "un" || w == "la":
		m, ok := vagueSingular[at(i+1)]
		if !ok {
			return v, false
		}
		base = m
		v.qual = QualApproximate
		j = i + 2
		if at(j) == "de" {
			if k, ok := vagueCounts[trimPlural(at(j+1))]; ok && k >= 1000 {
				base *= k
				j += 2
			}
		}
	case w == "half" && (at(i+1) == "a" || at(i+1) == "one"):
		m, ok := vagueCounts[at(i+2)]
		if !ok || m < 1000 {
			return v, false
		}
		base = m / 2
		v.qual = QualApproximate
		v.vague = false
		j = i + 3
	case w == "un" && at(i+1) == "demi-million":
		base = 500000
		v.qual = QualApproximate
		v.vague = false
		j = i + 2
	default:
		return v, false
	}
	v.v = decInt(base)
	v.last, v.numLast = j, j
	v.n = numeral{first: i, last: j, v: v.v, words: true}
	if cur, end, ok := x.currencyAfter(j); ok {
		v.kind, v.cur, v.last = vMoney, cur, end
	}
	return v, true
}

func trimPlural(s string) string {
	switch s {
	case "milliers":
		return "thousand"
	case "millions":
		return "million"
	case "milliards":
		return "billion"
	case "thousands":
		return "thousand"
	}
	return s
}

// fractionWords are share words and the ratio they stand for.
var fractionWords = map[string][2]int64{
	"moitie": {1, 2}, "tiers": {1, 3}, "quart": {1, 4}, "quarts": {1, 4}, "cinquieme": {1, 5}, "sixieme": {1, 6},
	"dixieme": {1, 10}, "half": {1, 2}, "third": {1, 3}, "thirds": {1, 3}, "quarter": {1, 4}, "quarters": {1, 4},
	"fifth": {1, 5}, "fifths": {1, 5}, "tenth": {1, 10}, "sixth": {1, 6},
}

// readFraction reads "la moitié", "un tiers", "deux tiers", "half",
// "a third of", "two-thirds", "un salarié sur cinq", "one in five".
func (x *extractor) readFraction(i int) (value, bool) {
	toks := x.toks
	at := func(k int) string {
		if k < len(toks) && (k == i || toks[k].space < spLine) {
			return toks[k].fold
		}
		return ""
	}
	v := value{kind: vFraction, first: i, numFirst: i, qual: QualExact}
	var num int64 = 1
	j := i
	w := at(i)
	// "one in five", "un salarié sur cinq"
	if r, end, ok := x.readOneInN(i); ok {
		v.num, v.den = r[0], r[1]
		v.v, _ = decInt(1).mulRat(v.num, v.den)
		v.last, v.numLast = end, end
		return v, true
	}
	// Hyphenated English: "one-third", "two-thirds", "three-quarters".
	if head, tail, ok := cutHyphen(w); ok {
		n, isNum := enNumberWords[head]
		f, isFrac := fractionWords[tail]
		if isNum && isFrac && x.lang == English && n > 0 && n < f[1] {
			v.num, v.den = n, f[1]
			v.v, _ = decInt(1).mulRat(v.num, v.den)
			v.last, v.numLast = i+1, i+1
			return v, true
		}
		return v, false
	}
	switch {
	case w == "la" || w == "les" || w == "le" || w == "un" || w == "une" || w == "a" || w == "one" || w == "the":
		j++
	case w == "deux" || w == "two":
		num = 2
		j++
	case w == "trois" || w == "three":
		num = 3
		j++
	}
	if (w == "les" || w == "the") && (at(j) == "deux" || at(j) == "trois" || at(j) == "two" || at(j) == "three") {
		if at(j) == "deux" || at(j) == "two" {
			num = 2
		} else {
			num = 3
		}
		j++
	}
	f, ok := fractionWords[at(j)]
	if !ok {
		return v, false
	}
	word := at(j)
	j++
	switch word {
	case "moitie":
		if j == i+1 && at(i-1) != "de" {
			return v, false
		}
	case "half":
		if i > 0 && (at(i-1) == "first" || at(i-1) == "second") {
			return v, false
		}
		if j == i+1 && i > 0 && (toks[i-1].fold == "first" || toks[i-1].fold == "second" || toks[i-1].fold == "the") {
			return v, false
		}
	case "tiers", "quart", "quarts", "cinquieme", "dixieme", "sixieme":
		if j == i+1 { // a bare "tiers" is mostly "pays tiers", "tiers payant"
			return v, false
		}
		if word == "quart" && at(j) == "d'" && at(j+1) == "heure" {
			return v, false
		}
	default: // English ordinals need "of" or a determiner after them
		if j == i+1 && word != "half" {
			return v, false
		}
		next := at(j)
		if next != "of" && !(word == "half" && (next == "its" || next == "their" || next == "the" || next == "his" || next == "her")) {
			return v, false
		}
	}
	if num >= f[1] {
		return v, false
	}
	v.num, v.den = num*f[0], f[1]
	v.v, _ = decInt(1).mulRat(v.num, v.den)
	v.last, v.numLast = j, j
	return v, true
}

func cutHyphen(s string) (string, string, bool) {
	for k := 0; k < len(s); k++ {
		if s[k] == '-' {
			return s[:k], s[k+1:], true
		}
	}
	return s, "", false
}

// readOneInN reads "one in five", "one out of every ten", "1 in 5", "un
// salarié sur cinq", "deux postes sur trois".
func (x *extractor) readOneInN(i int) ([2]int64, int, bool) {
	toks := x.toks
	var r [2]int64
	if toks[i].kind != tkNum && !(toks[i].kind == tkWord && x.isNumberWordStart(toks[i].fold)) {
		return r, i, false
	}
	a, ok := x.readNumeral(i)
	if !ok || a.scaled || a.ordinal || a.v.float() > 10 || !a.v.isInt() {
		return r, i, false
	}
	j := a.last
	if x.lang == French {
		// up to two words between: "un salarié sur cinq", "un poste de travail sur dix"
		for k := 0; k < 3 && j < len(toks) && toks[j].fold != "sur"; k++ {
			if toks[j].kind != tkWord {
				return r, i, false
			}
			j++
		}
		if j >= len(toks) || toks[j].fold != "sur" || j == a.last {
			return r, i, false
		}
		j++
	} else {
		switch {
		case x.matchWords(j, "in every") > j:
			j += 2
		case x.matchWords(j, "out of every") > j:
			j += 3
		case x.matchWords(j, "out of") > j:
			j += 2
		case j < len(toks) && toks[j].fold == "in":
			j++
		default:
			return r, i, false
		}
	}
	if j >= len(toks) {
		return r, i, false
	}
	b, ok := x.readNumeral(j)
	if !ok || b.scaled || b.ordinal || b.year || !b.v.isInt() || b.v.float() > 100 || a.v.cmp(b.v) >= 0 {
		return r, i, false
	}
	r[0], r[1] = a.v.normal().c*pow10(a.v.normal().e), b.v.normal().c*pow10(b.v.normal().e)
	return r, b.last, true
}

func pow10(e int) int64 {
	p := int64(1)
	for ; e > 0; e-- {
		p *= 10
	}
	return p
}

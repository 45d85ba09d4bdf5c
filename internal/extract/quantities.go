package extract

import "slices"

// valKind is the type of a value read from the text.
type valKind uint8

const (
	vCount    valKind = iota // a number, maybe vague ("700", "plusieurs centaines")
	vMoney                   // an amount with its currency
	vPercent                 // "10 %", "10 percent": a ratio
	vFraction                // "la moitié", "a third", "one in five": a ratio
)

// Qualifiers of figures.
const (
	QualExact       = "exact"
	QualApproximate = "approximate"
	QualAtLeast     = "at_least"
	QualAtMost      = "at_most"
	QualRange       = "range"
)

// value is a typed value over tokens [first, last), qualifier and currency
// included; [numFirst, numLast) is the number itself.
type value struct {
	kind              valKind
	first, last       int
	numFirst, numLast int
	v                 dec // counts and money: the amount; percents and fractions: the ratio
	low, high         dec // ranges
	qual              string
	cur               string // ISO 4217 code for money
	num, den          int64  // fractions
	n                 numeral
	vague             bool
}

// qualifierPhrases qualify the value that follows them.
var qualifierPhrases = []struct {
	words string
	qual  string
}{
	{"environ", QualApproximate}, {"pres de", QualApproximate}, {"pres d'", QualApproximate},
	{"presque", QualApproximate}, {"quasiment", QualApproximate}, {"pratiquement", QualApproximate},
	{"quelque", QualApproximate}, {"autour de", QualApproximate}, {"aux alentours de", QualApproximate},
	{"approximativement", QualApproximate}, {"estime a", QualApproximate}, {"estimee a", QualApproximate},
	{"estimes a", QualApproximate}, {"evalue a", QualApproximate}, {"estimated at", QualApproximate}, {"de l' ordre de", QualApproximate}, {"grosso modo", QualApproximate},
	{"plus de", QualAtLeast}, {"plus d'", QualAtLeast}, {"au moins", QualAtLeast}, {"au minimum", QualAtLeast},
	{"pas moins de", QualAtLeast}, {"un peu plus de", QualAtLeast}, {"bien plus de", QualAtLeast},
	{"plus de", QualAtLeast}, {"moins de", QualAtMost}, {"moins d'", QualAtMost}, {"jusqu' a", QualAtMost}, {"pouvant atteindre", QualAtMost}, {"pouvant aller jusqu' a", QualAtMost},
	{"au plus", QualAtMost}, {"au maximum", QualAtMost}, {"pas plus de", QualAtMost}, {"un peu moins de", QualAtMost},
	{"about", QualApproximate}, {"around", QualApproximate}, {"approximately", QualApproximate},
	{"roughly", QualApproximate}, {"some", QualApproximate}, {"nearly", QualApproximate}, {"almost", QualApproximate},
	{"close to", QualApproximate}, {"circa", QualApproximate}, {"an estimated", QualApproximate},
	{"estimated", QualApproximate}, {"approx", QualApproximate}, {"approx .", QualApproximate}, {"~", QualApproximate},
	{"more than", QualAtLeast}, {"over", QualAtLeast}, {"at least", QualAtLeast}, {"upwards of", QualAtLeast},
	{"upward of", QualAtLeast}, {"north of", QualAtLeast}, {"in excess of", QualAtLeast}, {"no fewer than", QualAtLeast},
	{"no less than", QualAtLeast}, {"just over", QualAtLeast}, {"well over", QualAtLeast}, {"a little over", QualAtLeast},
	{"fewer than", QualAtMost}, {"less than", QualAtMost}, {"under", QualAtMost}, {"up to", QualAtMost},
	{"as many as", QualAtMost}, {"as much as", QualAtMost}, {"at most", QualAtMost}, {"just under", QualAtMost},
	{"no more than", QualAtMost},
}

// currencyCodes are the ISO 4217 codes read as written ("USD 5 million").
var currencyCodes = map[string]bool{
	"USD": true, "EUR": true, "GBP": true, "JPY": true, "CHF": true, "CNY": true, "CAD": true, "AUD": true,
	"INR": true, "KRW": true, "BRL": true, "SEK": true, "NOK": true, "DKK": true, "HKD": true, "SGD": true,
	"RUB": true, "MXN": true, "ZAR": true, "PLN": true, "TRY": true, "NZD": true, "ILS": true, "AED": true,
	"SAR": true, "CZK": true, "HUF": true, "TWD": true, "THB": true, "XOF": true, "XAF": true,
}

// currencySymbols maps signs to codes; the dollar sign takes a prefix
// (C$, A$, HK$…) into account in currencyBefore.
var currencySymbols = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"}

var dollarPrefixes = map[string]string{"us": "USD", "c": "CAD", "ca": "CAD", "a": "AUD", "au": "AUD", "hk": "HKD", "s": "SGD", "nz": "NZD", "r": "BRL"}

// currencyWords name currencies after an amount ("44 milliards de dollars").
var currencyWords = map[string]string{
	"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "livre": "GBP", "livres": "GBP",
	"pound": "GBP", "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yens": "JPY", "yuan": "CNY",
	"yuans": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "roupie": "INR", "roupies": "INR",
	"rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "reais": "BRL", "won": "KRW",
	"franc": "CHF", "francs": "CHF",
}

// dollarQualifiers follow or precede "dollars" to name other dollars.
var dollarQualifiers = map[string]string{
	"canadiens": "CAD", "canadien": "CAD", "canadian": "CAD", "australiens": "AUD", "australian": "AUD",
	"americains": "USD", "us": "USD", "american": "USD", "hong": "HKD", "singapour": "SGD", "singapore": "SGD",
	"suisses": "CHF", "suisse": "CHF", "swiss": "CHF", "sterling": "GBP", "neo-zelandais": "NZD",
}

// readValues reads every value of the text, left to right, longest first.
func (x *extractor) readValues() {
	x.valAt = make([]int32, len(x.toks))
	x.vals = make([]value, 0, 32)
	for i := range x.valAt {
		x.valAt[i] = -1
	}
	starts := tables().valueStarts
	for i := 0; i < len(x.toks); {
		t := x.toks[i]
		head, _, _ := cutHyphen(t.fold)
		if x.dateAt[i] >= 0 || t.kind == tkWord && !starts[head] && !(t.caps && currencyCodes[t.text]) && t.text != "Rs" &&
			!(i+1 < len(x.toks) && x.toks[i+1].text == "$") || t.kind == tkPunct && t.text != "~" {
			i++
			continue
		}
		v, ok := x.readValue(i)
		if !ok {
			i++
			continue
		}
		idx := int32(len(x.vals))
		x.vals = append(x.vals, v)
		for k := v.first; k < v.last; k++ {
			x.valAt[k] = idx
		}
		i = v.last
	}
	x.restatedQualifiers()
}

// restatedQualifiers gives a share told as a restatement of an approximate
// count its qualifier: "about 500 jobs, or 5% of its workforce", "quelque
// 300 postes, soit 6 %".
func (x *extractor) restatedQualifiers() {
	for i := range x.vals {
		v := &x.vals[i]
		if v.kind != vPercent || v.qual != QualExact || v.first < 2 {
			continue
		}
		if f := x.toks[v.first-1].fold; f != "or" && f != "soit" || x.toks[v.first-2].text != "," {
			continue
		}
		for k := v.first - 3; k >= 0 && k >= v.first-6; k-- {
			if j := x.valAt[k]; j >= 0 {
				if c := x.vals[j]; c.kind == vCount && c.qual == QualApproximate {
					v.qual = QualApproximate
				}
				break
			}
			if x.toks[k].kind == tkPunct {
				break
			}
		}
	}
}

// readValue reads a qualified value, a range or a bare value at i.
func (x *extractor) readValue(i int) (value, bool) {
	qual, after := x.qualifierAt(i)
	if after > i {
		v, ok := x.readRange(after)
		if ok {
			if v.qual == QualExact || (v.qual == QualApproximate && qual != QualApproximate) {
				v.qual = qual
			}
			v.first = i
			return v, true
		}
	}
	return x.readRange(i)
}

// qualifierAt matches a qualifier phrase at i and returns the index after it.
func (x *extractor) qualifierAt(i int) (string, int) {
	if id, end := x.match(tables().qualifiers, i); id >= 0 {
		return qualifierPhrases[id].qual, end
	}
	return "", i
}

// matchWords matches space-separated folded words at i; it returns the
// index after the match, or i.
func (x *extractor) matchWords(i int, words string) int {
	j := i
	for words != "" {
		var w string
		for k := 0; k <= len(words); k++ {
			if k == len(words) || words[k] == ' ' {
				w = words[:k]
				if k < len(words) {
					words = words[k+1:]
				} else {
					words = ""
				}
				break
			}
		}
		if j >= len(x.toks) || x.toks[j].fold != w || (j > i && x.toks[j].space >= spLine) {
			return i
		}
		j++
	}
	return j
}

// readRange reads "entre 500 et 700", "between $10bn and $12bn",
// "500 à 700", "500-700" or a single value.
func (x *extractor) readRange(i int) (value, bool) {
	start := i
	marker := false
	if i < len(x.toks) && (x.toks[i].fold == "entre" || x.toks[i].fold == "between") {
		marker = true
		i++
	}
	v1, ok := x.readSingle(i)
	if !ok {
		return v1, false
	}
	j := v1.last
	if j+1 < len(x.toks) && v1.kind != vFraction && !v1.vague {
		c := x.toks[j]
		connector := c.fold == "et" || c.fold == "and"
		if !marker {
			connector = c.fold == "a" || c.fold == "to" || (c.fold == "-" && c.space == spNone)
			// "from 7,500 to 3,700" and "passer de 7 500 à 3 700" tell a
			// change; "la suppression de 1 293 à 3 267 postes" a range.
			if start > 0 && (x.toks[start-1].fold == "from" || x.toks[start-1].fold == "de" && x.changeVerbBefore(start-1)) {
				connector = false
			}
		}
		if connector {
			if v2, ok := x.readSingle(j + 1); ok && v2.kind != vFraction && !v2.vague && !v2.n.year && !v1.n.year {
				if r, ok := makeRange(v1, v2); ok {
					r.first = start
					return r, true
				}
			}
		}
	}
	if marker {
		return v1, false
	}
	return v1, true
}

// changeVerbs announce a move from one value to another.
var changeVerbs = wordSet(`passer passe passera passant passent ramener ramene ramenes ramenee reduire reduit
reduits reduite augmenter augmente augmentent baisser baisse baissent chuter chute grimper grimpe diminuer diminue
porter porte portee fall fell rise rose grow grew increase increased decrease decreased drop dropped`)

// changeVerbBefore tells whether a change verb comes within four words
// before token i.
func (x *extractor) changeVerbBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if changeVerbs[x.toks[k].fold] {
			return true
		}
	}
	return false
}

// makeRange joins two values; the first takes the scale and unit of the
// second when it has none ("entre 10 et 12 milliards d'euros").
func makeRange(v1, v2 value) (value, bool) {
	if v1.kind == vCount && v2.kind != vCount {
		v1.kind, v1.cur = v2.kind, v2.cur
		if v2.kind == vPercent {
			v1.v, _ = v1.v.mulRat(1, 100)
		}
	}
	if v1.kind != v2.kind || v1.cur != v2.cur {
		return v1, false
	}
	if !v1.n.scaled && v2.n.scaled {
		v1.v = v1.v.scale(v2.n.scalePow)
	}
	if v1.v.cmp(v2.v) >= 0 {
		return v1, false
	}
	r := v1
	r.last = v2.last
	r.numLast = v2.numLast
	r.low, r.high = v1.v, v2.v
	r.qual = QualRange
	mid, _ := v1.v.add(v2.v).mulRat(1, 2)
	if v1.v.isInt() && v2.v.isInt() && r.kind == vCount {
		mid = mid.round()
	}
	r.v = mid
	return r, true
}

// readSingle reads one value at i: money with a leading currency sign or
// code, a vague quantity, a fraction, or a numeral with what follows it
// (percent sign, currency).
func (x *extractor) readSingle(i int) (value, bool) {
	if i >= len(x.toks) {
		return value{}, false
	}
	if v, ok := x.readCurrencyFirst(i); ok {
		return v, true
	}
	if v, ok := x.readVague(i); ok {
		return v, true
	}
	if v, ok := x.readFraction(i); ok {
		return v, true
	}
	t := x.toks[i]
	if t.kind != tkNum && !(t.kind == tkWord && x.isNumberWordStart(t.fold)) {
		return value{}, false
	}
	n, ok := x.readNumeral(i)
	if !ok {
		return value{}, false
	}
	v := value{kind: vCount, first: i, last: n.last, numFirst: i, numLast: n.last, v: n.v, n: n, qual: QualExact}
	if n.approx {
		v.qual = QualApproximate
	}
	if n.glued && x.lang == English && x.penceAt(n.last) {
		// "370p a share": pence are hundredths of a pound.
		v.kind, v.cur = vMoney, "GBP"
		v.v, _ = n.v.mulRat(1, 100)
		v.last = n.last + 1
		return v, true
	}
	if n.ordinal || n.glued {
		return v, true
	}
	if end, ok := x.percentAfter(n.last); ok {
		v.kind = vPercent
		v.v, _ = n.v.mulRat(1, 100)
		v.last = end
		return v, true
	}
	if cur, end, ok := x.currencyAfter(n.last); ok {
		v.kind = vMoney
		v.cur = cur
		v.last = end
		return v, true
	}
	return v, true
}

func (x *extractor) isNumberWordStart(f string) bool {
	head := f
	for k := 0; k < len(f); k++ {
		if f[k] == '-' {
			head = f[:k]
			break
		}
	}
	if x.lang == French {
		_, ok := frNumberWords[head]
		return ok || head == "cent" || head == "mille"
	}
	_, ok := enNumberWords[head]
	return ok
}

// percentAfter matches "%", "pour cent", "percent", "per cent" at i.
func (x *extractor) percentAfter(i int) (int, bool) {
	if i >= len(x.toks) || x.toks[i].space >= spLine {
		return i, false
	}
	t := x.toks[i]
	if t.text == "%" {
		return i + 1, true
	}
	if id, end := x.match(tables().percents, i); id >= 0 {
		return end, true
	}
	return i, false
}

// currencyAfter reads a currency after an amount: "€", "M€" (the M was
// taken as a scale), "de dollars", "d'euros", "US dollars", "USD".
func (x *extractor) currencyAfter(i int) (string, int, bool) {
	toks := x.toks
	if i >= len(toks) || toks[i].space >= spLine {
		return "", i, false
	}
	t := toks[i]
	if t.kind == tkSymbol {
		if c, ok := currencySymbols[t.text]; ok {
			if c == "USD" && x.quebec() {
				c = "CAD" // "150 M$" in the Québec press
			}
			return c, i + 1, true
		}
		return "", i, false
	}
	if t.kind == tkWord && currencyCodes[t.text] {
		return t.text, i + 1, true
	}
	j := i
	if t.fold == "de" || t.fold == "d'" || t.fold == "of" {
		j++
	}
	if j >= len(toks) {
		return "", i, false
	}
	// "FCFA", "francs CFA", "CFA francs": the franc of West or Central Africa, told apart by
	// the countries the text names; an amount whose franc cannot be told has no currency.
	if end, ok := cfaFrancAt(toks, j); ok {
		if c := x.cfaFranc(); c != "" {
			return c, end, true
		}
		return "", i, false
	}
	// "US dollars", "Canadian dollars", "Swiss francs"
	if q, ok := dollarQualifiers[toks[j].fold]; ok && j+1 < len(toks) {
		if _, ok := currencyWords[toks[j+1].fold]; ok {
			return q, j + 2, true
		}
	}
	c, ok := currencyWords[toks[j].fold]
	if !ok {
		return "", i, false
	}
	if (c == "CHF" || toks[j].fold == "won") && j == i {
		// "francs" alone is ambiguous; "won" alone is mostly the verb.
		if toks[j].fold == "won" {
			return "", i, false
		}
	}
	end := j + 1
	bare := true
	if end < len(toks) {
		if q, ok := dollarQualifiers[toks[end].fold]; ok && (c == "USD" || c == "CHF" || c == "GBP") {
			bare = false
			if toks[end].fold == "hong" {
				end += 2 // Hong Kong
			}
			c = q
			end++
		} else if end+1 < len(toks) && toks[end].fold == "de" && toks[end+1].fold == "hong" {
			c = "HKD"
			end += 3
			bare = false
		}
	}
	if bare && c == "USD" && x.quebec() {
		c = "CAD" // the Québec press writes "dollars" for its own
	}
	if end > len(toks) {
		end = len(toks)
	}
	return c, end, true
}

// readCurrencyFirst reads "$44 billion", "US$ 5bn", "€3m", "USD 5 million".
func (x *extractor) readCurrencyFirst(i int) (value, bool) {
	toks := x.toks
	j := i
	cur := ""
	t := toks[i]
	switch {
	case t.kind == tkSymbol:
		cur = currencySymbols[t.text]
		j = i + 1
	case t.kind == tkWord && i+1 < len(toks) && toks[i+1].text == "$" && toks[i+1].space == spNone && dollarPrefixes[t.fold] != "" && (t.upper || t.caps):
		cur = dollarPrefixes[t.fold]
		j = i + 2
	case t.kind == tkWord && currencyCodes[t.text]:
		cur = t.text
		j = i + 1
	case t.kind == tkWord && (t.text == "Rs" || t.text == "INR"):
		// "Rs 2,048 crore", "Rs.500": the rupee's usual abbreviation.
		cur = "INR"
		j = i + 1
		if j < len(toks) && toks[j].text == "." && toks[j].space == spNone {
			j++
		}
	}
	if cur == "" || j >= len(toks) || toks[j].kind != tkNum || toks[j].space >= spLine {
		return value{}, false
	}
	n, ok := x.readNumeral(j)
	if !ok || n.ordinal {
		return value{}, false
	}
	v := value{kind: vMoney, first: i, last: n.last, numFirst: j, numLast: n.last, v: n.v, n: n, cur: cur, qual: QualExact}
	// "$44 billion dollars" happens; take the word too.
	if c, end, ok := x.currencyAfter(n.last); ok && c == cur {
		v.last = end
	}
	return v, true
}

// penceAt tells whether token i is a "p" stuck to the digits before it
// and ending the word ("370p", not "5pm").
func (x *extractor) penceAt(i int) bool {
	if i >= len(x.toks) || x.toks[i].text != "p" || x.toks[i].space != spNone {
		return false
	}
	return i+1 >= len(x.toks) || x.toks[i+1].space != spNone || x.toks[i+1].kind == tkPunct
}

// cfaFrancAt reads the CFA franc at token j: "FCFA", "F CFA", "francs CFA", "CFA francs"; it
// returns the token after it.
func cfaFrancAt(toks []token, j int) (int, bool) {
	if j >= len(toks) {
		return j, false
	}
	next := func(k int, words ...string) bool {
		return k < len(toks) && toks[k].space < spLine && slices.Contains(words, toks[k].fold)
	}
	switch toks[j].fold {
	case "fcfa":
		return j + 1, true
	case "cfa":
		if next(j+1, "franc", "francs") {
			return j + 2, true
		}
	case "f", "franc", "francs":
		if next(j+1, "cfa") {
			return j + 2, true
		}
	}
	return j, false
}

// cfaUEMOA and cfaCEMAC name the countries (and their capitals, demonyms and institutions) of
// the two CFA franc zones: West Africa's franc (XOF) and Central Africa's (XAF).
var (
	cfaUEMOA = wordSet(`uemoa bceao brvm benin beninois beninoise beninese cotonou burkina burkinabe ouagadougou
ivoire ivoirien ivoirienne ivoiriens ivorian abidjan yamoussoukro bissau mali malien malienne maliens malian bamako
niger nigerien nigerienne niamey senegal senegalais senegalaise senegalese dakar togo togolais togolaise togolese lome`)
	cfaCEMAC = wordSet(`cemac beac cameroun cameroon camerounais camerounaise cameroonian yaounde douala centrafrique
centrafricain centrafricaine bangui brazzaville gabon gabonais gabonaise gabonese libreville tchad tchadien tchadienne
chadian ndjamena equatoriale equatorial malabo`)
)

// cfaFranc tells, once per text, which CFA franc its amounts are in: XOF when the text names
// only (or mostly, two to one) countries of West Africa's monetary union, XAF for Central
// Africa's, and "" when it names neither or both alike.
func (x *extractor) cfaFranc() string {
	if x.cfaCode == "" {
		west, central := 0, 0
		for _, t := range x.toks {
			if t.kind != tkWord {
				continue
			}
			if cfaUEMOA[t.fold] {
				west++
			} else if cfaCEMAC[t.fold] {
				central++
			}
		}
		switch {
		case west > 0 && west >= 2*central:
			x.cfaCode = "XOF"
		case central > 0 && central >= 2*west:
			x.cfaCode = "XAF"
		default:
			x.cfaCode = "-"
		}
	}
	if x.cfaCode == "-" {
		return ""
	}
	return x.cfaCode
}

// quebecWords tell a French text from Québec, where a bare "dollars" or
// "$" is the Canadian dollar.
var quebecWords = wordSet(`quebec quebecois quebecoise quebecoises montreal montrealais montrealaise montrealaises
gatineau sherbrooke saguenay trois-rivieres`)

// quebec tells, once per text, whether a French text is from Québec.
func (x *extractor) quebec() bool {
	if x.lang != French {
		return false
	}
	if x.quebecText == 0 {
		x.quebecText = -1
		for _, t := range x.toks {
			if t.kind == tkWord && quebecWords[t.fold] {
				x.quebecText = 1
				break
			}
		}
	}
	return x.quebecText > 0
}

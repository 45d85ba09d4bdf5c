package extract

import (
	"strconv"
	"strings"
)

// numeral is a number read from tokens [first, last): digits with their
// separators, or number words, possibly multiplied by a scale word.
type numeral struct {
	first, last int
	v           dec
	words       bool // spelled out: "deux", "trois cents", "a dozen"
	article     bool // only "un", "une", "a", "one": a figure only with a scale ("un million")
	year        bool // a bare integer 1900..2100: a year unless a unit noun follows
	ordinal     bool // 1er, 2nd, 3e
	glued       bool // digits stuck to letters that are no scale (5G, 17h): no figure
	scaled      bool // multiplied by a scale word (million, bn, k…)
	scalePow    int  // the power of ten of that scale word
	approx      bool // the numeral itself is approximate ("a dozen", "une douzaine")
	digits      int  // digits in the integer part as written (0 for words)
}

// scaleWords maps scale words to powers of ten. French "billion" is 10^12:
// it is fixed up by language in scaleOf.
var scaleWords = map[string]int{
	"mille": 3, "thousand": 3, "thousands": 3, "millier": 3, "milliers": 3,
	"million": 6, "millions": 6, "mn": 6, "mln": 6, "mio": 6,
	"milliard": 9, "milliards": 9, "md": 9, "mds": 9, "mrd": 9, "mrds": 9, "mdr": 9,
	"billion": 9, "billions": 9, "bn": 9, "bln": 9,
	"trillion": 12, "trillions": 12, "tn": 12,
	// Indian English: "Rs 2,048 crore" (10^7), "5 lakh" (10^5).
	"crore": 7, "crores": 7, "cr": 7, "lakh": 5, "lakhs": 5,
}

// ordinalSuffixes follow digits in ordinals: 1er, 2e, 3rd.
var ordinalSuffixes = map[string]bool{
	"er": true, "re": true, "ere": true, "e": true, "eme": true, "nd": true, "st": true, "rd": true, "th": true, "d": false,
}

func (x *extractor) scaleOf(i int, afterDigits bool) (int, bool) {
	if i >= len(x.toks) {
		return 0, false
	}
	t := x.toks[i]
	if t.kind != tkWord || t.space >= spLine {
		return 0, false
	}
	if n, ok := scaleWords[t.fold]; ok {
		if x.lang == French && (t.fold == "billion" || t.fold == "billions") {
			n = 12
		}
		if x.lang == French && (t.fold == "trillion" || t.fold == "trillions") {
			n = 18
		}
		if (t.fold == "millier" || t.fold == "milliers") && !afterDigits {
			return 0, false
		}
		return n, true
	}
	if !afterDigits {
		return 0, false
	}
	// One-letter scales must touch the digits ("10k", "£1.5m", "$2B") or a
	// currency sign ("3 M€").
	touches := t.space == spNone
	nextCur := i+1 < len(x.toks) && x.toks[i+1].space == spNone && x.toks[i+1].kind == tkSymbol && x.toks[i+1].text != "%"
	switch t.fold {
	case "k":
		if touches || nextCur {
			return 3, true
		}
	case "m":
		if touches || nextCur {
			return 6, true
		}
	case "b":
		if touches {
			return 9, true
		}
	}
	return 0, false
}

// readNumeral reads the number starting at token i, if any.
func (x *extractor) readNumeral(i int) (numeral, bool) {
	var n numeral
	var ok bool
	switch x.toks[i].kind {
	case tkNum:
		n, ok = x.readDigits(i)
	case tkWord:
		n, ok = x.readNumberWords(i)
	}
	if !ok {
		return n, false
	}
	x.applyScale(&n)
	return n, true
}

// applyScale multiplies n by a following scale word ("44 milliards",
// "1.2bn", "deux millions et demi").
func (x *extractor) applyScale(n *numeral) {
	p, ok := x.scaleOf(n.last, !n.words)
	if !ok || n.ordinal {
		return
	}
	n.v = n.v.scale(p)
	n.last++
	n.scaled = true
	n.scalePow = p
	n.article = false
	n.year = false
	n.glued = false
	// "deux milliards et demi", "un million et demi"
	if n.last+1 < len(x.toks) && (x.toks[n.last].fold == "et" || x.toks[n.last].fold == "and") &&
		(x.toks[n.last+1].fold == "demi" || x.toks[n.last+1].fold == "half") {
		n.v = n.v.add(decInt(5).scale(p - 1))
		n.last += 2
	}
}

// readDigits reads digits with thousands separators and a decimal part,
// following the conventions of the language: "7.500", "7 500" and
// "7 500" (no-break spaces) in French, "7,500" in English, "3,7" and "3.7"
// as decimals.
func (x *extractor) readDigits(i int) (numeral, bool) {
	toks := x.toks
	first := toks[i]
	n := numeral{first: i, last: i + 1, digits: len(first.fold)}
	intDigits := first.fold
	frac := ""
	j := i + 1
	sep := ""
	if len(first.fold) <= 3 {
		for j+1 < len(toks) {
			s, g := toks[j], toks[j+1]
			var this string
			switch {
			case s.kind == tkPunct && (s.text == "." || s.text == "," || s.fold == "'") && s.space == spNone && g.space == spNone && g.kind == tkNum && len(g.fold) == 3:
				this = s.fold // "7.500", "7,500", "7'500" (Swiss)
			case s.kind == tkNum && len(s.fold) == 3 && (s.space == spSpace || s.space == spHard):
				this = " "
			default:
				this = ""
			}
			if this == "" || (sep != "" && this != sep) {
				break
			}
			if this == " " {
				intDigits += s.fold
				j++
				sep = this
				continue
			}
			// A dot or comma before three digits is a thousands separator
			// unless a scale word follows and the language reads it as a
			// decimal mark ("3,725 milliards", "1.275 billion").
			if _, scaled := x.scaleOf(j+2, true); scaled && sep == "" {
				if (this == "," && x.lang == French) || (this == "." && x.lang == English) {
					break
				}
			}
			intDigits += g.fold
			j += 2
			sep = this
		}
	}
	// Decimal part.
	if j+1 < len(toks) {
		s, g := toks[j], toks[j+1]
		if s.kind == tkPunct && (s.text == "," || s.text == ".") && s.space == spNone && g.space == spNone && g.kind == tkNum && s.text != sep {
			frac = g.fold
			j += 2
		}
	}
	c, err := strconv.ParseInt(intDigits+frac, 10, 64)
	if err != nil {
		return n, false
	}
	n.v = dec{c: c, e: -len(frac)}.normal()
	n.last = j
	n.digits = len(intDigits)
	if sep == "" && frac == "" && len(intDigits) == 4 && c >= 1900 && c <= 2100 {
		n.year = true
	}
	if j < len(toks) && toks[j].space == spNone && toks[j].kind == tkWord {
		f := toks[j].fold
		switch {
		case ordinalSuffixes[f] && frac == "":
			n.ordinal = true
			n.last = j + 1
		default:
			if _, ok := x.scaleOf(j, true); !ok {
				n.glued = true
			}
		}
	}
	if j+1 < len(toks) && toks[j].space == spNone && (toks[j].text == ":" || toks[j].text == "/") && toks[j+1].kind == tkNum && toks[j+1].space == spNone {
		n.glued = true // a time, a ratio or a date
	}
	if len(first.fold) > 1 && first.fold[0] == '0' && frac == "" {
		n.glued = true // 01 23 45…: a code or a phone number
	}
	return n, true
}

// Small number words, by language.
var frNumberWords = map[string]int64{
	"zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
	"huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
	"seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
	"septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}

var enNumberWords = map[string]int64{
	"zero": 0, "a": 1, "six": 6, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// readNumberWords reads spelled-out numbers: "deux", "trois cents",
// "quatre-vingt-dix", "twenty-one", "a dozen", "two thousand".
func (x *extractor) readNumberWords(i int) (numeral, bool) {
	toks := x.toks
	words := enNumberWords
	if x.lang == French {
		words = frNumberWords
	}
	n := numeral{first: i, last: i, words: true}
	var total, cur int64
	parts := 0
	articleOnly := true
	prevPart := ""
	j := i
	for ; j < len(toks); j++ {
		t := toks[j]
		if t.kind != tkWord || (j > i && t.space >= spLine) {
			break
		}
		consumed := true
		for rest := t.fold; rest != "" && consumed; {
			var p string
			p, rest, _ = strings.Cut(rest, "-")
			v, small := words[p]
			switch {
			case (p == "et" || p == "and") && parts > 0:
				// "vingt et un", "one hundred and twenty"
			case small && p == "a" && (j+1 >= len(toks) || !isMultiplierWord(toks[j+1].fold)):
				consumed = false
			case small && (p == "vingt" || p == "vingts") && prevPart == "quatre":
				cur += 80 - 4
			case small:
				cur += v
			case p == "cent" || p == "cents" || p == "hundred":
				if cur == 0 {
					cur = 1
				}
				cur *= 100
				articleOnly = false
			case p == "mille" || p == "thousand":
				if cur == 0 {
					cur = 1
				}
				total += cur * 1000
				cur = 0
				articleOnly = false
			case p == "dozen" || p == "douzaine":
				if cur == 0 {
					cur = 1
				}
				if cur == 1 {
					n.approx = true
				}
				cur *= 12
				articleOnly = false
			default:
				consumed = false
			}
			if !consumed {
				break
			}
			if small && v != 1 {
				articleOnly = false
			}
			parts++
			prevPart = p
		}
		if !consumed {
			break
		}
	}
	// A trailing "et"/"and" is not part of the number.
	for j > i && (toks[j-1].fold == "et" || toks[j-1].fold == "and") {
		j--
	}
	if parts == 0 || j == i {
		return n, false
	}
	n.last = j
	n.v = decInt(total + cur)
	n.article = articleOnly
	return n, true
}

func isMultiplierWord(f string) bool {
	switch f {
	case "hundred", "thousand", "million", "billion", "trillion", "dozen", "half":
		return true
	}
	return false
}

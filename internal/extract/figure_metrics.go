package extract

// headcountVerbs precede a count that is a whole workforce: "emploie 7
// 500 salariés", "has 87,000 employees", "sur 7 500 salariés".
var headcountVerbs = map[string]bool{
	"emploie": true, "employait": true, "emploient": true, "compte": true, "comptait": true, "comptent": true,
	"employs": true, "employed": true, "employing": true, "employ": true, "has": true, "had": true, "have": true,
	"totals": true, "totaled": true, "totalled": true, "avec": true, "with": true, "sur": true, "regroupe": true,
	"rassemble": true, "parmi": true, "among": true, "'s": true, "comptera": true, "employer": true,
}

// headcountNouns followed by "of"/"de" precede a whole workforce: "a
// workforce of 7,500", "un effectif de 7 500".
var headcountNouns = map[string]bool{
	"workforce": true, "staff": true, "effectif": true, "effectifs": true, "total": true, "headcount": true, "force": true, "out": true,
}

// isHeadcountFig tells whether a count is a whole workforce, from what
// precedes it or from what follows it ("50.000 salariés travaillent encore
// pour le groupe", "7,500 people work there").
func (x *extractor) isHeadcountFig(f *figure) bool {
	// "a plant with 1,100 jobs at risk", "avec 1 254 salariés concernés":
	// the count is the people affected, whatever precedes it.
	if k := f.last; k < len(x.toks) {
		switch x.toks[k].fold {
		case "menaces", "menacees", "concernes", "concernees", "supprimes", "supprimees", "affected", "lost", "eliminated":
			return false
		case "at":
			if k+1 < len(x.toks) && x.toks[k+1].fold == "risk" {
				return false
			}
		}
	}
	if x.isHeadcount(f.first) {
		return true
	}
	for k := f.last; k < len(x.toks) && k < f.last+3; k++ {
		switch x.toks[k].fold {
		case "encore", "still", "currently", "actuellement", "toujours":
			continue
		case "travaillent", "travaillaient", "work", "worked", "employed":
			return true
		}
		break
	}
	return false
}

// isHeadcount tells whether the count starting at token i is a whole
// workforce rather than the people affected.
func (x *extractor) isHeadcount(i int) bool {
	if i == 0 {
		return false
	}
	// "qui emploie encore 750 personnes", "employs currently about"
	p := i - 1
	if p > 0 && contains([]string{"encore", "actuellement", "aujourd'hui", "desormais", "still", "currently", "now", "today", "some", "quelque"}, x.toks[p].fold) {
		p--
	}
	if headcountVerbs[x.toks[p].fold] {
		return true
	}
	// "sur les 7 500 salariés", "among its 7,500 employees"
	if i >= 2 && contains([]string{"les", "ses", "its", "their", "the", "leurs"}, x.toks[i-1].fold) &&
		contains([]string{"sur", "parmi", "among"}, x.toks[i-2].fold) {
		return true
	}
	if i >= 2 {
		p := x.toks[i-1].fold
		if (p == "of" || p == "de" || p == "d'") && headcountNouns[x.toks[i-2].fold] {
			// "réduire ses effectifs de 3 000 personnes" is the cut, not the workforce.
			for _, m := range x.mentions {
				if m.first < i-2 && m.last >= i-2 && m.sent == int(x.sentOf[i]) {
					return false
				}
			}
			return true
		}
	}
	return x.headcountVal != nil && x.valAt[i] >= 0 && x.headcountVal[x.valAt[i]]
}

// classifyFigures gives each figure of an event its metric.
func (x *extractor) classifyFigures(typ string, figs []int) []int {
	var out []int
	hasDeal := false
	for _, fi := range figs {
		f := &x.figs[fi]
		switch f.class {
		case fcPersons:
			if f.metric == "" {
				f.metric = MetricEmployeesAffected
				if x.isHeadcountFig(f) {
					f.metric = MetricHeadcount
				}
			}
		case fcShare:
			f.metric = MetricWorkforceShare
		case fcPosts:
			f.metric = MetricMentions
		case fcSites:
			// "fermera 100 de ses 550 agences", "close 100 of its 550
			// branches": the network the closed sites are taken from.
			// A network told alone ("all of its 360 stores", "de ses deux
			// sites") is what closes.
			if i := f.first; i >= 3 && contains([]string{"ses", "les", "leurs", "its", "their", "the"}, x.toks[i-1].fold) &&
				contains([]string{"de", "d'", "sur", "parmi", "of", "among"}, x.toks[i-2].fold) && x.valAt[i-3] >= 0 {
				continue
			}
			f.metric = MetricSitesClosed
		case fcRatio:
			switch {
			case x.cueNear(f, "stake", "participation", "capital", "parts"):
				f.metric = MetricStake
			default:
				continue
			}
		case fcMoney:
			switch {
			case x.cueNear(f, "otherMoney"):
				continue
			case typ == TypeAcquisition && x.perShare(f):
				f.metric = MetricPricePerShare
			case typ == TypeAcquisition && (x.cueAfter(f.last, 5, personalCues) || x.cueBefore(f.first, 4, personalCues)):
				f.metric = MetricPersonalContribution
			case typ == TypeAcquisition && !hasDeal && !x.cueBefore(f.first, 2, map[string]bool{"dont": true, "including": true, "which": true}):
				f.metric = MetricDealValue
				hasDeal = true
			case typ == TypeLayoff && (x.cueBefore(f.first, 4, savingCues) || x.cueAfter(f.last, 3, savingCues)):
				f.metric = MetricCostSavings
			case typ == TypeLayoff && (x.cueBefore(f.first, 4, costCues) || x.cueAfter(f.last, 3, costCues)):
				f.metric = MetricRestructuringCost
			default:
				continue
			}
		}
		// One figure told twice ("11 000 emplois" in the headline, "plus de
		// 11 000 collaborateurs" in the body): keep the body's wording.
		dup := -1
		for k, o := range out {
			if g := &x.figs[o]; g.metric == f.metric && g.unit == f.unit && (g.v.cmp(f.v) == 0 || rangeBound(g, f) || rangeBound(f, g)) {
				dup = k
			}
		}
		if dup >= 0 {
			if x.sents[x.sentOf[x.figs[out[dup]].first]].headline && !x.sents[x.sentOf[f.first]].headline {
				out[dup] = fi
			}
			continue
		}
		out = append(out, fi)
	}
	return out
}

// perShare tells whether an amount is a price per share: "$54.20 a share",
// "$142.50 in cash … for each VMware share", "54,20 dollars par action".
func (x *extractor) perShare(f *figure) bool {
	if f.last >= len(x.toks) {
		return false
	}
	s := x.sents[x.sentOf[f.last-1]]
	for k := f.last; k < s.last && k < f.last+10; k++ {
		if vi := x.valAt[k]; vi >= 0 && x.vals[vi].kind == vMoney {
			return false // the cue belongs to the next amount
		}
		switch x.toks[k].fold {
		case "and", "et", "plus":
			if k+1 < s.last && x.toks[k+1].kind == tkNum {
				return false // "$197 in cash and 0.345 of a share for each share": a part of the price
			}
		case "auxquels", "auquel", "auxquelles", "laquelle", "lequel", "which", "where", "when", "lorsque":
			return false // "1,86 franc auxquels le titre avait clôturé": the market price
		}
		if shareCues[x.toks[k].fold] {
			return true
		}
	}
	return false
}

func (x *extractor) cueBefore(i, n int, cues map[string]bool) bool {
	s := x.sents[x.sentOf[min(i, len(x.toks)-1)]]
	for k := i - 1; k >= s.first && k >= i-n; k-- {
		if cues[x.toks[k].fold] {
			return true
		}
	}
	return false
}

func (x *extractor) cueAfter(i, n int, cues map[string]bool) bool {
	if i >= len(x.toks) {
		return false
	}
	s := x.sents[x.sentOf[i]]
	for k := i; k < s.last && k < i+n; k++ {
		if cues[x.toks[k].fold] {
			return true
		}
	}
	return false
}

// cueNear looks for words around a figure; "otherMoney" stands for the
// amounts that are no deal (revenue, debt, salaries).
func (x *extractor) cueNear(f *figure, words ...string) bool {
	if len(words) == 1 && words[0] == "otherMoney" {
		// "$35.9 billion including debt", "y compris la dette": a deal
		// value that counts the debt taken over.
		if x.cueAfter(f.last, 3, map[string]bool{"including": true, "compris": true}) {
			return x.cueBefore(f.first, 3, otherMoney)
		}
		return x.cueBefore(f.first, 3, otherMoney) || x.cueAfter(f.last, 2, otherMoney)
	}
	set := map[string]bool{}
	for _, w := range words {
		set[w] = true
	}
	return x.cueBefore(f.first, 4, set) || x.cueAfter(f.last, 4, set)
}

// rangeBound tells whether b is a bound of range a told alone: "jusqu'à
// 14 000 emplois" in a headline, "de 9 000 à 14 000 postes" in the body.
func rangeBound(a, b *figure) bool {
	return a.qual == QualRange && (b.qual == QualAtMost && b.v.cmp(a.high) == 0 || b.qual == QualAtLeast && b.v.cmp(a.low) == 0)
}

package extract

// Figures go to the trigger that can take them: the nearest of their
// sentence, or the story they continue.

// accepts tells which events a figure class may belong to.
func accepts(typ string, c figClass) bool {
	switch c {
	case fcPersons:
		return typ == TypeLayoff || typ == TypeResignation || typ == TypeDeparture || typ == TypeClosure || typ == TypeBankruptcy || typ == TypeUltimatum
	case fcShare:
		return typ == TypeLayoff || typ == TypeResignation || typ == TypeDeparture
	case fcMoney:
		return typ == TypeAcquisition || typ == TypeLayoff
	case fcRatio:
		return typ == TypeAcquisition
	case fcPosts:
		return typ == TypeSocialMediaTrend
	case fcSites:
		return typ == TypeClosure
	}
	return false
}

// clauseEnd is the index after the clause holding token i.
func (x *extractor) clauseEnd(i int) int {
	s := x.sents[x.sentOf[i]]
	for k := i + 1; k < s.last; k++ {
		t := x.toks[k]
		if t.kind == tkPunct && (t.text == ";" || t.text == ":" || t.text == "(" || t.text == ")" || t.text == "—") {
			return k
		}
	}
	return s.last
}

// softBoundary tells whether a clause of its own starts at token k: ", et",
// ", mais", ", while", ", and the".
func (x *extractor) softBoundary(k int) bool {
	if k == 0 || x.toks[k-1].text != "," {
		return false
	}
	switch x.toks[k].fold {
	case "et", "mais", "tandis", "alors", "and", "but", "while", "whereas", "or", "ou":
		return true
	}
	return false
}

// cost is how far figure f lies from mention m, counting clause
// boundaries between them as distance.
func (x *extractor) cost(f *figure, m *mention) int {
	a, b := f.last, m.first
	d := b - a
	if f.first >= m.last {
		a, b = m.last, f.first
		d = b - a
	}
	if d < 0 {
		d = 0
	}
	for k := a; k < b; k++ {
		if x.softBoundary(k) {
			d += 12
		}
		t := x.toks[k]
		if t.kind == tkPunct && (t.text == ";" || t.text == ":" || t.text == "(" || t.text == ")") {
			d += 30
		}
	}
	// In French and English the subject count comes before the verb and
	// the object after: both are near; nothing else to weigh.
	return d
}

// attachFigures gives each figure to the nearest mention of its sentence
// that can take it; it returns, per mention, the figures it took.
func (x *extractor) attachFigures(types []string) [][]int {
	out := make([][]int, len(x.mentions))
	const maxCost = 30
	old := x.revisedFrom()
	for fi := range x.figs {
		f := &x.figs[fi]
		if f.base >= 0 {
			continue // derived figures follow their base
		}
		if f.class == fcPersons && x.isOldCount(f, old) {
			continue // "the 9,000 cuts" of a plan since raised "to 20,000 from 9,000"
		}
		if f.class == fcPersons && x.otherRound(f) {
			continue // "in addition to the 2,500 manufacturing roles it announced in January"
		}
		si := x.sentOf[f.first]
		best, bestCost := -1, maxCost+1
		if f.class == fcMoney && x.dealAnaphorAppositive(f) {
			// "L'opération, d'un montant d'environ 610 millions d'euros,
			// avait reçu le feu vert …": the deal the lead tells.
			if mi := x.leadMention(types, TypeAcquisition); mi >= 0 {
				best, bestCost = mi, 0
			}
		}
		for mi := range x.mentions {
			m := &x.mentions[mi]
			if bestCost == 0 || int32(m.sent) != si || !accepts(types[mi], f.class) || m.negated {
				continue
			}
			if c := x.cost(f, m); c < bestCost {
				best, bestCost = mi, c
			}
		}
		if best >= 0 && x.mentions[best].background && f.class == fcPersons && x.isHeadcountFig(f) {
			best = -1 // "Le groupe, qui emploie 20 000 salariés, avait déjà réduit…": the workforce today
		}
		if best < 0 {
			best = x.nearbyMention(f, types)
		}
		if best < 0 {
			continue
		}
		out[best] = append(out[best], fi)
		for di := range x.figs {
			if x.figs[di].base == fi {
				out[best] = append(out[best], di)
			}
		}
	}
	return out
}

// otherRound tells whether count f is told as another round besides the
// news: "in addition to the 2,500 roles", "on top of the 1,000", "en plus
// des 800 postes", "outre les 300 emplois".
func (x *extractor) otherRound(f *figure) bool {
	s := x.sents[x.sentOf[f.first]]
	at := func(k int) string {
		if k < s.first || k >= f.first {
			return ""
		}
		return x.toks[k].fold
	}
	for k := max(s.first, f.first-5); k < f.first; k++ {
		switch {
		case at(k) == "addition" && at(k+1) == "to" && at(k-1) == "in",
			at(k) == "on" && at(k+1) == "top" && at(k+2) == "of",
			at(k) == "en" && at(k+1) == "plus" && (at(k+2) == "des" || at(k+2) == "de" || at(k+2) == "du"),
			at(k) == "outre":
			return true
		}
	}
	return false
}

// dealNouns name a deal told again: "L'opération", "the transaction".
var dealNouns = wordSet(`operation transaction deal acquisition rachat offre accord takeover`)

// dealAnaphorAppositive tells whether figure f lies in the apposition of
// a sentence opening on a deal told again: "L'opération, d'un montant de
// …,", "The deal, valued at …,".
func (x *extractor) dealAnaphorAppositive(f *figure) bool {
	s := x.sents[x.sentOf[f.first]]
	k := s.first
	switch x.toks[k].fold {
	case "l'", "la", "le", "the", "cette", "this":
		k++
	default:
		return false
	}
	if k+1 >= s.last || !dealNouns[x.toks[k].fold] || x.toks[k+1].text != "," || f.first <= k+1 {
		return false
	}
	for j := k + 2; j < f.first; j++ {
		if t := x.toks[j]; t.kind == tkPunct && t.text != "'" && t.text != "’" {
			return false
		}
	}
	return true
}

// continuationWords let a count in a sentence without trigger belong to
// the event of the sentence before: "Au total, 1 200 postes sont
// concernés".
var continuationWords = map[string]bool{
	"concernes": true, "concernees": true, "touches": true, "touchees": true, "menaces": true, "vises": true,
	"affected": true, "impacted": true, "affect": true, "affects": true, "impact": true, "eliminated": true,
	"supprimes": true, "supprimees": true, "lost": true, "perdront": true, "cut": true,
	"cuts": true, "layoffs": true, "suppressions": true, "reductions": true, "represent": true, "represente": true,
	"representent": true, "represents": true, "representing": true, "compressions": true,
}

// nearbyMention finds, for a figure of a sentence without a matching
// trigger, a workforce mention in the two sentences before it (same
// paragraph) when the figure's sentence says it continues that story.
func (x *extractor) nearbyMention(f *figure, types []string) int {
	si := int(x.sentOf[f.first])
	s := x.sents[si]
	if f.class == fcMoney {
		// "pre-tax charges of about $4.2 billion related to severance": the
		// cost of the layoff told just before; "$95.00 per share": the price
		// of the acquisition.
		perShare := x.perShare(f)
		want := TypeLayoff
		if perShare {
			want = TypeAcquisition
		}
		if !perShare && !x.cueBefore(f.first, 4, costCues) && !x.cueAfter(f.last, 4, costCues) && !x.cueBefore(f.first, 4, savingCues) && !x.cueAfter(f.last, 4, savingCues) {
			return -1
		}
		for mi := len(x.mentions) - 1; mi >= 0; mi-- {
			m := &x.mentions[mi]
			if m.sent < si && m.sent >= si-2 && x.sents[m.sent].para == s.para && !m.negated && types[mi] == want {
				return mi
			}
		}
		// "Microsoft will pay $95.00 per share", "help BT save £3 billion":
		// the lead's event, when the sentence speaks of its organisation.
		if x.refersToMain(si) {
			return x.leadMention(types, want)
		}
		return -1
	}
	if f.class != fcPersons && f.class != fcShare {
		return -1
	}
	// Not a count of years ago ("employed about 4,000 people as recently as 2019").
	for _, d := range x.dates {
		if int(x.sentOf[d.first]) == si && d.resolved && x.hasPub && d.end.Before(x.pub.AddDate(-1, 0, 0)) && !x.commaBetween(min(d.first, f.first), max(d.first, f.first)) &&
			!(x.asOf(d.first) && d.end.After(x.pub.AddDate(-2, 0, 0))) {
			return -1
		}
	}
	cue := false
	for k := s.first; k < s.last; k++ {
		if continuationWords[x.toks[k].fold] {
			cue = true
			break
		}
	}
	hc := f.metric == MetricHeadcount || (f.metric == "" && x.isHeadcountFig(f))
	if !cue && !hc {
		return -1
	}
	if !hc {
		for k := s.first; k < s.last; k++ {
			switch x.toks[k].fold {
			case "seraient", "serait", "pourraient", "auraient", "aurait", "reportedly", "allegedly":
				return -1 // "une trentaine de salariés seraient concernés": hearsay
			}
		}
	}
	for mi := len(x.mentions) - 1; mi >= 0; mi-- {
		m := &x.mentions[mi]
		if m.sent >= si || m.sent < si-2 || x.sents[m.sent].para != s.para || m.negated || !accepts(types[mi], f.class) {
			continue
		}
		if types[mi] == TypeLayoff || (types[mi] == TypeResignation || types[mi] == TypeDeparture) && !(hc && x.namesPerson(m.sent)) {
			return mi
		}
	}
	// "The company had 87,314 employees at the end of September": the
	// workforce of the organisation the lead speaks about; "meaning roughly
	// 7,900 jobs could be eliminated": its count. Not a workforce of years
	// ago ("employed about 4,000 people as recently as 2019").

	if !x.refersToMain(si) {
		return -1
	}
	for _, typ := range [...]string{TypeLayoff, TypeResignation, TypeDeparture} {
		if mi := x.leadMention(types, typ); mi >= 0 && !(hc && typ != TypeLayoff && x.namesPerson(x.mentions[mi].sent)) {
			return mi
		}
	}
	return -1
}

// namesPerson tells whether sentence si names a person: the workforce of
// a company is no figure of one executive's leaving ("Guillaume Boutin
// quittera ses fonctions … Proximus, qui emploie 11.600 personnes").
func (x *extractor) namesPerson(si int) bool {
	for _, r := range x.refs {
		if int(x.sentOf[r.first]) == si && x.kindOf(r) == KindPerson {
			return true
		}
	}
	return false
}

// refersToMain tells whether sentence si names the organisation the
// article is about, or refers to it ("the company", "le groupe").
func (x *extractor) refersToMain(si int) bool {
	main := x.mainOrg()
	for _, r := range x.refs {
		if int(x.sentOf[r.first]) == si && r.id == main {
			return true
		}
	}
	// "It expects to take restructuring charges of…": a pronoun opening
	// the sentence after one about it.
	s := x.sents[si]
	if si > 0 && s.first < s.last && x.sents[si-1].para == s.para {
		switch x.toks[s.first].text {
		case "It", "Il", "Elle":
			return x.refersToMain(si - 1)
		}
	}
	return false
}

// leadMention is the first mention of the lead of that type told as fact.
func (x *extractor) leadMention(types []string, typ string) int {
	for mi := range x.mentions {
		m := &x.mentions[mi]
		if x.sents[m.sent].lead && !m.negated && !m.background && !m.hedged && types[mi] == typ {
			return mi
		}
	}
	return -1
}

// revisedFrom lists the values a revision moved away from: "to 20,000
// from 9,000", "passe de 10 000 à 13 000".
func (x *extractor) revisedFrom() []int {
	var out []int
	for vi := range x.vals {
		v := &x.vals[vi]
		if v.kind != vCount || v.first == 0 {
			continue
		}
		p := x.toks[v.first-1].fold
		if p == "from" && (v.first < 2 || x.toks[v.first-2].fold != "away") || p == "de" && x.changeVerbBefore(v.first-1) {
			out = append(out, vi)
		}
	}
	return out
}

// isOldCount tells whether f, told in another sentence, restates a value
// a revision moved away from.
func (x *extractor) isOldCount(f *figure, old []int) bool {
	for _, vi := range old {
		v := &x.vals[vi]
		if vi != f.val && x.sentOf[v.first] != x.sentOf[f.first] && v.v.cmp(f.v) == 0 {
			return true
		}
	}
	return false
}

// asOf tells whether the date at token i is the day a count was last
// reported: "had 228,000 employees as of June 2024", "à fin 2023".
func (x *extractor) asOf(i int) bool {
	if i >= 2 && x.toks[i-1].fold == "of" && x.toks[i-2].fold == "as" {
		return true
	}
	return i >= 1 && x.toks[i-1].fold == "fin"
}

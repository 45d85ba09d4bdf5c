package extract

import (
	"strconv"
	"strings"
	"sync"
)

// Event types.
const (
	TypeLayoff           = "layoff"
	TypeResignation      = "resignation"
	TypeDeparture        = "departure"
	TypeDismissal        = "dismissal"
	TypeAppointment      = "appointment"
	TypeAcquisition      = "acquisition"
	TypeUltimatum        = "ultimatum"
	TypeClosure          = "closure"
	TypeBankruptcy       = "bankruptcy"
	TypeSocialMediaTrend = "social_media_trend"
)

// Trigger flags.
const (
	fNoun      = 1 << iota // a noun ("licenciements", "the takeover"), not a verb
	fWeak                  // only supports an event told by another mention ("deal", "prise de pouvoir")
	fSale                  // the subject sells: "cède X à Y", "sells X to Y"
	fPersonObj             // layoff verbs that become a dismissal with a person or an executive as object
	fNeedObj               // needs a person or an employee noun after it ("dismissed", "succeeds")
	fSubj                  // the person is the subject: "X returns as CEO", "X devient PDG"
)

// pattern is one trigger of the lexicon, compiled from a line such as
// "suppression*|supprim* ~4 poste*|emploi*" (see compileLexicon).
type pattern struct {
	typ   string
	flags int
	elems []elem
	src   string
}

// elem matches one token, or skips up to gap tokens.
type elem struct {
	exact    []string
	prefixes []string
	gap      int
	cap      bool // a capitalised word or an organisation noun ("le réseau social")
}

func (e elem) match(t token) bool {
	if e.cap {
		return t.kind == tkWord && (t.upper || t.caps || orgNouns[t.fold])
	}
	for _, w := range e.exact {
		if t.fold == w {
			return true
		}
	}
	for _, p := range e.prefixes {
		if strings.HasPrefix(t.fold, p) {
			return true
		}
	}
	return false
}

// lexicon holds the compiled triggers of one language, indexed by the
// first three bytes of their first word.
type lexicon struct {
	byHead map[string][]*pattern
}

func headKey(s string) string {
	if len(s) > 3 {
		return s[:3]
	}
	return s
}

// compileLexicon compiles lines "type flags: elements". Elements are
// separated by spaces; "a|b" are alternatives, "abc*" a prefix, "~N" skips
// up to N tokens, "@cap" wants a capitalised word or an organisation noun.
func compileLexicon(lines []string) *lexicon {
	lx := &lexicon{byHead: map[string][]*pattern{}}
	for _, line := range lines {
		head, body, ok := strings.Cut(line, ":")
		if !ok {
			panic("extract: bad lexicon line " + line)
		}
		fields := strings.Fields(head)
		p := &pattern{typ: fields[0], src: line}
		for _, f := range fields[1:] {
			switch f {
			case "noun":
				p.flags |= fNoun
			case "weak":
				p.flags |= fWeak
			case "sale":
				p.flags |= fSale
			case "personobj":
				p.flags |= fPersonObj
			case "needobj":
				p.flags |= fNeedObj
			case "subj":
				p.flags |= fSubj
			default:
				panic("extract: bad lexicon flag " + f)
			}
		}
		for _, w := range strings.Fields(body) {
			var e elem
			switch {
			case strings.HasPrefix(w, "~"):
				e.gap, _ = strconv.Atoi(w[1:])
			case w == "@cap":
				e.cap = true
			default:
				for _, a := range strings.Split(w, "|") {
					if strings.HasSuffix(a, "*") {
						e.prefixes = append(e.prefixes, strings.TrimSuffix(a, "*"))
					} else {
						e.exact = append(e.exact, a)
					}
				}
			}
			p.elems = append(p.elems, e)
		}
		first := p.elems[0]
		keys := map[string]bool{}
		for _, w := range first.exact {
			keys[headKey(w)] = true
		}
		for _, w := range first.prefixes {
			if len(w) < 3 {
				panic("extract: lexicon prefix shorter than 3: " + line)
			}
			keys[headKey(w)] = true
		}
		for k := range keys {
			lx.byHead[k] = append(lx.byHead[k], p)
		}
	}
	return lx
}

var lexicons = sync.OnceValue(func() map[string]*lexicon {
	return map[string]*lexicon{French: compileLexicon(frTriggers), English: compileLexicon(enTriggers)}
})

// gapStop ends a gap: triggers do not reach across clauses.
func gapStop(t token) bool {
	if t.space >= spLine {
		return true
	}
	if t.kind != tkPunct {
		return false
	}
	switch t.text {
	case ".", ";", ":", "!", "?", "(", ")", "—", "–":
		return true
	}
	return false
}

// gapStopAt is gapStop with clause commas and "such as": "remplacer
// Twitter, comme Mastodon" is no "remplacer … comme".
func gapStopAt(toks []token, k int) bool {
	t := toks[k]
	inNumber := (t.text == "." || t.text == ",") && t.space == spNone && k+1 < len(toks) && toks[k+1].space == spNone && toks[k+1].kind == tkNum
	if inNumber {
		return false // "3.200 postes", "7,500 jobs"
	}
	if t.fold == "such" && k+1 < len(toks) && toks[k+1].fold == "as" {
		return true // "Hiring in functions such as human resources" is no "hiring … as"
	}
	return gapStop(t) || t.text == "," && k+1 < len(toks) && toks[k+1].space != spNone
}

// matchAt tries p at token i; it returns the index after the match or -1.
func (p *pattern) matchAt(toks []token, i int) int {
	return matchElems(toks, p.elems, i, i)
}

func matchElems(toks []token, elems []elem, i, start int) int {
	if len(elems) == 0 {
		return i
	}
	e := elems[0]
	if e.gap > 0 {
		for k := 0; k <= e.gap && i+k < len(toks); k++ {
			if k > 0 && gapStopAt(toks, i+k-1) {
				break
			}
			if end := matchElems(toks, elems[1:], i+k, start); end >= 0 {
				return end
			}
		}
		return -1
	}
	if i >= len(toks) || (i > start && toks[i].space >= spLine) || !e.match(toks[i]) {
		return -1
	}
	return matchElems(toks, elems[1:], i+1, start)
}

// mention is one occurrence of a trigger.
type mention struct {
	typ         string
	flags       int
	first, last int // tokens of the whole match
	head        int // the token the match starts with
	sent        int
	negated     bool
	hedged      bool // could, might, pourrait, envisage, reportedly
	background  bool // "avant le rachat", "who bought", "avait licencié"
	relative    bool // background because told in a relative clause: kept when its date is recent
	relPerson   bool // that relative clause is on a person ("Ella Irwin, who resigned in June")
	temporal    bool // background because after "après", "after", "since": kept when its date is days old
	capEnd      bool // the match ends on a name ("buy Activision"), which is an actor, not the trigger
	src         string
}

// findMentions matches the lexicon over the tokens, keeping at each
// position the longest match.
func (x *extractor) findMentions() {
	lx := lexicons()[x.lang]
	for i := 0; i < len(x.toks); i++ {
		t := x.toks[i]
		if t.kind != tkWord || x.sents[x.sentOf[i]].skip {
			continue
		}
		var best *pattern
		bestEnd := -1
		for _, p := range lx.byHead[headKey(t.fold)] {
			if end := p.matchAt(x.toks, i); end > bestEnd {
				best, bestEnd = p, end
			}
		}
		if best == nil {
			continue
		}
		m := mention{typ: best.typ, flags: best.flags, first: i, last: bestEnd, head: i, sent: int(x.sentOf[i]), src: best.src,
			capEnd: best.elems[len(best.elems)-1].cap}
		if m.capEnd && prepositionIn(x.toks[i+1:bestEnd-1]) {
			continue // "games purchased through the Google Store" buys no company
		}
		x.mentions = append(x.mentions, m)
		// Skip the words of a noun phrase already taken ("plan de
		// sauvegarde de l'emploi"), but let a verb's object start a new
		// match ("licencié ... suppression").
		if best.flags&fNoun != 0 && len(best.elems) > 1 {
			i = bestEnd - 1
		}
	}
	x.findTrends()
	// A trigger inside another's match is part of it: "menaçant de
	// quitter l'entreprise" is a threat, not a departure.
	kept := x.mentions[:0]
	for i, m := range x.mentions {
		inside := false
		for j, o := range x.mentions {
			if i != j && o.first < m.head && m.head < o.last {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, m)
		}
	}
	x.mentions = kept
}

// prepositionIn tells whether a preposition lies among toks.
func prepositionIn(toks []token) bool {
	for _, t := range toks {
		switch t.fold {
		case "through", "from", "for", "on", "at", "in", "via", "with", "par", "pour", "sur", "dans", "avec", "chez", "en":
			return true
		}
	}
	return false
}

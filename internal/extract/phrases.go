package extract

import (
	"strings"
	"sync"
)

// phraseSet indexes fixed phrases of folded words by their first word, so
// that matching one position costs one map look-up.
type phraseSet map[string][]phrase

type phrase struct {
	words []string
	id    int // index of the phrase in its source list
}

func newPhraseSet(phrases []string) phraseSet {
	ps := phraseSet{}
	for id, p := range phrases {
		ws := strings.Fields(p)
		ps[ws[0]] = append(ps[ws[0]], phrase{words: ws, id: id})
	}
	return ps
}

// match returns the id and end of the longest phrase at token i, or -1.
func (x *extractor) match(ps phraseSet, i int) (id, end int) {
	id, end = -1, i
	if i >= len(x.toks) {
		return
	}
	for _, p := range ps[x.toks[i].fold] {
		j := i
		ok := true
		for k, w := range p.words {
			if j >= len(x.toks) || x.toks[j].fold != w || (k > 0 && x.toks[j].space >= spLine) {
				ok = false
				break
			}
			j++
		}
		if ok && j > end {
			id, end = p.id, j
		}
	}
	return
}

// phraseTables are the compiled phrase lists of the value and date rules.
type phraseTables struct {
	qualifiers, relatives, modifiers, percents phraseSet
	dateStarts, valueStarts                    map[string]bool
}

var tables = sync.OnceValue(func() *phraseTables {
	t := &phraseTables{dateStarts: map[string]bool{}, valueStarts: map[string]bool{}}
	var qs, rs, ms []string
	for _, q := range qualifierPhrases {
		qs = append(qs, q.words)
	}
	for _, r := range relativePhrases {
		rs = append(rs, r.words)
	}
	for _, m := range dateModifiers {
		ms = append(ms, m.words)
	}
	t.qualifiers, t.relatives, t.modifiers = newPhraseSet(qs), newPhraseSet(rs), newPhraseSet(ms)
	t.percents = newPhraseSet([]string{"pour cent", "pourcent", "percent", "per cent", "pct"})
	// The words a date expression may start with; numbers always may.
	starts := []string{"il", "a", "an", "une", "un", "le", "la", "l'", "the", "last", "next", "this", "ce", "cet",
		"cette", "depuis", "since", "past", "premier", "first", "second", "third", "fourth", "deuxieme",
		"troisieme", "quatrieme", "dernier"}
	for w := range seasonLead {
		starts = append(starts, w)
	}
	for _, set := range []phraseSet{t.relatives, t.modifiers} {
		for w := range set {
			starts = append(starts, w)
		}
	}
	for w := range frMonths {
		starts = append(starts, w)
	}
	for w := range enMonths {
		starts = append(starts, w)
	}
	for w := range weekdays {
		starts = append(starts, w)
	}
	for w := range seasons {
		starts = append(starts, w)
	}
	for w := range frNumberWords {
		starts = append(starts, w)
	}
	for w := range enNumberWords {
		starts = append(starts, w)
	}
	for w := range quarterOrdinals {
		starts = append(starts, w)
	}
	for _, w := range starts {
		t.dateStarts[w] = true
	}
	// The words a value may start with; numbers and signs always may.
	vs := []string{"entre", "between", "plusieurs", "quelques", "des", "hundreds", "thousands", "dozens", "tens",
		"millions", "billions", "milliards", "several", "few", "a", "une", "un", "la", "les", "le", "the", "half",
		"one", "deux", "two", "trois", "three", "cent", "mille"}
	for w := range t.qualifiers {
		vs = append(vs, w)
	}
	for w := range frNumberWords {
		vs = append(vs, w)
	}
	for w := range enNumberWords {
		vs = append(vs, w)
	}
	for w := range fractionWords {
		vs = append(vs, w)
	}
	for _, w := range vs {
		t.valueStarts[w] = true
	}
	return t
})

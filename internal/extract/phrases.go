package extract

import (
	"strings"
	"sync"
	"time"
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
	valueStarts                                map[string]bool
	dateRuleStarts                             map[string]uint16 // word -> date rules it may start
}

var tables = sync.OnceValue(func() *phraseTables {
	t := &phraseTables{valueStarts: map[string]bool{}, dateRuleStarts: map[string]uint16{}}
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
	rule := func(bit uint16, words ...string) {
		for _, w := range words {
			t.dateRuleStarts[w] |= bit
		}
	}
	keys := func(m any) []string {
		var out []string
		switch m := m.(type) {
		case map[string]time.Month:
			for k := range m {
				out = append(out, k)
			}
		case map[string]time.Weekday:
			for k := range m {
				out = append(out, k)
			}
		case map[string]int:
			for k := range m {
				out = append(out, k)
			}
		case map[string]int64:
			for k := range m {
				out = append(out, k)
			}
		case map[string]bool:
			for k := range m {
				out = append(out, k)
			}
		case phraseSet:
			for k := range m {
				out = append(out, k)
			}
		}
		return out
	}
	rule(drAgo, "il", "a", "an", "une", "un")
	rule(drAgo, keys(frNumberWords)...)
	rule(drAgo, keys(enNumberWords)...)
	rule(drDayMonth, "le", "the", "premier", "first")
	rule(drDayMonth|drMonthDay|drWeekday, keys(weekdays)...)
	rule(drMonthDay|drMonth, keys(frMonths)...)
	rule(drMonthDay|drMonth, keys(enMonths)...)
	rule(drModified, keys(t.modifiers)...)
	rule(drMonth|drSeason|drWeekday, "last", "next")
	rule(drQuarter, keys(quarterOrdinals)...)
	rule(drSeason, "this", "cet", "cette", "ce", "past")
	rule(drSeason, keys(seasonLead)...)
	rule(drSeason, keys(seasons)...)
	rule(drRelative, keys(t.relatives)...)
	rule(drWeekday, "ce", "this")
	rule(drDayMonth, "depuis", "since")
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

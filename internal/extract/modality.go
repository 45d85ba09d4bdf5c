package extract

// markers are the words that change what a trigger asserts.
type markers struct {
	negation   []string    // "aucun licenciement", "no layoffs", "denied"
	negPairs   [2][]string // French "ne … pas"
	hedges     []string    // "pourrait", "could", "reportedly"
	background []string    // "avant le rachat", "after the takeover"
	pluperfect []string    // "avait licencié", "had laid off"
	relative   []string    // ", qui a racheté", ", who bought"
}

func (x *extractor) markers() *markers {
	if x.lang == French {
		return &frMarkers
	}
	return &enMarkers
}

func contains(list []string, w string) bool {
	for _, s := range list {
		if s == w {
			return true
		}
	}
	return false
}

// clauseStart is the first token of the clause holding token i: after the
// last strong punctuation, or after a comma that opens a new clause.
func (x *extractor) clauseStart(i int) int {
	s := x.sents[x.sentOf[i]]
	for k := i - 1; k >= s.first; k-- {
		t := x.toks[k]
		if t.kind == tkPunct && (t.text == ";" || t.text == ":" || t.text == "(" || t.text == ")" || t.text == "—" || t.text == "–") {
			return k + 1
		}
	}
	return s.first
}

// qualify sets the negated, hedged and background flags of every mention.
func (x *extractor) qualify() {
	mk := x.markers()
	for mi := range x.mentions {
		m := &x.mentions[mi]
		s := x.sents[m.sent]
		if s.question {
			m.hedged = true
		}
		start := x.clauseStart(m.head)
		from := m.head - 6
		if from < start {
			from = start
		}
		hasNe := false
		for k := from; k < m.head; k++ {
			f := x.toks[k].fold
			near := m.head-k <= 3
			switch {
			case contains(mk.negPairs[0], f):
				hasNe = true
			case hasNe && contains(mk.negPairs[1], f):
				m.negated = true
			case contains(mk.negation, f) && (near || f != "no" && f != "sans"):
				if !(f == "no" && k+1 < len(x.toks) && (x.toks[k+1].fold == "longer" || x.toks[k+1].fold == "one")) {
					m.negated = true
				}
			case contains(mk.hedges, f):
				m.hedged = true
			case near && contains(mk.background, f):
				m.background = true
			case near && contains(mk.pluperfect, f) && m.flags&fNoun == 0:
				m.background = true
			case near && contains(mk.relative, f) && m.flags&fNoun == 0 && k > 0 && x.toks[k-1].text == "," && x.relativeOnActor(k-1):
				m.background = true
			}
		}
		// French "ne … pas" may close after the verb: "ne licencie pas".
		if hasNe && m.last < len(x.toks) && contains(mk.negPairs[1], x.toks[m.last].fold) {
			m.negated = true
		}
		if hasNe && m.head+1 < len(x.toks) && contains(mk.negPairs[1], x.toks[m.head+1].fold) {
			m.negated = true
		}
	}
}

// relativeOnActor tells whether the comma at k follows a name, as in
// "Elon Musk, who bought Twitter, …": such relative clauses recall past events.
func (x *extractor) relativeOnActor(k int) bool {
	return k > 0 && x.toks[k-1].kind == tkWord && x.toks[k-1].upper
}

// trendWords say that a hashtag is trending.
var trendWords = map[string]bool{
	"tweets": true, "tweet": true, "tendance": true, "tendances": true, "trending": true, "trend": true,
	"viral": true, "virale": true, "hashtag": true, "mot-cle": true, "mot-diese": true, "mots-cles": true,
	"messages": true, "publications": true, "posts": true, "partage": true, "partages": true,
}

// findTrends adds a social_media_trend mention for each hashtag whose
// sentence says it is used, shared or trending.
func (x *extractor) findTrends() {
	for i, t := range x.toks {
		if t.kind != tkHashtag || len(t.fold) < 3 || (t.fold[1] >= '0' && t.fold[1] <= '9') {
			continue
		}
		s := x.sents[x.sentOf[i]]
		for k := s.first; k < s.last; k++ {
			if trendWords[x.toks[k].fold] {
				x.mentions = append(x.mentions, mention{typ: TypeSocialMediaTrend, first: i, last: i + 1, head: i, sent: int(x.sentOf[i]), src: "#hashtag"})
				break
			}
		}
	}
}

package extract

import "strings"

// markers are the words that change what a trigger asserts.
type markers struct {
	negation    []string    // "aucun licenciement", "no layoffs", "denied"
	negPairs    [2][]string // French "ne … pas"
	hedges      []string    // "pourrait", "could", "reportedly"
	background  []string    // "avant le rachat", "after the takeover"
	pluperfect  []string    // "avait licencié", "had laid off"
	relative    []string    // ", qui a racheté", ", who bought"
	denials     []string    // "Tesla denied a report that it planned to cut jobs"
	alternative []string    // "s'engager ou partir", "commit or leave": no fact
	claims      []string    // "« un plan social qui ne dit pas son nom », dénonce la CGT"
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
			case contains(mk.background, f) && (near || x.transparentTo(k, m.head)):
				m.background, m.temporal = true, true
			case near && contains(mk.pluperfect, f) && m.flags&fNoun == 0 && !x.reported(k):
				m.background = true
			case near && contains(mk.relative, f) && m.flags&fNoun == 0 && k > 0 && x.toks[k-1].text == "," && x.relativeOnActor(k-1) && x.pastBetween(k, m.head):
				m.background, m.relative, m.relPerson = true, true, x.personBefore(k-1)
			}
		}
		// "Elon Musk, who bought Twitter … and fired half its staff": every
		// verb of a relative clause on a name recalls the past.
		if !m.background && m.flags&fNoun == 0 {
			for k := m.head - 1; k > start; k-- {
				if x.toks[k].text != "," {
					continue
				}
				if k+1 < m.head && contains(mk.relative, x.toks[k+1].fold) && x.relativeOnActor(k) && x.pastBetween(k+1, m.head) {
					m.background, m.relative, m.relPerson = true, true, x.personBefore(k)
				}
				break
			}
		}
		// "Amazon had said in November that it would lay off staff", "le
		// groupe avait annoncé en octobre la suppression de 9 000 postes":
		// a noun only when no comma parts it from the verb.
		if !m.background {
			for k := max(start, m.head-10); k < m.head-1; k++ {
				if contains(mk.pluperfect, x.toks[k].fold) && x.isParticiple(x.skipAdverb(k+1)) && !x.reported(k) &&
					(m.flags&fNoun == 0 || !x.commaBetween(k, m.head)) {
					m.background = true
				}
			}
		}
		// "Citi had already sold its businesses in a dozen markets,
		// including Australia, where it sold its retail arm to NAB": a
		// clause hung on a pluperfect tells the same past.
		if !m.background && m.flags&fNoun == 0 {
			if k := x.hungClause(start, m.head); k > start {
				for j := start; j+1 < k; j++ {
					if contains(mk.pluperfect, x.toks[j].fold) && x.isParticiple(x.skipAdverb(j+1)) && !x.reported(j) {
						m.background = true
						break
					}
				}
			}
		}
		// "Le groupe a déjà cédé ses filiales au Burkina Faso", "it has
		// already cut 1,000 jobs": outside the lead, an earlier step.
		if !m.background && m.flags&fNoun == 0 && !x.sents[m.sent].lead && !x.sents[m.sent].headline && m.head >= 2 {
			if a, d := x.toks[m.head-2].fold, x.toks[m.head-1].fold; (d == "deja" || d == "already") && contains([]string{"a", "ont", "has", "have"}, a) {
				m.background = true
			}
		}
		// "Bouygues Telecom, Free et Orange pourraient déposer dans les
		// prochains jours une offre conjointe pour racheter SFR, selon
		// plusieurs médias": a deal told only as others report it, with a
		// conditional or a deal in progress ("is in talks to buy").
		if !m.hedged && x.hearsay(s) {
			for k := s.first; k < m.head; k++ {
				if contains(mk.hedges, x.toks[k].fold) || progressWords[x.toks[k].fold] {
					m.hedged = true
				}
			}
		}
		// "Le syndicat … réclame un plan social plus généreux ainsi que le
		// renoncement aux licenciements secs", "the union demanded that
		// the plan be dropped": what is asked for, anywhere in the clause.
		for k := max(start, m.head-20); k < m.head; k++ {
			if demandWords[x.toks[k].fold] {
				m.hedged = true
			}
		}
		// "A deal, which would face scrutiny, could value Intel at $90
		// billion", "l'opération pourrait…": a noun whose verb is a modal.
		if m.flags&fNoun != 0 && x.modalAfter(m.last) {
			m.hedged = true
		}
		// "The deal gives Lufthansa the option to raise its holding…, a move
		// that could cost…": a bare "deal" told with what may come.
		if m.flags&fWeak != 0 && m.flags&fNoun != 0 {
			for k := m.last; k < s.last; k++ {
				if f := x.toks[k].fold; f == "option" || f == "options" || f == "could" || f == "might" || f == "pourrait" || f == "pourraient" {
					m.hedged = true
				}
			}
		}
		// "Andy Jassy said in June that generative AI would reduce the
		// workforce": a forecast told long ago is no news.
		if m.flags&fNoun == 0 && x.oldForecast(s.first, m.head) {
			m.hedged = true
		}
		// "…, the latest senior departure since Elon Musk bought the
		// platform": a noun that files the clause's own news in a series
		// is no event of its own.
		if m.flags&fNoun != 0 && x.latestInSeries(s.first, m.head) {
			m.negated = true
		}
		// "Musk, who took Twitter private in October, laid off half the
		// staff days later": a step dated from an old one is old too.
		if m.flags&fNoun == 0 && !m.background && x.laterThanOld(s) {
			m.background = true
		}
		// "will close its plant in Joplin, eliminating between 200 and 250
		// jobs", "fermera l'usine, supprimant 300 emplois": the jobs of
		// the closure, no layoff of its own.
		if m.typ == TypeLayoff && m.flags&fNoun == 0 && m.head > s.first && x.toks[m.head-1].text == "," &&
			(strings.HasSuffix(x.toks[m.head].fold, "ing") || strings.HasSuffix(x.toks[m.head].fold, "ant")) {
			for _, o := range x.mentions {
				if o.typ == TypeClosure && o.sent == m.sent && o.head < m.head {
					m.typ = TypeClosure
					break
				}
			}
		}
		// "A new chief executive will be appointed in the first half of
		// 2025": an appointment to come that names nobody.
		if m.typ == TypeAppointment && m.head >= 2 && (x.toks[m.head-1].fold == "be" && x.toks[m.head-2].fold == "will" || x.toks[m.head-1].fold == "sera") && !x.namesPerson(m.sent) {
			m.hedged = true
		}
		// "point de départ", "taux de départ", "au départ": no departure.
		if m.typ == TypeDeparture && x.toks[m.head].fold == "depart" && m.head > 0 {
			switch x.toks[m.head-1].fold {
			case "de", "d'", "au":
				m.negated = true
			case "le":
				if m.head > 1 && x.toks[m.head-2].fold == "des" {
					m.negated = true
				}
			}
		}
		// "has no plans for further mass layoffs", "aucun projet de fermeture"
		for k := max(start, m.head-10); k+1 < m.head; k++ {
			f, n := x.toks[k].fold, x.toks[k+1].fold
			if (f == "no" || f == "aucun" || f == "aucune" || f == "pas") && (n == "plans" || n == "plan" || n == "intention" || n == "projet" || n == "de") && !(f == "pas" && n != "de") {
				if f != "pas" || k+2 < m.head && (x.toks[k+2].fold == "projet" || x.toks[k+2].fold == "plan") {
					m.negated = true
				}
			}
		}
		// "a week after Elon Musk completed his $44 billion takeover": a
		// trigger in a clause opened by "after", "après", "since" recalls
		// what came before the news.
		if !m.background {
			for k := m.head - 1; k >= s.first; k-- {
				if x.isComma(k) {
					break
				}
				if contains([]string{"after", "before", "since", "following", "apres", "avant", "depuis"}, x.toks[k].fold) {
					// Nouns there recall ("after … completed his takeover");
					// verbs only with a lapse ("a week after Twitter laid off").
					if m.flags&fNoun != 0 || k > 0 && contains([]string{"week", "weeks", "days", "months", "hours", "semaine", "semaines", "jours", "mois", "heures", "years", "ans"}, x.toks[k-1].fold) {
						m.background, m.temporal = true, true
					}
					break
				}
			}
		}
		// "agreed to terminate their $20 billion merger agreement", "a
		// renoncé à racheter Arm": a deal called off is no acquisition.
		if m.typ == TypeAcquisition {
			for k := max(start, m.head-8); k < m.head; k++ {
				if abandonWords[x.toks[k].fold] || x.toks[k].fold == "off" && k > 0 && strings.HasPrefix(x.toks[k-1].fold, "call") {
					m.negated = true
				}
			}
		}
		// "merger talks collapsed", "takeover rules", "a takeover target":
		// no deal.
		if m.flags&fNoun != 0 && m.last < len(x.toks) {
			switch x.toks[m.last].fold {
			case "talks", "negotiations", "discussions", "pourparlers", "negociations", "rules", "code", "panel", "regulations",
				"speculation", "rumours", "rumors", "target", "targets":
				m.hedged = true
			}
		}
		// "amid a storm over refunds, ticket prices and the illegal sacking
		// of ground staff": a noun in the phrase after "amid" is the
		// backdrop of the news, past the commas of its list.
		if !m.background {
		amid:
			for k := m.head - 1; k >= s.first && k >= m.head-16; k-- {
				switch x.toks[k].fold {
				case "amid", "amidst":
					m.background = true
					break amid
				case "said", "says", "told", "announced", "is", "are", "was", "were", "will", "has", "have", ";":
					break amid
				}
			}
		}
		// "denied a media report that it was planning to lay off workers",
		// "…, although he later denied the report"
		for k := s.first; k < s.last; k++ {
			if contains(mk.denials, x.toks[k].fold) {
				m.negated = true
			}
			// "dismissing a report that…", "a démenti les informations selon lesquelles…"
			if f := x.toks[k].fold; (f == "dismissing" || f == "dismissed" || f == "rejecting" || f == "rejected") && k+3 < s.last {
				for j := k + 1; j <= k+3; j++ {
					if g := x.toks[j].fold; g == "report" || g == "reports" || g == "rumors" || g == "rumours" || g == "speculation" || g == "claims" {
						m.negated = true
					}
				}
			}
			if contains(mk.claims, x.toks[k].fold) && (k < m.head && m.head-k <= 6 || x.quoted(m.head)) {
				m.hedged = true // "dénonce un « plan social déguisé »", "« un plan social », dénonce la CGT"
			}
		}
		// "s'engager … ou quitter l'entreprise", "commit … or leave": an
		// alternative put to someone, not something that happened.
		if m.typ == TypeDeparture || m.typ == TypeResignation {
			if m.head > 0 && contains(mk.alternative, x.toks[m.head-1].fold) ||
				m.head > 1 && contains(mk.alternative, x.toks[m.head-2].fold) && (x.toks[m.head-1].fold == "de" || x.toks[m.head-1].fold == "to") {
				m.negated = true
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

// progressWords tell a deal still being made: "en discussions", "is in
// talks", "négocie".
var progressWords = wordSet(`discussions discussion negocie negocient talks exploring preparent prepare`)

// hearsaySources follow "selon" or "according to" when the news is others'
// report: "selon plusieurs médias", "according to people familiar with the
// matter", "selon nos informations".
var hearsaySources = wordSet(`medias media presse sources source informations journaux people person persons reports report`)

// hearsay tells whether sentence s is told as reported by others.
func (x *extractor) hearsay(s sentence) bool {
	for k := s.first; k < s.last; k++ {
		from := -1
		switch x.toks[k].fold {
		case "selon":
			from = k + 1
		case "according":
			if k+1 < s.last && x.toks[k+1].fold == "to" {
				from = k + 2
			}
		case "familiar":
			if k+1 < s.last && x.toks[k+1].fold == "with" {
				return true // "people familiar with the matter said"
			}
		}
		if from < 0 {
			continue
		}
		for j := from; j < s.last && j < from+3; j++ {
			if hearsaySources[x.toks[j].fold] {
				return true
			}
		}
	}
	return false
}

// demandWords ask for something: a trigger after them in their clause is
// what is asked, not what happened.
var demandWords = wordSet(`reclame reclament reclamait exige exigent demandent demandait renoncement renoncer
demanded demanding urged urges`)

// abandonWords call a deal off: an acquisition told after them in its
// clause did not happen.
var abandonWords = wordSet(`terminate terminated terminating terminates abandon abandoned abandons abandoning
scrap scrapped scraps scrapping ditch ditched ditches scuttle scuttled
renonce renoncent renoncer renoncait abandonne abandonnent abandonner annule annulent annuler
rejected rejects rejecting rebuffed rebuffs spurned rejette rejettent rejete rejetee`)

// hungClause is the start of the clause opened by ", where", ", when",
// ", où", ", lorsque" holding token head, or -1.
func (x *extractor) hungClause(start, head int) int {
	for k := head - 1; k > start; k-- {
		switch x.toks[k].fold {
		case "where", "when", "ou", "lorsque", "quand":
			if x.toks[k-1].text == "," {
				return k
			}
		}
	}
	return -1
}

// transparentTo tells whether the words from a temporal preposition at k
// to the trigger at head only name the news of it: "après l'annonce de la
// suppression", "following the announcement of job cuts".
func (x *extractor) transparentTo(k, head int) bool {
	for j := k + 1; j < head; j++ {
		switch x.toks[j].fold {
		case "l'", "la", "le", "les", "de", "du", "des", "d'", "the", "of", "a", "an", "annonce", "announcement",
			"decision", "news", "report", "nouvelle", "vague", "wave", "round", "series", "serie", "premiere", "first", "recent", "recente", "latest":
		default:
			return false
		}
	}
	return true
}

// quoted tells whether token i lies inside quotation marks of its sentence.
func (x *extractor) quoted(i int) bool {
	s := x.sents[x.sentOf[i]]
	n := 0
	for k := s.first; k < i; k++ {
		if x.toks[k].kind == tkPunct && x.toks[k].fold == "\"" {
			n++
		}
	}
	return n%2 == 1
}

// personBefore tells whether a person's name ends right before token k.
func (x *extractor) personBefore(k int) bool {
	for _, r := range x.refs {
		if r.last == k && x.actors[r.id].kind() == KindPerson {
			return true
		}
	}
	return false
}

// pastBetween tells whether the verb from token a to the trigger at head
// is in a past tense: "qui a racheté", "who bought", "which had cut".
func (x *extractor) pastBetween(a, head int) bool {
	for k := a; k < head; k++ {
		switch x.toks[k].fold {
		case "a", "ont", "avait", "avaient", "had", "has", "have", "was", "were":
			return true
		}
	}
	f := x.toks[head].fold
	return x.lang == English && (strings.HasSuffix(f, "ed") || contains([]string{"bought", "sold", "laid", "cut", "quit", "left", "took", "shed", "let", "fired", "became", "began", "ran", "led", "oversaw", "went", "won", "made", "held"}, f))
}

// reported tells whether the pluperfect at token k is reported speech:
// "said it had appointed", "a indiqué qu'il avait démissionné".
func (x *extractor) reported(k int) bool {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		switch x.toks[j].fold {
		case "said", "says", "told", "announced", "confirmed", "dit", "indique", "annonce", "precise", "explique", "affirme", "assure", "confirme":
			return true
		}
	}
	return false
}

// modalAfter tells whether the verb after a noun at k, past an aside
// between commas, is a modal of possibility: "could", "pourrait".
func (x *extractor) modalAfter(k int) bool {
	if k >= len(x.toks) {
		return false
	}
	s := x.sents[x.sentOf[k-1]]
	if k < s.last && x.isComma(k) {
		j := k + 1
		for j < s.last && j <= k+16 && !x.isComma(j) {
			j++
		}
		if j >= s.last || j > k+16 {
			return false
		}
		k = j + 1
	}
	if k < s.last {
		switch x.toks[k].fold {
		case "also", "still", "likely", "eventually", "potentially", "aussi", "encore", "elle-meme":
			k++ // "the deal also could…"
		}
	}
	if k >= s.last {
		return false
	}
	switch x.toks[k].fold {
	case "could", "might", "may", "pourrait", "pourraient":
		return true
	}
	return false
}

// skipAdverb skips an adverb between an auxiliary and its participle:
// "avait déjà annoncé", "had already said".
func (x *extractor) skipAdverb(k int) int {
	if k < len(x.toks) {
		switch x.toks[k].fold {
		case "deja", "aussi", "egalement", "pourtant", "alors", "already", "also", "previously", "earlier":
			return k + 1
		}
	}
	return k
}

// isParticiple tells whether token k is a past participle: "said",
// "announced", "dit", "annoncé".
func (x *extractor) isParticiple(k int) bool {
	if k >= len(x.toks) || x.toks[k].kind != tkWord {
		return false
	}
	f := x.toks[k].fold
	if x.lang == French {
		return strings.HasSuffix(f, "e") || strings.HasSuffix(f, "es") || strings.HasSuffix(f, "i") || strings.HasSuffix(f, "is") || strings.HasSuffix(f, "it") || f == "dit"
	}
	return strings.HasSuffix(f, "ed") || contains([]string{"said", "told", "made", "been", "cut", "laid", "let", "begun", "done", "shed", "sold", "bought"}, f)
}

// relativeOnActor tells whether the comma at k follows a name, as in
// "Elon Musk, who bought Twitter, …": such relative clauses recall past events.
func (x *extractor) relativeOnActor(k int) bool {
	if k > 0 && x.toks[k-1].kind == tkWord && x.toks[k-1].upper {
		return true
	}
	// "The planemaker, which cut…": a descriptor is an actor too.
	for _, r := range x.refs {
		if r.last == k {
			return true
		}
	}
	return false
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
		if t.kind != tkHashtag || len(t.fold) < 3 || (t.fold[1] >= '0' && t.fold[1] <= '9') || x.sents[x.sentOf[i]].skip {
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

// oldForecast tells whether the verb at head follows "would" in what a
// speaker said at a date weeks before publication ("said in June that
// AI would reduce the workforce", "a déclaré en juin que l'IA allait
// réduire").
func (x *extractor) oldForecast(first, head int) bool {
	k := head - 1
	if k > first && (x.toks[k].fold == "eventually" || x.toks[k].fold == "also" || x.toks[k].fold == "further") {
		k--
	}
	if k <= first || !(x.toks[k].fold == "would" || x.toks[k].fold == "allait" || x.toks[k].fold == "allaient") {
		return false
	}
	for j := k - 1; j >= first; j-- {
		switch x.toks[j].fold {
		case "said", "told", "warned", "predicted", "forecast", "wrote", "announced", "declare", "dit", "affirme", "predit", "estime", "averti", "annonce":
		default:
			continue
		}
		for d := j + 1; d <= j+3 && d < k; d++ {
			if di := x.dateAt[d]; di >= 0 {
				dv := x.dates[di]
				return x.hasPub && dv.resolved && dv.end.Before(x.pub.AddDate(0, 0, -21))
			}
		}
		return false
	}
	return false
}

// latestInSeries tells whether the noun at head is told as the latest of
// a series after a comma: ", the latest senior departure", ", le dernier
// départ en date".
func (x *extractor) latestInSeries(first, head int) bool {
	for k := head - 1; k >= first && k >= head-4; k-- {
		switch x.toks[k].fold {
		case "latest", "newest", "dernier", "derniere":
			for j := k - 1; j >= first && j >= k-2; j-- {
				if x.toks[j].text == "," {
					return true
				}
			}
			return false
		case ",", ".", ";":
			return false
		}
	}
	return false
}

// laterThanOld tells whether a sentence dates its news "days later",
// "quelques jours plus tard" from a date weeks before publication.
func (x *extractor) laterThanOld(s sentence) bool {
	later := false
	for k := s.first + 1; k < s.last; k++ {
		f := x.toks[k].fold
		unit := k - 1
		if f == "tard" && x.toks[k-1].fold == "plus" && k >= 2 {
			unit = k - 2
		} else if f != "later" {
			continue
		}
		switch x.toks[unit].fold {
		case "days", "weeks", "months", "hours", "jours", "semaines", "mois", "heures":
			later = true
		}
	}
	if !later || !x.hasPub {
		return false
	}
	// The date counted from is in the sentence or the one before it in
	// its paragraph: "En novembre 2024, la maison mère … Son fondateur a
	// quitté la direction quelques jours plus tard."
	first := s.first
	if si := x.sentOf[s.first]; si > 0 && x.sents[si-1].para == s.para {
		first = x.sents[si-1].first
	}
	for k := first; k < s.last; k++ {
		if di := x.dateAt[k]; di >= 0 {
			if d := x.dates[di]; d.resolved && d.end.Before(x.pub.AddDate(0, -2, 0)) {
				return true
			}
		}
	}
	return false
}

package extract

import "strings"

// actorInfo is one organisation, person, group or product of the text.
type actorInfo struct {
	name     string
	key      string
	aliases  []string
	votes    [2]int // evidence for vPerson and vOrganization
	gazKind  string
	salience float64
	first    int // first token
	// surnameChecked: the person vote for a surname used alone was given.
	surnameChecked bool
}

func (a *actorInfo) kind() string {
	if a.gazKind != "" {
		return a.gazKind
	}
	if a.votes[vPerson] > a.votes[vOrganization] {
		return KindPerson
	}
	return KindOrganization
}

// Indices of actorInfo.votes.
const (
	vPerson = iota
	vOrganization
)

// actorRef is a mention of an actor over tokens [first, last): by name, or
// by a noun ("le réseau social", "the billionaire") resolved to the most
// salient actor of its kind.
type actorRef struct {
	first, last int
	id          int
	descriptor  bool
}

// findActors finds names and noun descriptors, groups the names into
// actors and resolves the descriptors.
func (x *extractor) findActors() {
	g := gazette()
	type cand struct {
		first, last int
		confirm     bool // sentence-initial single word or title-case headline: needs support elsewhere
	}
	var cands []cand
	// lowerSeen: words opening a sentence that the text also writes in
	// lower case ("Layoffs … the layoffs") are no names.
	lowerSeen := map[string]bool{}
	for _, s := range x.sents {
		for k := s.first; k < s.last; k++ {
			if x.toks[k].kind == tkWord {
				if x.toks[k].upper {
					lowerSeen[x.toks[k].fold] = false
				}
				break
			}
		}
	}
	for _, t := range x.toks {
		if seen, asked := lowerSeen[t.fold]; asked && !seen && t.kind == tkWord && !t.upper && !t.caps {
			lowerSeen[t.fold] = true
		}
	}
	for i := 0; i < len(x.toks); i++ {
		if !isNameToken(x.toks[i]) || x.dateAt[i] >= 0 {
			continue
		}
		lead := i
		if x.digitLed(i) {
			lead = i - 1 // "3M", "7-Eleven": a name may open with digits
		}
		j := i + 1
		for j < len(x.toks) && x.toks[j].space < spLine {
			t := x.toks[j]
			// A legal suffix ends a name; a title starts another one:
			// "International Business Machines Corp Chief Executive Arvind Krishna".
			if orgSuffixes[x.toks[j-1].fold] && legalSuffix[x.toks[j-1].fold] || execTitles[t.fold] && !execTitles[x.toks[j-1].fold] {
				break
			}
			if isNameToken(t) && x.dateAt[j] < 0 && !titles[t.fold] {
				j++
				continue
			}
			// Initials: "A.J. Brown", "Elon R. Musk"
			if t.text == "." && t.space == spNone && len(x.toks[j-1].text) == 1 && x.toks[j-1].upper &&
				j+1 < len(x.toks) && isNameToken(x.toks[j+1]) && x.toks[j+1].space < spLine {
				j++
				continue
			}
			// "Banque de France", "Bank of America", "Procter & Gamble", "Charles de Gaulle"
			if j+1 < len(x.toks) && isNameToken(x.toks[j+1]) && x.toks[j+1].space < spLine {
				head := x.toks[i].fold
				if (t.fold == "de" || t.fold == "of" || t.fold == "du" || t.fold == "des") && orgHeads[head] ||
					t.text == "&" || (nameParticles[t.fold] && g.first[head] && j == i+1) {
					j += 2
					continue
				}
			}
			break
		}
		// Drop leading sentence openers and titles, trailing possessive,
		// unless the whole is a known name ("Le Monde").
		a, b := lead, j
		if _, known := g.kind[NameKey(x.spanText(i, j))]; known {
			if !x.datelineAgency(i, j) {
				cands = append(cands, cand{i, j, false})
			}
			i = j - 1
			continue
		}
		for a < b {
			t := x.toks[a]
			if len(t.text) == 1 && a+1 < b && x.toks[a+1].text == "." {
				break // an initial: "A.J. Brown"
			}
			if titles[t.fold] || (x.isSentenceStart(a) && (commonCaps[t.fold] || lowerSeen[t.fold])) || commonCaps[t.fold] || nationalities[t.fold] {
				a++
				continue
			}
			break
		}
		// "Chipmaker Intel", "CEO Parag Agrawal": a noun before a name.
		for b-a >= 2 && (orgNouns[x.toks[a].fold] || personNouns[x.toks[a].fold] || execTitles[x.toks[a].fold] || strings.HasSuffix(x.toks[a].fold, "maker") ||
			x.isSentenceStart(a) && g.kind[NameKey(x.spanText(a+1, b))] != "" && g.kind[NameKey(x.spanText(a+1, b))] != "place") {
			// "Chief Executive Daniel Ek"; "ING Belgique" keeps its company
			// before the country it serves.
			a++
		}
		for b > a && (lead == i || b-1 > i) && (commonCaps[x.toks[b-1].fold] || x.toks[b-1].fold == "'s") {
			b--
		}
		if b-a == 1 && orgSuffixes[x.toks[a].fold] {
			a = b // a lone "Inc" or "Group"
		}
		if a < b && (x.datelinePlace(a, b) || x.datelineAgency(a, b)) {
			a = b // "BÂLE -", "LONDON, June 26 (Reuters) -": where the report was filed, and by whom
		}
		if a < b {
			s := x.sents[x.sentOf[a]]
			confirm := (b-a == 1 && x.isSentenceStart(a) && !x.subjectName(a)) || (s.headline && x.titleCase(s))
			if a == lead && lead < i {
				confirm = false
			}
			cands = append(cands, cand{a, b, confirm})
		}
		i = j - 1
	}
	// Register confirmed names first, so that doubtful ones can lean on them.
	index := map[string]int{}
	// Where each lone word is first told in the body: a surname told
	// before the full name is someone else's ("57 % du capital de
	// Lagardère" … "Arnaud Lagardère reste PDG").
	bodyFirst := map[string]int{}
	for _, c := range cands {
		if c.last-c.first == 1 && !x.sents[x.sentOf[c.first]].headline {
			if _, ok := bodyFirst[x.toks[c.first].fold]; !ok {
				bodyFirst[x.toks[c.first].fold] = c.first
			}
		}
	}
	register := func(c cand) int {
		name := x.spanText(c.first, c.last)
		key := NameKey(name)
		if key == "" {
			return -1
		}
		if kind := g.kind[key]; kind == "place" {
			return -1
		}
		if id, ok := index[key]; ok {
			return id
		}
		// A surname alone refers to the person named in full.
		if c.last-c.first == 1 {
			for id := range x.actors {
				a := &x.actors[id]
				if bf, ok := bodyFirst[x.toks[c.first].fold]; ok && bf < a.first {
					continue
				}
				if a.kind() == KindPerson && strings.HasSuffix(a.key, " "+key) {
					index[key] = id
					a.aliases = append(a.aliases, name)
					return id
				}
			}
		}
		// "Meta" is "Meta Platforms", "Activision" is "Activision Blizzard",
		// when the full name comes first; "Google" is no "Google Store".
		for id := range x.actors {
			a := &x.actors[id]
			if a.kind() != KindPerson && strings.HasPrefix(a.key, key+" ") && (a.first < c.first || corporateTail(a.key[len(key)+1:]) || x.headlineShortForm(c.first, a.first)) {
				index[key] = id
				x.addAlias(a, name, key)
				return id
			}
		}
		// "IBM" is "International Business Machines".
		if c.last-c.first == 1 && x.toks[c.first].caps && len(key) >= 2 {
			for id := range x.actors {
				a := &x.actors[id]
				if a.kind() != KindPerson && initials(a.key) == key {
					index[key] = id
					x.addAlias(a, name, key)
					return id
				}
			}
		}
		if c.confirm && g.kind[key] == "" {
			return -2
		}
		a := actorInfo{name: name, key: key, first: c.first}
		if k, ok := g.kind[key]; ok {
			a.gazKind = k
			a.name = g.name[key]
		}
		x.actors = append(x.actors, a)
		index[key] = len(x.actors) - 1
		return len(x.actors) - 1
	}
	// Longer names first so that "Musk" finds "Elon Musk".
	order := make([]int, 0, len(cands))
	for pass := 0; pass < 2; pass++ {
		for ci, c := range cands {
			if (c.last-c.first > 1) == (pass == 0) {
				order = append(order, ci)
			}
		}
	}
	// A name whose last word is used alone elsewhere is a person's
	// ("Drew Baglino" … "Baglino said").
	singles := map[string]bool{}
	for _, c := range cands {
		if c.last-c.first == 1 {
			singles[x.toks[c.first].fold] = true
		}
	}
	ids := make([]int, len(cands))
	for _, ci := range order {
		if c := cands[ci]; c.last-c.first == 1 {
			for id := range x.actors {
				a := &x.actors[id]
				if a.gazKind == "" && !a.surnameChecked {
					a.surnameChecked = true
					if k := strings.LastIndexByte(a.key, ' '); k > 0 && singles[a.key[k+1:]] && gazette().first[a.key[:strings.IndexByte(a.key, ' ')]] {
						a.votes[vPerson] += 2
					} else if k > 0 && singles[a.key[k+1:]] && !orgSuffixes[a.key[k+1:]] {
						a.votes[vPerson] += 2
					}
				}
			}
		}
		ids[ci] = register(cands[ci])
		if ids[ci] >= 0 {
			x.voteKind(&x.actors[ids[ci]], cands[ci].first, cands[ci].last)
		}
	}
	// Doubtful names count only if the same key was registered elsewhere.
	for ci, c := range cands {
		if ids[ci] == -2 {
			key := NameKey(x.spanText(c.first, c.last))
			if id, ok := index[key]; ok {
				ids[ci] = id
				x.voteKind(&x.actors[id], c.first, c.last)
			} else {
				ids[ci] = -1
			}
		}
	}
	// "l'usine de Forest", "son site bruxellois de Forest", "the plant in
	// Luton": a name only ever told as where a site stands is a place.
	sited := map[int]bool{}
	for ci, c := range cands {
		if id := ids[ci]; id >= 0 && x.actors[id].gazKind == "" {
			if seen, ok := sited[id]; !ok || seen {
				sited[id] = x.afterSiteNoun(c.first)
			}
		}
	}
	for id, place := range sited {
		if place {
			x.actors[id].gazKind = "place"
		}
	}
	for ci, c := range cands {
		id := ids[ci]
		if id < 0 || x.actors[id].gazKind == "place" {
			continue
		}
		if ci+1 < len(cands) && cands[ci+1].first == c.last+1 && ids[ci+1] >= 0 && makerNoun(x.toks[c.last]) {
			continue // "Pringles maker Kellanova", "Instagram owner Meta": the company is named next
		}
		if ci+1 < len(cands) && cands[ci+1].first == c.last+1 && ids[ci+1] >= 0 && c.last-c.first == 1 &&
			x.lang == English && orgNouns[x.toks[c.last].fold] && !x.toks[c.last].upper && x.actors[id].gazKind == "" && x.sentenceInitial(c.first) {
			continue // "Cybersecurity firm CrowdStrike said": a capitalised sector, the company is named next
		}
		x.refs = append(x.refs, actorRef{first: c.first, last: c.last, id: id})
		a := &x.actors[id]
		w := 1.0
		if s := x.sents[x.sentOf[c.first]]; s.headline {
			w = 3
		} else if s.lead {
			w = 2
		}
		a.salience += w
	}
	x.hashtagActors(index)
	x.findDescriptors()
}

// sentenceInitial tells whether token i opens its sentence or follows a
// dateline's dash: "May 7 (Reuters) - Cybersecurity firm…".
func (x *extractor) sentenceInitial(i int) bool {
	s := x.sents[x.sentOf[i]]
	return i == s.first || i > s.first && (x.toks[i-1].text == "-" || x.toks[i-1].text == "—" || x.toks[i-1].text == "–")
}

// makerNoun tells whether the word between two names makes the first
// one what the second makes or owns: "Pringles maker Kellanova",
// "Facebook owner Meta", "TikTok parent ByteDance".
func makerNoun(t token) bool {
	if t.kind != tkWord || t.upper {
		return false
	}
	switch t.fold {
	case "owner", "parent", "producer", "operator", "developer", "publisher", "creator":
		return true
	}
	return strings.HasSuffix(t.fold, "maker")
}

// siteNouns name the premises a company runs.
var siteNouns = wordSet(`usine usines site sites plant plants factory factories centre center entrepot entrepots
raffinerie mine mines campus warehouse`)

// afterSiteNoun tells whether the name at token i follows a site and a
// preposition: "usine de", "site bruxellois de", "plant in".
func (x *extractor) afterSiteNoun(i int) bool {
	if i < 2 {
		return false
	}
	switch x.toks[i-1].fold {
	case "de", "d'", "in", "at":
	default:
		return false
	}
	if siteNouns[x.toks[i-2].fold] {
		return true
	}
	return i >= 3 && siteNouns[x.toks[i-3].fold] && x.toks[i-2].kind == tkWord && !x.toks[i-2].upper
}

// hashtagActors registers the known names a hashtag holds: #RIPTwitter,
// #DeleteFacebook.
func (x *extractor) hashtagActors(index map[string]int) {
	g := gazette()
	for _, t := range x.toks {
		if t.kind != tkHashtag {
			continue
		}
		words := camelWords(t.text[1:])
		for n := 2; n >= 1; n-- {
			for i := 0; i+n <= len(words); i++ {
				key := NameKey(strings.Join(words[i:i+n], " "))
				kind := g.kind[key]
				if kind == "" || kind == "place" {
					continue
				}
				if _, ok := index[key]; ok {
					continue
				}
				x.actors = append(x.actors, actorInfo{name: g.name[key], key: key, gazKind: kind, salience: 0.5})
				index[key] = len(x.actors) - 1
			}
		}
	}
}

// digitLed tells whether the capitalised word i continues the digits
// just before it as one name ("3M", "23andMe" is one word already): the
// word is in capitals and glued to a number that is no amount ("$3M",
// "1.5B", "3M euros").
func (x *extractor) digitLed(i int) bool {
	if i == 0 || x.toks[i].space != spNone || !x.toks[i].upper || x.toks[i-1].kind != tkNum {
		return false
	}
	if t := x.toks[i].text; len(t) > 4 || strings.ToUpper(t) != t {
		return false
	}
	if p := x.toks[max(i-2, 0)]; i >= 2 && (p.kind == tkSymbol || x.toks[i-1].space == spNone && (p.text == "." || p.text == ",")) {
		return false // "$3M", "1.5M"
	}
	if i+1 < len(x.toks) && (currencyWords[x.toks[i+1].fold] != "" || currencyCodes[x.toks[i+1].text] || x.toks[i+1].kind == tkSymbol) {
		return false // "3M euros", "3M $"
	}
	return true
}

// isSentenceStart tells whether token i opens its sentence (after any
// opening quote or dash).
func (x *extractor) isSentenceStart(i int) bool {
	s := x.sents[x.sentOf[i]]
	for k := s.first; k < i; k++ {
		if x.toks[k].kind != tkPunct {
			return x.afterDateline(s.first, i)
		}
	}
	return true
}

// afterDateline tells whether the tokens [first, i) are a dateline that
// opens a report: capitalised words, numbers and parentheses ending with a
// colon or a dash ("NEW DELHI:", "LONDON, May 29 (Reuters) -", "SYDNEY —").
func (x *extractor) afterDateline(first, i int) bool {
	if i-first > 12 || i-first < 2 {
		return false
	}
	if last := x.toks[i-1]; last.text != ":" && last.text != "-" && last.text != "—" && last.text != "–" {
		return false
	}
	caps := false
	for k := first; k < i-1; k++ {
		t := x.toks[k]
		switch {
		case t.kind == tkWord && t.caps:
			caps = true
		case t.kind == tkWord && !t.upper:
			return false
		case t.kind == tkSymbol:
			return false
		}
	}
	return caps
}

// datelinePlace tells whether the capitalised words [a, b) open a
// dateline: all in capitals, first in their sentence, and a dateline ends
// after them ("BÂLE -", "NEW DELHI:", "LONDON, June 26 (Reuters) -").
func (x *extractor) datelinePlace(a, b int) bool {
	s := x.sents[x.sentOf[a]]
	for k := s.first; k < a; k++ {
		if x.toks[k].kind != tkPunct {
			return false
		}
	}
	for k := a; k < b; k++ {
		if !x.toks[k].caps && x.toks[k].kind == tkWord {
			return false
		}
	}
	for k := b; k < s.last && k <= a+12; k++ {
		if t := x.toks[k].text; (t == "-" || t == ":" || t == "—" || t == "–") && x.afterDateline(s.first, k+1) {
			return true
		}
	}
	return false
}

// datelineAgency tells whether the name [a, b) is the wire agency in
// parentheses of a dateline: "April 25 (Reuters) - 3M Co said".
func (x *extractor) datelineAgency(a, b int) bool {
	if a == 0 || b >= len(x.toks) || x.toks[a-1].text != "(" || x.toks[b].text != ")" {
		return false
	}
	s := x.sents[x.sentOf[a]]
	if a-s.first > 10 || b+1 >= s.last {
		return false
	}
	if t := x.toks[b+1].text; t != "-" && t != ":" && t != "—" && t != "–" {
		return false
	}
	for k := s.first; k < a; k++ {
		if t := x.toks[k]; t.kind == tkSymbol || t.kind == tkWord && !t.upper {
			return false // a dateline has only places, dates and numbers
		}
	}
	return true
}

// titleCase tells whether a sentence capitalises most of its words.
func (x *extractor) titleCase(s sentence) bool {
	words, caps := 0, 0
	for k := s.first; k < s.last; k++ {
		t := x.toks[k]
		if t.kind != tkWord || len(t.fold) < 4 {
			continue
		}
		words++
		if t.upper {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*6
}

// spanText is the original text of tokens [first, last).
func (x *extractor) spanText(first, last int) string {
	return x.text[x.toks[first].bs:x.toks[last-1].be]
}

// headlineShortForm tells whether a name in the headline is the short
// form of a longer name that opens the lede: "Zoom to lay off 1,300" …
// "Zoom Video Communications said on Tuesday".
func (x *extractor) headlineShortForm(short, long int) bool {
	hs, ls := x.sents[x.sentOf[short]], x.sents[x.sentOf[long]]
	return hs.headline && !ls.headline && ls.lead && x.sentOf[long] == x.sentOf[short]+1
}

// corporateTail tells whether the words after a short name are all
// corporate ("Technology SA", "Platforms"): "Spotify" is "Spotify
// Technology SA" wherever it comes.
func corporateTail(words string) bool {
	for _, w := range strings.Fields(words) {
		if !orgSuffixes[w] && !legalSuffix[w] && w != "com" && w != "fr" && w != "net" && w != "io" {
			return false
		}
	}
	return true
}

// initials are the first letters of the words of a key, legal suffixes
// aside: "international business machines corp" gives "ibm".
func initials(key string) string {
	var b []byte
	for _, w := range strings.Fields(key) {
		if legalSuffix[w] || w == "of" || w == "de" || w == "the" || w == "&" || w == "and" {
			continue
		}
		b = append(b, w[0])
	}
	if len(b) < 2 {
		return ""
	}
	return string(b)
}

// addAlias records another spelling of an actor. A well-known short form
// ("IBM", "Spotify") becomes the actor's name when the long one is not
// itself well known.
func (x *extractor) addAlias(a *actorInfo, name, key string) {
	g := gazette()
	if _, known := g.kind[a.key]; !known {
		if kind, ok := g.kind[key]; ok && kind != "place" {
			a.aliases = append(a.aliases, a.name)
			a.name, a.key, a.gazKind = g.name[key], key, kind
			return
		}
	}
	a.aliases = append(a.aliases, name)
}

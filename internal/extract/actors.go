package extract

import (
	"strings"
	"unicode"
)

// actorInfo is one organisation, person, group or product of the text.
type actorInfo struct {
	name     string
	key      string
	aliases  []string
	votes    map[string]int // kind -> evidence
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
	best, n := KindOrganization, 0
	for _, k := range [...]string{KindPerson, KindOrganization, KindGroup, KindProduct} {
		if a.votes[k] > n {
			best, n = k, a.votes[k]
		}
	}
	return best
}

// actorRef is a mention of an actor over tokens [first, last): by name, or
// by a noun ("le réseau social", "the billionaire") resolved to the most
// salient actor of its kind.
type actorRef struct {
	first, last int
	id          int
	descriptor  bool
}

// NameKey is the matching key of an actor name: folded, punctuation and
// legal suffixes dropped ("Twitter, Inc." and "twitter" share "twitter").
// The store matches stored actors and aliases on it.
func NameKey(name string) string {
	b := make([]byte, 0, len(name))
	space := false
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&' || r == '+' {
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			b = foldRune(b, r)
			space = false
		} else {
			space = true
		}
	}
	s := string(b)
	for {
		k := strings.LastIndexByte(s, ' ')
		if k < 0 || !nameKeySuffixes[s[k+1:]] {
			break
		}
		s = s[:k]
	}
	for {
		k := strings.IndexByte(s, ' ')
		if k < 0 || !nameKeyPrefixes[s[:k]] {
			break
		}
		s = s[k+1:]
	}
	return s
}

// nameKeySuffixes and nameKeyPrefixes are dropped from name keys.
var (
	nameKeySuffixes = map[string]bool{"inc": true, "corp": true, "corporation": true, "ltd": true, "llc": true, "plc": true,
		"sa": true, "sas": true, "ag": true, "gmbh": true, "co": true, "nv": true, "se": true, "limited": true}
	nameKeyPrefixes = map[string]bool{"the": true, "groupe": true, "group": true}
)

// commonCaps are words often written with a capital at the start of a
// sentence that are no names.
var commonCaps = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`le la les l' un une des du de d' et ou mais donc or ni car ce cet cette ces il elle ils
elles on nous vous je tu en au aux a dans par pour sur sous avec sans selon apres avant depuis pendant durant lors
quand alors ainsi aussi encore deja enfin puis ensuite comme si tout tous toute toutes plus moins tres bien mal
malgre cependant pourtant toutefois neanmoins desormais aujourd'hui hier demain mercredi lundi mardi jeudi vendredi
samedi dimanche c' qu' n' s' j' m' t' y the a an and or but so yet for nor in on at to of by with from as after
before since during while when where why how what who which this that these those it its he she they we you i his
her their our my there here then now today yesterday tomorrow also however meanwhile still already only even just
not no yes if though although because last next this monday tuesday wednesday thursday friday saturday sunday
according some many most more much several other another each every all both either neither once over under about
ceo pdg dg drh cfo coo cto rh hr ia ai usd eur gbp pse opa cdi cdd pme tpe eti sms tv nft covid covid-19 gafa gafam
ok rip ipo faq pdf vs etc mr mrs ms m mme dr mlle interview video photo lire read update mise exclusive exclusif
breaking live direct info infos edit par by cnn bbc afp reuters ap chapter article section titre loi`) {
		commonCaps[w] = true
	}
}

// isNameToken tells whether a token can be part of a name.
func isNameToken(t token) bool {
	if t.kind != tkWord {
		return false
	}
	if t.upper || t.caps {
		return true
	}
	// iPhone, eBay
	for _, r := range t.text[1:] {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// nameParticles join capitalised words inside person names.
var nameParticles = map[string]bool{"de": true, "von": true, "van": true, "der": true, "den": true, "da": true, "di": true, "del": true, "du": true, "bin": true, "al": true, "le": true, "la": true}

// findActors finds names and noun descriptors, groups the names into
// actors and resolves the descriptors.
func (x *extractor) findActors() {
	g := gazette()
	type cand struct {
		first, last int
		confirm     bool // sentence-initial single word or title-case headline: needs support elsewhere
	}
	var cands []cand
	lowerSeen := make(map[string]bool, len(x.toks)/2)
	for _, t := range x.toks {
		if t.kind == tkWord && !t.upper && !t.caps {
			lowerSeen[t.fold] = true
		}
	}
	for i := 0; i < len(x.toks); i++ {
		if !isNameToken(x.toks[i]) || x.dateAt[i] >= 0 {
			continue
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
		a, b := i, j
		if _, known := g.kind[NameKey(x.spanText(i, j))]; known {
			cands = append(cands, cand{i, j, false})
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
			x.isSentenceStart(a) && g.kind[NameKey(x.spanText(a+1, b))] != "") {
			a++ // "Chief Executive Daniel Ek"
		}
		for b > a && (commonCaps[x.toks[b-1].fold] || x.toks[b-1].fold == "'s") {
			b--
		}
		if b-a == 1 && orgSuffixes[x.toks[a].fold] {
			a = b // a lone "Inc" or "Group"
		}
		if a < b {
			s := x.sents[x.sentOf[a]]
			confirm := (b-a == 1 && x.isSentenceStart(a) && !x.subjectName(a)) || (s.headline && x.titleCase(s))
			cands = append(cands, cand{a, b, confirm})
		}
		i = j - 1
	}
	// Register confirmed names first, so that doubtful ones can lean on them.
	index := map[string]int{}
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
				if a.kind() == KindPerson && strings.HasSuffix(a.key, " "+key) {
					index[key] = id
					a.aliases = append(a.aliases, name)
					return id
				}
			}
		}
		// "Meta" is "Meta Platforms", "Activision" is "Activision Blizzard".
		for id := range x.actors {
			a := &x.actors[id]
			if a.kind() != KindPerson && strings.HasPrefix(a.key, key+" ") {
				index[key] = id
				a.aliases = append(a.aliases, name)
				return id
			}
		}
		if c.confirm && g.kind[key] == "" {
			return -2
		}
		a := actorInfo{name: name, key: key, votes: map[string]int{}, first: c.first}
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
						a.votes[KindPerson] += 2
					} else if k > 0 && singles[a.key[k+1:]] && !orgSuffixes[a.key[k+1:]] {
						a.votes[KindPerson] += 2
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
	for ci, c := range cands {
		id := ids[ci]
		if id < 0 {
			continue
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
				x.actors = append(x.actors, actorInfo{name: g.name[key], key: key, gazKind: kind, votes: map[string]int{}, salience: 0.5})
				index[key] = len(x.actors) - 1
			}
		}
	}
}

// camelWords splits "RIPTwitter" into RIP and Twitter, "DeleteFacebook"
// into Delete and Facebook.
func camelWords(s string) []string {
	rs := []rune(s)
	var out []string
	start := 0
	for i := 1; i < len(rs); i++ {
		lowerToUpper := unicode.IsLower(rs[i-1]) && unicode.IsUpper(rs[i])
		acronymEnd := i+1 < len(rs) && unicode.IsUpper(rs[i-1]) && unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i+1])
		if lowerToUpper || acronymEnd || rs[i] == '_' {
			out = append(out, string(rs[start:i]))
			start = i
			if rs[i] == '_' {
				start++
			}
		}
	}
	return append(out, string(rs[start:]))
}

// legalSuffix end a company name.
var legalSuffix = map[string]bool{"inc": true, "corp": true, "ltd": true, "llc": true, "plc": true, "sa": true, "sas": true, "ag": true, "gmbh": true, "nv": true, "co": true}

// subjectVerbs follow a name that opens a sentence: "Figma will be
// acquired", "Getaround a réduit".
var subjectVerbs = map[string]bool{
	"will": true, "has": true, "have": true, "had": true, "said": true, "says": true, "is": true, "was": true,
	"announced": true, "agreed": true, "plans": true, "to": true, "'s": true, "a": true, "est": true, "va": true,
	"annonce": true, "ont": true, "sont": true, "avait": true, "vient": true, "confirme": true, "would": true,
}

// subjectName tells whether the capitalised word opening a sentence at i
// is a name used as subject rather than a common word: a verb follows and
// the word is none of the lexicon's nouns.
func (x *extractor) subjectName(i int) bool {
	if i+1 >= len(x.toks) || !subjectVerbs[x.toks[i+1].fold] {
		return false
	}
	f := x.toks[i].fold
	if personUnits[f] || workforceNouns[f] || siteUnits[f] || orgNouns[f] || personNouns[f] || execTitles[f] || commonCaps[f] {
		return false
	}
	if _, ok := lexicons()[x.lang].byHead[headKey(f)]; ok && len(f) > 3 {
		for _, p := range lexicons()[x.lang].byHead[headKey(f)] {
			if p.elems[0].match(x.toks[i]) {
				return false // "Layoffs have begun"
			}
		}
	}
	return true
}

// voteKind adds the evidence of one mention to the kind of its actor.
func (x *extractor) voteKind(a *actorInfo, first, last int) {
	g := gazette()
	toks := x.toks
	n := 0 // words, initials' dots aside
	for k := first; k < last; k++ {
		if toks[k].kind == tkWord {
			n++
		}
	}
	head := toks[first].fold
	tail := toks[last-1].fold
	switch {
	case first > 0 && titles[toks[first-1].fold]:
		a.votes[KindPerson] += 3
	case first > 0 && personNouns[toks[first-1].fold]:
		a.votes[KindPerson] += 2
	case first > 0 && orgNouns[toks[first-1].fold]:
		a.votes[KindOrganization] += 2
	case first > 0 && titleNouns[toks[first-1].fold]:
		a.votes[KindOrganization] += 4 // "le magazine Marie Claire"
	}
	switch {
	case orgSuffixes[tail] && n > 1:
		a.votes[KindOrganization] += 3
	case n >= 2 && g.first[head]:
		a.votes[KindPerson] += 3
	case n == 1 && toks[first].caps:
		a.votes[KindOrganization] += 2
	case n >= 2 && n <= 4 && !toks[first].caps && !toks[last-1].caps && x.personCue(first, last):
		a.votes[KindPerson] += 2
	default:
		a.votes[KindOrganization]++
	}
	// "Elon Musk, 51 ans", "Musk, 51,"
	if last+2 < len(toks) && toks[last].text == "," && toks[last+1].kind == tkNum && (toks[last+2].fold == "ans" || toks[last+2].text == ",") {
		a.votes[KindPerson] += 2
	}
	// "X's employees", "salariés de X"
	if last < len(toks) && (toks[last].fold == "employees" || toks[last].fold == "staff" || toks[last].fold == "workers") {
		a.votes[KindOrganization]++
	}
}

// personCue tells whether the name at [first, last) is shown to be a
// person: a title or role before it ("chief executive X", "le directeur X")
// or after it ("Drew Baglino, a senior vice president").
func (x *extractor) personCue(first, last int) bool {
	if len(x.toks[first].text) == 1 && first+1 < last && x.toks[first+1].text == "." {
		return true // "A.J. Brown"
	}
	commas := 0
	for k := first - 1; k >= 0 && k >= first-6; k-- {
		f := x.toks[k].fold
		if execTitles[f] || personNouns[f] || titles[f] {
			return true
		}
		if x.toks[k].text == "," && commas == 0 && k == first-1 {
			commas++ // "le directeur de la publicité, A.J. Brown"
			continue
		}
		if x.toks[k].kind != tkWord {
			break
		}
	}
	if last+1 < len(x.toks) && x.toks[last].text == "," {
		for k := last + 1; k < len(x.toks) && k <= last+4; k++ {
			f := x.toks[k].fold
			if execTitles[f] || personNouns[f] {
				return true
			}
		}
	}
	return false
}

// isSentenceStart tells whether token i opens its sentence (after any
// opening quote or dash).
func (x *extractor) isSentenceStart(i int) bool {
	s := x.sents[x.sentOf[i]]
	for k := s.first; k < i; k++ {
		if x.toks[k].kind != tkPunct {
			return false
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

// findDescriptors finds "le réseau social", "du groupe californien", "the
// billionaire", "the tech giant" and resolves each to the most salient
// actor of its kind.
func (x *extractor) findDescriptors() {
	toks := x.toks
	for i := 0; i < len(toks); i++ {
		switch toks[i].fold {
		case "le", "la", "l'", "du", "au", "the", "this", "ce", "cette", "cet":
		default:
			continue
		}
		// up to two adjectives before the noun in English ("the tech giant")
		for k := i + 1; k <= i+3 && k < len(toks); k++ {
			t := toks[k]
			if t.kind != tkWord || t.upper || t.space >= spLine {
				break
			}
			isOrg, isPerson := orgNouns[t.fold], personNouns[t.fold]
			if !isOrg && !isPerson {
				continue
			}
			end := k + 1
			if x.lang == French && end < len(toks) && toks[end].kind == tkWord && !toks[end].upper && !commonCaps[toks[end].fold] && toks[end].space < spLine {
				end++ // "groupe californien", "réseau social"
			}
			// Followed by a name: an apposition, not a descriptor ("le PDG
			// Elon Musk", "l'éditeur de jeux vidéo Activision Blizzard").
			named := false
			for q := end; q < end+5 && q < len(toks) && toks[q].space < spLine && toks[q].kind == tkWord; q++ {
				if isNameToken(toks[q]) && !commonCaps[toks[q].fold] {
					named = true
					break
				}
			}
			if named {
				break
			}
			if k+1 < len(toks) && isNameToken(toks[k+1]) && toks[k+1].space < spLine {
				break
			}
			kind := KindOrganization
			if isPerson {
				kind = KindPerson
			}
			if id := x.antecedent(kind, i); id >= 0 {
				x.refs = append(x.refs, actorRef{first: i, last: end, id: id, descriptor: true})
			}
			i = end - 1
			break
		}
		// French nationality nouns stand for a person: "L'Italien, 52 ans, quitte…"
		if k := i + 1; k < len(toks) && (toks[i].fold == "l'" || toks[i].fold == "le" || toks[i].fold == "la") && toks[k].upper && frNationals[toks[k].fold] {
			if id := x.antecedent(KindPerson, i); id >= 0 {
				x.refs = append(x.refs, actorRef{first: i, last: k + 1, id: id, descriptor: true})
			}
		}
	}
	sortRefs(x.refs)
}

// antecedent resolves a descriptor at token i: the first actor of that
// kind named earlier in its sentence (the subject), else in the nearest of
// the three sentences before, else the most salient one of the article.
func (x *extractor) antecedent(kind string, i int) int {
	si := int(x.sentOf[i])
	from := 0
	// "Microsoft, principal investisseur de la start-up": a complement
	// names someone else than the subject of its own sentence.
	if i > 0 && contains([]string{"de", "d'", "of"}, x.toks[i-1].fold) || x.toks[i].fold == "du" {
		from = 1
	}
	for back := from; back <= 3 && si-back >= 0; back++ {
		s := x.sents[si-back]
		for _, r := range x.refs {
			if r.descriptor || r.first < s.first || r.first >= s.last || (back == 0 && r.first >= i) {
				continue
			}
			if x.actors[r.id].kind() == kind {
				return r.id
			}
		}
	}
	return x.mostSalient(kind)
}

// titleNouns name publications and brands: the name after them is no person.
var titleNouns = map[string]bool{
	"magazine": true, "journal": true, "quotidien": true, "hebdomadaire": true, "mensuel": true, "titre": true,
	"marque": true, "brand": true, "label": true, "newspaper": true, "chaine": true, "station": true, "radio": true,
	"studio": true, "app": true, "application": true, "enseigne": true, "site": true,
}

// frNationals are French nationality nouns, written with a capital.
var frNationals = map[string]bool{}

// nationalities are adjectives and nouns of nationality: never names alone.
var nationalities = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`italien italienne francais francaise americain americaine britannique allemand
allemande espagnol espagnole belge suisse canadien canadienne indien indienne chinois chinoise japonais japonaise
neerlandais suedois suedoise portugais portugaise bresilien bresilienne australien australienne israelien
israelienne russe ukrainien ukrainienne irlandais irlandaise ecossais polonais polonaise mexicain mexicaine argentin
argentine libanais libanaise marocain marocaine algerien algerienne tunisien tunisienne senegalais quebecois
quebecoise danois danoise norvegien norvegienne finlandais autrichien autrichienne grec grecque turc turque
sud-africain sud-coreen coreen coreenne`) {
		frNationals[w] = true
		nationalities[w] = true
	}
	for _, w := range strings.Fields(`american americans british french german italian spanish chinese japanese indian
canadian australian irish dutch swiss swedish belgian russian ukrainian israeli brazilian mexican korean european
asian african europeen europeenne europeens americains francais britanniques allemands`) {
		nationalities[w] = true
	}
}

// mostSalient is the actor of that kind mentioned most, earlier first.
func (x *extractor) mostSalient(kind string) int {
	best := -1
	for id := range x.actors {
		a := &x.actors[id]
		if a.kind() != kind {
			continue
		}
		if best < 0 || a.salience > x.actors[best].salience {
			best = id
		}
	}
	return best
}

func sortRefs(refs []actorRef) {
	for i := 1; i < len(refs); i++ {
		for j := i; j > 0 && refs[j].first < refs[j-1].first; j-- {
			refs[j], refs[j-1] = refs[j-1], refs[j]
		}
	}
}

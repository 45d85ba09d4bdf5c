package extract

import (
	"strings"
	"unicode"
)

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

// nameKeySuffixes are dropped from the end of name keys.
var nameKeySuffixes = map[string]bool{"inc": true, "corp": true, "corporation": true, "ltd": true, "llc": true, "plc": true,
	"sa": true, "sas": true, "ag": true, "gmbh": true, "co": true, "nv": true, "se": true, "limited": true}

// nameKeyPrefixes are dropped from the start of name keys.
var nameKeyPrefixes = map[string]bool{"the": true, "groupe": true, "group": true}

// commonCaps are words often written with a capital at the start of a
// sentence that are no names.
var commonCaps = func() map[string]bool {
	m := map[string]bool{}
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
		m[w] = true
	}
	return m
}()

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
var nameParticles = map[string]bool{"de": true, "von": true, "van": true, "der": true, "den": true, "da": true, "di": true, "del": true, "du": true, "bin": true, "al": true, "le": true, "la": true, "ten": true, "ter": true, "dos": true, "das": true}

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
	if strings.HasSuffix(f, "s") && x.lang == English {
		return false // "Players will be refunded": a plural noun, not a name
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
	if n == 1 && strings.Contains(a.key, " ") {
		return // a short form ("McRoberts", "Meta") tells nothing of the kind
	}
	head := toks[first].fold
	tail := toks[last-1].fold
	switch {
	case first > 0 && titles[toks[first-1].fold]:
		a.votes[vPerson] += 3
	case first > 0 && personNouns[toks[first-1].fold]:
		a.votes[vPerson] += 2
	case first > 0 && orgNouns[toks[first-1].fold]:
		a.votes[vOrganization] += 2
	case first > 0 && titleNouns[toks[first-1].fold]:
		a.votes[vOrganization] += 4 // "le magazine Marie Claire"
	}
	switch {
	case orgSuffixes[tail] && n > 1:
		a.votes[vOrganization] += 3
	case n >= 2 && g.first[head]:
		a.votes[vPerson] += 3
	case n == 1 && toks[first].caps:
		a.votes[vOrganization] += 2
	case n >= 2 && n <= 4 && !toks[first].caps && !toks[last-1].caps && x.personCue(first, last):
		a.votes[vPerson] += 2
	default:
		a.votes[vOrganization]++
	}
	// "Elon Musk, 51 ans", "Musk, 51,"
	if last+2 < len(toks) && toks[last].text == "," && toks[last+1].kind == tkNum && (toks[last+2].fold == "ans" || toks[last+2].text == ",") {
		a.votes[vPerson] += 2
	}
	// "X's employees", "salariés de X"
	if last < len(toks) && (toks[last].fold == "employees" || toks[last].fold == "staff" || toks[last].fold == "workers") {
		a.votes[vOrganization]++
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
	// "replacing Laxman Narasimhan", "Laxman Narasimhan, who is stepping down"
	if first > 0 && contains([]string{"replacing", "succeeding", "remplacant", "succedant"}, x.toks[first-1].fold) {
		return true
	}
	if last+1 < len(x.toks) && x.toks[last].text == "," && contains([]string{"who", "whom", "qui"}, x.toks[last+1].fold) && x.lang == English {
		return true
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

// frNationals are French nationality nouns, written with a capital:
// "l'Italien" stands for a person.
var frNationals = wordSet(`italien italienne francais francaise americain americaine britannique allemand
allemande espagnol espagnole belge suisse canadien canadienne indien indienne chinois chinoise japonais japonaise
neerlandais suedois suedoise portugais portugaise bresilien bresilienne australien australienne israelien
israelienne russe ukrainien ukrainienne irlandais irlandaise ecossais polonais polonaise mexicain mexicaine argentin
argentine libanais libanaise marocain marocaine algerien algerienne tunisien tunisienne senegalais quebecois
quebecoise danois danoise norvegien norvegienne finlandais autrichien autrichienne grec grecque turc turque
sud-africain sud-coreen coreen coreenne`)

// nationalities are adjectives and nouns of nationality: never names alone.
var nationalities = func() map[string]bool {
	m := wordSet(`american americans british french german italian spanish chinese japanese indian
canadian australian irish dutch swiss swedish belgian russian ukrainian israeli brazilian mexican korean european
asian african europeen europeenne europeens americains francais britanniques allemands`)
	for w := range frNationals {
		m[w] = true
	}
	return m
}()

// wordSet makes a set of the space-separated words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// titleNouns name publications and brands: the name after them is no person.
var titleNouns = map[string]bool{
	"magazine": true, "journal": true, "quotidien": true, "hebdomadaire": true, "mensuel": true, "titre": true,
	"marque": true, "brand": true, "label": true, "newspaper": true, "chaine": true, "station": true, "radio": true,
	"studio": true, "app": true, "application": true, "enseigne": true, "site": true,
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

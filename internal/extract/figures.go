package extract

import "strings"

// Metrics of figures.
const (
	MetricEmployeesAffected    = "employees_affected"
	MetricWorkforceShare       = "workforce_share"
	MetricHeadcount            = "headcount"
	MetricDealValue            = "deal_value"
	MetricPersonalContribution = "personal_contribution"
	MetricPricePerShare        = "price_per_share"
	MetricStake                = "stake"
	MetricMentions             = "mentions"
	MetricSitesClosed          = "sites_closed"
	MetricCostSavings          = "cost_savings"
	MetricRestructuringCost    = "restructuring_cost"
)

// Units of figures besides ISO 4217 currency codes.
const (
	UnitPerson = "person"
	UnitRatio  = "ratio"
	UnitTweet  = "tweet"
	UnitPost   = "post"
	UnitSite   = "site"
)

// figClass is what a value counts, from the noun after it.
type figClass uint8

const (
	fcNone    figClass = iota
	fcPersons          // 700 salariés, 11,000 jobs
	fcPosts            // 650.000 tweets
	fcSites            // 12 magasins
	fcMoney            // 44 milliards de dollars
	fcShare            // 10 % des effectifs, la moitié de ses salariés, half its staff
	fcRatio            // a percent that is no workforce share (stake, premium)
)

// personUnits are nouns that count people or jobs.
var personUnits = map[string]bool{}

// postUnits count social media posts; siteUnits count places.
var (
	postUnits = map[string]string{"tweets": UnitTweet, "tweet": UnitTweet, "retweets": UnitTweet, "messages": UnitPost, "publications": UnitPost, "posts": UnitPost, "mentions": UnitPost}
	siteUnits = map[string]bool{}
)

// workforceNouns name a whole workforce ("ses effectifs", "its staff").
var workforceNouns = map[string]bool{
	"effectif": true, "effectifs": true, "personnel": true, "salaries": true, "employes": true, "collaborateurs": true,
	"main-d'oeuvre": true, "workforce": true, "staff": true, "employees": true, "workers": true,
	"headcount": true, "salariees": true, "troupes": true, "equipes": true, "teams": true, "people": true,
}

func init() {
	for _, w := range []string{
		"salarie", "salaries", "salariee", "salariees", "employe", "employes", "employee", "employees", "personne",
		"personnes", "poste", "postes", "emploi", "emplois", "collaborateur", "collaborateurs", "collaboratrices",
		"travailleur", "travailleurs", "travailleuses", "ouvrier", "ouvriers", "ouvrieres", "cadres", "agents",
		"fonctionnaires", "interimaires", "contractuels", "ingenieurs", "moderateurs", "developpeurs", "journalistes",
		"licenciements", "suppressions", "departs", "demissions", "job", "jobs", "membres", "vendeurs", "chauffeurs",
		"techniciens", "chercheurs", "infirmiers", "infirmieres", "medecins", "enseignants", "pilotes", "commerciaux",
		"conseillers", "livreurs", "caissieres", "caissiers", "managers", "dirigeants", "personnels", "cdi",
		"worker", "workers", "staff", "staffers", "people", "persons", "positions", "position", "roles", "role",
		"personnel", "contractors", "engineers", "moderators", "executives", "layoffs", "lay-offs", "redundancies",
		"members", "drivers", "nurses", "teachers", "researchers", "recruiters", "developers", "salespeople",
		"journalists", "reporters", "pilots", "associates", "employees", "full-timers", "departures", "resignations",
		"job-cuts", "cuts", "losses", "staffers", "officers", "civil", "miners", "doctors", "scientists", "designers",
		"equivalents", "etp", "fte", "ftes", "programmers", "analysts", "consultants", "bankers", "traders", "operators", "technicians", "cashiers",
	} {
		personUnits[w] = true
	}
	for _, w := range []string{
		"magasins", "magasin", "usines", "usine", "sites", "agences", "boutiques", "restaurants", "bureaux", "hotels",
		"succursales", "entrepots", "supermarches", "hypermarches", "etablissements", "points", "stores", "plants",
		"factories", "offices", "branches", "outlets", "locations", "warehouses", "shops", "studios", "mines",
		"centres", "centers", "clinics", "cinemas", "hospitals", "mine", "raffineries", "centrales", "fonderies", "refineries",
	} {
		siteUnits[w] = true
	}
}

// figure is a figure candidate before it is given to an event.
type figure struct {
	class       figClass
	metric      string
	val         int // index into x.vals
	first, last int // tokens of the quoted text
	v           dec
	unit        string
	qual        string
	low, high   dec
	derived     string
	base        int // index of the headcount figure a derived one rests on, or -1
}

// nounAfter finds the noun a value counts: "700 salariés", "700 de ses
// salariés", "12,000 of its employees", "11,000 full-time employees". It
// returns the noun's index, or -1.
func (x *extractor) nounAfter(i int) int {
	toks := x.toks
	j := i
	if j < len(toks) && (toks[j].fold == "de" || toks[j].fold == "d'" || toks[j].fold == "of" || toks[j].fold == "des") {
		j++
		if j < len(toks) {
			switch toks[j].fold {
			case "ses", "leurs", "its", "their", "the", "les", "nos", "his", "her", "son", "sa", "leur":
				j++
			}
		}
	}
	for k := 0; k < 3 && j < len(toks); k++ {
		t := toks[j]
		if t.space >= spLine || t.kind != tkWord {
			return -1
		}
		if personUnits[t.fold] || postUnits[t.fold] != "" || siteUnits[t.fold] || workforceNouns[t.fold] || t.fold == "fois" || t.fold == "times" {
			return j
		}
		if (t.fold == "and" || t.fold == "or" || t.fold == "et" || t.fold == "ou") && j > i && strings.Contains(toks[j-1].fold, "-") && k < 2 {
			j++ // "18,600 full-time and part-time employees"
			k--
			continue
		}
		if commonCaps[t.fold] || t.fold == "open" || t.fold == "unfilled" || t.fold == "vacant" {
			return -1 // "5,000 open positions" are no one's jobs
		}
		// an adjective or a name: "full-time", "corporate", "Meta", "Tesla"
		j++ // an adjective: "full-time", "corporate", "directs"
	}
	return -1
}

// classify reads what the value at vi counts and makes the figures it
// stands for (a derived share of a base gives two).
func (x *extractor) readFigures() {
	x.valUsed = make([]bool, len(x.vals))
	x.headcountVal = make([]bool, len(x.vals))
	for vi := range x.vals {
		v := &x.vals[vi]
		if x.dateAt[v.first] >= 0 {
			continue
		}
		switch v.kind {
		case vMoney:
			last, qual := x.postfixQualifier(v.last, v.qual) // "300 millions d'euros environ"
			x.figs = append(x.figs, figure{class: fcMoney, val: vi, first: v.first, last: last, v: v.v, unit: v.cur, qual: qual, low: v.low, high: v.high, base: -1})
		case vPercent:
			x.readShare(vi)
		case vFraction:
			x.readShare(vi)
		case vCount:
			if !x.valUsed[vi] {
				x.readCount(vi)
			}
		}
	}
}

// readCount makes a figure of a count when a noun tells what it counts.
func (x *extractor) readCount(vi int) {
	v := &x.vals[vi]
	n := v.n
	if n.ordinal || n.glued || (n.article && !v.vague) || v.v.isZero() {
		return
	}
	f := figure{val: vi, first: v.first, last: v.last, v: v.v, qual: v.qual, low: v.low, high: v.high, base: -1}
	noun := x.nounAfter(v.last)
	if noun >= 0 {
		w := x.toks[noun].fold
		switch {
		case (w == "fois" || w == "times") && x.hashtagIn(v.first):
			f.class, f.unit = fcPosts, UnitPost // "#TwitterDown a été utilisé 100 000 fois"
			if x.mentionsTwitter(v.first) {
				f.unit = UnitTweet
			}
		case postUnits[w] != "":
			f.class, f.unit = fcPosts, postUnits[w]
		case siteUnits[w]:
			f.class, f.unit = fcSites, UnitSite
		default:
			f.class, f.unit = fcPersons, UnitPerson
		}
		f.last = noun + 1
		// "suppressions de postes", "job cuts", "membres du personnel"
		if f.last+1 < len(x.toks) && (x.toks[f.last].fold == "de" || x.toks[f.last].fold == "d'" || x.toks[f.last].fold == "du") && personUnits[x.toks[f.last+1].fold] {
			f.last += 2
		} else if f.last < len(x.toks) && (x.toks[f.last].fold == "cuts" || x.toks[f.last].fold == "losses") {
			f.last++
		}
	} else if x.barePersons(v) {
		f.class, f.unit = fcPersons, UnitPerson
	} else if bi := x.countOfCount(v); bi >= 0 {
		// "3 700 de ses 7 500 salariés", "3,700 of its 7,500 employees"
		f.class, f.unit = fcPersons, UnitPerson
		x.headcountVal[bi] = true
	} else {
		return
	}
	if n.year && noun < 0 {
		return
	}
	if !v.v.isInt() && f.class != fcMoney {
		return
	}
	f.last, f.qual = x.postfixQualifier(f.last, f.qual)
	x.figs = append(x.figs, f)
}

// postfixQualifiers follow what they qualify: "2 300 emplois au maximum".
var postfixQualifiers = []struct{ words, qual string }{
	{"au maximum", QualAtMost}, {"au plus", QualAtMost}, {"au moins", QualAtLeast}, {"au minimum", QualAtLeast},
	{"environ", QualApproximate}, {"at most", QualAtMost}, {"at least", QualAtLeast}, {"or more", QualAtLeast},
	{"ou plus", QualAtLeast}, {"or so", QualApproximate},
}

// postfixQualifier extends an exact figure ending at last by a qualifier
// that follows it.
func (x *extractor) postfixQualifier(last int, qual string) (int, string) {
	if qual != QualExact {
		return last, qual
	}
	for _, p := range postfixQualifiers {
		if end := x.matchWords(last, p.words); end > last {
			return end, p.qual
		}
	}
	return last, qual
}

// hashtagIn tells whether the sentence of token i holds a hashtag.
func (x *extractor) hashtagIn(i int) bool {
	s := x.sents[x.sentOf[i]]
	for k := s.first; k < s.last; k++ {
		if x.toks[k].kind == tkHashtag {
			return true
		}
	}
	return false
}

// mentionsTwitter tells whether the sentence of token i speaks of Twitter.
func (x *extractor) mentionsTwitter(i int) bool {
	s := x.sents[x.sentOf[i]]
	for k := s.first; k < s.last; k++ {
		f := x.toks[k].fold
		if f == "twitter" || f == "tweet" || f == "tweets" || x.toks[k].kind == tkHashtag && strings.Contains(f, "twitter") {
			return true
		}
	}
	return false
}

// countOfCount finds the base count of "3,700 of its 7,500 employees"; it
// returns its value index, or -1.
func (x *extractor) countOfCount(v *value) int {
	toks := x.toks
	j := v.last
	switch {
	case j < len(toks) && (toks[j].fold == "of" || toks[j].fold == "de" || toks[j].fold == "d'" || toks[j].fold == "des" || toks[j].fold == "sur"):
		j++
	case x.matchWords(j, "out of") > j:
		j += 2
	default:
		return -1
	}
	if j < len(toks) {
		switch toks[j].fold {
		case "its", "ses", "the", "les", "their", "leurs", "nos", "his", "son", "un":
			j++
		}
	}
	if j >= len(toks) || x.valAt[j] < 0 {
		return -1
	}
	bi := int(x.valAt[j])
	b := &x.vals[bi]
	if b.first != j || b.kind != vCount || b.v.cmp(v.v) <= 0 {
		return -1
	}
	if n := x.nounAfter(b.last); n >= 0 && (personUnits[toks[n].fold] || workforceNouns[toks[n].fold]) {
		return bi
	}
	return -1
}

// barePersons tells whether a value without a noun counts people: "ils
// sont plusieurs centaines à avoir quitté", "hundreds have resigned".
func (x *extractor) barePersons(v *value) bool {
	toks := x.toks
	if v.n.year || !v.v.isInt() {
		return false
	}
	next := ""
	if v.last < len(toks) {
		next = toks[v.last].fold
	}
	prev := ""
	if v.first > 0 {
		prev = toks[v.first-1].fold
	}
	switch {
	case next == "a" && (prev == "sont" || prev == "etaient" || prev == "seraient" || prev == "seront" || prev == "etre"):
		return true // French "ils sont 700 à …"
	case next == "of" && v.last+1 < len(toks) && toks[v.last+1].fold == "them":
		return true
	case v.vague && (next == "ont" || next == "sont" || next == "have" || next == "had" || next == "were" || next == "are" || next == "of"):
		return true
	case prev == "to" || v.first > 0 && toks[v.first-1].text == "à":
		return x.revisedCount(v)
	case next == "vont" || next == "devraient" || next == "will":
		// "Sur les 2.500 travailleurs, environ 1.850 vont perdre leur emploi"
		for k := v.last + 1; k < v.last+3 && k < len(toks); k++ {
			if f := toks[k].fold; f == "perdre" || f == "lose" {
				return true
			}
		}
	}
	return false
}

// revisedCount tells whether a bare count after "to" or "à" is the new
// number of jobs of a revised plan: "raised the number of jobs it will
// cut to 20,000 from 9,000", "qui passe de 10 000 à 13 000", "relève à
// 13 000 le nombre de postes supprimés".
func (x *extractor) revisedCount(v *value) bool {
	toks := x.toks
	s := x.sents[x.sentOf[v.first]]
	jobs := func(f string) bool {
		return personUnits[f] || workforceNouns[f] || f == "suppressions" || f == "licenciements" || f == "layoffs"
	}
	for k := v.first - 2; k >= s.first && k >= v.first-10; k-- {
		if toks[k].kind == tkPunct && toks[k].text != "," && toks[k].text != "'" {
			break
		}
		if jobs(toks[k].fold) {
			return true
		}
	}
	// "à 13 000 le nombre de postes", "to 20,000 the number of jobs"
	if j := v.last; j+3 < s.last && (toks[j].fold == "le" || toks[j].fold == "the") && (toks[j+1].fold == "nombre" || toks[j+1].fold == "number") {
		return jobs(toks[j+3].fold)
	}
	return false
}

// cutParticiples follow the jobs a plan cuts: a share of them is no share
// of the workforce.
var cutParticiples = wordSet(`touches touchees supprimes supprimees concernes concernees vises visees menaces menacees
affected cut eliminated impacted lost`)

// readShare makes a workforce share ("10 % de ses effectifs", "la moitié
// de ses salariés", "half its staff", "un salarié sur cinq"), or a derived
// count and a headcount when the base is given ("la moitié des 7.500
// employés"), or a plain ratio for stakes and premiums.
func (x *extractor) readShare(vi int) {
	v := &x.vals[vi]
	toks := x.toks
	j := v.last
	// "un salarié sur cinq" holds its noun inside the value.
	if v.kind == vFraction && v.den > 0 && v.last-v.first >= 3 {
		for k := v.first; k < v.last; k++ {
			if personUnits[toks[k].fold] || workforceNouns[toks[k].fold] {
				x.figs = append(x.figs, figure{class: fcShare, val: vi, first: v.first, last: v.last, v: v.v, unit: UnitRatio, qual: v.qual, base: -1})
				return
			}
		}
	}
	if j < len(toks) && (toks[j].fold == "de" || toks[j].fold == "des" || toks[j].fold == "du" || toks[j].fold == "d'" || toks[j].fold == "of") {
		j++
	}
	if j < len(toks) {
		switch toks[j].fold {
		case "ses", "leurs", "its", "their", "the", "les", "his", "her", "son", "sa", "leur", "l'", "la", "le":
			j++
		}
	}
	// "1.2% of Amazon's 1.5 million employees"
	if j+1 < len(toks) && isNameToken(toks[j]) {
		k := j
		for k < len(toks) && k < j+3 && isNameToken(toks[k]) {
			k++
		}
		if k < len(toks) && toks[k].fold == "'s" {
			j = k + 1
		}
	}
	// A base count: "la moitié des 7.500 employés", "10% of its 87,000 staff".
	if bi := x.valAt[min(j, len(toks)-1)]; j < len(toks) && bi >= 0 && x.vals[bi].first == j && x.vals[bi].kind == vCount {
		b := &x.vals[bi]
		noun := x.nounAfter(b.last)
		if noun >= 0 && (personUnits[toks[noun].fold] || workforceNouns[toks[noun].fold]) && b.v.isInt() {
			if v.kind == vPercent {
				x.figs = append(x.figs, figure{class: fcShare, val: vi, first: v.first, last: v.last, v: v.v, unit: UnitRatio, qual: v.qual, base: -1})
			}
			x.figs = append(x.figs, figure{class: fcPersons, metric: MetricHeadcount, val: int(bi), first: b.first, last: noun + 1, v: b.v, unit: UnitPerson, qual: b.qual, base: -1})
			base := len(x.figs) - 1
			x.valUsed[bi] = true
			num, den := v.num, v.den
			if v.kind == vPercent {
				num, den = v.v.normal().c, pow10(-v.v.normal().e)
				if v.v.normal().e > 0 {
					num, den = v.v.normal().c*pow10(v.v.normal().e), 1
				}
			}
			d, _ := b.v.mulRat(num, den)
			d = d.round()
			x.figs = append(x.figs, figure{class: fcPersons, metric: MetricEmployeesAffected, val: vi, first: v.first, last: noun + 1,
				v: d, unit: UnitPerson, qual: QualApproximate, derived: v.v.String() + " * " + b.v.String(), base: base})
			return
		}
	}
	// "of its global workforce", "de ses effectifs", "of its senior managers"
	for k := j; k < j+3 && k < len(toks) && toks[k].kind == tkWord && toks[k].space < spLine; k++ {
		if workforceNouns[toks[k].fold] || personUnits[toks[k].fold] {
			if k+1 < len(toks) && cutParticiples[toks[k+1].fold] {
				return // "10 % des postes touchés", "10% of the jobs cut": a share of the cuts
			}
			x.figs = append(x.figs, figure{class: fcShare, val: vi, first: v.first, last: k + 1, v: v.v, unit: UnitRatio, qual: v.qual, base: -1})
			return
		}
		if toks[k].upper || commonCaps[toks[k].fold] {
			break
		}
	}
	// The workforce before the share: "réduit ses effectifs d'un tiers",
	// "cut its workforce by 10%", "staff by a third".
	if v.first >= 2 {
		p := toks[v.first-1].fold
		if p == "de" || p == "d'" || p == "by" {
			for k := v.first - 2; k >= v.first-4 && k >= 0; k-- {
				if workforceNouns[toks[k].fold] || personUnits[toks[k].fold] {
					x.figs = append(x.figs, figure{class: fcShare, val: vi, first: v.first, last: v.last, v: v.v, unit: UnitRatio, qual: v.qual, base: -1})
					return
				}
				if toks[k].kind != tkWord {
					break
				}
			}
		}
	}
	if v.kind == vPercent {
		x.figs = append(x.figs, figure{class: fcRatio, val: vi, first: v.first, last: v.last, v: v.v, unit: UnitRatio, qual: v.qual, base: -1})
	}
}

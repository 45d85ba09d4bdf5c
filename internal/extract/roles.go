package extract

// refsIn returns the actor mentions inside tokens [a, b).
func (x *extractor) refsIn(a, b int) []actorRef {
	var out []actorRef
	for _, r := range x.refs {
		if r.first >= a && r.last <= b {
			out = append(out, r)
		}
	}
	return out
}

func (x *extractor) kindOf(r actorRef) string { return x.actors[r.id].kind() }

// listedPersons adds the people listed after the first one: "dont le
// directeur général Parag Agrawal et le directeur financier Ned Segal",
// "including Parag Agrawal, Ned Segal and Vijaya Gadde".
func (x *extractor) listedPersons(refs []actorRef, first actorRef, add func(actorRef, bool, string)) {
	last := first.last
	for _, r := range refs {
		if r.first < last || x.kindOf(r) != KindPerson {
			continue
		}
		joined := false
		for k := last; k < r.first; k++ {
			f := x.toks[k].fold
			if f == "et" || f == "and" || x.toks[k].text == "," {
				joined = true
			}
			if x.toks[k].kind != tkWord && x.toks[k].text != "," {
				joined = false
				break
			}
		}
		if !joined || r.first-last > 8 {
			return
		}
		add(r, true, RolePerson)
		last = r.last
	}
}

// passiveAux tells whether a passive auxiliary precedes the trigger
// within three words: "have been named", "a été nommé".
func (x *extractor) passiveAux(m *mention) bool {
	for k := m.head - 1; k >= 0 && k >= m.head-3; k-- {
		switch x.toks[k].fold {
		case "been", "ete", "being":
			return true
		}
	}
	return false
}

// listedBefore adds the people listed before the last one, in order:
// "David Zinsner and Michelle Johnston Holthaus have been named".
func (x *extractor) listedBefore(refs []actorRef, last actorRef, ok bool, add func(actorRef, bool, string)) {
	if !ok {
		return
	}
	var chain []actorRef
	end := last.first
	for i := len(refs) - 1; i >= 0; i-- {
		r := refs[i]
		if r.last > end || x.kindOf(r) != KindPerson || r.id == last.id {
			continue
		}
		joined := false
		for k := r.last; k < end; k++ {
			f := x.toks[k].fold
			if f == "et" || f == "and" || x.toks[k].text == "," {
				joined = true
			} else if x.toks[k].kind != tkWord {
				joined = false
				break
			}
		}
		if !joined || end-r.last > 8 {
			break
		}
		chain = append(chain, r)
		end = r.first
	}
	for i := len(chain) - 1; i >= 0; i-- {
		add(chain[i], true, RolePerson)
	}
}

// employerMarkers introduce the employer after a trigger.
var employerMarkers = []string{"de", "du", "des", "d'", "chez", "at", "of", "from", "for", "within", "across", "au", "sein"}

// softClause is the clause of a mention, cut at ", et", ", while" and the
// like, so that "X cut jobs, while Y said…" gives Y nothing.
func (x *extractor) softClause(m *mention) (int, int) {
	cs, ce := x.clauseStart(m.head), x.clauseEnd(m.head)
	for k := m.head; k > cs; k-- {
		if x.softBoundary(k) {
			cs = k
			break
		}
	}
	for k := m.last; k < ce; k++ {
		if x.softBoundary(k) {
			ce = k - 1
			break
		}
	}
	return cs, ce
}

// nearestBefore is the last mention before the trigger of one of the kinds.
func (x *extractor) nearestBefore(refs []actorRef, at int, kinds ...string) (actorRef, bool) {
	for i := len(refs) - 1; i >= 0; i-- {
		if refs[i].last <= at && contains(kinds, x.kindOf(refs[i])) {
			return refs[i], true
		}
	}
	return actorRef{}, false
}

// nearestAfter is the first mention after the trigger of one of the kinds.
func (x *extractor) nearestAfter(refs []actorRef, at int, kinds ...string) (actorRef, bool) {
	for _, r := range refs {
		if r.first >= at && contains(kinds, x.kindOf(r)) {
			return r, true
		}
	}
	return actorRef{}, false
}

// precededBy tells whether one of words comes right before token i.
func (x *extractor) precededBy(i int, words ...string) bool {
	return i > 0 && contains(words, x.toks[i-1].fold)
}

// mentionActors gives the actors of a mention's clause their roles.
func (x *extractor) mentionActors(m *mention, typ string, figs []int) []roleRef {
	cs, ce := x.softClause(m)
	refs := x.refsIn(cs, ce)
	var out []roleRef
	add := func(r actorRef, ok bool, role string) {
		if !ok {
			return
		}
		for _, o := range out {
			if o.id == r.id {
				return
			}
		}
		out = append(out, roleRef{id: r.id, role: role})
	}
	org := []string{KindOrganization, KindGroup}
	orgOrProduct := []string{KindOrganization, KindProduct, KindGroup}
	groupSubject := false
	for _, fi := range figs {
		if x.figs[fi].class == fcPersons || x.figs[fi].class == fcShare {
			groupSubject = true
		}
	}
	// The employer is named after the trigger with "de", "chez", "at", "of"
	// ("licencié la moitié des employés du groupe", "jobs at Meta"), else
	// it is the subject before the trigger ("Meta lays off").
	employer := func() {
		for _, r := range refs {
			if r.first >= m.last && r.first <= m.last+8 && !x.commaBetween(m.last, r.first) && contains(org, x.kindOf(r)) &&
				(x.precededBy(r.first, employerMarkers...) || r.descriptor && contains(employerMarkers, x.toks[r.first].fold)) {
				add(r, true, RoleEmployer)
				return
			}
		}
		// The subject: the first organisation of the clause ("Stellantis
		// said it would idle its Belvidere plant and lay off…").
		if r, ok := x.subjectOrg(refs, m, org); ok {
			add(r, true, RoleEmployer)
		}
	}
	switch typ {
	case TypeLayoff:
		employer()
		r, ok := x.nearestBefore(refs, m.first, KindPerson)
		if !ok {
			// "annoncé par Elon Musk", "ordered by Musk"
			for _, a := range refs {
				if a.first >= m.last && x.kindOf(a) == KindPerson && x.precededBy(a.first, "par", "by") {
					r, ok = a, true
					break
				}
			}
		}
		add(r, ok, RoleDecisionMaker)
	case TypeDismissal:
		p, ok := x.nearestAfter(refs, m.head+1, KindPerson)
		if ok {
			add(p, true, RolePerson)
			x.listedPersons(refs, p, add)
			d, ok := x.nearestBefore(refs, m.first, KindPerson)
			add(d, ok, RoleDecisionMaker)
		} else if p, ok = x.nearestBefore(refs, m.first, KindPerson); ok {
			// "X a été limogé", "X was ousted", "Carlos Ghosn limogé" name
			// the one who goes; "Musk fires top executives" the one who decides.
			if x.passive(m) || p.last == m.first {
				add(p, true, RolePerson)
			} else {
				add(p, true, RoleDecisionMaker)
			}
		}
		employer()
	case TypeResignation, TypeDeparture:
		if !groupSubject {
			if m.flags&fNoun != 0 {
				// "la démission de X", "the resignation of X", "X's departure"
				if p, ok := x.nearestAfter(refs, m.head+1, KindPerson); ok && p.first <= m.last+2 {
					add(p, true, RolePerson)
				} else if p, ok := x.nearestBefore(refs, m.first, KindPerson); ok && (p.last >= m.first-2 || x.precededBy(m.first, "sa", "son", "his", "her")) {
					add(p, true, RolePerson) // "X's departure", "X a annoncé sa démission"
				}
			} else if p, ok := x.nearestBefore(refs, m.first, KindPerson); ok {
				add(p, true, RolePerson)
			}
		}
		employer()
	case TypeAppointment:
		src := m.src
		if x.precededBy(m.last, "par", "by") || m.last > 0 && (x.toks[m.last-1].fold == "par" || x.toks[m.last-1].fold == "by") {
			// "Il est remplacé par Philippe Charrier"
			p, ok := x.nearestAfter(refs, m.last-1, KindPerson)
			add(p, ok, RolePerson)
			q, ok2 := x.nearestBefore(refs, m.first, KindPerson)
			if ok2 && (!ok || q.id != p.id) {
				add(q, true, RolePredecessor)
			}
		} else if containsAny(src, "succe", "remplac", "replac") || m.flags&fSubj != 0 || x.passive(m) || x.passiveAux(m) {
			// "X succède à Y", "X returns as CEO, replacing Y", "X and Y have been named"
			p, ok := x.nearestBefore(refs, m.first, KindPerson)
			x.listedBefore(refs, p, ok, add)
			add(p, ok, RolePerson)
			q, ok2 := x.nearestAfter(refs, m.head+1, KindPerson)
			if ok2 && (!ok || q.id != p.id) && (containsAny(src, "succe", "remplac", "replac") ||
				x.precededBy(q.first, "replacing", "succeeding", "remplacant", "succedant", "a")) {
				add(q, true, RolePredecessor)
			}
		} else if p, ok := x.nearestAfter(refs, m.head+1, KindPerson); ok {
			add(p, true, RolePerson)
		} else {
			p, ok := x.nearestBefore(refs, m.first, KindPerson)
			add(p, ok, RolePerson)
		}
		employer()
	case TypeAcquisition:
		x.acquisitionRoles(m, refs, add)
	case TypeUltimatum:
		r, ok := x.nearestBefore(refs, m.first, KindPerson)
		add(r, ok, RoleDecisionMaker)
		employer()
	case TypeClosure, TypeBankruptcy:
		if r, ok := x.subjectOrg(refs, m, orgOrProduct); ok {
			add(r, true, RoleSubject)
		} else {
			r, ok := x.nearestAfter(refs, m.head+1, orgOrProduct...)
			add(r, ok, RoleSubject)
		}
	case TypeSocialMediaTrend:
		tag := x.toks[m.head].fold
		for id := range x.actors {
			if containsFold(tag, x.actors[id].key) {
				add(actorRef{id: id}, true, RoleSubject)
				break
			}
		}
		if len(out) == 0 {
			r, ok := x.nearestBefore(refs, m.first, orgOrProduct...)
			add(r, ok, RoleSubject)
		}
	}
	return out
}

// commaBetween tells whether a comma lies in tokens [a, b).
func (x *extractor) commaBetween(a, b int) bool {
	for k := a; k < b; k++ {
		if x.isComma(k) {
			return true
		}
	}
	return false
}

// isComma tells whether token k is a comma between words, not the
// separator of "9,000".
func (x *extractor) isComma(k int) bool {
	return x.toks[k].text == "," && (k+1 >= len(x.toks) || x.toks[k+1].space != spNone)
}

// subjectOrg is the first organisation of the clause before the trigger,
// skipping "Google" in "Google parent Alphabet" and "Facebook owner Meta".
func (x *extractor) subjectOrg(refs []actorRef, m *mention, kinds []string) (actorRef, bool) {
	for i, r := range refs {
		if r.last > m.first || !contains(kinds, x.kindOf(r)) {
			continue
		}
		if i+1 < len(refs) && refs[i+1].last <= m.first && refs[i+1].first <= r.last+2 && r.last < len(x.toks) &&
			contains([]string{"parent", "owner", "proprietaire", "maison-mere", "unit", "subsidiary", "filiale"}, x.toks[r.last].fold) {
			continue
		}
		return r, true
	}
	return actorRef{}, false
}

// passive tells whether a trigger verb is in the passive: "a été nommé",
// "was named", "X, nommé …".
func (x *extractor) passive(m *mention) bool {
	if m.head == 0 {
		return false
	}
	switch x.toks[m.head-1].fold {
	case "ete", "was", "were", "been", "is", "est", "being":
		return true
	case ",":
		return x.isParticiple(m.head) // "Luca de Meo, nommé …"
	}
	return false
}

// acquisitionRoles finds the acquirer and the target: "X rachète Y", "Y
// racheté par X", "le rachat de Y par X", "X's takeover of Y", and for
// sales "X cède Y à Z".
func (x *extractor) acquisitionRoles(m *mention, refs []actorRef, add func(actorRef, bool, string)) {
	buyers := []string{KindOrganization, KindPerson, KindGroup}
	targets := []string{KindOrganization, KindProduct, KindGroup}
	var acq, tgt, seller actorRef
	hasAcq, hasTgt, hasSeller := false, false, false
	after := m.last
	if m.capEnd {
		after = m.last - 1 // "buy Activision": the name closes the trigger
	}
	weak := m.flags&fWeak != 0
	for _, r := range refs {
		if r.first < after {
			continue
		}
		if weak && !x.precededBy(r.first, "for", "of", "de", "du", "pour", "by", "par") {
			continue // "the largest deal in the tech giant's history"
		}
		switch {
		case !hasAcq && x.precededBy(r.first, "par", "by", "a", "au", "to") && contains(buyers, x.kindOf(r)) && (m.flags&fSale != 0 || x.precededBy(r.first, "par", "by")):
			acq, hasAcq = r, true
		case !hasTgt && contains(targets, x.kindOf(r)):
			tgt, hasTgt = r, true
		}
	}
	// The buyer is the subject: the first actor of the clause, not one of
	// a list ("including chief executive Parag Agrawal …, after closing his
	// deal to buy the company").
	var before actorRef
	okBefore := false
	for _, r := range refs {
		if r.last <= m.first && contains(buyers, x.kindOf(r)) && !x.precededBy(r.first, "including", "dont", "notamment", "such", "comme") {
			before, okBefore = r, true
			break
		}
	}
	if weak {
		okBefore = false // a noun like "deal" has no subject of its own
	}
	switch {
	case m.flags&fSale != 0:
		seller, hasSeller = before, okBefore
	case !hasAcq && okBefore:
		acq, hasAcq = before, true
	case hasAcq && !hasTgt && okBefore && contains(targets, x.kindOf(before)):
		tgt, hasTgt = before, true
	}
	if hasAcq && hasTgt && acq.id == tgt.id {
		hasTgt = false
	}
	add(acq, hasAcq, RoleAcquirer)
	add(tgt, hasTgt, RoleTarget)
	add(seller, hasSeller, RoleSeller)
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		for i := 0; i+len(sub) <= len(s); i++ {
			if s[i:i+len(sub)] == sub {
				return true
			}
		}
	}
	return false
}

// mentionDate picks the date of a mention: the nearest date of its
// clause, else of its sentence when no other trigger shares it.
func (x *extractor) mentionDate(m *mention) int {
	cs, ce := x.clauseStart(m.head), x.clauseEnd(m.head)
	best, bestD := -1, 1<<30
	for di, d := range x.dates {
		if d.first < cs || d.last > ce || x.inOtherRelative(d.first, m.head) {
			continue
		}
		dist := m.first - d.last
		if d.first >= m.last {
			dist = d.first - m.last
		}
		if d.vague || d.deadline {
			dist += 1000
		}
		if dist < bestD {
			best, bestD = di, dist
		}
	}
	if best >= 0 {
		return best
	}
	// "Mardi soir, coup de théâtre : Sam Altman a été réintégré": a date
	// opening the sentence, when no other trigger of the sentence is nearer.
	s := x.sents[m.sent]
	for di, d := range x.dates {
		if d.first < s.first || d.last > s.last || d.vague || d.deadline || x.inOtherRelative(d.first, m.head) {
			continue
		}
		nearer := false
		for _, o := range x.mentions {
			if o.sent == m.sent && o.head != m.head && abs(o.head-d.first) < abs(m.head-d.first) {
				nearer = true
			}
		}
		if !nearer {
			return di
		}
	}
	return -1
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// inOtherRelative tells whether token i lies in a relative clause between
// commas that does not hold token head: in "The company, which had 9,000
// employees at the end of last year, will lay off 1,500", the date is the
// headcount's, not the layoff's.
func (x *extractor) inOtherRelative(i, head int) bool {
	a, b := i, head
	if a > b {
		a, b = b, a
	}
	if !x.commaBetween(a, b) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-12; k-- {
		if x.isComma(k) {
			return k+1 < len(x.toks) && contains([]string{"which", "who", "qui", "dont", "where", "ou"}, x.toks[k+1].fold)
		}
	}
	return false
}

// headcountVerbs precede a count that is a whole workforce: "emploie 7
// 500 salariés", "has 87,000 employees", "sur 7 500 salariés".
var headcountVerbs = map[string]bool{
	"emploie": true, "employait": true, "emploient": true, "compte": true, "comptait": true, "comptent": true,
	"employs": true, "employed": true, "employing": true, "employ": true, "has": true, "had": true, "have": true,
	"totals": true, "totaled": true, "totalled": true, "avec": true, "with": true, "sur": true, "regroupe": true,
	"rassemble": true, "parmi": true, "among": true, "'s": true, "comptera": true, "employer": true,
}

// headcountNouns followed by "of"/"de" precede a whole workforce: "a
// workforce of 7,500", "un effectif de 7 500".
var headcountNouns = map[string]bool{
	"workforce": true, "staff": true, "effectif": true, "effectifs": true, "total": true, "headcount": true, "force": true, "out": true,
}

// isHeadcount tells whether the count starting at token i is a whole
// workforce rather than the people affected.
func (x *extractor) isHeadcount(i int) bool {
	if i == 0 {
		return false
	}
	// "qui emploie encore 750 personnes", "employs currently about"
	p := i - 1
	if p > 0 && contains([]string{"encore", "actuellement", "aujourd'hui", "desormais", "still", "currently", "now", "today", "some", "quelque"}, x.toks[p].fold) {
		p--
	}
	if headcountVerbs[x.toks[p].fold] {
		return true
	}
	// "sur les 7 500 salariés", "among its 7,500 employees"
	if i >= 2 && contains([]string{"les", "ses", "its", "their", "the", "leurs"}, x.toks[i-1].fold) &&
		contains([]string{"sur", "parmi", "among"}, x.toks[i-2].fold) {
		return true
	}
	if i >= 2 {
		p := x.toks[i-1].fold
		if (p == "of" || p == "de" || p == "d'") && headcountNouns[x.toks[i-2].fold] {
			// "réduire ses effectifs de 3 000 personnes" is the cut, not the workforce.
			for _, m := range x.mentions {
				if m.first < i-2 && m.last >= i-2 && m.sent == int(x.sentOf[i]) {
					return false
				}
			}
			return true
		}
	}
	return x.headcountVal != nil && x.valAt[i] >= 0 && x.headcountVal[x.valAt[i]]
}

// moneyCues name what an amount is.
var (
	personalCues = map[string]bool{"poche": true, "pocket": true, "propre": true, "propres": true, "own": true, "personnelle": true, "personnel": true, "personal": true, "personally": true, "fortune": true, "deniers": true}
	shareCues    = map[string]bool{"action": true, "share": true}
	savingCues   = map[string]bool{"economies": true, "economiser": true, "savings": true, "save": true, "saving": true, "economie": true}
	costCues     = map[string]bool{"cout": true, "couts": true, "cost": true, "costs": true, "charge": true, "charges": true, "provision": true, "severance": true, "indemnites": true}
	otherMoney   = map[string]bool{"chiffre": true, "revenue": true, "revenues": true, "sales": true, "ventes": true, "benefice": true, "profit": true, "profits": true, "dette": true, "debt": true, "loan": true, "loans": true, "pret": true, "prets": true, "perte": true, "pertes": true, "loss": true, "losses": true, "capitalisation": true, "salaire": true, "salary": true, "bonus": true, "amende": true, "fine": true, "loyer": true}
)

// classifyFigures gives each figure of an event its metric.
func (x *extractor) classifyFigures(typ string, figs []int) []int {
	var out []int
	hasDeal := false
	for _, fi := range figs {
		f := &x.figs[fi]
		switch f.class {
		case fcPersons:
			if f.metric == "" {
				f.metric = MetricEmployeesAffected
				if x.isHeadcount(f.first) {
					f.metric = MetricHeadcount
				}
			}
		case fcShare:
			f.metric = MetricWorkforceShare
		case fcPosts:
			f.metric = MetricMentions
		case fcSites:
			f.metric = MetricSitesClosed
		case fcRatio:
			switch {
			case x.cueNear(f, "stake", "participation", "capital", "parts"):
				f.metric = MetricStake
			default:
				continue
			}
		case fcMoney:
			switch {
			case x.cueNear(f, "otherMoney"):
				continue
			case typ == TypeAcquisition && x.perShare(f):
				f.metric = MetricPricePerShare
			case typ == TypeAcquisition && (x.cueAfter(f.last, 5, personalCues) || x.cueBefore(f.first, 4, personalCues)):
				f.metric = MetricPersonalContribution
			case typ == TypeAcquisition && !hasDeal && !x.cueBefore(f.first, 2, map[string]bool{"dont": true, "including": true, "which": true}):
				f.metric = MetricDealValue
				hasDeal = true
			case typ == TypeLayoff && (x.cueBefore(f.first, 4, savingCues) || x.cueAfter(f.last, 3, savingCues)):
				f.metric = MetricCostSavings
			case typ == TypeLayoff && (x.cueBefore(f.first, 4, costCues) || x.cueAfter(f.last, 3, costCues)):
				f.metric = MetricRestructuringCost
			default:
				continue
			}
		}
		// One figure told twice ("11 000 emplois" in the headline, "plus de
		// 11 000 collaborateurs" in the body): keep the body's wording.
		dup := -1
		for k, o := range out {
			if g := &x.figs[o]; g.metric == f.metric && g.unit == f.unit && g.v.cmp(f.v) == 0 {
				dup = k
			}
		}
		if dup >= 0 {
			if x.sents[x.sentOf[x.figs[out[dup]].first]].headline && !x.sents[x.sentOf[f.first]].headline {
				out[dup] = fi
			}
			continue
		}
		out = append(out, fi)
	}
	return out
}

// perShare tells whether an amount is a price per share: "$54.20 a share",
// "$142.50 in cash … for each VMware share", "54,20 dollars par action".
func (x *extractor) perShare(f *figure) bool {
	if f.last >= len(x.toks) {
		return false
	}
	s := x.sents[x.sentOf[f.last-1]]
	for k := f.last; k < s.last && k < f.last+10; k++ {
		if vi := x.valAt[k]; vi >= 0 && x.vals[vi].kind == vMoney {
			return false // the cue belongs to the next amount
		}
		if shareCues[x.toks[k].fold] {
			return true
		}
	}
	return false
}

func (x *extractor) cueBefore(i, n int, cues map[string]bool) bool {
	s := x.sents[x.sentOf[min(i, len(x.toks)-1)]]
	for k := i - 1; k >= s.first && k >= i-n; k-- {
		if cues[x.toks[k].fold] {
			return true
		}
	}
	return false
}

func (x *extractor) cueAfter(i, n int, cues map[string]bool) bool {
	if i >= len(x.toks) {
		return false
	}
	s := x.sents[x.sentOf[i]]
	for k := i; k < s.last && k < i+n; k++ {
		if cues[x.toks[k].fold] {
			return true
		}
	}
	return false
}

// cueNear looks for words around a figure; "otherMoney" stands for the
// amounts that are no deal (revenue, debt, salaries).
func (x *extractor) cueNear(f *figure, words ...string) bool {
	if len(words) == 1 && words[0] == "otherMoney" {
		return x.cueBefore(f.first, 3, otherMoney) || x.cueAfter(f.last, 2, otherMoney)
	}
	set := map[string]bool{}
	for _, w := range words {
		set[w] = true
	}
	return x.cueBefore(f.first, 4, set) || x.cueAfter(f.last, 4, set)
}

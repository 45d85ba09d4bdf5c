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
			if f == "et" || f == "and" || f == "ainsi" || x.toks[k].text == "," {
				joined = true // "X, le directeur général, ainsi que le directeur financier Y"
			} else if x.toks[k].kind != tkWord {
				joined = false
				break
			}
		}
		if !joined || end-r.last > 14 {
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

// precededByNoun is precededBy, over an organisation noun between: "au
// groupe United Grinding", "by rival Qualcomm".
func (x *extractor) precededByNoun(i int, words ...string) bool {
	if x.precededBy(i, words...) {
		return true
	}
	return i > 1 && orgNouns[x.toks[i-1].fold] && contains(words, x.toks[i-2].fold)
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
				(x.precededBy(r.first, employerMarkers...) || r.descriptor && contains(employerMarkers, x.toks[r.first].fold)) &&
				(r.descriptor || x.precededBy(r.first, "chez", "at", "within") || x.wellKnown(r.id)) {
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
		// The decision maker is the subject: a person opening the clause
		// ("le multimilliardaire a licencié"), not one named in passing
		// ("Le groupe Casino, repris par Daniel Kretinsky, a présenté…").
		r, ok := x.nearestBefore(refs, m.first, KindPerson)
		if ok && (len(refs) > 0 && refs[0].first < r.first && x.kindOf(refs[0]) != KindPerson || x.parenthetical(r.first, m.head)) {
			ok = false
		}
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
		if ok && x.namedNext(p) {
			ok = false // "le directeur général limogé, X nommé à sa place": X is the successor
		}
		if (x.passive(m) || x.passiveAux(m)) && ok && x.precededBy(p.first, "par", "by") {
			// "Parag Agrawal … ont été limogés par Elon Musk": the subjects go,
			// the agent decides.
			add(p, true, RoleDecisionMaker)
			if q, okq := x.nearestBefore(refs, m.first, KindPerson); okq {
				x.listedBefore(refs, q, true, add)
				add(q, true, RolePerson)
			}
			employer()
			break
		}
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
				if p, ok := x.nearestAfter(refs, m.head+1, KindPerson); ok && (p.first <= m.last+2 || x.titleApposition(m.last, p.first)) {
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
		} else if containsAny(src, "succeed", "succed", "remplac", "replac") || m.flags&fSubj != 0 || x.passive(m) || x.passiveAux(m) {
			// "X succède à Y", "X returns as CEO, replacing Y", "X and Y have been named"
			p, ok := x.nearestBefore(refs, m.first, KindPerson)
			x.listedBefore(refs, p, ok, add)
			add(p, ok, RolePerson)
			q, ok2 := x.nearestAfter(refs, m.head+1, KindPerson)
			if ok2 && (!ok || q.id != p.id) && (containsAny(src, "succeed", "succed", "remplac", "replac") ||
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
		// "The Supreme Court ordered the liquidation of Jet Airways": the
		// noun's complement is what goes under, not the sentence's subject.
		if r, ok := x.nearestAfter(refs, m.head+1, orgOrProduct...); ok && m.flags&fNoun != 0 && r.first <= m.last+1 && x.precededBy(r.first, "of", "de", "du", "d'") {
			add(r, true, RoleSubject)
		} else if r, ok := x.subjectOrg(refs, m, orgOrProduct); ok {
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

// titleApposition tells whether tokens [a, b) are the title a name stands
// in apposition to: "la démission de son directeur général, Yves
// Bernaert", "the resignation of its chief executive, John Smith".
func (x *extractor) titleApposition(a, b int) bool {
	// "le départ, d'un commun accord, de son administrateur délégué X":
	// an aside between commas right after the trigger is skipped.
	if a < b && x.toks[a].text == "," {
		for k := a + 1; k < b && k <= a+6; k++ {
			if x.toks[k].text == "," {
				a = k + 1
				break
			}
		}
	}
	end := b - 1
	if b > a && x.toks[b-1].text != "," {
		end = b // "la démission de son directeur général Yves Bernaert"
	}
	if b-a < 3 || b-a > 8 || x.toks[a].text == "," {
		return false
	}
	title := false
	for k := a; k < end; k++ {
		f := x.toks[k].fold
		switch {
		case execTitles[f] || f == "delegue" || f == "deleguee":
			title = true // "administrateur délégué" is the Belgian CEO
		case !titleFillers[f]:
			return false
		}
	}
	return title
}

// titleFillers may stand around an executive title in an apposition.
var titleFillers = wordSet(`de d' du des son sa leur ses l' le la its his her their the of general generale financier
financiere executif executive operating financial officer adjoint adjointe delegue deleguee administrateur administratrice`)

// wellKnown tells whether an actor is in the gazetteer or named more than
// once: "des employés de Twitter" names an employer, "son centre de
// recherche de Croissy-sur-Seine" a place.
func (x *extractor) wellKnown(id int) bool {
	a := &x.actors[id]
	return a.gazKind != "" || a.salience >= 2 && len(a.aliases) > 0 || x.mentionCount(id) > 1
}

func (x *extractor) mentionCount(id int) int {
	n := 0
	for _, r := range x.refs {
		if r.id == id && !r.descriptor {
			n++
		}
	}
	return n
}

// parenthetical tells whether token i lies between two commas that both
// come before the trigger at head: "Twitter, now owned by Elon Musk, cut".
func (x *extractor) parenthetical(i, head int) bool {
	if i >= head {
		return false
	}
	s := x.sents[x.sentOf[i]]
	before, after := false, false
	open := -1
	for k := i - 1; k >= s.first; k-- {
		if x.isComma(k) {
			before, open = true, k
			break
		}
	}
	// "Lundi, Microsoft, principal investisseur…, a annoncé": after a
	// fronted adverbial the name is the subject, not an aside.
	if before {
		subject := false
		for _, r := range x.refs {
			if r.first >= s.first && r.last <= open {
				subject = true
				break
			}
		}
		if !subject {
			return false
		}
	}
	for k := i + 1; k < head; k++ {
		if x.isComma(k) {
			after = true
			break
		}
	}
	return before && after
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
		if r.last > m.first || !contains(kinds, x.kindOf(r)) || x.inOtherRelative(r.first, m.head) || x.parenthetical(r.first, m.head) {
			continue // "John J. Ray III, a restructuring expert who oversaw the liquidation of Enron, has been appointed"
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
	byAgent := false // the buyer is told after "by", "par"
	after := m.last
	if m.capEnd {
		after = m.last - 1 // "buy Activision": the name closes the trigger
		for _, r := range refs {
			if r.first < after && r.last > after {
				after = r.first // "buy the company's assets": the descriptor holds it
			}
		}
	}
	weak := m.flags&fWeak != 0
	// "la vente de sa division Machining Solutions au groupe United
	// Grinding": what is sold lies within the trigger.
	if m.flags&fSale != 0 && m.flags&fNoun != 0 {
		for _, r := range refs {
			if r.first > m.first && r.last <= after && contains(targets, x.kindOf(r)) {
				tgt, hasTgt = r, true
				break
			}
		}
	}
	for _, r := range refs {
		if r.first < after {
			continue
		}
		if weak && !x.precededBy(r.first, "for", "of", "de", "du", "pour", "by", "par") {
			continue // "the largest deal in the tech giant's history"
		}
		switch {
		case hasAcq && r.first >= acq.last && x.sameBuyer(acq, r) && contains(buyers, x.kindOf(r)):
			// "a takeover by Czech billionaire Daniel Kretinsky's EP
			// Group": the buyer is the end of the chain.
			acq = r
		case !hasAcq && x.precededByNoun(r.first, "par", "by", "a", "au", "to") && contains(buyers, x.kindOf(r)) && (m.flags&fSale != 0 || x.precededByNoun(r.first, "par", "by")):
			acq, hasAcq = r, true
			byAgent = x.precededByNoun(r.first, "by", "par")
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
	// "International Distribution Services, agreed on Wednesday to a
	// £3.57bn takeover by … EP Group": a takeover by someone is of the
	// sentence's subject, the organisation named last before the trigger.
	if hasAcq && !hasTgt && m.flags&fSale == 0 && byAgent {
		s := x.sents[m.sent]
		for _, r := range x.refsIn(s.first, m.first) {
			if r.id != acq.id && contains(targets, x.kindOf(r)) && !x.precededBy(r.first, "of", "de", "du", "d'") {
				tgt, hasTgt = r, true
			}
		}
	}
	if hasAcq && hasTgt && acq.id == tgt.id {
		hasTgt = false
		// "Fortress … submitted a bid to buy the company's assets": the
		// company is the one the article is about, not the bidder.
		if tgt.descriptor {
			if id := x.mainOrg(); id >= 0 && id != acq.id {
				tgt, hasTgt = actorRef{first: tgt.first, last: tgt.last, id: id, descriptor: true}, true
			}
		}
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

// moneyCues name what an amount is.
var (
	personalCues = map[string]bool{"poche": true, "pocket": true, "propre": true, "propres": true, "own": true, "personnelle": true, "personnel": true, "personal": true, "personally": true, "fortune": true, "deniers": true}
	shareCues    = map[string]bool{"action": true, "share": true, "titre": true}
	savingCues   = map[string]bool{"economies": true, "economiser": true, "savings": true, "save": true, "saving": true, "economie": true,
		"cost-cutting": true, "cost-saving": true, "cost-savings": true, "cost-reduction": true, "cost-reductions": true, "cost-cut": true,
		"cost-cuts": true, "reduction": true, "reductions": true, "reduire": true, "reduce": true, "reducing": true}
	costCues   = map[string]bool{"cout": true, "couts": true, "cost": true, "costs": true, "charge": true, "charges": true, "provision": true, "severance": true, "indemnites": true}
	otherMoney = map[string]bool{"chiffre": true, "revenue": true, "revenues": true, "sales": true, "ventes": true, "benefice": true, "profit": true, "profits": true, "dette": true, "debt": true, "loan": true, "loans": true, "pret": true, "prets": true, "perte": true, "pertes": true, "loss": true, "losses": true, "capitalisation": true, "salaire": true, "salary": true, "bonus": true, "amende": true, "fine": true, "loyer": true}
)

// namedNext tells whether the person at r is told as appointed right
// after: "…limogé, Papa Toby Gaye nommé à sa place", "…ousted, Jane Doe
// named CEO".
func (x *extractor) namedNext(r actorRef) bool {
	if r.first == 0 || x.toks[r.first-1].text != "," || r.last >= len(x.toks) {
		return false
	}
	switch x.toks[r.last].fold {
	case "nomme", "nommee", "designe", "designee", "named", "appointed", "promu", "promue", "promoted":
		return true
	}
	return false
}

// sameBuyer tells whether r continues the noun phrase of the buyer a: a
// possessive or a title between them ("Daniel Kretinsky's EP Group",
// "Czech billionaire Daniel Kretinsky").
func (x *extractor) sameBuyer(a, r actorRef) bool {
	if r.first-a.last > 2 {
		return false
	}
	for k := a.last; k < r.first; k++ {
		t := x.toks[k]
		if t.fold == "'s" || t.kind == tkWord && !t.upper && (titles[t.fold] || personNouns[t.fold] || orgNouns[t.fold]) {
			continue
		}
		return false
	}
	return true
}

package extract

import (
	"math"
	"strings"
)

// roleRef is an actor in a role.
type roleRef struct {
	id   int
	role string
}

// event is an event being assembled from one or more mentions.
type event struct {
	typ      string
	mentions []int
	primary  int // the mention whose sentence is the evidence
	actors   []roleRef
	fallback bool // the employer or subject was guessed from the whole article
	date     int  // index into x.dates, -1 if none
	figs     []int
	lead     bool
	hedged   bool
	noun     bool // only noun mentions
}

// workforceTypes are the events about a company's staff.
var workforceTypes = map[string]bool{TypeLayoff: true, TypeResignation: true, TypeDeparture: true, TypeUltimatum: true}

// accepts tells which events a figure class may belong to.
func accepts(typ string, c figClass) bool {
	switch c {
	case fcPersons:
		return typ == TypeLayoff || typ == TypeResignation || typ == TypeDeparture || typ == TypeClosure || typ == TypeBankruptcy || typ == TypeUltimatum
	case fcShare:
		return typ == TypeLayoff || typ == TypeResignation || typ == TypeDeparture
	case fcMoney:
		return typ == TypeAcquisition || typ == TypeLayoff
	case fcRatio:
		return typ == TypeAcquisition
	case fcPosts:
		return typ == TypeSocialMediaTrend
	case fcSites:
		return typ == TypeClosure
	}
	return false
}

// clauseEnd is the index after the clause holding token i.
func (x *extractor) clauseEnd(i int) int {
	s := x.sents[x.sentOf[i]]
	for k := i + 1; k < s.last; k++ {
		t := x.toks[k]
		if t.kind == tkPunct && (t.text == ";" || t.text == ":" || t.text == "(" || t.text == ")" || t.text == "—") {
			return k
		}
	}
	return s.last
}

// softBoundary tells whether a clause of its own starts at token k: ", et",
// ", mais", ", while", ", and the".
func (x *extractor) softBoundary(k int) bool {
	if k == 0 || x.toks[k-1].text != "," {
		return false
	}
	switch x.toks[k].fold {
	case "et", "mais", "tandis", "alors", "and", "but", "while", "whereas", "or", "ou":
		return true
	}
	return false
}

// cost is how far figure f lies from mention m, counting clause
// boundaries between them as distance.
func (x *extractor) cost(f *figure, m *mention) int {
	a, b := f.last, m.first
	d := b - a
	if f.first >= m.last {
		a, b = m.last, f.first
		d = b - a
	}
	if d < 0 {
		d = 0
	}
	for k := a; k < b; k++ {
		if x.softBoundary(k) {
			d += 12
		}
		t := x.toks[k]
		if t.kind == tkPunct && (t.text == ";" || t.text == ":" || t.text == "(" || t.text == ")") {
			d += 30
		}
	}
	// In French and English the subject count comes before the verb and
	// the object after: both are near; nothing else to weigh.
	return d
}

// attachFigures gives each figure to the nearest mention of its sentence
// that can take it; it returns, per mention, the figures it took.
func (x *extractor) attachFigures(types []string) [][]int {
	out := make([][]int, len(x.mentions))
	const maxCost = 30
	for fi := range x.figs {
		f := &x.figs[fi]
		if f.base >= 0 {
			continue // derived figures follow their base
		}
		si := x.sentOf[f.first]
		best, bestCost := -1, maxCost+1
		for mi := range x.mentions {
			m := &x.mentions[mi]
			if int32(m.sent) != si || !accepts(types[mi], f.class) || m.negated {
				continue
			}
			if c := x.cost(f, m); c < bestCost {
				best, bestCost = mi, c
			}
		}
		if best >= 0 && x.mentions[best].background && f.class == fcPersons && x.isHeadcount(f.first) {
			best = -1 // "Le groupe, qui emploie 20 000 salariés, avait déjà réduit…": the workforce today
		}
		if best < 0 {
			best = x.nearbyMention(f, types)
		}
		if best < 0 {
			continue
		}
		out[best] = append(out[best], fi)
		for di := range x.figs {
			if x.figs[di].base == fi {
				out[best] = append(out[best], di)
			}
		}
	}
	return out
}

// continuationWords let a count in a sentence without trigger belong to
// the event of the sentence before: "Au total, 1 200 postes sont
// concernés".
var continuationWords = map[string]bool{
	"concernes": true, "concernees": true, "touches": true, "touchees": true, "menaces": true, "vises": true,
	"affected": true, "impacted": true, "affect": true, "affects": true, "impact": true, "eliminated": true,
	"supprimes": true, "supprimees": true, "lost": true, "perdront": true, "cut": true,
}

// nearbyMention finds, for a figure of a sentence without a matching
// trigger, a workforce mention in the two sentences before it (same
// paragraph) when the figure's sentence says it continues that story.
func (x *extractor) nearbyMention(f *figure, types []string) int {
	si := int(x.sentOf[f.first])
	s := x.sents[si]
	if f.class == fcMoney {
		// "pre-tax charges of about $4.2 billion related to severance": the
		// cost of the layoff told just before; "$95.00 per share": the price
		// of the acquisition.
		perShare := x.perShare(f)
		want := TypeLayoff
		if perShare {
			want = TypeAcquisition
		}
		if !perShare && !x.cueBefore(f.first, 4, costCues) && !x.cueAfter(f.last, 4, costCues) && !x.cueBefore(f.first, 4, savingCues) && !x.cueAfter(f.last, 4, savingCues) {
			return -1
		}
		for mi := len(x.mentions) - 1; mi >= 0; mi-- {
			m := &x.mentions[mi]
			if m.sent < si && m.sent >= si-2 && x.sents[m.sent].para == s.para && !m.negated && types[mi] == want {
				return mi
			}
		}
		// "Microsoft will pay $95.00 per share", "help BT save £3 billion":
		// the lead's event, when the sentence speaks of its organisation.
		if x.refersToMain(si) {
			return x.leadMention(types, want)
		}
		return -1
	}
	if f.class != fcPersons {
		return -1
	}
	cue := false
	for k := s.first; k < s.last; k++ {
		if continuationWords[x.toks[k].fold] {
			cue = true
			break
		}
	}
	hc := f.metric == MetricHeadcount || (f.metric == "" && x.isHeadcount(f.first))
	if !cue && !hc {
		return -1
	}
	for mi := len(x.mentions) - 1; mi >= 0; mi-- {
		m := &x.mentions[mi]
		if m.sent >= si || m.sent < si-2 || x.sents[m.sent].para != s.para || m.negated || !accepts(types[mi], f.class) {
			continue
		}
		if types[mi] == TypeLayoff || types[mi] == TypeResignation || types[mi] == TypeDeparture {
			return mi
		}
	}
	// "The company had 87,314 employees at the end of September": the
	// workforce of the organisation the lead speaks about; "meaning roughly
	// 7,900 jobs could be eliminated": its count.
	if !x.refersToMain(si) {
		return -1
	}
	for _, typ := range [...]string{TypeLayoff, TypeResignation, TypeDeparture} {
		if mi := x.leadMention(types, typ); mi >= 0 {
			return mi
		}
	}
	return -1
}

// refersToMain tells whether sentence si names the organisation the
// article is about, or refers to it ("the company", "le groupe").
func (x *extractor) refersToMain(si int) bool {
	main := x.mainOrg()
	for _, r := range x.refs {
		if int(x.sentOf[r.first]) == si && r.id == main {
			return true
		}
	}
	return false
}

// leadMention is the first mention of the lead of that type told as fact.
func (x *extractor) leadMention(types []string, typ string) int {
	for mi := range x.mentions {
		m := &x.mentions[mi]
		if x.sents[m.sent].lead && !m.negated && !m.background && !m.hedged && types[mi] == typ {
			return mi
		}
	}
	return -1
}

// resolveTypes settles the type of each mention: a layoff verb with a
// person or an executive as object is a dismissal.
func (x *extractor) resolveTypes() []string {
	types := make([]string, len(x.mentions))
	for mi := range x.mentions {
		m := &x.mentions[mi]
		types[mi] = m.typ
		if m.flags&(fPersonObj|fNeedObj) == 0 {
			continue
		}
		obj := x.objectKind(m)
		switch {
		case m.flags&fPersonObj != 0 && obj == KindPerson:
			types[mi] = TypeDismissal
		case m.flags&fNeedObj != 0 && obj == "":
			m.negated = true // no object: "dismissed the claims", "succeeded in"
		}
	}
	return types
}

// execTitles are executive titles: their holder's firing is a dismissal.
var execTitles = map[string]bool{
	"pdg": true, "ceo": true, "dg": true, "directeur": true, "directrice": true, "president": true, "presidente": true,
	"patron": true, "patronne": true, "dirigeant": true, "dirigeants": true, "fondateur": true, "cofondateur": true,
	"cfo": true, "coo": true, "cto": true, "chief": true, "executive": true, "executives": true, "chairman": true,
	"chairwoman": true, "head": true, "boss": true, "coach": true, "entraineur": true, "selectionneur": true,
	"ministre": true, "minister": true, "redacteur": true, "editor": true, "manager": true, "vice-president": true,
	"founder": true, "co-founder": true, "gerant": true, "secretaire": true, "gouverneur": true, "governor": true,
}

// objectKind tells what a verb acts on: "person" for a named person or an
// executive, "staff" for a count or employees, "" when nothing is found.
func (x *extractor) objectKind(m *mention) string {
	end := x.clauseEnd(m.head)
	for k := m.last; k < end && k < m.last+7; k++ {
		t := x.toks[k]
		if execTitles[t.fold] {
			return KindPerson // "fired its top executives"
		}
		if x.valAt[k] >= 0 || personUnits[t.fold] || workforceNouns[t.fold] {
			return "staff"
		}
		for _, r := range x.refs {
			if r.first == k && !r.descriptor && x.actors[r.id].kind() == KindPerson {
				return KindPerson
			}
		}
	}
	// Passive with a person subject: "X a été limogé", "X was fired".
	for k := m.head - 1; k >= x.clauseStart(m.head) && k >= m.head-4; k-- {
		f := x.toks[k].fold
		if f == "ete" || f == "was" || f == "been" || f == "is" || f == "est" || f == "were" {
			for _, r := range x.refs {
				if r.last <= k && r.last >= k-4 && x.actors[r.id].kind() == KindPerson {
					return KindPerson
				}
			}
		}
	}
	return ""
}

// mainOrg is the organisation the article is about, or -1.
func (x *extractor) mainOrg() int { return x.mostSalient(KindOrganization) }

// assemble builds the events from the mentions.
func (x *extractor) assemble() []Event {
	types := x.resolveTypes()
	figsOf := x.attachFigures(types)
	var evs []*event
	build := func(mi int) *event {
		m := &x.mentions[mi]
		e := &event{typ: types[mi], mentions: []int{mi}, primary: mi, date: -1, noun: m.flags&fNoun != 0}
		e.actors = x.mentionActors(m, e.typ, figsOf[mi])
		e.date = x.mentionDate(m)
		e.figs = x.classifyFigures(e.typ, figsOf[mi])
		e.lead = x.sents[m.sent].lead
		e.hedged = m.hedged
		return e
	}
	// Strong mentions first, then weak and background ones, which only
	// support events told elsewhere.
	for pass := 0; pass < 2; pass++ {
		for mi := range x.mentions {
			m := &x.mentions[mi]
			if m.negated || (m.hedged && !x.sents[m.sent].headline) {
				continue // "urged it to cut jobs", "envisagerait de supprimer": not told as fact
			}
			cand := build(mi)
			if m.relative && x.recent(cand.date) {
				m.background = false // "Getaround, qui a réduit ses effectifs au troisième trimestre"
			}
			if m.temporal && x.withinDays(cand.date, 14) && x.dates[cand.date].first > m.head {
				m.background = false // "Après le départ d'Ella Irwin jeudi, c'est au tour de…"
			}
			support := m.flags&fWeak != 0 || m.background || (x.definite(m) && len(cand.figs) == 0)
			if support != (pass == 1) {
				continue
			}
			if target := x.findMergeable(evs, cand); target != nil {
				if !support && x.sents[x.mentions[target.primary].sent].headline && !x.sents[m.sent].headline {
					// The body tells the headline's event in full: its
					// sentence is the evidence, its figures come first.
					x.merge(cand, target, false)
					*target = *cand
					continue
				}
				x.merge(target, cand, support)
				continue
			}
			if support && !(m.flags&fWeak != 0 && !m.background && len(cand.figs) > 0 && !m.hedged) {
				continue
			}
			if m.hedged && (!cand.lead || len(cand.figs) == 0) {
				continue // "fears of layoffs", "Atos pourrait céder sa division", "urged it to cut jobs"
			}
			if x.sents[m.sent].question && !cand.lead && len(cand.figs) == 0 {
				continue
			}
			evs = append(evs, cand)
		}
	}
	evs = x.mergeHeadline(evs)
	out := make([]Event, 0, len(evs))
	for _, e := range evs {
		if x.isOldBackground(e) || x.isContext(e, evs) {
			continue
		}
		x.fillDefaults(e)
		x.dropSmallCounts(e)
		out = append(out, x.render(e))
	}
	sortEvents(out)
	return out
}

// recent tells whether a date lies in the six months before publication.
func (x *extractor) recent(di int) bool {
	if di < 0 || !x.hasPub {
		return false
	}
	d := x.dates[di]
	return d.resolved && !d.start.Before(x.pub.AddDate(0, -6, 0))
}

// withinDays tells whether a precise date lies in the n days before
// publication.
func (x *extractor) withinDays(di, n int) bool {
	if di < 0 || !x.hasPub {
		return false
	}
	d := x.dates[di]
	return d.resolved && !d.vague && (d.prec == PrecisionDay || d.prec == PrecisionWeek) && !d.start.Before(x.pub.AddDate(0, 0, -n))
}

// sameKind tells whether two event types may be one event told twice: a
// headline's "quittent" and the body's "a démissionné".
func sameKind(a, b string) bool {
	return a == b || (a == TypeDeparture || a == TypeResignation) && (b == TypeDeparture || b == TypeResignation)
}

// mergeHeadline folds each headline event into the event of the lead that
// tells it in full, whatever the dates ("BT to shed 55,000 jobs by 2030"
// and "BT said on Thursday it would cut up to 55,000 jobs").
func (x *extractor) mergeHeadline(evs []*event) []*event {
	out := evs[:0:0]
	for _, h := range evs {
		if !x.sents[x.mentions[h.primary].sent].headline {
			out = append(out, h)
			continue
		}
		var into *event
		for _, e := range evs {
			if e == h || !e.lead || x.sents[x.mentions[e.primary].sent].headline || !sameKind(e.typ, h.typ) || x.conflict(e, h) {
				continue
			}
			into = e
			break
		}
		if into == nil {
			out = append(out, h)
			continue
		}
		hasDate := into.date >= 0
		x.merge(into, h, false)
		if !hasDate {
			into.date = h.date
		}
		if h.typ == TypeResignation {
			into.typ = TypeResignation // "quitte ses fonctions" says more than "va quitter la présidence"
		}
	}
	return out
}

// groupVsPerson tells whether one event counts people leaving and the
// other names the one who leaves: "dozens of executives have left" and
// "Drew Baglino said he was leaving" are two events.
func (x *extractor) groupVsPerson(a, b *event) bool {
	group := func(e *event) bool {
		for _, fi := range e.figs {
			if f := &x.figs[fi]; f.class == fcPersons && f.v.float() >= 3 {
				return true
			}
		}
		return false
	}
	return group(a) && x.actorOf(b, RolePerson) >= 0 || group(b) && x.actorOf(a, RolePerson) >= 0
}

// conflict tells whether two events name different actors in a role that
// tells events apart.
func (x *extractor) conflict(a, b *event) bool {
	if x.groupVsPerson(a, b) {
		return true
	}
	for _, role := range [...]string{RolePerson, RoleTarget, RoleAcquirer, RoleEmployer, RoleSubject} {
		p, q := x.actorOf(a, role), x.actorOf(b, role)
		if p >= 0 && q >= 0 && p != q {
			return true
		}
	}
	return false
}

// definite tells whether a noun trigger refers back to an event already
// told: "the layoffs", "ces licenciements".
func (x *extractor) definite(m *mention) bool {
	if m.flags&fNoun == 0 || m.first == 0 {
		return false
	}
	// French puts an article before every noun ("la suppression de 400
	// postes"): only demonstratives refer back there.
	switch x.toks[m.first-1].fold {
	case "the", "these", "those", "this", "that", "such", "ces", "cette", "ce", "cet":
		return true
	}
	return false
}

// isContext tells whether an event outside the lead is the same kind of
// news about someone else: "Twitter cut half its staff earlier this month"
// in a story about Meta's layoffs is context, not an event of this report.
func (x *extractor) isContext(e *event, evs []*event) bool {
	if e.lead {
		return false
	}
	main := x.mainActorID(e)
	if main < 0 {
		return false
	}
	for _, l := range evs {
		if l == e || !l.lead || l.typ != e.typ {
			continue
		}
		if lm := x.mainActorID(l); lm >= 0 && lm != main && !x.refersToEvent(x.mentions[e.primary].sent, l) {
			return true
		}
		// "Spotify cut 600 jobs in January": an earlier round of the
		// lead's event, history rather than news.
		if x.mainActorID(l) == main && e.date >= 0 && l.date >= 0 {
			a, b := x.dates[e.date], x.dates[l.date]
			if a.resolved && b.resolved && !a.vague && a.end.Before(b.start) {
				return true
			}
		}
	}
	return false
}

// refersToEvent tells whether sentence si names one of the actors of e:
// "Microsoft, principal investisseur de la start-up, a recruté…" speaks
// of the same story, "Twitter cut half its staff" in a story about Meta
// does not.
func (x *extractor) refersToEvent(si int, e *event) bool {
	for _, r := range x.refs {
		if int(x.sentOf[r.first]) == si && e.hasActor(r.id) {
			return true
		}
	}
	return false
}

// mainActorID is the explicit actor an event is about, or -1.
func (x *extractor) mainActorID(e *event) int {
	for _, role := range [...]string{RoleTarget, RolePerson, RoleEmployer, RoleSubject} {
		if id := x.actorOf(e, role); id >= 0 {
			return id
		}
	}
	return -1
}

// dropSmallCounts drops "deux dirigeants" from events that name their
// people: the count is the people already named.
func (x *extractor) dropSmallCounts(e *event) {
	if x.actorOf(e, RolePerson) < 0 {
		return
	}
	kept := e.figs[:0]
	for _, fi := range e.figs {
		f := &x.figs[fi]
		if f.metric == MetricEmployeesAffected && f.v.float() < 3 {
			continue
		}
		kept = append(kept, fi)
	}
	e.figs = kept
}

// isOldBackground tells whether an event outside the lead dates from more
// than a year before publication: a reminder, not news.
func (x *extractor) isOldBackground(e *event) bool {
	if e.lead || e.date < 0 || !x.hasPub {
		return false
	}
	d := x.dates[e.date]
	return d.resolved && d.end.Before(x.pub.AddDate(-1, 0, 0))
}

func (x *extractor) actorOf(e *event, role string) int {
	for _, r := range e.actors {
		if r.role == role {
			return r.id
		}
	}
	return -1
}

// findMergeable finds an event the candidate may join.
func (x *extractor) findMergeable(evs []*event, c *event) *event {
	// Two triggers of one type in one sentence tell one event: "la
	// suppression de 2 300 emplois … dans le cadre d'un plan de départs".
	cs := x.mentions[c.primary].sent
	for i := len(evs) - 1; i >= 0; i-- {
		e := evs[i]
		if e.typ != c.typ {
			continue
		}
		for _, mi := range e.mentions {
			if x.mentions[mi].sent == cs {
				p, q := x.actorOf(e, RolePerson), x.actorOf(c, RolePerson)
				if p < 0 || q < 0 || p == q {
					return e
				}
			}
		}
	}
	for i := len(evs) - 1; i >= 0; i-- {
		e := evs[i]
		if e.typ != c.typ {
			continue
		}
		if e.date >= 0 && c.date >= 0 {
			a, b := x.dates[e.date], x.dates[c.date]
			if a.resolved && b.resolved && !a.vague && !b.vague && !a.deadline && !b.deadline && (a.end.Before(b.start) || b.end.Before(a.start)) {
				continue
			}
		}
		conflict := x.groupVsPerson(e, c)
		for _, role := range [...]string{RolePerson, RoleTarget, RoleAcquirer} {
			p, q := x.actorOf(e, role), x.actorOf(c, role)
			if p >= 0 && q >= 0 && p != q {
				conflict = true
			}
		}
		if p, q := x.actorOf(e, RoleEmployer), x.actorOf(c, RoleEmployer); p >= 0 && q >= 0 && p != q && !e.fallback && !c.fallback {
			conflict = true
		}
		if !conflict {
			return e
		}
	}
	return nil
}

// merge adds a candidate's mentions, actors, figures and date to e.
func (x *extractor) merge(e, c *event, support bool) {
	e.mentions = append(e.mentions, c.mentions...)
	for _, r := range c.actors {
		if x.actorOf(e, r.role) < 0 && !e.hasActor(r.id) {
			e.actors = append(e.actors, r)
		}
	}
	for _, fi := range c.figs {
		if !x.hasFigure(e, fi) {
			e.figs = append(e.figs, fi)
		}
	}
	if !support {
		if e.date < 0 || (c.date >= 0 && (x.dates[e.date].vague || x.dates[e.date].deadline) && !x.dates[c.date].vague && !x.dates[c.date].deadline) {
			e.date = c.date
		}
		e.lead = e.lead || c.lead
		e.hedged = e.hedged && c.hedged
		e.noun = e.noun && c.noun
	}
}

func (e *event) hasActor(id int) bool {
	for _, r := range e.actors {
		if r.id == id {
			return true
		}
	}
	return false
}

// hasFigure tells whether e already has that figure; a headline's copy
// gives way to the body's.
func (x *extractor) hasFigure(e *event, fi int) bool {
	f := &x.figs[fi]
	for k, g := range e.figs {
		h := &x.figs[g]
		if h.metric == f.metric && h.v.cmp(f.v) == 0 && h.unit == f.unit {
			if x.sents[x.sentOf[h.first]].headline && !x.sents[x.sentOf[f.first]].headline {
				e.figs[k] = fi
			}
			return true
		}
	}
	return false
}

// fillDefaults gives workforce events without an employer, and closures
// and bankruptcies without a subject, the organisation the article is
// about.
func (x *extractor) fillDefaults(e *event) {
	role := ""
	switch {
	case workforceTypes[e.typ] || e.typ == TypeDismissal || e.typ == TypeAppointment:
		role = RoleEmployer
	case e.typ == TypeClosure || e.typ == TypeBankruptcy:
		role = RoleSubject
	}
	if role == "" || x.actorOf(e, role) >= 0 {
		return
	}
	if id := x.mainOrg(); id >= 0 && !e.hasActor(id) {
		e.actors = append(e.actors, roleRef{id: id, role: role})
		e.fallback = true
	}
}

// confidence scores an event from what supports it.
func (x *extractor) confidence(e *event) float64 {
	c := 0.55
	if e.noun {
		c = 0.45
	}
	if len(e.figs) > 0 {
		c += 0.15
	}
	if e.lead {
		c += 0.1
	}
	if e.date >= 0 && !x.dates[e.date].vague {
		c += 0.05
	}
	if len(e.actors) > 0 && !e.fallback {
		c += 0.05
	}
	if len(e.mentions) > 1 {
		c += 0.05
	}
	if e.hedged {
		c -= 0.2
	}
	c = math.Max(0.05, math.Min(0.95, c))
	return math.Round(c*100) / 100
}

func sortEvents(evs []Event) {
	for i := 1; i < len(evs); i++ {
		for j := i; j > 0 && evs[j].Evidence.Start < evs[j-1].Evidence.Start; j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
		}
	}
}

// containsFold tells whether the folded hashtag holds the actor's key.
func containsFold(tag, key string) bool {
	return len(key) >= 3 && strings.Contains(tag, strings.ReplaceAll(key, " ", ""))
}

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
			if m.negated || (m.hedged && !x.sents[m.sent].headline && !x.confirmedByHeadline(evs, mi, types[mi])) {
				continue // "urged it to cut jobs", "envisagerait de supprimer": not told as fact
			}
			cand := build(mi)
			if m.relative && x.recent(cand.date) && (!m.relPerson || x.withinDays(cand.date, 31)) && x.relativeOnMain(m) {
				m.background = false // "Getaround, qui a réduit ses effectifs au troisième trimestre"
			}
			if m.temporal && x.withinDays(cand.date, 14) && x.dates[cand.date].first > m.head {
				m.background = false // "Après le départ d'Ella Irwin jeudi, c'est au tour de…"
			}
			support := m.flags&fWeak != 0 || m.background || (x.definite(m) && len(cand.figs) == 0)
			if support != (pass == 1) {
				continue
			}
			if target := x.findMergeable(evs, cand, support); target != nil {
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
			if support && !(m.flags&fWeak != 0 && !m.background && !m.hedged && (len(cand.figs) > 0 || sameKind(cand.typ, TypeDeparture) && x.actorOf(cand, RolePerson) >= 0)) {
				continue // a weak noun makes an event of its own with a count or a person: "le départ d'Ella Irwin"
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
		if x.isOldBackground(e) || x.isContext(e, evs) || x.isEarlier(e, evs) || x.isPastReminder(e, evs) {
			continue
		}
		x.fillDefaults(e)
		x.dropSmallCounts(e)
		x.dropRedundantDerived(e)
		x.dropValuation(e)
		out = append(out, x.render(e))
	}
	sortEvents(out)
	return out
}

// relativeOnMain tells whether the relative clause of m hangs on the
// actor the report is about or a person: "Getaround, qui a réduit ses
// effectifs au troisième trimestre" is news of the story; "Métro Média,
// qui a fait faillite en août" in a list of others' cuts is not.
func (x *extractor) relativeOnMain(m *mention) bool {
	if m.relPerson {
		return true
	}
	start := x.clauseStart(m.head)
	for k := m.head - 1; k > start; k-- {
		if x.toks[k].text != "," || !contains(x.markers().relative, x.toks[k+1].fold) {
			continue
		}
		for _, r := range x.refs {
			if r.last == k {
				return r.id == x.mainOrg()
			}
		}
		return !x.toks[k-1].upper // "the planemaker, which…" unresolved: as before
	}
	return true
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

func (x *extractor) actorOf(e *event, role string) int {
	for _, r := range e.actors {
		if r.role == role {
			return r.id
		}
	}
	return -1
}

// findMergeable finds an event the candidate may join.
func (x *extractor) findMergeable(evs []*event, c *event, support bool) *event {
	// Two triggers of one type in one sentence tell one event: "la
	// suppression de 2 300 emplois … dans le cadre d'un plan de départs";
	// not a background one ("… four months after it let go of 11,000").
	cs := x.mentions[c.primary].sent
	for i := len(evs) - 1; i >= 0 && !x.mentions[c.primary].background; i-- {
		e := evs[i]
		if e.typ != c.typ {
			continue
		}
		for _, mi := range e.mentions {
			if x.mentions[mi].sent == cs {
				p, q := x.actorOf(e, RolePerson), x.actorOf(c, RolePerson)
				a, b := x.actorOf(e, RoleAcquirer), x.actorOf(c, RoleAcquirer)
				// "VDL reprend la division autobus, tandis que Schmitz
				// Cargobull rachète l'activité remorques": two buyers, two deals.
				// "Microsoft rejoint la liste des géants qui réduisent la
				// voilure : Amazon a annoncé la suppression de 18 000
				// postes": two employers across a colon, two layoffs.
				u, v := x.actorOf(e, RoleEmployer), x.actorOf(c, RoleEmployer)
				if (p < 0 || q < 0 || p == q) && (a < 0 || b < 0 || a == b || e.noun || c.noun) && (u < 0 || v < 0 || u == v || e.fallback || c.fallback || x.clauseStart(x.mentions[mi].head) == x.clauseStart(x.mentions[c.primary].head)) {
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
		// "Kevin Johnson would step down, the company said on Wednesday" and
		// "Johnson will retire on April 4": one person's one leaving, told
		// when announced and when it takes effect.
		samePerson := x.actorOf(e, RolePerson) >= 0 && x.actorOf(e, RolePerson) == x.actorOf(c, RolePerson)
		if e.date >= 0 && c.date >= 0 && !samePerson {
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
	// A background mention is another, earlier event: its figures are not
	// this one's ("four months after it let go of 11,000 employees").
	if !(support && x.mentions[c.primary].background) {
		for _, fi := range c.figs {
			if !x.hasFigure(e, fi) {
				e.figs = append(e.figs, fi)
			}
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
// gives way to the body's, and so does a headline's rounding ("$36
// billion deal" for "about $35.9 billion").
func (x *extractor) hasFigure(e *event, fi int) bool {
	f := &x.figs[fi]
	for k, g := range e.figs {
		h := &x.figs[g]
		if h.metric == f.metric && (h.v.cmp(f.v) == 0 || rangeBound(h, f) || rangeBound(f, h) || x.headlineRounding(h, f)) && h.unit == f.unit {
			if x.sents[x.sentOf[h.first]].headline && !x.sents[x.sentOf[f.first]].headline {
				e.figs[k] = fi
			}
			return true
		}
	}
	return false
}

// headlineRounding tells whether one of h and f is in the headline and
// rounds the other, told in the body: within 2 % of it.
func (x *extractor) headlineRounding(h, f *figure) bool {
	if x.sents[x.sentOf[h.first]].headline == x.sents[x.sentOf[f.first]].headline {
		return false
	}
	hv, fv := h.v.float(), f.v.float()
	return hv > 0 && fv > 0 && math.Abs(hv-fv) <= 0.02*hv
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

// dropRedundantDerived drops a count derived from a share when the text
// gives the count itself: "about 3,200 jobs, or roughly 6.5% of its 49,100
// employees" says 3,200, not 3,192.
func (x *extractor) dropRedundantDerived(e *event) {
	kept := e.figs[:0]
	for _, fi := range e.figs {
		f := &x.figs[fi]
		redundant := false
		if f.derived != "" {
			for _, gi := range e.figs {
				g := &x.figs[gi]
				if g.derived == "" && g.metric == f.metric && g.unit == f.unit && math.Abs(g.v.float()-f.v.float()) <= 0.05*f.v.float() {
					redundant = true
				}
			}
		}
		if !redundant {
			kept = append(kept, fi)
		}
	}
	e.figs = kept
}

// dropValuation drops the value of the whole company from the purchase of
// a stake that has its own price: "30 % de Valentino pour 1,7 milliard
// d'euros … L'opération valorise Valentino à plus de 5 milliards".
func (x *extractor) dropValuation(e *event) {
	if e.typ != TypeAcquisition {
		return
	}
	stake, deals := false, 0
	for _, fi := range e.figs {
		switch f := &x.figs[fi]; f.metric {
		case MetricStake:
			stake = f.v.float() < 1
		case MetricDealValue:
			deals++
		}
	}
	if !stake || deals < 2 {
		return
	}
	valuing := map[string]bool{"valorise": true, "valorisant": true, "valorisait": true, "valoriserait": true, "values": true, "valuing": true}
	kept := e.figs[:0]
	for _, fi := range e.figs {
		if f := &x.figs[fi]; f.metric == MetricDealValue && x.cueBefore(f.first, 6, valuing) {
			continue
		}
		kept = append(kept, fi)
	}
	e.figs = kept
}

// confirmedByHeadline tells whether mention mi, told with a modal in the
// lead's first paragraph ("un plan qui pourrait entraîner la suppression
// de 9 000 à 14 000 postes"), carries a count of an event the headline
// asserts ("Nokia va supprimer jusqu'à 14 000 emplois"): the same event.
func (x *extractor) confirmedByHeadline(evs []*event, mi int, typ string) bool {
	m := &x.mentions[mi]
	s := x.sents[m.sent]
	if !s.lead || m.sent == 0 || !x.sents[m.sent-1].headline {
		return false
	}
	counted := false
	for k := m.head; k < s.last && k <= m.last+3; k++ {
		if x.valAt[k] >= 0 {
			counted = true
		}
	}
	if !counted {
		return false
	}
	for _, e := range evs {
		if p := &x.mentions[e.primary]; e.typ == typ && x.sents[p.sent].headline && !p.hedged && !p.negated {
			return true
		}
	}
	return false
}

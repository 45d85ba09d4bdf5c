package extract

// What is news and what is reminder: context, history, headline copies.

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
			if e == h || !e.lead || x.sents[x.mentions[e.primary].sent].headline || !sameKind(e.typ, h.typ) || x.conflict(e, h) && !x.sameFigure(e, h) {
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

// sameFigure tells whether two events give one figure (metric, value and
// qualifier): a headline retelling the lead's figure tells its event, even
// when it names a place or a brand for the company ("2,800 job losses at
// Port Talbot" and "Tata Steel confirmed that up to 2,800 jobs will go").
func (x *extractor) sameFigure(a, b *event) bool {
	for _, i := range a.figs {
		for _, j := range b.figs {
			f, g := &x.figs[i], &x.figs[j]
			if f.metric == g.metric && f.unit == g.unit && f.qual == g.qual && f.v.cmp(g.v) == 0 && f.v.float() >= 3 {
				return true
			}
		}
	}
	return false
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
	if m.flags&fNoun == 0 || m.first == 0 || m.capEnd {
		return false // "the liquidation of Jet Airways" names what it tells
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
		if lm := x.mainActorID(l); lm >= 0 && lm != main && !x.refersToEvent(&x.mentions[e.primary], l) {
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

// refersToEvent tells whether the sentence of mention m (past a colon,
// its clause) names one of the
// actors of e: "Microsoft, principal investisseur de la start-up, a
// recruté…" speaks of the same story, "Twitter cut half its staff" in a
// story about Meta does not, nor "Microsoft rejoint la liste : Amazon a
// annoncé la suppression de 18 000 postes".
func (x *extractor) refersToEvent(m *mention, e *event) bool {
	s := x.sents[m.sent]
	cs, ce := s.first, s.last
	if c := x.clauseStart(m.head); c > s.first && x.toks[c-1].text == ":" {
		cs, ce = c, x.clauseEnd(m.head) // a list after a colon speaks of others
	}
	for _, r := range x.refs {
		if r.first >= cs && r.first < ce && e.hasActor(r.id) {
			return true
		}
	}
	return false
}

// isOldBackground tells whether an event outside the lead dates from more
// than a year before publication: a reminder, not news.
func (x *extractor) isOldBackground(e *event) bool {
	if e.date < 0 || !x.hasPub {
		return false
	}
	if e.lead {
		// "Le groupe, né du rachat de Hella par Faurecia en 2022, …": in
		// the lead, an old date dates an aside, unless the headline tells
		// the event.
		hasHeadline := false
		for _, s := range x.sents {
			hasHeadline = hasHeadline || s.headline
		}
		for _, mi := range e.mentions {
			if x.sents[x.mentions[mi].sent].headline {
				return false
			}
		}
		if !hasHeadline || !x.inAside(x.mentions[e.primary].head) {
			return false
		}
	}
	d := x.dates[e.date]
	return d.resolved && d.end.Before(x.pub.AddDate(-1, 0, 0))
}

// isPastReminder tells whether an event outside the lead is dated more
// than three months before publication in a report whose lead tells
// news: "Gelsinger himself was forced out last December", "En novembre
// 2024, la maison mère s'est placée sous la protection…" in a feature on
// this week's cuts are history, whatever their kind.
func (x *extractor) isPastReminder(e *event, evs []*event) bool {
	if e.lead || e.date < 0 || !x.hasPub {
		return false
	}
	d := x.dates[e.date]
	if !d.resolved || d.vague {
		return false
	}
	// "The Ohio-based chain, which filed for bankruptcy … in January,
	// operates…": a dated aside in a relative clause recalls what came
	// before, however recent.
	aside := x.inRelativeAside(x.mentions[e.primary].head) && d.end.Before(x.pub.AddDate(0, 0, -14))
	if !aside && !d.end.Before(x.pub.AddDate(0, -3, 0)) {
		return false
	}
	for _, l := range evs {
		// a feature tells its news late: an event of the last two weeks
		// makes the older ones history too
		if l != e && (l.lead && !x.isOldBackground(l) || x.withinDays(l.date, 14)) {
			return true
		}
	}
	return false
}

// inRelativeAside tells whether token i lies in a relative clause opened
// by a comma and closed by another: ", which filed…, operates", ", qui a
// déposé…, emploie".
func (x *extractor) inRelativeAside(i int) bool {
	if !x.inAside(i) {
		return false
	}
	s := x.sents[x.sentOf[i]]
	for k := i - 1; k > s.first; k-- {
		if x.toks[k].text == "," {
			return k+1 < i && contains(x.markers().relative, x.toks[k+1].fold)
		}
	}
	return false
}

// isEarlier tells whether an event outside the lead is dated as before
// the news ("cut around 250 jobs at Old Trafford earlier this year", "plus
// tôt cette année") in a report whose lead tells something else: a
// reminder, however recent.
func (x *extractor) isEarlier(e *event, evs []*event) bool {
	if e.lead || e.date < 0 {
		return false
	}
	d := x.dates[e.date]
	earlier := false
	for k := d.first; k < d.last; k++ {
		f := x.toks[k].fold
		earlier = earlier || f == "earlier" || f == "tot" && k > d.first && x.toks[k-1].fold == "plus"
	}
	if !earlier {
		return false
	}
	for _, l := range evs {
		if l != e && l.lead {
			return true
		}
	}
	return false
}

// inAside tells whether token i lies between two commas of its sentence
// after the subject: "Le groupe, né du rachat de Hella en 2022, emploie".
func (x *extractor) inAside(i int) bool {
	s := x.sents[x.sentOf[i]]
	open, closed := false, false
	for k := i - 1; k >= s.first; k-- {
		if x.toks[k].text == "," {
			open = true
			break
		}
	}
	for k := i + 1; k < s.last; k++ {
		if x.toks[k].text == "," {
			closed = true
			break
		}
	}
	return open && closed
}

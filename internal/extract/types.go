package extract

// The type of a trigger can depend on its object: a layoff verb with an
// executive as object is a dismissal.

// resolveTypes settles the type of each mention: a layoff verb with a
// person or an executive as object is a dismissal.
func (x *extractor) resolveTypes() []string {
	types := make([]string, len(x.mentions))
	for mi := range x.mentions {
		m := &x.mentions[mi]
		types[mi] = m.typ
		if m.typ == TypeDeparture && m.capEnd && x.personAt(m.last-1) {
			m.negated = true // "leaving co-founder Marc Benioff as the sole chief executive"
			continue
		}
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
	// "se séparer d'environ 12 % de ses salariés": the match holds its object.
	for k := m.head + 1; k < m.last; k++ {
		if t := x.toks[k]; x.valAt[k] >= 0 && x.vals[x.valAt[k]].kind != vMoney || personUnits[t.fold] || workforceNouns[t.fold] {
			return "staff"
		}
	}
	for k := m.last; k < end && k < m.last+7; k++ {
		t := x.toks[k]
		if execTitles[t.fold] {
			return KindPerson // "fired its top executives"
		}
		if vi := x.valAt[k]; vi >= 0 && x.vals[vi].kind != vMoney || personUnits[t.fold] || workforceNouns[t.fold] {
			return "staff" // not an amount: "terminate their $20 billion merger agreement"
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

// personAt tells whether a person's name starts at token i.
func (x *extractor) personAt(i int) bool {
	for _, r := range x.refs {
		if r.first == i && !r.descriptor && x.actors[r.id].kind() == KindPerson {
			return true
		}
	}
	return false
}

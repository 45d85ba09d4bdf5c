package extract

import "strings"

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
		// "The Round Rock, Texas-based company": a place of origin before
		// the noun.
		from := i + 1
		if toks[i].fold == "the" {
			for q := i + 1; q < i+7 && q < len(toks) && toks[q].space < spLine && (toks[q].kind == tkWord || toks[q].text == ","); q++ {
				if strings.HasSuffix(toks[q].fold, "-based") || strings.HasSuffix(toks[q].fold, "-headquartered") {
					from = q + 1
					break
				}
			}
		}
		// up to two adjectives before the noun in English ("the tech giant")
		for k := from; k <= from+2 && k < len(toks); k++ {
			t := toks[k]
			if t.kind != tkWord || t.upper || t.space >= spLine {
				break
			}
			isOrg, isPerson := orgNouns[t.fold], personNouns[t.fold]
			if !isOrg && !isPerson {
				continue
			}
			end := k + 1
			if x.lang == French && end < len(toks) && toks[end].kind == tkWord && !toks[end].upper && !commonCaps[toks[end].fold] &&
				!frVerbs[toks[end].fold] && toks[end].space < spLine {
				end++ // "groupe californien", "réseau social"
			}
			// Followed by a name: an apposition, not a descriptor ("le PDG
			// Elon Musk", "l'éditeur de jeux vidéo Activision Blizzard").
			named := false
			for q := end; q < end+5 && q < len(toks) && toks[q].space < spLine && toks[q].kind == tkWord; q++ {
				if isNameToken(toks[q]) && !commonCaps[toks[q].fold] {
					named = gazette().kind[toks[q].fold] != "place" // "le groupe en France" is no apposition
					break
				}
				if contains([]string{"en", "a", "au", "aux", "dans", "sur", "pour", "in", "at", "on", "for", "with", "avec"}, toks[q].fold) {
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
	// Same sentence: its subject, the first actor of that kind.
	if from == 0 {
		s := x.sents[si]
		for _, r := range x.refs {
			if !r.descriptor && r.first >= s.first && r.first < i && x.actors[r.id].kind() == kind {
				return r.id
			}
		}
	}
	// The sentences before: the most salient actor of that kind they name.
	best := -1
	for back := 1; back <= 3 && si-back >= 0; back++ {
		s := x.sents[si-back]
		for _, r := range x.refs {
			if r.descriptor || r.first < s.first || r.first >= s.last || x.actors[r.id].kind() != kind {
				continue
			}
			if best < 0 || x.actors[r.id].salience > x.actors[best].salience {
				best = r.id
			}
		}
	}
	if best >= 0 {
		return best
	}
	return x.mostSalient(kind)
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

// frVerbs are verbs that follow a subject noun: never its adjective.
var frVerbs = wordSet(`va vont doit doivent peut peuvent veut veulent devrait devraient pourrait pourraient est sont
etait etaient sera seront fait font a ont avait avaient se s' ne n' compte emploie prevoit annonce`)

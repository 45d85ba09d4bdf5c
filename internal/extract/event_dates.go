package extract

// mentionDate picks the date of a mention: the nearest date of its
// clause, else of its sentence when no other trigger shares it. A
// deadline ("d'ici la fin de 2027", "by 2026") is no date of the event.
func (x *extractor) mentionDate(m *mention) int {
	cs, ce := x.clauseStart(m.head), x.clauseEnd(m.head)
	best, bestD := -1, 1<<30
	for di, d := range x.dates {
		if d.first < cs || d.last > ce || d.deadline || x.inOtherRelative(d.first, m.head) {
			continue
		}
		dist := m.first - d.last
		if d.first >= m.last {
			dist = d.first - m.last
		}
		if d.vague {
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
	// "X, which had…", and "Y, a Nestle veteran who has run its coffee
	// unit since last year,": a relative pronoun after the comma.
	first := x.sents[x.sentOf[i]].first
	for k := i - 1; k >= first && k >= i-12; k-- {
		if x.isComma(k) {
			for j := k + 1; j < i && j <= k+6; j++ {
				if contains([]string{"which", "who", "qui", "dont", "where", "ou"}, x.toks[j].fold) {
					return true
				}
			}
			return false
		}
	}
	return false
}

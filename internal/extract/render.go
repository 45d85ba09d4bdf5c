package extract

import (
	"encoding/json"
	"strings"
)

// span quotes tokens [first, last).
func (x *extractor) span(first, last int) Span {
	return Span{Text: x.spanText(first, last), Start: x.toks[first].start, End: x.toks[last-1].end}
}

// render turns an assembled event into its output form.
func (x *extractor) render(e *event) Event {
	m := &x.mentions[e.primary]
	s := x.sents[m.sent]
	out := Event{
		Type:       e.typ,
		Actors:     []Actor{},
		Figures:    []Figure{},
		Evidence:   x.span(s.first, s.last),
		Confidence: x.confidence(e),
	}
	for _, mi := range e.mentions {
		mm := &x.mentions[mi]
		out.Mentions = append(out.Mentions, x.span(mm.first, mm.last))
	}
	for _, r := range e.actors {
		a := &x.actors[r.id]
		out.Actors = append(out.Actors, Actor{Name: a.name, Kind: a.kind(), Role: r.role, Key: a.key, Aliases: a.aliases})
	}
	for _, fi := range e.figs {
		f := &x.figs[fi]
		sp := x.span(f.first, f.last)
		fig := Figure{
			Metric: f.metric, Value: json.Number(f.v.String()), Unit: f.unit, Qualifier: f.qual,
			Derived: f.derived, Text: sp.Text, Start: sp.Start, End: sp.End,
		}
		if f.qual == QualRange {
			fig.Low, fig.High = json.Number(f.low.String()), json.Number(f.high.String())
		}
		out.Figures = append(out.Figures, fig)
	}
	if e.date >= 0 {
		d := x.dates[e.date]
		out.Date = &Date{Precision: d.prec, Text: x.spanText(d.first, d.last)}
		if d.resolved {
			out.Date.Start, out.Date.End = isoDay(d.start), isoDay(d.end)
		}
	} else if x.hasPub {
		// No date in the text: the event is news as of publication.
		out.Date = &Date{Start: isoDay(x.pub), End: isoDay(x.pub), Precision: PrecisionWeek}
	}
	out.Title = x.title(out)
	return out
}

func actorNamed(ev Event, role string) string {
	for _, a := range ev.Actors {
		if a.Role == role {
			return a.Name
		}
	}
	return ""
}

// title writes a short title in the language of the text.
func (x *extractor) title(ev Event) string {
	count := ""
	for _, f := range ev.Figures {
		if f.Metric == MetricEmployeesAffected {
			count = x.formatCount(f)
			break
		}
	}
	emp := actorNamed(ev, RoleEmployer)
	person := actorNamed(ev, RolePerson)
	subject := actorNamed(ev, RoleSubject)
	fr := x.lang == French
	pick := func(frS, enS string) string {
		if fr {
			return frS
		}
		return enS
	}
	join := func(parts ...string) string {
		return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
	}
	at := func(name string) string {
		if name == "" {
			return ""
		}
		return pick("chez "+name, "at "+name)
	}
	switch ev.Type {
	case TypeLayoff:
		if count != "" {
			return join(pick("Licenciement "+de(count)+" salariés", "Layoff of "+count+" employees"), at(emp))
		}
		return join(pick("Licenciements", "Layoffs"), at(emp))
	case TypeResignation, TypeDeparture:
		verbFr, verbEn := "Démission", "Resignation"
		if ev.Type == TypeDeparture {
			verbFr, verbEn = "Départ", "Departure"
		}
		switch {
		case person != "":
			return join(pick(verbFr+" "+de(person), verbEn+" of "+person), pick(orEmpty("(", emp, ")"), orEmpty("(", emp, ")")))
		case count != "":
			return join(pick(verbFr+"s "+de(count)+" salariés", verbEn+"s of "+count+" employees"), at(emp))
		}
		return join(pick(verbFr+"s", verbEn+"s"), at(emp))
	case TypeDismissal:
		return join(pick("Éviction", "Dismissal"), pick(de(person), orEmpty("of ", person, "")), at(emp))
	case TypeAppointment:
		return join(pick("Nomination", "Appointment"), pick(de(person), orEmpty("of ", person, "")), at(emp))
	case TypeAcquisition:
		tgt, acq := actorNamed(ev, RoleTarget), actorNamed(ev, RoleAcquirer)
		return join(pick("Rachat", "Acquisition"), pick(de(tgt), orEmpty("of ", tgt, "")), pick(orEmpty("par ", acq, ""), orEmpty("by ", acq, "")))
	case TypeUltimatum:
		dm := actorNamed(ev, RoleDecisionMaker)
		return join(pick("Ultimatum", "Ultimatum"), pick(de(dm), orEmpty("from ", dm, "")), pick(orEmpty("aux salariés ", de(emp), ""), orEmpty("to the staff of ", emp, "")))
	case TypeClosure:
		return join(pick("Fermeture", "Closure"), at(subject))
	case TypeBankruptcy:
		return join(pick("Faillite", "Bankruptcy"), pick(de(subject), orEmpty("of ", subject, "")))
	case TypeSocialMediaTrend:
		tag := ""
		for _, sp := range ev.Mentions {
			if strings.HasPrefix(sp.Text, "#") {
				tag = sp.Text
				break
			}
		}
		return join(pick("Tendance "+tag+" sur les réseaux sociaux", tag+" trends on social media"))
	}
	return ev.Type
}

func orEmpty(prefix, s, suffix string) string {
	if s == "" {
		return ""
	}
	return prefix + s + suffix
}

// formatCount writes a count the way the language does: "3 750", "3,750",
// with its qualifier.
func (x *extractor) formatCount(f Figure) string {
	s := string(f.Value)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = s[:i]
	}
	sep := ","
	if x.lang == French {
		sep = "\u202f"
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	n := b.String()
	q := map[string][2]string{
		QualApproximate: {"environ ", "about "},
		QualAtLeast:     {"au moins ", "at least "},
		QualAtMost:      {"au plus ", "up to "},
	}[f.Qualifier]
	if x.lang == French {
		return q[0] + n
	}
	return q[1] + n
}

// de writes the French "de" before a word, elided before a vowel.
func de(s string) string {
	if s == "" {
		return ""
	}
	switch s[0] {
	case 'a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U':
		return "d'" + s
	}
	return "de " + s
}

package extract

import "time"

// relative date phrases and how they resolve.
type relKind uint8

const (
	relDay relKind = iota
	relThisWeek
	relLastWeek
	relNextWeek
	relEarlierWeek
	relRecentDays
	relThisMonth
	relLastMonth
	relNextMonth
	relEarlierMonth
	relRecentWeeks
	relRecentMonths
	relThisYear
	relLastYear
	relNextYear
	relEarlierYear
	relRecent
	relComingDays
	relComingWeeks
	relComingMonths
)

var relativePhrases = []struct {
	words string
	kind  relKind
	days  int
}{
	{"avant-hier", relDay, -2}, {"hier", relDay, -1}, {"aujourd'hui", relDay, 0}, {"apres-demain", relDay, 2},
	{"demain", relDay, 1}, {"ce matin", relDay, 0}, {"cet apres-midi", relDay, 0}, {"ce soir", relDay, 0},
	{"cette nuit", relDay, 0}, {"yesterday", relDay, -1}, {"today", relDay, 0}, {"tomorrow", relDay, 1},
	{"tonight", relDay, 0}, {"this morning", relDay, 0}, {"this afternoon", relDay, 0}, {"this evening", relDay, 0},
	{"last night", relDay, -1},
	{"plus tot cette semaine", relEarlierWeek, 0}, {"earlier this week", relEarlierWeek, 0},
	{"cette semaine", relThisWeek, 0}, {"this week", relThisWeek, 0},
	{"la semaine derniere", relLastWeek, 0}, {"la semaine passee", relLastWeek, 0}, {"last week", relLastWeek, 0},
	{"la semaine prochaine", relNextWeek, 0}, {"next week", relNextWeek, 0},
	{"ces derniers jours", relRecentDays, 0}, {"in recent days", relRecentDays, 0}, {"over the past few days", relRecentDays, 0},
	{"plus tot ce mois-ci", relEarlierMonth, 0}, {"earlier this month", relEarlierMonth, 0},
	{"ce mois-ci", relThisMonth, 0}, {"this month", relThisMonth, 0},
	{"le mois dernier", relLastMonth, 0}, {"le mois passe", relLastMonth, 0}, {"last month", relLastMonth, 0},
	{"le mois prochain", relNextMonth, 0}, {"next month", relNextMonth, 0},
	{"ces dernieres semaines", relRecentWeeks, 0}, {"in recent weeks", relRecentWeeks, 0},
	{"over the past few weeks", relRecentWeeks, 0}, {"in the past few weeks", relRecentWeeks, 0},
	{"ces derniers mois", relRecentMonths, 0}, {"in recent months", relRecentMonths, 0},
	{"over the past few months", relRecentMonths, 0}, {"in the past few months", relRecentMonths, 0},
	{"plus tot cette annee", relEarlierYear, 0}, {"earlier this year", relEarlierYear, 0},
	{"depuis le debut de l' annee", relEarlierYear, 0}, {"since the start of the year", relEarlierYear, 0},
	{"since the beginning of the year", relEarlierYear, 0},
	{"cette annee", relThisYear, 0}, {"this year", relThisYear, 0},
	{"l' an dernier", relLastYear, 0}, {"l' annee derniere", relLastYear, 0}, {"l' an passe", relLastYear, 0},
	{"l' annee passee", relLastYear, 0}, {"last year", relLastYear, 0},
	{"l' an prochain", relNextYear, 0}, {"l' annee prochaine", relNextYear, 0}, {"next year", relNextYear, 0},
	{"recemment", relRecent, 0}, {"recently", relRecent, 0}, {"dernierement", relRecent, 0}, {"lately", relRecent, 0},
	{"dans les prochains jours", relComingDays, 0}, {"in the coming days", relComingDays, 0},
	{"dans les jours a venir", relComingDays, 0}, {"in the next few days", relComingDays, 0},
	{"dans les prochaines semaines", relComingWeeks, 0}, {"in the coming weeks", relComingWeeks, 0},
	{"dans les semaines a venir", relComingWeeks, 0}, {"in the next few weeks", relComingWeeks, 0},
	{"dans les prochains mois", relComingMonths, 0}, {"in the coming months", relComingMonths, 0},
	{"dans les mois a venir", relComingMonths, 0}, {"in the next few months", relComingMonths, 0},
}

// dateRelative reads the fixed relative phrases above.
func (x *extractor) dateRelative(i int) (dateVal, bool) {
	if id, k := x.match(tables().relatives, i); id >= 0 {
		p := relativePhrases[id]
		v := dateVal{first: i, last: k}
		p0 := x.pub
		var s, e time.Time
		switch p.kind {
		case relDay:
			v.prec = PrecisionDay
			s = p0.AddDate(0, 0, p.days)
			e = s
		case relThisWeek:
			v.prec = PrecisionWeek
			s, e = weekRange(p0)
		case relLastWeek:
			v.prec = PrecisionWeek
			s, e = weekRange(p0.AddDate(0, 0, -7))
		case relNextWeek:
			v.prec = PrecisionWeek
			s, e = weekRange(p0.AddDate(0, 0, 7))
		case relEarlierWeek:
			v.prec = PrecisionWeek
			s, _ = weekRange(p0)
			e = p0
		case relRecentDays:
			v.prec = PrecisionWeek
			s, e = p0.AddDate(0, 0, -7), p0
		case relThisMonth:
			v.prec = PrecisionMonth
			s, e = monthRange(p0.Year(), p0.Month())
		case relLastMonth:
			v.prec = PrecisionMonth
			l := p0.AddDate(0, 0, -p0.Day())
			s, e = monthRange(l.Year(), l.Month())
		case relNextMonth:
			v.prec = PrecisionMonth
			n := day(p0.Year(), p0.Month(), 1).AddDate(0, 1, 0)
			s, e = monthRange(n.Year(), n.Month())
		case relEarlierMonth:
			v.prec = PrecisionMonth
			s, e = day(p0.Year(), p0.Month(), 1), p0
		case relRecentWeeks:
			v.prec, v.vague = PrecisionMonth, true
			s, e = p0.AddDate(0, -1, 0), p0
		case relRecentMonths:
			v.prec, v.vague = PrecisionQuarter, true
			s, e = p0.AddDate(0, -3, 0), p0
		case relThisYear:
			v.prec = PrecisionYear
			s, e = yearRange(p0.Year())
		case relLastYear:
			v.prec = PrecisionYear
			s, e = yearRange(p0.Year() - 1)
		case relNextYear:
			v.prec = PrecisionYear
			s, e = yearRange(p0.Year() + 1)
		case relEarlierYear:
			v.prec = PrecisionYear
			s, e = day(p0.Year(), 1, 1), p0
		case relRecent:
			v.prec, v.vague = PrecisionMonth, true
			s, e = p0.AddDate(0, -1, 0), p0
		case relComingDays:
			v.prec, v.vague = PrecisionWeek, true
			s, e = p0, p0.AddDate(0, 0, 7)
		case relComingWeeks:
			v.prec, v.vague = PrecisionMonth, true
			s, e = p0, p0.AddDate(0, 1, 0)
		case relComingMonths:
			v.prec, v.vague = PrecisionQuarter, true
			s, e = p0, p0.AddDate(0, 3, 0)
		}
		if x.hasPub {
			v.start, v.end, v.resolved = s, e, true
		}
		return v, true
	}
	return dateVal{}, false
}

// dateWeekday reads "mercredi", "mercredi dernier", "ce lundi", "on
// Wednesday", "last Friday", "next Monday". A bare weekday is the last one
// on or before publication, or the next one in a sentence about the future.
func (x *extractor) dateWeekday(i int) (dateVal, bool) {
	j := i
	dir := 0
	switch x.at(i, i) {
	case "last":
		dir, j = -1, i+1
	case "next":
		dir, j = 1, i+1
	case "ce", "this":
		j = i + 1
	}
	wd, ok := weekdays[x.at(i, j)]
	if !ok {
		return dateVal{}, false
	}
	if x.lang == English && !x.toks[j].upper {
		return dateVal{}, false
	}
	k := j + 1
	switch x.at(i, k) {
	case "dernier":
		dir, k = -1, k+1
	case "prochain":
		dir, k = 1, k+1
	}
	v := dateVal{first: i, last: k, prec: PrecisionDay}
	if !x.hasPub {
		return v, true
	}
	if dir == 0 && x.future(i) {
		dir = 2 // the coming one, today included
	}
	pw := x.pub.Weekday()
	var t time.Time
	switch dir {
	case 1:
		d := (int(wd) - int(pw) + 7) % 7
		if d == 0 {
			d = 7
		}
		t = x.pub.AddDate(0, 0, d)
	case 2:
		t = x.pub.AddDate(0, 0, (int(wd)-int(pw)+7)%7)
	case -1:
		d := (int(pw) - int(wd) + 7) % 7
		if d == 0 {
			d = 7
		}
		t = x.pub.AddDate(0, 0, -d)
	default:
		t = x.pub.AddDate(0, 0, -((int(pw) - int(wd) + 7) % 7))
	}
	v.start, v.end, v.resolved = t, t, true
	return v, true
}

// yearContext are the words after which a bare four-digit number is a year.
var yearContext = map[string]bool{
	"recently": true, "as": true,
	"en": true, "in": true, "depuis": true, "since": true, "ici": true, "by": true, "until": true, "of": true,
	"jusqu'": true, "annee": true, "year": true, "de": true, "from": true, "during": true, "for": true,
	"through": true, "fin": true, "debut": true, "avant": true, "apres": true, "before": true, "after": true,
	"courant": true, "mi": true, "exercice": true, "fiscal": true, "et": true, "and": true, "to": true, "a": true,
}

// yearNouns are events a year placed before them dates: "the 2021
// merger", "its 2023 layoffs".
var yearNouns = wordSet(`merger mergers acquisition acquisitions takeover deal buyout spinoff spin-off layoffs ipo restructuring bankruptcy`)

// yearBeforeNoun tells whether the year [i, k) stands between a
// determiner and an event noun: "the 2021 merger of Fiat Chrysler and PSA".
func (x *extractor) yearBeforeNoun(i, k int) bool {
	switch x.toks[i-1].fold {
	case "the", "its", "their", "his", "her":
	default:
		return false
	}
	return k < len(x.toks) && yearNouns[x.toks[k].fold]
}

// dateYear reads a year after a preposition: "en 2021", "in 2021", "depuis
// 2019", "d'ici 2025".
func (x *extractor) dateYear(i int) (dateVal, bool) {
	y, k, ok := x.yearNum(i)
	if !ok || i == 0 || !yearContext[x.toks[i-1].fold] && !x.yearBeforeNoun(i, k) {
		return dateVal{}, false
	}
	// "de 2019" only as "de 2019 à 2022"; "de 2 000 salariés" is no year.
	if x.toks[i-1].fold == "de" && x.at(i, k) != "a" && x.at(i, k) != "et" {
		return dateVal{}, false
	}
	s, e := yearRange(y)
	return dateVal{first: i, last: k, start: s, end: e, prec: PrecisionYear, resolved: true}, true
}

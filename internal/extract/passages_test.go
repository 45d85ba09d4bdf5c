package extract

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The passages in testdata/passages are news-style texts written for these
// tests, each with a .want file listing the events and figures a careful
// reader finds in it:
//
//	published 2023-01-20
//	event layoff main=Alphabet date=2023-01-20
//	figure layoff employees_affected 12000 person exact
//
// An event matches a produced event of its type having an actor named
// main; a date matches when it falls in the produced range. A figure
// matches a figure of a produced event of its type with the same metric,
// value and unit; its qualifier is scored apart.

type wantEvent struct{ typ, main, date string }

type wantFigure struct {
	typ, metric, unit, qual string
	value                   float64
}

type passage struct {
	name, text, published string
	events                []wantEvent
	figures               []wantFigure
}

func loadPassages(t *testing.T, dir string) []passage {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no passages: %v", err)
	}
	var out []passage
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ps := passage{name: strings.TrimSuffix(filepath.Base(p), ".txt"), text: string(text)}
		f, err := os.Open(strings.TrimSuffix(p, ".txt") + ".want")
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) == 0 {
				continue
			}
			switch fields[0] {
			case "published":
				ps.published = fields[1]
			case "event":
				e := wantEvent{typ: fields[1]}
				rest := strings.Join(fields[2:], " ")
				if i := strings.Index(rest, "date="); i >= 0 {
					e.date = strings.TrimSpace(rest[i+5:])
					rest = rest[:i]
				}
				e.main = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), "main="))
				ps.events = append(ps.events, e)
			case "figure":
				v, err := strconv.ParseFloat(fields[3], 64)
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				ps.figures = append(ps.figures, wantFigure{typ: fields[1], metric: fields[2], value: v, unit: fields[4], qual: fields[5]})
			default:
				t.Fatalf("%s: bad line %q", p, sc.Text())
			}
		}
		f.Close()
		out = append(out, ps)
	}
	return out
}

// score counts what matched.
type score struct {
	events, eventsWant, eventsGot, dates, datesWant int
	figures, figuresWant, figuresGot, quals         int
}

func (s *score) add(o score) {
	s.events += o.events
	s.eventsWant += o.eventsWant
	s.eventsGot += o.eventsGot
	s.dates += o.dates
	s.datesWant += o.datesWant
	s.figures += o.figures
	s.figuresWant += o.figuresWant
	s.figuresGot += o.figuresGot
	s.quals += o.quals
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func hasActorNamed(e Event, name string) bool {
	if name == "" {
		return true
	}
	k := NameKey(name)
	for _, a := range e.Actors {
		ak := NameKey(a.Name)
		if ak == k || strings.Contains(ak, k) || strings.Contains(k, ak) {
			return true
		}
	}
	return false
}

func scorePassage(t *testing.T, ps passage, r Result) score {
	var s score
	s.eventsWant, s.eventsGot = len(ps.events), len(r.Events)
	s.figuresWant = len(ps.figures)
	for _, e := range r.Events {
		s.figuresGot += len(e.Figures)
	}
	used := make([]bool, len(r.Events))
	for _, w := range ps.events {
		found := false
		for i, e := range r.Events {
			if used[i] || e.Type != w.typ || !hasActorNamed(e, w.main) {
				continue
			}
			used[i], found = true, true
			s.events++
			if w.date != "" {
				s.datesWant++
				if e.Date != nil && e.Date.Start <= w.date && w.date <= e.Date.End {
					s.dates++
				} else {
					t.Logf("%s: %s date %+v, want %s", ps.name, w.typ, e.Date, w.date)
				}
			}
			break
		}
		if !found {
			t.Logf("%s: missed event %s %s", ps.name, w.typ, w.main)
		}
	}
	for i, e := range r.Events {
		if !used[i] {
			t.Logf("%s: extra event %s %q (%s)", ps.name, e.Type, e.Title, e.Evidence.Text)
		}
	}
	taken := map[*Figure]bool{}
	for _, w := range ps.figures {
		found := false
		for ei := range r.Events {
			e := &r.Events[ei]
			for fi := range e.Figures {
				f := &e.Figures[fi]
				v, _ := f.Value.Float64()
				if taken[f] || e.Type != w.typ || f.Metric != w.metric || f.Unit != w.unit || math.Abs(v-w.value) > 1e-6*math.Max(1, w.value) {
					continue
				}
				taken[f], found = true, true
				s.figures++
				if f.Qualifier == w.qual {
					s.quals++
				} else {
					t.Logf("%s: %s %s qualifier %s, want %s", ps.name, w.typ, w.metric, f.Qualifier, w.qual)
				}
				break
			}
			if found {
				break
			}
		}
		if !found {
			t.Logf("%s: missed figure %s %s %v %s", ps.name, w.typ, w.metric, w.value, w.unit)
		}
	}
	for _, e := range r.Events {
		for fi := range e.Figures {
			if f := &e.Figures[fi]; !taken[f] {
				t.Logf("%s: extra figure %s %s %s %s %q", ps.name, e.Type, f.Metric, f.Value, f.Unit, f.Text)
			}
		}
	}
	return s
}

// TestPassages measures precision and recall of events and figures on the
// passages the rules were developed on, by language, and holds them above
// a floor.
func TestPassages(t *testing.T) { measure(t, "passages", 0.95) }

// TestHoldout does the same on passages written after the first rules.
// Measured once before any rule was tuned on them, they gave events P 0.90
// R 1.00 and figures P 0.89 R 0.80 in English, events P 0.67 R 0.89 and
// figures P 0.80 R 0.80 in French; the rules they exposed were fixed since.
func TestHoldout(t *testing.T) { measure(t, "holdout", 0.95) }

// TestHoldout2 is a third set, longer texts, written after the rules
// above. Measured once before tuning: events P 0.57 R 0.50 and figures P
// 0.75 R 0.75 in English, events P 0.75 R 0.75 and figures P 0.86 R 1.00
// in French. Where a headline and the body give one figure, the body's
// qualified figure ("plus de 11 000") is the one kept.
func TestHoldout2(t *testing.T) { measure(t, "holdout2", 0.9) }

// TestHoldout3 has four long articles with background paragraphs, written
// after the rules above. Measured once before tuning: events P 0.50 R 0.67
// and figures P 0.80 R 1.00 in English, events P 0.75 R 0.50 and figures P
// 0.67 R 0.50 in French.
func TestHoldout3(t *testing.T) { measure(t, "holdout3", 0.95) }

// TestHoldout4 is a fifth set, written after all the rules above.
// Measured once before tuning: events P 0.50 R 0.50 and figures P 0.86 R
// 1.00 in English, events P 0.40 R 0.50 and figures P 1.00 R 1.00 in
// French (an event counts only with its main actor right).
func TestHoldout4(t *testing.T) { measure(t, "holdout4", 0.95) }

// TestHoldout5 is a sixth set, written after all the rules above.
// Measured once before tuning: events P 0.50 R 0.75 and figures P 0.86 R
// 1.00 in English, events P 0.80 R 1.00 and figures P 0.80 R 1.00 in
// French.
func TestHoldout5(t *testing.T) { measure(t, "holdout5", 0.95) }

// TestHoldout6 is a seventh set, written after all the rules above.
// Measured once before tuning: events P 0.50 R 0.60 and figures P 0.75 R
// 0.60 in English, events P 0.50 R 0.67 and figures P 0.75 R 0.75 in
// French.
func TestHoldout6(t *testing.T) { measure(t, "holdout6", 0.95) }

// TestHoldout7 is the last set, written at the end. Measured once before
// tuning: events P 1.00 R 1.00 and figures P 1.00 R 1.00 in English,
// events P 0.60 R 0.75 and figures P 1.00 R 1.00 in French (one text is
// a correction that undoes a closure; "rejoint Renault" is read by no rule).
func TestHoldout7(t *testing.T) { measure(t, "holdout7", 0.75) }

// TestHoldout8 is on the seed's story (Twitter, autumn 2022), written
// last. Measured once before tuning: events P 0.75 R 1.00 and figures P
// 0.75 R 1.00 in English, events P 0.50 R 0.67 and figures P 0.50 R 0.67
// in French.
func TestHoldout8(t *testing.T) { measure(t, "holdout8", 0.95) }

// TestHoldout9 is the ninth set, written last. Measured once before
// tuning: events P 1.00 R 1.00 and figures P 0.33 R 1.00 in English,
// events P 1.00 R 0.75 and figures P 1.00 R 0.80 in French.
func TestHoldout9(t *testing.T) { measure(t, "holdout9", 0.95) }

func measure(t *testing.T, dir string, floor float64) {
	byLang := map[string]*score{"fr": {}, "en": {}}
	for _, ps := range loadPassages(t, dir) {
		r := mustExtract(t, ps.text, "auto", ps.published)
		lang := ps.name[:2]
		if r.Language != lang {
			t.Errorf("%s: language %s", ps.name, r.Language)
		}
		byLang[lang].add(scorePassage(t, ps, r))
	}
	var all score
	for _, lang := range []string{"en", "fr"} {
		s := byLang[lang]
		all.add(*s)
		t.Logf("%s %s: events P %.2f R %.2f (%d/%d/%d), dates %d/%d; figures P %.2f R %.2f (%d/%d/%d), qualifiers %d/%d",
			dir, lang, ratio(s.events, s.eventsGot), ratio(s.events, s.eventsWant), s.events, s.eventsGot, s.eventsWant,
			s.dates, s.datesWant, ratio(s.figures, s.figuresGot), ratio(s.figures, s.figuresWant),
			s.figures, s.figuresGot, s.figuresWant, s.quals, s.figures)
	}
	for name, v := range map[string]float64{
		"event precision": ratio(all.events, all.eventsGot), "event recall": ratio(all.events, all.eventsWant),
		"figure precision": ratio(all.figures, all.figuresGot), "figure recall": ratio(all.figures, all.figuresWant),
	} {
		if v < floor {
			t.Errorf("%s: %s %.2f below %.2f", dir, name, v, floor)
		}
	}
}

// TestHoldout10 is the tenth set, written last: sixteen wire and press
// style texts with background rounds, rumours, a denial, pluperfects and
// francs, pounds and "$35bn". Measured once before tuning: events P 0.78 R
// 0.70 and figures P 0.64 R 0.82 in English, events P 0.64 R 0.78 and
// figures P 0.67 R 1.00 in French. The rules they exposed were fixed
// since (all four at 1.00 after).
func TestHoldout10(t *testing.T) { measure(t, "holdout10", 0.95) }

// TestHoldout11 is the eleventh set, written last: eighteen texts from
// the Belgian, Swiss, Québec and African French press and UK, US, Indian
// and Australian English, with a takeover and its job cuts, revised
// counts, rupees in crore, pence, Swiss thousands, a union's figures
// against the company's and background rounds. Measured once before
// tuning: events P 0.44 R 0.73 and figures P 0.50 R 0.46 in English,
// events P 0.46 R 0.38 and figures P 0.80 R 0.67 in French. After the
// rules they exposed: events P 0.77 R 0.91 and figures P 0.75 R 0.92 in
// English, events P 0.72 R 0.81 and figures P 1.00 R 0.94 in French
// (figures R 1.00 once CFA francs were read: XOF, XAF by the countries).
// What is left: "nouvel ensemble" for the buyer (But/Conforama), a
// takeover told from the target's side with a possessive buyer (Royal
// Mail), a headline pairing a
// dismissal with its successor, and two curations that differ from the
// earlier sets' conventions (a job count of a closure told as
// "eliminating N jobs", "quittera ses fonctions" as a departure).
func TestHoldout11(t *testing.T) { measure(t, "holdout11", 0.7) }

// TestHoldout12 is the twelfth set, written last: eighteen texts on
// banks, airlines, retail chains, carmakers, a public broadcaster, pharma,
// football clubs, a startup and mining, from the Québec, Belgian, Swiss,
// Cameroonian and Malian French press and US, UK, Indian and Australian
// English, full of what makes false events: background rounds, old deals,
// analysts' "could", "n'exclut pas", denials, union demands, court
// rulings and other companies' news for comparison. Measured once before
// tuning: events P 0.54 R 0.58 and figures P 0.71 R 0.67 in English,
// events P 0.50 R 0.56 and figures P 0.80 R 0.57 in French. After the
// rules they exposed: events P 0.85 R 0.92 and figures P 0.86 R 0.80 in
// English, events P 0.90 R 1.00 and figures P 1.00 R 0.71 in French
// (R 0.79 once CFA francs were read). What is left: figures told of a
// descriptor the rules do not resolve ("The third-largest U.S. lender,
// which had around 240,000 employees", "La société d'État compte…"), a
// deal value told after the target's acronym in parentheses, a country
// breakdown of a cut ("About 2,900 positions will go in Germany"), a
// second, agreed purchase of sites with no named target, and "step back
// … and become chairman" read as an appointment where the curation says
// departure.
func TestHoldout12(t *testing.T) { measure(t, "holdout12", 0.75) }

// TestHoldout13 is the thirteenth set, written last: twenty texts on the
// tech and business stories of 2022–2025 as the mainstream press told
// them (layoffs at Microsoft, Dell, Zoom, Amazon, Meta, SAP, Nokia; deals
// for Wiz, Informatica, WNS, Juniper and X; Adobe/Figma and Nvidia/Arm
// called off; a fundraising that is no acquisition; CEO exits at Unity,
// Atos, Arm and X). Measured once before tuning: events P 0.62 R 0.91 and
// figures P 0.75 R 0.79 in English, events P 0.64 R 0.64 and figures P
// 0.69 R 0.69 in French. After the rules they exposed: events P 0.71 R
// 0.91 and figures P 0.79 R 0.79 in English, events P 0.91 R 0.91 and
// figures P 0.79 R 0.69 in French. After the next round's general rules
// (a headline's short name is the lede's long one, old forecasts, "days
// later" background, headcounts "as of" a date and of a "-based company",
// French ranges with a modal, restructurings of N jobs): events P 1.00 R
// 0.91 and figures P 0.94 R 0.89 in English, events P 1.00 R 1.00 and
// figures P 0.94 R 1.00 in French. What is left: the acquirer's own
// valuation taken as the deal value, "X, a board member, has been named
// chair" missed, and undated appointments of the lead not given its day.
func TestHoldout13(t *testing.T) { measure(t, "holdout13", 0.7) }

// TestHoldout14 is the fourteenth set, written last: sixteen wire and
// press texts on tech, industry and retail (UPS, 3M, Mars/Kellanova,
// Boeing, a rejected Seven & i proposal, IBM's AI hiring pause, Tavares,
// Walgreens; ExxonMobil, Nestlé, Alstom/Bombardier, Ledger, Bombardier,
// a SFR rumour, Vivendi/Lagardère, Bpost), four of them with no event at
// all (a rejected bid, a forecast, a rumour) or with background rounds,
// denials and comparisons. Measured once before tuning: events P 0.42 R
// 0.83 and figures P 0.60 R 0.67 in English, events P 0.57 R 0.80 and
// figures P 0.64 R 0.78 in French. After the rules they exposed: events P
// 0.56 R 0.83 and figures P 0.67 R 0.67 in English, events P 0.67 R 0.80
// and figures P 0.80 R 0.89 in French. The next round read a name opening
// with digits ("3M") and dropped the wire agency of a dateline, the product
// of "Pringles maker Kellanova", a lone name told before a full name ending
// in it (Lagardère), deals told only "selon plusieurs médias" with a
// conditional, "the 2021 merger", deadlines as dates, counts told "in
// addition to" the news, "$35.9 billion including debt" and headline
// roundings, "suppression de 1 000 équivalents temps plein", "hiring …
// such as" as no "hiring … as": events P 1.00 R 1.00 and figures P 0.89 R
// 0.89 in English, events P 0.82 R 0.90 and figures P 0.90 R 1.00 in
// French. What is left: a departure "en remplacement d'X, qui
// quittera ses fonctions" read as a resignation, a sale "céder à Alstom sa
// division … et à Airbus sa participation" giving Airbus as target, a
// headcount of a site's workers taken for the layoff's, a savings figure
// and a network count of stores missed or misread, and an undated
// appointment not given the lead's day.
func TestHoldout14(t *testing.T) { measure(t, "holdout14", 0.8) }

// TestHoldout15 is the fifteenth set, written last: twelve texts on tech
// and industry stories of 2024–2025 (CrowdStrike, Nike, IBM/HashiCorp,
// Joann, Peloton and Intel features; STMicroelectronics, Worldline,
// Sanofi/Blueprint, Vetropack, Umicore, a Northvolt Québec feature).
// Three are features whose news comes late after background rounds,
// exits and bankruptcies. Measured once before tuning: events P 0.46 R
// 0.86 and figures P 0.67 R 0.80 in English, events P 0.57 R 0.50 and
// figures P 0.86 R 0.75 in French. After the rules they exposed (events
// dated over three months back outside the lead are history when newer
// news is told, Québec "mettre à pied", "told" as a past verb for a bare
// weekday, more given names, "le départ de son directeur général X"
// without a comma, "administrateur délégué", "assurera l'intérim", a
// capitalised sector before "firm" and a name, dated relative asides,
// "quelques jours plus tard" after an old date in the sentence before):
// events P 1.00 R 1.00 and figures P 1.00 R 0.80 in English, events P
// 1.00 R 1.00 and figures P 0.89 R 1.00 in French. What is left: a
// store count in "close all of its roughly 800 stores" and a headcount
// "The company has about 2,900 employees" missed, a second per-share sum
// (a contingent value right) taken as the price, a successor's start
// date given the predecessor's, and qualifiers of "or 5%" after "about
// 500", "quelque 180" and "pouvant atteindre".
func TestHoldout15(t *testing.T) { measure(t, "holdout15", 0.8) }

// TestHoldout16 is the sixteenth set, written last: ten texts on tech and
// business stories of 2024–2025 (Match Group, Unilever, International
// Paper/DS Smith, Grangemouth, Chegg; Airbus, Nissan, Orange/MasOrange,
// Jennyfer, Veepee) with workforce shares, successors, prices in pounds
// and euros, closures and approximation markers. Measured once before
// tuning: events P 1.00 R 0.62 and figures P 1.00 R 0.89 in English, events
// P 0.75 R 1.00 and figures P 0.80 R 0.80 in French. After the rules they
// exposed ("would succeed him" for the successor, "pouvant atteindre" as at
// most, a share restating an approximate count "about 500 jobs, or 5%" as
// approximate): events P 1.00 R 0.75 in English, the rest unchanged. What
// is left: "be replaced by" a person, a closure told "would close the X
// refinery", a liquidation read as a bankruptcy beside the closure (a
// curation question) and its job count read as a layoff, "environ 300
// postes" taken as a headcount, a stake "les 50 % qu'il ne détenait pas".
func TestHoldout16(t *testing.T) { measure(t, "holdout16", 0.75) }

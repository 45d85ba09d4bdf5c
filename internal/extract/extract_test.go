package extract

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustExtract(t testing.TB, text, lang, pub string) Result {
	t.Helper()
	var p time.Time
	if pub != "" {
		var err error
		if p, err = time.Parse("2006-01-02", pub); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Extract(text, Options{Language: lang, Published: p})
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, text, r)
	return r
}

// checkSpans holds every quote to its offsets: the runes [start, end) of the
// input are the quoted text.
func checkSpans(t testing.TB, text string, r Result) {
	t.Helper()
	rs := []rune(text)
	check := func(what, quote string, start, end int) {
		if start < 0 || end > len(rs) || start >= end || string(rs[start:end]) != quote {
			t.Errorf("%s span [%d,%d) = %q, want %q", what, start, end, safeSlice(rs, start, end), quote)
		}
	}
	for _, e := range r.Events {
		check(e.Type+" evidence", e.Evidence.Text, e.Evidence.Start, e.Evidence.End)
		for _, f := range e.Figures {
			check(e.Type+" figure "+f.Metric, f.Text, f.Start, f.End)
			if f.Start < e.Evidence.Start-2000 {
				t.Errorf("figure %q far from its evidence", f.Text)
			}
		}
	}
}

func safeSlice(rs []rune, a, b int) string {
	if a < 0 || b > len(rs) || a > b {
		return "<out of range>"
	}
	return string(rs[a:b])
}

// findEvent returns the events of a type.
func findEvents(r Result, typ string) []Event {
	var out []Event
	for _, e := range r.Events {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

func figureOf(e Event, metric string) (Figure, bool) {
	for _, f := range e.Figures {
		if f.Metric == metric {
			return f, true
		}
	}
	return Figure{}, false
}

func actorIn(e Event, name, role string) bool {
	for _, a := range e.Actors {
		if a.Name == name && a.Role == role {
			return true
		}
	}
	return false
}

// The seed article: every claim of the design must come out, each on its
// own event.
func TestSeedArticle(t *testing.T) {
	r := mustExtract(t, readTestdata(t, "seed_fr_twitter.txt"), "auto", "2022-11-18")
	if r.Language != "fr" || r.Published != "2022-11-18" {
		t.Errorf("language %q published %q", r.Language, r.Published)
	}
	one := func(typ string) Event {
		t.Helper()
		evs := findEvents(r, typ)
		if len(evs) != 1 {
			t.Fatalf("%d %s events, want 1: %+v", len(evs), typ, evs)
		}
		return evs[0]
	}
	wantFigure := func(e Event, metric, value, unit, qual, derived, text string) {
		t.Helper()
		f, ok := figureOf(e, metric)
		if !ok {
			t.Errorf("%s: no %s figure in %+v", e.Type, metric, e.Figures)
			return
		}
		if string(f.Value) != value || f.Unit != unit || f.Qualifier != qual || f.Derived != derived || f.Text != text {
			t.Errorf("%s %s: got %s %s %s derived %q text %q, want %s %s %s derived %q text %q", e.Type, metric,
				f.Value, f.Unit, f.Qualifier, f.Derived, f.Text, value, unit, qual, derived, text)
		}
	}
	wantDate := func(e Event, start, end, prec string) {
		t.Helper()
		if e.Date == nil || e.Date.Start != start || e.Date.End != end || e.Date.Precision != prec {
			t.Errorf("%s date %+v, want %s..%s %s", e.Type, e.Date, start, end, prec)
		}
	}

	res := one(TypeResignation)
	wantFigure(res, MetricEmployeesAffected, "700", UnitPerson, QualExact, "", "700 salariés")
	wantDate(res, "2022-06-21", "2022-09-22", PrecisionSeason)
	if !actorIn(res, "Twitter", RoleEmployer) || actorIn(res, "Elon Musk", RolePerson) {
		t.Errorf("resignation actors %+v", res.Actors)
	}
	if len(res.Figures) != 1 {
		t.Errorf("resignation figures %+v", res.Figures)
	}

	lay := one(TypeLayoff)
	wantFigure(lay, MetricHeadcount, "7500", UnitPerson, QualExact, "", "7.500 employés")
	wantFigure(lay, MetricEmployeesAffected, "3750", UnitPerson, QualApproximate, "0.5 * 7500", "la moitié des 7.500 employés")
	wantDate(lay, "2022-11-04", "2022-11-04", PrecisionWeek)
	if !actorIn(lay, "Twitter", RoleEmployer) || !actorIn(lay, "Elon Musk", RoleDecisionMaker) {
		t.Errorf("layoff actors %+v", lay.Actors)
	}

	acq := one(TypeAcquisition)
	wantFigure(acq, MetricDealValue, "44000000000", "USD", QualExact, "", "44 milliards de dollars")
	wantFigure(acq, MetricPersonalContribution, "27000000000", "USD", QualExact, "", "27 milliards de dollars")
	if !actorIn(acq, "Elon Musk", RoleAcquirer) || !actorIn(acq, "Twitter", RoleTarget) {
		t.Errorf("acquisition actors %+v", acq.Actors)
	}

	dep := one(TypeDeparture)
	wantFigure(dep, MetricEmployeesAffected, "200", UnitPerson, QualAtLeast, "", "plusieurs centaines")

	trend := one(TypeSocialMediaTrend)
	wantFigure(trend, MetricMentions, "650000", UnitTweet, QualAtLeast, "", "Plus de 650.000 tweets")
	if !actorIn(trend, "Twitter", RoleSubject) || actorIn(trend, "Mastodon", RoleSubject) {
		t.Errorf("trend actors %+v", trend.Actors)
	}

	ult := one(TypeUltimatum)
	wantDate(ult, "2022-11-16", "2022-11-16", PrecisionDay)
	if !actorIn(ult, "Elon Musk", RoleDecisionMaker) {
		t.Errorf("ultimatum actors %+v", ult.Actors)
	}
	one(TypeClosure)

	// Only these seven events: the conditional bankruptcy, the hypothetical
	// "jeter l'éponge" and the advertisers fleeing are no events.
	if len(r.Events) != 7 {
		for _, e := range r.Events {
			t.Logf("%s: %s", e.Type, e.Evidence.Text)
		}
		t.Errorf("%d events, want 7", len(r.Events))
	}
}

// The JSON has exactly the fields of the design's "Extraction output".
func TestJSONShape(t *testing.T) {
	r := mustExtract(t, readTestdata(t, "seed_fr_twitter.txt"), "fr", "2022-11-18")
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Language  string                       `json:"language"`
		Published string                       `json:"published"`
		Events    []map[string]json.RawMessage `json:"events"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]json.RawMessage) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	wantEvent := []string{"actors", "confidence", "date", "evidence", "figures", "title", "type"}
	for _, e := range doc.Events {
		if got := keys(e); !slices.Equal(got, wantEvent) {
			t.Errorf("event keys %v, want %v", got, wantEvent)
		}
		var figs []map[string]json.RawMessage
		if err := json.Unmarshal(e["figures"], &figs); err != nil {
			t.Fatal(err)
		}
		for _, f := range figs {
			for _, k := range keys(f) {
				if !slices.Contains([]string{"metric", "value", "unit", "qualifier", "low", "high", "derived", "text", "start", "end"}, k) {
					t.Errorf("unexpected figure key %q", k)
				}
			}
			if v := string(f["value"]); strings.ContainsAny(v, `"eE`) {
				t.Errorf("value %s is not a plain number", v)
			}
		}
	}
	if !strings.Contains(string(b), `"value":44000000000,`) {
		t.Errorf("44 milliards not written as a plain number")
	}
}

func TestOptions(t *testing.T) {
	_, err := Extract("x", Options{Language: "de"})
	var le *ErrLanguage
	if !errors.As(err, &le) {
		t.Errorf("Language de: err %v, want ErrLanguage", err)
	}
	for _, lang := range []string{"", "auto", "fr", "en", "FR"} {
		if _, err := Extract("x", Options{Language: lang}); err != nil {
			t.Errorf("Language %q: %v", lang, err)
		}
	}
	r, err := Extract("", Options{})
	if err != nil || r.Events == nil || len(r.Events) != 0 {
		t.Errorf("empty text: %+v %v", r, err)
	}
}

// Without a publication date relative dates keep their text and precision
// and have no range; the result has no "published".
func TestNoPublicationDate(t *testing.T) {
	r := mustExtract(t, readTestdata(t, "seed_fr_twitter.txt"), "fr", "")
	if r.Published != "" {
		t.Errorf("published %q", r.Published)
	}
	lay := findEvents(r, TypeLayoff)
	if len(lay) != 1 || lay[0].Date == nil || lay[0].Date.Start != "" || lay[0].Date.Precision != PrecisionWeek || lay[0].Date.Text != "Il y a deux semaines" {
		t.Errorf("layoff date without publication date: %+v", lay)
	}
}

func TestDetectLanguage(t *testing.T) {
	if r := mustExtract(t, "Meta said on Wednesday it would lay off 11,000 employees, about 13% of its workforce.", "", ""); r.Language != "en" {
		t.Errorf("got %s", r.Language)
	}
	if r := mustExtract(t, "Le groupe a annoncé la suppression de 400 postes dans ses usines.", "", ""); r.Language != "fr" {
		t.Errorf("got %s", r.Language)
	}
}

func TestNameKey(t *testing.T) {
	for in, want := range map[string]string{
		"Twitter, Inc.": "twitter", "Société Générale": "societe generale", "the Walt Disney Company": "walt disney company",
		"L’Oréal": "l oreal", "Groupe Renault": "renault",
	} {
		if got := NameKey(in); got != want {
			t.Errorf("NameKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDetectLanguageShortLines: a line too short for function words is
// French when a word carries a French accent.
func TestDetectLanguageShortLines(t *testing.T) {
	for text, want := range map[string]string{
		"Acme a licencié 120 salariés mardi.":  French,
		"Acme cut 120 jobs on Tuesday.":        English,
		"Zoë Café Inc. laid off 40 employees.": English,
	} {
		res, err := Extract(text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Language != want {
			t.Errorf("%q: language %s, want %s", text, res.Language, want)
		}
	}
}

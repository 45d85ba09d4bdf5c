package gen

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"testing"

	"github.com/newsevents/newsevents/internal/model"
)

func collect(t *testing.T, cfg Config, batch int) ([]model.CorpusActor, []model.CorpusArticle, []model.CorpusEvent) {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var (
		arts []model.CorpusArticle
		evs  []model.CorpusEvent
	)
	for b := range c.Batches(batch) {
		if len(b.Events) > batch {
			t.Fatalf("batch of %d events, want at most %d", len(b.Events), batch)
		}
		arts = append(arts, b.Articles...)
		evs = append(evs, b.Events...)
	}
	return c.Actors(), arts, evs
}

func digest(t *testing.T, v ...any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func TestDeterministic(t *testing.T) {
	cfg := Config{Events: 1500, Seed: 42}
	a1, r1, e1 := collect(t, cfg, 1000)
	a2, r2, e2 := collect(t, cfg, 7) // batching must not change the records
	if got, want := digest(t, a2, r2, e2), digest(t, a1, r1, e1); got != want {
		t.Fatalf("same seed, different corpus: %s != %s", got, want)
	}
	cfg.Seed = 43
	a3, r3, e3 := collect(t, cfg, 1000)
	if digest(t, a3, r3, e3) == digest(t, a1, r1, e1) {
		t.Fatal("seeds 42 and 43 gave the same corpus")
	}
}

// unitKinds and metricKinds are copied from migrations/00002_vocabularies.sql: a figure's unit
// must be of the kind its metric measures.
var (
	unitKinds = map[string]string{"person": "count", "ratio": "ratio", "tweet": "count", "post": "count",
		"site": "count", "day": "duration", "USD": "currency", "EUR": "currency", "GBP": "currency",
		"JPY": "currency", "CHF": "currency", "CNY": "currency", "CAD": "currency", "INR": "currency",
		"SEK": "currency", "BRL": "currency"}
	metricKinds = map[string]string{"employees_affected": "count", "workforce_share": "ratio", "headcount": "count",
		"deal_value": "currency", "personal_contribution": "currency", "funds_raised": "currency", "mentions": "count",
		"sites_affected": "count", "amount": "currency", "stake": "ratio", "duration": "duration"}
)

func TestRecordsHoldTogether(t *testing.T) {
	const n = 3000
	cfg := Config{Events: n, Seed: 7, FirstActorID: 100, FirstEventID: 1000, FirstArticleID: 50, FirstFigureID: 9}
	actors, arts, evs := collect(t, cfg, 500)
	if len(evs) != n || len(arts) != n {
		t.Fatalf("%d events, %d articles; want %d of each", len(evs), len(arts), n)
	}
	if got, want := len(actors), 150; got != want { // events/20, at least 50
		t.Fatalf("%d actors, want %d", got, want)
	}
	actorIDs := map[int64]bool{}
	slugs := map[string]bool{}
	for i, a := range actors {
		if a.ID != 100+int64(i) {
			t.Fatalf("actor %d has id %d", i, a.ID)
		}
		if slugs[a.Slug] {
			t.Fatalf("slug %q twice", a.Slug)
		}
		slugs[a.Slug] = true
		actorIDs[a.ID] = true
	}
	bodies := map[int64][]rune{}
	urls := map[string]bool{}
	langs := map[string]int{}
	for i, a := range arts {
		if a.ID != 50+int64(i) {
			t.Fatalf("article %d has id %d", i, a.ID)
		}
		if urls[a.URL] {
			t.Fatalf("url %q twice", a.URL)
		}
		urls[a.URL] = true
		bodies[a.ID] = []rune(a.Body)
		langs[a.Language]++
		if a.RetrievedAt.Before(a.PublishedAt) {
			t.Fatalf("article %d retrieved before it was published", a.ID)
		}
	}
	if langs["en"] < n/2 || langs["fr"] < n/10 {
		t.Fatalf("languages %v: want mostly English, some French", langs)
	}
	quoted := func(what string, article int64, text string, start, end int32) {
		t.Helper()
		body, ok := bodies[article]
		if !ok {
			t.Fatalf("%s cites article %d, which is not in the corpus", what, article)
		}
		if start < 0 || end < start || int(end) > len(body) || string(body[start:end]) != text {
			t.Fatalf("%s: %q is not at %d..%d of article %d", what, text, start, end, article)
		}
	}
	types := map[string]int{}
	perActor := map[int64]int{}
	nextFigure := int64(9)
	first, last := model.NewDate(2005, 1, 1), model.NewDate(2024, 12, 31)
	for i, e := range evs {
		if e.ID != 1000+int64(i) {
			t.Fatalf("event %d has id %d", i, e.ID)
		}
		types[e.Type]++
		if e.DateEnd.Before(e.DateStart) || e.DateStart.Before(first) || last.Before(e.DateEnd) {
			t.Fatalf("event %d: dates %s..%s out of order or outside %s..%s", e.ID, e.DateStart, e.DateEnd, first, last)
		}
		if e.Title == "" || e.Summary == "" || e.DateText == "" {
			t.Fatalf("event %d: empty title, summary or date text: %+v", e.ID, e)
		}
		if len(e.Figures) < 2 || len(e.Figures) > 4 {
			t.Fatalf("event %d has %d figures, want 2 to 4", e.ID, len(e.Figures))
		}
		if len(e.Sources) < 1 || len(e.Sources) > 3 {
			t.Fatalf("event %d has %d sources, want 1 to 3", e.ID, len(e.Sources))
		}
		if len(e.Actors) == 0 {
			t.Fatalf("event %d has no actor", e.ID)
		}
		for _, a := range e.Actors {
			if !actorIDs[a.ActorID] {
				t.Fatalf("event %d names actor %d, which is not in the corpus", e.ID, a.ActorID)
			}
			perActor[a.ActorID]++
		}
		for _, s := range e.Sources {
			quoted("source", s.ArticleID, s.Quote, s.Start, s.End)
		}
		for _, f := range e.Figures {
			if f.ID != nextFigure {
				t.Fatalf("figure id %d, want %d", f.ID, nextFigure)
			}
			nextFigure++
			quoted("figure", f.ArticleID, f.Text, f.Start, f.End)
			if metricKinds[f.Metric] == "" || metricKinds[f.Metric] != unitKinds[f.Unit] {
				t.Fatalf("figure %d: unit %s does not fit metric %s", f.ID, f.Unit, f.Metric)
			}
			if f.Qualifier == "range" && (f.Low == nil || f.High == nil || *f.Low > *f.High) {
				t.Fatalf("figure %d: range without bounds", f.ID)
			}
		}
		if e.MergedInto != nil && (*e.MergedInto >= e.ID || *e.MergedInto < 1000) {
			t.Fatalf("event %d merged into %d, which is not an earlier event", e.ID, *e.MergedInto)
		}
		for _, l := range e.Links {
			if l.ToEventID >= e.ID || l.ToEventID < 1000 {
				t.Fatalf("event %d links to %d, which is not an earlier event", e.ID, l.ToEventID)
			}
		}
		if e.UpdatedAt.Before(e.CreatedAt) {
			t.Fatalf("event %d updated before it was created", e.ID)
		}
	}

	// Skewed types: layoffs lead, and the rarest types are rare.
	if types["layoff"] < n/5 || types["layoff"] < 2*types["appointment"] {
		t.Errorf("type counts %v: layoffs should lead", types)
	}
	// Skewed actors: the busiest actor is in many more events than the median one.
	counts := make([]int, 0, len(perActor))
	for _, c := range perActor {
		counts = append(counts, c)
	}
	slices.Sort(counts)
	if top, median := counts[len(counts)-1], counts[len(counts)/2]; top < 10*median {
		t.Errorf("busiest actor in %d events, median %d: want a skewed distribution", top, median)
	}
}

func TestRejectsBadConfig(t *testing.T) {
	if _, err := New(Config{Events: 0}); err == nil {
		t.Error("0 events accepted")
	}
	if _, err := New(Config{Events: 10, Actors: 3}); err == nil {
		t.Error("3 actors accepted")
	}
}

func TestFormats(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{formatInt(7500, "en"), "7,500"},
		{formatInt(1234567, "fr"), "1\u00a0234\u00a0567"},
		{formatMoney(44e9, "USD", "en"), "$44 billion"},
		{formatMoney(44e9, "USD", "fr"), "44 milliards de dollars"},
		{formatMoney(1.5e6, "EUR", "fr"), "1,5 million d’euros"},
		{formatMoney(850_000, "CHF", "en"), "850,000 Swiss francs"},
		{formatPercent(0.08, "fr"), "8\u00a0%"},
		{slugify("Santé Wexelle SA"), "sante-wexelle-sa"},
		{dateText(model.NewDate(2022, 11, 4).Time(), "week", "fr"), "la semaine du 4 novembre 2022"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

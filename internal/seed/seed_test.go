package seed_test

import (
	"context"
	"testing"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/seed"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// TestDemoOffsets holds every quote of the dataset to its offsets in the article body.
func TestDemoOffsets(t *testing.T) {
	d, err := seed.Demo()
	if err != nil {
		t.Fatal(err)
	}
	body := []rune(d.Article.Body)
	check := func(what string, text string, start, end int) {
		t.Helper()
		if start < 0 || end > len(body) || start > end {
			t.Errorf("%s: offsets [%d,%d) outside the body (%d code points)", what, start, end, len(body))
			return
		}
		if got := string(body[start:end]); got != text {
			t.Errorf("%s: body[%d:%d] = %q, want %q", what, start, end, got, text)
		}
	}
	for _, e := range d.Events {
		check(e.Key+" evidence", e.Evidence.Text, e.Evidence.Start, e.Evidence.End)
		for _, f := range e.Figures {
			check(e.Key+" "+f.Metric, f.Text, f.Start, f.End)
		}
	}
}

func TestLoadIsIdempotent(t *testing.T) {
	ctx := context.Background()
	st := store.New(testdb.New(t))
	d, err := seed.Demo()
	if err != nil {
		t.Fatal(err)
	}
	first, err := seed.Load(ctx, st, d)
	if err != nil {
		t.Fatal(err)
	}
	want := seed.Result{Articles: 1, Actors: len(d.Actors), Events: len(d.Events), Links: len(d.Links)}
	if first != want {
		t.Fatalf("first load added %+v, want %+v", first, want)
	}
	second, err := seed.Load(ctx, st, d)
	if err != nil {
		t.Fatal(err)
	}
	if second != (seed.Result{}) {
		t.Fatalf("second load added %+v, want nothing", second)
	}

	// The seed's headline facts are stored as the article reports them.
	from, to := model.NewDate(2022, 6, 1), model.NewDate(2022, 11, 30)
	page, err := st.ListEvents(ctx, store.EventFilter{From: &from, To: &to, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != len(d.Events) {
		t.Fatalf("listed %d events, want %d", len(page.Events), len(d.Events))
	}
	figures := map[string]model.Figure{}
	for _, e := range page.Events {
		detail, err := st.GetEvent(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(detail.Sources) != 1 || detail.Sources[0].Evidence == nil {
			t.Errorf("event %q: sources %+v, want the article with evidence", e.Title, detail.Sources)
		}
		for _, f := range detail.Figures {
			figures[e.Type+"/"+f.Metric] = f
		}
	}
	for key, want := range map[string]float64{
		"resignation/employees_affected":    700,
		"acquisition/deal_value":            44e9,
		"acquisition/personal_contribution": 27e9,
		"layoff/headcount":                  7500,
		"layoff/employees_affected":         3750,
		"departure/employees_affected":      200,
		"social_media_trend/mentions":       650000,
	} {
		f, ok := figures[key]
		if !ok {
			t.Errorf("no %s figure", key)
			continue
		}
		if f.Value != want || !f.Canonical {
			t.Errorf("%s = %v (canonical %v), want %v", key, f.Value, f.Canonical, want)
		}
	}
	if f := figures["layoff/employees_affected"]; f.Derived != "0.5 * 7500" || f.Qualifier != "approximate" {
		t.Errorf("layoff employees_affected: derived %q qualifier %q", f.Derived, f.Qualifier)
	}
	if f := figures["departure/employees_affected"]; f.Qualifier != "at_least" {
		t.Errorf("departure wave qualifier %q, want at_least", f.Qualifier)
	}
}

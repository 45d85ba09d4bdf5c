package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/newsevents/newsevents/internal/extract"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

// TestExtractCodesInVocabulary holds the database vocabularies to extract.Codes: every code the
// extractor may write must be storable, so an extracted event never fails for want of a code.
// Open vocabularies (tables) are read from the database; closed ones (CHECK constraints) are
// checked against the model's lists and then written, one event carrying every value.
func TestExtractCodesInVocabulary(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := store.New(testdb.New(t))
	voc, err := st.VocabularyCodes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	codes := extract.Codes()
	for _, c := range codes.EventTypes {
		if !voc.EventTypes[c] {
			t.Errorf("event type %q (extract.Codes) is not in event_types", c)
		}
	}
	for _, c := range codes.Metrics {
		if _, ok := voc.Metrics[c]; !ok {
			t.Errorf("metric %q (extract.Codes) is not in metrics", c)
		}
	}
	for _, c := range codes.Roles {
		if !voc.Roles[c] {
			t.Errorf("role %q (extract.Codes) is not in actor_roles", c)
		}
	}
	// Units: the extractor's count words and ratio, and every currency it recognises, each of
	// the kind the extractor means.
	wantKind := map[string]string{
		extract.UnitPerson: "count", extract.UnitTweet: "count", extract.UnitPost: "count",
		extract.UnitSite: "count", extract.UnitRatio: "ratio",
	}
	for _, c := range codes.Units {
		want, ok := wantKind[c]
		if !ok {
			t.Errorf("unit %q (extract.Codes) is new to this test: say which kind it is", c)
			continue
		}
		if got, ok := voc.Units[c]; !ok || got != want {
			t.Errorf("unit %q: in the database %q (present %v), want kind %s", c, got, ok, want)
		}
	}
	for _, c := range codes.Currencies {
		if got, ok := voc.Units[c]; !ok || got != "currency" {
			t.Errorf("currency %q (extract.Codes): in units %v, kind %q; want a currency unit", c, ok, got)
		}
	}
	closed := []struct {
		name      string
		got, want []string
	}{
		{"qualifier", codes.Qualifiers, model.Qualifiers},
		{"date precision", codes.Precisions, model.DatePrecisions},
		{"actor kind", codes.Kinds, model.ActorKinds},
	}
	for _, c := range closed {
		for _, code := range c.got {
			if !slices.Contains(c.want, code) {
				t.Errorf("%s %q (extract.Codes) is not one of %v", c.name, code, c.want)
			}
		}
	}

	// The CHECK constraints accept the closed codes: one actor per kind, one event per
	// precision, with a figure per qualifier.
	var refs []model.ActorRef
	for _, k := range codes.Kinds {
		refs = append(refs, model.ActorRef{Name: "Drift " + k, Kind: k})
	}
	ids, err := st.CreateActors(ctx, refs, false)
	if err != nil {
		t.Fatalf("create an actor of each kind %v: %v", codes.Kinds, err)
	}
	var docs []model.EventInput
	for i, p := range codes.Precisions {
		d, err := model.ParseDate("2024-01-01")
		if err != nil {
			t.Fatal(err)
		}
		doc := model.EventInput{Type: extract.TypeLayoff, Title: "Drift " + p, DateStart: d, DateEnd: d, DatePrecision: p}
		for j, role := range codes.Roles {
			id := ids[(i+j)%len(ids)]
			doc.Actors = append(doc.Actors, model.ActorRef{ID: &id, Role: role})
		}
		for _, q := range codes.Qualifiers {
			lo, hi := 10.0, 20.0
			doc.Figures = append(doc.Figures, model.FigureInput{Metric: extract.MetricEmployeesAffected, Value: 15, Unit: extract.UnitPerson, Qualifier: q, Low: &lo, High: &hi})
		}
		docs = append(docs, doc)
	}
	res, err := st.SaveEvents(ctx, docs, store.SaveOptions{Mode: store.SaveCreate})
	if err != nil {
		t.Fatalf("save events with every precision, role and qualifier: %v", err)
	}
	for i, r := range res {
		if r.Err != nil || r.Action != store.ActionCreated {
			t.Errorf("event with precision %s: %s, %v", codes.Precisions[i], r.Action, r.Err)
		}
	}
}

package store_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/gen"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// TestDatePagesMatchThePlainQuery holds the span-class query of date listings to the plain
// overlap query it replaces, on a generated corpus, page after page, both orders.
func TestDatePagesMatchThePlainQuery(t *testing.T) {
	ctx := context.Background()
	pool := testdb.New(t)
	c, err := gen.New(gen.Config{Events: 3000, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(pool)
	if _, err := st.LoadCorpus(ctx, store.CorpusLoad{Actors: c.Actors(), Batches: c.Batches(500)}); err != nil {
		t.Fatal(err)
	}
	// Events longer than a year (class 5) are not in the corpus: add some.
	if _, err := pool.Exec(ctx, `UPDATE events SET date_end = date_start + 800 WHERE id % 97 = 0`); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 60 {
		from := model.NewDate(2005+r.IntN(20), time.Month(1+r.IntN(12)), 1+r.IntN(28))
		to := from.AddDays(r.IntN(400))
		f := store.EventFilter{From: &from, Limit: 1 + r.IntN(60)}
		if i%3 > 0 {
			f.To = &to
		}
		if i%4 == 1 {
			f.Types = []string{"layoff", "acquisition"}
		}
		order := "date_start, id"
		if i%2 == 1 {
			f.Sort, order = store.SortDateDesc, "date_start DESC, id DESC"
		}
		sql := `SELECT id FROM events WHERE status <> 'retracted' AND merged_into IS NULL AND date_end >= $1
			AND ($2::date IS NULL OR date_start <= $2) AND ($3::text[] IS NULL OR type = ANY($3)) ORDER BY ` + order
		var toArg *model.Date
		if f.To != nil {
			toArg = f.To
		}
		var types []string
		if f.Types != nil {
			types = f.Types
		}
		rows, err := pool.Query(ctx, sql, from, toArg, types)
		if err != nil {
			t.Fatal(err)
		}
		var want []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			want = append(want, id)
		}
		rows.Close()
		var got []int64
		for page := 0; ; page++ {
			p, err := st.ListEvents(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range p.Events {
				got = append(got, e.ID)
			}
			if p.Next == nil || page > 5000 {
				break
			}
			f.After = p.Next
		}
		if !slices.Equal(got, want) {
			t.Fatalf("case %d (%+v): %d events, want %d\ngot  %v\nwant %v", i, f, len(got), len(want), head(got), head(want))
		}
	}
}

func head(ids []int64) []int64 { return ids[:min(len(ids), 20)] }

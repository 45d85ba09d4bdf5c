package main

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/bench"
	"github.com/newsevents/newsevents/internal/gen"
	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// TestHarnessSmoke runs the whole harness small: a generated corpus, the workload drawn
// through the API, the SQL of each URL recorded, the floor replaying it and wrk loading the API.
func TestHarnessSmoke(t *testing.T) {
	ctx := context.Background()
	cfg, err := pgxpool.ParseConfig(testdb.NewURL(t))
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxConns = 4
	cfg.ConnConfig.Tracer = bench.Recorder{}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	const events = 400
	c, err := gen.New(gen.Config{Events: events, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(pool)
	if _, err := st.LoadCorpus(ctx, store.CorpusLoad{Actors: c.Actors(), Batches: c.Batches(100)}); err != nil {
		t.Fatal(err)
	}
	api := httptest.NewServer(httpapi.NewServer(slog.New(slog.DiscardHandler), st, httpapi.DefaultOptions()))
	defer api.Close()

	first, last := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	queries, err := bench.Workload(ctx, api.URL, events, 6, 1, first, last)
	if err != nil {
		t.Fatal(err)
	}
	if len(queries) != 7 {
		t.Fatalf("%d queries, want 7", len(queries))
	}
	stmts, err := capture(ctx, pool, queries) // fails on any non-200 answer
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range queries {
		if len(q.Paths) != 6 || len(stmts[i]) != 6 {
			t.Fatalf("%s: %d paths, %d recorded requests; want 6 of each", q.Name, len(q.Paths), len(stmts[i]))
		}
		for k, s := range stmts[i] {
			if len(s) == 0 {
				t.Fatalf("%s: no SQL recorded for %s", q.Name, q.Paths[k])
			}
		}
		r, err := bench.RunSQL(ctx, pool, stmts[i], 2, 150*time.Millisecond)
		if err != nil {
			t.Fatalf("%s: %v", q.Name, err)
		}
		if r.Requests == 0 || r.Errors != 0 || r.P50 <= 0 || r.P99 < r.P50 {
			t.Errorf("%s floor: %+v", q.Name, r)
		}
	}
	// An event's detail is one batch of four statements: recorded as one, replayed as one.
	if byID := stmts[len(stmts)-1][0]; len(byID) != 4 || byID[0].Batch == 0 || byID[3].Batch != byID[0].Batch {
		t.Errorf("event by id recorded as %+v; want one batch of 4 statements", byID)
	}
	t.Run("wrk", func(t *testing.T) {
		if _, err := exec.LookPath("wrk"); err != nil {
			if os.Getenv("NEWSEVENTS_REQUIRE_WRK") != "" {
				t.Fatal("wrk is not installed (Debian: apt-get install wrk) and NEWSEVENTS_REQUIRE_WRK is set")
			}
			t.Skip("wrk is not installed (Debian: apt-get install wrk): the load-tool part is skipped")
		}
		w := bench.Wrk{Dir: t.TempDir(), Threads: 1}
		r, err := w.Run(ctx, api.URL, queries[0].Paths, 2, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if r.Requests == 0 || r.Errors != 0 {
			t.Errorf("wrk against the API: %+v", r)
		}
	})
}

func TestSelectQueries(t *testing.T) {
	qs := []bench.Query{{Name: bench.QueryByDate}, {Name: bench.QueryByActor}, {Name: bench.QueryEventByID}}
	got := selectQueries(qs, "actor,by id")
	if len(got) != 2 || got[0].Name != bench.QueryByActor || got[1].Name != bench.QueryEventByID {
		t.Errorf("got %v", got)
	}
	if len(selectQueries(qs, "")) != 3 {
		t.Error("an empty selection must keep every query")
	}
}

package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/seed"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

// TestAcquireTimeoutReleases runs every kind of statement (single rows, row sets, batches,
// transactions committed and rolled back, snapshots) through a store with an acquire timeout
// on a pool of ONE connection, several times over: a connection not given back would make
// the next call fail, and the pool must end with nothing acquired.
func TestAcquireTimeoutReleases(t *testing.T) {
	ctx := context.Background()
	pool, err := database.Open(ctx, testdb.NewURL(t), database.PoolOptions{MaxConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if pool.Stat().AcquiredConns() == 0 { // Close would wait for a leaked connection forever
			pool.Close()
		}
	}()
	st := store.New(pool, store.AcquireTimeout(5*time.Second))
	d, err := seed.Demo()
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("roll back")
	for round := range 3 {
		if _, err := seed.Load(ctx, st, d); err != nil {
			t.Fatalf("round %d: seed: %v", round, err)
		}
		page, err := st.ListEvents(ctx, store.EventFilter{Limit: 5})
		if err != nil || len(page.Events) == 0 {
			t.Fatalf("round %d: list: %v (%d events)", round, err, len(page.Events))
		}
		if _, err := st.GetEvent(ctx, page.Events[0].ID); err != nil {
			t.Fatalf("round %d: get: %v", round, err)
		}
		if _, err := st.GetEvent(ctx, 1<<40); model.ErrorCode(err) != model.NotFound {
			t.Fatalf("round %d: get missing: %v", round, err)
		}
		n := 0
		if err := st.ExportEvents(ctx, store.EventFilter{}, func(*model.EventRecord) error { n++; return nil }); err != nil || n == 0 {
			t.Fatalf("round %d: export: %v (%d)", round, err, n)
		}
		if err := st.ExportEvents(ctx, store.EventFilter{}, func(*model.EventRecord) error { return boom }); !errors.Is(err, boom) {
			t.Fatalf("round %d: export stopped early: %v", round, err)
		}
		if err := st.WriteTx(ctx, "test", func(tx *store.Store) error { return boom }); !errors.Is(err, boom) {
			t.Fatalf("round %d: rolled back tx: %v", round, err)
		}
		if _, err := st.VocabularyCodes(ctx); err != nil {
			t.Fatalf("round %d: vocabulary: %v", round, err)
		}
		if err := st.Ping(ctx); err != nil {
			t.Fatalf("round %d: ping: %v", round, err)
		}
	}
	if n := pool.Stat().AcquiredConns(); n != 0 {
		t.Fatalf("%d connections still acquired after every call returned", n)
	}
}

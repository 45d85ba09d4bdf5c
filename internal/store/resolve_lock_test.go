package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/seed"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

// TestActorLockOnlyToCreate: while another transaction holds the actor-creation lock, a write
// naming only stored actors goes through at once (writes are not serialised), and one that
// creates an actor waits for the lock. Concurrent writers naming the same new actor create it
// once.
func TestActorLockOnlyToCreate(t *testing.T) {
	ctx := context.Background()
	pool := testdb.New(t)
	st := store.New(pool)
	d, err := seed.Demo()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Load(ctx, st, d); err != nil {
		t.Fatal(err)
	}
	holder, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := holder.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('newsevents:create-actors'))`); err != nil {
		t.Fatal(err)
	}
	lookup := func(limit time.Duration, ref model.ActorRef) ([]store.ActorMatch, error) {
		ctx, cancel := context.WithTimeout(ctx, limit)
		defer cancel()
		var out []store.ActorMatch
		err := st.InTx(ctx, func(tx *store.Store) error {
			var err error
			out, err = tx.LookupActors(ctx, []model.ActorRef{ref})
			return err
		})
		return out, err
	}
	m, err := lookup(20*time.Second, model.ActorRef{Name: "twitter", Kind: "organization"})
	if err != nil || len(m) != 1 || m[0].ID == 0 {
		t.Fatalf("a stored actor, with the creation lock held elsewhere: %+v %v", m, err)
	}
	if _, err := lookup(300*time.Millisecond, model.ActorRef{Name: "Brand New Co", Kind: "organization"}); model.ErrorCode(err) != model.Unavailable {
		t.Fatalf("a new actor with the creation lock held elsewhere: %v, want to wait for the lock", err)
	}
	if err := holder.Rollback(ctx); err != nil {
		t.Fatal(err)
	}

	// Eight writers create the same new actor: one actor.
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = st.WriteTx(ctx, "test", func(tx *store.Store) error {
				m, err := tx.LookupActors(ctx, []model.ActorRef{{Name: "Brand New Co", Kind: "organization"}})
				if err != nil {
					return err
				}
				if !m[0].New {
					return nil
				}
				_, err = tx.CreateActors(ctx, []model.ActorRef{{Name: "Brand New Co", Kind: "organization"}}, false)
				return err
			})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("writer %d: %v", i, err)
		}
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM actors WHERE name = 'Brand New Co'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d actors named Brand New Co (%v), want 1", n, err)
	}
}

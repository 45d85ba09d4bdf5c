package store

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/gen"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/testdb"
)

// TestMatchesAgreesWithListings: for random filters of the kinds the live feed takes (dates,
// types, actors, roles, statuses, tombstones in or out, updated_since), Matches keeps exactly
// the events the listing's SQL returns, on a corpus with retracted and merged events.
func TestMatchesAgreesWithListings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, st := pagesCorpus(t)
	if _, err := pool.Exec(ctx, `UPDATE events SET status = 'confirmed' WHERE id % 7 = 0 AND status <> 'retracted'`); err != nil {
		t.Fatal(err)
	}
	all, err := st.ListEvents(ctx, EventFilter{AllStatuses: true, Sort: SortUpdated, Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	strings := func(sql string) []string {
		rows, err := pool.Query(ctx, sql)
		if err != nil {
			t.Fatal(err)
		}
		out, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	types := strings(`SELECT DISTINCT type FROM events ORDER BY 1`)
	roles := strings(`SELECT DISTINCT role FROM event_actors ORDER BY 1`)
	actors := busyActors(t, pool)
	times := strings(`SELECT DISTINCT updated_at::text FROM events ORDER BY 1`)
	rng := rand.New(rand.NewPCG(3, 5))
	some := func(from []string, n int) []string {
		out := slices.Clone(from)
		rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out[:min(n, len(out))]
	}
	for i := range 150 {
		var f EventFilter
		if rng.IntN(3) == 0 {
			d := all.Events[rng.IntN(len(all.Events))].DateStart
			f.From = &d
		}
		if rng.IntN(3) == 0 {
			d := all.Events[rng.IntN(len(all.Events))].DateEnd.AddDays(rng.IntN(400))
			f.To = &d
		}
		if rng.IntN(2) == 0 {
			f.Types = some(types, 1+rng.IntN(3))
		}
		if rng.IntN(3) == 0 {
			f.Roles = some(roles, 1+rng.IntN(2))
		}
		for range rng.IntN(3) {
			ids := []int64{actors[rng.IntN(min(len(actors), 40))]}
			if rng.IntN(3) == 0 {
				ids = append(ids, actors[rng.IntN(len(actors))])
			}
			f.Actors = append(f.Actors, ids)
		}
		if rng.IntN(3) == 0 {
			f.Statuses = some(model.Statuses, 1+rng.IntN(2))
		}
		f.AllStatuses = rng.IntN(2) == 0
		if rng.IntN(3) == 0 {
			ts, err := time.Parse("2006-01-02 15:04:05.999999-07", times[rng.IntN(len(times))])
			if err != nil {
				t.Fatal(err)
			}
			f.UpdatedSince = &ts
		}
		f.Sort, f.Limit = SortUpdated, 100000
		page, err := st.ListEvents(ctx, f)
		if err != nil {
			t.Fatalf("filter %d %+v: %v", i, f, err)
		}
		var want, got []int64
		for _, e := range page.Events {
			want = append(want, e.ID)
		}
		for j := range all.Events {
			if f.Matches(&all.Events[j]) {
				got = append(got, all.Events[j].ID)
			}
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("filter %d %+v: Matches keeps %d events, the listing %d", i, f, len(got), len(want))
		}
	}
	if (EventFilter{Query: "x"}).Matches(&all.Events[0]) || (EventFilter{Metric: "headcount"}).Matches(&all.Events[0]) {
		t.Errorf("Matches decided a filter it cannot check")
	}
}

// TestListenEvents: the listener hears committed changes, in commit order, never rolled back
// ones, each with the version's updated_at; it reads the changed events as listings show them;
// EventHead is the latest change.
func TestListenEvents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	st := New(pool)
	if _, ok, err := st.EventHead(ctx); ok || err != nil {
		t.Fatalf("head of no events: %v %v", ok, err)
	}
	l, err := st.ListenEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close(ctx)
	insert := func(title string) int64 {
		t.Helper()
		var id int64
		err := pool.QueryRow(ctx, `INSERT INTO events (type, title, date_start, date_end, date_precision)
			VALUES ('layoff', $1, '2024-03-05', '2024-03-05', 'day') RETURNING id`, title).Scan(&id)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	a := insert("first")
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO events (type, title, date_start, date_end, date_precision)
		VALUES ('layoff', 'rolled back', '2024-03-05', '2024-03-05', 'day')`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	b := insert("second")
	if _, err := pool.Exec(ctx, `UPDATE events SET status = 'retracted' WHERE id = $1`, a); err != nil {
		t.Fatal(err)
	}
	var changes []EventChange
	for len(changes) < 3 {
		c, err := l.Wait(ctx, 30*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		changes = append(changes, c...)
	}
	if len(changes) != 3 || changes[0].ID != a || changes[1].ID != b || changes[2].ID != a {
		t.Fatalf("changes %+v, want %d, %d, %d", changes, a, b, a)
	}
	events, err := l.Events(ctx, []int64{a, b, 999999})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[0].ID != b || events[1].ID != a || events[1].Status != "retracted" {
		t.Fatalf("events %+v, want %d then %d retracted (updated_at order)", events, b, a)
	}
	if !events[1].UpdatedAt.Equal(changes[2].UpdatedAt) || !events[0].UpdatedAt.Equal(changes[1].UpdatedAt) {
		t.Errorf("versions %s %s, notified %s %s", events[0].UpdatedAt, events[1].UpdatedAt, changes[1].UpdatedAt, changes[2].UpdatedAt)
	}
	head, ok, err := st.EventHead(ctx)
	if err != nil || !ok || head.ID != a || !head.UpdatedAt.Equal(events[1].UpdatedAt) {
		t.Errorf("head %+v %v %v, want event %d at %s", head, ok, err, a, events[1].UpdatedAt)
	}
	// Quiet: Wait returns nothing after idle, the connection checked.
	if c, err := l.Wait(ctx, 50*time.Millisecond); err != nil || len(c) != 0 {
		t.Errorf("quiet wait: %v %v", c, err)
	}
}

// TestBulkLoadIsNotAnnounced: newsevents gen loads with triggers off (session_replication_role
// replica), the feed's trigger among them: a listener hears none of the events it loads, and
// hears the next ordinary write first.
func TestBulkLoadIsNotAnnounced(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	st := New(pool)
	l, err := st.ListenEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close(ctx)
	c, err := gen.New(gen.Config{Events: 300, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadCorpus(ctx, CorpusLoad{Actors: c.Actors(), Batches: c.Batches(100)}); err != nil {
		t.Fatal(err)
	}
	var loaded, id int64
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM events`).Scan(&loaded); err != nil || loaded != 300 {
		t.Fatalf("loaded %d events: %v", loaded, err)
	}
	err = pool.QueryRow(ctx, `INSERT INTO events (type, title, date_start, date_end, date_precision)
		VALUES ('layoff', 'after the load', '2024-03-05', '2024-03-05', 'day') RETURNING id`).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	var changes []EventChange
	for len(changes) == 0 {
		if changes, err = l.Wait(ctx, 30*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	if len(changes) != 1 || changes[0].ID != id {
		t.Fatalf("heard %d changes, first %+v; want only event %d, written after the load", len(changes), changes[0], id)
	}
}

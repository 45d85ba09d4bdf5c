package store_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/gen"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

// derivedChecks compare each table the triggers of migrations 00010 to 00015 keep with the same
// data computed from the records, by queries written independently of the migrations: each
// counts the rows that differ.
var derivedChecks = []struct{ table, sql string }{
	{"event_actor_lists", `
		WITH want AS (
			SELECT ea.event_id,
			       json_agg(json_build_object('id', a.id, 'slug', a.slug, 'name', a.name, 'kind', a.kind, 'role', ea.role)
			                ORDER BY ea.position, a.name, ea.role)::jsonb AS actors,
			       array_agg(a.name || ' (' || ea.role || ')' ORDER BY ea.position, a.name, ea.role) AS labels
			FROM event_actors ea JOIN actors a ON a.id = ea.actor_id GROUP BY ea.event_id),
		got AS (SELECT event_id, actors::jsonb AS actors, labels FROM event_actor_lists)
		SELECT count(*) FROM ((SELECT * FROM want EXCEPT ALL SELECT * FROM got) UNION ALL (SELECT * FROM got EXCEPT ALL SELECT * FROM want)) d`},
	{"event_actor_lists order", `
		SELECT count(*) FROM event_actor_lists l
		WHERE (SELECT array_agg(x->>'name' || ' (' || (x->>'role') || ')' ORDER BY n) FROM json_array_elements(l.actors) WITH ORDINALITY AS t(x, n)) <> l.labels`},
	{"actor_events", `
		WITH want AS (
			SELECT ea.event_id, ea.actor_id, array_agg(ea.role ORDER BY ea.role) AS roles, e.date_start, e.span_class
			FROM event_actors ea JOIN events e ON e.id = ea.event_id GROUP BY 1, 2, 4, 5),
		got AS (SELECT event_id, actor_id, roles, date_start, span_class FROM actor_events)
		SELECT count(*) FROM ((SELECT * FROM want EXCEPT ALL SELECT * FROM got) UNION ALL (SELECT * FROM got EXCEPT ALL SELECT * FROM want)) d`},
	{"figure_canonical", `
		WITH ranked AS (
			SELECT f.event_id, f.metric, f.id, row_number() OVER (PARTITION BY f.event_id, f.metric ORDER BY ` + store.CanonicalOrder + `) AS n
			FROM figures f LEFT JOIN articles a ON a.id = f.article_id),
		want AS (SELECT event_id, metric, id FROM ranked WHERE n = 1),
		got AS (SELECT event_id, metric, figure_id FROM figure_canonical)
		SELECT count(*) FROM ((SELECT * FROM want EXCEPT ALL SELECT * FROM got) UNION ALL (SELECT * FROM got EXCEPT ALL SELECT * FROM want)) d`},
	{"figure_dates", `
		WITH want AS (SELECT f.id, f.event_id, f.metric, e.date_start, e.span_class FROM figures f JOIN events e ON e.id = f.event_id),
		got AS (SELECT figure_id, event_id, metric, date_start, span_class FROM figure_dates)
		SELECT count(*) FROM ((SELECT * FROM want EXCEPT ALL SELECT * FROM got) UNION ALL (SELECT * FROM got EXCEPT ALL SELECT * FROM want)) d`},
	{"event_counts_daily", `
		WITH want AS (SELECT date_start, type, count(*) FROM events WHERE status <> 'retracted' AND merged_into IS NULL GROUP BY 1, 2),
		got AS (SELECT day, type, events FROM event_counts_daily WHERE events <> 0)
		SELECT count(*) FROM ((SELECT * FROM want EXCEPT ALL SELECT * FROM got) UNION ALL (SELECT * FROM got EXCEPT ALL SELECT * FROM want)) d`},
	{"event_counts_monthly", `
		WITH want AS (SELECT date_trunc('month', date_start)::date, type, count(*) FROM events
			WHERE status <> 'retracted' AND merged_into IS NULL GROUP BY 1, 2),
		got AS (SELECT month, type, events FROM event_counts_monthly WHERE events <> 0)
		SELECT count(*) FROM ((SELECT * FROM want EXCEPT ALL SELECT * FROM got) UNION ALL (SELECT * FROM got EXCEPT ALL SELECT * FROM want)) d`},
}

func checkDerived(t *testing.T, pool *pgxpool.Pool, step string) {
	t.Helper()
	for _, c := range derivedChecks {
		var n int64
		if err := pool.QueryRow(context.Background(), c.sql).Scan(&n); err != nil {
			t.Fatalf("%s: check %s: %v", step, c.table, err)
		}
		if n != 0 {
			t.Errorf("after %s: %s differs from the records in %d rows", step, c.table, n)
		}
	}
}

// TestDerivedTablesFollowWrites holds the tables triggers keep (actors of each event, each
// actor's events by date, canonical figures, figures by date, event counts) to the records
// they are derived from, after a bulk load and after each kind of write: through the store's
// writers and through plain SQL, one row or many at a time.
func TestDerivedTablesFollowWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	st := store.New(pool)
	c, err := gen.New(gen.Config{Events: 400, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadCorpus(ctx, store.CorpusLoad{Actors: c.Actors(), Batches: c.Batches(100)}); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, pool, "the corpus load")
	for _, c := range derivedChecks {
		var n int64
		if err := pool.QueryRow(ctx, "SELECT count(*) FROM "+pgIdent(c.table)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Fatalf("%s is empty after the corpus load", c.table)
		}
	}

	exec := func(step, sql string, args ...any) {
		t.Helper()
		if _, err := pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		checkDerived(t, pool, step)
	}
	var art int64
	if err := pool.QueryRow(ctx, `SELECT min(id) FROM articles`).Scan(&art); err != nil {
		t.Fatal(err)
	}

	// Through the store.
	actor, err := st.CreateActor(ctx, model.NewActor{Kind: "organization", Name: "Zeta \"Quoted\" Ltd", Slug: "zeta-quoted"})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := st.CreateEvent(ctx, model.NewEvent{Type: "layoff", Title: "Zeta cuts jobs", DateStart: model.NewDate(2020, 3, 2),
		DateEnd: model.NewDate(2020, 3, 2), DatePrecision: "day", Status: "confirmed",
		Actors:  []model.NewEventActor{{ActorID: actor, Role: "employer"}, {ActorID: 1, Role: "decision_maker"}},
		Figures: []model.NewFigure{{Metric: "employees_affected", Value: 120, Unit: "person", Qualifier: "approximate", ArticleID: &art}}})
	if err != nil {
		t.Fatal(err)
	}
	checkDerived(t, pool, "CreateEvent")
	fig, err := st.CreateFigure(ctx, ev, model.FigureInput{Metric: "employees_affected", Value: 118, Unit: "person", Qualifier: "exact"})
	if err != nil {
		t.Fatal(err)
	}
	checkDerived(t, pool, "CreateFigure (an exact value beats an approximation)")
	if err := st.UpdateFigure(ctx, fig, ev, model.FigureInput{Metric: "employees_affected", Value: 118, Unit: "person", Qualifier: "at_least"}); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, pool, "UpdateFigure (the qualifier)")
	if err := st.UpdateActor(ctx, actor, model.NewActor{Kind: "group", Name: "Zeta Group", Slug: "zeta-group"}); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, pool, "UpdateActor (name, slug, kind)")
	if err := st.RetractEvent(ctx, ev); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, pool, "RetractEvent")
	if _, err := st.SetRelations(ctx, []store.Relations{{EventID: 10, MergedInto: ptr(int64(11))}}); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, pool, "SetRelations (a merge)")
	if err := st.DeleteFigure(ctx, fig); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, pool, "DeleteFigure")

	// Through SQL, a row and many rows at a time.
	exec("actors renamed", `UPDATE actors SET name = name || ' Inc' WHERE id IN (SELECT actor_id FROM event_actors GROUP BY 1 ORDER BY count(*) DESC LIMIT 3)`)
	exec("an actor's aliases only", `UPDATE actors SET aliases = '{x}' WHERE id = 2`)
	exec("roles and positions", `UPDATE event_actors SET role = 'subject', position = position + 1 WHERE event_id % 7 = 0`)
	exec("an actor added to many events", `INSERT INTO event_actors (event_id, actor_id, role, position)
		SELECT id, 3, 'target', 5 FROM events WHERE id % 11 = 0 ON CONFLICT DO NOTHING`)
	exec("actors removed", `DELETE FROM event_actors WHERE event_id % 13 = 0`)
	exec("actors moved to another actor", `UPDATE event_actors SET actor_id = 4 WHERE actor_id = 3 AND event_id % 2 = 0
		AND NOT EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = event_actors.event_id AND x.actor_id = 4 AND x.role = event_actors.role)`)
	exec("dates moved across span classes", `UPDATE events SET date_end = date_start + (id % 500)::int WHERE id % 5 = 0`)
	exec("start dates moved", `UPDATE events SET date_start = date_start - 40 WHERE id % 9 = 0`)
	exec("types changed", `UPDATE events SET type = 'closure' WHERE id % 17 = 0`)
	exec("statuses changed", `UPDATE events SET status = CASE WHEN status = 'retracted' THEN 'confirmed' ELSE 'retracted' END WHERE id % 19 = 0`)
	exec("events merged and unmerged", `UPDATE events SET merged_into = CASE WHEN merged_into IS NULL THEN 1 ELSE NULL END WHERE id % 23 = 0 AND id > 1`)
	exec("only updated_at", `UPDATE events SET updated_at = now() WHERE id % 3 = 0`)
	exec("figures' qualifiers", `UPDATE figures SET qualifier = 'approximate' WHERE id % 4 = 0 AND qualifier = 'exact'`)
	exec("figures moved to another event", `UPDATE figures SET event_id = event_id + 1 WHERE id % 29 = 0
		AND EXISTS (SELECT 1 FROM events e WHERE e.id = figures.event_id + 1)`)
	exec("figures' metrics", `UPDATE figures SET metric = 'headcount' WHERE metric = 'employees_affected' AND id % 6 = 0`)
	exec("an article's publication date", `UPDATE articles SET published_at = published_at + interval '400 days'
		WHERE id IN (SELECT article_id FROM figures WHERE article_id IS NOT NULL LIMIT 20)`)
	exec("figures deleted", `DELETE FROM figures WHERE id % 8 = 0`)
	exec("events inserted", `INSERT INTO events (type, title, date_start, date_end, date_precision, status)
		SELECT 'layoff', 'bulk ' || i, date '2010-01-01' + i, date '2010-01-01' + i * 2, 'day',
		       CASE WHEN i % 4 = 0 THEN 'retracted' ELSE 'confirmed' END FROM generate_series(1, 50) i`)
	exec("figures inserted", `INSERT INTO figures (event_id, metric, value, unit, qualifier)
		SELECT id, 'employees_affected', id, 'person', 'at_most' FROM events WHERE title LIKE 'bulk %'`)
	exec("events deleted", `DELETE FROM events WHERE id IN (SELECT id FROM events WHERE id % 31 = 0 AND merged_into IS NULL
		AND NOT EXISTS (SELECT 1 FROM events m WHERE m.merged_into = events.id)
		AND NOT EXISTS (SELECT 1 FROM event_links l WHERE l.to_event_id = events.id OR l.from_event_id = events.id))`)

	// A rolled back transaction leaves nothing behind.
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `UPDATE events SET type = 'strike', date_start = date_start - 3`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, pool, "a rolled back update")

	if err := st.DeleteAllRecords(ctx); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, pool, "DeleteAllRecords")
	for _, table := range []string{"event_counts_daily", "event_counts_monthly", "event_actor_lists", "figure_dates"} {
		var n int64
		if err := pool.QueryRow(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s after DeleteAllRecords: %d rows (%v), want 0", table, n, err)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func pgIdent(table string) string {
	for i, c := range table {
		if c == ' ' {
			return table[:i]
		}
	}
	return table
}

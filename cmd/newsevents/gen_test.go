package main

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

// genFingerprint digests every table a corpus fills, so two loads can be compared.
const genFingerprint = `SELECT md5(string_agg(t, '|')) FROM (
	(SELECT 'a' || string_agg(concat_ws(',', id, kind, name, slug, aliases, wikidata_qid, country, created_at), ';' ORDER BY id) FROM actors)
	UNION ALL (SELECT 'r' || string_agg(concat_ws(',', id, url, source, title, language, published_at, md5(body)), ';' ORDER BY id) FROM articles)
	UNION ALL (SELECT 'e' || string_agg(concat_ws(',', id, type, title, summary, date_start, date_end, date_precision, status, confidence, merged_into, created_at, updated_at), ';' ORDER BY id) FROM events)
	UNION ALL (SELECT 'x' || string_agg(concat_ws(',', event_id, actor_id, role, position), ';' ORDER BY event_id, actor_id, role) FROM event_actors)
	UNION ALL (SELECT 's' || string_agg(concat_ws(',', event_id, article_id, quote_start, quote_end), ';' ORDER BY event_id, article_id) FROM event_sources)
	UNION ALL (SELECT 'f' || string_agg(concat_ws(',', id, event_id, metric, value, unit, qualifier, low, high, article_id, quote_start), ';' ORDER BY id) FROM figures)
	UNION ALL (SELECT 'l' || string_agg(concat_ws(',', from_event_id, type, to_event_id), ';' ORDER BY from_event_id) FROM event_links)
) AS parts(t)`

func runGenCmd(t *testing.T, url string, args ...string) string {
	t.Helper()
	var out strings.Builder
	err := run(context.Background(), append([]string{"newsevents", "gen"}, args...),
		envOf(map[string]string{"DATABASE_URL": url, "LOG_LEVEL": "warn"}), &out, io.Discard)
	if err != nil {
		t.Fatalf("gen %v: %v", args, err)
	}
	return out.String()
}

func TestGenLoadsAConsistentCorpus(t *testing.T) {
	t.Parallel()
	url := testdb.NewURL(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	indexes := func() string {
		var s string
		if err := conn.QueryRow(ctx, `SELECT string_agg(indexdef, E'\n' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public'`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := indexes()

	out := runGenCmd(t, url, "--events", "1000", "--seed", "3")
	if !strings.Contains(out, "generated 1000 events") {
		t.Fatalf("gen said %q", out)
	}
	if after := indexes(); after != before {
		t.Fatalf("indexes after the load differ:\n%s\nwant:\n%s", after, before)
	}

	// What the database would have checked row by row, had triggers and foreign keys been on.
	for what, sql := range map[string]string{
		"figure quotes not at their offsets": `SELECT count(*) FROM figures f JOIN articles a ON a.id = f.article_id
			WHERE substr(a.body, f.quote_start + 1, f.quote_end - f.quote_start) <> f.quote`,
		"source quotes not at their offsets": `SELECT count(*) FROM event_sources s JOIN articles a ON a.id = s.article_id
			WHERE substr(a.body, s.quote_start + 1, s.quote_end - s.quote_start) <> s.quote`,
		"figures of missing events or articles": `SELECT count(*) FROM figures f
			WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = f.event_id) OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = f.article_id)`,
		"figures whose unit does not fit the metric": `SELECT count(*) FROM figures f JOIN metrics m ON m.code = f.metric
			JOIN units u ON u.code = f.unit WHERE u.kind <> m.unit_kind`,
		"event actors of missing actors": `SELECT count(*) FROM event_actors ea WHERE NOT EXISTS (SELECT 1 FROM actors a WHERE a.id = ea.actor_id)`,
		"sources of missing events":      `SELECT count(*) FROM event_sources s WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = s.event_id)`,
		"actors without their names":     `SELECT count(*) FROM actors a WHERE NOT EXISTS (SELECT 1 FROM actor_names n WHERE n.actor_id = a.id AND n.folded = fold(a.name))`,
		"events with too few figures": `SELECT count(*) FROM events e WHERE (SELECT count(*) FROM figures f WHERE f.event_id = e.id) NOT BETWEEN 2 AND 4
			OR (SELECT count(*) FROM event_sources s WHERE s.event_id = e.id) NOT BETWEEN 1 AND 3`,
		"events without their full-text document": `SELECT count(*) FROM events e
			WHERE length(e.search) <> length(event_search(e.id, e.title, e.summary)) OR e.search = ''::tsvector`,
		"sources whose quote does not find their event": `SELECT count(*) FROM event_sources s JOIN events e ON e.id = s.event_id
			WHERE s.article_id % 50 = 0 AND NOT e.search @@ search_query(split_part(s.quote, ' ', 2))`,
		"tables without statistics": `SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('events', 'articles', 'figures') AND last_analyze IS NULL`,
	} {
		var n int
		if err := conn.QueryRow(ctx, sql).Scan(&n); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if n != 0 {
			t.Errorf("%d %s", n, what)
		}
	}

	var first string
	if err := conn.QueryRow(ctx, genFingerprint).Scan(&first); err != nil {
		t.Fatal(err)
	}

	// The id sequences moved past the corpus: the API can add records.
	pool, err := database.Open(ctx, url, database.PoolOptions{MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	st := store.New(pool)
	id, err := st.CreateEvent(ctx, model.NewEvent{Type: "layoff", Title: "After the corpus", DateStart: model.NewDate(2025, 1, 2),
		DateEnd: model.NewDate(2025, 1, 2), DatePrecision: "day"})
	if err != nil {
		t.Fatalf("create an event after the load: %v", err)
	}
	if id != 1001 {
		t.Errorf("new event id %d, want 1001", id)
	}

	// The same seed gives the same database, from a fresh one or after --reset.
	url2 := testdb.NewURL(t)
	runGenCmd(t, url2, "--events", "1000", "--seed", "3")
	runGenCmd(t, url2, "--events", "1000", "--seed", "3", "--reset")
	conn2, err := pgx.Connect(ctx, url2)
	if err != nil {
		t.Fatal(err)
	}
	defer conn2.Close(ctx)
	var second string
	if err := conn2.QueryRow(ctx, genFingerprint).Scan(&second); err != nil {
		t.Fatal(err)
	}
	if first != second {
		t.Errorf("seed 3 loaded twice differs: %s != %s", first, second)
	}
	var events int
	if err := conn2.QueryRow(ctx, `SELECT count(*) FROM events`).Scan(&events); err != nil {
		t.Fatal(err)
	}
	if events != 1000 {
		t.Errorf("%d events after --reset, want 1000", events)
	}
}

func TestGenAddsToExistingRecords(t *testing.T) {
	t.Parallel()
	url := testdb.NewURL(t)
	runGenCmd(t, url, "--events", "100")
	runGenCmd(t, url, "--events", "50", "--seed", "2")
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var events, actors int
	if err := conn.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM actors)`).Scan(&events, &actors); err != nil {
		t.Fatal(err)
	}
	if events != 150 || actors != 100 {
		t.Errorf("%d events and %d actors, want 150 and 100", events, actors)
	}
}

func TestGenNeedsEvents(t *testing.T) {
	t.Parallel()
	err := run(context.Background(), []string{"newsevents", "gen"}, envOf(map[string]string{}), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--events") {
		t.Fatalf("gen without --events: %v", err)
	}
}

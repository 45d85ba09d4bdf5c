package store

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/testdb"
)

// TestMain is corpus_test.go's (one per test binary).

var (
	planEvents = flag.Int("plan-events", 10000, "events generated for TestQueryPlans")
	planDoc    = flag.String("plan-doc", "", "write EXPLAIN (ANALYZE, BUFFERS) of the main queries to this Markdown file")
)

// bigTables are the tables that grow with the data: a sequential scan of one of them in a list
// query is a query that slows down as the database grows. Below minPages a table is read whole
// because that is cheapest, as PostgreSQL rightly judges; the check applies above it (at the
// default 10,000 events, to events and event_actors; at 500,000, to all of them).
var bigTables = map[string]bool{"events": true, "event_actors": true, "event_sources": true, "figures": true,
	"articles": true, "actors": true, "actor_names": true}

const minPages = 150

// generate fills the database with n events shaped like real ones: n/2 actors (one in a
// seventh of the events), n/4 articles over ten years, two actors, a source and a figure or two
// per event.
func generate(t testing.TB, pool *pgxpool.Pool, n int) {
	t.Helper()
	ctx := context.Background()
	steps := []string{
		// Triggers keep derived columns; in bulk, compute them once at the end instead.
		`ALTER TABLE events DISABLE TRIGGER USER`,
		`ALTER TABLE event_sources DISABLE TRIGGER USER`,
		`ALTER TABLE figures DISABLE TRIGGER USER`,
		`ALTER TABLE event_actors DISABLE TRIGGER USER`,
		`INSERT INTO actors (kind, name, slug, aliases)
		 SELECT 'organization', (ARRAY['Acme','Globex','Initech','Umbrella','Hooli','Soylent','Vandelay','Stark'])[1 + i % 8] || ' ' || i,
		        'company-' || i, ARRAY['Company ' || i]
		 FROM generate_series(1, $1 / 2) i`,
		`INSERT INTO articles (url, source, title, language, published_at, body)
		 SELECT 'https://news.example/' || i, 'source' || (i % 20), 'Article ' || i,
		        CASE WHEN i % 3 = 0 THEN 'en' ELSE 'fr' END,
		        timestamptz '2015-01-01' + i * (interval '3650 days' / ($1 / 4)),
		        'Body of article ' || i || ' about ' || (ARRAY['layoffs','acquisitions','strikes','funding'])[1 + i % 4] || ' ' || md5(i::text)
		 FROM generate_series(1, $1 / 4) i`,
		`INSERT INTO events (type, title, summary, date_start, date_end, date_precision, status, updated_at)
		 SELECT (ARRAY['layoff','resignation','acquisition','closure','hiring','strike','funding','appointment'])[1 + i % 8],
		        (ARRAY['Acme','Globex','Initech','Umbrella','Hooli'])[1 + i % 5] || ' event ' || i || CASE WHEN i % 1000 = 7 THEN ' zeppelin' ELSE '' END,
		        'Summary ' || md5((i * 7)::text),
		        d, d + (i % 30), 'day',
		        CASE WHEN i % 50 = 0 THEN 'retracted' ELSE 'confirmed' END,
		        timestamptz '2020-01-01' + i * interval '1 minute'
		 FROM generate_series(1, $1) i, LATERAL (SELECT date '2015-01-01' + (i::bigint * 3650 / $1)::int AS d) x`,
		// Main actor: a few companies are in very many events (i % 7 = 0 -> actor 1).
		`INSERT INTO event_actors (event_id, actor_id, role, position)
		 SELECT e.id, CASE WHEN e.id % 7 = 0 THEN 1 ELSE 1 + (e.id * 7919) % ($1 / 2) END, 'employer', 0 FROM events e`,
		`INSERT INTO event_actors (event_id, actor_id, role, position)
		 SELECT e.id, 1 + (e.id * 104729) % ($1 / 2), CASE WHEN e.type = 'acquisition' THEN 'acquirer' ELSE 'decision_maker' END, 1
		 FROM events e WHERE 1 + (e.id * 104729) % ($1 / 2) <> CASE WHEN e.id % 7 = 0 THEN 1 ELSE 1 + (e.id * 7919) % ($1 / 2) END`,
		`INSERT INTO event_sources (event_id, article_id, quote)
		 SELECT e.id, a.id, 'Quote ' || md5(e.id::text) || CASE WHEN e.type = 'layoff' THEN ' licenciement' ELSE '' END
		 FROM events e JOIN articles a ON a.id = 1 + e.id % ($1 / 4)`,
		`INSERT INTO figures (event_id, metric, value, unit, qualifier, article_id)
		 SELECT e.id, 'employees_affected', (e.id * 37) % 10000, 'person', 'exact', 1 + e.id % ($1 / 4)
		 FROM events e WHERE e.type IN ('layoff', 'resignation', 'hiring', 'strike')`,
		`INSERT INTO figures (event_id, metric, value, unit, qualifier, article_id)
		 SELECT e.id, 'employees_affected', (e.id * 41) % 10000, 'person', 'approximate', 1 + (e.id + 1) % ($1 / 4)
		 FROM events e WHERE e.type = 'layoff' AND e.id % 3 = 0`,
		`INSERT INTO figures (event_id, metric, value, unit, qualifier)
		 SELECT e.id, 'deal_value', (e.id % 1000) * 1e6, 'USD', 'exact' FROM events e WHERE e.type IN ('acquisition', 'funding')`,
		`UPDATE events SET search = event_search(id, title, summary)`,
		`UPDATE events SET merged_into = id - 1 WHERE id % 997 = 0`,
		`ALTER TABLE events ENABLE TRIGGER USER`,
		`ALTER TABLE event_sources ENABLE TRIGGER USER`,
		`ALTER TABLE figures ENABLE TRIGGER USER`,
		`ALTER TABLE event_actors ENABLE TRIGGER USER`,
		`VACUUM ANALYZE`, // as autovacuum would: also flushes the GIN pending lists
	}
	for _, sql := range steps {
		var args []any
		if strings.Contains(sql, "$1") {
			args = []any{n}
		}
		if _, err := pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("generate: %v\n%s", err, sql)
		}
	}
}

// plannedQuery is one of the main queries of the read API, as the store builds it.
type plannedQuery struct {
	name string
	sql  string
	args []any
}

func mainQueries() []plannedQuery {
	day := func(y int, m time.Month, d int) *model.Date { v := model.NewDate(y, m, d); return &v }
	recent := time.Date(2020, 1, 10, 0, 0, 0, 0, time.UTC)
	min := 9000.0
	var out []plannedQuery
	events := func(name string, f EventFilter) {
		if f.Limit == 0 {
			f.Limit = 50
		}
		if f.Sort == "" {
			f.Sort = SortDate
		}
		sql, args := eventListSQL(f, f.Limit+1)
		out = append(out, plannedQuery{"events: " + name, sql, args})
	}
	events("first page, by date", EventFilter{})
	events("last page, -date", EventFilter{Sort: SortDateDesc})
	events("a page far down (cursor)", EventFilter{After: &EventCursor{Sort: SortDate, DateStart: *day(2022, 6, 1), ID: 1}})
	events("from..to, one month", EventFilter{From: day(2021, 3, 1), To: day(2021, 3, 31)})
	events("from..to, one month, -date", EventFilter{From: day(2021, 3, 1), To: day(2021, 3, 31), Sort: SortDateDesc})
	events("from, the last month", EventFilter{From: day(2024, 12, 1)})
	events("from..to, one month, cursor", EventFilter{From: day(2021, 3, 1), To: day(2021, 3, 31), After: &EventCursor{Sort: SortDate, DateStart: *day(2021, 3, 10), ID: 1}})
	events("from..to, one month, type=layoff", EventFilter{From: day(2021, 3, 1), To: day(2021, 3, 31), Types: []string{"layoff"}})
	events("type=layoff, -date", EventFilter{Types: []string{"layoff"}, Sort: SortDateDesc})
	events("actor = a busy company", EventFilter{Actors: [][]int64{{1}}})
	events("actor = a rare company", EventFilter{Actors: [][]int64{{1234}}})
	events("role=acquirer", EventFilter{Roles: []string{"acquirer"}})
	events("q=zeppelin (a rare word)", EventFilter{Query: "zeppelin"})
	events("q=zeppelin, retracted only (no match)", EventFilter{Query: "zeppelin", Statuses: []string{"retracted"}})
	events("q=acme (a fifth of the events)", EventFilter{Query: "acme"})
	events("q=licenciement acme", EventFilter{Query: "licenciement acme"})
	events("metric=employees_affected, min=9000", EventFilter{Metric: "employees_affected", Min: &min})
	events("updated_since, sort=updated", EventFilter{UpdatedSince: &recent, Sort: SortUpdated})
	events("sort=-updated", EventFilter{Sort: SortUpdatedDesc})
	aid := int64(42)
	events("article=42", EventFilter{ArticleID: &aid})
	events("actor = a busy company, one year", EventFilter{Actors: [][]int64{{1}}, From: day(2021, 1, 1), To: day(2021, 12, 31)})
	events("type=layoff, one year", EventFilter{Types: []string{"layoff"}, From: day(2021, 1, 1), To: day(2021, 12, 31)})
	events("q=acme, read in date order", EventFilter{Query: "acme", textByDate: true})

	w := &sqlWhere{}
	year := EventFilter{Types: []string{"layoff"}, From: day(2021, 1, 1), To: day(2021, 12, 31)}
	eventWhere(year, w)
	spanBound(w, *year.From, year.To)
	out = append(out, plannedQuery{"events: count=exact, type and one year", "SELECT count(*) FROM events e WHERE " + w.String(), w.args})

	for _, a := range []struct {
		name string
		f    ActorFilter
	}{
		{"first page", ActorFilter{Limit: 50}},
		{"q=initech 12 (word prefix)", ActorFilter{Query: "initech 12", Limit: 50}},
		{"q=company 1234 (alias prefix)", ActorFilter{Query: "company 1234", Limit: 50}},
	} {
		sql, args := actorListSQL(a.f)
		out = append(out, plannedQuery{"actors: " + a.name, sql, args})
	}
	for _, a := range []struct {
		name string
		f    ArticleFilter
	}{
		{"newest first", ArticleFilter{Limit: 50}},
		{"source=source3", ArticleFilter{Sources: []string{"source3"}, Limit: 50}},
		{"q=acquisitions, one month", ArticleFilter{Query: "acquisitions", PublishedFrom: day(2019, 5, 1), PublishedTo: day(2019, 5, 31), Limit: 50}},
	} {
		sql, args := articleListSQL(a.f)
		out = append(out, plannedQuery{"articles: " + a.name, sql, args})
	}
	for _, a := range []struct {
		name string
		f    FigureFilter
	}{
		{"first page", FigureFilter{Sort: SortDate}},
		{"metric=deal_value", FigureFilter{Metrics: []string{"deal_value"}, Sort: SortDate}},
		{"canonical, an actor", FigureFilter{Canonical: true, Events: EventFilter{Actors: [][]int64{{1234}}}, Sort: SortDate}},
		{"from..to, one month", FigureFilter{Events: EventFilter{From: day(2021, 3, 1), To: day(2021, 3, 31)}, Sort: SortDate}},
		{"metric=employees_affected, three months", FigureFilter{Metrics: []string{"employees_affected"},
			Events: EventFilter{From: day(2021, 3, 1), To: day(2021, 5, 31)}, Sort: SortDate}},
	} {
		sql, args := figureListSQL(a.f, 51)
		out = append(out, plannedQuery{"figures: " + a.name, sql, args})
	}
	w = &sqlWhere{}
	iv := w.arg("month")
	eventWhere(year, w)
	spanBound(w, *year.From, year.To)
	m := w.arg("employees_affected")
	out = append(out, plannedQuery{"stats: timeline of a metric, type and one year", fmt.Sprintf(`
		SELECT date_trunc(%s, e.date_start::timestamp)::date, cf.unit, count(*), sum(cf.value)::float8
		FROM events e CROSS JOIN LATERAL %s cf WHERE %s GROUP BY 1, 2`, iv, fmt.Sprintf(canonicalFigureOf, "e", m), w), w.args})
	return out
}

// TestQueryPlans generates a database of -plan-events events and checks that the planner
// serves every main list query without a sequential scan of a table that grows with the data.
// With -plan-doc, it writes their EXPLAIN ANALYZE to a Markdown file (docs/performance.md).
func TestQueryPlans(t *testing.T) {
	pool := testdb.New(t)
	start := time.Now()
	generate(t, pool, *planEvents)
	t.Logf("generated %d events in %s", *planEvents, time.Since(start).Round(time.Millisecond))
	ctx := context.Background()
	big := map[string]bool{}
	for table := range bigTables {
		var pages int
		if err := pool.QueryRow(ctx, `SELECT relpages FROM pg_class WHERE oid = $1::regclass`, table).Scan(&pages); err != nil {
			t.Fatal(err)
		}
		big[table] = pages >= minPages
		t.Logf("%s: %d pages", table, pages)
	}
	var doc strings.Builder
	for _, q := range mainQueries() {
		var plan []struct {
			Plan planNode `json:"Plan"`
		}
		if err := pool.QueryRow(ctx, "EXPLAIN (FORMAT JSON) "+q.sql, q.args...).Scan(&plan); err != nil {
			t.Fatalf("%s: %v\n%s", q.name, err, q.sql)
		}
		if scans := plan[0].Plan.seqScans(big); len(scans) > 0 {
			t.Errorf("%s: sequential scan of %v\n%s", q.name, scans, q.sql)
		}
		if *planDoc == "" {
			continue
		}
		rows, err := pool.Query(ctx, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "+q.sql, q.args...)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&doc, "### %s\n\n```\n", q.name)
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&doc, line)
		}
		rows.Close()
		fmt.Fprint(&doc, "```\n\n")
	}
	if *planDoc != "" {
		header := fmt.Sprintf("<!-- Generated by: go test ./internal/store -run TestQueryPlans -plan-events=%d -plan-doc=<this file> -->\n\n", *planEvents)
		if err := os.WriteFile(*planDoc, []byte(header+doc.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// planNode is a node of EXPLAIN (FORMAT JSON).
type planNode struct {
	NodeType string     `json:"Node Type"`
	Relation string     `json:"Relation Name"`
	Plans    []planNode `json:"Plans"`
}

// seqScans returns the tables of big scanned sequentially in the plan.
func (n planNode) seqScans(big map[string]bool) []string {
	var out []string
	if n.NodeType == "Seq Scan" && big[n.Relation] {
		out = append(out, n.Relation)
	}
	for _, c := range n.Plans {
		out = append(out, c.seqScans(big)...)
	}
	return out
}

// TestPlanCheckerSeesSeqScans makes sure TestQueryPlans can fail: a query no index serves is
// reported.
func TestPlanCheckerSeesSeqScans(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	var plan []struct {
		Plan planNode `json:"Plan"`
	}
	if err := pool.QueryRow(context.Background(), `EXPLAIN (FORMAT JSON) SELECT * FROM events WHERE date_text = 'x'`).Scan(&plan); err != nil {
		t.Fatal(err)
	}
	if got := plan[0].Plan.seqScans(bigTables); len(got) != 1 || got[0] != "events" {
		t.Errorf("seq scans %v, want [events]", got)
	}
}

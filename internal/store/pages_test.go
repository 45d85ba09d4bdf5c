package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/gen"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/testdb"
)

// pagesCorpus loads a generated corpus shaped for the page tests: events longer than a year
// (span class 5, which the generator does not make), retracted and merged events, an actor
// name that needs JSON escapes.
func pagesCorpus(t *testing.T) (*pgxpool.Pool, *Store) {
	t.Helper()
	ctx := context.Background()
	pool := testdb.New(t)
	c, err := gen.New(gen.Config{Events: 3000, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	st := New(pool)
	if _, err := st.LoadCorpus(ctx, CorpusLoad{Actors: c.Actors(), Batches: c.Batches(500)}); err != nil {
		t.Fatal(err)
	}
	for _, sql := range []string{
		`UPDATE events SET date_end = date_start + 800 WHERE id % 97 = 0`,
		`UPDATE events SET status = 'retracted' WHERE id % 41 = 0`,
		`UPDATE events SET merged_into = id - 1 WHERE id % 43 = 0`,
		`UPDATE actors SET name = 'Tab	"quoted" \ back ` + "\u2028" + ` é' WHERE id = (SELECT actor_id FROM event_actors GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)`,
	} {
		if _, err := pool.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	return pool, st
}

// busyActors returns actor ids, busiest first.
func busyActors(t *testing.T, pool *pgxpool.Pool) []int64 {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT actor_id FROM event_actors GROUP BY 1 ORDER BY count(*) DESC, 1`)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// titleWords returns words of event titles, most frequent first.
func titleWords(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT w FROM events, regexp_split_to_table(title, '[^[:alpha:]]+') w
		WHERE length(w) >= 5 GROUP BY w ORDER BY count(*) DESC, w`)
	if err != nil {
		t.Fatal(err)
	}
	words, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return words
}

// randomEventFilter draws a filter that exercises one of the ways pages are read (an actor,
// types, a date window, a text query either way, none) with other conditions on top.
func randomEventFilter(r *rand.Rand, actors []int64, words []string) EventFilter {
	var f EventFilter
	day := func() *model.Date {
		d := model.NewDate(2005+r.IntN(20), time.Month(1+r.IntN(12)), 1+r.IntN(28))
		return &d
	}
	if r.IntN(2) == 0 {
		f.From = day()
		if r.IntN(3) > 0 {
			to := f.From.AddDays(r.IntN(400))
			f.To = &to
		}
	} else if r.IntN(4) == 0 {
		f.To = day()
	}
	types := []string{"layoff", "acquisition", "resignation", "ultimatum", "funding", "closure"}
	switch r.IntN(4) {
	case 0:
		f.Types = types[r.IntN(len(types)):][:1]
	case 1:
		f.Types = []string{types[r.IntN(3)], types[3+r.IntN(3)]}
	case 2:
		if r.IntN(3) == 0 {
			f.Types = types // more than maxTypeRanges: a filter
		}
	}
	switch r.IntN(5) {
	case 0:
		f.Actors = [][]int64{{actors[r.IntN(5)]}}
	case 1:
		f.Actors = [][]int64{{actors[r.IntN(len(actors))]}}
	case 2:
		f.Actors = [][]int64{{actors[r.IntN(3)], actors[3+r.IntN(3)]}} // two ids: a filter
	case 3:
		if r.IntN(2) == 0 {
			f.Actors = [][]int64{{actors[0]}, {actors[1+r.IntN(5)]}}
		}
	}
	if r.IntN(5) == 0 {
		f.Roles = []string{[]string{"employer", "decision_maker", "acquirer", "target", "person"}[r.IntN(5)]}
	}
	if r.IntN(4) == 0 {
		if r.IntN(5) == 0 {
			f.Query = "zzqxnothing"
		} else {
			f.Query = words[r.IntN(min(len(words), 40))]
		}
		f.textByDate = r.IntN(2) == 0
	}
	switch r.IntN(8) {
	case 0:
		f.Statuses = []string{"retracted", "confirmed"}
	case 1:
		f.AllStatuses = true
	}
	if r.IntN(2) == 0 {
		f.Sort = SortDateDesc
	} else {
		f.Sort = SortDate
	}
	return f
}

// TestEventPagesMatchThePlainQuery holds every way of reading a page of events (by actor, by
// type, by date window, text queries both ways) to the plain query with the same conditions:
// the same events in the same order, page after page, with the same actors.
func TestEventPagesMatchThePlainQuery(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, st := pagesCorpus(t)
	actors, words := busyActors(t, pool), titleWords(t, pool)

	// The actors of every event, as the API listed them before event_actor_lists.
	rows, err := pool.Query(ctx, `SELECT ea.event_id, a.id, a.slug, a.name, a.kind, ea.role
		FROM event_actors ea JOIN actors a ON a.id = ea.actor_id ORDER BY ea.event_id, ea.position, a.name, ea.role`)
	if err != nil {
		t.Fatal(err)
	}
	wantActors := map[int64][]model.EventActor{}
	for rows.Next() {
		var (
			id int64
			a  model.EventActor
		)
		if err := rows.Scan(&id, &a.ID, &a.Slug, &a.Name, &a.Kind, &a.Role); err != nil {
			t.Fatal(err)
		}
		wantActors[id] = append(wantActors[id], a)
	}
	rows.Close()

	r := rand.New(rand.NewPCG(3, 4))
	drivers := map[string]int{}
	for i := range 200 {
		f := randomEventFilter(r, actors, words)
		f.Limit = 1 + r.IntN(80)
		drivers[driverOf(f)]++
		if f.Query != "" && f.textByDate {
			drivers["text by date"]++
		}

		w := &sqlWhere{}
		eventWhere(f, w)
		rows, err := pool.Query(ctx, "SELECT e.id FROM events e WHERE "+w.String()+" ORDER BY "+eventSorts[f.Sort].order, w.args...)
		if err != nil {
			t.Fatal(err)
		}
		want, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for page := 0; ; page++ {
			p, err := st.listEvents(ctx, f)
			if err != nil {
				t.Fatalf("case %d (%+v): %v", i, f, err)
			}
			for _, e := range p.Events {
				got = append(got, e.ID)
				wa := wantActors[e.ID]
				if wa == nil {
					wa = []model.EventActor{}
				}
				if !reflect.DeepEqual(e.Actors, wa) {
					t.Fatalf("case %d: actors of event %d\ngot  %+v\nwant %+v", i, e.ID, e.Actors, wa)
				}
			}
			if p.Next == nil || page > 3000 {
				break
			}
			f.After = p.Next
		}
		if !slices.Equal(got, want) {
			f.After = nil
			sql, _ := eventListSQL(f, f.Limit+1)
			t.Fatalf("case %d (%s, %+v): %d events, want %d\ngot  %v\nwant %v\n%s", i, driverOf(f), f, len(got), len(want), head(got), head(want), sql)
		}
	}
	// Streams read pages of streamChunk in a snapshot: the same events as the plain query.
	for i, f := range []EventFilter{{}, {Sort: SortDateDesc, AllStatuses: true}, {Query: words[0]}, {Query: words[30], Sort: SortDateDesc},
		{From: &model.Date{}, Types: []string{"layoff"}}, {Actors: [][]int64{{actors[0]}}, Limit: 1500}} {
		if f.From != nil && f.From.IsZero() {
			d := model.NewDate(2015, 1, 1)
			f.From = &d
		}
		if f.Sort == "" {
			f.Sort = SortDate
		}
		w := &sqlWhere{}
		eventWhere(f, w)
		sql := "SELECT e.id FROM events e WHERE " + w.String() + " ORDER BY " + eventSorts[f.Sort].order
		if f.Limit > 0 {
			sql += fmt.Sprintf(" LIMIT %d", f.Limit)
		}
		rows, err := pool.Query(ctx, sql, w.args...)
		if err != nil {
			t.Fatal(err)
		}
		want, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		if err := st.EachEvent(ctx, f, func(e *model.Event) error { got = append(got, e.ID); return nil }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("stream %d (%+v): %d events, want %d (and some)", i, f, len(got), len(want))
		}
	}
	t.Logf("pages read by: %v", drivers)
	for _, d := range []string{"actor", "types", "window", "text by date", "text first", "plain"} {
		if drivers[d] < 10 {
			t.Errorf("only %d cases read by %s", drivers[d], d)
		}
	}
}

// driverOf names the way eventListSQL reads a page of f.
func driverOf(f EventFilter) string {
	switch {
	case f.Query != "" && !f.textByDate:
		return "text first"
	case drivingActor(f) >= 0:
		return "actor"
	case len(f.Types) > 0 && len(f.Types) <= maxTypeRanges:
		return "types"
	case f.From != nil:
		return "window"
	}
	return "plain"
}

func head(ids []int64) []int64 { return ids[:min(len(ids), 20)] }

// figureReference is the flat figure listing as it was computed before the kept tables
// (migrations 00010, 00012, 00015): per row, the actors aggregated and the canonical figure
// ranked by CanonicalOrder.
func figureReference(f FigureFilter) (string, []any) {
	w := &sqlWhere{}
	ev := f.Events
	ev.Metric, ev.Min, ev.Max, ev.ArticleID = "", nil, nil, nil
	eventWhere(ev, w)
	if len(f.Metrics) > 0 {
		w.add("fig.metric = ANY(%s)", f.Metrics)
	}
	if len(f.Units) > 0 {
		w.add("fig.unit = ANY(%s)", f.Units)
	}
	if f.Min != nil {
		w.add("fig.value >= %s", *f.Min)
	}
	canonical := `(SELECT f.id FROM figures f LEFT JOIN articles a ON a.id = f.article_id
		WHERE f.event_id = fig.event_id AND f.metric = fig.metric ORDER BY ` + CanonicalOrder + ` LIMIT 1)`
	if f.Canonical {
		w.add("fig.id = " + canonical)
	}
	order := "e.date_start, e.id, fig.id"
	if f.Sort == SortDateDesc {
		order = "e.date_start DESC, e.id DESC, fig.id DESC"
	}
	return fmt.Sprintf(`SELECT fig.id, e.id, e.type, e.title, e.status, e.date_start, e.date_end, e.date_precision,
	(SELECT coalesce(array_agg(a.name || ' (' || ea.role || ')' ORDER BY ea.position, a.name, ea.role), '{}')
	 FROM event_actors ea JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id),
	fig.metric, fig.value::float8, fig.unit, fig.qualifier, fig.low::float8, fig.high::float8, fig.derived,
	fig.id = %s, fig.article_id, src.url, src.source, src.published_at, fig.quote, fig.quote_start, fig.quote_end
FROM figures fig JOIN events e ON e.id = fig.event_id LEFT JOIN articles src ON src.id = fig.article_id
WHERE %s ORDER BY %s`, canonical, w, order), w.args
}

// TestFigurePagesMatchTheReference holds figure pages (by metric from figure_dates, by date
// window, one walk) to the listing computed row by row as before: the same rows, every column.
func TestFigurePagesMatchTheReference(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, st := pagesCorpus(t)
	actors, words := busyActors(t, pool), titleWords(t, pool)
	metrics := []string{"employees_affected", "headcount", "deal_value", "mentions", "workforce_share", "amount"}
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 120 {
		ev := randomEventFilter(r, actors, words)
		ev.Sort, ev.AllStatuses, ev.Statuses = "", false, nil
		f := FigureFilter{Events: ev, Sort: SortDate, Limit: 1 + r.IntN(120)}
		if r.IntN(2) == 0 {
			f.Sort = SortDateDesc
		}
		switch r.IntN(4) {
		case 0, 1:
			f.Metrics = metrics[r.IntN(len(metrics)):][:1]
		case 2:
			f.Metrics = []string{metrics[r.IntN(3)], metrics[3+r.IntN(3)]}
		}
		if r.IntN(4) == 0 {
			f.Canonical = true
		}
		if r.IntN(6) == 0 {
			f.Units = []string{"person"}
		}
		if r.IntN(6) == 0 {
			v := float64(r.IntN(1000))
			f.Min = &v
		}
		sql, args := figureReference(f)
		want := collectFigureRows(t, pool, sql, args)
		var got []model.FigureRow
		for page := 0; ; page++ {
			p, err := st.ListFigures(ctx, f)
			if err != nil {
				t.Fatalf("case %d (%+v): %v", i, f, err)
			}
			got = append(got, p.Figures...)
			if p.Next == nil || page > 3000 {
				break
			}
			f.After = p.Next
		}
		if len(got) != len(want) || (len(got) > 0 && !reflect.DeepEqual(got, want)) {
			f.After = nil
			sql, _ := figureListSQL(f, f.Limit+1)
			t.Fatalf("case %d (%+v): %d rows, want %d\n%s\n%s", i, f, len(got), len(want), diffRows(got, want), sql)
		}
	}
	// Streams, as the full export reads them.
	for i, f := range []FigureFilter{{Sort: SortDate}, {Sort: SortDateDesc, Metrics: []string{"headcount"}}, {Sort: SortDate, Limit: 1200}} {
		sql, args := figureReference(f)
		if f.Limit > 0 {
			sql += fmt.Sprintf(" LIMIT %d", f.Limit)
		}
		want := collectFigureRows(t, pool, sql, args)
		var got []model.FigureRow
		if err := st.EachFigure(ctx, f, func(r *model.FigureRow) error { got = append(got, *r); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || len(want) < streamChunk || !reflect.DeepEqual(got, want) {
			t.Errorf("stream %d (%+v): %d rows, want %d (more than %d)\n%s", i, f, len(got), len(want), streamChunk, diffRows(got, want))
		}
	}
}

func collectFigureRows(t *testing.T, pool *pgxpool.Pool, sql string, args []any) []model.FigureRow {
	t.Helper()
	rows, err := pool.Query(context.Background(), sql, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, sql)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.FigureRow, error) {
		var r model.FigureRow
		err := scanFigureRow(row, &r)
		return r, err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func diffRows(got, want []model.FigureRow) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("row %d:\ngot  %+v\nwant %+v", i, got[i], want[i])
		}
	}
	return ""
}

// TestTimelineCountsMatchTheEvents holds timelines read from the kept counts (migration 00013)
// to timelines counted from the events, for windows with and without ends, every interval.
func TestTimelineCountsMatchTheEvents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, st := pagesCorpus(t)
	_ = pool
	r := rand.New(rand.NewPCG(7, 8))
	day := func() *model.Date {
		d := model.NewDate(2004+r.IntN(22), time.Month(1+r.IntN(12)), 1+r.IntN(28))
		return &d
	}
	for i := range 150 {
		var f EventFilter
		switch r.IntN(4) {
		case 0:
			f.From = day()
		case 1:
			f.To = day()
		case 2:
			f.From = day()
			to := f.From.AddDays(r.IntN(900))
			f.To = &to
		}
		if r.IntN(3) == 0 && f.From != nil {
			d := model.NewDate(f.From.Time().Year(), f.From.Time().Month(), 1) // a month's first day
			f.From = &d
		}
		if r.IntN(3) == 0 {
			f.Types = []string{"layoff", "ultimatum"}[:1+r.IntN(2)]
		}
		interval := model.Intervals[r.IntN(len(model.Intervals))]
		if interval == "day" && (f.From == nil || f.To == nil) {
			interval = "month" // a daily timeline over twenty years is over MaxTimelineBuckets
		}
		got, err := st.timeline(ctx, f, interval, "", true)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		want, err := st.timeline(ctx, f, interval, "", false)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d (%s, %+v): %d buckets, want %d\n%s", i, interval, f, len(got), len(want), diffBuckets(got, want))
		}
	}
	// What the counts cannot answer reads the events.
	for _, f := range []EventFilter{{Actors: [][]int64{{1}}}, {Query: "x"}, {Statuses: []string{"retracted"}}, {AllStatuses: true}} {
		if countsServe(f) {
			t.Errorf("counts serve %+v", f)
		}
	}
}

func diffBuckets(got, want []model.TimelineBucket) string {
	var b strings.Builder
	for i := range max(len(got), len(want)) {
		var g, w model.TimelineBucket
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if !reflect.DeepEqual(g, w) {
			fmt.Fprintf(&b, "bucket %d:\ngot  %+v\nwant %+v\n", i, g, w)
			if b.Len() > 2000 {
				break
			}
		}
	}
	return b.String()
}

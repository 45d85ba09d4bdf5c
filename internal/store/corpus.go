package store

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/sync/errgroup"

	"github.com/newsevents/newsevents/internal/model"
)

// CorpusLoad is a generated corpus to write in bulk.
type CorpusLoad struct {
	Actors  []model.CorpusActor
	Batches iter.Seq[*model.CorpusBatch]
	// Progress, when set, is called from time to time with the number of events sent so far.
	Progress func(events int64)
}

// LoadStats counts the rows a bulk load wrote and times its phases.
type LoadStats struct {
	Actors, Articles, Events, EventActors, Sources, Figures, Links int64
	// Copy is the time spent copying rows; Index the time rebuilding indexes; Vacuum the time
	// spent freezing and analysing the tables.
	Copy, Index, Vacuum time.Duration
}

// NextIDs are the ids a bulk load may start from: one past the largest of each table.
type NextIDs struct {
	Actor, Event, Article, Figure int64
}

// NextIDs returns the first free ids of the tables a corpus writes.
func (s *Store) NextIDs(ctx context.Context) (NextIDs, error) {
	var n NextIDs
	err := s.db.QueryRow(ctx, `SELECT
		(SELECT coalesce(max(id), 0) + 1 FROM actors),
		(SELECT coalesce(max(id), 0) + 1 FROM events),
		(SELECT coalesce(max(id), 0) + 1 FROM articles),
		(SELECT coalesce(max(id), 0) + 1 FROM figures)`).Scan(&n.Actor, &n.Event, &n.Article, &n.Figure)
	if err != nil {
		return n, mapError(fmt.Errorf("find next ids: %w", err))
	}
	return n, nil
}

// DeleteAllRecords empties the record tables (articles, actors, events and all that hangs off
// them, history included) and restarts their ids. Vocabularies are kept.
func (s *Store) DeleteAllRecords(ctx context.Context) error {
	if _, err := s.db.Exec(ctx, `TRUNCATE articles, actors, events RESTART IDENTITY CASCADE`); err != nil {
		return mapError(fmt.Errorf("delete all records: %w", err))
	}
	return nil
}

// corpusTables are the tables a corpus load fills; their secondary indexes are dropped while
// rows are copied and rebuilt afterwards, which is several times faster than maintaining them
// row by row.
var corpusTables = []string{"articles", "events", "event_actors", "event_sources", "figures", "event_links",
	"event_actor_lists", "actor_events", "figure_canonical", "figure_dates", "event_counts_daily", "event_counts_monthly"}

// derivedTables are filled by triggers from the records (migrations 00010 to 00015); a corpus
// load, which turns triggers off, computes them at the end, each with one statement.
var derivedTables = []struct{ name, fill string }{
	{"event_actor_lists", `INSERT INTO event_actor_lists (event_id, actors, labels)
		SELECT event_id, actors, labels FROM event_actor_list_source`},
	{"actor_events", `INSERT INTO actor_events (event_id, actor_id, roles, date_start, span_class)
		SELECT event_id, actor_id, roles, date_start, span_class FROM actor_event_source`},
	{"figure_canonical", `INSERT INTO figure_canonical (event_id, metric, figure_id)
		SELECT event_id, metric, figure_id FROM figure_canonical_source`},
	{"figure_dates", `INSERT INTO figure_dates (figure_id, event_id, metric, date_start, span_class)
		SELECT f.id, f.event_id, f.metric, e.date_start, e.span_class FROM figures f JOIN events e ON e.id = f.event_id`},
	{"event_counts_daily", `INSERT INTO event_counts_daily (day, type, events)
		SELECT date_start, type, count(*) FROM events WHERE status <> 'retracted' AND merged_into IS NULL GROUP BY 1, 2`},
	{"event_counts_monthly", `INSERT INTO event_counts_monthly (month, type, events)
		SELECT date_trunc('month', date_start)::date, type, count(*) FROM events
		WHERE status <> 'retracted' AND merged_into IS NULL GROUP BY 1, 2`},
}

// LoadCorpus writes a corpus with COPY: the actors first, then every other table at once, each
// on its own connection. It is for filling test and benchmark databases, not for live ones:
//
//   - it needs a superuser, since it turns off triggers and foreign-key checks while copying
//     (session_replication_role = replica): the corpus must be consistent, its ids free, and
//     the columns triggers maintain (updated_at, actor_names for actors) are filled by the
//     corpus or by triggers left on;
//   - it drops the secondary indexes of the tables it fills and rebuilds them from their
//     definitions when the rows are in, so queries running meanwhile find no index;
//   - what triggers maintain is filled by the corpus (updated_at) or computed after the copy
//     (the full-text document of events); no history is recorded;
//   - each table is copied in its own transaction: a failed load leaves the rows copied so
//     far (empty the tables with DeleteAllRecords and load again).
//
// It ends with VACUUM (FREEZE, ANALYZE) of the tables, so the planner has statistics and
// index-only scans find the pages all-visible.
func (s *Store) LoadCorpus(ctx context.Context, in CorpusLoad) (LoadStats, error) {
	var st LoadStats
	pool := poolOf(s.db)
	if pool == nil {
		return st, errors.New("load corpus: needs the store of a pool, not of a transaction")
	}
	if err := checkReplicationRole(ctx, pool); err != nil {
		return st, err
	}
	start := time.Now()
	if err := copyActors(ctx, pool, in.Actors); err != nil {
		return st, err
	}
	st.Actors = int64(len(in.Actors))

	indexes, err := dropIndexes(ctx, pool, corpusTables)
	if err != nil {
		return st, err
	}
	copyErr := copyBatches(ctx, pool, in, &st)
	if copyErr == nil {
		copyErr = fillTriggerColumns(ctx, pool)
	}
	st.Copy = time.Since(start)

	// Rebuild the indexes even after a failure: the tables must not stay without them.
	start = time.Now()
	idxErr := createIndexes(context.WithoutCancel(ctx), pool, indexes)
	st.Index = time.Since(start)
	if err := errors.Join(copyErr, idxErr); err != nil {
		return st, err
	}
	if _, err := pool.Exec(ctx, `
		SELECT setval(pg_get_serial_sequence('actors', 'id'), greatest(1, (SELECT max(id) FROM actors))),
		       setval(pg_get_serial_sequence('events', 'id'), greatest(1, (SELECT max(id) FROM events))),
		       setval(pg_get_serial_sequence('articles', 'id'), greatest(1, (SELECT max(id) FROM articles))),
		       setval(pg_get_serial_sequence('figures', 'id'), greatest(1, (SELECT max(id) FROM figures)))`); err != nil {
		return st, mapError(fmt.Errorf("move id sequences past the corpus: %w", err))
	}
	start = time.Now()
	if err := vacuum(ctx, pool, append([]string{"actors", "actor_names"}, corpusTables...)); err != nil {
		return st, err
	}
	st.Vacuum = time.Since(start)
	return st, nil
}

// fillTriggerColumns computes what the triggers turned off during the copy would have: the
// full-text document of each event (events_set_search and event_sources_set_search), in two
// halves at once, then the derived tables (fillDerivedTables). The update leaves a dead version of every event row behind, so the table is
// rewritten compactly afterwards (cheap while its secondary indexes are dropped).
func fillTriggerColumns(ctx context.Context, pool *pgxpool.Pool) error {
	err := inParallel(ctx, pool, 2, 2, func(ctx context.Context, conn *pgxpool.Conn, i int) error {
		if _, err := conn.Exec(ctx, `SET session_replication_role = replica`); err != nil {
			return mapError(fmt.Errorf("turn off triggers: %w", err))
		}
		defer conn.Exec(context.WithoutCancel(ctx), `RESET session_replication_role`) //nolint:errcheck // a broken connection is discarded anyway
		if _, err := conn.Exec(ctx, `UPDATE events SET search = event_search(id, title, summary) WHERE id % 2 = $1`, i); err != nil {
			return mapError(fmt.Errorf("index the text of events: %w", err))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := pool.Exec(ctx, `VACUUM FULL events`); err != nil {
		return mapError(fmt.Errorf("compact events: %w", err))
	}
	return fillDerivedTables(ctx, pool)
}

// fillDerivedTables computes the tables triggers keep from the records, all of them again
// (the load may have added to records already there), two at a time.
func fillDerivedTables(ctx context.Context, pool *pgxpool.Pool) error {
	names := make([]string, len(derivedTables))
	for i, t := range derivedTables {
		names[i] = t.name
	}
	if _, err := pool.Exec(ctx, "TRUNCATE "+strings.Join(names, ", ")); err != nil {
		return mapError(fmt.Errorf("empty derived tables: %w", err))
	}
	return inParallel(ctx, pool, 2, len(derivedTables), func(ctx context.Context, conn *pgxpool.Conn, i int) error {
		if _, err := conn.Exec(ctx, derivedTables[i].fill); err != nil {
			return mapError(fmt.Errorf("fill %s: %w", derivedTables[i].name, err))
		}
		return nil
	})
}

// checkReplicationRole fails with a clear message when the role may not turn off triggers.
func checkReplicationRole(ctx context.Context, pool *pgxpool.Pool) error {
	var super bool
	if err := pool.QueryRow(ctx, `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&super); err != nil {
		return mapError(fmt.Errorf("check database role: %w", err))
	}
	if !super {
		return &model.Error{Code: model.Forbidden, Message: "a bulk load needs a superuser database role " +
			"(it turns off triggers and foreign-key checks while copying): use the embedded database or a superuser URL"}
	}
	return nil
}

func copyActors(ctx context.Context, pool *pgxpool.Pool, actors []model.CorpusActor) error {
	i := 0
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"actors"},
		[]string{"id", "kind", "name", "slug", "aliases", "wikidata_qid", "country", "description", "created_at", "updated_at"},
		pgx.CopyFromFunc(func() ([]any, error) {
			if i == len(actors) {
				return nil, nil
			}
			a := &actors[i]
			i++
			return []any{a.ID, a.Kind, a.Name, a.Slug, a.Aliases, a.WikidataQID, a.Country, a.Description, a.CreatedAt, a.CreatedAt}, nil
		}))
	if err != nil {
		return mapError(fmt.Errorf("copy actors: %w", err))
	}
	return nil
}

// copyTable is one COPY of a corpus load: a table, its columns, and the rows of a batch.
type copyTable struct {
	name    string
	columns []string
	rows    func(b *model.CorpusBatch, emit func(...any))
	count   *int64
	// streams is how many COPYs share the table's batches: articles, whose full-text vectors
	// cost most, get two so that they do not hold every other table back.
	streams int
}

func corpusCopies(st *LoadStats) []copyTable {
	return []copyTable{
		{"articles", []string{"id", "url", "source", "title", "language", "published_at", "body", "retrieved_at", "created_at", "updated_at"},
			func(b *model.CorpusBatch, emit func(...any)) {
				for i := range b.Articles {
					a := &b.Articles[i]
					emit(a.ID, a.URL, a.Source, a.Title, a.Language, a.PublishedAt, a.Body, a.RetrievedAt, a.RetrievedAt, a.RetrievedAt)
				}
			}, &st.Articles, 2},
		{"events", []string{"id", "type", "title", "summary", "date_start", "date_end", "date_precision", "date_text", "status", "confidence", "merged_into", "created_at", "updated_at"},
			func(b *model.CorpusBatch, emit func(...any)) {
				for i := range b.Events {
					e := &b.Events[i]
					emit(e.ID, e.Type, e.Title, e.Summary, e.DateStart, e.DateEnd, e.DatePrecision, e.DateText, e.Status, e.Confidence, e.MergedInto, e.CreatedAt, e.UpdatedAt)
				}
			}, &st.Events, 1},
		{"event_actors", []string{"event_id", "actor_id", "role", "position"},
			func(b *model.CorpusBatch, emit func(...any)) {
				for i := range b.Events {
					e := &b.Events[i]
					for _, a := range e.Actors {
						emit(e.ID, a.ActorID, a.Role, a.Position)
					}
				}
			}, &st.EventActors, 1},
		{"event_sources", []string{"event_id", "article_id", "quote", "quote_start", "quote_end", "created_at"},
			func(b *model.CorpusBatch, emit func(...any)) {
				for i := range b.Events {
					e := &b.Events[i]
					for _, s := range e.Sources {
						emit(e.ID, s.ArticleID, s.Quote, s.Start, s.End, e.CreatedAt)
					}
				}
			}, &st.Sources, 1},
		{"figures", []string{"id", "event_id", "metric", "value", "unit", "qualifier", "low", "high", "derived", "article_id", "quote", "quote_start", "quote_end", "created_at", "updated_at"},
			func(b *model.CorpusBatch, emit func(...any)) {
				for i := range b.Events {
					e := &b.Events[i]
					for _, f := range e.Figures {
						emit(f.ID, e.ID, f.Metric, f.Value, f.Unit, f.Qualifier, f.Low, f.High, f.Derived, f.ArticleID, f.Text, f.Start, f.End, e.CreatedAt, e.CreatedAt)
					}
				}
			}, &st.Figures, 1},
		{"event_links", []string{"from_event_id", "type", "to_event_id", "created_at"},
			func(b *model.CorpusBatch, emit func(...any)) {
				for i := range b.Events {
					e := &b.Events[i]
					for _, l := range e.Links {
						emit(e.ID, l.Type, l.ToEventID, e.CreatedAt)
					}
				}
			}, &st.Links, 1},
	}
}

// copyBatches sends every batch to the COPYs of every table, all running at once.
func copyBatches(ctx context.Context, pool *pgxpool.Pool, in CorpusLoad, st *LoadStats) error {
	g, ctx := errgroup.WithContext(ctx)
	copies := corpusCopies(st)
	chans := make([][]chan *model.CorpusBatch, len(copies))
	for i, t := range copies {
		for range t.streams {
			ch := make(chan *model.CorpusBatch, 8)
			chans[i] = append(chans[i], ch)
			g.Go(func() error {
				defer func() {
					for range ch { // let the producer finish if this COPY failed
					}
				}()
				return copyTableRows(ctx, pool, t, ch)
			})
		}
	}
	g.Go(func() error {
		defer func() {
			for _, chs := range chans {
				for _, ch := range chs {
					close(ch)
				}
			}
		}()
		var sent, seq int64
		last := time.Now()
		for b := range in.Batches {
			for _, chs := range chans {
				select {
				case chs[seq%int64(len(chs))] <- b:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			seq++
			sent += int64(len(b.Events))
			if in.Progress != nil && time.Since(last) > 5*time.Second {
				in.Progress(sent)
				last = time.Now()
			}
		}
		if in.Progress != nil {
			in.Progress(sent)
		}
		return nil
	})
	return g.Wait()
}

// copyTableRows copies the rows of t from the batches of ch, with triggers and foreign-key
// checks off.
func copyTableRows(ctx context.Context, pool *pgxpool.Pool, t copyTable, ch <-chan *model.CorpusBatch) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return mapError(fmt.Errorf("copy %s: %w", t.name, err))
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SET session_replication_role = replica`); err != nil {
		return mapError(fmt.Errorf("copy %s: turn off triggers: %w", t.name, err))
	}
	// The connection goes back to the pool: put the setting back whatever happens.
	defer conn.Exec(context.WithoutCancel(ctx), `RESET session_replication_role`) //nolint:errcheck // a broken connection is discarded anyway

	var (
		rows [][]any
		next int
	)
	emit := func(v ...any) { rows = append(rows, v) }
	n, err := conn.CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, pgx.CopyFromFunc(func() ([]any, error) {
		for next == len(rows) {
			b, ok := <-ch
			if !ok {
				return nil, nil
			}
			rows, next = rows[:0], 0
			t.rows(b, emit)
		}
		next++
		return rows[next-1], nil
	}))
	atomic.AddInt64(t.count, n)
	if err != nil {
		return mapError(fmt.Errorf("copy %s: %w", t.name, err))
	}
	return nil
}

// index is a secondary index as pg_get_indexdef gives it.
type index struct {
	name, def string
}

// dropIndexes drops the indexes of tables that back no constraint and returns their
// definitions.
func dropIndexes(ctx context.Context, pool *pgxpool.Pool, tables []string) ([]index, error) {
	rows, err := pool.Query(ctx, `
		SELECT format('%I.%I', n.nspname, ic.relname), pg_get_indexdef(i.indexrelid)
		FROM pg_index i
		JOIN pg_class ic ON ic.oid = i.indexrelid
		JOIN pg_class t ON t.oid = i.indrelid
		JOIN pg_namespace n ON n.oid = t.relnamespace
		WHERE t.relname = ANY($1) AND n.nspname = current_schema()
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
		ORDER BY t.relname, ic.relname`, tables)
	if err != nil {
		return nil, mapError(fmt.Errorf("list indexes: %w", err))
	}
	idx, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (index, error) {
		var x index
		err := row.Scan(&x.name, &x.def)
		return x, err
	})
	if err != nil {
		return nil, mapError(fmt.Errorf("list indexes: %w", err))
	}
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		for _, x := range idx {
			if _, err := tx.Exec(ctx, "DROP INDEX "+x.name); err != nil {
				return fmt.Errorf("drop index %s: %w", x.name, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, mapError(err)
	}
	return idx, nil
}

// createIndexes rebuilds indexes two at a time (PostgreSQL may add parallel workers to each).
// A failure does not stop the others: as many indexes as possible come back.
func createIndexes(ctx context.Context, pool *pgxpool.Pool, idx []index) error {
	var (
		mu   sync.Mutex
		errs []error
	)
	err := inParallel(ctx, pool, 2, len(idx), func(ctx context.Context, conn *pgxpool.Conn, i int) error {
		if _, err := conn.Exec(ctx, idx[i].def); err != nil {
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) && pgErr.Code == "42P07" { // already there
				return nil
			}
			mu.Lock()
			errs = append(errs, mapError(fmt.Errorf("rebuild index %s (%s): %w", idx[i].name, idx[i].def, err)))
			mu.Unlock()
		}
		return nil
	})
	return errors.Join(append(errs, err)...)
}

func vacuum(ctx context.Context, pool *pgxpool.Pool, tables []string) error {
	return inParallel(ctx, pool, 2, len(tables), func(ctx context.Context, conn *pgxpool.Conn, i int) error {
		if _, err := conn.Exec(ctx, "VACUUM (FREEZE, ANALYZE) "+pgx.Identifier{tables[i]}.Sanitize()); err != nil {
			return mapError(fmt.Errorf("vacuum %s: %w", tables[i], err))
		}
		return nil
	})
}

// inParallel calls fn for 0..n-1 on at most workers connections at once.
func inParallel(ctx context.Context, pool *pgxpool.Pool, workers, n int, fn func(ctx context.Context, conn *pgxpool.Conn, i int) error) error {
	var (
		mu   sync.Mutex
		next int
	)
	g, ctx := errgroup.WithContext(ctx)
	for range min(workers, n) {
		g.Go(func() error {
			conn, err := pool.Acquire(ctx)
			if err != nil {
				return mapError(fmt.Errorf("acquire connection: %w", err))
			}
			defer conn.Release()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return nil
				}
				if err := fn(ctx, conn, i); err != nil {
					return err
				}
			}
		})
	}
	return g.Wait()
}

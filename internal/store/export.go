package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// exportChunk is how many events ExportEvents reads at a time.
const exportChunk = 500

// ExportEvents calls fn with each event matching f, in id order, as a whole record (actors,
// figures, sources with their articles, links). Events are read in chunks from one snapshot
// of the database (a read-only repeatable-read transaction), so the export is consistent and
// memory stays flat however many events there are. f.Sort, f.After and f.Limit are ignored.
func (s *Store) ExportEvents(ctx context.Context, f EventFilter, fn func(*model.EventRecord) error) error {
	return s.snapshot(ctx, func(tx *Store) error {
		var after int64
		for {
			w := &sqlWhere{}
			eventWhere(f, w)
			w.add("e.id > %s", after)
			sql := "SELECT " + eventColumns + " FROM events e WHERE " + w.String() + " ORDER BY e.id LIMIT " + w.arg(exportChunk)
			rows, err := tx.db.Query(ctx, sql, w.args...)
			if err != nil {
				return mapError(fmt.Errorf("export events: %w", err))
			}
			recs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.EventRecord, error) {
				var r model.EventRecord
				err := scanEvent(row, &r.Event)
				return r, err
			})
			if err != nil {
				return mapError(fmt.Errorf("export events: %w", err))
			}
			if len(recs) == 0 {
				return nil
			}
			if err := tx.fillRecords(ctx, recs); err != nil {
				return err
			}
			for i := range recs {
				if err := fn(&recs[i]); err != nil {
					return err
				}
			}
			after = recs[len(recs)-1].ID
		}
	})
}

// snapshot runs fn in a read-only repeatable-read transaction, or in the running transaction.
func (s *Store) snapshot(ctx context.Context, fn func(tx *Store) error) error {
	b, ok := s.db.(interface {
		BeginTx(context.Context, pgx.TxOptions) (pgx.Tx, error)
	})
	if !ok {
		return fn(s)
	}
	tx, err := b.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return mapError(fmt.Errorf("begin snapshot: %w", err))
	}
	defer tx.Rollback(context.Background()) //nolint:errcheck // read-only
	return fn(&Store{db: tx})
}

// fillRecords loads the actors, figures, sources and links of recs, a query each.
func (s *Store) fillRecords(ctx context.Context, recs []model.EventRecord) error {
	ids := make([]int64, len(recs))
	byID := make(map[int64]*model.EventRecord, len(recs))
	for i := range recs {
		r := &recs[i]
		ids[i] = r.ID
		byID[r.ID] = r
		r.Event.Actors, r.Actors = []model.EventActor{}, []model.RecordActor{}
		r.Figures, r.Sources, r.Links = []model.Figure{}, []model.RecordSource{}, []model.Link{}
	}
	each := func(what, sql string, scan func(pgx.Rows, int64) error) error {
		rows, err := s.db.Query(ctx, sql, ids)
		if err != nil {
			return mapError(fmt.Errorf("export %s: %w", what, err))
		}
		defer rows.Close()
		for rows.Next() {
			var eventID int64
			if err := scan(rows, eventID); err != nil {
				return mapError(fmt.Errorf("export %s: %w", what, err))
			}
		}
		if err := rows.Err(); err != nil {
			return mapError(fmt.Errorf("export %s: %w", what, err))
		}
		return nil
	}
	err := each("actors", `
		SELECT ea.event_id, a.id, a.slug, a.name, a.kind, ea.role, a.aliases, a.wikidata_qid, a.country, a.description
		FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
		WHERE ea.event_id = ANY($1)
		ORDER BY ea.event_id, ea.position, a.name, ea.role`, func(rows pgx.Rows, eventID int64) error {
		var a model.RecordActor
		if err := rows.Scan(&eventID, &a.ID, &a.Slug, &a.Name, &a.Kind, &a.Role, &a.Aliases, &a.WikidataQID, &a.Country, &a.Description); err != nil {
			return err
		}
		r := byID[eventID]
		r.Actors = append(r.Actors, a)
		r.Event.Actors = append(r.Event.Actors, a.EventActor)
		return nil
	})
	if err != nil {
		return err
	}
	err = each("figures", `
		SELECT f.event_id, f.id, f.metric, f.value::float8, f.unit, f.qualifier, f.low::float8, f.high::float8,
		       f.derived, f.article_id, a.url, f.quote, f.quote_start, f.quote_end, f.created_at, f.updated_at,
		       row_number() OVER (PARTITION BY f.event_id, f.metric ORDER BY `+CanonicalOrder+`) = 1
		FROM figures f LEFT JOIN articles a ON a.id = f.article_id
		WHERE f.event_id = ANY($1)
		ORDER BY f.event_id, f.metric, f.id`, func(rows pgx.Rows, eventID int64) error {
		var f model.Figure
		if err := rows.Scan(&eventID, &f.ID, &f.Metric, &f.Value, &f.Unit, &f.Qualifier, &f.Low, &f.High,
			&f.Derived, &f.ArticleID, &f.ArticleURL, &f.Text, &f.Start, &f.End, &f.CreatedAt, &f.UpdatedAt, &f.Canonical); err != nil {
			return err
		}
		f.EventID = eventID
		r := byID[eventID]
		r.Figures = append(r.Figures, f)
		return nil
	})
	if err != nil {
		return err
	}
	err = each("sources", `
		SELECT es.event_id, a.id, a.url, a.source, a.title, a.language, a.published_at, a.body, a.retrieved_at,
		       es.quote, es.quote_start, es.quote_end, es.note
		FROM event_sources es JOIN articles a ON a.id = es.article_id
		WHERE es.event_id = ANY($1)
		ORDER BY es.event_id, a.published_at NULLS LAST, a.id`, func(rows pgx.Rows, eventID int64) error {
		var (
			src        model.RecordSource
			quote      string
			start, end *int
		)
		a := &src.Article
		if err := rows.Scan(&eventID, &a.ID, &a.URL, &a.Source, &a.Title, &a.Language, &a.PublishedAt, &a.Body, &a.RetrievedAt,
			&quote, &start, &end, &src.Note); err != nil {
			return err
		}
		if quote != "" || start != nil {
			src.Evidence = &model.Span{Text: quote}
			if start != nil && end != nil {
				src.Evidence.Start, src.Evidence.End = *start, *end
			}
		}
		r := byID[eventID]
		r.Sources = append(r.Sources, src)
		r.EventDetail.Sources = append(r.EventDetail.Sources, model.Source{Article: a.ArticleRef, Evidence: src.Evidence, Note: src.Note})
		return nil
	})
	if err != nil {
		return err
	}
	return each("links", `
		SELECT l.from_event_id, l.type, 'outgoing', e.id, e.type, e.title, e.date_start, e.date_end, e.status
		FROM event_links l JOIN events e ON e.id = l.to_event_id
		WHERE l.from_event_id = ANY($1)
		UNION ALL
		SELECT l.to_event_id, l.type, 'incoming', e.id, e.type, e.title, e.date_start, e.date_end, e.status
		FROM event_links l JOIN events e ON e.id = l.from_event_id
		WHERE l.to_event_id = ANY($1)
		ORDER BY 1, 3 DESC, 7, 4, 2`, func(rows pgx.Rows, eventID int64) error {
		var l model.Link
		if err := rows.Scan(&eventID, &l.Type, &l.Direction, &l.Event.ID, &l.Event.Type, &l.Event.Title,
			&l.Event.DateStart, &l.Event.DateEnd, &l.Event.Status); err != nil {
			return err
		}
		r := byID[eventID]
		r.Links = append(r.Links, l)
		return nil
	})
}

package store

import (
	"context"
	"fmt"

	"github.com/newsevents/newsevents/internal/model"
)

// CreateEvent stores e with its actors, figures and sources in one transaction and returns the
// new event's id. Actors and articles must already be stored.
func (s *Store) CreateEvent(ctx context.Context, e model.NewEvent) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		status := e.Status
		if status == "" {
			status = "extracted"
		}
		err := tx.db.QueryRow(ctx, `
			INSERT INTO events (type, title, summary, date_start, date_end, date_precision, date_text,
			                    status, confidence, external_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			RETURNING id`,
			e.Type, e.Title, e.Summary, e.DateStart, e.DateEnd, e.DatePrecision, e.DateText,
			status, e.Confidence, e.ExternalID).Scan(&id)
		if err != nil {
			return mapError(fmt.Errorf("insert event: %w", err))
		}
		for i, a := range e.Actors {
			if _, err := tx.db.Exec(ctx, `
				INSERT INTO event_actors (event_id, actor_id, role, position) VALUES ($1, $2, $3, $4)
				ON CONFLICT DO NOTHING`, id, a.ActorID, a.Role, i); err != nil {
				return mapError(fmt.Errorf("insert actor %d of event: %w", a.ActorID, err))
			}
		}
		for _, f := range e.Figures {
			if _, err := tx.insertFigure(ctx, id, f); err != nil {
				return err
			}
		}
		for _, src := range e.Sources {
			if err := tx.AddSource(ctx, id, src); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

func (s *Store) insertFigure(ctx context.Context, eventID int64, f model.NewFigure) (int64, error) {
	qualifier := f.Qualifier
	if qualifier == "" {
		qualifier = "exact"
	}
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO figures (event_id, metric, value, unit, qualifier, low, high, derived,
		                     article_id, quote, quote_start, quote_end)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		RETURNING id`,
		eventID, f.Metric, f.Value, f.Unit, qualifier, f.Low, f.High, f.Derived,
		f.ArticleID, f.Text, f.Start, f.End).Scan(&id)
	if err != nil {
		return 0, mapError(fmt.Errorf("insert %s figure: %w", f.Metric, err))
	}
	return id, nil
}

// AddSource attaches an article to an event with its evidence; attaching the same article
// again replaces the evidence.
func (s *Store) AddSource(ctx context.Context, eventID int64, src model.NewSource) error {
	var (
		quote      string
		start, end *int
	)
	if src.Evidence != nil {
		quote, start, end = src.Evidence.Text, &src.Evidence.Start, &src.Evidence.End
	}
	_, err := s.db.Exec(ctx, `
		INSERT INTO event_sources (event_id, article_id, quote, quote_start, quote_end, note)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (event_id, article_id) DO UPDATE
		SET quote = EXCLUDED.quote, quote_start = EXCLUDED.quote_start,
		    quote_end = EXCLUDED.quote_end, note = EXCLUDED.note`,
		eventID, src.ArticleID, quote, start, end, src.Note)
	if err != nil {
		return mapError(fmt.Errorf("attach article %d to event %d: %w", src.ArticleID, eventID, err))
	}
	return nil
}

// LinkEvents relates two events and reports whether the link is new; an identical link is kept.
func (s *Store) LinkEvents(ctx context.Context, l model.NewLink) (bool, error) {
	tag, err := s.db.Exec(ctx, `
		INSERT INTO event_links (from_event_id, type, to_event_id) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`, l.FromEventID, l.Type, l.ToEventID)
	if err != nil {
		return false, mapError(fmt.Errorf("link event %d %s %d: %w", l.FromEventID, l.Type, l.ToEventID, err))
	}
	return tag.RowsAffected() == 1, nil
}

// EventIDByExternalID returns the id of the event with that external id, or a NotFound error.
func (s *Store) EventIDByExternalID(ctx context.Context, externalID string) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `SELECT id FROM events WHERE external_id = $1`, externalID).Scan(&id)
	if err != nil {
		return 0, mapError(fmt.Errorf("find event %q: %w", externalID, err))
	}
	return id, nil
}

package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// LockEvent locks event id until the transaction ends, so concurrent changes to it queue up
// instead of overwriting each other. It returns a NotFound error when there is no such event.
func (s *Store) LockEvent(ctx context.Context, id int64) error {
	var one int
	err := s.db.QueryRow(ctx, `SELECT 1 FROM events WHERE id = $1 FOR UPDATE`, id).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return model.Errorf(model.NotFound, "no event with id %d", id)
	}
	if err != nil {
		return mapError(fmt.Errorf("lock event %d: %w", id, err))
	}
	return nil
}

// RetractEvent sets the status of event id to retracted (a soft delete: the event stays
// readable by id and in exports). It returns a NotFound error when there is no such event.
func (s *Store) RetractEvent(ctx context.Context, id int64) error {
	tag, err := s.db.Exec(ctx, `UPDATE events SET status = 'retracted' WHERE id = $1 AND status <> 'retracted'`, id)
	if err != nil {
		return mapError(fmt.Errorf("retract event %d: %w", id, err))
	}
	if tag.RowsAffected() == 0 {
		return s.LockEvent(ctx, id)
	}
	return nil
}

// CreateActor stores a new actor, making its slug from its name when none is given, and
// returns its id. A slug or Wikidata id already taken is a Conflict error.
func (s *Store) CreateActor(ctx context.Context, a model.NewActor) (int64, error) {
	ids, err := s.CreateActors(ctx, []model.ActorRef{{
		Slug: a.Slug, Name: a.Name, Kind: a.Kind, Aliases: a.Aliases,
		WikidataQID: a.WikidataQID, Country: a.Country, Description: a.Description,
	}}, false)
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// UpdateActor replaces the fields of actor id with a's. A slug or Wikidata id taken by another
// actor is a Conflict error; no such actor, NotFound.
func (s *Store) UpdateActor(ctx context.Context, id int64, a model.NewActor) error {
	aliases := a.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	tag, err := s.db.Exec(ctx, `
		UPDATE actors SET kind = $2, name = $3, slug = $4, aliases = $5, wikidata_qid = $6,
		       country = $7, description = $8
		WHERE id = $1`, id, a.Kind, a.Name, a.Slug, aliases, a.WikidataQID, a.Country, a.Description)
	if err != nil {
		return mapError(fmt.Errorf("update actor %d: %w", id, err))
	}
	if tag.RowsAffected() == 0 {
		return model.Errorf(model.NotFound, "no actor with id %d", id)
	}
	return nil
}

// GetFigure returns figure id (Canonical as in its event), or a NotFound error.
func (s *Store) GetFigure(ctx context.Context, id int64) (model.Figure, error) {
	var eventID int64
	err := s.db.QueryRow(ctx, `SELECT event_id FROM figures WHERE id = $1`, id).Scan(&eventID)
	if errors.Is(err, pgx.ErrNoRows) {
		return model.Figure{}, model.Errorf(model.NotFound, "no figure with id %d", id)
	}
	if err != nil {
		return model.Figure{}, mapError(fmt.Errorf("get figure %d: %w", id, err))
	}
	figs, err := s.eventFigures(ctx, eventID)
	if err != nil {
		return model.Figure{}, err
	}
	for _, f := range figs {
		if f.ID == id {
			return f, nil
		}
	}
	return model.Figure{}, model.Errorf(model.NotFound, "no figure with id %d", id)
}

// CreateFigure adds f, whose article is resolved, to event eventID and returns its id.
func (s *Store) CreateFigure(ctx context.Context, eventID int64, f model.FigureInput) (int64, error) {
	return s.insertFigure(ctx, eventID, model.NewFigure{
		Metric: f.Metric, Value: f.Value, Unit: f.Unit, Qualifier: f.Qualifier, Low: f.Low, High: f.High,
		Derived: f.Derived, ArticleID: articleID(f.Article), Text: f.Text, Start: f.Start, End: f.End,
	})
}

// UpdateFigure replaces the fields of figure id with f's (its article resolved), and may move
// it to another event. No such figure is a NotFound error.
func (s *Store) UpdateFigure(ctx context.Context, id, eventID int64, f model.FigureInput) error {
	q := f.Qualifier
	if q == "" {
		q = "exact"
	}
	tag, err := s.db.Exec(ctx, `
		UPDATE figures SET event_id = $2, metric = $3, value = $4, unit = $5, qualifier = $6, low = $7,
		       high = $8, derived = $9, article_id = $10, quote = $11, quote_start = $12, quote_end = $13
		WHERE id = $1`,
		id, eventID, f.Metric, f.Value, f.Unit, q, f.Low, f.High, f.Derived, articleID(f.Article), f.Text, f.Start, f.End)
	if err != nil {
		return mapError(fmt.Errorf("update figure %d: %w", id, err))
	}
	if tag.RowsAffected() == 0 {
		return model.Errorf(model.NotFound, "no figure with id %d", id)
	}
	return nil
}

// DeleteFigure deletes figure id; its history keeps the last version. No such figure is a
// NotFound error.
func (s *Store) DeleteFigure(ctx context.Context, id int64) error {
	tag, err := s.db.Exec(ctx, `DELETE FROM figures WHERE id = $1`, id)
	if err != nil {
		return mapError(fmt.Errorf("delete figure %d: %w", id, err))
	}
	if tag.RowsAffected() == 0 {
		return model.Errorf(model.NotFound, "no figure with id %d", id)
	}
	return nil
}

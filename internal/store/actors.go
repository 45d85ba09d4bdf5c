package store

import (
	"context"
	"fmt"

	"github.com/newsevents/newsevents/internal/model"
)

// EnsureActor stores a and returns its id; when an actor with the same slug exists it is left
// unchanged and its id returned, with created false.
func (s *Store) EnsureActor(ctx context.Context, a model.NewActor) (id int64, created bool, err error) {
	aliases := a.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	err = s.db.QueryRow(ctx, `
		INSERT INTO actors (kind, name, slug, aliases, wikidata_qid, country, description)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (slug) DO NOTHING
		RETURNING id`,
		a.Kind, a.Name, a.Slug, aliases, a.WikidataQID, a.Country, a.Description).Scan(&id)
	if err == nil {
		return id, true, nil
	}
	if model.ErrorCode(mapError(err)) != model.NotFound {
		return 0, false, mapError(fmt.Errorf("store actor %s: %w", a.Slug, err))
	}
	if err := s.db.QueryRow(ctx, `SELECT id FROM actors WHERE slug = $1`, a.Slug).Scan(&id); err != nil {
		return 0, false, mapError(fmt.Errorf("find actor %s: %w", a.Slug, err))
	}
	return id, false, nil
}

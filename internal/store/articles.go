package store

import (
	"context"
	"fmt"

	"github.com/newsevents/newsevents/internal/model"
)

// EnsureArticle stores a and returns its id; when an article with the same URL exists it is
// left unchanged and its id returned, with created false. The URL must already be normalised.
func (s *Store) EnsureArticle(ctx context.Context, a model.NewArticle) (id int64, created bool, err error) {
	err = s.db.QueryRow(ctx, `
		INSERT INTO articles (url, source, title, language, published_at, body, retrieved_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (url) DO NOTHING
		RETURNING id`,
		a.URL, a.Source, a.Title, a.Language, a.PublishedAt, a.Body, a.RetrievedAt).Scan(&id)
	if err == nil {
		return id, true, nil
	}
	if model.ErrorCode(mapError(err)) != model.NotFound {
		return 0, false, mapError(fmt.Errorf("store article %s: %w", a.URL, err))
	}
	if err := s.db.QueryRow(ctx, `SELECT id FROM articles WHERE url = $1`, a.URL).Scan(&id); err != nil {
		return 0, false, mapError(fmt.Errorf("find article %s: %w", a.URL, err))
	}
	return id, false, nil
}

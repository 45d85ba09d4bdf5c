package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// ArticleFilter selects articles. Zero fields do not filter.
type ArticleFilter struct {
	// Sources keeps articles of these publishers.
	Sources []string
	// Languages keeps articles in these languages (ISO 639-1).
	Languages []string
	// PublishedFrom and PublishedTo keep articles published on those days (UTC) or between.
	PublishedFrom, PublishedTo *model.Date
	// Query keeps articles whose title or body match this web-search query (English, French).
	Query string
	// Sort orders the listing (ArticlesNewest when empty).
	Sort ArticleSort
	// After continues a listing after this position; its Sort must be the filter's.
	After *ArticleCursor
	// Limit caps the number of articles returned; the caller validates it.
	Limit int
}

// ArticleSort is an order of article listings; articles with no publication time come last.
type ArticleSort string

// The orders of article listings.
const (
	ArticlesNewest ArticleSort = "-published"
	ArticlesOldest ArticleSort = "published"
)

// ArticleCursor is a position in an article listing.
type ArticleCursor struct {
	Sort        ArticleSort
	PublishedAt *time.Time
	ID          int64
}

// ArticlePage is one page of an article listing; Next is nil on the last page.
type ArticlePage struct {
	Articles []model.ArticleSummary
	Next     *ArticleCursor
}

func articleListSQL(f ArticleFilter) (string, []any) {
	w := &sqlWhere{}
	if len(f.Sources) > 0 {
		w.add("a.source = ANY(%s)", f.Sources)
	}
	if len(f.Languages) > 0 {
		w.add("a.language = ANY(%s)", f.Languages)
	}
	if f.PublishedFrom != nil {
		w.add("a.published_at >= %s", f.PublishedFrom.Time())
	}
	if f.PublishedTo != nil {
		w.add("a.published_at < %s", f.PublishedTo.AddDays(1).Time())
	}
	if f.Query != "" {
		w.add("a.search @@ search_query(%s)", f.Query)
	}
	// Keysets over (published_at, id) with NULLs last in both directions.
	order := "a.published_at DESC NULLS LAST, a.id DESC"
	cmp, idCmp := "<", "<"
	if f.Sort == ArticlesOldest {
		order = "a.published_at ASC NULLS LAST, a.id ASC"
		cmp, idCmp = ">", ">"
	}
	if c := f.After; c != nil {
		if c.PublishedAt != nil {
			w.add("((a.published_at, a.id) "+cmp+" (%s, %s) OR a.published_at IS NULL)", *c.PublishedAt, c.ID)
		} else {
			w.add("(a.published_at IS NULL AND a.id "+idCmp+" %s)", c.ID)
		}
	}
	return fmt.Sprintf(`SELECT a.id, a.url, a.source, a.title, a.language, a.published_at, a.retrieved_at,
	a.created_at, a.updated_at
FROM articles a WHERE %s ORDER BY %s LIMIT %s`, w, order, w.arg(f.Limit+1)), w.args
}

// ListArticles returns a page of the articles matching f, without their bodies.
func (s *Store) ListArticles(ctx context.Context, f ArticleFilter) (ArticlePage, error) {
	if f.Sort == "" {
		f.Sort = ArticlesNewest
	}
	if f.After != nil && f.After.Sort != f.Sort {
		return ArticlePage{}, model.Errorf(model.Invalid, "the cursor belongs to a listing sorted by %s", f.After.Sort)
	}
	sql, args := articleListSQL(f)
	rows, err := s.db.Query(ctx, sql, args...)
	if err != nil {
		return ArticlePage{}, mapError(fmt.Errorf("list articles: %w", err))
	}
	arts, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.ArticleSummary, error) {
		var a model.ArticleSummary
		err := row.Scan(&a.ID, &a.URL, &a.Source, &a.Title, &a.Language, &a.PublishedAt, &a.RetrievedAt,
			&a.CreatedAt, &a.UpdatedAt)
		return a, err
	})
	if err != nil {
		return ArticlePage{}, mapError(fmt.Errorf("list articles: %w", err))
	}
	page := ArticlePage{Articles: arts}
	if len(arts) > f.Limit {
		page.Articles = arts[:f.Limit]
		last := page.Articles[f.Limit-1]
		page.Next = &ArticleCursor{Sort: f.Sort, PublishedAt: last.PublishedAt, ID: last.ID}
	}
	return page, nil
}

// GetArticle returns the article id, body included, with the events it supports and the
// quote supporting each. It returns a NotFound error when there is no such article.
func (s *Store) GetArticle(ctx context.Context, id int64) (model.ArticleDetail, error) {
	var d model.ArticleDetail
	a := &d.Article
	err := s.db.QueryRow(ctx, `
		SELECT id, url, source, title, language, published_at, body, retrieved_at, created_at, updated_at
		FROM articles WHERE id = $1`, id).Scan(&a.ID, &a.URL, &a.Source, &a.Title, &a.Language,
		&a.PublishedAt, &a.Body, &a.RetrievedAt, &a.CreatedAt, &a.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, model.Errorf(model.NotFound, "no article with id %d", id)
	}
	if err != nil {
		return d, mapError(fmt.Errorf("get article %d: %w", id, err))
	}
	rows, err := s.db.Query(ctx, `
		SELECT e.id, e.type, e.title, e.date_start, e.date_end, e.status,
		       es.quote, es.quote_start, es.quote_end, es.note
		FROM event_sources es JOIN events e ON e.id = es.event_id
		WHERE es.article_id = $1
		ORDER BY e.date_start, e.id`, id)
	if err != nil {
		return d, mapError(fmt.Errorf("load events of article %d: %w", id, err))
	}
	d.Events, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.ArticleEvent, error) {
		var (
			ae         model.ArticleEvent
			quote      string
			start, end *int
		)
		err := row.Scan(&ae.ID, &ae.Type, &ae.Title, &ae.DateStart, &ae.DateEnd, &ae.Status,
			&quote, &start, &end, &ae.Note)
		ae.Evidence = span(quote, start, end)
		return ae, err
	})
	if err != nil {
		return d, mapError(fmt.Errorf("load events of article %d: %w", id, err))
	}
	return d, nil
}

// span returns the evidence of a quote and its offsets, nil when there is neither.
func span(quote string, start, end *int) *model.Span {
	if quote == "" && start == nil {
		return nil
	}
	sp := &model.Span{Text: quote}
	if start != nil && end != nil {
		sp.Start, sp.End = *start, *end
	}
	return sp
}

// GetArticleRef returns the short form of article id, or a NotFound error.
func (s *Store) GetArticleRef(ctx context.Context, id int64) (model.ArticleRef, error) {
	var a model.ArticleRef
	err := s.db.QueryRow(ctx, `SELECT id, url, source, title, language, published_at FROM articles WHERE id = $1`, id).
		Scan(&a.ID, &a.URL, &a.Source, &a.Title, &a.Language, &a.PublishedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return a, model.Errorf(model.NotFound, "no article with id %d", id)
	}
	if err != nil {
		return a, mapError(fmt.Errorf("get article %d: %w", id, err))
	}
	return a, nil
}

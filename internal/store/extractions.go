package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// LockExtractions serialises the writing of extractions until the transaction ends: deciding
// that a report is about no stored event and then creating one must not interleave with
// another extraction deciding the same. Take it before FindActorsByName.
func (s *Store) LockExtractions(ctx context.Context) error {
	if _, err := s.db.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('newsevents:extractions'))`); err != nil {
		return mapError(fmt.Errorf("lock extractions: %w", err))
	}
	return nil
}

// ArticleText is what the extractor reads of an article.
type ArticleText struct {
	ID          int64
	Body        string
	Language    *string
	PublishedAt *time.Time
}

// GetArticleText returns the body, language and publication time of article id, or a NotFound
// error.
func (s *Store) GetArticleText(ctx context.Context, id int64) (ArticleText, error) {
	a := ArticleText{ID: id}
	err := s.db.QueryRow(ctx, `SELECT body, language, published_at FROM articles WHERE id = $1`, id).
		Scan(&a.Body, &a.Language, &a.PublishedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return a, model.Errorf(model.NotFound, "no article with id %d", id)
	}
	if err != nil {
		return a, mapError(fmt.Errorf("get text of article %d: %w", id, err))
	}
	return a, nil
}

// FillArticle sets the members of stored article id that are empty (body, source, title,
// language, published_at, retrieved_at) to a's, leaving the others as they are, and reports
// whether anything changed. An article first stored by URL alone (an imported row) gets its
// text this way; an article that has a body keeps it, so offsets quoted into it stay true.
func (s *Store) FillArticle(ctx context.Context, id int64, a model.ArticleInput) (bool, error) {
	tag, err := s.db.Exec(ctx, `
		UPDATE articles SET
		       body = CASE WHEN body = '' THEN $2 ELSE body END,
		       source = CASE WHEN source = '' THEN $3 ELSE source END,
		       title = CASE WHEN title = '' THEN $4 ELSE title END,
		       language = coalesce(language, $5),
		       published_at = coalesce(published_at, $6),
		       retrieved_at = coalesce(retrieved_at, $7)
		WHERE id = $1
		  AND ((body = '' AND $2 <> '') OR (source = '' AND $3 <> '') OR (title = '' AND $4 <> '')
		       OR (language IS NULL AND $5::text IS NOT NULL) OR (published_at IS NULL AND $6::timestamptz IS NOT NULL)
		       OR (retrieved_at IS NULL AND $7::timestamptz IS NOT NULL))`,
		id, a.Body, a.Source, a.Title, a.Language, a.PublishedAt, a.RetrievedAt)
	if err != nil {
		return false, mapError(fmt.Errorf("fill article %d: %w", id, err))
	}
	return tag.RowsAffected() > 0, nil
}

// ActorsByID returns the short form of each of the actors ids (those that exist), with no role.
func (s *Store) ActorsByID(ctx context.Context, ids []int64) (map[int64]model.EventActor, error) {
	out := map[int64]model.EventActor{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.db.Query(ctx, `SELECT id, slug, name, kind FROM actors WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, mapError(fmt.Errorf("load actors: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var a model.EventActor
		if err := rows.Scan(&a.ID, &a.Slug, &a.Name, &a.Kind); err != nil {
			return nil, mapError(fmt.Errorf("load actors: %w", err))
		}
		out[a.ID] = a
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("load actors: %w", err))
	}
	return out, nil
}

// MatchCandidate is a stored event an extracted one may be about.
type MatchCandidate struct {
	model.EventRef
	DatePrecision string
	DateText      string
	MergedInto    *int64
	// Actors are the event's actors in their order of importance (position).
	Actors []model.EventActor
	// Sourced reports that the article asked about is a source of the event already, with
	// Evidence as its quote.
	Sourced  bool
	Evidence *model.Span
}

// MatchCandidates returns, in id order, the stored events of type typ that article articleID
// is a source of already, whatever their status, and the live events (neither retracted nor
// merged into another) of that type in which actor actorID takes part (none when actorID is
// 0) and whose date range overlaps [from, to].
func (s *Store) MatchCandidates(ctx context.Context, typ string, articleID, actorID int64, from, to model.Date) ([]MatchCandidate, error) {
	rows, err := s.db.Query(ctx, `
		SELECT e.id, e.type, e.title, e.date_start, e.date_end, e.status, e.date_precision, e.date_text,
		       e.merged_into, es.article_id IS NOT NULL, coalesce(es.quote, ''), es.quote_start, es.quote_end,
		       `+eventActorsJSON+`
		FROM events e
		LEFT JOIN event_sources es ON es.event_id = e.id AND es.article_id = $2
		WHERE e.type = $1 AND e.id IN (
			SELECT s.event_id FROM event_sources s WHERE s.article_id = $2
			UNION
			SELECT ea.event_id FROM event_actors ea JOIN events x ON x.id = ea.event_id
			WHERE ea.actor_id = $3 AND x.type = $1 AND x.status <> 'retracted' AND x.merged_into IS NULL
			  AND x.date_end >= $4 AND x.date_start <= $5)
		ORDER BY e.id`, typ, articleID, actorID, from, to)
	if err != nil {
		return nil, mapError(fmt.Errorf("find stored %s events to match: %w", typ, err))
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (MatchCandidate, error) {
		var (
			c          MatchCandidate
			quote      string
			start, end *int
		)
		err := row.Scan(&c.ID, &c.Type, &c.Title, &c.DateStart, &c.DateEnd, &c.Status, &c.DatePrecision, &c.DateText,
			&c.MergedInto, &c.Sourced, &quote, &start, &end, &c.Actors)
		if c.Sourced {
			c.Evidence = span(quote, start, end)
		}
		return c, err
	})
	if err != nil {
		return nil, mapError(fmt.Errorf("find stored %s events to match: %w", typ, err))
	}
	return out, nil
}

// CreateExtraction records an extraction of article articleID: the language the text was read
// as, the publication date relative dates were resolved against, and each candidate event with
// what storing it did (Action, the event's id in Event.ID, Reason, Match, Candidate). The
// author is the transaction's (WriteTx). It returns the extraction as ListExtractions does.
func (s *Store) CreateExtraction(ctx context.Context, articleID int64, language string, published *model.Date, events []model.ExtractedEvent) (model.Extraction, error) {
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO extractions (article_id, language, published, created_by)
		VALUES ($1, $2, $3, coalesce(nullif(current_setting('newsevents.actor', true), ''), 'sql:' || session_user))
		RETURNING id`, articleID, language, published).Scan(&id)
	if err != nil {
		return model.Extraction{}, mapError(fmt.Errorf("record extraction of article %d: %w", articleID, err))
	}
	if len(events) > 0 {
		var (
			pos                 []int32
			actions, reasons    []string
			eventIDs            []*int64
			matches, candidates []*string
			encodeErr           error
		)
		encode := func(v any) *string {
			b, err := json.Marshal(v)
			encodeErr = errors.Join(encodeErr, err)
			s := string(b)
			return &s
		}
		for i, e := range events {
			pos = append(pos, int32(i))
			actions = append(actions, e.Action)
			reasons = append(reasons, e.Reason)
			var eid *int64
			if e.Event != nil {
				eid = &e.Event.ID
			}
			eventIDs = append(eventIDs, eid)
			var m *string
			if e.Match != nil {
				m = encode(e.Match)
			}
			matches = append(matches, m)
			candidates = append(candidates, encode(e.Candidate))
		}
		if encodeErr != nil {
			return model.Extraction{}, fmt.Errorf("encode extracted events: %w", encodeErr)
		}
		_, err := s.db.Exec(ctx, `
			INSERT INTO extraction_events (extraction_id, position, action, event_id, reason, match, candidate)
			SELECT $1, pos, action, event_id, reason, match::jsonb, candidate::jsonb
			FROM unnest($2::smallint[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])
			     AS t(pos, action, event_id, reason, match, candidate)`,
			id, pos, actions, eventIDs, reasons, matches, candidates)
		if err != nil {
			return model.Extraction{}, mapError(fmt.Errorf("record extracted events of article %d: %w", articleID, err))
		}
	}
	got, err := s.extractions(ctx, `x.id = $1`, id)
	if err != nil {
		return model.Extraction{}, err
	}
	if len(got) != 1 {
		return model.Extraction{}, fmt.Errorf("read back extraction %d: found %d", id, len(got))
	}
	return got[0], nil
}

// LatestExtraction returns the last extraction of article articleID, or a NotFound error when
// it has none.
func (s *Store) LatestExtraction(ctx context.Context, articleID int64) (model.Extraction, error) {
	got, err := s.extractions(ctx, `x.id = (SELECT max(id) FROM extractions WHERE article_id = $1)`, articleID)
	if err != nil {
		return model.Extraction{}, err
	}
	if len(got) == 0 {
		return model.Extraction{}, model.Errorf(model.NotFound, "article %d has no extraction", articleID)
	}
	return got[0], nil
}

// ListExtractions returns up to limit extractions of article articleID, newest first, after
// the one with id before (0: from the newest), and whether more follow. It returns a NotFound
// error when there is no such article.
func (s *Store) ListExtractions(ctx context.Context, articleID, before int64, limit int) ([]model.Extraction, bool, error) {
	var exists bool
	if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE id = $1)`, articleID).Scan(&exists); err != nil {
		return nil, false, mapError(fmt.Errorf("find article %d: %w", articleID, err))
	}
	if !exists {
		return nil, false, model.Errorf(model.NotFound, "no article with id %d", articleID)
	}
	got, err := s.extractions(ctx, `x.id IN (SELECT id FROM extractions WHERE article_id = $1 AND ($2::bigint = 0 OR id < $2::bigint)
		ORDER BY id DESC LIMIT $3)`, articleID, before, limit+1)
	if err != nil {
		return nil, false, err
	}
	if len(got) > limit {
		return got[:limit], true, nil
	}
	return got, false, nil
}

// extractions reads the extractions selected by where (on extractions x), newest first, with
// their events.
func (s *Store) extractions(ctx context.Context, where string, args ...any) ([]model.Extraction, error) {
	rows, err := s.db.Query(ctx, `
		SELECT x.id, x.article_id, x.language, x.published, x.created_by, x.created_at
		FROM extractions x WHERE `+where+` ORDER BY x.id DESC`, args...)
	if err != nil {
		return nil, mapError(fmt.Errorf("load extractions: %w", err))
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.Extraction, error) {
		var x model.Extraction
		err := row.Scan(&x.ID, &x.ArticleID, &x.Language, &x.Published, &x.CreatedBy, &x.CreatedAt)
		x.Events = []model.ExtractedEvent{}
		return x, err
	})
	if err != nil {
		return nil, mapError(fmt.Errorf("load extractions: %w", err))
	}
	if len(out) == 0 {
		return out, nil
	}
	byID := map[int64]*model.Extraction{}
	ids := make([]int64, len(out))
	for i := range out {
		byID[out[i].ID] = &out[i]
		ids[i] = out[i].ID
	}
	rows, err = s.db.Query(ctx, `
		SELECT xe.extraction_id, xe.action, xe.reason, xe.match, xe.candidate,
		       e.id, e.type, e.title, e.date_start, e.date_end, e.status
		FROM extraction_events xe LEFT JOIN events e ON e.id = xe.event_id
		WHERE xe.extraction_id = ANY($1)
		ORDER BY xe.extraction_id, xe.position`, ids)
	if err != nil {
		return nil, mapError(fmt.Errorf("load extracted events: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var (
			xid              int64
			ev               model.ExtractedEvent
			match, candidate []byte
			ref              struct {
				id                 *int64
				typ, title, status *string
				start, end         *model.Date
			}
		)
		if err := rows.Scan(&xid, &ev.Action, &ev.Reason, &match, &candidate,
			&ref.id, &ref.typ, &ref.title, &ref.start, &ref.end, &ref.status); err != nil {
			return nil, mapError(fmt.Errorf("load extracted events: %w", err))
		}
		if match != nil {
			ev.Match = &model.EventMatch{}
			if err := json.Unmarshal(match, ev.Match); err != nil {
				return nil, fmt.Errorf("decode match of extraction %d: %w", xid, err)
			}
		}
		if err := json.Unmarshal(candidate, &ev.Candidate); err != nil {
			return nil, fmt.Errorf("decode candidate of extraction %d: %w", xid, err)
		}
		if ref.id != nil {
			ev.Event = &model.EventRef{ID: *ref.id, Type: *ref.typ, Title: *ref.title, DateStart: *ref.start, DateEnd: *ref.end, Status: *ref.status}
		}
		x := byID[xid]
		x.Events = append(x.Events, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("load extracted events: %w", err))
	}
	return out, nil
}

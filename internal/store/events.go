package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// EventFilter selects events. Nil fields do not filter.
type EventFilter struct {
	// From and To keep the events whose date range overlaps [From, To].
	From *model.Date
	To   *model.Date
	// After continues a listing after this position (keyset pagination).
	After *EventCursor
	// Limit caps the number of events returned; the caller validates it.
	Limit int
}

// EventCursor is a position in an event listing ordered by start date then id.
type EventCursor struct {
	DateStart model.Date
	ID        int64
}

// EventPage is one page of an event listing; Next is nil on the last page.
type EventPage struct {
	Events []model.Event
	Next   *EventCursor
}

const eventColumns = `e.id, e.type, e.title, e.summary, e.date_start, e.date_end, e.date_precision,
	e.date_text, e.status, e.confidence, e.merged_into, e.external_id, e.created_at, e.updated_at`

func scanEvent(row pgx.Row, e *model.Event) error {
	return row.Scan(&e.ID, &e.Type, &e.Title, &e.Summary, &e.DateStart, &e.DateEnd, &e.DatePrecision,
		&e.DateText, &e.Status, &e.Confidence, &e.MergedInto, &e.ExternalID, &e.CreatedAt, &e.UpdatedAt)
}

// ListEvents returns a page of the events matching f, ordered by start date, then id.
// Retracted events and events merged into others are left out.
func (s *Store) ListEvents(ctx context.Context, f EventFilter) (EventPage, error) {
	var (
		where = []string{"e.status <> 'retracted'", "e.merged_into IS NULL"}
		args  []any
	)
	add := func(cond string, arg ...any) {
		n := make([]any, len(arg))
		for i, a := range arg {
			args = append(args, a)
			n[i] = len(args)
		}
		where = append(where, fmt.Sprintf(cond, n...))
	}
	if f.From != nil {
		add("e.date_end >= $%d", *f.From)
	}
	if f.To != nil {
		add("e.date_start <= $%d", *f.To)
	}
	if f.After != nil {
		add("(e.date_start, e.id) > ($%d, $%d)", f.After.DateStart, f.After.ID)
	}
	args = append(args, f.Limit+1)
	sql := fmt.Sprintf(`SELECT %s FROM events e WHERE %s ORDER BY e.date_start, e.id LIMIT $%d`,
		eventColumns, strings.Join(where, " AND "), len(args))

	rows, err := s.db.Query(ctx, sql, args...)
	if err != nil {
		return EventPage{}, mapError(fmt.Errorf("list events: %w", err))
	}
	events, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.Event, error) {
		var e model.Event
		err := scanEvent(row, &e)
		return e, err
	})
	if err != nil {
		return EventPage{}, mapError(fmt.Errorf("list events: %w", err))
	}
	var page EventPage
	if len(events) > f.Limit {
		events = events[:f.Limit]
		last := events[len(events)-1]
		page.Next = &EventCursor{DateStart: last.DateStart, ID: last.ID}
	}
	if err := s.attachActors(ctx, events); err != nil {
		return EventPage{}, err
	}
	page.Events = events
	return page, nil
}

// attachActors fills the Actors of events with one query for the whole page.
func (s *Store) attachActors(ctx context.Context, events []model.Event) error {
	if len(events) == 0 {
		return nil
	}
	ids := make([]int64, len(events))
	byID := make(map[int64]*model.Event, len(events))
	for i := range events {
		ids[i] = events[i].ID
		events[i].Actors = []model.EventActor{}
		byID[events[i].ID] = &events[i]
	}
	rows, err := s.db.Query(ctx, `
		SELECT ea.event_id, a.id, a.slug, a.name, a.kind, ea.role
		FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
		WHERE ea.event_id = ANY($1)
		ORDER BY ea.event_id, ea.position, a.name, ea.role`, ids)
	if err != nil {
		return mapError(fmt.Errorf("load event actors: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var (
			eventID int64
			a       model.EventActor
		)
		if err := rows.Scan(&eventID, &a.ID, &a.Slug, &a.Name, &a.Kind, &a.Role); err != nil {
			return mapError(fmt.Errorf("load event actors: %w", err))
		}
		e := byID[eventID]
		e.Actors = append(e.Actors, a)
	}
	if err := rows.Err(); err != nil {
		return mapError(fmt.Errorf("load event actors: %w", err))
	}
	return nil
}

// GetEvent returns the event id with its actors, figures, sources and links, whatever its status.
// It returns a NotFound error when there is no such event.
func (s *Store) GetEvent(ctx context.Context, id int64) (model.EventDetail, error) {
	var d model.EventDetail
	err := scanEvent(s.db.QueryRow(ctx, `SELECT `+eventColumns+` FROM events e WHERE e.id = $1`, id), &d.Event)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, model.Errorf(model.NotFound, "no event with id %d", id)
	}
	if err != nil {
		return d, mapError(fmt.Errorf("get event %d: %w", id, err))
	}
	events := []model.Event{d.Event}
	if err := s.attachActors(ctx, events); err != nil {
		return d, err
	}
	d.Event = events[0]
	if d.Figures, err = s.eventFigures(ctx, id); err != nil {
		return d, err
	}
	if d.Sources, err = s.eventSources(ctx, id); err != nil {
		return d, err
	}
	if d.Links, err = s.eventLinks(ctx, id); err != nil {
		return d, err
	}
	return d, nil
}

// CanonicalOrder ranks the figures of one event and metric: the first is canonical. Exact values
// beat ranges, ranges beat approximations, approximations beat bounds; then the most recently
// published source wins (later reports correct earlier ones); then the figure recorded first.
const CanonicalOrder = `CASE f.qualifier WHEN 'exact' THEN 0 WHEN 'range' THEN 1 WHEN 'approximate' THEN 2 ELSE 3 END,
	a.published_at DESC NULLS LAST, f.id`

func (s *Store) eventFigures(ctx context.Context, eventID int64) ([]model.Figure, error) {
	rows, err := s.db.Query(ctx, `
		SELECT f.id, f.event_id, f.metric, f.value::float8, f.unit, f.qualifier, f.low::float8, f.high::float8,
		       f.derived, f.article_id, a.url, f.quote, f.quote_start, f.quote_end, f.created_at, f.updated_at,
		       row_number() OVER (PARTITION BY f.metric ORDER BY `+CanonicalOrder+`) = 1
		FROM figures f LEFT JOIN articles a ON a.id = f.article_id
		WHERE f.event_id = $1
		ORDER BY f.metric, f.id`, eventID)
	if err != nil {
		return nil, mapError(fmt.Errorf("load figures of event %d: %w", eventID, err))
	}
	figs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.Figure, error) {
		var f model.Figure
		err := row.Scan(&f.ID, &f.EventID, &f.Metric, &f.Value, &f.Unit, &f.Qualifier, &f.Low, &f.High,
			&f.Derived, &f.ArticleID, &f.ArticleURL, &f.Text, &f.Start, &f.End, &f.CreatedAt, &f.UpdatedAt, &f.Canonical)
		return f, err
	})
	if err != nil {
		return nil, mapError(fmt.Errorf("load figures of event %d: %w", eventID, err))
	}
	return figs, nil
}

func (s *Store) eventSources(ctx context.Context, eventID int64) ([]model.Source, error) {
	rows, err := s.db.Query(ctx, `
		SELECT a.id, a.url, a.source, a.title, a.language, a.published_at,
		       es.quote, es.quote_start, es.quote_end, es.note
		FROM event_sources es JOIN articles a ON a.id = es.article_id
		WHERE es.event_id = $1
		ORDER BY a.published_at NULLS LAST, a.id`, eventID)
	if err != nil {
		return nil, mapError(fmt.Errorf("load sources of event %d: %w", eventID, err))
	}
	srcs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.Source, error) {
		var (
			src        model.Source
			quote      string
			start, end *int
		)
		err := row.Scan(&src.Article.ID, &src.Article.URL, &src.Article.Source, &src.Article.Title,
			&src.Article.Language, &src.Article.PublishedAt, &quote, &start, &end, &src.Note)
		if quote != "" || start != nil {
			src.Evidence = &model.Span{Text: quote}
			if start != nil && end != nil {
				src.Evidence.Start, src.Evidence.End = *start, *end
			}
		}
		return src, err
	})
	if err != nil {
		return nil, mapError(fmt.Errorf("load sources of event %d: %w", eventID, err))
	}
	return srcs, nil
}

func (s *Store) eventLinks(ctx context.Context, eventID int64) ([]model.Link, error) {
	rows, err := s.db.Query(ctx, `
		SELECT l.type, 'outgoing', e.id, e.type, e.title, e.date_start, e.date_end, e.status
		FROM event_links l JOIN events e ON e.id = l.to_event_id
		WHERE l.from_event_id = $1
		UNION ALL
		SELECT l.type, 'incoming', e.id, e.type, e.title, e.date_start, e.date_end, e.status
		FROM event_links l JOIN events e ON e.id = l.from_event_id
		WHERE l.to_event_id = $1
		ORDER BY 2 DESC, 6, 3`, eventID)
	if err != nil {
		return nil, mapError(fmt.Errorf("load links of event %d: %w", eventID, err))
	}
	links, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.Link, error) {
		var l model.Link
		err := row.Scan(&l.Type, &l.Direction, &l.Event.ID, &l.Event.Type, &l.Event.Title,
			&l.Event.DateStart, &l.Event.DateEnd, &l.Event.Status)
		return l, err
	})
	if err != nil {
		return nil, mapError(fmt.Errorf("load links of event %d: %w", eventID, err))
	}
	return links, nil
}

// HasEvents reports whether any event is stored.
func (s *Store) HasEvents(ctx context.Context) (bool, error) {
	var ok bool
	if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM events)`).Scan(&ok); err != nil {
		return false, mapError(fmt.Errorf("check for events: %w", err))
	}
	return ok, nil
}

package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// EventFilter selects events. Zero fields do not filter.
type EventFilter struct {
	// From and To keep the events whose date range overlaps [From, To].
	From *model.Date
	To   *model.Date
	// Types keeps events of any of these types.
	Types []string
	// Actors keeps events involving, for each element, one of its actor ids (the ids one actor
	// reference resolved to): elements combine with AND, ids within one with OR.
	Actors [][]int64
	// Roles keeps events where the actors of Actors play one of these roles, or, without
	// Actors, where any actor plays one of them.
	Roles []string
	// ArticleID keeps events this article is a source of.
	ArticleID *int64
	// Statuses keeps events in these states. When empty, retracted events are left out, and
	// so are events merged into others, unless UpdatedSince is set.
	Statuses []string
	// Query keeps events whose title, summary or evidence match this web-search query, in
	// English or French.
	Query string
	// Metric keeps events having a figure of this metric, with a value within [Min, Max].
	Metric   string
	Min, Max *float64
	// AllStatuses keeps events whatever their status, retracted and merged ones included (an
	// export); Statuses then narrows.
	AllStatuses bool
	// UpdatedSince keeps events changed at or after this time, tombstones included: retracted
	// events and events merged into others, so a client can stay in sync.
	UpdatedSince *time.Time
	// IDs keeps the events with these ids (the live feed reads the events it hears changed).
	IDs []int64
	// Sort orders the listing (SortDate when empty).
	Sort EventSort
	// After continues a listing after this position (keyset pagination); its Sort must be
	// the filter's.
	After *EventCursor
	// Limit caps the number of events returned; the caller validates it. With EachEvent, zero
	// means no limit.
	Limit int

	// textByDate reads events in the listing's order and tests the text query on each, instead
	// of collecting every match first (see Store.walkText).
	textByDate bool
}

// EventSort is an order of event listings.
type EventSort string

// The orders of event listings. Each is a keyset over an index: ties are broken by id.
const (
	SortDate        EventSort = "date"
	SortDateDesc    EventSort = "-date"
	SortUpdated     EventSort = "updated"
	SortUpdatedDesc EventSort = "-updated"
)

// eventSorts holds, for each sort, its ORDER BY and the keyset condition that continues after
// a cursor. Sort keys are looked up here, never written into SQL from input.
var eventSorts = map[EventSort]struct{ order, after string }{
	SortDate:        {"e.date_start, e.id", "(e.date_start, e.id) > (%s, %s)"},
	SortDateDesc:    {"e.date_start DESC, e.id DESC", "(e.date_start, e.id) < (%s, %s)"},
	SortUpdated:     {"e.updated_at, e.id", "(e.updated_at, e.id) > (%s, %s)"},
	SortUpdatedDesc: {"e.updated_at DESC, e.id DESC", "(e.updated_at, e.id) < (%s, %s)"},
}

// EventSorts returns the accepted sort keys.
func EventSorts() []string {
	return []string{string(SortDate), string(SortDateDesc), string(SortUpdated), string(SortUpdatedDesc)}
}

// EventCursor is a position in an event listing: the sort keys of the last event seen.
type EventCursor struct {
	Sort      EventSort
	DateStart model.Date
	UpdatedAt time.Time
	ID        int64
}

// cursorOf returns the position of e in a listing ordered by sort.
func cursorOf(sort EventSort, e *model.Event) *EventCursor {
	return &EventCursor{Sort: sort, DateStart: e.DateStart, UpdatedAt: e.UpdatedAt, ID: e.ID}
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

// eventAfter adds the keyset condition that continues a listing after c.
func eventAfter(c *EventCursor, sort EventSort, w *sqlWhere) {
	switch {
	case c == nil:
	case sort == SortDate || sort == SortDateDesc:
		w.add(eventSorts[sort].after, c.DateStart, c.ID)
	default:
		w.add(eventSorts[sort].after, c.UpdatedAt, c.ID)
	}
}

// spanBound adds to w, for a set of events overlapping [from, …] (a count, an aggregate), the
// bounds span classes give date_start: an event of class k overlapping from starts at most
// spanClasses[k] days before it, so the set is a few short ranges of events_span_date_idx
// instead of every event after (or before) the window. The conditions of f must already be in w.
func spanBound(w *sqlWhere, from model.Date, to *model.Date) {
	start := w.arg(from)
	end := ""
	if to != nil {
		end = " AND e.date_start <= " + w.arg(*to)
	}
	var classes []string
	for k, span := range spanClasses {
		if span >= 0 {
			classes = append(classes, fmt.Sprintf("(e.span_class = %d AND e.date_start >= %s::date - %d%s)", k, start, span, end))
		} else {
			classes = append(classes, fmt.Sprintf("(e.span_class = %d%s)", k, end))
		}
	}
	w.add("(" + strings.Join(classes, " OR ") + ")")
}

// ListEvents returns a page of the events matching f in the order of f.Sort.
func (s *Store) ListEvents(ctx context.Context, f EventFilter) (EventPage, error) {
	if f.Sort == "" {
		f.Sort = SortDate
	}
	if f.After != nil && f.After.Sort != f.Sort {
		return EventPage{}, model.Errorf(model.Invalid, "the cursor belongs to a listing sorted by %s", f.After.Sort)
	}
	if f.Query != "" {
		walk, err := s.walkText(ctx, f.Query, f.Limit+1)
		if err != nil {
			return EventPage{}, err
		}
		f.textByDate = walk
	}
	return s.listEvents(ctx, f)
}

// listEvents is ListEvents once the way of a text query is chosen (f.textByDate).
func (s *Store) listEvents(ctx context.Context, f EventFilter) (EventPage, error) {
	sql, args := eventListSQL(f, f.Limit+1)
	rows, err := s.db.Query(ctx, sql, append(execMode(f), args...)...)
	if err != nil {
		return EventPage{}, mapError(fmt.Errorf("list events: %w", err))
	}
	defer rows.Close()
	events := make([]model.Event, 0, f.Limit+1)
	for rows.Next() {
		events = append(events, model.Event{})
		if err := scanEventWithActors(rows, &events[len(events)-1]); err != nil {
			return EventPage{}, mapError(fmt.Errorf("list events: %w", err))
		}
	}
	if err := rows.Err(); err != nil {
		return EventPage{}, mapError(fmt.Errorf("list events: %w", err))
	}
	page := EventPage{Events: events}
	if len(events) > f.Limit {
		page.Events = events[:f.Limit]
		page.Next = cursorOf(f.Sort, &page.Events[f.Limit-1])
	}
	return page, nil
}

// streamChunk is how many rows a stream (EachEvent, EachFigure) reads at a time.
const streamChunk = 1000

// EachEvent calls fn with each event matching f, in order. The events are read a page of
// streamChunk at a time, each page a query of its own as ListEvents runs it, all in one
// snapshot of the database (a read-only repeatable-read transaction): the stream is
// consistent, memory stays flat however many events match, and each query is bounded by the
// statement timeout like any other (a stream has no statement that runs for its whole length).
// A limit of zero means all of them. It stops at fn's first error and returns it.
func (s *Store) EachEvent(ctx context.Context, f EventFilter, fn func(*model.Event) error) error {
	if f.Sort == "" {
		f.Sort = SortDate
	}
	if f.After != nil && f.After.Sort != f.Sort {
		return model.Errorf(model.Invalid, "the cursor belongs to a listing sorted by %s", f.After.Sort)
	}
	left := f.Limit
	return s.snapshot(ctx, func(tx *Store) error {
		if f.Query != "" {
			walk, err := tx.walkText(ctx, f.Query, streamChunk+1)
			if err != nil {
				return err
			}
			f.textByDate = walk
		}
		for {
			f.Limit = streamChunk
			if left > 0 {
				f.Limit = min(left, streamChunk)
			}
			page, err := tx.listEvents(ctx, f)
			if err != nil {
				return fmt.Errorf("stream events: %w", err)
			}
			for i := range page.Events {
				if err := fn(&page.Events[i]); err != nil {
					return err
				}
			}
			if left > 0 {
				if left -= len(page.Events); left <= 0 {
					return nil
				}
			}
			if page.Next == nil {
				return nil
			}
			f.After = page.Next
		}
	})
}

// CountEvents counts the events matching f (its cursor and limit aside). With estimate, it
// returns the planner's estimate instead, which costs no scan.
func (s *Store) CountEvents(ctx context.Context, f EventFilter, estimate bool) (int64, error) {
	w := &sqlWhere{}
	eventWhere(f, w)
	if f.From != nil {
		spanBound(w, *f.From, f.To)
	}
	return s.count(ctx, "FROM events e WHERE "+w.String(), w.args, estimate)
}

// count counts the rows of "SELECT … <from>", exactly or by the planner's estimate.
func (s *Store) count(ctx context.Context, from string, args []any, estimate bool) (int64, error) {
	if !estimate {
		var n int64
		if err := s.db.QueryRow(ctx, "SELECT count(*) "+from, args...).Scan(&n); err != nil {
			return 0, mapError(fmt.Errorf("count: %w", err))
		}
		return n, nil
	}
	var plan []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		} `json:"Plan"`
	}
	if err := s.db.QueryRow(ctx, "EXPLAIN (FORMAT JSON) SELECT 1 "+from, args...).Scan(&plan); err != nil {
		return 0, mapError(fmt.Errorf("estimate count: %w", err))
	}
	if len(plan) == 0 {
		return 0, fmt.Errorf("estimate count: empty plan")
	}
	return int64(plan[0].Plan.Rows), nil
}

// GetEvent returns the event id with its actors, figures, sources and links, whatever its status.
// It returns a NotFound error when there is no such event.
func (s *Store) GetEvent(ctx context.Context, id int64) (model.EventDetail, error) {
	// One round trip for the event and all that hangs off it.
	b := &pgx.Batch{}
	b.Queue(`SELECT `+eventColumns+`, `+eventActorsJSON+` FROM events e WHERE e.id = $1`, id)
	b.Queue(eventFiguresSQL, id)
	b.Queue(eventSourcesSQL, id)
	b.Queue(eventLinksSQL, id)
	res := s.db.SendBatch(ctx, b)
	defer res.Close()
	var d model.EventDetail
	err := scanEventWithActors(res.QueryRow(), &d.Event)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, model.Errorf(model.NotFound, "no event with id %d", id)
	}
	if err != nil {
		return d, mapError(fmt.Errorf("get event %d: %w", id, err))
	}
	if d.Figures, err = collectFigures(res.Query()); err != nil {
		return d, mapError(fmt.Errorf("load figures of event %d: %w", id, err))
	}
	if d.Sources, err = collectSources(res.Query()); err != nil {
		return d, mapError(fmt.Errorf("load sources of event %d: %w", id, err))
	}
	if d.Links, err = collectLinks(res.Query()); err != nil {
		return d, mapError(fmt.Errorf("load links of event %d: %w", id, err))
	}
	return d, nil
}

// CanonicalOrder ranks the figures of one event and metric: the first is canonical. Exact values
// beat ranges, ranges beat approximations, approximations beat bounds; then the most recently
// published source wins (later reports correct earlier ones); then the figure recorded first.
// The view figure_canonical_source (migration 00012), from which triggers keep the table
// figure_canonical, orders by the same rule: a change here needs a migration replacing it.
const CanonicalOrder = `CASE f.qualifier WHEN 'exact' THEN 0 WHEN 'range' THEN 1 WHEN 'approximate' THEN 2 ELSE 3 END,
	a.published_at DESC NULLS LAST, f.id`

// eventFiguresSQL selects the figures of event $1, each marked canonical or not.
const eventFiguresSQL = `
		SELECT f.id, f.event_id, f.metric, f.value::float8, f.unit, f.qualifier, f.low::float8, f.high::float8,
		       f.derived, f.article_id, a.url, f.quote, f.quote_start, f.quote_end, f.created_at, f.updated_at,
		       row_number() OVER (PARTITION BY f.metric ORDER BY ` + CanonicalOrder + `) = 1
		FROM figures f LEFT JOIN articles a ON a.id = f.article_id
		WHERE f.event_id = $1
		ORDER BY f.metric, f.id`

func collectFigures(rows pgx.Rows, err error) ([]model.Figure, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.Figure, error) {
		var f model.Figure
		err := row.Scan(&f.ID, &f.EventID, &f.Metric, &f.Value, &f.Unit, &f.Qualifier, &f.Low, &f.High,
			&f.Derived, &f.ArticleID, &f.ArticleURL, &f.Text, &f.Start, &f.End, &f.CreatedAt, &f.UpdatedAt, &f.Canonical)
		return f, err
	})
}

func (s *Store) eventFigures(ctx context.Context, eventID int64) ([]model.Figure, error) {
	figs, err := collectFigures(s.db.Query(ctx, eventFiguresSQL, eventID))
	if err != nil {
		return nil, mapError(fmt.Errorf("load figures of event %d: %w", eventID, err))
	}
	return figs, nil
}

// eventSourcesSQL selects the sources of event $1 with their articles.
const eventSourcesSQL = `
		SELECT a.id, a.url, a.source, a.title, a.language, a.published_at,
		       es.quote, es.quote_start, es.quote_end, es.note
		FROM event_sources es JOIN articles a ON a.id = es.article_id
		WHERE es.event_id = $1
		ORDER BY a.published_at NULLS LAST, a.id`

func collectSources(rows pgx.Rows, err error) ([]model.Source, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.Source, error) {
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
}

// eventLinksSQL selects the links of event $1, outgoing then incoming.
const eventLinksSQL = `
		SELECT l.type, 'outgoing', e.id, e.type, e.title, e.date_start, e.date_end, e.status
		FROM event_links l JOIN events e ON e.id = l.to_event_id
		WHERE l.from_event_id = $1
		UNION ALL
		SELECT l.type, 'incoming', e.id, e.type, e.title, e.date_start, e.date_end, e.status
		FROM event_links l JOIN events e ON e.id = l.from_event_id
		WHERE l.to_event_id = $1
		ORDER BY 2 DESC, 6, 3`

func collectLinks(rows pgx.Rows, err error) ([]model.Link, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.Link, error) {
		var l model.Link
		err := row.Scan(&l.Type, &l.Direction, &l.Event.ID, &l.Event.Type, &l.Event.Title,
			&l.Event.DateStart, &l.Event.DateEnd, &l.Event.Status)
		return l, err
	})
}

// HasEvents reports whether any event is stored.
func (s *Store) HasEvents(ctx context.Context) (bool, error) {
	var ok bool
	if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM events)`).Scan(&ok); err != nil {
		return false, mapError(fmt.Errorf("check for events: %w", err))
	}
	return ok, nil
}

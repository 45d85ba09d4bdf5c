package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// FigureFilter selects figures, one row each with its event and source.
type FigureFilter struct {
	// Events selects the figures' events: dates, types, actors, roles, statuses, query,
	// updated_since. Its Metric, Min, Max, ArticleID, Sort, After and Limit are not used.
	Events EventFilter
	// Metrics and Units keep figures of these metrics and units.
	Metrics []string
	Units   []string
	// Min and Max keep figures whose value is within [Min, Max].
	Min, Max *float64
	// ArticleID keeps figures read from this article.
	ArticleID *int64
	// Canonical keeps only the canonical figure of each event and metric (see CanonicalOrder).
	Canonical bool
	// Sort is SortDate or SortDateDesc: by event start date, event id, figure id.
	Sort EventSort
	// After continues a listing after this position; its Sort must be the filter's.
	After *FigureCursor
	// Limit caps the rows returned; the caller validates it. With EachFigure, zero means all.
	Limit int
}

// FigureCursor is a position in a figure listing.
type FigureCursor struct {
	Sort      EventSort
	DateStart model.Date
	EventID   int64
	FigureID  int64
}

// FigurePage is one page of a figure listing; Next is nil on the last page.
type FigurePage struct {
	Figures []model.FigureRow
	Next    *FigureCursor
}

// canonicalFigureID selects the id of the canonical figure of the event and metric of the
// figure row aliased by %[1]s.
const canonicalFigureID = `(SELECT f.id FROM figures f LEFT JOIN articles a ON a.id = f.article_id
		WHERE f.event_id = %[1]s.event_id AND f.metric = %[1]s.metric
		ORDER BY ` + CanonicalOrder + ` LIMIT 1)`

func figureListSQL(f FigureFilter, limit int) (string, []any) {
	w := &sqlWhere{}
	ev := f.Events
	ev.Metric, ev.Min, ev.Max, ev.ArticleID = "", nil, nil, nil
	events, ev := eventsFrom(ev, w)
	window := ev.From != nil && events == "events e" && limit > 0
	eventWhere(ev, w)
	if len(f.Metrics) > 0 {
		w.add("fig.metric = ANY(%s)", f.Metrics)
	}
	if len(f.Units) > 0 {
		w.add("fig.unit = ANY(%s)", f.Units)
	}
	if f.Min != nil {
		w.add("fig.value >= %s", *f.Min)
	}
	if f.Max != nil {
		w.add("fig.value <= %s", *f.Max)
	}
	if f.ArticleID != nil {
		w.add("fig.article_id = %s", *f.ArticleID)
	}
	if f.Canonical {
		w.add("fig.id = " + fmt.Sprintf(canonicalFigureID, "fig"))
	}
	order, cmp := "e.date_start, e.id, fig.id", ">"
	if f.Sort == SortDateDesc {
		order, cmp = "e.date_start DESC, e.id DESC, fig.id DESC", "<"
	}
	if c := f.After; c != nil {
		w.add("(e.date_start, e.id, fig.id) "+cmp+" (%s, %s, %s)", c.DateStart, c.EventID, c.FigureID)
	}
	// selectFrom selects the figure rows of the events of events (aliased e) under where.
	selectFrom := func(events, where string) string {
		return fmt.Sprintf(`SELECT fig.id AS figure_id, e.id AS event_id, e.type, e.title, e.status, e.date_start, e.date_end,
	e.date_precision,
	(SELECT coalesce(array_agg(a.name || ' (' || ea.role || ')' ORDER BY ea.position, a.name, ea.role), '{}')
	 FROM event_actors ea JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id) AS actors,
	fig.metric, fig.value::float8, fig.unit, fig.qualifier, fig.low::float8, fig.high::float8, fig.derived,
	fig.id = %s AS canonical,
	fig.article_id, src.url, src.source, src.published_at, fig.quote, fig.quote_start, fig.quote_end
FROM figures fig JOIN %s ON e.id = fig.event_id LEFT JOIN articles src ON src.id = fig.article_id
WHERE %s
ORDER BY %s`, fmt.Sprintf(canonicalFigureID, "fig"), events, where, order)
	}
	if window {
		// As for events (eventPageBySpan): one date-ordered part per span class, each a short
		// range of events_span_date_idx stopping after limit rows; the parts merge.
		start, n := w.arg(*ev.From), w.arg(limit)
		var parts []string
		for k, span := range spanClasses {
			cond := fmt.Sprintf("%s\n\t  AND e.span_class = %d", w, k)
			if span >= 0 {
				cond += fmt.Sprintf(" AND e.date_start >= %s::date - %d", start, span)
			}
			parts = append(parts, "("+selectFrom("events e", cond)+" LIMIT "+n+")")
		}
		outer := strings.NewReplacer("e.date_start", "x.date_start", "e.id", "x.event_id", "fig.id", "x.figure_id").Replace(order)
		return fmt.Sprintf("SELECT * FROM (%s) x ORDER BY %s LIMIT %s", strings.Join(parts, "\nUNION ALL\n"), outer, n), w.args
	}
	sql := selectFrom(events, w.String())
	if limit > 0 {
		sql += " LIMIT " + w.arg(limit)
	}
	return sql, w.args
}

func scanFigureRow(row pgx.Row, r *model.FigureRow) error {
	return row.Scan(&r.FigureID, &r.EventID, &r.EventType, &r.EventTitle, &r.EventStatus, &r.DateStart,
		&r.DateEnd, &r.DatePrecision, &r.Actors, &r.Metric, &r.Value, &r.Unit, &r.Qualifier, &r.Low, &r.High,
		&r.Derived, &r.Canonical, &r.ArticleID, &r.ArticleURL, &r.ArticleSource, &r.PublishedAt, &r.Quote,
		&r.QuoteStart, &r.QuoteEnd)
}

func (f *FigureFilter) check() error {
	if f.Sort == "" {
		f.Sort = SortDate
	}
	if f.Sort != SortDate && f.Sort != SortDateDesc {
		return model.Errorf(model.Invalid, "figures sort by date or -date, not %s", f.Sort)
	}
	if f.After != nil && f.After.Sort != f.Sort {
		return model.Errorf(model.Invalid, "the cursor belongs to a listing sorted by %s", f.After.Sort)
	}
	return nil
}

// ListFigures returns a page of the figures matching f, by event date, event id, figure id.
func (s *Store) ListFigures(ctx context.Context, f FigureFilter) (FigurePage, error) {
	if err := f.check(); err != nil {
		return FigurePage{}, err
	}
	sql, args := figureListSQL(f, f.Limit+1)
	rows, err := s.db.Query(ctx, sql, args...)
	if err != nil {
		return FigurePage{}, mapError(fmt.Errorf("list figures: %w", err))
	}
	figs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.FigureRow, error) {
		var r model.FigureRow
		err := scanFigureRow(row, &r)
		return r, err
	})
	if err != nil {
		return FigurePage{}, mapError(fmt.Errorf("list figures: %w", err))
	}
	page := FigurePage{Figures: figs}
	if len(figs) > f.Limit {
		page.Figures = figs[:f.Limit]
		last := page.Figures[f.Limit-1]
		page.Next = &FigureCursor{Sort: f.Sort, DateStart: last.DateStart, EventID: last.EventID, FigureID: last.FigureID}
	}
	return page, nil
}

// EachFigure calls fn with each figure row matching f, in order, as the rows arrive from the
// database. A limit of zero means all of them. It stops at fn's first error and returns it.
func (s *Store) EachFigure(ctx context.Context, f FigureFilter, fn func(*model.FigureRow) error) error {
	if err := f.check(); err != nil {
		return err
	}
	sql, args := figureListSQL(f, f.Limit)
	rows, err := s.db.Query(ctx, sql, args...)
	if err != nil {
		return mapError(fmt.Errorf("stream figures: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var r model.FigureRow
		if err := scanFigureRow(rows, &r); err != nil {
			return mapError(fmt.Errorf("stream figures: %w", err))
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return mapError(fmt.Errorf("stream figures: %w", err))
	}
	return nil
}

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

// figureListSQL returns the query of the figure rows of f in its order, limit rows (all with
// 0). The page's keys (event date, event id, figure id) are found first, as event pages are
// (event_pages.go): from figure_dates (migration 00015), one range per metric and span class,
// when f names one to maxTypeRanges metrics; else from events_span_date_idx, one range per
// span class, with a date window; else in one ordered walk of the events. Only the rows of the
// page are then joined to their event, article, actors (event_actor_lists) and canonical flag
// (figure_canonical).
func figureListSQL(f FigureFilter, limit int) (string, []any) {
	w := &sqlWhere{}
	ev := f.Events
	ev.Metric, ev.Min, ev.Max, ev.ArticleID = "", nil, nil, nil
	events, ev := eventsFrom(ev, w)
	eventWhere(ev, w)
	byMetric := len(f.Metrics) > 0 && len(f.Metrics) <= maxTypeRanges && events == "events e" && limit > 0
	// Conditions on the figure, aliased fig.
	var fconds []string
	if len(f.Metrics) > 0 && !byMetric {
		fconds = append(fconds, w.cond("fig.metric = ANY(%s)", f.Metrics))
	}
	if len(f.Units) > 0 {
		fconds = append(fconds, w.cond("fig.unit = ANY(%s)", f.Units))
	}
	if f.Min != nil {
		fconds = append(fconds, w.cond("fig.value >= %s", *f.Min))
	}
	if f.Max != nil {
		fconds = append(fconds, w.cond("fig.value <= %s", *f.Max))
	}
	if f.ArticleID != nil {
		fconds = append(fconds, w.cond("fig.article_id = %s", *f.ArticleID))
	}
	if f.Canonical {
		fconds = append(fconds, "fig.id = (SELECT c.figure_id FROM figure_canonical c WHERE c.event_id = fig.event_id AND c.metric = fig.metric)")
	}
	desc := f.Sort == SortDateDesc
	dir, cmp := "", ">"
	if desc {
		dir, cmp = " DESC", "<"
	}
	lim := ""
	if limit > 0 {
		lim = " LIMIT " + w.arg(limit)
	}
	var after [3]string
	if c := f.After; c != nil {
		after = [3]string{w.arg(c.DateStart), w.arg(c.EventID), w.arg(c.FigureID)}
	}
	var branches, conds []string
	if byMetric {
		start, end := "", ""
		if ev.From != nil {
			start = w.arg(*ev.From)
		}
		if ev.To != nil {
			end = " AND fd.date_start <= " + w.arg(*ev.To)
		}
		join := ""
		if len(fconds) > 0 {
			join = " JOIN figures fig ON fig.id = fd.figure_id"
		}
		for _, m := range f.Metrics {
			metric := w.arg(m)
			for k, span := range spanClasses {
				cond := fmt.Sprintf("fd.metric = %s AND fd.span_class = %d", metric, k)
				if span >= 0 && start != "" {
					cond += fmt.Sprintf(" AND fd.date_start >= %s::date - %d", start, span)
				}
				cond += end
				if f.After != nil {
					cond += fmt.Sprintf(" AND (fd.date_start, fd.event_id, fd.figure_id) %s (%s, %s, %s)", cmp, after[0], after[1], after[2])
				}
				conds := append([]string{cond, w.String()}, fconds...)
				branches = append(branches, fmt.Sprintf(
					"(SELECT fd.date_start AS k_date, fd.event_id AS k_event, fd.figure_id AS k_fig\n\tFROM figure_dates fd JOIN events e ON e.id = fd.event_id%s\n\tWHERE %s\n\tORDER BY fd.date_start%s, fd.event_id%s, fd.figure_id%s%s)",
					join, strings.Join(conds, "\n\t  AND "), dir, dir, dir, lim))
			}
		}
	} else {
		if f.After != nil {
			fconds = append(fconds, fmt.Sprintf("(e.date_start, e.id) %s= (%s, %s) AND (e.date_start, e.id, fig.id) %s (%s, %s, %s)",
				cmp, after[0], after[1], cmp, after[0], after[1], after[2]))
		}
		conds = append([]string{w.String()}, fconds...)
		if ev.From != nil && events == "events e" && limit > 0 {
			start := w.arg(*ev.From)
			for k, span := range spanClasses {
				cond := fmt.Sprintf("e.span_class = %d", k)
				if span >= 0 {
					cond += fmt.Sprintf(" AND e.date_start >= %s::date - %d", start, span)
				}
				branches = append(branches, fmt.Sprintf(
					"(SELECT e.date_start AS k_date, e.id AS k_event, fig.id AS k_fig\n\tFROM events e JOIN figures fig ON fig.event_id = e.id\n\tWHERE %s\n\tORDER BY e.date_start%s, e.id%s, fig.id%s%s)",
					strings.Join(append([]string{cond}, conds...), "\n\t  AND "), dir, dir, dir, lim))
			}
		}
	}
	if branches == nil {
		// One ordered walk: the page's rows are read as they are found.
		return fmt.Sprintf("%s\nFROM %s JOIN figures fig ON fig.event_id = e.id\n%s\nWHERE %s\nORDER BY e.date_start%s, e.id%s, fig.id%s%s",
			figureColumns, events, figureJoins, strings.Join(conds, "\n\t  AND "), dir, dir, dir, lim), w.args
	}
	order := fmt.Sprintf("k_date%s, k_event%s, k_fig%s", dir, dir, dir)
	return fmt.Sprintf("%s\nFROM (%s\n\tORDER BY %s%s) p\nJOIN figures fig ON fig.id = p.k_fig\nJOIN events e ON e.id = p.k_event\n%s\nORDER BY p.%s",
		figureColumns, strings.Join(branches, "\n\tUNION ALL "), order, lim, figureJoins, strings.ReplaceAll(order, ", ", ", p.")), w.args
}

// figureColumns are the columns of a model.FigureRow (scanFigureRow), from figures fig, events
// e and figureJoins.
const figureColumns = `SELECT fig.id AS figure_id, e.id AS event_id, e.type, e.title, e.status, e.date_start, e.date_end,
	e.date_precision, coalesce(l.labels, '{}') AS actors,
	fig.metric, fig.value::float8, fig.unit, fig.qualifier, fig.low::float8, fig.high::float8, fig.derived,
	coalesce(c.figure_id = fig.id, false) AS canonical,
	fig.article_id, src.url, src.source, src.published_at, fig.quote, fig.quote_start, fig.quote_end`

// figureJoins joins a figure row's source, its event's actors (migration 00010) and the
// canonical figure of its event and metric (migration 00012).
const figureJoins = `LEFT JOIN articles src ON src.id = fig.article_id
LEFT JOIN event_actor_lists l ON l.event_id = e.id
LEFT JOIN figure_canonical c ON c.event_id = fig.event_id AND c.metric = fig.metric`

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
	if f.Events.Query != "" && !f.Events.textByDate {
		walk, err := s.walkText(ctx, f.Events.Query, f.Limit+1)
		if err != nil {
			return FigurePage{}, err
		}
		f.Events.textByDate = walk
	}
	sql, args := figureListSQL(f, f.Limit+1)
	rows, err := s.db.Query(ctx, sql, append(execMode(f.Events), args...)...)
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

// EachFigure calls fn with each figure row matching f, in order, a page of streamChunk rows at
// a time in one snapshot of the database, as EachEvent does. A limit of zero means all of
// them. It stops at fn's first error and returns it.
func (s *Store) EachFigure(ctx context.Context, f FigureFilter, fn func(*model.FigureRow) error) error {
	if err := f.check(); err != nil {
		return err
	}
	left := f.Limit
	return s.snapshot(ctx, func(tx *Store) error {
		for {
			f.Limit = streamChunk
			if left > 0 {
				f.Limit = min(left, streamChunk)
			}
			page, err := tx.ListFigures(ctx, f)
			if err != nil {
				return fmt.Errorf("stream figures: %w", err)
			}
			for i := range page.Figures {
				if err := fn(&page.Figures[i]); err != nil {
					return err
				}
			}
			if left > 0 {
				if left -= len(page.Figures); left <= 0 {
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

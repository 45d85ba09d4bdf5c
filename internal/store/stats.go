package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// MaxTimelineBuckets caps the length of a timeline, gaps included.
const MaxTimelineBuckets = 5000

// canonicalFigureOf selects the unit and value of the canonical figure of metric %[2]s of the
// event aliased %[1]s, for a LATERAL join.
const canonicalFigureOf = `(SELECT f.unit, f.value FROM figure_canonical c JOIN figures f ON f.id = c.figure_id
		WHERE c.event_id = %[1]s.id AND c.metric = %[2]s)`

// Timeline counts the events matching f (cursor, sort and limit aside) by the interval their
// start date falls in, and by type; with metric, it aggregates the canonical figure of that
// metric of each event, per unit. Buckets run without gaps from the first bucket (or f.From's)
// to the last (or f.To's). interval is one of model.Intervals.
func (s *Store) Timeline(ctx context.Context, f EventFilter, interval, metric string) ([]model.TimelineBucket, error) {
	return s.timeline(ctx, f, interval, metric, metric == "" && countsServe(f))
}

// timeline is Timeline, from the kept event counts (timelineCounts) when fromCounts.
func (s *Store) timeline(ctx context.Context, f EventFilter, interval, metric string, fromCounts bool) ([]model.TimelineBucket, error) {
	if !slices.Contains(model.Intervals, interval) {
		return nil, model.Errorf(model.Invalid, "unknown interval %q", interval)
	}
	f.After, f.Limit = nil, 0
	byStart := map[model.Date]*model.TimelineBucket{}
	get := func(d model.Date) *model.TimelineBucket {
		b := byStart[d]
		if b == nil {
			b = &model.TimelineBucket{Start: d, ByType: map[string]int64{}, Figures: []model.FigureStats{}}
			byStart[d] = b
		}
		return b
	}
	if fromCounts {
		err := s.timelineCounts(ctx, f, interval, func(start model.Date, typ string, n int64) {
			b := get(start)
			b.ByType[typ] += n
			b.Events += n
		})
		if err != nil {
			return nil, err
		}
		return fillTimeline(byStart, interval, f.From, f.To)
	}

	w := &sqlWhere{}
	iv := w.arg(interval)
	eventWhere(f, w)
	if f.From != nil {
		spanBound(w, *f.From, f.To)
	}
	bucket := "date_trunc(" + iv + ", e.date_start::timestamp)::date"
	rows, err := s.db.Query(ctx, fmt.Sprintf(`SELECT %s, e.type, count(*) FROM events e WHERE %s GROUP BY 1, 2 ORDER BY 1, 2`,
		bucket, w), w.args...)
	if err != nil {
		return nil, mapError(fmt.Errorf("timeline: %w", err))
	}
	var (
		start model.Date
		typ   string
		n     int64
	)
	_, err = pgx.ForEachRow(rows, []any{&start, &typ, &n}, func() error {
		b := get(start)
		b.ByType[typ] = n
		b.Events += n
		return nil
	})
	if err != nil {
		return nil, mapError(fmt.Errorf("timeline: %w", err))
	}
	if metric != "" {
		m := w.arg(metric)
		rows, err := s.db.Query(ctx, fmt.Sprintf(`
			SELECT %s, cf.unit, count(*), sum(cf.value)::float8, min(cf.value)::float8, max(cf.value)::float8
			FROM events e CROSS JOIN LATERAL %s cf
			WHERE %s GROUP BY 1, 2 ORDER BY 1, 2`, bucket, fmt.Sprintf(canonicalFigureOf, "e", m), w), w.args...)
		if err != nil {
			return nil, mapError(fmt.Errorf("timeline of %s: %w", metric, err))
		}
		var fs model.FigureStats
		_, err = pgx.ForEachRow(rows, []any{&start, &fs.Unit, &fs.Count, &fs.Sum, &fs.Min, &fs.Max}, func() error {
			b := get(start)
			b.Figures = append(b.Figures, fs)
			return nil
		})
		if err != nil {
			return nil, mapError(fmt.Errorf("timeline of %s: %w", metric, err))
		}
	}
	return fillTimeline(byStart, interval, f.From, f.To)
}

// fillTimeline orders the buckets and adds the empty ones between them, and from the bucket of
// from and to the bucket of to when they are given.
func fillTimeline(byStart map[model.Date]*model.TimelineBucket, interval string, from, to *model.Date) ([]model.TimelineBucket, error) {
	var first, last model.Date
	for d := range byStart {
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if last.IsZero() || last.Before(d) {
			last = d
		}
	}
	if from != nil {
		first = truncate(*from, interval)
	}
	if to != nil {
		last = truncate(*to, interval)
	}
	if first.IsZero() || last.IsZero() || last.Before(first) {
		return []model.TimelineBucket{}, nil
	}
	var out []model.TimelineBucket
	for d := first; !last.Before(d); d = step(d, interval) {
		if len(out) == MaxTimelineBuckets {
			return nil, &model.Error{Code: model.Invalid, Message: "the timeline is too long",
				Fields: []model.FieldError{{Parameter: "interval", Detail: fmt.Sprintf(
					"more than %d %s buckets between %s and %s: use a longer interval or a shorter from..to range",
					MaxTimelineBuckets, interval, first, last)}}}
		}
		if b := byStart[d]; b != nil {
			out = append(out, *b)
		} else {
			out = append(out, model.TimelineBucket{Start: d, ByType: map[string]int64{}, Figures: []model.FigureStats{}})
		}
	}
	return out, nil
}

// truncate returns the first day of the interval d falls in, as date_trunc does (weeks start
// on Monday).
func truncate(d model.Date, interval string) model.Date {
	t := d.Time()
	switch interval {
	case "week":
		return d.AddDays(-((int(t.Weekday()) + 6) % 7))
	case "month":
		return model.NewDate(t.Year(), t.Month(), 1)
	case "quarter":
		return model.NewDate(t.Year(), t.Month()-(t.Month()-1)%3, 1)
	case "year":
		return model.NewDate(t.Year(), 1, 1)
	}
	return d
}

// step returns the start of the bucket after the one starting on d.
func step(d model.Date, interval string) model.Date {
	t := d.Time()
	switch interval {
	case "week":
		return d.AddDays(7)
	case "month":
		return model.NewDate(t.Year(), t.Month()+1, 1)
	case "quarter":
		return model.NewDate(t.Year(), t.Month()+3, 1)
	case "year":
		return model.NewDate(t.Year()+1, 1, 1)
	}
	return d.AddDays(1)
}

// Top ranks the event types (by "type") or the actors (by "actor"; in the roles of f.Roles
// when given) of the events matching f by their number of events, most first, and with metric
// aggregates the canonical figure of that metric of those events, per unit.
func (s *Store) Top(ctx context.Context, f EventFilter, by, metric string, limit int) ([]model.TopItem, error) {
	f.After, f.Limit = nil, 0
	w := &sqlWhere{}
	eventWhere(f, w)
	if f.From != nil {
		spanBound(w, *f.From, f.To)
	}
	var keySQL, joinSQL, groupSQL string
	switch by {
	case "type":
		keySQL, joinSQL, groupSQL = "NULL::bigint, e.type, et.label", "JOIN event_types et ON et.code = e.type", "e.type, et.label"
	case "actor":
		roles := ""
		if len(f.Roles) > 0 {
			roles = " AND ea.role = ANY(" + w.arg(f.Roles) + ")"
		}
		keySQL = "a.id, a.slug, a.name"
		joinSQL = "JOIN event_actors ea ON ea.event_id = e.id" + roles + " JOIN actors a ON a.id = ea.actor_id"
		groupSQL = "a.id"
	default:
		return nil, model.Errorf(model.Invalid, "cannot rank by %q", by)
	}
	rank := w.clone()
	rows, err := s.db.Query(ctx, fmt.Sprintf(`
		SELECT %s, count(DISTINCT e.id) FROM events e %s WHERE %s
		GROUP BY %s ORDER BY 4 DESC, 3, 2 LIMIT %s`, keySQL, joinSQL, rank, groupSQL, rank.arg(limit)), rank.args...)
	if err != nil {
		return nil, mapError(fmt.Errorf("top by %s: %w", by, err))
	}
	items, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.TopItem, error) {
		it := model.TopItem{Figures: []model.FigureStats{}}
		err := row.Scan(&it.ID, &it.Key, &it.Label, &it.Events)
		return it, err
	})
	if err != nil {
		return nil, mapError(fmt.Errorf("top by %s: %w", by, err))
	}
	if metric == "" || len(items) == 0 {
		return items, nil
	}
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.Key
	}
	keyCol := "e.type"
	if by == "actor" {
		keyCol = "a.slug"
	}
	w.add(keyCol+" = ANY(%s)", keys)
	rows, err = s.db.Query(ctx, fmt.Sprintf(`
		SELECT x.key, cf.unit, count(*), sum(cf.value)::float8, min(cf.value)::float8, max(cf.value)::float8
		FROM (SELECT DISTINCT %s AS key, e.id FROM events e %s WHERE %s) x
		CROSS JOIN LATERAL %s cf
		GROUP BY 1, 2 ORDER BY 1, 2`, keyCol, joinSQL, w, fmt.Sprintf(canonicalFigureOf, "x", w.arg(metric))), w.args...)
	if err != nil {
		return nil, mapError(fmt.Errorf("top by %s, %s: %w", by, metric, err))
	}
	byKey := map[string]*model.TopItem{}
	for i := range items {
		byKey[items[i].Key] = &items[i]
	}
	var (
		key string
		fs  model.FigureStats
	)
	_, err = pgx.ForEachRow(rows, []any{&key, &fs.Unit, &fs.Count, &fs.Sum, &fs.Min, &fs.Max}, func() error {
		if it := byKey[key]; it != nil {
			it.Figures = append(it.Figures, fs)
		}
		return nil
	})
	if err != nil {
		return nil, mapError(fmt.Errorf("top by %s, %s: %w", by, metric, err))
	}
	return items, nil
}

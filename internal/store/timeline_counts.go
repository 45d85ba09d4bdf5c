package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// countsServe reports whether the event counts kept by migration 00013 answer a timeline of
// f: they count listed events (the default statuses) by start day and type, so a filter on
// anything else must read the events.
func countsServe(f EventFilter) bool {
	return len(f.Actors) == 0 && len(f.Roles) == 0 && f.ArticleID == nil && f.Query == "" &&
		f.Metric == "" && f.Min == nil && f.Max == nil && len(f.Statuses) == 0 && !f.AllStatuses &&
		f.UpdatedSince == nil
}

// timelineCounts adds to bucket the events of f (see countsServe) by the start of the interval
// their start date falls in, and by type, from the kept counts: whole months from
// event_counts_monthly when the interval is a month or longer, the rest from
// event_counts_daily. An event overlaps [from, to] when it starts within it or starts before
// from and ends after: the latter, when they start in from's bucket (earlier buckets are not
// shown), are counted from events, a short range of events_span_date_idx per span class.
func (s *Store) timelineCounts(ctx context.Context, f EventFilter, interval string, bucket func(model.Date, string, int64)) error {
	w := &sqlWhere{}
	ivArg := ""
	iv := func() string { // the interval's placeholder, added when a part groups by it
		if ivArg == "" {
			ivArg = w.arg(interval)
		}
		return ivArg
	}
	types := ""
	if len(f.Types) > 0 {
		types = " AND type = ANY(" + w.arg(f.Types) + ")"
	}
	// between returns the condition col >= lo AND col < hi (hi exclusive), nil bounds open.
	between := func(col string, lo, hi *model.Date) string {
		c := []string{"true"}
		if lo != nil {
			c = append(c, col+" >= "+w.arg(*lo))
		}
		if hi != nil {
			c = append(c, col+" < "+w.arg(*hi))
		}
		return strings.Join(c, " AND ")
	}
	var end *model.Date // exclusive
	if f.To != nil {
		d := f.To.AddDays(1)
		end = &d
	}
	var parts []string
	// counts selects from table, whose rows are per period col, the counts of the interval's
	// buckets between lo and hi; when the interval is the table's period, a row is a bucket.
	counts := func(table, col, period string, lo, hi *model.Date) {
		if interval == period {
			parts = append(parts, fmt.Sprintf(`SELECT %s, type, events FROM %s WHERE %s%s AND events <> 0`,
				col, table, between(col, lo, hi), types))
			return
		}
		parts = append(parts, fmt.Sprintf(`SELECT date_trunc(%s, %s::timestamp)::date, type, sum(events)::bigint
		FROM %s WHERE %s%s GROUP BY 1, 2`, iv(), col, table, between(col, lo, hi), types))
	}
	daily := func(lo, hi *model.Date) { counts("event_counts_daily", "day", "day", lo, hi) }
	if interval == "day" || interval == "week" {
		daily(f.From, end)
	} else {
		// Whole months within [from, end): [first, last).
		first, last := f.From, end
		if first != nil && first.Time().Day() != 1 {
			d := model.NewDate(first.Time().Year(), first.Time().Month()+1, 1)
			first = &d
		}
		if last != nil && last.Time().Day() != 1 {
			d := model.NewDate(last.Time().Year(), last.Time().Month(), 1)
			last = &d
		}
		if first != nil && last != nil && !first.Before(*last) {
			daily(f.From, end)
		} else {
			counts("event_counts_monthly", "month", "month", first, last)
			if f.From != nil && f.From.Before(*first) {
				daily(f.From, first)
			}
			if end != nil && last.Before(*end) {
				daily(last, end)
			}
		}
	}
	if f.From != nil {
		if start := truncate(*f.From, interval); start.Before(*f.From) {
			ew := &sqlWhere{args: w.args}
			eventWhere(EventFilter{Types: f.Types, From: f.From, To: f.To}, ew)
			ew.add("e.date_start >= %s", start)
			ew.add("e.date_start < %s", *f.From)
			spanBound(ew, *f.From, nil)
			w.args = ew.args
			parts = append(parts, fmt.Sprintf(`SELECT date_trunc(%s, e.date_start::timestamp)::date, e.type, count(*)
		FROM events e WHERE %s GROUP BY 1, 2`, iv(), ew))
		}
	}
	rows, err := s.db.Query(ctx, strings.Join(parts, "\n\tUNION ALL\n\t"), w.args...)
	if err != nil {
		return mapError(fmt.Errorf("timeline: %w", err))
	}
	var (
		start model.Date
		typ   string
		n     int64
	)
	_, err = pgx.ForEachRow(rows, []any{&start, &typ, &n}, func() error {
		if n != 0 {
			bucket(start, typ, n)
		}
		return nil
	})
	if err != nil {
		return mapError(fmt.Errorf("timeline: %w", err))
	}
	return nil
}

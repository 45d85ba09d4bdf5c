package store

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// How a page of events is found. A page is limit+1 events in an order; the plain query
// (every condition, ORDER BY, LIMIT) is right but lets PostgreSQL walk an index on date and
// filter, or collect every match and sort it. At a million events both cost tens to hundreds
// of milliseconds for a busy actor, a rare type, or a date window far from either end. So a
// page sorted by date is read from the index that holds its rows in order, one short range at
// a time, each stopping after limit rows, and the ranges merge (MergeAppend):
//
//   - an actor (an actor reference that resolves to one id): actor_events (migration 00011),
//     one range per span class;
//   - one to maxTypeRanges types: events_type_span_date_idx (migration 00014), one range per
//     type and span class, bounded below by the window's start when there is one;
//   - a date window: events_span_date_idx (migration 00007), one range per span class.
//
// In span class k an event overlapping [from, …] starts at most spanClasses[k] days before
// from, which bounds each range from below. Every other condition is checked inside the ranges.
// The rows and their order are those of the plain query: the tests compare them page by page.

func scanEventWithActors(row pgx.Row, e *model.Event) error {
	return row.Scan(&e.ID, &e.Type, &e.Title, &e.Summary, &e.DateStart, &e.DateEnd, &e.DatePrecision,
		&e.DateText, &e.Status, &e.Confidence, &e.MergedInto, &e.ExternalID, &e.CreatedAt, &e.UpdatedAt,
		actorList{&e.Actors})
}

// maxTypeRanges is the most types a listing reads one index range each for (times the span
// classes); with more, the types are a filter.
const maxTypeRanges = 4

// eventWhere adds the conditions of f, except its cursor, on events aliased e.
func eventWhere(f EventFilter, w *sqlWhere) { eventWhereBut(f, w, -1) }

// eventWhereBut is eventWhere without the condition of f.Actors[skip], which the caller
// checks itself (it drives the page).
func eventWhereBut(f EventFilter, w *sqlWhere, skip int) {
	switch {
	case f.AllStatuses:
		if len(f.Statuses) > 0 {
			w.add("e.status = ANY(%s)", f.Statuses)
		}
	case len(f.Statuses) > 0:
		w.add("e.status = ANY(%s)", f.Statuses)
		if f.UpdatedSince == nil {
			w.add("e.merged_into IS NULL")
		}
	case f.UpdatedSince == nil:
		w.add("e.status <> 'retracted'")
		w.add("e.merged_into IS NULL")
	}
	if f.UpdatedSince != nil {
		w.add("e.updated_at >= %s", *f.UpdatedSince)
	}
	if len(f.IDs) > 0 {
		w.add("e.id = ANY(%s)", f.IDs)
	}
	if f.From != nil {
		w.add("e.date_end >= %s", *f.From)
	}
	if f.To != nil {
		w.add("e.date_start <= %s", *f.To)
	}
	if len(f.Types) > 0 {
		w.add("e.type = ANY(%s)", f.Types)
	}
	for i, ids := range f.Actors {
		switch {
		case i == skip:
		case len(f.Roles) > 0:
			w.add(`EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND ea.actor_id = ANY(%s) AND ea.role = ANY(%s))`, ids, f.Roles)
		default:
			w.add(`EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND ea.actor_id = ANY(%s))`, ids)
		}
	}
	if len(f.Actors) == 0 && len(f.Roles) > 0 {
		w.add(`EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND ea.role = ANY(%s))`, f.Roles)
	}
	if f.ArticleID != nil {
		w.add(`EXISTS (SELECT 1 FROM event_sources es WHERE es.event_id = e.id AND es.article_id = %s)`, *f.ArticleID)
	}
	if f.Query != "" {
		w.add("e.search @@ search_query(%s)", f.Query)
	}
	if f.Metric != "" {
		cond := "EXISTS (SELECT 1 FROM figures f WHERE f.event_id = e.id AND f.metric = " + w.arg(f.Metric)
		if f.Min != nil {
			cond += " AND f.value >= " + w.arg(*f.Min)
		}
		if f.Max != nil {
			cond += " AND f.value <= " + w.arg(*f.Max)
		}
		w.add(cond + ")")
	}
}

// eventsFrom returns the FROM of a listing of f, with its arguments in w. Unless the text
// query matches so many events that reading them in date order finds a page sooner (f.textByDate,
// set by ListEvents from the planner's estimate), the matching events are found through the
// GIN index first, then sorted: planned as one query, PostgreSQL may instead walk the date
// index hoping to meet matches early, and read every event when the words are rare or absent.
// OFFSET 0 keeps the subquery apart. The query is then done: it returns f without it.
func eventsFrom(f EventFilter, w *sqlWhere) (string, EventFilter) {
	if f.Query == "" || f.textByDate {
		return "events e", f
	}
	from := "(SELECT * FROM events WHERE search @@ search_query(" + w.arg(f.Query) + ") OFFSET 0) e"
	f.Query = ""
	return from, f
}

// eventListSQL returns the query listing the events of f, in its order, with their actors;
// limit 0 lists them all.
func eventListSQL(f EventFilter, limit int) (string, []any) {
	sort := f.Sort
	if sort == "" {
		sort = SortDate
	}
	w := &sqlWhere{}
	from, f := eventsFrom(f, w)
	if limit > 0 && from == "events e" && (sort == SortDate || sort == SortDateDesc) {
		if i := drivingActor(f); i >= 0 {
			return actorEventPage(f, i, sort, limit, w)
		}
		if len(f.Types) > 0 && len(f.Types) <= maxTypeRanges {
			types := f.Types
			f.Types = nil
			eventWhere(f, w)
			eventAfter(f.After, sort, w)
			return eventPageBySpan(w, f.From, types, sort, limit)
		}
		if f.From != nil {
			eventWhere(f, w)
			eventAfter(f.After, sort, w)
			return eventPageBySpan(w, f.From, nil, sort, limit)
		}
	}
	eventWhere(f, w)
	eventAfter(f.After, sort, w)
	sql := fmt.Sprintf("SELECT %s,\n\t%s\nFROM %s\nWHERE %s\nORDER BY %s", eventColumns, eventActorsJSON, from, w, eventSorts[sort].order)
	if limit > 0 {
		sql += "\nLIMIT " + w.arg(limit)
	}
	return sql, w.args
}

// spanClasses are the longest spans (date_end - date_start, in days) of the classes of
// events.span_class (migration 00007), the last one unbounded (-1).
var spanClasses = []int{0, 7, 31, 92, 366, -1}

// eventPageBySpan returns the query of one page of events in date order, from the conditions
// in w (cursor included): one range of an index per span class (and per type of types), each
// bounded below by from when given, merged.
func eventPageBySpan(w *sqlWhere, from *model.Date, types []string, sort EventSort, limit int) (string, []any) {
	order := eventSorts[sort].order
	lim := w.arg(limit)
	start := ""
	if from != nil {
		start = w.arg(*from)
	}
	keys := []string{""}
	if len(types) > 0 {
		keys = keys[:0]
		for _, t := range types {
			keys = append(keys, "e.type = "+w.arg(t)+" AND ")
		}
	}
	var branches []string
	for _, key := range keys {
		for k, span := range spanClasses {
			cond := fmt.Sprintf("%se.span_class = %d", key, k)
			if span >= 0 && start != "" {
				cond += fmt.Sprintf(" AND e.date_start >= %s::date - %d", start, span)
			}
			branches = append(branches, fmt.Sprintf("(SELECT %s FROM events e WHERE %s\n\t  AND %s ORDER BY %s LIMIT %s)",
				eventColumns, cond, w, order, lim))
		}
	}
	sql := fmt.Sprintf("SELECT %s,\n\t%s\nFROM (%s\n\tORDER BY %s LIMIT %s) e\nORDER BY %s",
		eventColumns, eventActorsJSON, strings.Join(branches, "\n\tUNION ALL "), strings.ReplaceAll(order, "e.", ""), lim, order)
	return sql, w.args
}

// drivingActor returns the index of the actor reference of f that can drive a page (it
// resolved to one actor), or -1.
func drivingActor(f EventFilter) int {
	for i, ids := range f.Actors {
		if len(ids) == 1 {
			return i
		}
	}
	return -1
}

// actorEventPage returns the query of one page of the events of f.Actors[i] (one actor) in
// date order: one range of actor_events_span_date_idx per span class, merged. actor_events
// holds each event's start date as events does (triggers keep them equal), so its order is
// the listing's.
func actorEventPage(f EventFilter, i int, sort EventSort, limit int, w *sqlWhere) (string, []any) {
	actor := w.arg(f.Actors[i][0])
	var roles, start, end, after string
	if len(f.Roles) > 0 {
		roles = " AND ae.roles && " + w.arg(f.Roles)
	}
	if f.From != nil {
		start = w.arg(*f.From)
	}
	if f.To != nil {
		end = " AND ae.date_start <= " + w.arg(*f.To)
	}
	if f.After != nil {
		cmp := ">"
		if sort == SortDateDesc {
			cmp = "<"
		}
		after = fmt.Sprintf(" AND (ae.date_start, ae.event_id) %s (%s, %s)", cmp, w.arg(f.After.DateStart), w.arg(f.After.ID))
	}
	eventWhereBut(f, w, i)
	lim := w.arg(limit)
	order, keyOrder := "ae.date_start, ae.event_id", "k_date, k_id"
	if sort == SortDateDesc {
		order, keyOrder = "ae.date_start DESC, ae.event_id DESC", "k_date DESC, k_id DESC"
	}
	var branches []string
	for k, span := range spanClasses {
		cond := fmt.Sprintf("ae.actor_id = %s AND ae.span_class = %d", actor, k)
		if span >= 0 && start != "" {
			cond += fmt.Sprintf(" AND ae.date_start >= %s::date - %d", start, span)
		}
		branches = append(branches, fmt.Sprintf(
			"(SELECT ae.date_start AS k_date, ae.event_id AS k_id, %s FROM actor_events ae JOIN events e ON e.id = ae.event_id\n\t  WHERE %s%s%s%s\n\t  AND %s ORDER BY %s LIMIT %s)",
			eventColumns, cond, roles, end, after, w, order, lim))
	}
	sql := fmt.Sprintf("SELECT %s,\n\t%s\nFROM (%s\n\tORDER BY %s LIMIT %s) e\nORDER BY %s",
		eventColumns, eventActorsJSON, strings.Join(branches, "\n\tUNION ALL "), keyOrder, lim, "e."+strings.ReplaceAll(keyOrder, ", ", ", e."))
	return sql, w.args
}

// walkText reports whether a page of the events matching the text query q is found sooner
// by reading events in date order and testing each (about limit/p events for a query matching
// a share p of them) than by collecting every match through the GIN index and sorting them
// (about p×N). The two cost the same near p = sqrt(limit/N); the planner's estimate of the
// matches decides, with room for its habit of overestimating word prefixes. Measured at a
// million events (docs/performance.md): a word in 0.3% of events costs 6 ms the GIN way and
// 38 ms in date order; a word in 7% costs 150 ms the GIN way and 1 ms in date order.
func (s *Store) walkText(ctx context.Context, q string, limit int) (bool, error) {
	b := &pgx.Batch{}
	b.Queue(`EXPLAIN (FORMAT JSON) SELECT 1 FROM events WHERE search @@ search_query($1)`, q)
	b.Queue(`SELECT reltuples::float8 FROM pg_class WHERE oid = 'events'::regclass`)
	res := s.db.SendBatch(ctx, b)
	defer res.Close()
	var plan []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		} `json:"Plan"`
	}
	var total float64
	if err := res.QueryRow().Scan(&plan); err != nil {
		return false, mapError(fmt.Errorf("estimate text matches: %w", err))
	}
	if err := res.QueryRow().Scan(&total); err != nil {
		return false, mapError(fmt.Errorf("estimate text matches: %w", err))
	}
	if len(plan) == 0 || total <= 0 {
		return false, nil
	}
	return plan[0].Plan.Rows > 1.5*math.Sqrt(float64(limit)*total), nil
}

// execMode returns the pgx query mode of a listing of f, as the first argument of Query. A
// listing with a text query is planned for its words every time (an unnamed statement):
// whether reading events in order finds a page soon depends on how common the words are, and
// a plan cached for other words (PostgreSQL switches a prepared statement to one generic plan
// after five runs) may collect three hundred thousand matches to sort them.
func execMode(f EventFilter) []any {
	if f.Query != "" {
		return []any{pgx.QueryExecModeDescribeExec}
	}
	return nil
}

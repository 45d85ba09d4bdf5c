package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// eventListParams are the parameters of event listings.
var eventListParams = append([]string{"sort", "limit", "cursor", "count", "format"}, eventFilterParams...)

// eventList is the JSON body of event listings.
type eventList struct {
	Data []model.Event `json:"data"`
	// Next is the URL of the next page, null on the last one.
	Next *string `json:"next"`
	total
}

// eventCursor is the opaque cursor of event listings: the sort and the sort keys of the last
// event of the page.
type eventCursor struct {
	Sort      store.EventSort `json:"s"`
	DateStart *model.Date     `json:"d,omitempty"`
	UpdatedAt *time.Time      `json:"u,omitempty"`
	ID        int64           `json:"i"`
}

// position checks the cursor continues a listing sorted by sort and returns it for the store.
func (c eventCursor) position(q *query, sort store.EventSort) *store.EventCursor {
	byDate := sort == store.SortDate || sort == store.SortDateDesc
	switch {
	case c.Sort != sort:
		q.errs.Param("cursor", "this cursor continues a listing sorted by %q, not %q: keep the parameters of the page that gave it", c.Sort, sort)
		return nil
	case c.ID < 1 || (byDate && c.DateStart == nil) || (!byDate && c.UpdatedAt == nil):
		q.errs.Param("cursor", "not a cursor this server issued; use the next link of a previous page")
		return nil
	}
	p := &store.EventCursor{Sort: sort, ID: c.ID}
	if byDate {
		p.DateStart = *c.DateStart
	} else {
		p.UpdatedAt = *c.UpdatedAt
	}
	return p
}

func eventCursorOf(c *store.EventCursor) eventCursor {
	ec := eventCursor{Sort: c.Sort, ID: c.ID}
	if c.Sort == store.SortDate || c.Sort == store.SortDateDesc {
		ec.DateStart = &c.DateStart
	} else {
		ec.UpdatedAt = &c.UpdatedAt
	}
	return ec
}

// eventTable is the CSV form of events; actors are "name (role)" joined by "; ".
var eventTable = csvTable[model.Event]{
	header: []string{"id", "type", "title", "summary", "date_start", "date_end", "date_precision", "date_text",
		"status", "confidence", "merged_into", "external_id", "actors", "created_at", "updated_at"},
	row: func(e *model.Event) []string {
		actors := make([]string, len(e.Actors))
		for i, a := range e.Actors {
			actors[i] = a.Name + " (" + a.Role + ")"
		}
		return []string{strconv.FormatInt(e.ID, 10), e.Type, e.Title, e.Summary, e.DateStart.String(),
			e.DateEnd.String(), e.DatePrecision, e.DateText, e.Status, cellFloat(e.Confidence),
			cellInt(e.MergedInto), cellString(e.ExternalID), strings.Join(actors, "; "),
			cellTime(&e.CreatedAt), cellTime(&e.UpdatedAt)}
	},
}

func handleEventList(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r, eventListParams...)
		f, err := parseEventFilter(r.Context(), st, q)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		serveEvents(w, r, log, st, opts, q, f)
	}
}

// serveEvents answers an event listing for f: sort, limit, cursor, count and format are read
// here. JSON is one page; CSV and NDJSON are one page with limit, else every event, streamed.
func serveEvents(w http.ResponseWriter, r *http.Request, log *slog.Logger, st *store.Store, opts Options, q *query, f store.EventFilter) {
	ctx := r.Context()
	format := q.format(r, formatJSON, formatCSV, formatNDJSON)
	sort := store.SortDate
	if f.UpdatedSince != nil {
		sort = store.SortUpdated // syncing clients walk forward in time
	}
	f.Sort = store.EventSort(q.oneOf("sort", store.EventSorts(), string(sort)))
	f.Limit = q.limitFor(format, opts)
	count := q.count(format)
	var c eventCursor
	if q.cursor(&c) {
		f.After = c.position(q, f.Sort)
	}
	if err := q.err(); err != nil {
		writeError(w, r, log, err)
		return
	}
	if format != formatJSON && f.Limit == 0 {
		streamRecords(w, r, log, opts, format, eventTable, func(ctx context.Context, fn func(*model.Event) error) error {
			return st.EachEvent(ctx, f, fn)
		})
		return
	}
	page, err := st.ListEvents(ctx, f)
	if err != nil {
		writeError(w, r, log, err)
		return
	}
	next := setNext(w, r, page.Next != nil, func() any { return eventCursorOf(page.Next) })
	if format != formatJSON {
		writeRecords(w, r, format, eventTable, page.Events)
		return
	}
	body := eventList{Data: page.Events, Next: next}
	if body.Data == nil {
		body.Data = []model.Event{}
	}
	if count != "" {
		n, err := st.CountEvents(ctx, f, count == "estimated")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		body.total = newTotal(n, count)
	}
	if b, ok := appendEventList(make([]byte, 0, 1024+700*len(body.Data)), &body); ok {
		writeBody(w, r, "application/json", b)
		return
	}
	respond(w, r, body) // encoding/json refuses it too, and says why
}

// listPage is the JSON body of a page of a listing: its records (an empty list, never null)
// and the URL of the next page, null on the last.
type listPage[T any] struct {
	Data []T     `json:"data"`
	Next *string `json:"next"`
}

// newListPage returns the page of data with next.
func newListPage[T any](data []T, next *string) listPage[T] {
	if data == nil {
		data = []T{}
	}
	return listPage[T]{Data: data, Next: next}
}

// setNext sets the Link header to the next page when there is one and returns its URL.
func setNext(w http.ResponseWriter, r *http.Request, more bool, cursor func() any) *string {
	if !more {
		return nil
	}
	next := nextURL(r, encodeCursor(cursor()))
	w.Header().Set("Link", "<"+next+`>; rel="next"`)
	return &next
}

func handleEventGet(log *slog.Logger, st *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := idParam(r, "id")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		if err := newQuery(r).err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		ev, err := st.GetEvent(r.Context(), id)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		respond(w, r, ev)
	}
}

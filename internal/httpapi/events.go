package httpapi

import (
	"log/slog"
	"net/http"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// eventList is the body of GET /v1/events.
type eventList struct {
	Data []model.Event `json:"data"`
	// Next is the URL of the next page, null on the last one.
	Next *string `json:"next"`
}

// eventCursor is the opaque cursor of event listings.
type eventCursor struct {
	DateStart model.Date `json:"d"`
	ID        int64      `json:"i"`
}

func handleEventList(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r, "from", "to", "limit", "cursor")
		f := store.EventFilter{
			From:  q.date("from"),
			To:    q.date("to"),
			Limit: q.limit(opts.DefaultLimit, opts.MaxLimit),
		}
		var c eventCursor
		if q.cursor(&c) {
			f.After = &store.EventCursor{DateStart: c.DateStart, ID: c.ID}
		}
		if f.From != nil && f.To != nil && f.To.Before(*f.From) {
			q.errs.Param("to", "%s is before from (%s)", f.To, f.From)
		}
		if err := q.err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		page, err := st.ListEvents(r.Context(), f)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		body := eventList{Data: page.Events}
		if body.Data == nil {
			body.Data = []model.Event{}
		}
		if page.Next != nil {
			next := nextURL(r, encodeCursor(eventCursor{DateStart: page.Next.DateStart, ID: page.Next.ID}))
			body.Next = &next
			w.Header().Set("Link", "<"+next+`>; rel="next"`)
		}
		respond(w, r, body)
	}
}

func handleEventGet(log *slog.Logger, st *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := idParam(r, "id")
		if err != nil {
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

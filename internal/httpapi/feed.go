package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"

	"github.com/newsevents/newsevents/internal/feed"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// feedParams are the parameters of GET /v1/feed: the event filters a live feed can apply to
// each change as it comes (not q, metric, min, max, article: those need the database), and
// since.
var feedParams = []string{"from", "to", "type", "actor", "role", "status", "since"}

// contentTypeEventStream is the media type of Server-Sent Events.
const contentTypeEventStream = "text/event-stream; charset=utf-8"

// handleFeed serves GET /v1/feed: the changes to events, as Server-Sent Events, one event (the
// shape of an item of GET /v1/events, tombstones included) per message, with its position as
// the SSE id. With Last-Event-ID (EventSource sends it when it reconnects) or since, what
// changed after that position is read from the database first, then live changes follow.
func handleFeed(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r, feedParams...)
		f, err := parseEventScope(r.Context(), st, q)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		from := feedStart(q, r)
		if err := q.err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		select {
		case opts.feeds <- struct{}{}:
			defer func() { <-opts.feeds }()
		default:
			w.Header().Set("Retry-After", "30")
			writeError(w, r, log, &model.Error{Code: model.Unavailable, Message: fmt.Sprintf(
				"%d feed connections are open, the most this server keeps: retry later", cap(opts.feeds))})
			return
		}
		s, err := feed.Follow(st, opts.Feed, f, from)
		if errors.Is(err, feed.ErrClosed) {
			// The server is shutting down: a stream that says so at once, which EventSource
			// follows by reconnecting (to another server, or this one restarted); a 503 would
			// make it give up.
			startFeed(w)
			lastID := ""
			if from != nil {
				lastID = from.String()
			}
			_, _ = w.Write(appendFeedEnd([]byte(feedRetryField), err, false, opts, lastID))
			return
		}
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		defer s.Close()
		serveFeed(w, r, log, opts, s)
	}
}

// feedStart reads where the client stands: the Last-Event-ID header (EventSource sends it when
// it reconnects, to the URL it first opened, so it wins over since), else since: a feed
// position (the id of a message) or an RFC 3339 timestamp (the changes at or after it, as
// updated_since). Neither: the feed starts with the changes to come.
func feedStart(q *query, r *http.Request) *feed.Position {
	if id := strings.TrimSpace(r.Header.Get("Last-Event-ID")); id != "" {
		p, err := feed.ParsePosition(id)
		if err != nil {
			q.errs.Param("Last-Event-ID", "%s", err.Error())
			return nil
		}
		return &p
	}
	if vs := q.values["since"]; len(vs) == 1 && strings.Contains(vs[0], "/") {
		p, err := feed.ParsePosition(vs[0])
		if err != nil {
			q.errs.Param("since", "%s; or an RFC 3339 timestamp", err.Error())
			return nil
		}
		return &p
	}
	if t := q.timestamp("since"); t != nil {
		return &feed.Position{UpdatedAt: *t} // (t, 0): every change at t or after
	}
	return nil
}

// serveFeed writes the stream s as Server-Sent Events until the client goes away or the stream
// ends: a client that fell behind, the server shutting down, the stream's longest duration
// (Options.ExportTimeout), or a database failure each end it with a last message, the event
// "reconnect", saying why and where to resume (EventSource reconnects by itself after the
// advised retry, with its Last-Event-ID). A comment every Options.FeedHeartbeat keeps proxies
// from closing a quiet stream. Each write must be taken within Options.WriteTimeout.
func serveFeed(w http.ResponseWriter, r *http.Request, log *slog.Logger, opts Options, s *feed.Stream) {
	ctx, cancel, bounds := boundStream(w, r, opts)
	defer cancel()
	write := func(b []byte) error {
		bounds.extend(opts.WriteTimeout) // room for the last message after the stream's end
		if _, err := w.Write(b); err != nil {
			return err
		}
		return bounds.rc.Flush()
	}
	startFeed(w)
	if r.Method == http.MethodHead {
		return
	}
	if write([]byte(feedRetryField)) != nil {
		return
	}
	heartbeat := time.NewTicker(opts.FeedHeartbeat)
	defer heartbeat.Stop()
	lastID := ""
	var buf []byte
	for {
		events, err := s.Next(ctx)
		buf = buf[:0]
		if len(events) > 0 {
			buf = appendFeedMessages(buf, events, lastID)
		}
		if id := s.Position().String(); id != lastID {
			if len(events) == 0 {
				buf = append(buf, "id: "+id+"\n\n"...) // where the client stands, without a message
			}
			lastID = id
		}
		if err != nil {
			if r.Context().Err() != nil {
				return // the client went away
			}
			buf = appendFeedEnd(buf, err, ctx.Err() != nil, opts, lastID)
			if werr := write(buf); werr == nil {
				log.InfoContext(r.Context(), "feed stream ended", "reason", err, "request_id", middleware.GetReqID(r.Context()))
			}
			return
		}
		if len(buf) > 0 {
			if write(buf) != nil {
				return
			}
			heartbeat.Reset(opts.FeedHeartbeat) // a heartbeat only after a quiet interval
		}
		if len(events) > 0 || s.Behind() {
			continue
		}
		select {
		case <-s.Ready():
		case <-heartbeat.C:
			if write([]byte(": keep-alive\n\n")) != nil {
				return
			}
		case <-ctx.Done():
			if r.Context().Err() != nil {
				return
			}
			_ = write(appendFeedEnd(nil, ctx.Err(), true, opts, lastID))
			return
		}
	}
}

// feedRetryField advises the reconnection delay (the SSE retry field, 3 s): EventSource waits
// that long before it reconnects, with its Last-Event-ID. Each stream starts with it.
const feedRetryField = "retry: 3000\n\n"

// startFeed writes the headers of a feed stream.
func startFeed(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", contentTypeEventStream)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: pass each message on as it comes
	w.WriteHeader(http.StatusOK)
}

// appendFeedMessages appends one SSE message per event: its id is the stream's position after
// it (the largest position sent: positions need not grow, as changes commit in their own
// order), its data the event as GET /v1/events lists it, on one line.
func appendFeedMessages(b []byte, events []*model.Event, lastID string) []byte {
	pos, _ := feed.ParsePosition(lastID) // the zero position before the first
	for _, e := range events {
		if p := feed.PositionOf(e); pos.Before(p) {
			pos = p
		}
		b = append(b, "id: "...)
		b = append(b, pos.String()...)
		b = append(b, "\ndata: "...)
		if out, ok := appendEvent(b, e); ok {
			b = out
		} else {
			v, err := json.Marshal(e)
			if err != nil {
				v = []byte(`{"id":` + strconv.FormatInt(e.ID, 10) + `}`) // a NaN: only a bug stores one
			}
			b = append(b, v...)
		}
		b = append(b, "\n\n"...)
	}
	return b
}

// feedEnd is the data of the last message of a stream, the event "reconnect".
type feedEnd struct {
	// Reason is lagged, shutdown, timeout, unavailable or not_live.
	Reason string `json:"reason"`
	Detail string `json:"detail"`
	// LastEventID is where to resume: the id of the last message sent.
	LastEventID string `json:"last_event_id"`
}

// appendFeedEnd appends the message that ends a stream for err.
func appendFeedEnd(b []byte, err error, expired bool, opts Options, lastID string) []byte {
	e := feedEnd{LastEventID: lastID}
	switch {
	case errors.Is(err, feed.ErrLagged):
		e.Reason, e.Detail = "lagged", "the client fell behind the live changes: reconnect with Last-Event-ID to read what it missed from the database"
	case errors.Is(err, feed.ErrClosed):
		e.Reason, e.Detail = "shutdown", "the server is shutting down: reconnect with Last-Event-ID"
	case errors.Is(err, feed.ErrNotLive):
		e.Reason, e.Detail = "not_live", "this server delivers no live changes: reconnect with Last-Event-ID to read later ones"
	case expired:
		e.Reason, e.Detail = "timeout", fmt.Sprintf("a stream lasts at most %s: reconnect with Last-Event-ID", opts.ExportTimeout)
	default:
		e.Reason, e.Detail = "unavailable", "the database could not be read: reconnect with Last-Event-ID"
	}
	data, _ := json.Marshal(e)
	b = append(b, "event: reconnect\ndata: "...)
	b = append(b, data...)
	return append(b, "\n\n"...)
}

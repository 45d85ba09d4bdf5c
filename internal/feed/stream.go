package feed

import (
	"context"
	"fmt"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// replayPage is how many events a stream reads from the database per query.
const replayPage = 500

// Stream is one client's feed: the changes to the events its filter selects, from a position
// on. Next returns them in turn: first, when the stream starts at a position, every change
// after it read from the database (in the order of positions), then the live changes the hub
// hands over. A Stream is used by one goroutine; Close releases it.
type Stream struct {
	st     *store.Store
	hub    *Hub
	sub    *subscription // nil without a hub
	filter store.EventFilter

	// start is where the client stands when the stream opens: it has every change up to it.
	start Position
	// pos is the largest position sent, or start: the SSE id a client resumes from.
	pos Position
	// headKnown is false until a stream opened without a position has read the latest one.
	headKnown bool
	// replay is where reading the database continues (strictly after it); nil when the stream
	// is not reading it.
	replay *Position
	// sent remembers the version of each event sent.
	sent versions
}

// Follow opens a stream of the changes to the events f selects, with hub's live changes (none
// when hub is nil: the stream then ends with ErrNotLive once the database is read). With from,
// the stream starts by reading every change after from; without it, it starts at the latest
// change (Next reads it) and sends only what follows. f must be a filter Matches can decide
// (no text query, metric, bounds or article), whatever its status filter, tombstones
// included: a retraction or a merge is a change a client must hear of. It subscribes before it
// reads the database: see the package documentation.
func Follow(st *store.Store, hub *Hub, f store.EventFilter, from *Position) (*Stream, error) {
	f.AllStatuses = true
	f.UpdatedSince, f.After, f.Sort, f.Limit = nil, nil, store.SortUpdated, 0
	if f.Query != "" || f.Metric != "" || f.Min != nil || f.Max != nil || f.ArticleID != nil || len(f.IDs) > 0 {
		return nil, fmt.Errorf("follow events: the live feed filters on dates, types, actors, roles and statuses only")
	}
	s := &Stream{st: st, hub: hub, filter: f}
	remember := Options{}.withDefaults().Remember
	if hub != nil {
		sub, err := hub.subscribe(f.Matches)
		if err != nil {
			return nil, err
		}
		s.sub = sub
		remember = hub.opts.Remember
	}
	s.sent = newVersions(remember)
	if from != nil {
		s.start, s.pos, s.headKnown = *from, *from, true
		p := *from
		s.replay = &p
	}
	return s, nil
}

// Close ends the stream's subscription.
func (s *Stream) Close() {
	if s.sub != nil {
		s.hub.unsubscribe(s.sub)
	}
}

// Position returns the position of the stream: the largest position of a change it sent, or
// where it started. A client that has what Next returned resumes from it.
func (s *Stream) Position() Position { return s.pos }

// Behind reports whether Next has more to say at once (database reading to do, or, without a
// hub, the end): call it again without waiting for Ready.
func (s *Stream) Behind() bool { return !s.headKnown || s.replay != nil || s.sub == nil }

// Ready returns a channel that receives when live changes may be waiting for Next (never,
// without a hub).
func (s *Stream) Ready() <-chan struct{} {
	if s.sub == nil {
		return nil
	}
	return s.sub.ready
}

// Next returns the next changes to send, each an event in its current version, none sent
// before in that version or a newer one; possibly none (wait for Ready unless Behind). It
// never waits for live changes. The error ends the stream: ErrLagged, ErrClosed, ErrNotLive,
// or a database failure while reading it (the client may resume from Position).
func (s *Stream) Next(ctx context.Context) ([]*model.Event, error) {
	if !s.headKnown {
		head, ok, err := s.st.EventHead(ctx)
		if err != nil {
			return nil, err
		}
		if ok {
			s.start = Position{UpdatedAt: head.UpdatedAt, ID: head.ID}
			s.pos = s.start
		}
		s.headKnown = true
		return nil, nil
	}
	if s.replay != nil {
		return s.readPage(ctx)
	}
	if s.sub == nil {
		return nil, ErrNotLive
	}
	events, resync, err := s.sub.take()
	out := s.fresh(events)
	if resync {
		s.catchUp()
	}
	if len(out) == 0 && err != nil {
		return nil, err
	}
	return out, nil
}

// readPage reads the next page of changes from the database.
func (s *Stream) readPage(ctx context.Context) ([]*model.Event, error) {
	f := s.filter
	f.UpdatedSince = &s.replay.UpdatedAt
	f.After = s.replay.cursor()
	f.Limit = replayPage
	page, err := s.st.ListEvents(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("read missed changes: %w", err)
	}
	if page.Next == nil {
		s.replay = nil
	} else {
		p := PositionOf(&page.Events[len(page.Events)-1])
		s.replay = &p
	}
	events := make([]*model.Event, len(page.Events))
	for i := range page.Events {
		events[i] = &page.Events[i]
	}
	return s.fresh(events), nil
}

// catchUp starts reading the database again, from CatchUpOverlap before the stream's
// position (not before where it started: the client has that).
func (s *Stream) catchUp() {
	from := Position{UpdatedAt: s.pos.UpdatedAt.Add(-s.hub.opts.CatchUpOverlap)}
	if from.Before(s.start) {
		from = s.start
	}
	if s.replay == nil || from.Before(*s.replay) {
		s.replay = &from
	}
}

// fresh keeps the events not sent yet in this version or a newer one, and records them sent.
func (s *Stream) fresh(events []*model.Event) []*model.Event {
	out := events[:0:0]
	for _, e := range events {
		if at, ok := s.sent.get(e.ID); ok && !e.UpdatedAt.After(at) {
			continue
		}
		s.sent.put(e.ID, e.UpdatedAt)
		if p := PositionOf(e); s.pos.Before(p) {
			s.pos = p
		}
		out = append(out, e)
	}
	return out
}

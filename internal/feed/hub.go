package feed

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// Options tune a Hub.
type Options struct {
	// Buffer is how many changed events a subscriber may have waiting before it is cut off
	// (ErrLagged). Default 1000.
	Buffer int
	// PingInterval is how long the listener waits for a change before it checks its connection
	// still answers (a connection lost without a word is found then). Default 30 s.
	PingInterval time.Duration
	// MinBackoff and MaxBackoff bound the wait between attempts to listen again after the
	// connection is lost: it doubles from MinBackoff up to MaxBackoff. Defaults 100 ms, 10 s.
	MinBackoff, MaxBackoff time.Duration
	// CatchUpOverlap is how far before its position a stream reads the database again when the
	// listener was lost: a change whose transaction started that much before the last change
	// the stream sent, and committed while nobody listened, is still found. Versions it sent
	// already are not sent again. Default 1 minute.
	CatchUpOverlap time.Duration
	// Remember is how many event versions a stream remembers, not to send one twice. Default
	// 10,000.
	Remember int
}

func (o Options) withDefaults() Options {
	if o.Buffer <= 0 {
		o.Buffer = 1000
	}
	if o.PingInterval <= 0 {
		o.PingInterval = 30 * time.Second
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = 100 * time.Millisecond
	}
	if o.MaxBackoff < o.MinBackoff {
		o.MaxBackoff = max(10*time.Second, o.MinBackoff)
	}
	if o.CatchUpOverlap <= 0 {
		o.CatchUpOverlap = time.Minute
	}
	if o.Remember <= 0 {
		o.Remember = 10000
	}
	return o
}

// Hub listens for event changes on one connection and hands each changed event to the
// subscribers it matches. Run runs it; Close ends it and every subscription.
type Hub struct {
	log  *slog.Logger
	st   *store.Store
	opts Options

	mu        sync.Mutex
	subs      map[*subscription]struct{}
	closed    bool
	listening bool

	closeOnce sync.Once
	stop      chan struct{}
}

// New returns a hub reading changes through st; Run starts it.
func New(log *slog.Logger, st *store.Store, opts Options) *Hub {
	return &Hub{log: log, st: st, opts: opts.withDefaults(), subs: map[*subscription]struct{}{}, stop: make(chan struct{})}
}

// Run listens for changes and hands them out until ctx ends or Close is called; then it closes
// the hub (every subscription ends with ErrClosed) and returns once the listening connection
// is closed. A lost connection is opened again, with backoff; each time listening starts,
// every stream catches up from the database.
func (h *Hub) Run(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer h.Close()
	go func() {
		select {
		case <-h.stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	backoff := h.opts.MinBackoff
	for {
		began := time.Now()
		err := h.listen(ctx)
		if ctx.Err() != nil {
			return
		}
		if time.Since(began) > h.opts.MaxBackoff {
			backoff = h.opts.MinBackoff // it listened a while: a new failure, not the same one
		}
		h.log.Warn("feed: listening for event changes failed; trying again", "err", err, "in", backoff)
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return
		}
		backoff = min(2*backoff, h.opts.MaxBackoff)
	}
}

// listen opens a listener and hands out what it hears until it fails or ctx ends.
func (h *Hub) listen(ctx context.Context) error {
	l, err := h.st.ListenEvents(ctx)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = l.Close(cctx)
	}()
	h.setListening(true)
	defer h.setListening(false)
	h.log.Info("feed: listening for event changes", "pid", l.PID())
	// Changes committed while nobody listened reached no stream: each reads them from the
	// database.
	h.resync()
	for {
		changes, err := l.Wait(ctx, h.opts.PingInterval)
		if err != nil {
			return err
		}
		if len(changes) == 0 || !h.hasSubscribers() {
			continue
		}
		ids := make([]int64, 0, len(changes))
		for _, c := range changes {
			ids = append(ids, c.ID)
		}
		slices.Sort(ids)
		events, err := l.Events(ctx, slices.Compact(ids))
		if err != nil {
			return err
		}
		h.fanout(events)
	}
}

// Close ends the hub: every subscription ends with ErrClosed, new ones are refused, and Run
// returns. It is safe to call more than once.
func (h *Hub) Close() {
	h.closeOnce.Do(func() {
		h.mu.Lock()
		h.closed = true
		subs := h.subscribers()
		h.mu.Unlock()
		for _, s := range subs {
			s.end(ErrClosed)
		}
		close(h.stop)
	})
}

// Listening reports whether the hub is listening for changes now.
func (h *Hub) Listening() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.listening
}

// Subscribers returns how many subscriptions are open.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

func (h *Hub) setListening(on bool) {
	h.mu.Lock()
	h.listening = on
	h.mu.Unlock()
}

func (h *Hub) hasSubscribers() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs) > 0
}

// subscribers returns the open subscriptions; h.mu must be held.
func (h *Hub) subscribers() []*subscription {
	out := make([]*subscription, 0, len(h.subs))
	for s := range h.subs {
		out = append(out, s)
	}
	return out
}

// subscribe opens a subscription to the events match accepts.
func (h *Hub) subscribe(match func(*model.Event) bool) (*subscription, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, ErrClosed
	}
	s := &subscription{match: match, limit: h.opts.Buffer, ready: make(chan struct{}, 1)}
	h.subs[s] = struct{}{}
	return s, nil
}

func (h *Hub) unsubscribe(s *subscription) {
	h.mu.Lock()
	delete(h.subs, s)
	h.mu.Unlock()
}

// fanout offers events to every subscription; none is waited for.
func (h *Hub) fanout(events []model.Event) {
	h.mu.Lock()
	subs := h.subscribers()
	h.mu.Unlock()
	for _, s := range subs {
		s.offer(events)
	}
}

// resync tells every subscription to catch up from the database.
func (h *Hub) resync() {
	h.mu.Lock()
	subs := h.subscribers()
	h.mu.Unlock()
	for _, s := range subs {
		s.markResync()
	}
}

// subscription is the queue of one stream: the hub appends, the stream takes.
type subscription struct {
	match func(*model.Event) bool
	limit int
	// ready holds a token when there is something to take.
	ready chan struct{}

	mu     sync.Mutex
	queue  []*model.Event
	resync bool
	err    error
}

// offer queues the events s matches, or ends s with ErrLagged when it still holds events and
// they would not fit: a subscriber that takes what it is offered before the next offer never
// lags, however large a burst (one offer is one read of the listener, at most a thousand
// events). The events are shared by every subscription: nobody may change them.
func (s *subscription) offer(events []model.Event) {
	var matched []*model.Event
	for i := range events {
		if s.match(&events[i]) {
			matched = append(matched, &events[i])
		}
	}
	if len(matched) == 0 {
		return
	}
	s.mu.Lock()
	switch {
	case s.err != nil:
	case len(s.queue) > 0 && len(s.queue)+len(matched) > s.limit:
		s.queue, s.err = nil, ErrLagged
	default:
		s.queue = append(s.queue, matched...)
	}
	s.mu.Unlock()
	s.signal()
}

func (s *subscription) markResync() {
	s.mu.Lock()
	s.resync = true
	s.mu.Unlock()
	s.signal()
}

// end ends s with err, keeping what it has queued.
func (s *subscription) end(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
	s.signal()
}

func (s *subscription) signal() {
	select {
	case s.ready <- struct{}{}:
	default:
	}
}

// take returns what is queued, whether to catch up from the database, and the error that
// ended s, if any.
func (s *subscription) take() ([]*model.Event, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, r := s.queue, s.resync
	s.queue, s.resync = nil, false
	return q, r, s.err
}

// Package feed owns the live feed of event changes: one connection per server process listens
// for the changes the database announces (store.EventsChannel), reads each changed event once,
// and hands it to every subscriber whose filter it matches (Hub). A Stream is one client's
// feed: what it missed, read from the database, then the live changes, with no gap and no
// duplicate between the two.
//
//	curl -N 'localhost:8080/v1/feed?type=layoff'
//
// Positions. Every change has a position, (updated_at, id): the order of GET
// /v1/events?updated_since=…&sort=updated. A client that comes back with the position of the
// last change it got (the SSE Last-Event-ID) is sent, from the database, every change after it
// that its filter selects, then the live ones.
//
// The switch from the database to live changes. A stream subscribes to the hub before it reads
// the database, so a change committed while it reads is both read and heard; it remembers the
// version (id and updated_at) of each event it sent, and sends an event again only in a newer
// version. Versions, not positions: a transaction stamps updated_at when it starts, so changes
// do not commit in the order of their positions, and one heard after the read may sit before
// the last position read; it is new all the same. The same ordering leaves one gap a position
// cannot close: a client that resumes at a position is not sent a change whose transaction
// started before that position and committed while the client was away (as with
// updated_since; the README says how a client that must miss nothing re-reads). A stream opened
// without a position may start with changes committed just before it subscribed, still on
// their way through the hub.
//
// Backpressure. The hub never waits for a subscriber: each has a queue, and one that has more
// than Options.Buffer events waiting is cut off (ErrLagged); its client reconnects with its
// Last-Event-ID and catches up from the database. When the listening
// connection is lost (a database restart, a killed backend), the hub reconnects with backoff,
// and every stream then catches up from the database, as nothing was heard meanwhile.
package feed

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// Why a stream ends.
var (
	// ErrLagged: the client took changes more slowly than they came, and its queue filled up.
	ErrLagged = errors.New("the client fell too far behind the live changes")
	// ErrClosed: the hub was closed (the server is shutting down).
	ErrClosed = errors.New("the live feed is closed: the server is shutting down")
	// ErrNotLive: the stream has no hub; it sent what the database holds and has nothing more.
	ErrNotLive = errors.New("this server delivers no live changes")
)

// Position is a place in the order of event changes: the updated_at and id of a change. A
// stream resumed at a position sends the changes after it.
type Position struct {
	UpdatedAt time.Time
	ID        int64
}

// PositionOf returns the position of the version of e.
func PositionOf(e *model.Event) Position { return Position{UpdatedAt: e.UpdatedAt, ID: e.ID} }

// positionLayout writes updated_at to the microsecond, as PostgreSQL keeps it.
const positionLayout = "2006-01-02T15:04:05.000000Z07:00"

// String writes p as "2024-03-05T10:15:30.123456Z/42": the SSE id of the change.
func (p Position) String() string {
	return p.UpdatedAt.UTC().Format(positionLayout) + "/" + strconv.FormatInt(p.ID, 10)
}

// ParsePosition reads a position written by String.
func ParsePosition(s string) (Position, error) {
	at, id, ok := strings.Cut(s, "/")
	if !ok {
		return Position{}, fmt.Errorf("%q is not a feed position: use the id of a feed message, such as 2024-03-05T10:15:30.123456Z/42", s)
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if err != nil || err2 != nil || n < 0 || strings.ContainsAny(id, "+-") {
		return Position{}, fmt.Errorf("%q is not a feed position: use the id of a feed message, such as 2024-03-05T10:15:30.123456Z/42", s)
	}
	return Position{UpdatedAt: t.UTC(), ID: n}, nil
}

// Before reports whether p comes before q.
func (p Position) Before(q Position) bool {
	if !p.UpdatedAt.Equal(q.UpdatedAt) {
		return p.UpdatedAt.Before(q.UpdatedAt)
	}
	return p.ID < q.ID
}

// cursor returns p as the keyset cursor of a listing sorted by updated.
func (p Position) cursor() *store.EventCursor {
	return &store.EventCursor{Sort: store.SortUpdated, UpdatedAt: p.UpdatedAt, ID: p.ID}
}

package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// EventsChannel is the channel on which the database announces every change to an event
// (migration 00016): the payload is "<id> <updated_at in microseconds since 1970>".
const EventsChannel = "newsevents_events"

// listenerApplicationName names the listening connection in pg_stat_activity.
const listenerApplicationName = "newsevents feed"

// EventChange says an event changed: its id and the updated_at of the new version.
type EventChange struct {
	ID        int64
	UpdatedAt time.Time
}

// EventListener is a connection of its own, outside the pool, that listens for event changes
// and reads the changed events. It is not safe for concurrent use.
type EventListener struct {
	conn *pgx.Conn
	// st runs queries on conn, between waits.
	st *Store
}

// maxChangesPerWait caps how many changes Wait collects before it returns.
const maxChangesPerWait = 1000

// drainWait is how long Wait, having received a change, keeps collecting those that follow
// it: a burst (an import, a write touching many events) is then read in one query.
const drainWait = 2 * time.Millisecond

// ListenEvents opens a connection with the settings of the pool, outside it (it is held for as
// long as the listener runs and must not take a connection from requests), and listens on
// EventsChannel. Changes committed from then on reach Wait, in commit order.
func (s *Store) ListenEvents(ctx context.Context) (*EventListener, error) {
	pool := poolOf(s.db)
	if pool == nil {
		return nil, errors.New("listen for event changes: the store is not on a pool")
	}
	cfg := pool.Config().ConnConfig.Copy()
	cfg.RuntimeParams["application_name"] = listenerApplicationName
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, mapError(fmt.Errorf("connect the feed listener: %w", err))
	}
	if _, err := conn.Exec(ctx, "LISTEN "+EventsChannel); err != nil {
		_ = conn.Close(context.Background())
		return nil, mapError(fmt.Errorf("listen on %s: %w", EventsChannel, err))
	}
	return &EventListener{conn: conn, st: &Store{db: conn}}, nil
}

// Wait returns the changes committed since the last call, waiting for the first one. When none
// comes within idle, it checks the connection still answers and returns no changes. Payloads
// that are not changes (someone else notifying on the channel) are skipped. An error means the
// connection is lost: close the listener and open another.
func (l *EventListener) Wait(ctx context.Context, idle time.Duration) ([]EventChange, error) {
	wctx, cancel := context.WithTimeout(ctx, idle)
	n, err := l.conn.WaitForNotification(wctx)
	cancel()
	if err != nil {
		if ctx.Err() == nil && wctx.Err() != nil && !l.conn.IsClosed() {
			if err := l.conn.Ping(ctx); err != nil {
				return nil, mapError(fmt.Errorf("ping the feed listener: %w", err))
			}
			return nil, nil
		}
		return nil, mapError(fmt.Errorf("wait for event changes: %w", err))
	}
	changes := appendChange(nil, n.Payload)
	for len(changes) < maxChangesPerWait {
		dctx, cancel := context.WithTimeout(ctx, drainWait)
		n, err := l.conn.WaitForNotification(dctx)
		cancel()
		if err != nil || n == nil {
			break // quiet again; a lost connection shows at the next Wait
		}
		changes = appendChange(changes, n.Payload)
	}
	return changes, nil
}

// appendChange appends the change of a payload "<id> <microseconds>", when it is one.
func appendChange(changes []EventChange, payload string) []EventChange {
	idText, microsText, ok := strings.Cut(payload, " ")
	if !ok {
		return changes
	}
	id, err1 := strconv.ParseInt(idText, 10, 64)
	micros, err2 := strconv.ParseInt(microsText, 10, 64)
	if err1 != nil || err2 != nil || id < 1 {
		return changes
	}
	return append(changes, EventChange{ID: id, UpdatedAt: time.UnixMicro(micros).UTC()})
}

// Events returns the events ids as they are now, whatever their status, in the order of
// updated_at and id, in the shape of event listings; ids no longer stored are left out.
func (l *EventListener) Events(ctx context.Context, ids []int64) ([]model.Event, error) {
	page, err := l.st.ListEvents(ctx, EventFilter{IDs: ids, AllStatuses: true, Sort: SortUpdated, Limit: len(ids)})
	if err != nil {
		return nil, fmt.Errorf("read changed events: %w", err)
	}
	return page.Events, nil
}

// PID returns the process id of the listener's server backend (pg_stat_activity.pid).
func (l *EventListener) PID() uint32 { return l.conn.PgConn().PID() }

// Close closes the connection; the server forgets the listener with it.
func (l *EventListener) Close(ctx context.Context) error {
	if err := l.conn.Close(ctx); err != nil {
		return fmt.Errorf("close the feed listener: %w", err)
	}
	return nil
}

// EventHead returns the position of the latest change to an event: the largest (updated_at,
// id), in the order of listings sorted by updated; ok is false when there is no event.
func (s *Store) EventHead(ctx context.Context) (pos EventCursor, ok bool, err error) {
	pos.Sort = SortUpdated
	err = s.db.QueryRow(ctx, `SELECT updated_at, id FROM events ORDER BY updated_at DESC, id DESC LIMIT 1`).Scan(&pos.UpdatedAt, &pos.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return pos, false, nil
	}
	if err != nil {
		return pos, false, mapError(fmt.Errorf("read the latest event change: %w", err))
	}
	return pos, true, nil
}

// Matches reports whether e is among the events f selects, as the SQL of a listing decides,
// for the conditions a live feed filters on: From, To, Types, Actors, Roles, Statuses (with
// the rule for tombstones that AllStatuses and UpdatedSince give), UpdatedSince and IDs. The
// others (Query, Metric, Min, Max, ArticleID) need the database: Matches returns false when
// any is set, so a caller cannot mistake it for a full check. The feed reads each changed event
// once for all its clients and gives each the events its filter matches.
func (f EventFilter) Matches(e *model.Event) bool {
	switch {
	case f.Query != "" || f.Metric != "" || f.Min != nil || f.Max != nil || f.ArticleID != nil:
		return false
	case f.AllStatuses:
		if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, e.Status) {
			return false
		}
	case len(f.Statuses) > 0:
		if !slices.Contains(f.Statuses, e.Status) || (f.UpdatedSince == nil && e.MergedInto != nil) {
			return false
		}
	case f.UpdatedSince == nil:
		if e.Status == "retracted" || e.MergedInto != nil {
			return false
		}
	}
	if f.UpdatedSince != nil && e.UpdatedAt.Before(*f.UpdatedSince) {
		return false
	}
	if len(f.IDs) > 0 && !slices.Contains(f.IDs, e.ID) {
		return false
	}
	if f.From != nil && e.DateEnd.Before(*f.From) {
		return false
	}
	if f.To != nil && f.To.Before(e.DateStart) {
		return false
	}
	if len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) {
		return false
	}
	for _, ids := range f.Actors {
		if !slices.ContainsFunc(e.Actors, func(a model.EventActor) bool {
			return slices.Contains(ids, a.ID) && (len(f.Roles) == 0 || slices.Contains(f.Roles, a.Role))
		}) {
			return false
		}
	}
	if len(f.Actors) == 0 && len(f.Roles) > 0 && !slices.ContainsFunc(e.Actors, func(a model.EventActor) bool {
		return slices.Contains(f.Roles, a.Role)
	}) {
		return false
	}
	return true
}

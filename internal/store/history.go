package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// WriteTx runs fn in one transaction and records who (an API key name, or a command such as
// "cli:import") as the author of every change fn makes: the history triggers read it.
func (s *Store) WriteTx(ctx context.Context, who string, fn func(tx *Store) error) error {
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.db.Exec(ctx, `SELECT set_config('newsevents.actor', $1, true)`, who); err != nil {
			return mapError(fmt.Errorf("set change author: %w", err))
		}
		return fn(tx)
	})
}

// KeepTimestamps makes the running transaction keep the created_at and updated_at given for the
// records it inserts (a restore), instead of stamping them with the time of the write.
func (s *Store) KeepTimestamps(ctx context.Context) error {
	if _, err := s.db.Exec(ctx, `SELECT set_config('newsevents.keep_timestamps', 'on', true)`); err != nil {
		return mapError(fmt.Errorf("keep timestamps: %w", err))
	}
	return nil
}

// historyNames renames table columns to the names the API uses for the same values.
var historyNames = map[string]string{"quote": "text", "quote_start": "start", "quote_end": "end"}

// EventHistory returns up to limit changes to event id and what hangs off it, oldest first,
// after the change with id after (0: from the start), and whether more follow. It returns a
// NotFound error when the event never existed.
func (s *Store) EventHistory(ctx context.Context, eventID, after int64, limit int) ([]model.Change, bool, error) {
	rows, err := s.db.Query(ctx, `
		SELECT id, entity, entity_id, action, fields, before, after, changed_by, changed_at
		FROM event_history
		WHERE event_id = $1 AND id > $2
		ORDER BY id
		LIMIT $3`, eventID, after, limit+1)
	if err != nil {
		return nil, false, mapError(fmt.Errorf("load history of event %d: %w", eventID, err))
	}
	changes, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.Change, error) {
		var (
			c             model.Change
			before, after []byte
		)
		if err := row.Scan(&c.ID, &c.Entity, &c.EntityID, &c.Action, &c.Fields, &before, &after, &c.ChangedBy, &c.ChangedAt); err != nil {
			return c, err
		}
		var err error
		if c.Before, err = historyDoc(before); err != nil {
			return c, err
		}
		if c.After, err = historyDoc(after); err != nil {
			return c, err
		}
		for i, f := range c.Fields {
			if n, ok := historyNames[f]; ok {
				c.Fields[i] = n
			}
		}
		return c, nil
	})
	if err != nil {
		return nil, false, mapError(fmt.Errorf("load history of event %d: %w", eventID, err))
	}
	if len(changes) == 0 && after == 0 {
		var exists bool
		if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE id = $1)`, eventID).Scan(&exists); err != nil {
			return nil, false, mapError(fmt.Errorf("find event %d: %w", eventID, err))
		}
		if !exists {
			return nil, false, model.Errorf(model.NotFound, "no event with id %d", eventID)
		}
	}
	more := len(changes) > limit
	if more {
		changes = changes[:limit]
	}
	return changes, more, nil
}

func historyDoc(b []byte) (map[string]any, error) {
	if b == nil {
		return nil, nil
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("decode history entry: %w", err)
	}
	for from, to := range historyNames {
		if v, ok := m[from]; ok {
			delete(m, from)
			m[to] = v
		}
	}
	return m, nil
}

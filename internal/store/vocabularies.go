package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// Vocabulary names one of the open vocabularies, each a table of codes.
type Vocabulary string

// The vocabularies.
const (
	EventTypes Vocabulary = "event_types"
	Metrics    Vocabulary = "metrics"
	Units      Vocabulary = "units"
	Roles      Vocabulary = "actor_roles"
)

// vocabularyTables maps each vocabulary to its table: the only names put into SQL.
var vocabularyTables = map[Vocabulary]string{
	EventTypes: "event_types",
	Metrics:    "metrics",
	Units:      "units",
	Roles:      "actor_roles",
}

// UnknownCodes returns the codes that are not in vocabulary v, in the order given.
func (s *Store) UnknownCodes(ctx context.Context, v Vocabulary, codes []string) ([]string, error) {
	if len(codes) == 0 {
		return nil, nil
	}
	table, ok := vocabularyTables[v]
	if !ok {
		return nil, fmt.Errorf("unknown vocabulary %q", v)
	}
	rows, err := s.db.Query(ctx, `
		SELECT c FROM unnest($1::text[]) WITH ORDINALITY AS u(c, n)
		WHERE NOT EXISTS (SELECT 1 FROM `+table+` t WHERE t.code = u.c)
		ORDER BY n`, codes)
	if err != nil {
		return nil, mapError(fmt.Errorf("check %s codes: %w", v, err))
	}
	unknown, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, mapError(fmt.Errorf("check %s codes: %w", v, err))
	}
	return unknown, nil
}

// Codes returns every code of vocabulary v, sorted.
func (s *Store) Codes(ctx context.Context, v Vocabulary) ([]string, error) {
	table, ok := vocabularyTables[v]
	if !ok {
		return nil, fmt.Errorf("unknown vocabulary %q", v)
	}
	rows, err := s.db.Query(ctx, `SELECT code FROM `+table+` ORDER BY code`)
	if err != nil {
		return nil, mapError(fmt.Errorf("list %s: %w", v, err))
	}
	codes, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, mapError(fmt.Errorf("list %s: %w", v, err))
	}
	return codes, nil
}

// ListEventTypes returns the event type vocabulary, by code.
func (s *Store) ListEventTypes(ctx context.Context) ([]model.EventType, error) {
	rows, err := s.db.Query(ctx, `SELECT code, label, description FROM event_types ORDER BY code`)
	if err != nil {
		return nil, mapError(fmt.Errorf("list event types: %w", err))
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[model.EventType])
	if err != nil {
		return nil, mapError(fmt.Errorf("list event types: %w", err))
	}
	return out, nil
}

// ListMetrics returns the metric vocabulary, by code.
func (s *Store) ListMetrics(ctx context.Context) ([]model.Metric, error) {
	rows, err := s.db.Query(ctx, `SELECT code, label, unit_kind, description FROM metrics ORDER BY code`)
	if err != nil {
		return nil, mapError(fmt.Errorf("list metrics: %w", err))
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[model.Metric])
	if err != nil {
		return nil, mapError(fmt.Errorf("list metrics: %w", err))
	}
	return out, nil
}

// ListUnits returns the unit vocabulary, by kind then code.
func (s *Store) ListUnits(ctx context.Context) ([]model.Unit, error) {
	rows, err := s.db.Query(ctx, `SELECT code, kind, label FROM units ORDER BY kind, code`)
	if err != nil {
		return nil, mapError(fmt.Errorf("list units: %w", err))
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[model.Unit])
	if err != nil {
		return nil, mapError(fmt.Errorf("list units: %w", err))
	}
	return out, nil
}

// ListRoles returns the vocabulary of actor roles, by code.
func (s *Store) ListRoles(ctx context.Context) ([]model.Role, error) {
	rows, err := s.db.Query(ctx, `SELECT code, label, description FROM actor_roles ORDER BY code`)
	if err != nil {
		return nil, mapError(fmt.Errorf("list roles: %w", err))
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[model.Role])
	if err != nil {
		return nil, mapError(fmt.Errorf("list roles: %w", err))
	}
	return out, nil
}

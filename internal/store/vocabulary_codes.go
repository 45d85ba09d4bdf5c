package store

import (
	"context"
	"fmt"

	"github.com/newsevents/newsevents/internal/model"
)

// VocabularyCodes returns the codes of the open vocabularies (event types, metrics, units, actor
// roles) in one query, for validating documents before they are written.
func (s *Store) VocabularyCodes(ctx context.Context) (model.Vocabulary, error) {
	v := model.Vocabulary{
		EventTypes: map[string]bool{},
		Metrics:    map[string]string{},
		Units:      map[string]string{},
		Roles:      map[string]bool{},
	}
	rows, err := s.db.Query(ctx, `
		SELECT 'type', code, '' FROM event_types
		UNION ALL SELECT 'metric', code, unit_kind FROM metrics
		UNION ALL SELECT 'unit', code, kind FROM units
		UNION ALL SELECT 'role', code, '' FROM actor_roles`)
	if err != nil {
		return v, mapError(fmt.Errorf("load vocabularies: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var table, code, kind string
		if err := rows.Scan(&table, &code, &kind); err != nil {
			return v, mapError(fmt.Errorf("load vocabularies: %w", err))
		}
		switch table {
		case "type":
			v.EventTypes[code] = true
		case "metric":
			v.Metrics[code] = kind
		case "unit":
			v.Units[code] = kind
		case "role":
			v.Roles[code] = true
		}
	}
	if err := rows.Err(); err != nil {
		return v, mapError(fmt.Errorf("load vocabularies: %w", err))
	}
	return v, nil
}

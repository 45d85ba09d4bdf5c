package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// Relations are what ties a stored event to other events: its links and the event it was
// merged into. They are written after all the events they name exist (an import may name an
// event further down the file).
type Relations struct {
	EventID    int64
	MergedInto *int64
	// Links is nil to leave the stored links alone.
	Links []model.LinkInput
	// Replace removes the stored links (both directions) and merged_into the document does not
	// give; otherwise they are only added.
	Replace bool
}

// SetRelations writes rels and returns, for each, the problems found in it (links or
// merged_into naming an event that does not exist) as field errors; the other relations of
// an entry with problems are still written.
func (s *Store) SetRelations(ctx context.Context, rels []Relations) ([]model.FieldErrors, error) {
	problems := make([]model.FieldErrors, len(rels))
	var ids []int64
	for _, r := range rels {
		if r.MergedInto != nil {
			ids = append(ids, *r.MergedInto)
		}
		for _, l := range r.Links {
			ids = append(ids, l.EventID)
		}
	}
	exists, err := s.existingIDs(ctx, "events", ids)
	if err != nil {
		return nil, err
	}
	b := &pgx.Batch{}
	for i, r := range rels {
		switch {
		case r.MergedInto != nil && !exists[*r.MergedInto]:
			problems[i].Pointer("/merged_into", "no event has the id %d", *r.MergedInto)
		case r.MergedInto != nil && *r.MergedInto == r.EventID:
			problems[i].Pointer("/merged_into", "an event cannot be merged into itself")
		case r.MergedInto != nil || r.Replace:
			b.Queue(`UPDATE events SET merged_into = $2 WHERE id = $1 AND merged_into IS DISTINCT FROM $2`, r.EventID, r.MergedInto)
		}
		if r.Links == nil {
			continue
		}
		var (
			from, to []int64
			types    []string
		)
		for j, l := range r.Links {
			if !exists[l.EventID] || l.EventID == r.EventID {
				detail := fmt.Sprintf("no event has the id %d", l.EventID)
				if l.EventID == r.EventID {
					detail = "an event cannot be linked to itself"
				}
				problems[i].Pointer(fmt.Sprintf("/links/%d/event/id", j), "%s", detail)
				continue
			}
			f, t := r.EventID, l.EventID
			if !l.Outgoing {
				f, t = t, f
			}
			from, to, types = append(from, f), append(to, t), append(types, l.Type)
		}
		if r.Replace {
			b.Queue(`
				DELETE FROM event_links l
				WHERE (l.from_event_id = $1 OR l.to_event_id = $1)
				  AND (l.from_event_id, l.type, l.to_event_id) NOT IN (
				      SELECT * FROM unnest($2::bigint[], $3::text[], $4::bigint[]))`, r.EventID, from, types, to)
		}
		if len(from) > 0 {
			b.Queue(`
				INSERT INTO event_links (from_event_id, type, to_event_id)
				SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[])
				ON CONFLICT DO NOTHING`, from, types, to)
		}
	}
	if b.Len() > 0 {
		if err := s.db.SendBatch(ctx, b).Close(); err != nil {
			return nil, mapError(fmt.Errorf("save event links: %w", err))
		}
	}
	return problems, nil
}

package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// ActorFilter selects actors. Zero fields do not filter.
type ActorFilter struct {
	// Query keeps actors one of whose names (name or alias) starts with it, or has a word
	// starting with it, ignoring case and accents.
	Query string
	// Kinds keeps actors of these kinds.
	Kinds []string
	// Country keeps actors of this ISO 3166-1 alpha-2 country.
	Country string
	// After continues a listing after this position.
	After *ActorCursor
	// Limit caps the number of actors returned; the caller validates it.
	Limit int
}

// ActorCursor is a position in an actor listing, ordered by name (case and accents folded,
// in byte order) then id.
type ActorCursor struct {
	// Name is the folded name.
	Name string
	ID   int64
}

// ActorPage is one page of an actor listing; Next is nil on the last page.
type ActorPage struct {
	Actors []model.Actor
	Next   *ActorCursor
}

const actorColumns = `a.id, a.kind, a.name, a.slug, a.aliases, a.wikidata_qid, a.country, a.description,
	a.created_at, a.updated_at`

func scanActor(row pgx.Row, a *model.Actor, extra ...any) error {
	return row.Scan(append([]any{&a.ID, &a.Kind, &a.Name, &a.Slug, &a.Aliases, &a.WikidataQID, &a.Country,
		&a.Description, &a.CreatedAt, &a.UpdatedAt}, extra...)...)
}

// actorListSQL returns the query of a page of f (limit+1 rows).
func actorListSQL(f ActorFilter) (string, []any) {
	w := &sqlWhere{}
	if f.Query != "" {
		q := likeEscape(f.Query)
		w.add(`a.id IN (SELECT n.actor_id FROM actor_names n
		WHERE n.folded LIKE fold(%s) OR n.folded LIKE fold(%s))`, q+"%", "% "+q+"%")
	}
	if len(f.Kinds) > 0 {
		w.add("a.kind = ANY(%s)", f.Kinds)
	}
	if f.Country != "" {
		w.add("a.country = %s", f.Country)
	}
	if f.After != nil {
		w.add(`(fold(a.name) COLLATE "C", a.id) > (%s COLLATE "C", %s)`, f.After.Name, f.After.ID)
	}
	// With a query, the matching names are found through their indexes first, then sorted: one
	// plan would walk every actor in name order, looking for matches (OFFSET 0 keeps them apart).
	from := "actors a"
	if f.Query != "" {
		from = "(SELECT * FROM actors a WHERE " + w.conds[0] + " OFFSET 0) a"
		w.conds = w.conds[1:]
	}
	return fmt.Sprintf(`SELECT %s, fold(a.name) FROM %s WHERE %s ORDER BY fold(a.name) COLLATE "C", a.id LIMIT %s`,
		actorColumns, from, w, w.arg(f.Limit+1)), w.args
}

// ListActors returns a page of the actors matching f, ordered by name (case and accents
// folded) then id.
func (s *Store) ListActors(ctx context.Context, f ActorFilter) (ActorPage, error) {
	sql, args := actorListSQL(f)
	rows, err := s.db.Query(ctx, sql, args...)
	if err != nil {
		return ActorPage{}, mapError(fmt.Errorf("list actors: %w", err))
	}
	var folded []string
	actors, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (model.Actor, error) {
		var (
			a model.Actor
			n string
		)
		err := scanActor(row, &a, &n)
		folded = append(folded, n)
		return a, err
	})
	if err != nil {
		return ActorPage{}, mapError(fmt.Errorf("list actors: %w", err))
	}
	page := ActorPage{Actors: actors}
	if len(actors) > f.Limit {
		page.Actors = actors[:f.Limit]
		page.Next = &ActorCursor{Name: folded[f.Limit-1], ID: page.Actors[f.Limit-1].ID}
	}
	return page, nil
}

// GetActor returns the actor whose id or slug is ref, with its count of live events. It
// returns a NotFound error when there is none.
func (s *Store) GetActor(ctx context.Context, ref string) (model.ActorDetail, error) {
	var (
		d    model.ActorDetail
		cond = "a.slug = $1"
		arg  any
	)
	arg = ref
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		cond, arg = "a.id = $1", id
	}
	err := scanActor(s.db.QueryRow(ctx, `
		SELECT `+actorColumns+`,
		       (SELECT count(DISTINCT ea.event_id) FROM event_actors ea JOIN events e ON e.id = ea.event_id
		        WHERE ea.actor_id = a.id AND e.status <> 'retracted' AND e.merged_into IS NULL)
		FROM actors a WHERE `+cond, arg), &d.Actor, &d.EventCount)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, model.Errorf(model.NotFound, "no actor with id or slug %q", ref)
	}
	if err != nil {
		return d, mapError(fmt.Errorf("get actor %q: %w", ref, err))
	}
	return d, nil
}

// ResolveActor returns the ids of the actors ref names: by id, by slug, or by one of their
// names or aliases, ignoring case and accents ("elon musk", "Twitter, Inc."). A name may name
// several actors; none is not an error.
func (s *Store) ResolveActor(ctx context.Context, ref string) ([]int64, error) {
	var id *int64
	if n, err := strconv.ParseInt(ref, 10, 64); err == nil {
		id = &n
	}
	rows, err := s.db.Query(ctx, `
		SELECT a.id FROM actors a WHERE a.id = $1
		UNION SELECT a.id FROM actors a WHERE a.slug = $2
		UNION SELECT n.actor_id FROM actor_names n WHERE n.folded = fold($2)
		ORDER BY 1`, id, ref)
	if err != nil {
		return nil, mapError(fmt.Errorf("resolve actor %q: %w", ref, err))
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, mapError(fmt.Errorf("resolve actor %q: %w", ref, err))
	}
	return ids, nil
}

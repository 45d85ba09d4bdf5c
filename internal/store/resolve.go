package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// ActorMatch is what LookupActors found for one reference.
type ActorMatch struct {
	// ID is the stored actor; 0 when the reference names a new actor or cannot be resolved.
	ID int64
	// New reports that the reference names an actor to create with CreateActors.
	New bool
	// Problem says why the reference cannot be resolved.
	Problem string
}

// LookupActors finds the stored actor of each reference: by slug, then Wikidata id, then id,
// then name (among names and aliases, case- and accent-insensitively; the kind, when given,
// and the main name break ties). A reference to an unknown slug or name that carries a name
// and a kind names a new actor. When an actor is to be created, the transaction takes a lock
// that serialises actor creation and looks again (another writer may have created it
// meanwhile), so two writers never create the same actor twice; writes that name only stored
// actors take no lock and run side by side.
func (s *Store) LookupActors(ctx context.Context, refs []model.ActorRef) ([]ActorMatch, error) {
	out, err := s.lookupActors(ctx, refs)
	if err != nil || !slices.ContainsFunc(out, func(m ActorMatch) bool { return m.New }) {
		return out, err
	}
	if _, err := s.db.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('newsevents:create-actors'))`); err != nil {
		return nil, mapError(fmt.Errorf("lock actors: %w", err))
	}
	return s.lookupActors(ctx, refs)
}

// lookupActors is LookupActors without the lock.
func (s *Store) lookupActors(ctx context.Context, refs []model.ActorRef) ([]ActorMatch, error) {
	var (
		ids   []int64
		slugs []string
		qids  []string
		names []string
	)
	for _, r := range refs {
		switch {
		case r.Slug != "":
			slugs = append(slugs, r.Slug)
		case r.ID != nil:
			ids = append(ids, *r.ID)
		}
		if r.WikidataQID != nil {
			qids = append(qids, *r.WikidataQID)
		}
		if r.Name != "" {
			names = append(names, r.Name)
		}
	}
	bySlug := map[string]int64{}
	byQID := map[string]int64{}
	byID := map[int64]bool{}
	rows, err := s.db.Query(ctx, `
		SELECT id, slug, wikidata_qid FROM actors
		WHERE id = ANY($1) OR slug = ANY($2) OR wikidata_qid = ANY($3)`, ids, slugs, qids)
	if err != nil {
		return nil, mapError(fmt.Errorf("look up actors: %w", err))
	}
	for rows.Next() {
		var (
			id   int64
			slug string
			qid  *string
		)
		if err := rows.Scan(&id, &slug, &qid); err != nil {
			rows.Close()
			return nil, mapError(fmt.Errorf("look up actors: %w", err))
		}
		bySlug[slug] = id
		byID[id] = true
		if qid != nil {
			byQID[*qid] = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("look up actors: %w", err))
	}

	byName, err := s.actorsByName(ctx, names)
	if err != nil {
		return nil, err
	}
	out := make([]ActorMatch, len(refs))
	for i, r := range refs {
		m := &out[i]
		if r.WikidataQID != nil && byQID[*r.WikidataQID] != 0 && r.Slug == "" && r.ID == nil {
			m.ID = byQID[*r.WikidataQID]
			continue
		}
		switch {
		case r.Slug != "":
			if id, ok := bySlug[r.Slug]; ok {
				m.ID = id
			} else if r.WikidataQID != nil && byQID[*r.WikidataQID] != 0 {
				m.ID = byQID[*r.WikidataQID]
			} else if r.Name != "" && r.Kind != "" {
				m.New = true
			} else {
				m.Problem = fmt.Sprintf("no actor has the slug %q (to create it, give its name and kind too)", r.Slug)
			}
		case r.ID != nil:
			if byID[*r.ID] {
				m.ID = *r.ID
			} else {
				m.Problem = fmt.Sprintf("no actor has the id %d", *r.ID)
			}
		case r.Name != "":
			cands := byName[r.Name]
			if r.Kind != "" {
				cands = filter(cands, func(c ActorNameMatch) bool { return c.Kind == r.Kind })
			}
			if len(cands) > 1 {
				if main := filter(cands, func(c ActorNameMatch) bool { return c.MainName }); len(main) > 0 {
					cands = main
				}
			}
			switch {
			case len(cands) == 1:
				m.ID = cands[0].ID
			case len(cands) > 1:
				var which []string
				for _, c := range cands {
					which = append(which, fmt.Sprintf("%s (id %d)", c.Slug, c.ID))
				}
				m.Problem = fmt.Sprintf("%q is the name of several actors: %s; name one by id or slug", r.Name, strings.Join(which, ", "))
			case r.Kind != "":
				m.New = true
			default:
				m.Problem = fmt.Sprintf("no actor is named %q; give its kind (%s) to create it", r.Name, strings.Join(model.ActorKinds, ", "))
			}
		default:
			m.Problem = "name the actor by id, slug or name"
		}
	}
	return out, nil
}

// ActorNameMatch is a stored actor found by one of its names.
type ActorNameMatch struct {
	ID   int64
	Kind string
	Slug string
	// Name is the actor's main name; Matched is the name or alias that matched.
	Name    string
	Matched string
	// MainName reports that the main name matched, not an alias.
	MainName bool
}

// FindActorsByName returns, for each of names, the stored actors having it as their name or
// as an alias, case- and accent-insensitively (fold), in id order; names nothing matches are
// absent. Like LookupActors, it takes the lock that serialises actor creation until the
// transaction ends, so that actors created next (CreateActors) are not created twice by
// concurrent writers.
func (s *Store) FindActorsByName(ctx context.Context, names []string) (map[string][]ActorNameMatch, error) {
	if len(names) == 0 {
		return map[string][]ActorNameMatch{}, nil
	}
	if _, err := s.db.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('newsevents:create-actors'))`); err != nil {
		return nil, mapError(fmt.Errorf("lock actors: %w", err))
	}
	return s.actorsByName(ctx, names)
}

// actorsByName is the name lookup of LookupActors and FindActorsByName.
func (s *Store) actorsByName(ctx context.Context, names []string) (map[string][]ActorNameMatch, error) {
	byName := map[string][]ActorNameMatch{}
	if len(names) == 0 {
		return byName, nil
	}
	rows, err := s.db.Query(ctx, `
		SELECT DISTINCT x.name, a.id, a.kind, a.slug, a.name, n.name, fold(a.name) = fold(x.name)
		FROM unnest($1::text[]) AS x(name)
		-- ~>=~ and ~<=~ (equality, spelled so that only the btree text_pattern_ops index
		-- can serve it): the planner otherwise probes the trigram index, 100 times slower.
		JOIN actor_names n ON n.folded ~>=~ fold(x.name) AND n.folded ~<=~ fold(x.name)
		JOIN actors a ON a.id = n.actor_id
		ORDER BY a.id`, names)
	if err != nil {
		return nil, mapError(fmt.Errorf("look up actors by name: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name string
			c    ActorNameMatch
		)
		if err := rows.Scan(&name, &c.ID, &c.Kind, &c.Slug, &c.Name, &c.Matched, &c.MainName); err != nil {
			return nil, mapError(fmt.Errorf("look up actors by name: %w", err))
		}
		byName[name] = append(byName[name], c)
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("look up actors by name: %w", err))
	}
	return byName, nil
}

func filter[T any](in []T, keep func(T) bool) []T {
	var out []T
	for _, v := range in {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}

// CreateActors creates the actors that LookupActors found new and returns their ids, in the
// order of refs. References to the same new actor (same slug, or same folded name when no slug
// is given) get the same actor. A missing slug is made from the name ("Électricité de
// France" -> "electricite-de-france", then "-2", "-3"… when taken). With keepIDs, an id given in
// a reference is used when no actor has it.
func (s *Store) CreateActors(ctx context.Context, refs []model.ActorRef, keepIDs bool) ([]int64, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = r.Name
	}
	folded := make([]string, len(refs))
	bases := make([]string, len(refs))
	rows, err := s.db.Query(ctx, `SELECT fold(x), slugify(x) FROM unnest($1::text[]) WITH ORDINALITY AS t(x, n) ORDER BY n`, names)
	if err != nil {
		return nil, mapError(fmt.Errorf("make actor slugs: %w", err))
	}
	i := 0
	for rows.Next() {
		if err := rows.Scan(&folded[i], &bases[i]); err != nil {
			rows.Close()
			return nil, mapError(fmt.Errorf("make actor slugs: %w", err))
		}
		i++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("make actor slugs: %w", err))
	}

	// One new actor per distinct key.
	type newActor struct {
		ref  model.ActorRef
		slug string
		id   *int64
	}
	var (
		actors []newActor
		which  = make([]int, len(refs)) // index into actors
		seen   = map[string]int{}
	)
	for i, r := range refs {
		key := "n:" + folded[i]
		if r.Slug != "" {
			key = "s:" + r.Slug
		}
		if j, ok := seen[key]; ok {
			which[i] = j
			continue
		}
		seen[key] = len(actors)
		which[i] = len(actors)
		a := newActor{ref: r, slug: r.Slug}
		if a.slug == "" {
			a.slug = bases[i]
			if a.slug == "" {
				a.slug = "actor"
			}
		}
		actors = append(actors, a)
	}

	// Slugs: a generated one takes the first free suffix.
	var wanted []string
	for _, a := range actors {
		if a.ref.Slug == "" {
			wanted = append(wanted, a.slug)
		}
	}
	// Most bases are free: one indexed query finds the taken ones, and only for those are
	// the numbered variants looked up.
	taken := map[string]bool{}
	if len(wanted) > 0 {
		rows, err := s.db.Query(ctx, `SELECT slug FROM actors WHERE slug = ANY($1)`, wanted)
		if err != nil {
			return nil, mapError(fmt.Errorf("find free actor slugs: %w", err))
		}
		bases, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return nil, mapError(fmt.Errorf("find free actor slugs: %w", err))
		}
		for _, sl := range bases {
			taken[sl] = true
		}
		if len(bases) > 0 {
			rows, err := s.db.Query(ctx, `
				SELECT a.slug FROM unnest($1::text[]) AS w(base)
				JOIN actors a ON a.slug LIKE w.base || '-%' AND substr(a.slug, length(w.base) + 2) ~ '^[0-9]+$'`, bases)
			if err != nil {
				return nil, mapError(fmt.Errorf("find free actor slugs: %w", err))
			}
			numbered, err := pgx.CollectRows(rows, pgx.RowTo[string])
			if err != nil {
				return nil, mapError(fmt.Errorf("find free actor slugs: %w", err))
			}
			for _, sl := range numbered {
				taken[sl] = true
			}
		}
	}
	for _, a := range actors {
		if a.ref.Slug != "" {
			taken[a.slug] = true
		}
	}
	for j := range actors {
		a := &actors[j]
		if a.ref.Slug != "" {
			continue
		}
		base := a.slug
		for n := 2; taken[a.slug]; n++ {
			a.slug = base + "-" + strconv.Itoa(n)
		}
		taken[a.slug] = true
	}

	// Ids: keep the given ones that are free.
	var explicit []int64
	if keepIDs {
		var given []int64
		for _, a := range actors {
			if a.ref.ID != nil {
				given = append(given, *a.ref.ID)
			}
		}
		used, err := s.existingIDs(ctx, "actors", given)
		if err != nil {
			return nil, err
		}
		claimed := map[int64]bool{}
		for j := range actors {
			if id := actors[j].ref.ID; id != nil && !used[*id] && !claimed[*id] {
				claimed[*id] = true
				actors[j].id = id
				explicit = append(explicit, *id)
			}
		}
		if err := s.bumpSequence(ctx, "actors", explicit); err != nil {
			return nil, err
		}
	}

	var (
		ids      = make([]*int64, len(actors))
		kinds    = make([]string, len(actors))
		anames   = make([]string, len(actors))
		slugs    = make([]string, len(actors))
		aliases  = make([]string, len(actors))
		qids     = make([]*string, len(actors))
		country  = make([]*string, len(actors))
		descript = make([]string, len(actors))
	)
	for j, a := range actors {
		ids[j], kinds[j], anames[j], slugs[j] = a.id, a.ref.Kind, a.ref.Name, a.slug
		al := a.ref.Aliases
		if al == nil {
			al = []string{}
		}
		b, _ := json.Marshal(al)
		aliases[j] = string(b)
		qids[j], country[j], descript[j] = a.ref.WikidataQID, a.ref.Country, a.ref.Description
	}
	rows, err = s.db.Query(ctx, `
		INSERT INTO actors (id, kind, name, slug, aliases, wikidata_qid, country, description)
		SELECT coalesce(id, nextval('actors_id_seq')), kind, name, slug,
		       ARRAY(SELECT jsonb_array_elements_text(aliases::jsonb)), qid, country, description
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
		     AS t(id, kind, name, slug, aliases, qid, country, description)
		RETURNING id, slug`, ids, kinds, anames, slugs, aliases, qids, country, descript)
	if err != nil {
		return nil, mapError(fmt.Errorf("create actors: %w", err))
	}
	bySlug := map[string]int64{}
	for rows.Next() {
		var (
			id   int64
			slug string
		)
		if err := rows.Scan(&id, &slug); err != nil {
			rows.Close()
			return nil, mapError(fmt.Errorf("create actors: %w", err))
		}
		bySlug[slug] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("create actors: %w", err))
	}
	out := make([]int64, len(refs))
	for i := range refs {
		out[i] = bySlug[actors[which[i]].slug]
	}
	return out, nil
}

// existingIDs returns which of ids are taken in table (events, actors, articles or figures).
func (s *Store) existingIDs(ctx context.Context, table string, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.db.Query(ctx, `SELECT id FROM `+pgx.Identifier{table}.Sanitize()+` WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, mapError(fmt.Errorf("look up %s ids: %w", table, err))
	}
	found, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, mapError(fmt.Errorf("look up %s ids: %w", table, err))
	}
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}

// bumpSequence moves the id sequence of table past the largest of explicit, so ids the
// database chooses later never collide with ids kept from an import. It only moves forward.
func (s *Store) bumpSequence(ctx context.Context, table string, explicit []int64) error {
	var top int64
	for _, id := range explicit {
		top = max(top, id)
	}
	if top == 0 {
		return nil
	}
	seq := table + "_id_seq"
	_, err := s.db.Exec(ctx, `
		SELECT setval($1::regclass, $2) FROM `+pgx.Identifier{seq}.Sanitize()+`
		WHERE $2 >= last_value`, seq, top)
	if err != nil {
		return mapError(fmt.Errorf("move %s past id %d: %w", seq, top, err))
	}
	return nil
}

// SyncSequences moves every id sequence past the largest id of its table.
func (s *Store) SyncSequences(ctx context.Context) error {
	for _, table := range []string{"events", "actors", "articles", "figures"} {
		var top int64
		if err := s.db.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM `+pgx.Identifier{table}.Sanitize()).Scan(&top); err != nil {
			return mapError(fmt.Errorf("find largest %s id: %w", table, err))
		}
		if err := s.bumpSequence(ctx, table, []int64{top}); err != nil {
			return err
		}
	}
	return nil
}

// ArticleMatch is what ResolveArticles did for one article.
type ArticleMatch struct {
	ID      int64
	Created bool
	// Problem says why the article cannot be resolved (an unknown id).
	Problem string
}

// ResolveArticles finds each article by URL (already normalised), creating the ones no stored
// article has, or by id. A stored article is left as it is. With keepIDs, an id given with a new
// URL is used when no article has it.
func (s *Store) ResolveArticles(ctx context.Context, arts []model.ArticleInput, keepIDs bool) ([]ArticleMatch, error) {
	out := make([]ArticleMatch, len(arts))
	if len(arts) == 0 {
		return out, nil
	}
	var (
		urls []string
		ids  []int64
	)
	for _, a := range arts {
		if a.URL != "" {
			urls = append(urls, a.URL)
		} else if a.ID != nil {
			ids = append(ids, *a.ID)
		}
	}
	byURL, err := s.articlesByURL(ctx, urls)
	if err != nil {
		return nil, err
	}
	known, err := s.existingIDs(ctx, "articles", ids)
	if err != nil {
		return nil, err
	}

	// Create the missing ones, once per URL.
	var (
		newArts []model.ArticleInput
		pending = map[string]bool{}
	)
	for _, a := range arts {
		if a.URL != "" && byURL[a.URL] == 0 && !pending[a.URL] {
			pending[a.URL] = true
			newArts = append(newArts, a)
		}
	}
	created := map[string]bool{}
	if len(newArts) > 0 {
		var explicit []int64
		if keepIDs {
			var given []int64
			for _, a := range newArts {
				if a.ID != nil {
					given = append(given, *a.ID)
				}
			}
			used, err := s.existingIDs(ctx, "articles", given)
			if err != nil {
				return nil, err
			}
			for j, a := range newArts {
				if a.ID != nil && !used[*a.ID] {
					used[*a.ID] = true
					explicit = append(explicit, *a.ID)
				} else {
					newArts[j].ID = nil
				}
			}
			if err := s.bumpSequence(ctx, "articles", explicit); err != nil {
				return nil, err
			}
		}
		n := len(newArts)
		var (
			aids      = make([]*int64, n)
			aurls     = make([]string, n)
			sources   = make([]string, n)
			titles    = make([]string, n)
			langs     = make([]*string, n)
			published = make([]*time.Time, n)
			bodies    = make([]string, n)
			retrieved = make([]*time.Time, n)
		)
		for j, a := range newArts {
			if keepIDs {
				aids[j] = a.ID
			}
			aurls[j], sources[j], titles[j], langs[j], bodies[j] = a.URL, a.Source, a.Title, a.Language, a.Body
			published[j], retrieved[j] = a.PublishedAt, a.RetrievedAt
		}
		rows, err := s.db.Query(ctx, `
			INSERT INTO articles (id, url, source, title, language, published_at, body, retrieved_at)
			SELECT coalesce(id, nextval('articles_id_seq')), url, source, title, language,
			       published, body, retrieved
			FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::timestamptz[])
			     AS t(id, url, source, title, language, published, body, retrieved)
			ON CONFLICT (url) DO NOTHING
			RETURNING id, url`, aids, aurls, sources, titles, langs, published, bodies, retrieved)
		if err != nil {
			return nil, mapError(fmt.Errorf("create articles: %w", err))
		}
		for rows.Next() {
			var (
				id  int64
				url string
			)
			if err := rows.Scan(&id, &url); err != nil {
				rows.Close()
				return nil, mapError(fmt.Errorf("create articles: %w", err))
			}
			byURL[url] = id
			created[url] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, mapError(fmt.Errorf("create articles: %w", err))
		}
		// Created meanwhile by another writer.
		var missing []string
		for _, a := range newArts {
			if byURL[a.URL] == 0 {
				missing = append(missing, a.URL)
			}
		}
		if len(missing) > 0 {
			again, err := s.articlesByURL(ctx, missing)
			if err != nil {
				return nil, err
			}
			for u, id := range again {
				byURL[u] = id
			}
		}
	}

	reported := map[string]bool{}
	for i, a := range arts {
		switch {
		case a.URL != "":
			out[i].ID = byURL[a.URL]
			out[i].Created = created[a.URL] && !reported[a.URL]
			reported[a.URL] = true
		case a.ID != nil && known[*a.ID]:
			out[i].ID = *a.ID
		case a.ID != nil:
			out[i].Problem = fmt.Sprintf("no article has the id %d", *a.ID)
		default:
			out[i].Problem = "name the article by id or url"
		}
	}
	return out, nil
}

func (s *Store) articlesByURL(ctx context.Context, urls []string) (map[string]int64, error) {
	out := map[string]int64{}
	if len(urls) == 0 {
		return out, nil
	}
	rows, err := s.db.Query(ctx, `SELECT id, url FROM articles WHERE url = ANY($1)`, urls)
	if err != nil {
		return nil, mapError(fmt.Errorf("look up articles: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id  int64
			url string
		)
		if err := rows.Scan(&id, &url); err != nil {
			return nil, mapError(fmt.Errorf("look up articles: %w", err))
		}
		out[url] = id
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("look up articles: %w", err))
	}
	return out, nil
}

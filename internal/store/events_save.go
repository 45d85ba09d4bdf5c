package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// SaveMode says what SaveEvents does with an event that is already stored.
type SaveMode int

const (
	// SaveCreate only creates: a document whose external id is stored is a Conflict.
	SaveCreate SaveMode = iota
	// SaveReplace makes the stored event exactly the document: actors, figures and sources it
	// does not list are removed (NDJSON import, PATCH).
	SaveReplace
	// SaveMerge adds and updates what the document carries and keeps the rest, status included
	// when the document gives none (rows of imported tables).
	SaveMerge
)

// SaveOptions tune SaveEvents.
type SaveOptions struct {
	Mode SaveMode
	// KeepIDs creates new events and figures with the ids their documents give, when free.
	KeepIDs bool
	// KeepTimestamps creates new events and figures with the created_at and updated_at their
	// documents give (the transaction must have called KeepTimestamps).
	KeepTimestamps bool
}

// Actions SaveEvents reports.
const (
	ActionCreated   = "created"
	ActionUpdated   = "updated"
	ActionUnchanged = "unchanged"
)

// SaveResult says what SaveEvents did with one document.
type SaveResult struct {
	ID     int64
	Action string
	// Err is set when this document could not be saved (the others were).
	Err error
}

// SaveEvents stores events whose actors and articles are resolved (every ActorRef.ID and
// ArticleInput.ID set). A document matches a stored event by id (when SaveOptions.KeepIDs or
// the mode is SaveReplace) and then by external id; a matched event is updated as the mode
// says, and left untouched (ActionUnchanged) when the document says nothing new, so importing
// a file twice writes nothing the second time. Links and merged_into are not written here
// (see SetRelations). Figures of a stored event are matched by id, then by metric, unit and
// article, so re-imported figures are updated in place.
//
// Statements go to the database in a few pipelined batches whatever the number of documents.
// A database error fails the whole call; problems of one document are in its SaveResult.
func (s *Store) SaveEvents(ctx context.Context, docs []model.EventInput, opts SaveOptions) ([]SaveResult, error) {
	results := make([]SaveResult, len(docs))
	pending := make([]int, len(docs))
	for i := range docs {
		pending[i] = i
	}
	for len(pending) > 0 {
		later, err := s.saveRound(ctx, docs, pending, opts, results)
		if err != nil {
			return nil, err
		}
		pending = later
	}
	return results, nil
}

// storedEvent is the current state of a stored event, for comparing with a document.
type storedEvent struct {
	row     model.EventInput
	actors  []storedActor
	figures []storedFigure
	sources map[int64]storedSource
}

type storedActor struct {
	actorID  int64
	role     string
	position int
}

type storedFigure struct {
	id int64
	model.FigureInput
	articleID *int64
}

type storedSource struct {
	quote      string
	start, end *int
	note       string
}

// saveRound saves the documents of idx whose keys (id, external id, matched event) no earlier
// document of the round uses, and returns the others for the next round.
func (s *Store) saveRound(ctx context.Context, docs []model.EventInput, idx []int, opts SaveOptions, results []SaveResult) ([]int, error) {
	var (
		ids  []int64
		exts []string
	)
	for _, i := range idx {
		if d := docs[i]; d.ID != nil {
			ids = append(ids, *d.ID)
		}
		if d := docs[i]; d.ExternalID != nil {
			exts = append(exts, *d.ExternalID)
		}
	}
	byID := map[int64]*string{}
	byExt := map[string]int64{}
	rows, err := s.db.Query(ctx, `SELECT id, external_id FROM events WHERE id = ANY($1) OR external_id = ANY($2)`, ids, exts)
	if err != nil {
		return nil, mapError(fmt.Errorf("find stored events: %w", err))
	}
	for rows.Next() {
		var (
			id  int64
			ext *string
		)
		if err := rows.Scan(&id, &ext); err != nil {
			rows.Close()
			return nil, mapError(fmt.Errorf("find stored events: %w", err))
		}
		byID[id] = ext
		if ext != nil {
			byExt[*ext] = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("find stored events: %w", err))
	}

	// Decide, for each document, the event it writes: a stored one (target) or a new one.
	var (
		later   []int
		claimed = map[string]bool{}
		newIdx  []int
		target  = map[int]int64{}
	)
	for _, i := range idx {
		d := docs[i]
		var keys []string
		if d.ID != nil {
			keys = append(keys, fmt.Sprint("id:", *d.ID))
		}
		if d.ExternalID != nil {
			keys = append(keys, "ext:"+*d.ExternalID)
		}
		var t int64
		switch {
		case opts.Mode == SaveCreate:
			if d.ExternalID != nil && byExt[*d.ExternalID] != 0 {
				results[i].Err = &model.Error{Code: model.Conflict, Message: fmt.Sprintf("an event with external_id %q exists already: id %d", *d.ExternalID, byExt[*d.ExternalID]),
					Fields: []model.FieldError{{Pointer: "/external_id", Detail: fmt.Sprintf("taken by event %d", byExt[*d.ExternalID])}}}
				continue
			}
		case d.ID != nil && (opts.KeepIDs || opts.Mode == SaveReplace) && hasKey(byID, *d.ID):
			if ext := byID[*d.ID]; ext != nil && d.ExternalID != nil && *ext != *d.ExternalID {
				results[i].Err = &model.Error{Code: model.Conflict, Message: fmt.Sprintf("event %d is stored with external_id %q, not %q", *d.ID, *ext, *d.ExternalID),
					Fields: []model.FieldError{{Pointer: "/id", Detail: fmt.Sprintf("event %d has another external_id (%q)", *d.ID, *ext)}}}
				continue
			}
			t = *d.ID
		case d.ExternalID != nil && byExt[*d.ExternalID] != 0:
			t = byExt[*d.ExternalID]
		}
		if t != 0 {
			keys = append(keys, fmt.Sprint("id:", t))
		}
		if slices.ContainsFunc(keys, func(k string) bool { return claimed[k] }) {
			later = append(later, i)
			continue
		}
		for _, k := range keys {
			claimed[k] = true
		}
		if t != 0 {
			target[i] = t
		} else {
			newIdx = append(newIdx, i)
		}
	}

	b := &pgx.Batch{}
	if err := s.queueInserts(ctx, b, docs, newIdx, byID, opts, results); err != nil {
		return nil, err
	}
	if len(target) > 0 {
		if err := s.queueUpdates(ctx, b, docs, target, opts, results); err != nil {
			return nil, err
		}
	}
	if b.Len() > 0 {
		if err := s.db.SendBatch(ctx, b).Close(); err != nil {
			return nil, mapError(fmt.Errorf("save events: %w", err))
		}
	}
	return later, nil
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// queueInserts queues the statements creating the documents of newIdx.
func (s *Store) queueInserts(ctx context.Context, b *pgx.Batch, docs []model.EventInput, newIdx []int, storedIDs map[int64]*string, opts SaveOptions, results []SaveResult) error {
	if len(newIdx) == 0 {
		return nil
	}
	// Ids: the documents' own when kept and free, the sequence's otherwise.
	var explicit []int64
	need := 0
	for _, i := range newIdx {
		if d := docs[i]; opts.KeepIDs && d.ID != nil && !hasKey(storedIDs, *d.ID) {
			explicit = append(explicit, *d.ID)
		} else {
			need++
		}
	}
	if err := s.bumpSequence(ctx, "events", explicit); err != nil {
		return err
	}
	fresh, err := s.nextIDs(ctx, "events", need)
	if err != nil {
		return err
	}
	var (
		ev = struct {
			id                                               []int64
			typ, title, summary, precision, dateText, status []string
			start, end                                       []time.Time
			confidence                                       []*float64
			ext                                              []*string
			created, updated                                 []*time.Time
		}{}
		figs   figureRows
		actors struct {
			event, actor []int64
			role         []string
			position     []int32
		}
		srcs sourceRows
	)
	for _, i := range newIdx {
		d := docs[i]
		var id int64
		if opts.KeepIDs && d.ID != nil && !hasKey(storedIDs, *d.ID) {
			id = *d.ID
		} else {
			id, fresh = fresh[0], fresh[1:]
		}
		results[i] = SaveResult{ID: id, Action: ActionCreated}
		status := d.Status
		if status == "" {
			status = "extracted"
		}
		ev.id = append(ev.id, id)
		ev.typ = append(ev.typ, d.Type)
		ev.title = append(ev.title, d.Title)
		ev.summary = append(ev.summary, d.Summary)
		ev.start = append(ev.start, d.DateStart.Time())
		ev.end = append(ev.end, d.DateEnd.Time())
		ev.precision = append(ev.precision, d.DatePrecision)
		ev.dateText = append(ev.dateText, d.DateText)
		ev.status = append(ev.status, status)
		ev.confidence = append(ev.confidence, d.Confidence)
		ev.ext = append(ev.ext, d.ExternalID)
		if opts.KeepTimestamps {
			ev.created = append(ev.created, d.CreatedAt)
			ev.updated = append(ev.updated, d.UpdatedAt)
		} else {
			ev.created = append(ev.created, nil)
			ev.updated = append(ev.updated, nil)
		}
		seen := map[[2]any]bool{}
		for pos, a := range d.Actors {
			key := [2]any{*a.ID, a.Role}
			if seen[key] {
				continue
			}
			seen[key] = true
			actors.event = append(actors.event, id)
			actors.actor = append(actors.actor, *a.ID)
			actors.role = append(actors.role, a.Role)
			actors.position = append(actors.position, int32(pos))
		}
		for _, f := range d.Figures {
			figs.add(id, f, opts)
		}
		for _, src := range d.Sources {
			srcs.add(id, src)
		}
	}
	b.Queue(`
		INSERT INTO events (id, type, title, summary, date_start, date_end, date_precision, date_text,
		                    status, confidence, external_id, created_at, updated_at)
		SELECT id, type, title, summary, date_start, date_end, date_precision, date_text,
		       status, confidence, external_id, coalesce(created_at, now()), coalesce(updated_at, created_at, now())
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::text[], $8::text[],
		            $9::text[], $10::float8[], $11::text[], $12::timestamptz[], $13::timestamptz[])
		     AS t(id, type, title, summary, date_start, date_end, date_precision, date_text,
		          status, confidence, external_id, created_at, updated_at)`,
		ev.id, ev.typ, ev.title, ev.summary, ev.start, ev.end, ev.precision, ev.dateText,
		ev.status, ev.confidence, ev.ext, ev.created, ev.updated)
	if len(actors.event) > 0 {
		b.Queue(`
			INSERT INTO event_actors (event_id, actor_id, role, position)
			SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::smallint[])`,
			actors.event, actors.actor, actors.role, actors.position)
	}
	if err := s.queueFigureInserts(ctx, b, &figs, opts); err != nil {
		return err
	}
	srcs.queue(b)
	return nil
}

// nextIDs takes n ids from the sequence of table.
func (s *Store) nextIDs(ctx context.Context, table string, n int) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	rows, err := s.db.Query(ctx, `SELECT nextval($1::regclass) FROM generate_series(1, $2)`, table+"_id_seq", n)
	if err != nil {
		return nil, mapError(fmt.Errorf("allocate %s ids: %w", table, err))
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, mapError(fmt.Errorf("allocate %s ids: %w", table, err))
	}
	return ids, nil
}

// figureRows accumulates figures to insert in one statement.
type figureRows struct {
	id, event                        []*int64
	metric, unit, qualifier, derived []string
	value                            []float64
	low, high                        []*float64
	article                          []*int64
	quote                            []string
	start, end                       []*int32
	created, updated                 []*time.Time
}

func (r *figureRows) add(eventID int64, f model.FigureInput, opts SaveOptions) {
	e := eventID
	var id *int64
	if opts.KeepIDs {
		id = f.ID
	}
	r.id = append(r.id, id)
	r.event = append(r.event, &e)
	r.metric = append(r.metric, f.Metric)
	r.value = append(r.value, f.Value)
	r.unit = append(r.unit, f.Unit)
	q := f.Qualifier
	if q == "" {
		q = "exact"
	}
	r.qualifier = append(r.qualifier, q)
	r.low = append(r.low, f.Low)
	r.high = append(r.high, f.High)
	r.derived = append(r.derived, f.Derived)
	r.article = append(r.article, articleID(f.Article))
	r.quote = append(r.quote, f.Text)
	r.start = append(r.start, int32p(f.Start))
	r.end = append(r.end, int32p(f.End))
	if opts.KeepTimestamps {
		r.created = append(r.created, f.CreatedAt)
		r.updated = append(r.updated, f.UpdatedAt)
	} else {
		r.created = append(r.created, nil)
		r.updated = append(r.updated, nil)
	}
}

func articleID(a *model.ArticleInput) *int64 {
	if a == nil {
		return nil
	}
	return a.ID
}

func int32p(p *int) *int32 {
	if p == nil {
		return nil
	}
	v := int32(*p)
	return &v
}

// queueFigureInserts queues the insertion of r. Figure ids given in documents are kept when no
// figure has them.
func (s *Store) queueFigureInserts(ctx context.Context, b *pgx.Batch, r *figureRows, opts SaveOptions) error {
	if len(r.event) == 0 {
		return nil
	}
	if opts.KeepIDs {
		var given []int64
		for _, id := range r.id {
			if id != nil {
				given = append(given, *id)
			}
		}
		used, err := s.existingIDs(ctx, "figures", given)
		if err != nil {
			return err
		}
		var explicit []int64
		for j, id := range r.id {
			if id == nil {
				continue
			}
			if used[*id] {
				r.id[j] = nil
				continue
			}
			used[*id] = true
			explicit = append(explicit, *id)
		}
		if err := s.bumpSequence(ctx, "figures", explicit); err != nil {
			return err
		}
	}
	b.Queue(`
		INSERT INTO figures (id, event_id, metric, value, unit, qualifier, low, high, derived,
		                     article_id, quote, quote_start, quote_end, created_at, updated_at)
		SELECT coalesce(id, nextval('figures_id_seq')), event_id, metric, value, unit, qualifier, low, high, derived,
		       article_id, quote, quote_start, quote_end, coalesce(created_at, now()), coalesce(updated_at, created_at, now())
		FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::numeric[], $5::text[], $6::text[], $7::numeric[], $8::numeric[],
		            $9::text[], $10::bigint[], $11::text[], $12::int[], $13::int[], $14::timestamptz[], $15::timestamptz[])
		     AS t(id, event_id, metric, value, unit, qualifier, low, high, derived,
		          article_id, quote, quote_start, quote_end, created_at, updated_at)`,
		r.id, r.event, r.metric, r.value, r.unit, r.qualifier, r.low, r.high, r.derived,
		r.article, r.quote, r.start, r.end, r.created, r.updated)
	return nil
}

// sourceRows accumulates sources to insert or update in one statement.
type sourceRows struct {
	event, article []int64
	quote, note    []string
	start, end     []*int32
}

func (r *sourceRows) add(eventID int64, src model.SourceInput) {
	r.event = append(r.event, eventID)
	r.article = append(r.article, *src.Article.ID)
	var quote string
	var start, end *int32
	if src.Evidence != nil {
		quote = src.Evidence.Text
		if src.Evidence.Start != 0 || src.Evidence.End != 0 {
			st, en := int32(src.Evidence.Start), int32(src.Evidence.End)
			start, end = &st, &en
		}
	}
	r.quote = append(r.quote, quote)
	r.start = append(r.start, start)
	r.end = append(r.end, end)
	r.note = append(r.note, src.Note)
}

func (r *sourceRows) queue(b *pgx.Batch) {
	if len(r.event) == 0 {
		return
	}
	b.Queue(`
		INSERT INTO event_sources (event_id, article_id, quote, quote_start, quote_end, note)
		SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::int[], $5::int[], $6::text[])
		ON CONFLICT (event_id, article_id) DO UPDATE
		SET quote = EXCLUDED.quote, quote_start = EXCLUDED.quote_start,
		    quote_end = EXCLUDED.quote_end, note = EXCLUDED.note`,
		r.event, r.article, r.quote, r.start, r.end, r.note)
}

package store

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/model"
)

// queueUpdates queues the statements that bring the stored events of target (document index ->
// event id) in line with their documents, and records what each document did.
func (s *Store) queueUpdates(ctx context.Context, b *pgx.Batch, docs []model.EventInput, target map[int]int64, opts SaveOptions, results []SaveResult) error {
	ids := make([]int64, 0, len(target))
	order := make([]int, 0, len(target))
	for i, id := range target {
		ids = append(ids, id)
		order = append(order, i)
	}
	sort.Ints(order)
	stored, err := s.loadStored(ctx, ids)
	if err != nil {
		return err
	}
	var (
		figs figureRows
		srcs sourceRows
	)
	for _, i := range order {
		id := target[i]
		d := docs[i]
		st := stored[id]
		if st == nil {
			return fmt.Errorf("save events: event %d vanished", id)
		}
		changed := queueRowUpdate(b, id, st.row, d, opts.Mode)
		if queueActorChanges(b, id, st.actors, d.Actors, opts.Mode) {
			changed = true
		}
		if queueFigureChanges(b, id, st.figures, d.Figures, opts, &figs) {
			changed = true
		}
		if queueSourceChanges(b, id, st.sources, d.Sources, opts.Mode, &srcs) {
			changed = true
		}
		results[i] = SaveResult{ID: id, Action: ActionUnchanged}
		if changed {
			results[i].Action = ActionUpdated
		}
	}
	if err := s.queueFigureInserts(ctx, b, &figs, opts); err != nil {
		return err
	}
	srcs.queue(b)
	return nil
}

// loadStored reads the events ids with their actors, figures and sources.
func (s *Store) loadStored(ctx context.Context, ids []int64) (map[int64]*storedEvent, error) {
	out := make(map[int64]*storedEvent, len(ids))
	rows, err := s.db.Query(ctx, `
		SELECT id, type, title, summary, date_start, date_end, date_precision, date_text,
		       status, confidence, external_id
		FROM events WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, mapError(fmt.Errorf("load stored events: %w", err))
	}
	for rows.Next() {
		var (
			id int64
			e  model.EventInput
		)
		if err := rows.Scan(&id, &e.Type, &e.Title, &e.Summary, &e.DateStart, &e.DateEnd, &e.DatePrecision,
			&e.DateText, &e.Status, &e.Confidence, &e.ExternalID); err != nil {
			rows.Close()
			return nil, mapError(fmt.Errorf("load stored events: %w", err))
		}
		out[id] = &storedEvent{row: e, sources: map[int64]storedSource{}}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("load stored events: %w", err))
	}

	rows, err = s.db.Query(ctx, `
		SELECT event_id, actor_id, role, position FROM event_actors
		WHERE event_id = ANY($1) ORDER BY event_id, position, actor_id, role`, ids)
	if err != nil {
		return nil, mapError(fmt.Errorf("load stored event actors: %w", err))
	}
	for rows.Next() {
		var (
			eventID int64
			a       storedActor
		)
		if err := rows.Scan(&eventID, &a.actorID, &a.role, &a.position); err != nil {
			rows.Close()
			return nil, mapError(fmt.Errorf("load stored event actors: %w", err))
		}
		out[eventID].actors = append(out[eventID].actors, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("load stored event actors: %w", err))
	}

	rows, err = s.db.Query(ctx, `
		SELECT event_id, id, metric, value::float8, unit, qualifier, low::float8, high::float8, derived,
		       article_id, quote, quote_start, quote_end
		FROM figures WHERE event_id = ANY($1) ORDER BY event_id, id`, ids)
	if err != nil {
		return nil, mapError(fmt.Errorf("load stored figures: %w", err))
	}
	for rows.Next() {
		var (
			eventID int64
			f       storedFigure
		)
		if err := rows.Scan(&eventID, &f.id, &f.Metric, &f.Value, &f.Unit, &f.Qualifier, &f.Low, &f.High, &f.Derived,
			&f.articleID, &f.Text, &f.Start, &f.End); err != nil {
			rows.Close()
			return nil, mapError(fmt.Errorf("load stored figures: %w", err))
		}
		out[eventID].figures = append(out[eventID].figures, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("load stored figures: %w", err))
	}

	rows, err = s.db.Query(ctx, `
		SELECT event_id, article_id, quote, quote_start, quote_end, note
		FROM event_sources WHERE event_id = ANY($1)`, ids)
	if err != nil {
		return nil, mapError(fmt.Errorf("load stored sources: %w", err))
	}
	for rows.Next() {
		var (
			eventID, articleID int64
			src                storedSource
		)
		if err := rows.Scan(&eventID, &articleID, &src.quote, &src.start, &src.end, &src.note); err != nil {
			rows.Close()
			return nil, mapError(fmt.Errorf("load stored sources: %w", err))
		}
		out[eventID].sources[articleID] = src
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapError(fmt.Errorf("load stored sources: %w", err))
	}
	return out, nil
}

// queueRowUpdate queues the update of the event's own columns when the document changes them.
func queueRowUpdate(b *pgx.Batch, id int64, cur, d model.EventInput, mode SaveMode) bool {
	next := cur
	next.Type, next.Title, next.Summary = d.Type, d.Title, d.Summary
	next.DateStart, next.DateEnd, next.DatePrecision, next.DateText = d.DateStart, d.DateEnd, d.DatePrecision, d.DateText
	if d.Status != "" {
		next.Status = d.Status
	}
	if mode == SaveReplace || d.Confidence != nil {
		next.Confidence = d.Confidence
	}
	if mode == SaveReplace || d.ExternalID != nil {
		next.ExternalID = d.ExternalID
	}
	same := next.Type == cur.Type && next.Title == cur.Title && next.Summary == cur.Summary &&
		next.DateStart == cur.DateStart && next.DateEnd == cur.DateEnd &&
		next.DatePrecision == cur.DatePrecision && next.DateText == cur.DateText &&
		next.Status == cur.Status && eqPtr(next.Confidence, cur.Confidence) && eqPtr(next.ExternalID, cur.ExternalID)
	if same {
		return false
	}
	b.Queue(`
		UPDATE events SET type = $2, title = $3, summary = $4, date_start = $5, date_end = $6,
		       date_precision = $7, date_text = $8, status = $9, confidence = $10, external_id = $11
		WHERE id = $1`,
		id, next.Type, next.Title, next.Summary, next.DateStart, next.DateEnd,
		next.DatePrecision, next.DateText, next.Status, next.Confidence, next.ExternalID)
	return true
}

func eqPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// queueActorChanges queues what makes the event's actors those of the document: in SaveReplace,
// exactly them in the document's order; in SaveMerge, the stored ones plus the new ones.
func queueActorChanges(b *pgx.Batch, id int64, cur []storedActor, refs []model.ActorRef, mode SaveMode) bool {
	type pair struct {
		actor int64
		role  string
	}
	want := map[pair]int{}
	var wantOrder []pair
	for _, r := range refs {
		p := pair{*r.ID, r.Role}
		if _, ok := want[p]; !ok {
			want[p] = len(wantOrder)
			wantOrder = append(wantOrder, p)
		}
	}
	have := map[pair]int{}
	top := -1
	for _, a := range cur {
		have[pair{a.actorID, a.role}] = a.position
		top = max(top, a.position)
	}
	var (
		delActor, insActor, movActor []int64
		delRole, insRole, movRole    []string
		insPos, movPos               []int32
	)
	for _, p := range wantOrder {
		pos, ok := have[p]
		target := want[p]
		if mode == SaveMerge {
			if ok {
				continue
			}
			top++
			target = top
		}
		switch {
		case !ok:
			insActor, insRole, insPos = append(insActor, p.actor), append(insRole, p.role), append(insPos, int32(target))
		case pos != target:
			movActor, movRole, movPos = append(movActor, p.actor), append(movRole, p.role), append(movPos, int32(target))
		}
	}
	if mode == SaveReplace {
		for _, a := range cur {
			if _, ok := want[pair{a.actorID, a.role}]; !ok {
				delActor, delRole = append(delActor, a.actorID), append(delRole, a.role)
			}
		}
	}
	if len(delActor) > 0 {
		b.Queue(`
			DELETE FROM event_actors ea USING unnest($2::bigint[], $3::text[]) AS t(actor_id, role)
			WHERE ea.event_id = $1 AND ea.actor_id = t.actor_id AND ea.role = t.role`, id, delActor, delRole)
	}
	if len(movActor) > 0 {
		b.Queue(`
			UPDATE event_actors ea SET position = t.position
			FROM unnest($2::bigint[], $3::text[], $4::smallint[]) AS t(actor_id, role, position)
			WHERE ea.event_id = $1 AND ea.actor_id = t.actor_id AND ea.role = t.role`, id, movActor, movRole, movPos)
	}
	if len(insActor) > 0 {
		b.Queue(`
			INSERT INTO event_actors (event_id, actor_id, role, position)
			SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::smallint[])`, id, insActor, insRole, insPos)
	}
	return len(delActor)+len(movActor)+len(insActor) > 0
}

// queueFigureChanges updates the stored figures a document figure matches (same id, or else
// same metric, unit and article), adds the others to figs for insertion, and in SaveReplace
// deletes the stored figures no document figure matched.
func queueFigureChanges(b *pgx.Batch, eventID int64, cur []storedFigure, want []model.FigureInput, opts SaveOptions, figs *figureRows) bool {
	matched := make([]bool, len(cur))
	match := make([]int, len(want))
	for j := range want {
		match[j] = -1
		if want[j].ID == nil {
			continue
		}
		for k := range cur {
			if !matched[k] && cur[k].id == *want[j].ID {
				matched[k], match[j] = true, k
				break
			}
		}
	}
	for j, f := range want {
		if match[j] >= 0 {
			continue
		}
		for k := range cur {
			if !matched[k] && cur[k].Metric == f.Metric && cur[k].Unit == f.Unit && eqPtr(cur[k].articleID, articleID(f.Article)) {
				matched[k], match[j] = true, k
				break
			}
		}
	}
	changed := false
	for j, f := range want {
		if match[j] < 0 {
			figs.add(eventID, f, opts)
			changed = true
			continue
		}
		c := cur[match[j]]
		q := f.Qualifier
		if q == "" {
			q = "exact"
		}
		if c.Metric == f.Metric && c.Value == f.Value && c.Unit == f.Unit && c.Qualifier == q &&
			eqPtr(c.Low, f.Low) && eqPtr(c.High, f.High) && c.Derived == f.Derived &&
			eqPtr(c.articleID, articleID(f.Article)) && c.Text == f.Text && eqPtr(c.Start, f.Start) && eqPtr(c.End, f.End) {
			continue
		}
		b.Queue(`
			UPDATE figures SET metric = $2, value = $3, unit = $4, qualifier = $5, low = $6, high = $7,
			       derived = $8, article_id = $9, quote = $10, quote_start = $11, quote_end = $12
			WHERE id = $1`,
			c.id, f.Metric, f.Value, f.Unit, q, f.Low, f.High, f.Derived, articleID(f.Article), f.Text, f.Start, f.End)
		changed = true
	}
	if opts.Mode == SaveReplace {
		var gone []int64
		for k, c := range cur {
			if !matched[k] {
				gone = append(gone, c.id)
			}
		}
		if len(gone) > 0 {
			b.Queue(`DELETE FROM figures WHERE id = ANY($1)`, gone)
			changed = true
		}
	}
	return changed
}

// queueSourceChanges adds to srcs the document's sources that are new or differ, and in
// SaveReplace deletes the stored sources the document does not list.
func queueSourceChanges(b *pgx.Batch, eventID int64, cur map[int64]storedSource, want []model.SourceInput, mode SaveMode, srcs *sourceRows) bool {
	changed := false
	listed := map[int64]bool{}
	for _, src := range want {
		aid := *src.Article.ID
		listed[aid] = true
		var probe sourceRows
		probe.add(eventID, src)
		next := storedSource{quote: probe.quote[0], note: probe.note[0]}
		if probe.start[0] != nil {
			st, en := int(*probe.start[0]), int(*probe.end[0])
			next.start, next.end = &st, &en
		}
		if c, ok := cur[aid]; ok && c.quote == next.quote && c.note == next.note && eqPtr(c.start, next.start) && eqPtr(c.end, next.end) {
			continue
		}
		srcs.add(eventID, src)
		changed = true
	}
	if mode == SaveReplace {
		var gone []int64
		for aid := range cur {
			if !listed[aid] {
				gone = append(gone, aid)
			}
		}
		if len(gone) > 0 {
			slices.Sort(gone)
			b.Queue(`DELETE FROM event_sources WHERE event_id = $1 AND article_id = ANY($2)`, eventID, gone)
			changed = true
		}
	}
	return changed
}

package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/newsevents/newsevents/internal/jsonin"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/records"
	"github.com/newsevents/newsevents/internal/store"
)

// handleEventCreate serves POST /v1/events: an event with its actors (by id, slug or name,
// created when new), figures and sources, written in one transaction.
func handleEventCreate(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := readBody(w, r, opts.MaxBodyBytes)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		rd, doc, err := records.Parse(body)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		runWrite(w, r, log, st, bodySum(body), func(ctx context.Context, tx *store.Store) (written, error) {
			voc, err := tx.VocabularyCodes(ctx)
			if err != nil {
				return written{}, err
			}
			in := records.NewDecoder(voc, records.Create).Event(doc)
			if err := rd.Err(); err != nil {
				return written{}, err
			}
			id, err := saveEvent(ctx, tx, in, store.SaveOptions{Mode: store.SaveCreate})
			if err != nil {
				return written{}, err
			}
			ev, err := tx.GetEvent(ctx, id)
			if err != nil {
				return written{}, err
			}
			return written{status: http.StatusCreated, body: ev, location: "/v1/events/" + strconv.FormatInt(id, 10)}, nil
		})
	}
}

// saveEvent stores one event document with its links.
func saveEvent(ctx context.Context, tx *store.Store, in model.EventInput, opts store.SaveOptions) (int64, error) {
	outs, rels, err := records.Save(ctx, tx, []model.EventInput{in}, opts)
	if err != nil {
		return 0, err
	}
	if outs[0].Err != nil {
		return 0, outs[0].Err
	}
	problems, err := tx.SetRelations(ctx, rels)
	if err != nil {
		return 0, err
	}
	for _, p := range problems {
		if err := p.Err(model.Unprocessable, "the document links to events that do not exist"); err != nil {
			return 0, err
		}
	}
	return outs[0].ID, nil
}

// handleEventPatch serves PATCH /v1/events/{id}: an RFC 7396 JSON merge patch applied to the
// event as GET returns it. Arrays (actors, figures, sources, links) are replaced whole; figures
// keep their ids when listed with them.
func handleEventPatch(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := idParam(r, "id")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		body, err := readBody(w, r, opts.MaxBodyBytes)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		patch, err := parsePatch(body, "id", "created_at", "updated_at")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		runWrite(w, r, log, st, bodySum(body), func(ctx context.Context, tx *store.Store) (written, error) {
			if err := tx.LockEvent(ctx, id); err != nil {
				return written{}, err
			}
			cur, err := tx.GetEvent(ctx, id)
			if err != nil {
				return written{}, err
			}
			merged, err := mergeInto(cur, patch)
			if err != nil {
				return written{}, err
			}
			voc, err := tx.VocabularyCodes(ctx)
			if err != nil {
				return written{}, err
			}
			rd := &jsonin.Reader{}
			in := records.NewDecoder(voc, records.Patch).Event(rd.Object("", merged))
			if err := rd.Err(); err != nil {
				return written{}, err
			}
			in.ID = &id
			if _, err := saveEvent(ctx, tx, in, store.SaveOptions{Mode: store.SaveReplace}); err != nil {
				return written{}, err
			}
			ev, err := tx.GetEvent(ctx, id)
			if err != nil {
				return written{}, err
			}
			return written{status: http.StatusOK, body: ev}, nil
		})
	}
}

// parsePatch reads a merge patch: one JSON object, none of whose members is read-only.
func parsePatch(body []byte, readOnly ...string) (map[string]any, error) {
	v, err := jsonin.Parse(body)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		var fe model.FieldErrors
		fe.Pointer("", "a merge patch is a JSON object of the members to change (null removes one)")
		return nil, fe.Err(model.Invalid, "the body is not a merge patch")
	}
	var fe model.FieldErrors
	for _, name := range readOnly {
		if _, ok := m[name]; ok {
			fe.Pointer(jsonin.Pointer("", name), "read-only: set by the server")
		}
	}
	if err := fe.Err(model.Invalid, "the patch changes read-only members"); err != nil {
		return nil, err
	}
	return m, nil
}

// mergeInto applies patch to the JSON form of cur.
func mergeInto(cur any, patch map[string]any) (any, error) {
	b, err := json.Marshal(cur)
	if err != nil {
		return nil, fmt.Errorf("encode current record: %w", err)
	}
	doc, err := jsonin.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("decode current record: %w", err)
	}
	return jsonin.MergePatch(doc, patch), nil
}

// handleEventDelete serves DELETE /v1/events/{id}: a soft delete that sets the status to
// retracted. The event stays readable by id and in exports; lists leave it out.
func handleEventDelete(log *slog.Logger, st *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := idParam(r, "id")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		runWrite(w, r, log, st, nil, func(ctx context.Context, tx *store.Store) (written, error) {
			if err := tx.RetractEvent(ctx, id); err != nil {
				return written{}, err
			}
			return written{status: http.StatusNoContent}, nil
		})
	}
}

// historyCursor is the opaque cursor of history listings.
type historyCursor struct {
	ID int64 `json:"h"`
}

// handleEventHistory serves GET /v1/events/{id}/history: every change to the event and to its
// figures, actors, sources and links, oldest first, with who made it and the versions before
// and after.
func handleEventHistory(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := idParam(r, "id")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		q := newQuery(r, "limit", "cursor")
		limit := q.limit(opts.DefaultLimit, opts.MaxLimit)
		var c historyCursor
		q.cursor(&c)
		if err := q.err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		changes, more, err := st.EventHistory(r.Context(), id, c.ID, limit)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		next := setNext(w, r, more, func() any { return historyCursor{ID: changes[len(changes)-1].ID} })
		respond(w, r, newListPage(changes, next))
	}
}

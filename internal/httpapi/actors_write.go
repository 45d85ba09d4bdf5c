package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/newsevents/newsevents/internal/jsonin"
	"github.com/newsevents/newsevents/internal/records"
	"github.com/newsevents/newsevents/internal/store"
)

// handleActorCreate serves POST /v1/actors: a person, organisation, group or product, with a
// slug made from its name when none is given.
func handleActorCreate(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
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
			a := records.NewDecoder(noVocabulary, records.Create).Actor(doc)
			if err := rd.Err(); err != nil {
				return written{}, err
			}
			id, err := tx.CreateActor(ctx, a)
			if err != nil {
				return written{}, err
			}
			actor, err := tx.GetActor(ctx, strconv.FormatInt(id, 10))
			if err != nil {
				return written{}, err
			}
			return written{status: http.StatusCreated, body: actor, location: "/v1/actors/" + strconv.FormatInt(id, 10)}, nil
		})
	}
}

// handleActorPatch serves PATCH /v1/actors/{id}: a JSON merge patch of the actor named by id
// or slug, as GET returns it.
func handleActorPatch(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ref, err := refParam(r, "id")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		body, err := readBody(w, r, opts.MaxBodyBytes)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		patch, err := parsePatch(body, "id", "event_count", "created_at", "updated_at")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		runWrite(w, r, log, st, bodySum(body), func(ctx context.Context, tx *store.Store) (written, error) {
			cur, err := tx.GetActor(ctx, ref)
			if err != nil {
				return written{}, err
			}
			id := cur.ID
			merged, err := mergeInto(cur, patch)
			if err != nil {
				return written{}, err
			}
			rd := &jsonin.Reader{}
			a := records.NewDecoder(noVocabulary, records.Patch).Actor(rd.Object("", merged))
			if err := rd.Err(); err != nil {
				return written{}, err
			}
			if a.Slug == "" {
				a.Slug = cur.Slug
			}
			if err := tx.UpdateActor(ctx, id, a); err != nil {
				return written{}, err
			}
			actor, err := tx.GetActor(ctx, strconv.FormatInt(id, 10))
			if err != nil {
				return written{}, err
			}
			return written{status: http.StatusOK, body: actor}, nil
		})
	}
}

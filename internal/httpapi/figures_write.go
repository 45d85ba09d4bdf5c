package httpapi

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/newsevents/newsevents/internal/jsonin"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/records"
	"github.com/newsevents/newsevents/internal/store"
)

// handleFigureGet serves GET /v1/figures/{id}: one figure as its event shows it (canonical
// marked among the figures of its metric).
func handleFigureGet(log *slog.Logger, st *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := idParam(r, "id")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		if err := newQuery(r).err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		f, err := st.GetFigure(r.Context(), id)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		respond(w, r, f)
	}
}

// handleFigureCreate serves POST /v1/figures: a figure of the event named by event_id.
func handleFigureCreate(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
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
			eventID, f := records.NewDecoder(voc, records.Create).Figure(doc)
			if err := rd.Err(); err != nil {
				return written{}, err
			}
			if err := prepareFigure(ctx, tx, eventID, &f); err != nil {
				return written{}, err
			}
			id, err := tx.CreateFigure(ctx, eventID, f)
			if err != nil {
				return written{}, err
			}
			fig, err := tx.GetFigure(ctx, id)
			if err != nil {
				return written{}, err
			}
			return written{status: http.StatusCreated, body: fig, location: fmt.Sprintf("/v1/figures/%d", id)}, nil
		})
	}
}

// prepareFigure locks the figure's event and resolves its article (created when new).
func prepareFigure(ctx context.Context, tx *store.Store, eventID int64, f *model.FigureInput) error {
	if err := tx.LockEvent(ctx, eventID); err != nil {
		if model.ErrorCode(err) == model.NotFound {
			var fe model.FieldErrors
			fe.Pointer("/event_id", "no event has the id %d", eventID)
			return fe.Err(model.Unprocessable, "the figure names an event that does not exist")
		}
		return err
	}
	if f.Article == nil {
		if f.Start != nil {
			var fe model.FieldErrors
			fe.Pointer("/start", "offsets point into an article: name it with article_url or article_id")
			return fe.Err(model.Unprocessable, "the figure quotes no article")
		}
		return nil
	}
	m, err := tx.ResolveArticles(ctx, []model.ArticleInput{*f.Article}, false)
	if err != nil {
		return err
	}
	if m[0].Problem != "" {
		var fe model.FieldErrors
		fe.Pointer("/article_id", "%s", m[0].Problem)
		return fe.Err(model.Unprocessable, "the figure names an article that does not exist")
	}
	f.Article.ID = &m[0].ID
	return nil
}

// handleFigurePatch serves PATCH /v1/figures/{id}: a JSON merge patch of the figure.
func handleFigurePatch(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
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
		patch, err := parsePatch(body, "id", "canonical", "created_at", "updated_at")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		runWrite(w, r, log, st, bodySum(body), func(ctx context.Context, tx *store.Store) (written, error) {
			cur, err := tx.GetFigure(ctx, id)
			if err != nil {
				return written{}, err
			}
			if err := tx.LockEvent(ctx, cur.EventID); err != nil {
				return written{}, err
			}
			merged, err := mergeInto(cur, patch)
			if err != nil {
				return written{}, err
			}
			// The article is named by article_id or article_url: the one the patch sets wins.
			if m, ok := merged.(map[string]any); ok {
				_, setID := patch["article_id"]
				_, setURL := patch["article_url"]
				switch {
				case setID && !setURL:
					delete(m, "article_url")
				case setURL && !setID:
					delete(m, "article_id")
				}
			}
			voc, err := tx.VocabularyCodes(ctx)
			if err != nil {
				return written{}, err
			}
			rd := &jsonin.Reader{}
			eventID, f := records.NewDecoder(voc, records.Patch).Figure(rd.Object("", merged))
			if err := rd.Err(); err != nil {
				return written{}, err
			}
			if err := prepareFigure(ctx, tx, eventID, &f); err != nil {
				return written{}, err
			}
			if err := tx.UpdateFigure(ctx, id, eventID, f); err != nil {
				return written{}, err
			}
			fig, err := tx.GetFigure(ctx, id)
			if err != nil {
				return written{}, err
			}
			return written{status: http.StatusOK, body: fig}, nil
		})
	}
}

// handleFigureDelete serves DELETE /v1/figures/{id}. The figure's history keeps its last version.
func handleFigureDelete(log *slog.Logger, st *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := idParam(r, "id")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		runWrite(w, r, log, st, nil, func(ctx context.Context, tx *store.Store) (written, error) {
			cur, err := tx.GetFigure(ctx, id)
			if err != nil {
				return written{}, err
			}
			if err := tx.LockEvent(ctx, cur.EventID); err != nil {
				return written{}, err
			}
			if err := tx.DeleteFigure(ctx, id); err != nil {
				return written{}, err
			}
			return written{status: http.StatusNoContent}, nil
		})
	}
}

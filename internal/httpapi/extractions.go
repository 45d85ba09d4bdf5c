package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/newsevents/newsevents/internal/ingest"
	"github.com/newsevents/newsevents/internal/jsonin"
	"github.com/newsevents/newsevents/internal/store"
)

// extractionCursor is the opaque cursor of extraction listings.
type extractionCursor struct {
	ID int64 `json:"x"`
}

// handleExtractionList serves GET /v1/articles/{id}/extractions: what was extracted from the
// article, newest first, each candidate event with what storing it did and why.
func handleExtractionList(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := idParam(r, "id")
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		q := newQuery(r, "limit", "cursor")
		limit := q.limit(opts.DefaultLimit, opts.MaxLimit)
		var c extractionCursor
		if q.cursor(&c) && c.ID < 1 {
			q.errs.Param("cursor", "not a cursor this server issued; use the next link of a previous page")
		}
		if err := q.err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		xs, more, err := st.ListExtractions(r.Context(), id, c.ID, limit)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		next := setNext(w, r, more, func() any { return extractionCursor{ID: xs[len(xs)-1].ID} })
		respond(w, r, newListPage(xs, next))
	}
}

// handleExtractionCreate serves POST /v1/articles/{id}/extractions: the article's stored body
// is extracted again (after the extractor or the vocabularies changed, or actors were added).
// Events the article is a source of already are left as they are; new candidates are merged
// into stored events or created, as with POST /v1/articles. The body is empty or {}.
func handleExtractionCreate(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
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
		if len(body) > 0 {
			v, err := jsonin.Parse(body)
			if err != nil {
				writeError(w, r, log, err)
				return
			}
			rd := &jsonin.Reader{}
			rd.Object("", v).Done()
			if err := rd.Err(); err != nil {
				writeError(w, r, log, err)
				return
			}
		}
		runWrite(w, r, log, st, bodySum(body), func(ctx context.Context, tx *store.Store) (written, error) {
			x, err := ingest.Run(ctx, tx, id)
			if err != nil {
				return written{}, err
			}
			return written{status: http.StatusCreated, body: x, location: "/v1/articles/" + strconv.FormatInt(id, 10) + "/extractions"}, nil
		})
	}
}

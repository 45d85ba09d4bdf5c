package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/records"
	"github.com/newsevents/newsevents/internal/store"
)

// noVocabulary serves documents that name no vocabulary code (actors, articles).
var noVocabulary = model.Vocabulary{}

// handleArticleCreate serves POST /v1/articles. The URL is normalised; when an article has it
// already, that article is returned (200) unchanged, otherwise the new one (201).
func handleArticleCreate(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
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
			a := records.NewDecoder(noVocabulary, records.Create).Article(doc)
			if err := rd.Err(); err != nil {
				return written{}, err
			}
			m, err := tx.ResolveArticles(ctx, []model.ArticleInput{a}, false)
			if err != nil {
				return written{}, err
			}
			art, err := tx.GetArticle(ctx, m[0].ID)
			if err != nil {
				return written{}, err
			}
			status := http.StatusOK
			if m[0].Created {
				status = http.StatusCreated
			}
			return written{status: status, body: art, location: "/v1/articles/" + strconv.FormatInt(art.ID, 10)}, nil
		})
	}
}

package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/newsevents/newsevents/internal/ingest"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/records"
	"github.com/newsevents/newsevents/internal/store"
)

// noVocabulary serves documents that name no vocabulary code (actors, articles).
var noVocabulary = model.Vocabulary{}

// articleCreated is the body of POST /v1/articles: the article, and with "extract": true what
// was extracted from it.
type articleCreated struct {
	model.ArticleDetail
	Extraction *model.Extraction `json:"extraction,omitempty"`
}

// handleArticleCreate serves POST /v1/articles. The URL is normalised; when an article has it
// already, that article is returned (200) unchanged, otherwise the new one (201).
//
// With "extract": true, the events the article reports are extracted from its stored body and
// stored in the same transaction (ingest.Article), and returned in "extraction": an article
// sent again gets its latest extraction back, nothing written twice. A stored article without
// a body (first stored by URL alone) takes the body sent, and its other empty members.
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
			extract := doc.Bool("extract")
			a := records.NewDecoder(noVocabulary, records.Create).Article(doc)
			if err := rd.Err(); err != nil {
				return written{}, err
			}
			var (
				id      int64
				created bool
				out     articleCreated
			)
			if extract != nil && *extract {
				var x model.Extraction
				if id, created, x, err = ingest.Article(ctx, tx, a); err != nil {
					return written{}, err
				}
				out.Extraction = &x
			} else {
				m, err := tx.ResolveArticles(ctx, []model.ArticleInput{a}, false)
				if err != nil {
					return written{}, err
				}
				id, created = m[0].ID, m[0].Created
			}
			if out.ArticleDetail, err = tx.GetArticle(ctx, id); err != nil {
				return written{}, err
			}
			status := http.StatusOK
			if created {
				status = http.StatusCreated
			}
			return written{status: status, body: out, location: "/v1/articles/" + strconv.FormatInt(id, 10)}, nil
		})
	}
}

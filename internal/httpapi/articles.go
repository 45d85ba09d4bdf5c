package httpapi

import (
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/newsevents/newsevents/internal/store"
)

// articleCursor is the opaque cursor of article listings.
type articleCursor struct {
	Sort        store.ArticleSort `json:"s"`
	PublishedAt *time.Time        `json:"p,omitempty"`
	ID          int64             `json:"i"`
}

var languageCode = regexp.MustCompile(`^[a-z]{2}$`)

func handleArticleList(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r, "source", "language", "from", "to", "q", "sort", "limit", "cursor")
		f := store.ArticleFilter{
			Sources:       q.list("source"),
			Languages:     q.list("language"),
			PublishedFrom: q.date("from"),
			PublishedTo:   q.date("to"),
			Query:         q.text("q", maxQueryLength),
			Sort:          store.ArticleSort(q.oneOf("sort", []string{string(store.ArticlesNewest), string(store.ArticlesOldest)}, string(store.ArticlesNewest))),
			Limit:         q.limit(opts.DefaultLimit, opts.MaxLimit),
		}
		for _, l := range f.Languages {
			if !languageCode.MatchString(l) {
				q.errs.Param("language", "%q is not an ISO 639-1 code such as fr or en", l)
			}
		}
		if f.PublishedFrom != nil && f.PublishedTo != nil && f.PublishedTo.Before(*f.PublishedFrom) {
			q.errs.Param("to", "%s is before from (%s)", f.PublishedTo, f.PublishedFrom)
		}
		var c articleCursor
		if q.cursor(&c) {
			switch {
			case c.Sort != f.Sort:
				q.errs.Param("cursor", "this cursor continues a listing sorted by %q, not %q: keep the parameters of the page that gave it", c.Sort, f.Sort)
			case c.ID < 1:
				q.errs.Param("cursor", "not a cursor this server issued; use the next link of a previous page")
			default:
				f.After = &store.ArticleCursor{Sort: c.Sort, PublishedAt: c.PublishedAt, ID: c.ID}
			}
		}
		if err := q.err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		page, err := st.ListArticles(r.Context(), f)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		next := setNext(w, r, page.Next != nil, func() any {
			return articleCursor{Sort: page.Next.Sort, PublishedAt: page.Next.PublishedAt, ID: page.Next.ID}
		})
		respond(w, r, newListPage(page.Articles, next))
	}
}

func handleArticleGet(log *slog.Logger, st *store.Store) http.HandlerFunc {
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
		a, err := st.GetArticle(r.Context(), id)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		respond(w, r, a)
	}
}

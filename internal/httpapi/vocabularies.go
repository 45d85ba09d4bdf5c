package httpapi

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/newsevents/newsevents/internal/store"
)

// vocabularyCacheControl lets browsers and proxies keep vocabularies for an hour: they change
// rarely, and the ETag makes checking cheap after that.
const vocabularyCacheControl = "public, max-age=3600"

// vocabulary is the JSON body of the vocabulary endpoints.
type vocabulary[T any] struct {
	Data []T `json:"data"`
}

// handleVocabulary serves one vocabulary, whole, from list.
func handleVocabulary[T any](log *slog.Logger, list func(context.Context) ([]T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := newQuery(r).err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		items, err := list(r.Context())
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		if items == nil {
			items = []T{}
		}
		w.Header().Set("Cache-Control", vocabularyCacheControl)
		respond(w, r, vocabulary[T]{Data: items})
	}
}

func handleEventTypes(log *slog.Logger, st *store.Store) http.HandlerFunc {
	return handleVocabulary(log, st.ListEventTypes)
}

func handleMetrics(log *slog.Logger, st *store.Store) http.HandlerFunc {
	return handleVocabulary(log, st.ListMetrics)
}

func handleUnits(log *slog.Logger, st *store.Store) http.HandlerFunc {
	return handleVocabulary(log, st.ListUnits)
}

func handleRoles(log *slog.Logger, st *store.Store) http.HandlerFunc {
	return handleVocabulary(log, st.ListRoles)
}

package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/newsevents/newsevents/internal/store"
)

// handleHealthz answers while the process runs, whatever the database does.
func handleHealthz() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		encode(w, http.StatusOK, map[string]string{"status": "ok"})
	}
}

// handleReadyz answers 200 when the database answers within two seconds, 503 otherwise.
func handleReadyz(log *slog.Logger, st *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := st.Ping(ctx); err != nil {
			writeError(w, r, log, err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		encode(w, http.StatusOK, map[string]string{"status": "ready", "database": "ok"})
	}
}

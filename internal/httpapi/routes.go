package httpapi

import (
	"log/slog"

	"github.com/go-chi/chi/v5"

	"github.com/newsevents/newsevents/internal/store"
)

// addRoutes lists the whole API; api/openapi.yaml describes the same routes.
func addRoutes(r chi.Router, log *slog.Logger, st *store.Store, opts Options) {
	r.Get("/healthz", handleHealthz())
	r.Get("/readyz", handleReadyz(log, st))
	r.Route("/v1", func(r chi.Router) {
		r.Get("/events", handleEventList(log, st, opts))
		r.Get("/events/{id}", handleEventGet(log, st))
	})
}

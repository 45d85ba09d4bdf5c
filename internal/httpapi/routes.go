package httpapi

import (
	"log/slog"

	"github.com/go-chi/chi/v5"

	"github.com/newsevents/newsevents/internal/store"
)

// addRoutes lists the whole API; api/openapi.yaml describes the same routes, and the tests fail
// when the two differ.
func addRoutes(r chi.Router, log *slog.Logger, st *store.Store, opts Options) {
	r.Get("/healthz", handleHealthz())
	r.Get("/readyz", handleReadyz(log, st))
	r.Get("/openapi.yaml", handleOpenAPI())
	r.Get("/docs", handleDocs(log))
	r.Route("/v1", func(r chi.Router) {
		r.Get("/events", handleEventList(log, st, opts))
		r.Get("/events/{id}", handleEventGet(log, st))
		r.Get("/actors", handleActorList(log, st, opts))
		r.Get("/actors/{id}", handleActorGet(log, st))
		r.Get("/actors/{id}/events", handleActorEvents(log, st, opts))
		r.Get("/articles", handleArticleList(log, st, opts))
		r.Get("/articles/{id}", handleArticleGet(log, st))
		r.Get("/figures", handleFigureList(log, st, opts))
		r.Get("/event-types", handleEventTypes(log, st))
		r.Get("/metrics", handleMetrics(log, st))
		r.Get("/units", handleUnits(log, st))
		r.Get("/roles", handleRoles(log, st))
		r.Get("/stats/timeline", handleStatsTimeline(log, st))
		r.Get("/stats/top", handleStatsTop(log, st, opts))
	})
}

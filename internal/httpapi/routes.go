package httpapi

import (
	"log/slog"

	"github.com/go-chi/chi/v5"

	"github.com/newsevents/newsevents/internal/store"
)

// addRoutes lists the whole API; api/openapi.yaml describes the same routes, and the tests fail
// when the two differ. Reads are public unless Options.RequireReadKey; writes need a key with
// write scope. Requests to /v1 count against the rate limits of their key, or of their client
// IP when they carry no valid key.
func addRoutes(r chi.Router, log *slog.Logger, st *store.Store, opts Options) {
	r.Get("/healthz", handleHealthz())
	r.Get("/readyz", handleReadyz(log, st))
	r.Get("/metrics", opts.Metrics.Handler().ServeHTTP)
	r.Get("/openapi.yaml", handleOpenAPI())
	r.Get("/docs", handleDocs(log))
	limits := newRateLimiter(log, opts.RateLimits)
	r.Route("/v1", func(r chi.Router) {
		r.Use(limits.clientAddr)
		r.Use(authenticate(log, st, opts.RequireReadKey, limits))
		r.Get("/events", handleEventList(log, st, opts))
		r.Get("/events/{id}", handleEventGet(log, st))
		r.Get("/events/{id}/history", handleEventHistory(log, st, opts))
		r.Get("/actors", handleActorList(log, st, opts))
		r.Get("/actors/{id}", handleActorGet(log, st))
		r.Get("/actors/{id}/events", handleActorEvents(log, st, opts))
		r.Get("/articles", handleArticleList(log, st, opts))
		r.Get("/articles/{id}", handleArticleGet(log, st))
		r.Get("/articles/{id}/extractions", handleExtractionList(log, st, opts))
		r.Get("/figures", handleFigureList(log, st, opts))
		r.Get("/figures/{id}", handleFigureGet(log, st))
		r.Get("/event-types", handleEventTypes(log, st))
		r.Get("/metrics", handleMetrics(log, st))
		r.Get("/units", handleUnits(log, st))
		r.Get("/roles", handleRoles(log, st))
		r.Get("/stats/timeline", handleStatsTimeline(log, st))
		r.Get("/stats/top", handleStatsTop(log, st, opts))
		r.Get("/export", handleExport(log, st, opts))
		r.Get("/feed", handleFeed(log, st, opts))

		r.Group(func(r chi.Router) {
			r.Use(requireScope(log, "write"))
			r.Post("/events", handleEventCreate(log, st, opts))
			r.Patch("/events/{id}", handleEventPatch(log, st, opts))
			r.Delete("/events/{id}", handleEventDelete(log, st))
			r.Post("/actors", handleActorCreate(log, st, opts))
			r.Patch("/actors/{id}", handleActorPatch(log, st, opts))
			r.Post("/articles", handleArticleCreate(log, st, opts))
			r.Post("/articles/{id}/extractions", handleExtractionCreate(log, st, opts))
			r.Post("/figures", handleFigureCreate(log, st, opts))
			r.Patch("/figures/{id}", handleFigurePatch(log, st, opts))
			r.Delete("/figures/{id}", handleFigureDelete(log, st))
			r.Post("/import", handleImport(log, st, opts))
		})
	})
}

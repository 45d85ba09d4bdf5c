// Package httpapi serves the newsevents REST API: it parses and validates requests, calls the
// store, and writes JSON or RFC 9457 problem+json. The routes are listed in routes.go and
// described in api/openapi.yaml.
//
//	curl 'localhost:8080/v1/events?from=2022-06-01&to=2022-11-30'
//	curl localhost:8080/v1/events/3
package httpapi

import (
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/cors"

	"github.com/newsevents/newsevents/internal/store"
)

// Options tune the API.
type Options struct {
	// MaxLimit caps the limit parameter of list endpoints; DefaultLimit applies when it is absent.
	MaxLimit, DefaultLimit int
	// CORSOrigins are the origins browsers may call the API from: "*" for any (the data is
	// public and no cookie is involved), none for no cross-origin access.
	CORSOrigins []string
	// RequireReadKey makes reads need an API key too (writes always do).
	RequireReadKey bool
	// MaxBodyBytes caps the body of a write; MaxImportBytes the body of POST /v1/import.
	MaxBodyBytes, MaxImportBytes int64
	// RateLimits cap the requests to /v1 per client IP and per API key; none when zero.
	RateLimits RateLimits
}

// DefaultOptions are the documented defaults, but for the rate limits: they are off here and
// set by the serve command's configuration.
func DefaultOptions() Options {
	return Options{MaxLimit: 500, DefaultLimit: 50, CORSOrigins: []string{"*"}, MaxBodyBytes: 1 << 20, MaxImportBytes: 256 << 20}
}

// NewServer returns the API's handler.
func NewServer(log *slog.Logger, st *store.Store, opts Options) http.Handler {
	if opts.MaxLimit <= 0 {
		opts.MaxLimit = DefaultOptions().MaxLimit
	}
	if opts.DefaultLimit <= 0 || opts.DefaultLimit > opts.MaxLimit {
		opts.DefaultLimit = min(DefaultOptions().DefaultLimit, opts.MaxLimit)
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultOptions().MaxBodyBytes
	}
	if opts.MaxImportBytes <= 0 {
		opts.MaxImportBytes = DefaultOptions().MaxImportBytes
	}
	r := chi.NewRouter()
	r.Use(securityHeaders)
	r.Use(middleware.RequestID)
	r.Use(logRequests(log))
	r.Use(recoverPanics(log))
	if len(opts.CORSOrigins) > 0 {
		r.Use(cors.Handler(cors.Options{
			AllowedOrigins: opts.CORSOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPatch, http.MethodDelete},
			AllowedHeaders: []string{"Accept", "Authorization", "Content-Type", "If-None-Match", "Idempotency-Key"},
			ExposedHeaders: []string{"ETag", "Link", "Location", "Retry-After", "Idempotency-Replayed",
				"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"},
			MaxAge: 600,
		}))
	}
	r.Use(compress)
	r.Use(middleware.GetHead) // HEAD of any GET route, for curl -I and link checkers
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, log, errorf(codeNotFound, "no route for %s %s", r.Method, r.URL.Path))
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, log, errorf(codeMethodNotAllowed, "%s is not allowed on %s", r.Method, r.URL.Path))
	})
	addRoutes(r, log, st, opts)
	return r
}

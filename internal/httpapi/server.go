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
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/cors"

	"github.com/newsevents/newsevents/internal/feed"
	"github.com/newsevents/newsevents/internal/metrics"
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

	// Streams: listings without a limit as CSV or NDJSON, and GET /v1/export. A stream reads
	// the database a page at a time, each page a statement bounded by the statement timeout,
	// so what bounds a stream is: ExportTimeout, the longest it may run in all (0: no bound);
	// WriteTimeout, the longest the client may take to accept each further part (the HTTP
	// server's write timeout, which would otherwise cut every response at that age; 0: none);
	// MaxExports, how many may run at once (each holds a database connection for its whole
	// length), more get 503 with Retry-After.
	ExportTimeout, WriteTimeout time.Duration
	MaxExports                  int

	// Metrics records the requests and serves /metrics; NewServer makes one on the store's
	// pool when nil.
	Metrics *metrics.Metrics

	// Feed hands live changes to GET /v1/feed; its owner runs it and closes it when the server
	// shuts down, which ends every feed stream. Without it, a feed stream sends what the
	// database holds after the client's position, then ends (EventSource then polls).
	Feed *feed.Hub
	// FeedHeartbeat is how often a quiet feed stream sends a comment, so proxies keep it open.
	FeedHeartbeat time.Duration
	// MaxFeeds caps the feed streams open at once (each holds a connection and a goroutine,
	// and a database connection only while it reads missed changes); more get 503 with
	// Retry-After. A feed stream is bounded like other streams: ExportTimeout in all,
	// WriteTimeout for each part.
	MaxFeeds int

	// exports holds a token per running stream, feeds one per open feed stream; NewServer
	// makes them.
	exports, feeds chan struct{}
}

// DefaultOptions are the documented defaults, but for the rate limits: they are off here and
// set by the serve command's configuration.
func DefaultOptions() Options {
	return Options{MaxLimit: 500, DefaultLimit: 50, CORSOrigins: []string{"*"}, MaxBodyBytes: 1 << 20, MaxImportBytes: 256 << 20,
		ExportTimeout: 30 * time.Minute, WriteTimeout: 60 * time.Second, MaxExports: 2,
		FeedHeartbeat: 15 * time.Second, MaxFeeds: 500}
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
	if opts.MaxExports <= 0 {
		opts.MaxExports = DefaultOptions().MaxExports
	}
	opts.exports = make(chan struct{}, opts.MaxExports)
	if opts.MaxFeeds <= 0 {
		opts.MaxFeeds = DefaultOptions().MaxFeeds
	}
	if opts.FeedHeartbeat <= 0 {
		opts.FeedHeartbeat = DefaultOptions().FeedHeartbeat
	}
	opts.feeds = make(chan struct{}, opts.MaxFeeds)
	if opts.Metrics == nil {
		opts.Metrics = metrics.New(st.PoolStat)
	}
	r := chi.NewRouter()
	r.Use(securityHeaders)
	r.Use(middleware.RequestID)
	r.Use(logRequests(log, opts.Metrics))
	r.Use(recoverPanics(log))
	if len(opts.CORSOrigins) > 0 {
		r.Use(cors.Handler(cors.Options{
			AllowedOrigins: opts.CORSOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPatch, http.MethodDelete},
			AllowedHeaders: []string{"Accept", "Authorization", "Content-Type", "If-None-Match", "Idempotency-Key", "Last-Event-ID"},
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

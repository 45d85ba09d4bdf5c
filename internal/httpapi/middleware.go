package httpapi

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/klauspost/compress/gzhttp"

	"github.com/newsevents/newsevents/internal/metrics"
	"github.com/newsevents/newsevents/internal/model"
)

// requestInfo collects what inner handlers learn about a request for its log line.
type requestInfo struct {
	// key is the name of the API key that authenticated the request.
	key string
}

type requestInfoKey struct{}

func requestInfoOf(ctx context.Context) *requestInfo {
	info, _ := ctx.Value(requestInfoKey{}).(*requestInfo)
	return info
}

// logRequests logs one line per request: method, path, status, size, duration, request id and
// the name of the API key, if any; and records the request in m. Query strings and headers are
// not logged (they may carry keys).
func logRequests(log *slog.Logger, m *metrics.Metrics) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			done := m.Begin()
			defer done()
			info := &requestInfo{}
			r = r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info))
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r)
			status := ww.Status()
			if status == 0 {
				status = http.StatusOK
			}
			elapsed := time.Since(start)
			m.Observe(routePattern(r), r.Method, status, elapsed)
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			log.Log(r.Context(), level, "request",
				"method", r.Method, "path", r.URL.Path, "status", status, "bytes", ww.BytesWritten(),
				"duration_ms", float64(elapsed.Microseconds())/1000,
				"request_id", middleware.GetReqID(r.Context()), "key", info.key)
		})
	}
}

// routePattern names the route that answered r (such as /v1/events/{id}), or "unmatched".
// Read once the router is done with r.
func routePattern(r *http.Request) string {
	if rc := chi.RouteContext(r.Context()); rc != nil {
		if p := rc.RoutePattern(); p != "" {
			return p
		}
	}
	return "unmatched"
}

// recoverPanics turns a panic in a handler into a logged 500 problem, keeping the server up.
func recoverPanics(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v)
				}
				err := fmt.Errorf("panic: %v\n%s", v, debug.Stack())
				writeError(w, r, log, &model.Error{Code: model.Internal, Message: "panic", Err: err})
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// compress compresses responses for clients that accept it, with zstd or gzip (bodies of 1 KiB
// or more; streams as they flush). A compressed body is another representation, so its strong
// ETag gets a -gzip or -zstd suffix; etagMatches knows the suffixes. Event streams (GET
// /v1/feed) are sent as they are: each message must reach the client at once, a few hundred
// bytes compress poorly on their own, and a compressor per open stream would hold memory for
// hours.
func compress(next http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.SuffixETag(gzipETagSuffix), gzhttp.ContentTypeFilter(func(ct string) bool {
		return gzhttp.DefaultContentTypeFilter(ct) && !strings.HasPrefix(strings.TrimSpace(strings.ToLower(ct)), "text/event-stream")
	}))
	if err != nil {
		panic(fmt.Errorf("gzip middleware: %w", err)) // only for invalid options, fixed above
	}
	return wrap(next)
}

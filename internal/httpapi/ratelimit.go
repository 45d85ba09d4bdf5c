package httpapi

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/httprate"
)

// RateLimits caps how many requests a client makes per window: requests without a valid API
// key count against their client IP, requests with one against the key. A zero limit is no
// limit. The counts are sliding windows kept in this process (a server behind a load balancer
// counts its own share).
type RateLimits struct {
	PerIP, PerKey int
	Window        time.Duration
	// TrustedProxies are CIDR prefixes of reverse proxies: a request from one of them is
	// counted against the client its X-Forwarded-For names. Otherwise the TCP peer is the client.
	TrustedProxies []string
}

// rateLimiter applies RateLimits. Its answers carry RateLimit-Limit, RateLimit-Remaining,
// RateLimit-Reset (seconds until the window ends) and RateLimit-Policy; a refused request gets
// 429 problem+json with Retry-After.
type rateLimiter struct {
	log       *slog.Logger
	window    time.Duration
	ip, key   *httprate.RateLimiter // nil: no limit
	ipN, keyN int
	// clientAddr is the middleware that finds the client IP (the TCP peer, or what a trusted
	// proxy says in X-Forwarded-For) for middleware.GetClientIP; it runs before authenticate.
	clientAddr func(http.Handler) http.Handler
}

func newRateLimiter(log *slog.Logger, rl RateLimits) *rateLimiter {
	if rl.Window <= 0 {
		rl.Window = time.Minute
	}
	l := &rateLimiter{log: log, window: rl.Window, ipN: rl.PerIP, keyN: rl.PerKey, clientAddr: middleware.ClientIPFromRemoteAddr}
	if len(rl.TrustedProxies) > 0 {
		l.clientAddr = middleware.ClientIPFromXFF(rl.TrustedProxies...)
	}
	headers := httprate.WithResponseHeaders(httprate.ResponseHeaders{
		Limit: "RateLimit-Limit", Remaining: "RateLimit-Remaining", Reset: "RateLimit-Reset"})
	if rl.PerIP > 0 {
		l.ip = httprate.NewRateLimiter(rl.PerIP, rl.Window, headers)
	}
	if rl.PerKey > 0 {
		l.key = httprate.NewRateLimiter(rl.PerKey, rl.Window, headers)
	}
	return l
}

// allowAnonymous counts a request without a valid key against its client IP; it answers 429
// and returns false when the IP is over its limit.
func (l *rateLimiter) allowAnonymous(w http.ResponseWriter, r *http.Request) bool {
	if l == nil || l.ip == nil {
		return true
	}
	ip := httprate.CanonicalizeIP(middleware.GetClientIP(r.Context()))
	if ip == "" {
		ip = "unknown" // a proxy chain that names no client: one shared bucket, never none
	}
	return l.allow(w, r, l.ip, l.ipN, "ip:"+ip, "this client address")
}

// allowKey counts a request against its API key.
func (l *rateLimiter) allowKey(w http.ResponseWriter, r *http.Request, p *principal) bool {
	if l == nil || l.key == nil {
		return true
	}
	return l.allow(w, r, l.key, l.keyN, "key:"+strconv.FormatInt(p.KeyID, 10), fmt.Sprintf("the API key %q", p.Name))
}

func (l *rateLimiter) allow(w http.ResponseWriter, r *http.Request, rl *httprate.RateLimiter, limit int, bucket, who string) bool {
	limited := rl.OnLimit(w, r, bucket)
	h := w.Header()
	// httprate gives the end of the window as a Unix time; the RateLimit fields give seconds.
	reset := int64(l.window.Seconds())
	if end, err := strconv.ParseInt(h.Get("RateLimit-Reset"), 10, 64); err == nil {
		reset = max(1, end-time.Now().Unix())
	}
	h.Set("RateLimit-Reset", strconv.FormatInt(reset, 10))
	h.Set("RateLimit-Policy", fmt.Sprintf("%d;w=%d", limit, int64(l.window.Seconds())))
	if n, err := strconv.Atoi(h.Get("RateLimit-Remaining")); err == nil && n < 0 {
		h.Set("RateLimit-Remaining", "0")
	}
	if !limited {
		return true
	}
	h.Set("Retry-After", strconv.FormatInt(reset, 10))
	writeError(w, r, l.log, errorf(codeRateLimited, "%s made more than %d requests in %s; retry in %d s",
		who, limit, l.window, reset))
	return false
}

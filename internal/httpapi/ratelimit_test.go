package httpapi_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/httpapi"
)

// limitedCall sends a request from the client address remote (host:port) with the given
// Authorization header (none when "") and X-Forwarded-For (none when ""), and checks the
// answer against the spec.
func limitedCall(t *testing.T, h http.Handler, method, path, remote, auth, xff string) *response {
	t.Helper()
	newReq := func() *http.Request {
		req := httptest.NewRequest(method, path, nil)
		req.RemoteAddr = remote
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		if xff != "" {
			req.Header.Set("X-Forwarded-For", xff)
		}
		return req
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, newReq())
	res := &response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	checkContract(t, newReq(), res)
	return res
}

func headerInt(t *testing.T, res *response, name string) int {
	t.Helper()
	n, err := strconv.Atoi(res.Header.Get(name))
	if err != nil {
		t.Fatalf("%s = %q, want a number (status %d)", name, res.Header.Get(name), res.Status)
	}
	return n
}

// TestRateLimits holds the per-IP and per-key limits to their contract: the RateLimit headers
// count down, the request over the limit gets 429 problem+json with Retry-After, buckets are
// separate per client IP and per key, a wrong key is counted against the IP (guessing keys is
// throttled), X-Forwarded-For is believed only from a trusted proxy, and health checks are
// never limited.
func TestRateLimits(t *testing.T) {
	opts := httpapi.DefaultOptions()
	opts.RateLimits = httpapi.RateLimits{PerIP: 3, PerKey: 5, Window: time.Minute, TrustedProxies: []string{"10.0.0.0/8"}}
	h, st := newDemoServer(t, opts)
	key := newKey(t, st, "limited", "read")
	other := newKey(t, st, "other", "read")
	const alice, bob = "192.0.2.10:1111", "198.51.100.7:2222"

	for i := 1; i <= 3; i++ {
		res := limitedCall(t, h, "GET", "/v1/events/1", alice, "", "")
		if res.Status != http.StatusOK {
			t.Fatalf("anonymous request %d = %d %s", i, res.Status, res.Body)
		}
		if got := headerInt(t, res, "RateLimit-Limit"); got != 3 {
			t.Errorf("RateLimit-Limit = %d, want 3", got)
		}
		if got := headerInt(t, res, "RateLimit-Remaining"); got != 3-i {
			t.Errorf("request %d: RateLimit-Remaining = %d, want %d", i, got, 3-i)
		}
		if reset := headerInt(t, res, "RateLimit-Reset"); reset < 1 || reset > 60 {
			t.Errorf("RateLimit-Reset = %d, want 1..60 seconds", reset)
		}
		if p := res.Header.Get("RateLimit-Policy"); p != "3;w=60" {
			t.Errorf("RateLimit-Policy = %q", p)
		}
	}
	over := limitedCall(t, h, "GET", "/v1/events", alice, "", "")
	if over.Status != http.StatusTooManyRequests || over.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("fourth anonymous request = %d %s %s, want 429 problem+json", over.Status, over.Header.Get("Content-Type"), over.Body)
	}
	if ra := headerInt(t, over, "Retry-After"); ra < 1 || ra > 60 {
		t.Errorf("Retry-After = %d, want 1..60", ra)
	}
	if got := headerInt(t, over, "RateLimit-Remaining"); got != 0 {
		t.Errorf("RateLimit-Remaining on 429 = %d", got)
	}
	if p := decode[problem](t, over.Body); p.Status != 429 || p.Detail == "" {
		t.Errorf("problem %+v", p)
	}

	// Another client is not affected; a spoofed X-Forwarded-For from an untrusted peer changes nothing.
	if res := limitedCall(t, h, "GET", "/v1/events/1", bob, "", ""); res.Status != http.StatusOK {
		t.Errorf("another IP = %d, want 200", res.Status)
	}
	if res := limitedCall(t, h, "GET", "/v1/events/1", alice, "", "203.0.113.99"); res.Status != http.StatusTooManyRequests {
		t.Errorf("X-Forwarded-For from an untrusted peer lifted the limit: %d", res.Status)
	}
	// Behind a trusted proxy, each forwarded client has its own bucket.
	for i, client := range []string{"203.0.113.1", "203.0.113.2"} {
		for j := 0; j < 3; j++ {
			if res := limitedCall(t, h, "GET", "/v1/events/1", "10.1.2.3:443", "", client); res.Status != http.StatusOK {
				t.Fatalf("client %d request %d via the proxy = %d", i, j, res.Status)
			}
		}
		if res := limitedCall(t, h, "GET", "/v1/events/1", "10.1.2.3:443", "", client); res.Status != http.StatusTooManyRequests {
			t.Errorf("client %d via the proxy: fourth request = %d, want 429", i, res.Status)
		}
	}

	// A valid key has its own bucket, whatever its IP has used.
	for i := 1; i <= 5; i++ {
		res := limitedCall(t, h, "GET", "/v1/events/1", alice, "Bearer "+key, "")
		if res.Status != http.StatusOK {
			t.Fatalf("keyed request %d = %d %s", i, res.Status, res.Body)
		}
		if got := headerInt(t, res, "RateLimit-Limit"); got != 5 {
			t.Errorf("keyed RateLimit-Limit = %d, want 5", got)
		}
	}
	if res := limitedCall(t, h, "GET", "/v1/events/1", bob, "Bearer "+key, ""); res.Status != http.StatusTooManyRequests {
		t.Errorf("sixth keyed request (from another IP) = %d, want 429: the key's bucket is the key's", res.Status)
	}
	if res := limitedCall(t, h, "GET", "/v1/events/1", alice, "Bearer "+other, ""); res.Status != http.StatusOK {
		t.Errorf("another key = %d, want 200", res.Status)
	}
	// Wrong keys count against the IP: from an exhausted IP they get 429, not a free 401.
	wrong := "Bearer nek_" + "A123456789012345678901234567890123456789012"
	if res := limitedCall(t, h, "GET", "/v1/events/1", alice, wrong, ""); res.Status != http.StatusTooManyRequests {
		t.Errorf("wrong key from an exhausted IP = %d, want 429", res.Status)
	}
	if res := limitedCall(t, h, "GET", "/v1/events/1", "192.0.2.200:1", wrong, ""); res.Status != http.StatusUnauthorized {
		t.Errorf("wrong key from a fresh IP = %d, want 401", res.Status)
	}
	for range 5 {
		if res := limitedCall(t, h, "GET", "/healthz", alice, "", ""); res.Status != http.StatusOK || res.Header.Get("RateLimit-Limit") != "" {
			t.Fatalf("healthz = %d (RateLimit-Limit %q): health checks are never limited", res.Status, res.Header.Get("RateLimit-Limit"))
		}
	}
}

// TestRateLimitWindowSlides waits for an exhausted client to be let in again.
func TestRateLimitWindowSlides(t *testing.T) {
	opts := httpapi.DefaultOptions()
	opts.RateLimits = httpapi.RateLimits{PerIP: 2, Window: time.Second}
	h, _ := newDemoServer(t, opts)
	const ip = "192.0.2.33:4444"
	for range 2 {
		limitedCall(t, h, "GET", "/v1/event-types", ip, "", "")
	}
	if res := limitedCall(t, h, "GET", "/v1/event-types", ip, "", ""); res.Status != http.StatusTooManyRequests {
		t.Fatalf("third request = %d, want 429", res.Status)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		res := limitedCall(t, h, "GET", "/v1/event-types", ip, "", "")
		if res.Status == http.StatusOK {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("still %d 15 s after a 1 s window", res.Status)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestRateLimitsOff: with no limits, no RateLimit headers and no 429, however many requests.
func TestRateLimitsOff(t *testing.T) {
	h, _ := newDemoServer(t, httpapi.DefaultOptions())
	for range 50 {
		res := limitedCall(t, h, "GET", "/v1/event-types", "192.0.2.1:1", "", "")
		if res.Status != http.StatusOK || res.Header.Get("RateLimit-Limit") != "" {
			t.Fatalf("%d with RateLimit-Limit %q", res.Status, res.Header.Get("RateLimit-Limit"))
		}
	}
}

package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/newsevents/newsevents/internal/apikey"
	"github.com/newsevents/newsevents/internal/httpapi"
)

// routesOf lists every method and route the router serves, path parameters filled with value.
func routesOf(t *testing.T, h http.Handler, value string) [][2]string {
	t.Helper()
	param := regexp.MustCompile(`\{[^}]+\}`)
	var out [][2]string
	err := chi.Walk(h.(chi.Routes), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		out = append(out, [2]string{method, param.ReplaceAllString(route, value)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// wantSecurityHeaders fails unless res carries the headers every response must carry.
func wantSecurityHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	for name, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "no-referrer",
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s: %s = %q, want %q", what, name, got, want)
		}
	}
	csp := h.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") ||
		strings.Contains(csp, "script-src") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("%s: Content-Security-Policy %q, want default-src 'none', frame-ancestors 'none' and no script", what, csp)
	}
}

// TestSecurityHeadersEverywhere requests every route the router serves (and a few failures:
// 401, 404, 405, 413, 429) and checks each answer carries the security headers.
func TestSecurityHeadersEverywhere(t *testing.T) {
	opts := httpapi.DefaultOptions()
	opts.MaxBodyBytes = 64
	opts.RateLimits = httpapi.RateLimits{PerIP: 1000, Window: time.Minute}
	h, st := newDemoServer(t, opts)
	key := newKey(t, st, "headers", "write")
	for _, rt := range routesOf(t, h, "1") {
		method, path := rt[0], rt[1]
		t.Run(method+" "+path, func(t *testing.T) {
			var body *strings.Reader
			if method == http.MethodPost || method == http.MethodPatch {
				body = strings.NewReader(`{}`)
			} else {
				body = strings.NewReader("")
			}
			req := httptest.NewRequest(method, path, body)
			req.Header.Set("Authorization", "Bearer "+key)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Errorf("%s %s = %d %s", method, path, rec.Code, rec.Body)
			}
			wantSecurityHeaders(t, method+" "+path, rec.Header())
			if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				csp := rec.Header().Get("Content-Security-Policy")
				if strings.Contains(csp, "script") || !strings.Contains(csp, "base-uri 'none'") {
					t.Errorf("HTML page with CSP %q", csp)
				}
			}
		})
	}
	failures := []struct {
		method, path, auth, body string
		status                   int
	}{
		{"GET", "/nowhere", "", "", 404},
		{"PUT", "/v1/events", "", "", 405},
		{"POST", "/v1/events", "", `{}`, 401},
		{"POST", "/v1/events", "Bearer " + key, strings.Repeat(" ", 100) + "{}", 413},
	}
	for _, f := range failures {
		req := httptest.NewRequest(f.method, f.path, strings.NewReader(f.body))
		if f.auth != "" {
			req.Header.Set("Authorization", f.auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != f.status {
			t.Errorf("%s %s = %d, want %d", f.method, f.path, rec.Code, f.status)
		}
		wantSecurityHeaders(t, f.method+" "+f.path, rec.Header())
	}
	limited, _ := newDemoServer(t, httpapi.Options{RateLimits: httpapi.RateLimits{PerIP: 1, Window: time.Minute}})
	var rec *httptest.ResponseRecorder
	for range 2 {
		rec = httptest.NewRecorder()
		limited.ServeHTTP(rec, httptest.NewRequest("GET", "/v1/units", nil))
	}
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("second request = %d, want 429", rec.Code)
	}
	wantSecurityHeaders(t, "429", rec.Header())
}

// TestKeysStoredHashed creates a key through the store and looks for it in the database: only
// its SHA-256 and its public prefix may be there, in no column of any table.
func TestKeysStoredHashed(t *testing.T) {
	s := newAPI(t)
	key := newKey(t, s.store, "hashed", "write")
	secret := key[apikey.PrefixLen:]
	var hits int
	// Every text column of every table of the schema, searched for the secret part of the key.
	rows, err := s.pool.Query(context.Background(), `
		SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'bytea', 'jsonb')`)
	if err != nil {
		t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var tbl, col string
		if err := rows.Scan(&tbl, &col); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, [2]string{tbl, col})
	}
	if rows.Err() != nil || len(cols) == 0 {
		t.Fatalf("columns: %v (%d)", rows.Err(), len(cols))
	}
	for _, c := range cols {
		var n int
		q := `SELECT count(*) FROM "` + c[0] + `" WHERE position($1 in "` + c[1] + `"::text) > 0 OR position($2 in "` + c[1] + `"::text) > 0`
		if err := s.pool.QueryRow(context.Background(), q, secret, key).Scan(&n); err != nil {
			t.Fatalf("%s.%s: %v", c[0], c[1], err)
		}
		hits += n
		if n > 0 {
			t.Errorf("the key is stored in clear in %s.%s", c[0], c[1])
		}
	}
	var hash []byte
	if err := s.pool.QueryRow(context.Background(), `SELECT hash FROM api_keys WHERE name = 'hashed'`).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !apikey.Matches(key, hash) || len(hash) != 32 {
		t.Errorf("the stored hash (%d bytes) is not the key's SHA-256", len(hash))
	}
	// And the key, once made, authenticates: the hash is what is checked.
	if code, _, body := call(t, s.handler, "POST", "/v1/actors", key, `{"name":"Hash Check","kind":"organization"}`); code != http.StatusCreated {
		t.Errorf("POST with the key = %d %s", code, body)
	}
}

package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/httpapi"
)

// chunked hides the length of a body, as a client streaming it would.
type chunked struct{ r io.Reader }

func (c chunked) Read(p []byte) (int, error) { return c.r.Read(p) }

// TestBodyLimitEveryRoute sends a body one byte over the limit to every route that takes a
// body (found by walking the router, so a new write route is covered without editing this
// test), with and without Content-Length: each answers 413 problem+json and writes nothing.
func TestBodyLimitEveryRoute(t *testing.T) {
	opts := httpapi.DefaultOptions()
	opts.MaxBodyBytes = 512
	opts.MaxImportBytes = 2048
	s := newAPIWith(t, opts, true)
	key := newKey(t, s.store, "big-bodies", "write")
	before := countRows(t, s)
	tested := 0
	for _, rt := range routesOf(t, s.handler, "1") {
		method, path := rt[0], rt[1]
		if method != http.MethodPost && method != http.MethodPatch && method != http.MethodPut {
			continue
		}
		limit := opts.MaxBodyBytes
		if path == "/v1/import" {
			limit = opts.MaxImportBytes
		}
		// Valid JSON (a long string member), so only its size can be refused.
		body := `{"title":"` + strings.Repeat("x", int(limit)) + `"}`
		for _, hideLength := range []bool{false, true} {
			var rd io.Reader = strings.NewReader(body)
			if hideLength {
				rd = chunked{rd}
			}
			req := httptest.NewRequest(method, path, rd)
			req.Header.Set("Authorization", "Bearer "+key)
			req.Header.Set("Content-Type", "application/json")
			if path == "/v1/import" {
				req.Header.Set("Content-Type", "application/x-ndjson")
			}
			rec := httptest.NewRecorder()
			s.handler.ServeHTTP(rec, req)
			if rec.Code != http.StatusRequestEntityTooLarge || rec.Header().Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s %s with %d bytes (length hidden: %v) = %d %s %.200s, want 413 problem+json",
					method, path, len(body), hideLength, rec.Code, rec.Header().Get("Content-Type"), rec.Body)
			}
		}
		tested++
	}
	if tested < 8 {
		t.Fatalf("only %d routes take a body; the walk found too few", tested)
	}
	if after := countRows(t, s); after != before {
		t.Errorf("refused bodies changed the database: %v, then %v", before, after)
	}
}

// countRows counts the records of every table a write may touch.
func countRows(t *testing.T, s *apiServer) string {
	t.Helper()
	var out []string
	for _, table := range []string{"events", "figures", "actors", "articles", "event_actors", "event_sources", "event_links", "idempotency_keys"} {
		var n int
		if err := s.pool.QueryRow(t.Context(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		out = append(out, fmt.Sprintf("%s=%d", table, n))
	}
	return strings.Join(out, " ")
}

// TestPageSizeBounded asks every operation with a limit parameter (found in the spec) for more
// than the maximum, exactly the maximum and nothing: more is 400 naming limit; a page never
// holds more than the maximum records, in JSON, CSV or NDJSON.
func TestPageSizeBounded(t *testing.T) {
	opts := httpapi.DefaultOptions()
	opts.MaxLimit, opts.DefaultLimit = 2, 2
	s := newAPIWith(t, opts, true)
	doc, _ := loadContract(t)
	tested := 0
	for path, item := range doc.Paths.Map() {
		op := item.Get
		if op == nil || op.Parameters.GetByInAndName("query", "limit") == nil {
			continue
		}
		target := strings.NewReplacer("{id}", "twitter").Replace(path)
		if strings.HasPrefix(path, "/v1/events/") || strings.HasPrefix(path, "/v1/articles/") {
			target = strings.NewReplacer("{id}", "1").Replace(path)
		}
		if strings.HasPrefix(path, "/v1/stats/top") {
			target += "?by=actor&"
		} else {
			target += "?"
		}
		tested++
		res := s.get(target + "limit=3")
		if res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), `"parameter":"limit"`) {
			t.Errorf("GET %slimit=3 (max 2) = %d %s, want 400 naming limit", target, res.Status, res.Body)
		}
		for _, q := range []string{"limit=2", "", "limit=2&format=csv", "limit=2&format=ndjson"} {
			res := s.get(target + q)
			if res.Status == http.StatusBadRequest && strings.Contains(q, "format") {
				continue // this operation has no such format
			}
			if res.Status != http.StatusOK {
				t.Errorf("GET %s%s = %d %s", target, q, res.Status, res.Body)
				continue
			}
			if n := records(t, res); n > 2 {
				t.Errorf("GET %s%s returned %d records, over the maximum of 2", target, q, n)
			}
		}
	}
	if tested < 5 {
		t.Fatalf("only %d operations take limit", tested)
	}
}

// records counts the records of a response: the data array of JSON, rows of CSV (without the
// header), lines of NDJSON.
func records(t *testing.T, res *response) int {
	t.Helper()
	ct := res.Header.Get("Content-Type")
	lines := bytes.Count(bytes.TrimSpace(res.Body), []byte("\n")) + 1
	switch {
	case strings.HasPrefix(ct, "text/csv"):
		return lines - 1
	case strings.HasPrefix(ct, "application/x-ndjson"):
		return lines
	}
	var body struct {
		Data []json.RawMessage `json:"data"`
	}
	res.JSON(t, &body)
	return len(body.Data)
}

package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/seed"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// newDemoServer returns the real router on a fresh database holding the demo dataset.
func newDemoServer(t testing.TB, opts httpapi.Options) (http.Handler, *store.Store) {
	t.Helper()
	st := store.New(testdb.New(t))
	d, err := seed.Demo()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Load(context.Background(), st, d); err != nil {
		t.Fatal(err)
	}
	return httpapi.NewServer(slog.New(slog.DiscardHandler), st, opts), st
}

// get performs a GET through h and returns the status, headers and body.
func get(t *testing.T, h http.Handler, target string) (int, http.Header, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	checkContract(t, req, &response{Status: rec.Code, Header: rec.Header(), Body: body})
	return rec.Code, rec.Header(), body
}

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}

type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Parameter string `json:"parameter"`
		Detail    string `json:"detail"`
	} `json:"errors"`
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func httptestRequest(method, target string) *http.Request {
	return httptest.NewRequest(method, target, nil)
}

func serve(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

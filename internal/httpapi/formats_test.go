package httpapi_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// readCSV parses an RFC 4180 body, failing on any malformation.
func readCSV(t *testing.T, body []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(body))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("bad CSV: %v\n%s", err, body)
	}
	if !bytes.Contains(body, []byte("\r\n")) {
		t.Errorf("CSV lines must end with CRLF (RFC 4180)")
	}
	return rows
}

// readNDJSON decodes one JSON value per line and checks each against schema of the spec.
func readNDJSON[T any](t *testing.T, body []byte, schema string) []T {
	t.Helper()
	doc, _ := loadContract(t)
	sch := doc.Components.Schemas[schema].Value
	var out []T
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var generic any
		if err := json.Unmarshal(sc.Bytes(), &generic); err != nil {
			t.Fatalf("line %d is not JSON: %v: %s", len(out)+1, err, sc.Bytes())
		}
		if err := sch.VisitJSON(generic, openapi3.EnableJSONSchema2020()); err != nil {
			t.Errorf("line %d is not a %s: %v", len(out)+1, schema, err)
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func TestEventsCSV(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	for _, req := range []struct{ path, accept string }{
		{"/v1/events?format=csv", ""},
		{"/v1/events", "text/csv"},
		{"/v1/events", "text/html, text/csv;q=0.9"},
	} {
		res := s.get(req.path, "Accept: "+req.accept)
		if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("%s (Accept %s): %d %s", req.path, req.accept, res.Status, res.Header.Get("Content-Type"))
		}
		rows := readCSV(t, res.Body)
		if len(rows) != 10 || rows[0][0] != "id" || rows[0][12] != "actors" {
			t.Fatalf("%d rows, header %v", len(rows), rows[0])
		}
		var layoff []string
		for _, r := range rows[1:] {
			if r[1] == "layoff" {
				layoff = r
			}
		}
		// A title with a comma survives quoting; actors are "name (role)" joined by "; ".
		if layoff == nil || layoff[2] != "Elon Musk lays off half of Twitter's 7,500 employees" ||
			layoff[12] != "Twitter (employer); Elon Musk (decision_maker); Twitter employees (affected)" || layoff[4] != "2022-11-04" {
			t.Errorf("layoff row %q", layoff)
		}
	}
	// An empty result is a header row alone; a page with limit has a Link and an ETag.
	if rows := readCSV(t, s.get("/v1/events?format=csv&from=2030-01-01").Body); len(rows) != 1 {
		t.Errorf("empty CSV: %v", rows)
	}
	res := s.get("/v1/events?format=csv&limit=4")
	if rows := readCSV(t, res.Body); len(rows) != 5 || res.Header.Get("Link") == "" || res.Header.Get("ETag") == "" {
		t.Errorf("CSV page: %d rows, Link %q, ETag %q", len(rows), res.Header.Get("Link"), res.Header.Get("ETag"))
	}
	next := strings.TrimSuffix(strings.TrimPrefix(res.Header.Get("Link"), "<"), `>; rel="next"`)
	if rows := readCSV(t, s.get(next).Body); len(rows) != 5 || rows[1][0] == "" {
		t.Errorf("second CSV page: %v", rows)
	}
}

func TestEventsNDJSON(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	for _, req := range []struct{ path, accept string }{
		{"/v1/events?format=ndjson", ""},
		{"/v1/events", "application/x-ndjson"},
	} {
		res := s.get(req.path, "Accept: "+req.accept)
		if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "application/x-ndjson" {
			t.Fatalf("%s: %d %s", req.path, res.Status, res.Header.Get("Content-Type"))
		}
		events := readNDJSON[model.Event](t, res.Body, "Event")
		var keys []string
		for _, e := range events {
			keys = append(keys, demoKey(e))
		}
		if !slices.Equal(keys, demoByDate) || len(events[4].Actors) != 3 {
			t.Errorf("NDJSON events %v", keys)
		}
	}
	if res := s.get("/v1/events?format=ndjson&from=2030-01-01"); res.Status != http.StatusOK || len(res.Body) != 0 {
		t.Errorf("empty NDJSON: %d %q", res.Status, res.Body)
	}
}

// flushCounter is a ResponseWriter that counts flushes, to see a stream leave in pieces.
type flushCounter struct {
	*httptest.ResponseRecorder
	flushes int
	atFirst int // bytes written when the first flush came
}

func (f *flushCounter) Flush() {
	if f.flushes == 0 {
		f.atFirst = f.Body.Len()
	}
	f.flushes++
	f.ResponseRecorder.Flush()
}

// TestStreamsAsRowsArrive lists 700 events as CSV and NDJSON without limit: the body leaves in
// pieces while rows are read, not in one piece at the end.
func TestStreamsAsRowsArrive(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	ctx := context.Background()
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		for i := range 700 {
			d := model.NewDate(2021, 1, 1).AddDays(i % 365)
			if _, err := tx.CreateEvent(ctx, model.NewEvent{Type: "hiring", Title: fmt.Sprintf("Hiring %d", i),
				Summary: strings.Repeat("words ", 20), DateStart: d, DateEnd: d, DatePrecision: "day"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"csv", "ndjson"} {
		h := httpapi.NewServer(slog.New(slog.DiscardHandler), s.store, httpapi.DefaultOptions())
		rec := &flushCounter{ResponseRecorder: httptest.NewRecorder()}
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/events?type=hiring&format="+format, nil))
		lines := bytes.Count(rec.Body.Bytes(), []byte("\n"))
		want := 700
		if format == "csv" {
			want = 701
		}
		if rec.Code != http.StatusOK || lines != want {
			t.Fatalf("%s: %d, %d lines, want %d", format, rec.Code, lines, want)
		}
		if rec.flushes < 2 || rec.atFirst >= rec.Body.Len() {
			t.Errorf("%s: %d flushes, first after %d of %d bytes: the body was not streamed", format, rec.flushes, rec.atFirst, rec.Body.Len())
		}
	}
}

// TestGzip: compressed when asked, with its own ETag that still revalidates.
func TestGzip(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	for _, path := range []string{"/v1/events", "/v1/events?format=csv", "/v1/events?format=ndjson&limit=5", "/openapi.yaml"} {
		plain := s.get(path)
		zipped := s.get(path, "Accept-Encoding: gzip")
		if zipped.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(plain.Body, zipped.Body) {
			t.Errorf("%s: Content-Encoding %q, same body %v", path, zipped.Header.Get("Content-Encoding"), bytes.Equal(plain.Body, zipped.Body))
		}
		if vary := strings.Join(zipped.Header.Values("Vary"), ", "); !strings.Contains(vary, "Accept-Encoding") {
			t.Errorf("%s: Vary %q", path, vary)
		}
		tag := zipped.Header.Get("ETag")
		if tag == "" {
			continue // streamed: no ETag
		}
		if tag == plain.Header.Get("ETag") || !strings.HasSuffix(tag, `-gzip"`) {
			t.Errorf("%s: gzip ETag %s, plain %s: want a distinct -gzip tag", path, tag, plain.Header.Get("ETag"))
		}
		if res := s.get(path, "Accept-Encoding: gzip", "If-None-Match: "+tag); res.Status != http.StatusNotModified {
			t.Errorf("%s: If-None-Match %s: %d, want 304", path, tag, res.Status)
		}
	}
}

// TestZstd: zstd is preferred when the client accepts it; its ETag revalidates too.
func TestZstd(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	plain := s.get("/v1/events")
	res := s.get("/v1/events", "Accept-Encoding: gzip, zstd")
	if res.Header.Get("Content-Encoding") != "zstd" {
		t.Fatalf("Content-Encoding %q, want zstd", res.Header.Get("Content-Encoding"))
	}
	if !bytes.Equal(res.Body, plain.Body) { // decoded by s.get
		t.Errorf("the zstd body differs from the plain one")
	}
	tag := res.Header.Get("ETag")
	if !strings.HasSuffix(tag, `-zstd"`) {
		t.Errorf("ETag %s", tag)
	}
	if again := s.get("/v1/events", "Accept-Encoding: zstd", "If-None-Match: "+tag); again.Status != http.StatusNotModified {
		t.Errorf("If-None-Match %s: %d", tag, again.Status)
	}
}

func TestCORS(t *testing.T) {
	t.Parallel()
	open := newAPI(t)
	res := open.get("/v1/events?limit=1", "Origin: https://dashboard.example.org")
	if res.Header.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(res.Header.Get("Access-Control-Expose-Headers"), "Etag") {
		t.Errorf("open CORS: allow-origin %q, expose %q", res.Header.Get("Access-Control-Allow-Origin"), res.Header.Get("Access-Control-Expose-Headers"))
	}
	pre := httptest.NewRequest(http.MethodOptions, "/v1/events", nil)
	pre.Header.Set("Origin", "https://dashboard.example.org")
	pre.Header.Set("Access-Control-Request-Method", "GET")
	pre.Header.Set("Access-Control-Request-Headers", "If-None-Match")
	rec := httptest.NewRecorder()
	open.handler.ServeHTTP(rec, pre)
	if rec.Code >= 300 || rec.Header().Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(rec.Header().Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("preflight: %d %v", rec.Code, rec.Header())
	}

	opts := httpapi.DefaultOptions()
	opts.CORSOrigins = []string{"https://dash.example.org"}
	closed := newAPIWith(t, opts, false)
	if got := closed.get("/v1/event-types", "Origin: https://evil.example.com").Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("other origin allowed: %q", got)
	}
	if got := closed.get("/v1/event-types", "Origin: https://dash.example.org").Header.Get("Access-Control-Allow-Origin"); got != "https://dash.example.org" {
		t.Errorf("listed origin: %q", got)
	}
	opts.CORSOrigins = nil
	none := newAPIWith(t, opts, false)
	if got := none.get("/v1/event-types", "Origin: https://dash.example.org").Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("CORS off, got %q", got)
	}
}

func TestVocabularies(t *testing.T) {
	t.Parallel()
	s := newAPIWith(t, httpapi.DefaultOptions(), false)
	for _, tc := range []struct{ path, want string }{
		{"/v1/event-types", `"code":"layoff"`},
		{"/v1/metrics", `"unit_kind":"currency"`},
		{"/v1/units", `"code":"USD"`},
		{"/v1/roles", `"code":"acquirer"`},
	} {
		res := s.get(tc.path)
		if res.Status != http.StatusOK || !strings.Contains(string(res.Body), tc.want) {
			t.Errorf("%s: %d %.200s", tc.path, res.Status, res.Body)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=3600" {
			t.Errorf("%s: Cache-Control %q", tc.path, cc)
		}
		if res := s.get(tc.path, "If-None-Match: "+res.Header.Get("ETag")); res.Status != http.StatusNotModified {
			t.Errorf("%s: revalidation %d", tc.path, res.Status)
		}
		if res := s.get(tc.path + "?lang=fr"); res.Status != http.StatusBadRequest {
			t.Errorf("%s?lang=fr: %d", tc.path, res.Status)
		}
	}
	var body struct {
		Data []model.Metric `json:"data"`
	}
	s.get("/v1/metrics").JSON(t, &body)
	if len(body.Data) < 5 || !slices.IsSortedFunc(body.Data, func(a, b model.Metric) int { return strings.Compare(a.Code, b.Code) }) {
		t.Errorf("metrics %+v", body.Data)
	}
}

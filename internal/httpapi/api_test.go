package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/klauspost/compress/zstd"

	"github.com/newsevents/newsevents/api"
	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/seed"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

// apiServer is the real router on a fresh database holding the demo dataset.
type apiServer struct {
	t       *testing.T
	handler http.Handler
	store   *store.Store
	// pool lets a test change records the store has no method for yet (retract, merge).
	pool *pgxpool.Pool
}

// newAPI returns the API on a fresh database loaded with the demo dataset.
func newAPI(t *testing.T) *apiServer {
	t.Helper()
	return newAPIWith(t, httpapi.DefaultOptions(), true)
}

func newAPIWith(t *testing.T, opts httpapi.Options, withDemo bool) *apiServer {
	t.Helper()
	pool := testdb.New(t)
	st := store.New(pool)
	if withDemo {
		d, err := seed.Demo()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := seed.Load(context.Background(), st, d); err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return &apiServer{t: t, handler: httpapi.NewServer(log, st, opts), store: st, pool: pool}
}

// response is what a request got back; Body is decompressed when it was compressed.
type response struct {
	Status int
	Header http.Header
	Body   []byte
	// Operation is the spec operation the request matched.
	Operation string
}

// JSON decodes the body into v, failing the test on error.
func (r *response) JSON(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// get sends GET path with headers given as "Name: value" and checks the response against the
// spec. Every test request goes through here, so every response a test sees is validated.
func (s *apiServer) get(path string, headers ...string) *response {
	s.t.Helper()
	return s.do(http.MethodGet, path, headers...)
}

func (s *apiServer) do(method, path string, headers ...string) *response {
	s.t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for _, h := range headers {
		name, value, _ := strings.Cut(h, ":")
		req.Header.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, req)
	res := &response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	switch rec.Header().Get("Content-Encoding") {
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(res.Body))
		if err != nil {
			s.t.Fatalf("%s %s: bad gzip body: %v", method, path, err)
		}
		if res.Body, err = io.ReadAll(zr); err != nil {
			s.t.Fatalf("%s %s: bad gzip body: %v", method, path, err)
		}
	case "zstd":
		dec, err := zstd.NewReader(nil)
		if err != nil {
			s.t.Fatal(err)
		}
		defer dec.Close()
		if res.Body, err = dec.DecodeAll(res.Body, nil); err != nil {
			s.t.Fatalf("%s %s: bad zstd body: %v", method, path, err)
		}
	}
	res.Operation = checkContract(s.t, req, res)
	return res
}

// The contract: the spec, loaded and validated once per test binary.
var contract struct {
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	err    error
}

func loadContract(t testing.TB) (*openapi3.T, routers.Router) {
	t.Helper()
	contract.once.Do(func() {
		// Bodies the validator has no decoder for by default: checked as text against the spec.
		openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder)
		openapi3filter.RegisterBodyDecoder("application/x-ndjson", openapi3filter.PlainBodyDecoder)
		openapi3filter.RegisterBodyDecoder("text/event-stream", openapi3filter.PlainBodyDecoder)
		loader := openapi3.NewLoader()
		contract.doc, contract.err = loader.LoadFromData(api.OpenAPI)
		if contract.err != nil {
			return
		}
		if contract.err = contract.doc.Validate(context.Background()); contract.err != nil {
			return
		}
		contract.router, contract.err = gorillamux.NewRouter(contract.doc)
	})
	if contract.err != nil {
		t.Fatalf("api/openapi.yaml: %v", contract.err)
	}
	return contract.doc, contract.router
}

// checkContract fails the test when the response is not one the spec allows for the request:
// an undocumented route, status, content type, header or body shape. Requests that succeeded
// must also be valid by the spec (every parameter they used documented). It returns the
// operation id.
func checkContract(t *testing.T, req *http.Request, res *response) string {
	t.Helper()
	_, router := loadContract(t)
	route, pathParams, err := router.FindRoute(req)
	if err != nil {
		if res.Status == http.StatusNotFound || res.Status == http.StatusMethodNotAllowed {
			checkProblem(t, req, res)
			return ""
		}
		t.Fatalf("%s %s: not in the spec (%v) but answered %d", req.Method, req.URL, err, res.Status)
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true, SkipSettingDefaults: true,
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: route, Options: opts}
	if res.Status < 300 {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			t.Errorf("%s %s answered %d but the spec does not allow the request: %v", req.Method, req.URL, res.Status, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.Status, Header: res.Header, Options: opts}
	out.SetBodyBytes(res.Body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s: response %d does not match the spec: %v\nbody: %.2000s", req.Method, req.URL, res.Status, err, res.Body)
	}
	if res.Status >= 400 {
		checkProblem(t, req, res)
	}
	return route.Operation.OperationID
}

// checkProblem holds an error response to RFC 9457.
func checkProblem(t *testing.T, req *http.Request, res *response) {
	t.Helper()
	if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s %s: %d with Content-Type %q, want application/problem+json", req.Method, req.URL, res.Status, ct)
		return
	}
	var p struct {
		Type   string `json:"type"`
		Title  string `json:"title"`
		Status int    `json:"status"`
	}
	if err := json.Unmarshal(res.Body, &p); err != nil || p.Status != res.Status || p.Type == "" || p.Title == "" {
		t.Errorf("%s %s: problem %s does not match status %d (%v)", req.Method, req.URL, res.Body, res.Status, err)
	}
}

// problemParams returns the parameters a problem+json response names, in order.
func problemParams(t *testing.T, res *response) []string {
	t.Helper()
	var p struct {
		Errors []struct {
			Parameter string `json:"parameter"`
		} `json:"errors"`
	}
	res.JSON(t, &p)
	var names []string
	for _, e := range p.Errors {
		names = append(names, e.Parameter)
	}
	return names
}

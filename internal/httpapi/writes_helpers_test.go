package httpapi_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/apikey"
	"github.com/newsevents/newsevents/internal/store"
)

// newKey stores a new API key and returns it.
func newKey(t testing.TB, st *store.Store, name, scope string) string {
	t.Helper()
	key, prefix, hash, err := apikey.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateAPIKey(context.Background(), name, scope, prefix, hash); err != nil {
		t.Fatal(err)
	}
	return key
}

// call sends a request through h with key (none when "") and body, checks the response against
// api/openapi.yaml, and returns it. Headers are given as name, value pairs.
func call(t *testing.T, h http.Handler, method, target, key, body string, header ...string) (int, http.Header, []byte) {
	t.Helper()
	res, _ := callOp(t, h, method, target, key, body, header...)
	return res.Status, res.Header, res.Body
}

// callOp is call that also returns the operation id of the spec the request matched.
func callOp(t *testing.T, h http.Handler, method, target, key, body string, header ...string) (*response, string) {
	t.Helper()
	newReq := func() *http.Request {
		var rd io.Reader
		if body != "" {
			rd = strings.NewReader(body)
		}
		req := httptest.NewRequest(method, target, rd)
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		return req
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, newReq())
	out, _ := io.ReadAll(rec.Result().Body)
	res := &response{Status: rec.Code, Header: rec.Header(), Body: out}
	op := checkContract(t, newReq(), res)
	return res, op
}

// bodyProblem is a problem+json body with its field errors.
type bodyProblem struct {
	Type   string `json:"type"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Parameter string `json:"parameter"`
		Pointer   string `json:"pointer"`
		Detail    string `json:"detail"`
	} `json:"errors"`
}

// pointers returns the pointers (or parameters) a problem names, in order.
func (p bodyProblem) pointers() []string {
	var out []string
	for _, e := range p.Errors {
		if e.Pointer != "" || e.Parameter == "" {
			out = append(out, e.Pointer)
		} else {
			out = append(out, e.Parameter)
		}
	}
	return out
}

package httpapi_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/seed"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

func TestAuth(t *testing.T) {
	h, st := newDemoServer(t, httpapi.DefaultOptions())
	writer := newKey(t, st, "writer", "write")
	reader := newKey(t, st, "reader", "read")
	admin := newKey(t, st, "admin", "admin")
	revoked := newKey(t, st, "gone", "write")
	if _, err := st.RevokeAPIKey(context.Background(), "gone"); err != nil {
		t.Fatal(err)
	}
	wrong := writer[:len(writer)-4] + "AAAA" // right prefix, wrong secret
	if wrong == writer {
		wrong = writer[:len(writer)-4] + "BBBB"
	}
	const body = `{"type":"layoff","title":"T","date_start":"2024-03-05"}`
	tests := []struct {
		name   string
		method string
		path   string
		header string // the whole Authorization header; "" for none
		status int
	}{
		{"write without a key", "POST", "/v1/events", "", 401},
		{"write with a wrong key", "POST", "/v1/events", "Bearer " + wrong, 401},
		{"write with a made-up key", "POST", "/v1/events", "Bearer not-a-key", 401},
		{"write with a revoked key", "POST", "/v1/events", "Bearer " + revoked, 401},
		{"malformed header", "POST", "/v1/events", "Basic " + writer, 401},
		{"write with a read key", "POST", "/v1/events", "Bearer " + reader, 403},
		{"write with a write key", "POST", "/v1/events", "Bearer " + writer, 201},
		{"write with an admin key", "POST", "/v1/events", "Bearer " + admin, 201},
		{"delete with a read key", "DELETE", "/v1/events/1", "Bearer " + reader, 403},
		{"read without a key", "GET", "/v1/events", "", 200},
		{"read with a read key", "GET", "/v1/events", "Bearer " + reader, 200},
		{"read with a wrong key", "GET", "/v1/events", "Bearer " + wrong, 401},
		{"health needs nothing", "GET", "/healthz", "Bearer " + wrong, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := ""
			if tt.method == "POST" {
				b = body
			}
			code, hdr, out := call(t, h, tt.method, tt.path, "", b, "Authorization", tt.header)
			if code != tt.status {
				t.Fatalf("%s %s = %d, want %d: %s", tt.method, tt.path, code, tt.status, out)
			}
			if code == 401 || code == 403 {
				if hdr.Get("Content-Type") != "application/problem+json" {
					t.Errorf("Content-Type %q", hdr.Get("Content-Type"))
				}
				if p := decode[bodyProblem](t, out); p.Status != code || p.Detail == "" {
					t.Errorf("problem %+v", p)
				}
			}
			if code == 401 && !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without WWW-Authenticate: Bearer")
			}
		})
	}
}

func TestAuthReadsNeedKey(t *testing.T) {
	opts := httpapi.DefaultOptions()
	opts.RequireReadKey = true
	h, st := newDemoServer(t, opts)
	reader := newKey(t, st, "reader", "read")
	if code, _, body := get(t, h, "/v1/events"); code != 401 {
		t.Errorf("GET without key = %d %s", code, body)
	}
	if code, _, body := call(t, h, "GET", "/v1/events/1", reader, ""); code != 200 {
		t.Errorf("GET with a read key = %d %s", code, body)
	}
	if code, _, _ := get(t, h, "/healthz"); code != 200 {
		t.Errorf("healthz = %d", code)
	}
}

// TestKeysNeverLogged makes requests with good and bad keys and looks for them in the logs.
func TestKeysNeverLogged(t *testing.T) {
	var logs bytes.Buffer
	st := store.New(testdb.New(t))
	d, _ := seed.Demo()
	if _, err := seed.Load(context.Background(), st, d); err != nil {
		t.Fatal(err)
	}
	h := httpapi.NewServer(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), st, httpapi.DefaultOptions())
	key := newKey(t, st, "logged-writer", "write")
	bad := "nek_" + strings.Repeat("Z", 43)
	call(t, h, "POST", "/v1/events", key, `{"type":"layoff","title":"T","date_start":"2024-03-05"}`)
	call(t, h, "POST", "/v1/events", bad, `{}`)
	call(t, h, "GET", "/v1/events?key="+key, key, "")
	out := logs.String()
	if strings.Contains(out, key[len("nek_"):]) || strings.Contains(out, bad[len("nek_"):]) {
		t.Errorf("a key reached the logs:\n%s", out)
	}
	if !strings.Contains(out, `"key":"logged-writer"`) {
		t.Errorf("the request log does not name the key:\n%s", out)
	}
	if !strings.Contains(out, `"status":201`) {
		t.Errorf("no request logged:\n%s", out)
	}
}

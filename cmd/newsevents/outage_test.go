package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/pgembed"
)

// TestDatabaseOutage stops the embedded PostgreSQL under a running server, for real: readiness
// turns 503, reads and writes get 503 problem+json (never a 500, never a panic), and when
// PostgreSQL is back the server recovers by itself: a write refused during the outage goes
// through with the same Idempotency-Key, once. Neither the database password nor the API key
// appears in any log line or response.
func TestDatabaseOutage(t *testing.T) {
	dir, err := os.MkdirTemp("", "newsevents-outage-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data := dir + "/data"
	base, stop, logs := startServe(t, map[string]string{"NEWSEVENTS_DATA_DIR": data, "LOG_LEVEL": "warn"})
	if n := countEvents(t, base); n != 9 {
		t.Fatalf("%d events before the outage, want 9", n)
	}
	out, errOut, err := newsevents(t, map[string]string{"NEWSEVENTS_DATA_DIR": data, "LOG_LEVEL": "warn"}, "keys", "create", "--name", "outage", "--scope", "write")
	if err != nil {
		t.Fatalf("keys create: %v\n%s", err, errOut)
	}
	key := strings.TrimSpace(out)
	password, err := os.ReadFile(data + "/credentials")
	if err != nil || len(bytes.TrimSpace(password)) < 16 {
		t.Fatalf("read the cluster password: %v (%q)", err, password)
	}
	var bodies []string // every response body, searched for secrets at the end

	ctx := context.Background()
	cluster, err := pgembed.Start(ctx, pgembed.Options{Dir: data}) // attaches to the server's cluster
	if err != nil {
		t.Fatal(err)
	}
	if err := cluster.Kill(ctx); err != nil {
		t.Fatal(err)
	}

	for _, path := range []string{"/readyz", "/v1/events?from=2022-06-01", "/v1/events/1", "/readyz"} {
		status, ctype, body := fetch(t, base+path)
		bodies = append(bodies, body)
		if status != http.StatusServiceUnavailable || ctype != "application/problem+json" {
			t.Errorf("during the outage GET %s = %d %s %s, want 503 problem+json", path, status, ctype, body)
		}
	}
	const event = `{"type":"layoff","title":"Written after the outage","date_start":"2024-03-05",
		"figures":[{"metric":"employees_affected","value":120,"unit":"person","qualifier":"exact"}]}`
	writes := []struct{ method, path, ctype, body string }{
		{"POST", "/v1/events", "application/json", event},
		{"PATCH", "/v1/events/1", "application/merge-patch+json", `{"title":"x"}`},
		{"DELETE", "/v1/events/2", "", ""},
		{"POST", "/v1/actors", "application/json", `{"name":"Outage Corp","kind":"organization"}`},
		{"POST", "/v1/import", "application/x-ndjson", "{}\n"},
	}
	for _, w := range writes {
		res := send(t, w.method, base+w.path, key, w.ctype, w.body, "Idempotency-Key", "outage-"+w.method+w.path)
		bodies = append(bodies, res.body)
		if res.status != http.StatusServiceUnavailable || res.ctype != "application/problem+json" || res.header.Get("Retry-After") == "" {
			t.Errorf("during the outage %s %s = %d %s %s, want 503 problem+json with Retry-After", w.method, w.path, res.status, res.ctype, res.body)
		}
	}
	if t.Failed() {
		t.Logf("server logs:\n%s", logs)
	}
	if status, _, _ := fetch(t, base+"/healthz"); status != http.StatusOK {
		t.Errorf("healthz = %d during the outage; the process is alive, want 200", status)
	}

	if err := cluster.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		status, _, _ := fetch(t, base+"/readyz")
		if status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready 30 s after PostgreSQL came back (last %d)\n%s", status, logs)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if n := countEvents(t, base); n != 9 {
		t.Fatalf("%d events after recovery, want 9", n)
	}
	// The write refused during the outage left nothing behind: its key is free, and used once.
	first := send(t, "POST", base+"/v1/events", key, "application/json", event, "Idempotency-Key", "outage-POST/v1/events")
	again := send(t, "POST", base+"/v1/events", key, "application/json", event, "Idempotency-Key", "outage-POST/v1/events")
	bodies = append(bodies, first.body, again.body)
	if first.status != http.StatusCreated || first.header.Get("Idempotency-Replayed") != "" {
		t.Errorf("the write after recovery = %d (replayed %q) %s, want 201, not a replay", first.status, first.header.Get("Idempotency-Replayed"), first.body)
	}
	if again.status != http.StatusCreated || again.header.Get("Idempotency-Replayed") != "true" || again.header.Get("Location") != first.header.Get("Location") {
		t.Errorf("the same write again = %d (replayed %q, Location %q vs %q), want the first answer replayed",
			again.status, again.header.Get("Idempotency-Replayed"), again.header.Get("Location"), first.header.Get("Location"))
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	all := logs.String() + strings.Join(bodies, "\n")
	for name, secret := range map[string]string{"database password": string(bytes.TrimSpace(password)), "API key": key[len("nek_"):]} {
		if strings.Contains(all, secret) {
			t.Errorf("the %s appears in the logs or a response", name)
		}
	}
	if strings.Contains(logs.String(), "panic") || strings.Contains(logs.String(), `"status":500`) {
		t.Errorf("a panic or a 500 during the outage:\n%s", logs)
	}
}

type sent struct {
	status int
	ctype  string
	body   string
	header http.Header
}

// send makes a request with an API key and extra headers given as name, value pairs.
func send(t *testing.T, method, url, key, ctype, body string, header ...string) sent {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := http.Client{Timeout: 30 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return sent{status: resp.StatusCode, ctype: resp.Header.Get("Content-Type"), body: string(b), header: resp.Header}
}

func fetch(t *testing.T, url string) (int, string, string) {
	t.Helper()
	client := http.Client{Timeout: 20 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.Header.Get("Content-Type") == "application/problem+json" {
		var p struct{ Status int }
		if err := json.Unmarshal(b, &p); err != nil || p.Status != resp.StatusCode {
			t.Errorf("GET %s: problem body %s does not match status %d", url, b, resp.StatusCode)
		}
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
}

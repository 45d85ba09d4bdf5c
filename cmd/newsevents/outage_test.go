package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/pgembed"
)

// TestDatabaseOutage stops the embedded PostgreSQL under a running server, for real: readiness
// turns 503, requests get 503 problem+json (never a 500), and when PostgreSQL is back the
// server recovers by itself.
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
		if status != http.StatusServiceUnavailable || ctype != "application/problem+json" {
			t.Errorf("during the outage GET %s = %d %s %s, want 503 problem+json", path, status, ctype, body)
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
	if err := stop(); err != nil {
		t.Fatal(err)
	}
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

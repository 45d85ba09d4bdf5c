package main

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/testdb"
)

// TestFeedServed runs the live feed in newsevents serve: a stream outlives the server's read
// timeout, gets its heartbeats and a change POSTed meanwhile, and ends with a "reconnect"
// message at shutdown, which does not wait for it.
func TestFeedServed(t *testing.T) {
	url := testdb.NewURL(t)
	base, stop, logs := startServe(t, map[string]string{"DATABASE_URL": url, "NEWSEVENTS_SEED": "never",
		"HTTP_READ_TIMEOUT": "1s", "NEWSEVENTS_FEED_HEARTBEAT": "1s", "SHUTDOWN_TIMEOUT": "30s", "LOG_LEVEL": "warn"})
	out, errOut, err := newsevents(t, map[string]string{"DATABASE_URL": url, "LOG_LEVEL": "warn"}, "keys", "create", "--name", "feed", "--scope", "write")
	if err != nil {
		t.Fatalf("keys create: %v\n%s", err, errOut)
	}
	key := strings.TrimSpace(out)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/v1/feed?type=layoff", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/feed: %d", resp.StatusCode)
	}
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	next := func(prefix string) string {
		t.Helper()
		deadline := time.After(time.Minute)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("the feed ended while waiting for %q\n%s", prefix, logs)
				}
				if strings.HasPrefix(l, prefix) {
					return strings.TrimPrefix(l, prefix)
				}
			case <-deadline:
				t.Fatalf("waited a minute for %q", prefix)
			}
		}
	}
	next("id: ")
	// Two heartbeats, a second apart: the stream is then past the read timeout.
	started := time.Now()
	next(": keep-alive")
	next(": keep-alive")
	t.Logf("two heartbeats after %s (read timeout 1 s)", time.Since(started).Round(time.Millisecond))

	post, _ := http.NewRequest(http.MethodPost, base+"/v1/events", strings.NewReader(`{"type":"layoff","title":"Served live","date_start":"2024-03-05"}`))
	post.Header.Set("Authorization", "Bearer "+key)
	post.Header.Set("Content-Type", "application/json")
	pr, err := http.DefaultClient.Do(post)
	if err != nil {
		t.Fatal(err)
	}
	pr.Body.Close()
	if pr.StatusCode != http.StatusCreated {
		t.Fatalf("POST /v1/events: %d", pr.StatusCode)
	}
	var e struct {
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(next("data: ")), &e); err != nil || e.Title != "Served live" {
		t.Fatalf("feed data: %+v %v", e, err)
	}

	stopped := make(chan error, 1)
	began := time.Now()
	go func() { stopped <- stop() }()
	if ev := next("event: "); ev != "reconnect" {
		t.Fatalf("at shutdown: event %q, want reconnect", ev)
	}
	var end struct {
		Reason string `json:"reason"`
	}
	if err := json.Unmarshal([]byte(next("data: ")), &end); err != nil || end.Reason != "shutdown" {
		t.Fatalf("at shutdown: %+v %v", end, err)
	}
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	took := time.Since(began)
	t.Logf("serve stopped %s after it was asked to, with a feed open", took.Round(time.Millisecond))
	if strings.Contains(logs.String(), "shutdown timed out") || took >= 30*time.Second {
		t.Errorf("shutdown waited for the feed (%s):\n%s", took, logs)
	}
}

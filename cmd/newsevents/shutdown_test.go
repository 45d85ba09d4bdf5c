package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// outcome is what one request of a load worker got.
type outcome struct {
	method, path string
	status       int
	err          error
	title        string // of a created event
}

// loadWorker sends requests in turn (reads, and writes with an Idempotency-Key) until stop is
// closed or a connection is refused, and returns what each got. A response counts only when
// its whole body was read and is valid JSON.
func loadWorker(base, key string, id int, stop <-chan struct{}, ok *atomic.Int64) []outcome {
	client := &http.Client{Timeout: 2 * time.Minute}
	var out []outcome
	for i := 0; ; i++ {
		select {
		case <-stop:
			return out
		default:
		}
		o := outcome{method: "GET"}
		var body io.Reader
		switch i % 3 {
		case 0:
			o.path = "/v1/events/1"
		case 1:
			o.path = "/v1/actors?limit=5"
		default:
			o.method, o.path = "POST", "/v1/events"
			o.title = fmt.Sprintf("load-%d-%d", id, i)
			body = strings.NewReader(`{"type":"layoff","title":"` + o.title + `","date_start":"2024-03-05",
				"figures":[{"metric":"employees_affected","value":10,"unit":"person","qualifier":"exact"}]}`)
		}
		req, _ := http.NewRequest(o.method, base+o.path, body)
		req.Header.Set("Authorization", "Bearer "+key)
		if o.method == "POST" {
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Idempotency-Key", o.title)
		}
		resp, err := client.Do(req)
		if err == nil {
			var v any
			err = json.NewDecoder(resp.Body).Decode(&v)
			resp.Body.Close()
			o.status = resp.StatusCode
		}
		o.err = err
		out = append(out, o)
		if err == nil && o.status < 300 {
			ok.Add(1)
		}
		if refused(err) {
			return out
		}
	}
}

// TestGracefulShutdownUnderLoad sends SIGTERM to a real newsevents process while load runs and
// requests are held in flight (a lock on events keeps them waiting in the database): the
// listener closes at once (new connections are refused, not hung), every request in flight
// completes with a whole, successful answer, no request gets a 5xx, the process exits 0 within
// the shutdown timeout, the embedded PostgreSQL is stopped, and every acknowledged write is
// in the database.
func TestGracefulShutdownUnderLoad(t *testing.T) {
	data := tempDataDir(t)
	const shutdownTimeout = 60 * time.Second
	p := startProcess(t, data, map[string]string{"SHUTDOWN_TIMEOUT": shutdownTimeout.String(),
		"DB_STATEMENT_TIMEOUT": "40s", "NEWSEVENTS_RATE_LIMIT_IP": "0", "NEWSEVENTS_RATE_LIMIT_KEY": "0"})
	out, errOut, err := newsevents(t, map[string]string{"NEWSEVENTS_DATA_DIR": data, "LOG_LEVEL": "warn"}, "keys", "create", "--name", "load", "--scope", "write")
	if err != nil {
		t.Fatalf("keys create: %v\n%s", err, errOut)
	}
	key := strings.TrimSpace(out)

	// Load: six workers, reads and writes.
	stop := make(chan struct{})
	var ok atomic.Int64
	var wg sync.WaitGroup
	results := make([][]outcome, 6)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = loadWorker(p.base, key, i, stop, &ok)
		}()
	}
	defer func() {
		close(stop)
		wg.Wait()
	}()
	waitFor(t, time.Minute, "30 answered requests", func() bool { return ok.Load() >= 30 })

	// Hold requests in flight: lock events, then send requests that read it.
	c := cluster(t, data)
	conn, err := pgx.Connect(context.Background(), c.URL(embeddedDB))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	lock, err := conn.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock.Exec(context.Background(), "LOCK TABLE events IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	const held = 4
	inflight := make([]outcome, held)
	var hwg sync.WaitGroup
	for i := range inflight {
		hwg.Add(1)
		go func() {
			defer hwg.Done()
			client := &http.Client{Timeout: 2 * time.Minute}
			o := outcome{method: "GET", path: fmt.Sprintf("/v1/events/%d", i+1)}
			resp, err := client.Get(p.base + o.path)
			if err == nil {
				var v struct {
					ID int64 `json:"id"`
				}
				err = json.NewDecoder(resp.Body).Decode(&v)
				resp.Body.Close()
				o.status = resp.StatusCode
				if err == nil && v.ID != int64(i+1) {
					err = fmt.Errorf("answer for event %d", v.ID)
				}
			}
			o.err = err
			inflight[i] = o
		}()
	}
	waitFor(t, time.Minute, "the held requests to wait on the lock", func() bool {
		var n int
		err := conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
			WHERE application_name = 'newsevents' AND wait_event_type = 'Lock'`).Scan(&n)
		return err == nil && n >= held
	})

	sigterm := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// New connections are refused while the held requests are still in flight.
	waitFor(t, 30*time.Second, "the listener to close", func() bool {
		c, err := net.DialTimeout("tcp", p.addr, time.Second)
		if err == nil {
			c.Close()
		}
		return refused(err)
	})
	if _, err := http.Get(p.base + "/healthz"); !refused(err) {
		t.Errorf("a new request during shutdown: %v, want connection refused", err)
	}
	select {
	case <-p.done:
		t.Fatalf("the process exited with requests in flight: %v\n%s", p.err, p.logs)
	default:
	}
	if err := lock.Rollback(context.Background()); err != nil {
		t.Fatal(err)
	}
	hwg.Wait()
	for _, o := range inflight {
		if o.err != nil || o.status != http.StatusOK {
			t.Errorf("in-flight GET %s: %d %v, want a whole 200 answer", o.path, o.status, o.err)
		}
	}

	elapsed, err := p.wait(shutdownTimeout + 30*time.Second)
	if err != nil {
		t.Fatalf("exit: %v after %s\n%s", err, elapsed, p.logs)
	}
	total := time.Since(sigterm)
	t.Logf("SIGTERM to exit: %s (shutdown timeout %s), %d load requests answered", total.Round(time.Millisecond), shutdownTimeout, ok.Load())
	if total > shutdownTimeout {
		t.Errorf("exit %s after SIGTERM, over the shutdown timeout of %s", total, shutdownTimeout)
	}
	logs := p.logs.String()
	if !strings.Contains(logs, "stopping embedded postgres") || !strings.Contains(logs, `"msg":"stopped"`) {
		t.Errorf("the logs do not show the embedded database stopped and a clean stop:\n%s", logs)
	}
	if _, err := os.Stat(data + "/pgdata/postmaster.pid"); !os.IsNotExist(err) {
		t.Errorf("postmaster.pid left behind: the embedded PostgreSQL still runs (%v)", err)
	}

	close(stop)
	wg.Wait()
	stop = make(chan struct{}) // for the deferred close
	var titles []string
	refusedN, answered := 0, 0
	for _, rs := range results {
		for _, o := range rs {
			switch {
			case o.err == nil && o.status < 500:
				answered++
				if o.title != "" && o.status == http.StatusCreated {
					titles = append(titles, o.title)
				}
			case refused(o.err):
				refusedN++
			default:
				t.Errorf("load %s %s: %d %v, want a whole answer under 500, or a refused connection", o.method, o.path, o.status, o.err)
			}
		}
	}
	t.Logf("load: %d answered (%d writes acknowledged), %d refused after SIGTERM", answered, len(titles), refusedN)
	if len(titles) == 0 || refusedN == 0 {
		t.Errorf("the load made no write or never met the closed listener")
	}

	// Every acknowledged write is stored.
	c = cluster(t, data)
	defer c.Stop(context.Background())
	db, err := pgx.Connect(context.Background(), c.URL(embeddedDB))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	var found int
	if err := db.QueryRow(context.Background(), `SELECT count(*) FROM events WHERE title = ANY($1)`, titles).Scan(&found); err != nil {
		t.Fatal(err)
	}
	if found != len(titles) {
		t.Errorf("%d of %d acknowledged writes are in the database", found, len(titles))
	}
}

// waitFor polls cond until it holds, failing the test after limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", limit, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestShutdownTimeout holds a request in flight past the shutdown timeout: the process gives
// up on it when the timeout ends (its database statement is cancelled, its connection
// closed), stops the embedded PostgreSQL and exits, instead of waiting for it.
func TestShutdownTimeout(t *testing.T) {
	data := tempDataDir(t)
	const shutdownTimeout = 3 * time.Second
	p := startProcess(t, data, map[string]string{"SHUTDOWN_TIMEOUT": shutdownTimeout.String(), "DB_STATEMENT_TIMEOUT": "50s"})
	c := cluster(t, data)
	conn, err := pgx.Connect(context.Background(), c.URL(embeddedDB))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	lock, err := conn.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback(context.Background()) //nolint:errcheck // the server may be gone
	if _, err := lock.Exec(context.Background(), "LOCK TABLE events IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	held := make(chan error, 1)
	go func() {
		client := &http.Client{Timeout: 2 * time.Minute}
		resp, err := client.Get(p.base + "/v1/events/1")
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
			if err == nil && resp.StatusCode < 500 {
				err = fmt.Errorf("answered %d", resp.StatusCode)
			}
		}
		held <- err
	}()
	waitFor(t, time.Minute, "the request to wait on the lock", func() bool {
		var n int
		err := conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
			WHERE application_name = 'newsevents' AND wait_event_type = 'Lock'`).Scan(&n)
		return err == nil && n >= 1
	})
	sigterm := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if _, err := p.wait(2 * time.Minute); err != nil {
		t.Fatalf("exit: %v\n%s", err, p.logs)
	}
	total := time.Since(sigterm)
	t.Logf("SIGTERM to exit with a request stuck: %s (shutdown timeout %s)", total.Round(time.Millisecond), shutdownTimeout)
	// The timeout, then closing the pool and a fast stop of PostgreSQL: seconds, on a busy machine.
	if total < shutdownTimeout || total > shutdownTimeout+30*time.Second {
		t.Errorf("exit %s after SIGTERM; want the shutdown timeout (%s) and little more", total, shutdownTimeout)
	}
	select {
	case err := <-held:
		if err == nil {
			t.Errorf("the stuck request got a whole answer")
		}
	case <-time.After(30 * time.Second):
		t.Errorf("the stuck request still hangs after the process exited")
	}
	logs := p.logs.String()
	if !strings.Contains(logs, "shutdown timed out") || !strings.Contains(logs, "stopping embedded postgres") {
		t.Errorf("the logs do not show the timeout and the database stopped:\n%s", logs)
	}
	if _, err := os.Stat(data + "/pgdata/postmaster.pid"); !os.IsNotExist(err) {
		t.Errorf("postmaster.pid left behind: the embedded PostgreSQL still runs (%v)", err)
	}
}

package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/seed"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

// slowDB is a demo database and a connection that can make every query on events slow for
// real: it holds an exclusive lock on the table until released.
type slowDB struct {
	url  string
	lock pgx.Tx
	conn *pgx.Conn
}

func newSlowDB(t *testing.T) *slowDB {
	t.Helper()
	url := testdb.NewURL(t)
	pool, err := database.Open(context.Background(), url, database.PoolOptions{MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	d, err := seed.Demo()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Load(context.Background(), store.New(pool), d); err != nil {
		t.Fatal(err)
	}
	pool.Close()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return &slowDB{url: url, conn: conn}
}

// block takes the lock: from now on, statements reading events wait.
func (s *slowDB) block(t *testing.T) {
	t.Helper()
	tx, err := s.conn.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(context.Background(), "LOCK TABLE events IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	s.lock = tx
}

func (s *slowDB) release(t *testing.T) {
	t.Helper()
	if s.lock != nil {
		if err := s.lock.Rollback(context.Background()); err != nil {
			t.Fatal(err)
		}
		s.lock = nil
	}
}

// waiting returns how many statements of the application wait on a lock.
func (s *slowDB) waiting(t *testing.T, app string) int {
	t.Helper()
	var n int
	err := s.conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
		WHERE application_name = $1 AND wait_event_type = 'Lock'`, app).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// server returns the API on the database with the given pool limits, over real HTTP.
func (s *slowDB) server(t *testing.T, app string, opts database.PoolOptions, acquire time.Duration) string {
	t.Helper()
	opts.ApplicationName = app
	pool, err := database.Open(context.Background(), s.url, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	// Open every connection now: the acquire timeout also covers connecting, which a loaded
	// machine may make slow, and this test is about waiting for a busy pool.
	var conns []*pgxpool.Conn
	for range opts.MaxConns {
		c, err := pool.Acquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Release()
	}
	st := store.New(pool, store.AcquireTimeout(acquire))
	srv := httptest.NewServer(httpapi.NewServer(slog.New(slog.DiscardHandler), st, httpapi.DefaultOptions()))
	t.Cleanup(srv.Close)
	return srv.URL
}

type timedAnswer struct {
	status  int
	ctype   string
	retry   string
	body    string
	elapsed time.Duration
	err     error
}

func timedGet(url string) timedAnswer {
	client := http.Client{Timeout: 60 * time.Second}
	start := time.Now()
	resp, err := client.Get(url)
	if err != nil {
		return timedAnswer{err: err, elapsed: time.Since(start)}
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return timedAnswer{status: resp.StatusCode, ctype: resp.Header.Get("Content-Type"), retry: resp.Header.Get("Retry-After"),
		body: string(b), elapsed: time.Since(start)}
}

// TestSlowQueryIs503 makes the database slow for real (a lock held on events) under a server
// whose statement timeout is short: the request ends with 503 problem+json and Retry-After
// once the timeout fires, never a hung connection, and the server serves again once the lock
// is gone.
func TestSlowQueryIs503(t *testing.T) {
	db := newSlowDB(t)
	base := db.server(t, "slow-query", database.PoolOptions{MaxConns: 4, StatementTimeout: time.Second}, 5*time.Second)
	if a := timedGet(base + "/v1/events/1"); a.status != http.StatusOK {
		t.Fatalf("before: %d %s %v", a.status, a.body, a.err)
	}
	db.block(t)
	for _, path := range []string{"/v1/events/1", "/v1/events?from=2022-01-01", "/v1/figures", "/v1/stats/top?by=type"} {
		a := timedGet(base + path)
		if a.err != nil || a.status != http.StatusServiceUnavailable || a.ctype != "application/problem+json" || a.retry == "" {
			t.Errorf("GET %s with events locked: %d %s Retry-After %q %v %s, want 503 problem+json with Retry-After", path, a.status, a.ctype, a.retry, a.err, a.body)
		}
		if !strings.Contains(a.body, "took too long") {
			t.Errorf("GET %s: %s, want the detail to say the query took too long", path, a.body)
		}
		if a.elapsed > 20*time.Second {
			t.Errorf("GET %s took %s with a 1 s statement timeout", path, a.elapsed)
		}
	}
	db.release(t)
	if a := timedGet(base + "/v1/events/1"); a.status != http.StatusOK {
		t.Fatalf("after: %d %s %v", a.status, a.body, a.err)
	}
}

// TestPoolAcquireTimeout fills the pool with statements stuck on a lock: the next request,
// which needs no lock, waits at most the acquire timeout for a connection and gets 503.
func TestPoolAcquireTimeout(t *testing.T) {
	db := newSlowDB(t)
	const app = "acquire-timeout"
	base := db.server(t, app, database.PoolOptions{MaxConns: 2, StatementTimeout: time.Minute}, 300*time.Millisecond)
	if a := timedGet(base + "/v1/units"); a.status != http.StatusOK {
		t.Fatalf("before: %d %s %v", a.status, a.body, a.err)
	}
	db.block(t)
	var wg sync.WaitGroup
	stuck := make([]timedAnswer, 2)
	for i := range stuck {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stuck[i] = timedGet(base + "/v1/events/1")
		}()
	}
	deadline := time.Now().Add(30 * time.Second)
	for db.waiting(t, app) < 2 {
		if time.Now().After(deadline) {
			db.release(t)
			t.Fatalf("the two requests never waited on the lock")
		}
		time.Sleep(20 * time.Millisecond)
	}
	a := timedGet(base + "/v1/units")
	if a.err != nil || a.status != http.StatusServiceUnavailable || a.ctype != "application/problem+json" || a.retry == "" ||
		!strings.Contains(a.body, "no database connection came free") {
		t.Errorf("with the pool full: %d %s Retry-After %q %v %s, want 503 problem+json", a.status, a.ctype, a.retry, a.err, a.body)
	}
	if a.elapsed > 20*time.Second {
		t.Errorf("the request waited %s for a connection; the acquire timeout is 300 ms", a.elapsed)
	}
	db.release(t)
	wg.Wait()
	for i, s := range stuck {
		if s.status != http.StatusOK {
			t.Errorf("stuck request %d: %d %v %s, want 200 once the lock is gone", i, s.status, s.err, s.body)
		}
	}
	if a := timedGet(base + "/v1/units"); a.status != http.StatusOK {
		t.Errorf("after: %d %s", a.status, a.body)
	}
}

// TestClientGoneIsNotAServerError: a request whose client went away before its answer is logged
// as 499 at info level, not as a 503 error (which would page someone for nothing).
func TestClientGoneIsNotAServerError(t *testing.T) {
	var logs strings.Builder
	var mu sync.Mutex
	log := slog.New(slog.NewJSONHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logs.Write(p)
	}), nil))
	pool := testdb.New(t)
	h := httpapi.NewServer(log, store.New(pool), httpapi.DefaultOptions())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/v1/events", nil).WithContext(ctx))
	if rec.Code != 499 {
		t.Errorf("status %d, want 499 logged for a client that went away", rec.Code)
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Contains(logs.String(), `"level":"ERROR"`) || strings.Contains(logs.String(), `"level":"WARN"`) || !strings.Contains(logs.String(), `"status":499`) {
		t.Errorf("logs:\n%s", logs.String())
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

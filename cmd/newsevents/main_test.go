package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/testdb"
)

func TestMain(m *testing.M) {
	// Started by startProcess: this test binary is the newsevents binary, in its own process.
	if os.Getenv(execAsBinary) == "1" {
		main()
		os.Exit(0)
	}
	testdb.Main(m)
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startServe runs "newsevents serve" with vars until the test ends or stop is called, and
// waits for /healthz to answer.
func startServe(t *testing.T, vars map[string]string) (base string, stop func() error, logs *syncBuffer) {
	t.Helper()
	addr := freeAddr(t)
	vars["ADDR"] = addr
	ctx, cancel := context.WithCancel(context.Background())
	logs = &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"newsevents", "serve"}, envOf(vars), io.Discard, logs) }()
	base = "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			break
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("serve exited early: %v\n%s", err, logs)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not answer within a minute:\n%s", logs)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var once sync.Once
	var runErr error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(time.Minute):
				runErr = errors.New("serve did not stop within a minute")
			}
		})
		return runErr
	}
	t.Cleanup(func() { _ = stop() })
	return base, stop, logs
}

func countEvents(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "/v1/events?from=2022-06-01&to=2022-11-30&limit=500")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET /v1/events = %d %s", resp.StatusCode, b)
	}
	var page struct {
		Data []json.RawMessage `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		t.Fatal(err)
	}
	return len(page.Data)
}

// TestServeEmbedded is the README's run command: no configuration, a private PostgreSQL in the
// data dir, demo data on first start, a clean stop, and the data kept on the second start.
func TestServeEmbedded(t *testing.T) {
	dir, err := os.MkdirTemp("", "newsevents-serve-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil { // reachable by the postgres user when root
		t.Fatal(err)
	}
	vars := map[string]string{"NEWSEVENTS_DATA_DIR": dir + "/data"}

	base, stop, logs := startServe(t, vars)
	if n := countEvents(t, base); n != 9 {
		t.Fatalf("first start: %d demo events, want 9\n%s", n, logs)
	}
	if err := stop(); err != nil {
		t.Fatalf("stop: %v\n%s", err, logs)
	}
	if !strings.Contains(logs.String(), "stopping embedded postgres") {
		t.Errorf("the embedded database was not stopped:\n%s", logs)
	}
	if _, err := os.Stat(dir + "/data/pgdata/postmaster.pid"); !os.IsNotExist(err) {
		t.Errorf("postmaster.pid left behind: the cluster still runs (%v)", err)
	}

	base, stop, logs = startServe(t, vars)
	if n := countEvents(t, base); n != 9 {
		t.Fatalf("second start: %d events, want the same 9\n%s", n, logs)
	}
	if strings.Contains(logs.String(), "demo dataset loaded") {
		t.Errorf("second start loaded the demo dataset again")
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// TestServeDatabaseURL serves an existing database named by DATABASE_URL, migrating it.
func TestServeDatabaseURL(t *testing.T) {
	url := testdb.Empty(t)
	base, stop, logs := startServe(t, map[string]string{"DATABASE_URL": url, "NEWSEVENTS_SEED": "always", "LOG_LEVEL": "debug"})
	if n := countEvents(t, base); n != 9 {
		t.Fatalf("%d events, want 9\n%s", n, logs)
	}
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("readyz = %d", resp.StatusCode)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if password := "postgres://newsevents:"; strings.Contains(logs.String(), url) || !strings.Contains(url, password) {
		t.Errorf("the database URL with its password appears in the logs")
	}
}

func TestMigrateAndSeedCommands(t *testing.T) {
	url := testdb.Empty(t)
	vars := envOf(map[string]string{"DATABASE_URL": url})
	runOut := func(args ...string) string {
		t.Helper()
		var out bytes.Buffer
		if err := run(context.Background(), append([]string{"newsevents"}, args...), vars, &out, io.Discard); err != nil {
			t.Fatalf("newsevents %s: %v", strings.Join(args, " "), err)
		}
		return out.String()
	}
	if out := runOut("migrate", "status"); !strings.Contains(out, "Pending") && !strings.Contains(out, "pending") {
		t.Errorf("status before up does not show pending migrations:\n%s", out)
	}
	if out := runOut("migrate", "up"); !strings.Contains(out, "applied") {
		t.Errorf("migrate up: %s", out)
	}
	if out := runOut("migrate", "redo"); !strings.Contains(out, "schema version") {
		t.Errorf("migrate redo: %s", out)
	}
	if out := runOut("seed"); !strings.Contains(out, "added 1 article(s), 7 actor(s), 9 event(s)") {
		t.Errorf("first seed: %s", out)
	}
	if out := runOut("seed"); !strings.Contains(out, "added 0 article(s), 0 actor(s), 0 event(s), 0 link(s)") {
		t.Errorf("second seed added records: %s", out)
	}
	if out := runOut("migrate", "reset"); !strings.Contains(out, "schema version 0") {
		t.Errorf("migrate reset: %s", out)
	}
}

func TestHelp(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"newsevents", "--help"}, envOf(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	top := out.String()
	for _, c := range commands() {
		if !strings.Contains(top, "  "+c.name+" ") {
			t.Errorf("--help does not list %s", c.name)
		}
		out.Reset()
		err := run(context.Background(), []string{"newsevents", c.name, "--help"}, envOf(nil), &out, io.Discard)
		if !errors.Is(err, flag.ErrHelp) || !strings.Contains(out.String(), "Usage: newsevents "+c.name) {
			t.Errorf("%s --help: err %v, output %q", c.name, err, out.String())
		}
	}
}

func TestBadConfiguration(t *testing.T) {
	tests := []struct {
		vars map[string]string
		args []string
		want string
	}{
		{map[string]string{"DB_STATEMENT_TIMEOUT": "soon"}, nil, "DB_STATEMENT_TIMEOUT"},
		{map[string]string{"LOG_LEVEL": "loud"}, nil, "log level"},
		{nil, []string{"--seed", "sometimes"}, "seed"},
		{map[string]string{"DATABASE_URL": "postgres://u:secret@127.0.0.1:1/x?connect_timeout=1", "DB_WAIT": "1s"}, nil, "connect"},
		{map[string]string{"DATABASE_URL": "postgres://u:secret@host:notaport/x"}, nil, "invalid database URL"},
		{map[string]string{"DATABASE_URL": testdb.Empty(t)}, []string{"--migrate=false"}, "migrate up"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		err := run(ctx, append([]string{"newsevents", "serve", "--addr", freeAddr(t)}, tt.args...), envOf(tt.vars), io.Discard, &stderr)
		cancel()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("vars %v args %v: err %v, want it to mention %q", tt.vars, tt.args, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error()+stderr.String(), "secret") {
			t.Errorf("the password leaked: %v %s", err, stderr.String())
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	err := run(context.Background(), []string{"newsevents", "frobnicate"}, envOf(nil), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "frobnicate") {
		t.Fatalf("err = %v", err)
	}
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// probeConns are the concurrencies the load test tries before holding the best one.
var probeConns = []int{2, 4, 8, 16, 32}

// wrkResult is the line testdata/loadtest.lua prints.
type wrkResult struct {
	Requests      int64 `json:"requests"`
	DurationUS    int64 `json:"duration_us"`
	S2xx          int64 `json:"s2xx"`
	S3xx          int64 `json:"s3xx"`
	S4xx          int64 `json:"s4xx"`
	S5xx          int64 `json:"s5xx"`
	WritesAcked   int64 `json:"writes_acked"`
	ConnectErrors int64 `json:"connect_errors"`
	ReadErrors    int64 `json:"read_errors"`
	WriteErrors   int64 `json:"write_errors"`
	Timeouts      int64 `json:"timeouts"`
	P50US         int64 `json:"p50_us"`
	P90US         int64 `json:"p90_us"`
	P99US         int64 `json:"p99_us"`
	MaxUS         int64 `json:"max_us"`
}

func (r wrkResult) rate() float64 { return float64(r.Requests) / (float64(r.DurationUS) / 1e6) }

func (r wrkResult) socketErrors() int64 {
	return r.ConnectErrors + r.ReadErrors + r.WriteErrors + r.Timeouts
}

func (r wrkResult) String() string {
	return fmt.Sprintf("%.0f req/s (%d requests in %.1f s: 2xx %d, 3xx %d, 4xx %d, 5xx %d, socket errors %d), %d writes acknowledged (%.0f/s), latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.0f ms",
		r.rate(), r.Requests, float64(r.DurationUS)/1e6, r.S2xx, r.S3xx, r.S4xx, r.S5xx, r.socketErrors(),
		r.WritesAcked, float64(r.WritesAcked)/(float64(r.DurationUS)/1e6),
		float64(r.P50US)/1000, float64(r.P90US)/1000, float64(r.P99US)/1000, float64(r.MaxUS)/1000)
}

// runWrk runs testdata/loadtest.lua against base with conns connections for d and returns its
// result and the titles of the writes it saw acknowledged.
func runWrk(t *testing.T, base, key, phase string, events, conns int, d time.Duration) (wrkResult, []string) {
	t.Helper()
	script, err := filepath.Abs("testdata/loadtest.lua")
	if err != nil {
		t.Fatal(err)
	}
	acks := filepath.Join(t.TempDir(), phase+".acked")
	cmd := exec.Command("wrk", "-t", "2", "-c", strconv.Itoa(conns), "-d", strconv.Itoa(int(d.Seconds()))+"s",
		"--timeout", "30s", "-s", script, base, "--", strconv.Itoa(events), key, phase, acks)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("wrk: %v\n%s%s", err, out.String(), errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var r wrkResult
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &r); err != nil {
		t.Fatalf("wrk output %q: %v", out.String(), err)
	}
	f, err := os.Open(acks)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var titles []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		titles = append(titles, sc.Text())
	}
	if int64(len(titles)) != r.WritesAcked {
		t.Fatalf("wrk counted %d acknowledged writes but listed %d", r.WritesAcked, len(titles))
	}
	return r, titles
}

// TestLoad is make loadtest: a generated corpus of 20,000 events behind a real newsevents
// process, a mixed workload (four reads for one write) from wrk on loopback. Short probes at
// rising concurrency find the highest rate this machine sustains; the workload then holds that
// concurrency for LOADTEST_DURATION (60 s). It fails on any 5xx or socket error, and on any
// acknowledged write missing from the database afterwards. The rate is printed, for the README.
func TestLoad(t *testing.T) {
	if os.Getenv("NEWSEVENTS_LOADTEST") != "1" {
		t.Skip("the load test runs with make loadtest (NEWSEVENTS_LOADTEST=1), not in make test")
	}
	if _, err := exec.LookPath("wrk"); err != nil {
		t.Fatal("make loadtest needs wrk (Debian/Ubuntu: apt-get install wrk)")
	}
	hold := 60 * time.Second
	if d, err := time.ParseDuration(os.Getenv("LOADTEST_DURATION")); err == nil {
		hold = d
	}
	const events = 20000
	data := tempDataDir(t)
	vars := map[string]string{"NEWSEVENTS_DATA_DIR": data, "LOG_LEVEL": "warn"}
	if _, errOut, err := newsevents(t, vars, "gen", "--events", strconv.Itoa(events)); err != nil {
		t.Fatalf("gen: %v\n%s", err, errOut)
	}
	// Production settings, but for the rate limits: wrk is one client making thousands of
	// requests a second. Request logs are on (info), as in production.
	p := startProcess(t, data, map[string]string{"NEWSEVENTS_SEED": "never", "NEWSEVENTS_RATE_LIMIT_IP": "0", "NEWSEVENTS_RATE_LIMIT_KEY": "0"})
	out, errOut, err := newsevents(t, vars, "keys", "create", "--name", "loadtest", "--scope", "write")
	if err != nil {
		t.Fatalf("keys create: %v\n%s", err, errOut)
	}
	key := strings.TrimSpace(out)

	var acked []string
	best, bestConns := wrkResult{}, 0
	for _, conns := range probeConns {
		r, titles := runWrk(t, p.base, key, fmt.Sprintf("probe%d", conns), events, conns, 10*time.Second)
		acked = append(acked, titles...)
		t.Logf("probe, %d connections: %s", conns, r)
		if r.S5xx > 0 || r.socketErrors() > 0 {
			t.Errorf("probe with %d connections: %d 5xx, %d socket errors", conns, r.S5xx, r.socketErrors())
			continue
		}
		if bestConns == 0 || r.rate() > best.rate()*1.05 { // more connections only when they buy throughput
			best, bestConns = r, conns
		}
	}
	if bestConns == 0 {
		t.Fatalf("no probe ran clean")
	}
	r, titles := runWrk(t, p.base, key, "hold", events, bestConns, hold)
	acked = append(acked, titles...)
	t.Logf("LOAD: %d connections for %s: %s", bestConns, hold, r)
	if r.S5xx > 0 || r.socketErrors() > 0 || r.S4xx > 0 {
		t.Errorf("the hold had %d 5xx, %d 4xx, %d socket errors: want none", r.S5xx, r.S4xx, r.socketErrors())
	}

	// Every acknowledged write is in the database, once.
	c := cluster(t, data)
	db, err := pgx.Connect(context.Background(), c.URL(embeddedDB))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	var found, stored, dup int
	if err := db.QueryRow(context.Background(), `SELECT count(*) FROM events WHERE title = ANY($1)`, acked).Scan(&found); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(context.Background(), `SELECT count(*), count(*) - count(DISTINCT title) FROM events WHERE title LIKE 'loadtest-%'`).Scan(&stored, &dup); err != nil {
		t.Fatal(err)
	}
	t.Logf("writes: %d acknowledged, %d found, %d stored in all (writes cut off when wrk stopped may be stored unacknowledged), %d duplicates", len(acked), found, stored, dup)
	if found != len(acked) || dup != 0 {
		t.Errorf("%d acknowledged writes missing, %d duplicates", len(acked)-found, dup)
	}
	if stored-found > 2*(2+4+8+16+32) {
		t.Errorf("%d writes stored without an acknowledgement: more than the requests in flight when wrk stopped", stored-found)
	}
}

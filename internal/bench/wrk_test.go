package bench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"
)

func TestParseWrk(t *testing.T) {
	r, err := parseWrk("Running 1s test @ http://127.0.0.1:1\n  2 threads and 4 connections\n" +
		`{"requests":1200,"duration_us":2000000,"socket_errors":1,"status_errors":200,"p50_us":1500,"p99_us":9000,"bytes":1}` + "\n")
	if err != nil {
		t.Fatal(err)
	}
	if r.Requests != 1000 || r.Errors != 201 || r.PerSecond() != 500 || r.P50 != 1500*time.Microsecond || r.P99 != 9*time.Millisecond {
		t.Errorf("got %+v", r)
	}
	if _, err := parseWrk("no json here"); err == nil {
		t.Error("output without results accepted")
	}
}

// TestWrkLoadsEveryPath runs the real wrk with the embedded script against a local server.
func TestWrkLoadsEveryPath(t *testing.T) {
	needWrk(t)
	var (
		mu   sync.Mutex
		hits = map[string]int{}
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.RequestURI()]++
		mu.Unlock()
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	w := Wrk{Dir: t.TempDir(), Threads: 1}
	r, err := w.Run(context.Background(), srv.URL, []string{"/a?x=1", "/b", "/missing"}, 2, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range []string{"/a?x=1", "/b", "/missing"} {
		if hits[p] == 0 {
			t.Errorf("%s never requested: %v", p, hits)
		}
	}
	total := int64(hits["/a?x=1"] + hits["/b"] + hits["/missing"])
	if r.Requests+r.Errors < total-4 || r.Errors < int64(hits["/missing"])-2 || r.Requests == 0 || r.P50 <= 0 {
		t.Errorf("result %+v for hits %v", r, hits)
	}
}

// needWrk skips a test that drives wrk where wrk is not installed, saying so, except where
// NEWSEVENTS_REQUIRE_WRK is set (.ci/run installs wrk and sets it, so CI always runs these).
func needWrk(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("wrk"); err != nil {
		if os.Getenv("NEWSEVENTS_REQUIRE_WRK") != "" {
			t.Fatal("wrk is not installed (Debian: apt-get install wrk) and NEWSEVENTS_REQUIRE_WRK is set")
		}
		t.Skip("wrk is not installed (Debian: apt-get install wrk): the load-tool test is skipped")
	}
}

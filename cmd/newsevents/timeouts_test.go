package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/testdb"
)

// closedWithin reads from conn until the server closes it, and fails the test unless that
// happens within limit. It returns what was read.
func closedWithin(t *testing.T, conn net.Conn, limit time.Duration, what string) string {
	t.Helper()
	start := time.Now()
	_ = conn.SetReadDeadline(time.Now().Add(limit))
	b, err := io.ReadAll(conn)
	if err != nil {
		t.Errorf("%s: the server did not close the connection within %s (%v)", what, limit, err)
	}
	t.Logf("%s: closed after %s", what, time.Since(start).Round(10*time.Millisecond))
	return string(b)
}

// TestSlowClientsCutOff holds the HTTP server timeouts to their settings: a client that never
// finishes its headers, one that trickles its body, and an idle keep-alive connection are all
// closed by the server, so they cannot hold connections open.
func TestSlowClientsCutOff(t *testing.T) {
	url := testdb.NewURL(t)
	base, stop, _ := startServe(t, map[string]string{"DATABASE_URL": url, "NEWSEVENTS_SEED": "never",
		"HTTP_READ_TIMEOUT": "1s", "HTTP_IDLE_TIMEOUT": "1s", "LOG_LEVEL": "warn"})
	out, errOut, err := newsevents(t, map[string]string{"DATABASE_URL": url, "LOG_LEVEL": "warn"}, "keys", "create", "--name", "slow", "--scope", "write")
	if err != nil {
		t.Fatalf("keys create: %v\n%s", err, errOut)
	}
	key := strings.TrimSpace(out)
	addr := strings.TrimPrefix(base, "http://")
	dial := func() net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}

	// Headers never finished (slowloris): cut off by the read timeouts.
	c := dial()
	if _, err := io.WriteString(c, "GET /v1/events HTTP/1.1\r\nHost: x\r\nX-Slow: "); err != nil {
		t.Fatal(err)
	}
	closedWithin(t, c, 30*time.Second, "unfinished headers")

	// A body announced and never sent, by an authenticated writer: the read timeout ends it
	// with a 4xx problem, and the connection is closed.
	c = dial()
	if _, err := io.WriteString(c, "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "+key+"\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"ti"); err != nil {
		t.Fatal(err)
	}
	if out := closedWithin(t, c, 30*time.Second, "trickled body"); !strings.HasPrefix(out, "HTTP/1.1 4") || !strings.Contains(out, "application/problem+json") {
		t.Errorf("a trickled body got %.200q, want a 4xx problem", out)
	}

	// A keep-alive connection left idle after a request: closed after the idle timeout.
	c = dial()
	if _, err := io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz on the raw connection: %v %v", resp, err)
	}
	resp.Body.Close()
	closedWithin(t, c, 30*time.Second, "idle keep-alive")

	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// slowReader hands out r in small pieces, pausing between them.
type slowReader struct {
	r     io.Reader
	chunk int
	pause time.Duration
}

func (s *slowReader) Read(p []byte) (int, error) {
	time.Sleep(s.pause)
	return s.r.Read(p[:min(len(p), s.chunk)])
}

// TestLongTransfersOutliveTimeouts: an import whose body arrives over longer than the read and
// write timeouts, and an export read by a slow client over longer than the write timeout, both
// complete, whole: those timeouts are for ordinary requests, and long transfers are cut off only
// when they stop making progress. (Here the kernel's socket buffers can hold the whole export;
// TestStreamRenewsWriteDeadline checks the renewals themselves.)
func TestLongTransfersOutliveTimeouts(t *testing.T) {
	url := testdb.NewURL(t)
	base, stop, logs := startServe(t, map[string]string{"DATABASE_URL": url, "NEWSEVENTS_SEED": "never",
		"HTTP_READ_TIMEOUT": "1s", "HTTP_WRITE_TIMEOUT": "2s", "DB_STATEMENT_TIMEOUT": "900ms", "DB_ACQUIRE_TIMEOUT": "900ms",
		"LOG_LEVEL": "warn"})
	out, errOut, err := newsevents(t, map[string]string{"DATABASE_URL": url, "LOG_LEVEL": "warn"}, "keys", "create", "--name", "long", "--scope", "write")
	if err != nil {
		t.Fatalf("keys create: %v\n%s", err, errOut)
	}
	key := strings.TrimSpace(out)

	const rows = 2000
	table := crashRows(rows)
	req, _ := http.NewRequest("POST", base+"/v1/import", &slowReader{r: strings.NewReader(table), chunk: len(table) / 12, pause: 400 * time.Millisecond})
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "text/csv")
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("import sent over %s: %v\n%s", time.Since(start), err, logs)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var rep struct {
		Created int `json:"created"`
	}
	_ = json.Unmarshal(body, &rep)
	if resp.StatusCode != http.StatusOK || rep.Created != rows {
		t.Fatalf("import sent over %s: %d %.300s, want 200 with %d created\n%s", time.Since(start), resp.StatusCode, body, rows, logs)
	}
	t.Logf("import of %d rows sent over %s (read timeout 1 s, write timeout 2 s): 200", rows, time.Since(start).Round(time.Millisecond))

	resp, err = http.Get(base + "/v1/export")
	if err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	b, err := io.ReadAll(&slowReader{r: resp.Body, chunk: 16 << 10, pause: 20 * time.Millisecond})
	resp.Body.Close()
	if err != nil || bytes.Count(b, []byte("\n")) != rows {
		t.Fatalf("export read over %s: %v, %d lines, want %d\n%s", time.Since(start), err, bytes.Count(b, []byte("\n")), rows, logs)
	}
	t.Logf("export of %d events (%d bytes) read over %s: whole", rows, len(b), time.Since(start).Round(time.Millisecond))
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"bufio"
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

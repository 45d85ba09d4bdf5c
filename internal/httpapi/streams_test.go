package httpapi

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

var numberTable = csvTable[int]{header: []string{"n"}, row: func(n *int) []string { return []string{strconv.Itoa(*n)} }}

// slowNumbers produces n numbers, pausing pause every 256 (a stream's flush).
func slowNumbers(n int, pause time.Duration) func(ctx context.Context, fn func(*int) error) error {
	return func(ctx context.Context, fn func(*int) error) error {
		for i := range n {
			if i%256 == 255 {
				select {
				case <-time.After(pause):
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			if err := fn(&i); err != nil {
				return err
			}
		}
		return nil
	}
}

// streamServer serves streamRecords with opts and each, behind an HTTP server whose write
// timeout is writeTimeout, as newsevents serve runs it.
func streamServer(t *testing.T, opts Options, writeTimeout time.Duration, each func(ctx context.Context, fn func(*int) error) error) *httptest.Server {
	t.Helper()
	if opts.MaxExports > 0 {
		opts.exports = make(chan struct{}, opts.MaxExports)
	}
	log := slog.New(slog.DiscardHandler)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		streamRecords(w, r, log, opts, formatCSV, numberTable, each)
	}))
	srv.Config.WriteTimeout = writeTimeout
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// readLines reads the lines of a response until the end or an error.
func readLines(t *testing.T, url string) (int, int, error) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	n := 0
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		n++
	}
	return resp.StatusCode, n, sc.Err()
}

// TestStreamOutlivesWriteTimeout: a stream longer than the server's write timeout is not cut
// while the client keeps reading, because each part pushes the deadline; without that (a zero
// WriteTimeout in Options), the same stream is cut.
func TestStreamOutlivesWriteTimeout(t *testing.T) {
	t.Parallel()
	const rows = 2560 // ten flushes, 60 ms apart: 600 ms in all
	srv := streamServer(t, Options{ExportTimeout: time.Minute, WriteTimeout: 250 * time.Millisecond}, 250*time.Millisecond,
		slowNumbers(rows, 60*time.Millisecond))
	status, n, err := readLines(t, srv.URL)
	if err != nil || status != http.StatusOK || n != rows+1 {
		t.Errorf("got status %d, %d lines, %v; want 200, %d lines, no error", status, n, err, rows+1)
	}

	cut := streamServer(t, Options{ExportTimeout: time.Minute}, 250*time.Millisecond, slowNumbers(rows, 60*time.Millisecond))
	if _, n, err := readLines(t, cut.URL); err == nil && n == rows+1 {
		t.Errorf("without extending the deadline the stream was not cut: %d lines", n)
	}
}

// TestStreamExportTimeout: a stream ends at ExportTimeout, visibly truncated; one that has
// sent nothing yet gets a 503 problem.
func TestStreamExportTimeout(t *testing.T) {
	t.Parallel()
	srv := streamServer(t, Options{ExportTimeout: 300 * time.Millisecond, WriteTimeout: time.Minute}, time.Minute,
		slowNumbers(1<<20, 50*time.Millisecond))
	start := time.Now()
	_, n, err := readLines(t, srv.URL)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("stream of %d lines ended after %s with %v; want a truncated body soon after 300ms", n, time.Since(start), err)
	}

	stuck := streamServer(t, Options{ExportTimeout: 200 * time.Millisecond}, time.Minute, func(ctx context.Context, fn func(*int) error) error {
		<-ctx.Done()
		return ctx.Err()
	})
	resp, err := http.Get(stuck.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("stream that never started: %d %s %s; want a 503 problem", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
}

// TestStreamsAtOnce: past MaxExports streams running, another gets 503 with Retry-After;
// once one ends, the next is served.
func TestStreamsAtOnce(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	srv := streamServer(t, Options{MaxExports: 1}, time.Minute, func(ctx context.Context, fn func(*int) error) error {
		select {
		case started <- struct{}{}:
			<-release
		default:
		}
		n := 1
		return fn(&n)
	})
	done := make(chan error, 1)
	go func() {
		_, _, err := readLines(t, srv.URL)
		done <- err
	}()
	<-started
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("second stream: %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if status, n, err := readLines(t, srv.URL); status != http.StatusOK || n != 2 || err != nil {
		t.Errorf("stream after the first ended: %d, %d lines, %v", status, n, err)
	}
}

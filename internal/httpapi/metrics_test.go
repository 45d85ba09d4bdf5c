package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/httpapi"
)

// TestMetrics scrapes /metrics after a few requests: counted by route pattern (never the raw
// path), method and status, with latency, in-flight requests and the database pool.
func TestMetrics(t *testing.T) {
	h, _ := newDemoServer(t, httpapi.DefaultOptions())
	for _, target := range []string{"/v1/events/1", "/v1/events/2", "/v1/events/424242", "/no/such/route"} {
		get(t, h, target)
	}
	code, hdr, body := get(t, h, "/metrics")
	if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics = %d %s", code, hdr.Get("Content-Type"))
	}
	text := string(body)
	for _, want := range []string{
		`newsevents_http_requests_total{code="200",method="GET",route="/v1/events/{id}"} 2`,
		`newsevents_http_requests_total{code="404",method="GET",route="/v1/events/{id}"} 1`,
		`newsevents_http_requests_total{code="404",method="GET",route="unmatched"} 1`,
		`newsevents_http_request_duration_seconds_count{method="GET",route="/v1/events/{id}"} 3`,
		`newsevents_http_requests_in_flight 1`, // the scrape itself
		`newsevents_db_pool_connections{state="idle"}`,
		`newsevents_db_pool_max_connections 8`,
		`go_goroutines`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(text, "424242") {
		t.Error("a raw path leaked into the metric labels")
	}
}

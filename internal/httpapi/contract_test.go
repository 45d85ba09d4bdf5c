package httpapi_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/newsevents/newsevents/internal/httpapi"
)

// TestRoutesMatchSpec fails when routes.go serves an operation api/openapi.yaml does not
// describe, or the spec describes one the router does not serve.
func TestRoutesMatchSpec(t *testing.T) {
	doc, _ := loadContract(t)
	h := httpapi.NewServer(nil, nil, httpapi.DefaultOptions())
	mux, ok := h.(chi.Routes)
	if !ok {
		t.Fatalf("NewServer returned %T, not a chi router", h)
	}
	param := regexp.MustCompile(`\{([^}:]+)(:[^}]*)?\}`)
	var served []string
	err := chi.Walk(mux, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		route = param.ReplaceAllString(route, "{$1}")
		if len(route) > 1 {
			route = strings.TrimSuffix(route, "/")
		}
		served = append(served, method+" "+route)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var described []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			described = append(described, method+" "+path)
		}
	}
	sort.Strings(served)
	sort.Strings(described)
	for _, s := range served {
		if !slices.Contains(described, s) {
			t.Errorf("routes.go serves %s, which api/openapi.yaml does not describe", s)
		}
	}
	for _, d := range described {
		if !slices.Contains(served, d) {
			t.Errorf("api/openapi.yaml describes %s, which routes.go does not serve", d)
		}
	}
}

// TestEveryOperation makes a successful request to every operation of the spec (the response is
// validated against it) and fails when an operation has no such request here.
func TestEveryOperation(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	layoff := s.eventID("layoff")
	requests := []string{
		"/healthz",
		"/readyz",
		"/openapi.yaml",
		"/docs",
		"/metrics",
		"/v1/events?from=2022-11-01&to=2022-11-30&limit=2",
		"/v1/events?type=layoff&actor=elon-musk&q=licencié&metric=employees_affected&min=1000&count=exact",
		"/v1/events?format=csv",
		"/v1/events?format=ndjson&limit=3",
		"/v1/events?updated_since=2000-01-01T00:00:00Z&status=retracted,confirmed",
		fmt.Sprintf("/v1/events/%d", layoff),
		"/v1/actors?q=musk",
		"/v1/actors/twitter",
		"/v1/actors/twitter/events?type=layoff,closure&format=csv&limit=1",
		"/v1/articles?language=fr&q=twitter",
		fmt.Sprintf("/v1/articles/%d", s.articleID()),
		"/v1/figures?metric=employees_affected",
		"/v1/figures?format=csv&canonical=true",
		"/v1/figures?format=ndjson&unit=USD",
		"/v1/event-types",
		"/v1/metrics",
		"/v1/units",
		"/v1/roles",
		"/v1/stats/timeline?interval=month&metric=employees_affected",
		"/v1/stats/timeline?interval=quarter&format=csv&metric=deal_value",
		"/v1/stats/top?by=actor&metric=employees_affected",
		"/v1/stats/top?by=type&format=csv",
		// No hub here: the feed sends what changed since then and ends (feed_test.go runs it live).
		"/v1/feed?type=layoff&since=2000-01-01T00:00:00Z",
	}
	hit := map[string]bool{}
	for _, path := range requests {
		res := s.get(path)
		if res.Status != http.StatusOK {
			t.Errorf("GET %s: %d %s", path, res.Status, res.Body)
			continue
		}
		hit[res.Operation] = true
	}
	for _, op := range writeOperations(t, s) {
		hit[op] = true
	}
	doc, _ := loadContract(t)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if !hit[op.OperationID] {
				t.Errorf("%s %s (%s): no successful request in TestEveryOperation", method, path, op.OperationID)
			}
		}
	}
}

func TestDocsPage(t *testing.T) {
	t.Parallel()
	s := newAPIWith(t, httpapi.DefaultOptions(), false)
	res := s.get("/docs")
	if res.Status != http.StatusOK {
		t.Fatalf("GET /docs: %d %s", res.Status, res.Body)
	}
	page := string(res.Body)
	doc, _ := loadContract(t)
	for path, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if !strings.Contains(page, `id="op-`+op.OperationID+`"`) {
				t.Errorf("/docs has no section for %s (%s)", path, op.OperationID)
			}
		}
	}
	for name := range doc.Components.Schemas {
		if !strings.Contains(page, `id="schema-`+name+`"`) {
			t.Errorf("/docs does not describe schema %s", name)
		}
	}
	for _, bad := range []string{"<script", "http://", "https://cdn", "<link"} {
		if strings.Contains(page, bad) {
			t.Errorf("/docs contains %q: the page must load nothing from elsewhere", bad)
		}
	}
	// Text from the spec is escaped, never interpreted as HTML.
	if !strings.Contains(page, "&lt;url&gt;") {
		t.Errorf("/docs does not show the escaped Link header description")
	}

	spec := s.get("/openapi.yaml")
	if spec.Status != http.StatusOK || !strings.HasPrefix(string(spec.Body), "openapi: 3.1") {
		t.Fatalf("GET /openapi.yaml: %d %.40s", spec.Status, spec.Body)
	}
}

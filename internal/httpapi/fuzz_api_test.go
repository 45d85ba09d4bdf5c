package httpapi_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/httpapi"
)

// FuzzAPIQuery sends GET requests with arbitrary paths and query strings through the real
// router to the demo database: never a 5xx, and every 4xx is problem+json.
func FuzzAPIQuery(f *testing.F) {
	for _, s := range []string{
		"/v1/events?from=2022-11-01&to=2022-11-30&limit=2", "/v1/events?type=layoff&actor=elon-musk&q=licencié&metric=employees_affected&min=1000",
		"/v1/events?q=%27%20OR%201%3D1--", "/v1/events?min=1e308&max=-1e308&metric=employees_affected", "/v1/events/3", "/v1/events/99999999999999999999",
		"/v1/actors/twitter/events?role=employer&format=csv", "/v1/actors?q=%00", "/v1/articles?language=fr&sort=oldest", "/v1/figures?canonical=true&unit=USD",
		"/v1/stats/timeline?interval=month&metric=employees_affected", "/v1/stats/top?by=actor&limit=500", "/v1/events?cursor=eyJzIjoiZGF0ZSIsImQiOiIwMDAwLTAxLTAxIiwiaSI6MX0",
		"/v1/export?format=csv&from=2022-11-01", "/v1/events/1/history?cursor=eyJoIjotMX0", "/v1/events?updated_since=275760-09-13T00:00:00Z",
	} {
		f.Add(s)
	}
	h, _ := newDemoServer(f, httpapi.DefaultOptions())
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.Parse(target)
		if err != nil || !strings.HasPrefix(u.Path, "/") {
			return
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL, req.RequestURI = u, target
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %q = %d %s", target, rec.Code, rec.Body)
		}
		if rec.Code >= 400 && rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Fatalf("GET %q = %d %s", target, rec.Code, rec.Header().Get("Content-Type"))
		}
	})
}

// FuzzAPIImport posts arbitrary CSV and NDJSON files to POST /v1/import: never a 5xx; the
// answer is the import's report (200) or a problem (4xx).
func FuzzAPIImport(f *testing.F) {
	for _, s := range []string{
		"company,location,total_laid_off,date,percentage_laid_off,source,country\nAcme,Paris,120,11/4/2022,0.1,https://example.com/a,France\n",
		"Acquirer,Target,Date,Price\nAcme,Widgets,2022-11-04,$1.2B\n",
		"company,date,total_laid_off\nA\x00,2022-01-01,5\nB,2022-02-30,1e400\n",
		`{"type":"layoff","title":"T","date_start":"2024-03-05"}` + "\n" + `{"id":-1}` + "\n" + "not json\n",
		`{"type":"layoff","title":"a\u0000","date_start":"2024-03-05","figures":[{"metric":"headcount","value":1e308,"unit":"person"}]}` + "\n",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	h, st := newDemoServer(f, httpapi.DefaultOptions())
	key := newKey(f, st, "fuzz-importer", "write")
	f.Fuzz(func(t *testing.T, body string, allOrNothing bool) {
		target := "/v1/import"
		if allOrNothing {
			target += "?all_or_nothing=true"
		}
		req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		if strings.HasPrefix(body, "{") {
			req.Header.Set("Content-Type", "application/x-ndjson")
		} else {
			req.Header.Set("Content-Type", "text/csv")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("POST %s %q = %d %s", target, body, rec.Code, rec.Body)
		}
	})
}

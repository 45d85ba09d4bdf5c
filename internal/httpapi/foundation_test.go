package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/model"
)

type eventPage struct {
	Data []model.Event `json:"data"`
	Next *string       `json:"next"`
}

func TestHealthAndReady(t *testing.T) {
	h, _ := newDemoServer(t, httpapi.DefaultOptions())
	for _, path := range []string{"/healthz", "/readyz"} {
		if code, _, body := get(t, h, path); code != http.StatusOK {
			t.Errorf("GET %s = %d %s", path, code, body)
		}
	}
}

func TestEventsByDateRange(t *testing.T) {
	h, _ := newDemoServer(t, httpapi.DefaultOptions())
	tests := []struct {
		query string
		want  []string // event types in order
	}{
		{"from=2022-06-01&to=2022-11-30", []string{"resignation", "acquisition", "product_launch", "advertiser_exodus", "layoff", "ultimatum", "departure", "closure", "social_media_trend"}},
		// overlap: the summer resignations (2022-06-21..2022-09-22) overlap a range inside them
		{"from=2022-07-01&to=2022-07-31", []string{"resignation"}},
		{"from=2022-11-16&to=2022-11-16", []string{"product_launch", "advertiser_exodus", "ultimatum"}},
		{"to=2022-10-15", []string{"resignation", "acquisition"}},
		{"from=2023-01-01", nil},
	}
	for _, tt := range tests {
		code, hdr, body := get(t, h, "/v1/events?"+tt.query)
		if code != http.StatusOK || hdr.Get("Content-Type") != "application/json" {
			t.Fatalf("%s: %d %s %s", tt.query, code, hdr.Get("Content-Type"), body)
		}
		page := decode[eventPage](t, body)
		var got []string
		for _, e := range page.Data {
			got = append(got, e.Type)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: got %v, want %v", tt.query, got, tt.want)
		}
		if page.Data == nil {
			t.Errorf("%s: data is null, want a list", tt.query)
		}
	}
}

// TestEventsPagination walks every page of two events and finds each event exactly once.
func TestEventsPagination(t *testing.T) {
	h, _ := newDemoServer(t, httpapi.DefaultOptions())
	seen := map[int64]int{}
	next := "/v1/events?from=2022-01-01&to=2022-12-31&limit=2"
	pages := 0
	for next != "" {
		code, hdr, body := get(t, h, next)
		if code != http.StatusOK {
			t.Fatalf("GET %s = %d %s", next, code, body)
		}
		page := decode[eventPage](t, body)
		if len(page.Data) > 2 {
			t.Fatalf("page of %d events, limit 2", len(page.Data))
		}
		for _, e := range page.Data {
			seen[e.ID]++
		}
		pages++
		next = ""
		if page.Next != nil {
			next = *page.Next
			if link := hdr.Get("Link"); link != "<"+next+`>; rel="next"` {
				t.Errorf("Link header %q does not match next %q", link, next)
			}
		}
	}
	if len(seen) != 9 || pages != 5 {
		t.Fatalf("saw %d events over %d pages, want 9 over 5", len(seen), pages)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("event %d seen %d times", id, n)
		}
	}
}

func TestEventGet(t *testing.T) {
	h, _ := newDemoServer(t, httpapi.DefaultOptions())
	code, _, body := get(t, h, "/v1/events?from=2022-11-04&to=2022-11-04")
	if code != http.StatusOK {
		t.Fatal(code)
	}
	page := decode[eventPage](t, body)
	var layoffID int64
	for _, e := range page.Data {
		if e.Type == "layoff" {
			layoffID = e.ID
		}
	}
	code, _, body = get(t, h, "/v1/events/"+itoa(layoffID))
	if code != http.StatusOK {
		t.Fatalf("GET event = %d %s", code, body)
	}
	ev := decode[model.EventDetail](t, body)
	if ev.DatePrecision != "week" || ev.DateStart.String() != "2022-11-04" {
		t.Errorf("date = %s %s", ev.DateStart, ev.DatePrecision)
	}
	roles := map[string]string{}
	for _, a := range ev.Actors {
		roles[a.Slug] = a.Role
	}
	if roles["twitter"] != "employer" || roles["elon-musk"] != "decision_maker" {
		t.Errorf("actors = %+v", ev.Actors)
	}
	if len(ev.Figures) != 3 || len(ev.Sources) != 1 {
		t.Fatalf("figures %d sources %d, want 3 and 1", len(ev.Figures), len(ev.Sources))
	}
	src := ev.Sources[0]
	if src.Evidence == nil || !strings.Contains(src.Evidence.Text, "licencié la moitié des 7.500 employés") {
		t.Errorf("evidence = %+v", src.Evidence)
	}
	var linked []string
	for _, l := range ev.Links {
		linked = append(linked, l.Direction+" "+l.Type+" "+l.Event.Type)
	}
	if strings.Join(linked, ";") != "outgoing led_to ultimatum;incoming led_to acquisition" {
		t.Errorf("links = %v", linked)
	}
}

func TestBadRequests(t *testing.T) {
	h, _ := newDemoServer(t, httpapi.DefaultOptions())
	tests := []struct {
		target     string
		status     int
		parameters []string // named in errors, in order
	}{
		{"/v1/events?from=2022-13-01", 400, []string{"from"}},
		{"/v1/events?from=yesterday&to=2022-02-30", 400, []string{"from", "to"}},
		{"/v1/events?from=2022-11-30&to=2022-11-01", 400, []string{"to"}},
		{"/v1/events?limit=0", 400, []string{"limit"}},
		{"/v1/events?limit=-5", 400, []string{"limit"}},
		{"/v1/events?limit=100000", 400, []string{"limit"}},
		{"/v1/events?limit=ten", 400, []string{"limit"}},
		{"/v1/events?bogus=1", 400, []string{"bogus"}},
		{"/v1/events?from=2022-01-01&from=2022-02-01", 400, []string{"from"}},
		{"/v1/events?cursor=not-a-cursor", 400, []string{"cursor"}},
		{"/v1/events?cursor=eyJ4IjoxfQ", 400, []string{"cursor"}}, // {"x":1}
		{"/v1/events/abc", 400, []string{"id"}},
		{"/v1/events/0", 400, []string{"id"}},
		{"/v1/events/99999999999999999999", 400, []string{"id"}},
		{"/v1/events/424242", 404, nil},
		{"/v1/nothing-here", 404, nil},
	}
	for _, tt := range tests {
		code, hdr, body := get(t, h, tt.target)
		if code != tt.status {
			t.Errorf("GET %s = %d, want %d: %s", tt.target, code, tt.status, body)
			continue
		}
		if ct := hdr.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("GET %s: Content-Type %q", tt.target, ct)
		}
		p := decode[problem](t, body)
		if p.Status != tt.status || p.Title == "" || p.Type == "" || p.Detail == "" {
			t.Errorf("GET %s: problem %+v", tt.target, p)
		}
		var named []string
		for _, e := range p.Errors {
			named = append(named, e.Parameter)
			if e.Detail == "" {
				t.Errorf("GET %s: error for %s has no detail", tt.target, e.Parameter)
			}
		}
		if strings.Join(named, ",") != strings.Join(tt.parameters, ",") {
			t.Errorf("GET %s: named %v, want %v", tt.target, named, tt.parameters)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	h, _ := newDemoServer(t, httpapi.DefaultOptions())
	req := httptestRequest(http.MethodPut, "/healthz")
	rec := serve(h, req)
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("PUT /healthz = %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
}

package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/seed"
)

// eventID returns the id of the demo event with that key.
func (s *apiServer) eventID(key string) int64 {
	s.t.Helper()
	id, err := s.store.EventIDByExternalID(context.Background(), seed.ExternalIDPrefix+key)
	if err != nil {
		s.t.Fatalf("demo event %s: %v", key, err)
	}
	return id
}

// articleID returns the id of the demo article.
func (s *apiServer) articleID() int64 {
	s.t.Helper()
	d, err := seed.Demo()
	if err != nil {
		s.t.Fatal(err)
	}
	id, _, err := s.store.EnsureArticle(context.Background(), model.NewArticle{URL: d.Article.URL})
	if err != nil {
		s.t.Fatalf("demo article: %v", err)
	}
	return id
}

type eventListBody struct {
	Data []model.Event `json:"data"`
	Next *string       `json:"next"`
}

func TestEventDetailFigures(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	res := s.get(fmt.Sprintf("/v1/events/%d", s.eventID("layoff")))
	if res.Status != http.StatusOK {
		t.Fatalf("status %d: %s", res.Status, res.Body)
	}
	var ev model.EventDetail
	res.JSON(t, &ev)
	if ev.Type != "layoff" || len(ev.Actors) != 3 || len(ev.Sources) != 1 || len(ev.Figures) != 3 {
		t.Errorf("got %+v", ev)
	}
	var affected *model.Figure
	for i, f := range ev.Figures {
		if f.Metric == "employees_affected" {
			affected = &ev.Figures[i]
		}
	}
	if affected == nil || affected.Value != 3750 || affected.Derived != "0.5 * 7500" || !affected.Canonical {
		t.Errorf("employees_affected figure: %+v", affected)
	}
	if !slices.ContainsFunc(ev.Links, func(l model.Link) bool {
		return l.Type == "led_to" && l.Direction == "incoming" && l.Event.Type == "acquisition"
	}) {
		t.Errorf("links %+v: want the acquisition that led to the layoff", ev.Links)
	}
}

func TestETag(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	for _, path := range []string{
		"/v1/events?from=2022-11-01",
		fmt.Sprintf("/v1/events/%d", s.eventID("layoff")),
		"/openapi.yaml",
		"/docs",
	} {
		first := s.get(path)
		tag := first.Header.Get("ETag")
		if first.Status != http.StatusOK || len(tag) < 10 || tag[0] != '"' {
			t.Errorf("GET %s: %d, ETag %q: want 200 with a strong ETag", path, first.Status, tag)
			continue
		}
		again := s.get(path, "If-None-Match: "+tag)
		if again.Status != http.StatusNotModified || len(again.Body) != 0 {
			t.Errorf("GET %s with If-None-Match %s: %d (%d bytes), want 304 and no body", path, tag, again.Status, len(again.Body))
		}
		other := s.get(path, `If-None-Match: "something-else"`)
		if other.Status != http.StatusOK || string(other.Body) != string(first.Body) {
			t.Errorf("GET %s with another ETag: %d, want 200 and the same body", path, other.Status)
		}
	}
}

// TestHead answers HEAD like GET, headers without the body.
func TestHead(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	for _, path := range []string{"/v1/events?limit=2", fmt.Sprintf("/v1/events/%d", s.eventID("layoff")), "/v1/event-types"} {
		get := s.get(path)
		rec := httptest.NewRecorder()
		s.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, path, nil))
		if rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("ETag") != get.Header.Get("ETag") {
			t.Errorf("HEAD %s: %d, %d bytes, ETag %q (GET: %q)", path, rec.Code, rec.Body.Len(), rec.Header().Get("ETag"), get.Header.Get("ETag"))
		}
	}
}

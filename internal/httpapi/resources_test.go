package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/model"
)

func (s *apiServer) slugs(path string) []string {
	s.t.Helper()
	res := s.get(path)
	if res.Status != http.StatusOK {
		s.t.Fatalf("GET %s: %d %s", path, res.Status, res.Body)
	}
	var body struct {
		Data []model.Actor `json:"data"`
	}
	res.JSON(s.t, &body)
	out := []string{}
	for _, a := range body.Data {
		out = append(out, a.Slug)
	}
	return out
}

func TestActors(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	all := []string{"elon-musk", "mastodon", "tesla", "twitter", "twitter-advertisers", "twitter-blue", "twitter-employees"}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", all},
		{"q=musk", []string{"elon-musk"}},
		{"q=MUSK", []string{"elon-musk"}},
		{"q=" + url.QueryEscape("élon m"), []string{"elon-musk"}},
		{"q=salaries", []string{"twitter-employees"}}, // alias "salariés de Twitter"
		{"q=employ", []string{"twitter-employees"}},   // a word inside the name
		{"q=twit", all[3:]},                             // names and aliases, each actor once
		{"q=" + url.QueryEscape("100%"), []string{}},    // LIKE wildcards are literal
		{"q=" + url.QueryEscape("t_itter"), []string{}}, // so is _
		{"kind=product", []string{"mastodon", "twitter-blue"}},
		{"kind=group,person", []string{"elon-musk", "twitter-advertisers", "twitter-employees"}},
		{"country=us&kind=organization", []string{"tesla", "twitter"}},
	} {
		if got := s.slugs("/v1/actors?" + tc.query); !slices.Equal(got, tc.want) {
			t.Errorf("?%s: got %v, want %v", tc.query, got, tc.want)
		}
	}
	// Pages of two give the same actors, in the same order.
	var paged []string
	for next := "/v1/actors?limit=2"; next != ""; {
		res := s.get(next)
		var body struct {
			Data []model.Actor `json:"data"`
			Next *string       `json:"next"`
		}
		res.JSON(t, &body)
		for _, a := range body.Data {
			paged = append(paged, a.Slug)
		}
		next = ""
		if body.Next != nil {
			next = *body.Next
		}
	}
	if !slices.Equal(paged, all) {
		t.Errorf("paged actors %v", paged)
	}

	var byslug, byid model.ActorDetail
	s.get("/v1/actors/twitter").JSON(t, &byslug)
	s.get(fmt.Sprintf("/v1/actors/%d", byslug.ID)).JSON(t, &byid)
	if byslug.Name != "Twitter" || byslug.EventCount != 9 || byid.Slug != "twitter" || len(byslug.Aliases) != 3 {
		t.Errorf("GET twitter: %+v / %+v", byslug, byid)
	}
	for path, want := range map[string][]string{
		"/v1/actors/elon-musk/events":               {"acquisition", "layoff", "ultimatum"},
		"/v1/actors/elon-musk/events?type=layoff":   {"layoff"},
		"/v1/actors/elon-musk/events?role=acquirer": {"acquisition"},
		"/v1/actors/mastodon/events?actor=twitter":  {"riptwitter"},
		"/v1/actors/mastodon/events?actor=tesla":    {},
	} {
		if got := s.keys(path); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", path, got, want)
		}
	}
	for path, status := range map[string]int{
		"/v1/actors/nobody":                 http.StatusNotFound,
		"/v1/actors/424242":                 http.StatusNotFound,
		"/v1/actors/nobody/events":          http.StatusNotFound,
		"/v1/actors/twitter/events?type=xx": http.StatusBadRequest,
		"/v1/actors/twitter?x=1":            http.StatusBadRequest,
		"/v1/actors?kind=robot":             http.StatusBadRequest,
		"/v1/actors?country=usa":            http.StatusBadRequest,
		"/v1/actors?limit=501":              http.StatusBadRequest,
	} {
		if res := s.get(path); res.Status != status {
			t.Errorf("%s: %d, want %d", path, res.Status, status)
		}
	}
}

func TestArticles(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	ctx := context.Background()
	demo := s.articleID()
	pub := func(d string) *time.Time {
		tm, _ := time.Parse(time.RFC3339, d)
		return &tm
	}
	en := "en"
	ids := map[string]int64{"demo": demo}
	for name, a := range map[string]model.NewArticle{
		"older":     {URL: "https://example.org/a", Source: "Example", Title: "Tech layoffs continue", Language: &en, PublishedAt: pub("2022-11-10T08:00:00Z"), Body: "Meta cuts 11,000 jobs."},
		"newer":     {URL: "https://example.org/b", Source: "Example", Title: "Mastodon grows", Language: &en, PublishedAt: pub("2022-11-20T08:00:00Z"), Body: "Users flock to Mastodon."},
		"undated":   {URL: "https://example.org/c", Source: "Other", Title: "Undated note", Body: "No date."},
		"same-time": {URL: "https://example.org/d", Source: "Other", Title: "Same time", PublishedAt: pub("2022-11-20T08:00:00Z")},
	} {
		id, _, err := s.store.EnsureArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = id
	}
	list := func(path string) []int64 {
		t.Helper()
		var out []int64
		for next := path; next != ""; {
			res := s.get(next)
			if res.Status != http.StatusOK {
				t.Fatalf("GET %s: %d %s", next, res.Status, res.Body)
			}
			var body struct {
				Data []model.ArticleSummary `json:"data"`
				Next *string                `json:"next"`
			}
			res.JSON(t, &body)
			for _, a := range body.Data {
				out = append(out, a.ID)
			}
			next = ""
			if body.Next != nil {
				next = *body.Next
			}
		}
		return out
	}
	newestFirst := []int64{max(ids["newer"], ids["same-time"]), min(ids["newer"], ids["same-time"]), demo, ids["older"], ids["undated"]}
	oldestFirst := []int64{ids["older"], demo, min(ids["newer"], ids["same-time"]), max(ids["newer"], ids["same-time"]), ids["undated"]}
	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"", newestFirst},
		{"limit=1", newestFirst},
		{"limit=2&sort=published", oldestFirst},
		{"sort=published&limit=1", oldestFirst},
		{"language=fr", []int64{demo}},
		{"language=en,fr&limit=1", []int64{ids["newer"], demo, ids["older"]}},
		{"source=Example", []int64{ids["newer"], ids["older"]}},
		{"source=7sur7&source=Other", []int64{max(ids["same-time"], 0), demo, ids["undated"]}},
		{"from=2022-11-18&to=2022-11-18", []int64{demo}},
		{"from=2022-11-19", []int64{max(ids["newer"], ids["same-time"]), min(ids["newer"], ids["same-time"])}},
		{"q=oiseau", []int64{demo}},
		{"q=" + url.QueryEscape("licenciés"), []int64{demo}},
		{"q=mastodon", []int64{ids["newer"], demo}},
		{"q=zeppelin", nil},
	} {
		if got := list("/v1/articles?" + tc.query); !slices.Equal(got, tc.want) {
			t.Errorf("?%s: %v, want %v", tc.query, got, tc.want)
		}
	}

	var a model.ArticleDetail
	res := s.get(fmt.Sprintf("/v1/articles/%d", demo))
	res.JSON(t, &a)
	if a.Source != "7sur7" || len(a.Body) < 1000 || len(a.Events) != 9 || a.Events[0].Evidence == nil {
		t.Errorf("GET demo article: source %q, body %d bytes, %d events", a.Source, len(a.Body), len(a.Events))
	}
	for _, e := range a.Events {
		if e.Evidence == nil || []rune(a.Body)[e.Evidence.Start] != []rune(e.Evidence.Text)[0] {
			t.Errorf("event %d: evidence %+v does not point into the body", e.ID, e.Evidence)
		}
	}
	for path, status := range map[string]int{
		"/v1/articles/424242":                        http.StatusNotFound,
		"/v1/articles/latest":                        http.StatusBadRequest,
		"/v1/articles?language=fra":                  http.StatusBadRequest,
		"/v1/articles?sort=title":                    http.StatusBadRequest,
		"/v1/articles?from=2022-12-01&to=2022-11-01": http.StatusBadRequest,
	} {
		if res := s.get(path); res.Status != status {
			t.Errorf("%s: %d, want %d", path, res.Status, status)
		}
	}
}

package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/model"
)

func (s *apiServer) figures(path string) []model.FigureRow {
	s.t.Helper()
	res := s.get(path)
	if res.Status != http.StatusOK {
		s.t.Fatalf("GET %s: %d %s", path, res.Status, res.Body)
	}
	var body struct {
		Data []model.FigureRow `json:"data"`
		Next *string           `json:"next"`
	}
	res.JSON(s.t, &body)
	out := body.Data
	if body.Next != nil {
		out = append(out, s.figures(*body.Next)...)
	}
	return out
}

// addConflictingReport adds an event reported by two articles with different numbers: an
// approximate 1,000 in an older article, an exact 950 in a newer one.
func (s *apiServer) addConflictingReport() int64 {
	s.t.Helper()
	ctx := context.Background()
	var ids []int64
	for i, day := range []int{1, 3} {
		pub := time.Date(2023, 2, day, 9, 0, 0, 0, time.UTC)
		id, _, err := s.store.EnsureArticle(ctx, model.NewArticle{URL: fmt.Sprintf("https://example.org/report-%d", i),
			Source: "Example", Title: "Acme cuts jobs", PublishedAt: &pub, Body: "Acme cuts about 1,000 jobs. Acme cuts 950 jobs."})
		if err != nil {
			s.t.Fatal(err)
		}
		ids = append(ids, id)
	}
	d := model.NewDate(2023, 1, 31)
	id, err := s.store.CreateEvent(ctx, model.NewEvent{Type: "layoff", Title: "Acme cuts jobs", DateStart: d, DateEnd: d, DatePrecision: "day",
		Actors: []model.NewEventActor{{ActorID: s.actorID("tesla"), Role: "employer"}},
		Figures: []model.NewFigure{
			{Metric: "employees_affected", Value: 1000, Unit: "person", Qualifier: "approximate", ArticleID: &ids[0]},
			{Metric: "employees_affected", Value: 950, Unit: "person", Qualifier: "exact", ArticleID: &ids[1]},
		},
		Sources: []model.NewSource{{ArticleID: ids[0]}, {ArticleID: ids[1]}}})
	if err != nil {
		s.t.Fatal(err)
	}
	return id
}

func TestFigures(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	all := s.figures("/v1/figures")
	if len(all) != 8 {
		t.Fatalf("%d demo figures, want 8", len(all))
	}
	var layoff model.FigureRow
	for _, f := range all {
		if f.Metric == "employees_affected" && f.EventType == "layoff" {
			layoff = f
		}
	}
	if layoff.Value != 3750 || layoff.Derived != "0.5 * 7500" || !layoff.Canonical || layoff.ArticleURL == nil ||
		layoff.Quote != "la moitié des 7.500 employés" || layoff.QuoteStart == nil ||
		!slices.Equal(layoff.Actors, []string{"Twitter (employer)", "Elon Musk (decision_maker)", "Twitter employees (affected)"}) {
		t.Errorf("layoff figure row %+v", layoff)
	}
	if paged := s.figures("/v1/figures?limit=3"); len(paged) != 8 || paged[7].FigureID != all[7].FigureID {
		t.Errorf("paged figures: %d", len(paged))
	}
	event := s.addConflictingReport()
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"metric=employees_affected", 5},
		{"metric=employees_affected&canonical=true", 4},
		{"metric=deal_value,personal_contribution", 2},
		{"unit=USD", 2},
		{"unit=person&min=1000", 3}, // 3750, 7500, 1000
		{"max=1", 1},                // the 0.5 ratio
		{"type=layoff&from=2023-01-01", 2},
		{"actor=tesla", 4}, // the acquisition's two, and Acme's two
		{"actor=tesla&role=employer", 2},
		{"q=twitter&metric=headcount", 1},
		{"sort=-date&limit=1", 10},
	} {
		if got := s.figures("/v1/figures?" + tc.query); len(got) != tc.want {
			t.Errorf("?%s: %d rows, want %d", tc.query, len(got), tc.want)
		}
	}
	// The canonical figure is the exact one from the newer article, here and in the event.
	rows := s.figures("/v1/figures?canonical=true&metric=employees_affected&from=2023-01-01")
	if len(rows) != 1 || rows[0].Value != 950 || rows[0].EventID != event {
		t.Errorf("canonical rows %+v", rows)
	}
	var ev model.EventDetail
	s.get(fmt.Sprintf("/v1/events/%d", event)).JSON(t, &ev)
	for _, f := range ev.Figures {
		if f.Canonical != (f.Value == 950) {
			t.Errorf("event figure %v: canonical %v", f.Value, f.Canonical)
		}
	}
	if got := s.figures("/v1/figures?sort=-date"); got[0].EventID != event || got[len(got)-1].EventType != "resignation" {
		t.Errorf("sort=-date starts with %+v", got[0])
	}

	res := s.get("/v1/figures?metric=employees_affected", "Accept: text/csv")
	rows2 := readCSV(t, res.Body)
	if len(rows2) != 6 || rows2[0][10] != "value" || rows2[1][10] != "700" || rows2[1][9] != "employees_affected" {
		t.Errorf("figures CSV %v", rows2)
	}
	nd := readNDJSON[model.FigureRow](t, s.get("/v1/figures?format=ndjson").Body, "FigureRow")
	if len(nd) != 10 {
		t.Errorf("figures NDJSON: %d rows", len(nd))
	}
	for path, params := range map[string][]string{
		"/v1/figures?metric=nope":           {"metric"},
		"/v1/figures?unit=parsec":           {"unit"},
		"/v1/figures?canonical=maybe":       {"canonical"},
		"/v1/figures?sort=-updated":         {"sort"},
		"/v1/figures?min=10&max=1":          {"max"},
		"/v1/figures?article=424242":        {"article"},
		"/v1/figures?count=exact":           {"count"},
		"/v1/figures?type=layoff&role=boss": {"role"},
	} {
		res := s.get(path)
		if res.Status != http.StatusBadRequest || !slices.Equal(problemParams(t, res), params) {
			t.Errorf("%s: %d %s, want 400 naming %v", path, res.Status, res.Body, params)
		}
	}
}

func TestTimeline(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	var body struct {
		Interval string                 `json:"interval"`
		Metric   *string                `json:"metric"`
		Data     []model.TimelineBucket `json:"data"`
	}
	s.get("/v1/stats/timeline?interval=month&from=2022-06-01&to=2022-11-30&metric=employees_affected").JSON(t, &body)
	var got []string
	for _, b := range body.Data {
		fig := ""
		for _, f := range b.Figures {
			fig += fmt.Sprintf(" %s:%d/%v/%v/%v", f.Unit, f.Count, f.Sum, f.Min, f.Max)
		}
		got = append(got, fmt.Sprintf("%s %d%s", b.Start, b.Events, fig))
	}
	want := []string{"2022-06-01 1 person:1/700/700/700", "2022-07-01 0", "2022-08-01 0", "2022-09-01 0",
		"2022-10-01 1", "2022-11-01 7 person:2/3950/200/3750"}
	if !slices.Equal(got, want) || body.Interval != "month" || *body.Metric != "employees_affected" {
		t.Errorf("monthly timeline:\n got %q\nwant %q", got, want)
	}
	if n := body.Data[5].ByType; n["layoff"] != 1 || n["closure"] != 1 || len(n) != 7 {
		t.Errorf("November by type %v", n)
	}
	for _, tc := range []struct {
		query string
		want  []string // start:events
	}{
		{"interval=quarter", []string{"2022-04-01:1", "2022-07-01:0", "2022-10-01:8"}},
		{"interval=year", []string{"2022-01-01:9"}},
		{"interval=week&from=2022-11-01&to=2022-11-20", []string{"2022-10-31:3", "2022-11-07:0", "2022-11-14:4"}},
		{"interval=day&type=layoff", []string{"2022-11-04:1"}},
		{"type=layoff&actor=mastodon", []string{}},
		{"metric=employees_affected&min=1000", []string{"2022-11-01:1"}},
	} {
		var b struct {
			Data []model.TimelineBucket `json:"data"`
		}
		s.get("/v1/stats/timeline?"+tc.query).JSON(t, &b)
		got := []string{}
		for _, x := range b.Data {
			got = append(got, fmt.Sprintf("%s:%d", x.Start, x.Events))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("?%s: %v, want %v", tc.query, got, tc.want)
		}
	}
	rows := readCSV(t, s.get("/v1/stats/timeline?interval=quarter&metric=employees_affected&format=csv").Body)
	if strings.Join(rows[0][:3], ",") != "start,events,events_acquisition" || rows[0][len(rows[0])-4] != "employees_affected_person_count" ||
		len(rows) != 4 || rows[3][1] != "8" || rows[3][len(rows[3])-3] != "3950" {
		t.Errorf("timeline CSV %v", rows)
	}
	for query, param := range map[string]string{
		"interval=decade": "interval",
		"interval=day&from=1900-01-01&to=2022-01-01": "interval",
		"metric=nope":   "metric",
		"min=3":         "min",
		"format=ndjson": "format",
	} {
		res := s.get("/v1/stats/timeline?" + query)
		if res.Status != http.StatusBadRequest || !slices.Equal(problemParams(t, res), []string{param}) {
			t.Errorf("?%s: %d %s, want 400 naming %s", query, res.Status, res.Body, param)
		}
	}
}

func TestTop(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	type top struct {
		Data []model.TopItem `json:"data"`
	}
	var body top
	s.get("/v1/stats/top?by=actor&metric=employees_affected&limit=3").JSON(t, &body)
	var got []string
	for _, it := range body.Data {
		sum := ""
		for _, f := range it.Figures {
			sum += fmt.Sprintf(" %s=%v", f.Unit, f.Sum)
		}
		got = append(got, fmt.Sprintf("%s:%d%s", it.Key, it.Events, sum))
	}
	want := []string{"twitter:9 person=4650", "twitter-employees:5 person=4650", "elon-musk:3 person=3750"}
	if !slices.Equal(got, want) || body.Data[0].ID == nil || body.Data[0].Label != "Twitter" {
		t.Errorf("top actors:\n got %v\nwant %v", got, want)
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"by=type&limit=2", []string{"acquisition:1", "advertiser_exodus:1"}},
		{"by=type&from=2022-11-01&type=layoff,closure,ultimatum", []string{"closure:1", "layoff:1", "ultimatum:1"}},
		{"by=actor&role=employer&limit=5", []string{"twitter:5"}},
		{"by=actor&role=decision_maker", []string{"elon-musk:2"}},
	} {
		var b top
		s.get("/v1/stats/top?"+tc.query).JSON(t, &b)
		got := []string{}
		for _, it := range b.Data {
			got = append(got, fmt.Sprintf("%s:%d", it.Key, it.Events))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("?%s: %v, want %v", tc.query, got, tc.want)
		}
	}
	rows := readCSV(t, s.get("/v1/stats/top?by=actor&metric=deal_value&format=csv&limit=2").Body)
	if strings.Join(rows[0], ",") != "key,label,events,deal_value_USD_count,deal_value_USD_sum,deal_value_USD_min,deal_value_USD_max" ||
		strings.Join(rows[1], ",") != "twitter,Twitter,9,1,44000000000,44000000000,44000000000" {
		t.Errorf("top CSV %v", rows)
	}
	for query, param := range map[string]string{"by=country": "by", "limit=0": "limit", "metric=x": "metric"} {
		res := s.get("/v1/stats/top?" + query)
		if res.Status != http.StatusBadRequest || !slices.Equal(problemParams(t, res), []string{param}) {
			t.Errorf("?%s: %d %s, want 400 naming %s", query, res.Status, res.Body, param)
		}
	}
}

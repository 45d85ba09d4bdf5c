package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsevents/newsevents/internal/model"
)

// keys returns the demo keys of the events of a JSON event page, in order.
func (s *apiServer) keys(path string) []string {
	s.t.Helper()
	res := s.get(path)
	if res.Status != http.StatusOK {
		s.t.Fatalf("GET %s: %d %s", path, res.Status, res.Body)
	}
	var page eventListBody
	res.JSON(s.t, &page)
	out := []string{}
	for _, e := range page.Data {
		out = append(out, demoKey(e))
	}
	return out
}

// demoKey is the key of a demo event (its external id after the dataset prefix), or its title.
func demoKey(e model.Event) string {
	if e.ExternalID != nil {
		if _, key, ok := strings.Cut(*e.ExternalID, "2022-11-18:"); ok {
			return key
		}
	}
	return e.Title
}

// The demo events by start date: see internal/seed/demo.json.
var demoByDate = []string{"summer-resignations", "acquisition", "paid-verification", "advertisers-flee",
	"layoff", "ultimatum", "departure-wave", "offices-closed", "riptwitter"}

func TestEventFilters(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	musk := s.actorID("elon-musk")
	article := s.articleID()
	tests := []struct {
		query string
		want  []string
	}{
		{"", demoByDate},
		{"type=layoff", []string{"layoff"}},
		{"type=layoff,resignation", []string{"summer-resignations", "layoff"}},
		{"type=layoff&type=closure", []string{"layoff", "offices-closed"}},
		// actor: id, slug, name or alias, whatever the case and accents
		{"actor=elon-musk", []string{"acquisition", "layoff", "ultimatum"}},
		{"actor=" + url.QueryEscape("ÉLON MUSK"), []string{"acquisition", "layoff", "ultimatum"}},
		{"actor=musk", []string{"acquisition", "layoff", "ultimatum"}},
		{fmt.Sprintf("actor=%d", musk), []string{"acquisition", "layoff", "ultimatum"}},
		{"actor=" + url.QueryEscape("Twitter, Inc."), demoByDate},
		{"actor=" + url.QueryEscape("salariés de twitter"), []string{"summer-resignations", "layoff", "ultimatum", "departure-wave", "offices-closed"}},
		// several actors: events involving each
		{"actor=twitter&actor=elon-musk", []string{"acquisition", "layoff", "ultimatum"}},
		{"actor=mastodon&actor=elon-musk", []string{}},
		// roles, with and without actor
		{"role=acquirer", []string{"acquisition"}},
		{"actor=twitter&role=target", []string{"acquisition"}},
		{"actor=twitter&role=subject,affected", []string{"paid-verification", "advertisers-flee", "riptwitter"}},
		{"actor=elon-musk&role=employer", []string{}},
		{fmt.Sprintf("article=%d", article), demoByDate},
		{"status=confirmed", demoByDate},
		{"status=extracted,disputed", []string{}},
		// full text: French and English, accents ignored, stems as prefixes
		{"q=licenciement", []string{"layoff"}},
		{"q=" + url.QueryEscape("démission"), []string{"summer-resignations"}},
		{"q=demissionne", []string{"summer-resignations"}},
		{"q=resign", []string{"summer-resignations"}},
		{"q=" + url.QueryEscape(`"plusieurs centaines"`), []string{"departure-wave"}},
		{"q=RIPTwitter", []string{"riptwitter"}},
		{"q=" + url.QueryEscape("musk -twitter"), []string{}},
		{"q=zeppelin", []string{}},
		// words may match across title, summary and evidence: "Twitter" is in the title only
		{"q=" + url.QueryEscape("twitter licenciement"), []string{"layoff"}},
		// figures
		{"metric=employees_affected", []string{"summer-resignations", "layoff", "departure-wave"}},
		{"metric=employees_affected&min=1000", []string{"layoff"}},
		{"metric=employees_affected&max=700", []string{"summer-resignations", "departure-wave"}},
		{"metric=employees_affected&min=200&max=700", []string{"summer-resignations", "departure-wave"}},
		{"metric=deal_value&min=1e10", []string{"acquisition"}},
		// combined
		{"type=layoff,resignation&actor=twitter&from=2022-10-01", []string{"layoff"}},
		{"q=twitter&type=closure&status=confirmed", []string{"offices-closed"}},
		// sorts
		{"sort=-date&type=layoff,resignation,acquisition", []string{"layoff", "acquisition", "summer-resignations"}},
	}
	for _, tc := range tests {
		got := s.keys("/v1/events?" + tc.query)
		if !slices.Equal(got, tc.want) {
			t.Errorf("?%s:\n got %v\nwant %v", tc.query, got, tc.want)
		}
	}
}

func (s *apiServer) actorID(slug string) int64 {
	s.t.Helper()
	a, err := s.store.GetActor(context.Background(), slug)
	if err != nil {
		s.t.Fatalf("actor %s: %v", slug, err)
	}
	return a.ID
}

// TestUpdatedSince follows a client staying in sync: what changed since a time, retracted and
// merged events (tombstones) included, oldest change first.
func TestUpdatedSince(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	ctx := context.Background()
	time.Sleep(5 * time.Millisecond)
	mark := time.Now().UTC()
	since := "/v1/events?updated_since=" + url.QueryEscape(mark.Format(time.RFC3339Nano))
	if got := s.keys(since); len(got) != 0 {
		t.Fatalf("nothing changed since %s, got %v", mark, got)
	}
	if _, err := s.pool.Exec(ctx, `UPDATE events SET status = 'retracted' WHERE external_id LIKE '%:ultimatum'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.pool.Exec(ctx, `UPDATE events SET merged_into = (SELECT id FROM events WHERE external_id LIKE '%:departure-wave')
		WHERE external_id LIKE '%:offices-closed'`); err != nil {
		t.Fatal(err)
	}
	res := s.get(since)
	var page eventListBody
	res.JSON(t, &page)
	if len(page.Data) != 2 || demoKey(page.Data[0]) != "ultimatum" || demoKey(page.Data[1]) != "offices-closed" {
		t.Fatalf("changes since %s: %v, want the ultimatum then the closure", mark, s.keys(since))
	}
	if page.Data[0].Status != "retracted" || page.Data[1].MergedInto == nil || *page.Data[1].MergedInto != s.eventID("departure-wave") {
		t.Errorf("tombstones: %+v / %+v", page.Data[0], page.Data[1])
	}
	// A listing without updated_since no longer shows either; status=retracted shows the one.
	if got := s.keys("/v1/events"); slices.Contains(got, "ultimatum") || slices.Contains(got, "offices-closed") || len(got) != 7 {
		t.Errorf("default listing: %v", got)
	}
	if got := s.keys("/v1/events?status=retracted"); !slices.Equal(got, []string{"ultimatum"}) {
		t.Errorf("status=retracted: %v", got)
	}
	// A date works too, and -updated reverses the order.
	if got := s.keys("/v1/events?updated_since=2000-01-01&sort=-updated&limit=2"); !slices.Equal(got, []string{"offices-closed", "ultimatum"}) {
		t.Errorf("sort=-updated: %v", got)
	}
	// An offset written with an unescaped + still parses.
	if res := s.get("/v1/events?updated_since=2000-01-01T00:00:00+01:00"); res.Status != http.StatusOK {
		t.Errorf("updated_since with a +: %d %s", res.Status, res.Body)
	}
}

func TestEventCount(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	var body struct {
		Data      []model.Event `json:"data"`
		Total     *int64        `json:"total"`
		Estimated *bool         `json:"total_estimated"`
	}
	s.get("/v1/events?limit=2&count=exact&type=layoff,resignation,closure").JSON(t, &body)
	if body.Total == nil || *body.Total != 3 || *body.Estimated || len(body.Data) != 2 {
		t.Errorf("count=exact: total %v estimated %v data %d", body.Total, body.Estimated, len(body.Data))
	}
	body.Total, body.Estimated = nil, nil
	s.get("/v1/events?limit=2&count=estimated").JSON(t, &body)
	if body.Total == nil || *body.Total < 1 || !*body.Estimated {
		t.Errorf("count=estimated: total %v estimated %v", body.Total, body.Estimated)
	}
	body.Total = nil
	s.get("/v1/events?limit=2").JSON(t, &body)
	if body.Total != nil {
		t.Errorf("no count asked, got total %d", *body.Total)
	}
}

func TestEventFilterErrors(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	dateCursor := s.nextCursor("/v1/events?limit=1")
	tests := []struct {
		query  string
		params []string
	}{
		{"type=nosuch", []string{"type"}},
		{"type=layoff,nosuch,other", []string{"type", "type"}},
		{"role=boss", []string{"role"}},
		{"metric=smiles", []string{"metric"}},
		{"actor=nobody-at-all", []string{"actor"}},
		{"article=999999", []string{"article"}},
		{"article=first", []string{"article"}},
		{"status=gone", []string{"status"}},
		{"min=abc&metric=headcount", []string{"min"}},
		{"min=5", []string{"min"}},
		{"max=5", []string{"max"}},
		{"metric=headcount&min=10&max=5", []string{"max"}},
		{"min=NaN&metric=headcount", []string{"min"}},
		{"min=1e400&metric=headcount", []string{"min"}},
		{"updated_since=yesterday", []string{"updated_since"}},
		{"sort=name", []string{"sort"}},
		{"count=all", []string{"count"}},
		{"format=xml", []string{"format"}},
		{"format=csv&count=exact", []string{"count"}},
		{"q=" + strings.Repeat("a", 201), []string{"q"}},
		{"sort=-date&cursor=" + dateCursor, []string{"cursor"}},
		{"from=2022-13-01&type=nosuch&limit=0", []string{"from", "type", "limit"}},
		{"page=2", []string{"page"}},
	}
	for _, tc := range tests {
		res := s.get("/v1/events?" + tc.query)
		if res.Status != http.StatusBadRequest {
			t.Errorf("?%s: %d, want 400 (%s)", tc.query, res.Status, res.Body)
			continue
		}
		got := problemParams(t, res)
		slices.Sort(got)
		want := slices.Clone(tc.params)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("?%s: problem names %v, want %v (%s)", tc.query, got, want, res.Body)
		}
	}
}

// nextCursor returns the cursor of the next page of path.
func (s *apiServer) nextCursor(path string) string {
	s.t.Helper()
	var page eventListBody
	s.get(path).JSON(s.t, &page)
	if page.Next == nil {
		s.t.Fatalf("%s: no next page", path)
	}
	u, err := url.Parse(*page.Next)
	if err != nil {
		s.t.Fatal(err)
	}
	return u.Query().Get("cursor")
}

// TestNeverA500 throws malformed and hostile input at every endpoint: each answer is a 2xx or
// a 4xx problem, never a 5xx.
func TestNeverA500(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	values := []string{"", "'", "\xff", `"`, "' OR 1=1 --", "%00", "\x00", "::*", "&&&!!", "(", "a:*|!", "\\", "%", "_",
		"9999999999999999999999", "-1", "0", "1e400", "NaN", "Inf", "true", "2022-02-30", "9999-99-99",
		"２０２２", "🙂", strings.Repeat("x", 300), "null", "[]", "{}"}
	params := []string{"from", "to", "type", "actor", "role", "article", "status", "q", "metric", "min", "max",
		"updated_since", "sort", "limit", "cursor", "count", "format", "kind", "country", "source", "language",
		"unit", "canonical", "interval", "by"}
	paths := []string{"/v1/events", "/v1/actors", "/v1/actors/twitter/events", "/v1/articles", "/v1/figures",
		"/v1/stats/timeline", "/v1/stats/top"}
	for _, path := range paths {
		for _, p := range params {
			for _, v := range values {
				target := path + "?" + p + "=" + url.QueryEscape(v)
				res := s.get(target)
				if res.Status >= 500 {
					t.Errorf("GET %s: %d %s", target, res.Status, res.Body)
				}
			}
		}
	}
	for _, v := range values {
		for _, path := range []string{"/v1/events/", "/v1/actors/", "/v1/articles/"} {
			target := path + url.PathEscape(v)
			if res := s.get(target); res.Status >= 500 {
				t.Errorf("GET %s: %d %s", target, res.Status, res.Body)
			}
		}
	}
}

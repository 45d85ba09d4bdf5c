package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Query is one benchmarked query: the API paths requested in turn (different parameters, so
// no single cached page makes the numbers).
type Query struct {
	Name  string
	Paths []string
}

// The benchmarked queries, in the order of the table.
const (
	QueryByDate    = "events by date range"
	QueryByType    = "events by type and date"
	QueryByActor   = "events by actor"
	QueryFullText  = "events by full text"
	QueryFiguresCS = "figures by metric and date (CSV)"
	QueryTimeline  = "timeline by month, 20 years"
	QueryEventByID = "event by id"
)

// Targets are the goals of issue 6 at 1M events and 32 clients: every list under 10 ms p50
// and 50 ms p99; events by date at 0.4 of the floor or better, with p99 under 10 ms.
func Targets() map[string]Target {
	list := Target{P50: 10 * time.Millisecond, P99: 50 * time.Millisecond}
	return map[string]Target{
		QueryByDate:    {P50: 10 * time.Millisecond, P99: 10 * time.Millisecond, MinRatio: 0.4},
		QueryByType:    list,
		QueryByActor:   list,
		QueryFullText:  list,
		QueryFiguresCS: list,
		QueryTimeline:  list,
	}
}

// sampledEvent is what the workload reads of an event.
type sampledEvent struct {
	ID     int64  `json:"id"`
	Type   string `json:"type"`
	Title  string `json:"title"`
	Actors []struct {
		ID int64 `json:"id"`
	} `json:"actors"`
	Figures []struct {
		Metric string `json:"metric"`
	} `json:"figures"`
}

// Workload draws n parameter sets for each query, with seed. It reads a sample of events
// through the API (events are ids 1..events, as newsevents gen --reset makes them), so actors,
// types, metrics and words are drawn as often as they occur: a busy actor is asked for more
// often than a rare one, as users do. first and last bound the dates.
func Workload(ctx context.Context, base string, events int64, n int, seed uint64, first, last time.Time) ([]Query, error) {
	r := rand.New(rand.NewPCG(seed, 0xbe5c4))
	var sample []sampledEvent
	for len(sample) < n {
		id := 1 + r.Int64N(events)
		var e sampledEvent
		if err := getJSON(ctx, base+"/v1/events/"+strconv.FormatInt(id, 10), &e); err != nil {
			return nil, fmt.Errorf("sample events: %w", err)
		}
		if len(e.Actors) > 0 && len(e.Figures) > 0 {
			sample = append(sample, e)
		}
	}
	days := int(last.Sub(first).Hours() / 24)
	day := func() time.Time { return first.AddDate(0, 0, r.IntN(days-30)) }
	d := func(t time.Time) string { return t.Format("2006-01-02") }

	qs := []Query{{Name: QueryByDate}, {Name: QueryByType}, {Name: QueryByActor}, {Name: QueryFullText},
		{Name: QueryFiguresCS}, {Name: QueryTimeline}, {Name: QueryEventByID}}
	add := func(i int, path string, v url.Values) {
		p := path
		if len(v) > 0 {
			p += "?" + v.Encode()
		}
		qs[i].Paths = append(qs[i].Paths, p)
	}
	for k := range n {
		e := sample[k]
		from := day()
		add(0, "/v1/events", url.Values{"from": {d(from)}, "to": {d(from.AddDate(0, 0, 30))}, "limit": {"50"}})
		year := first.Year() + 1 + r.IntN(last.Year()-first.Year())
		add(1, "/v1/events", url.Values{"type": {e.Type}, "from": {fmt.Sprintf("%d-01-01", year)}, "to": {fmt.Sprintf("%d-12-31", year)}, "limit": {"50"}})
		add(2, "/v1/events", url.Values{"actor": {strconv.FormatInt(e.Actors[0].ID, 10)}, "limit": {"50"}})
		add(3, "/v1/events", url.Values{"q": {word(r, e.Title)}, "limit": {"50"}})
		from = day()
		add(4, "/v1/figures", url.Values{"metric": {e.Figures[r.IntN(len(e.Figures))].Metric}, "from": {d(from)},
			"to": {d(from.AddDate(0, 3, 0))}, "format": {"csv"}, "limit": {"100"}})
		tl := url.Values{"interval": {"month"}, "from": {d(first)}, "to": {d(last)}}
		if k%2 == 1 {
			tl.Set("type", e.Type)
		}
		add(5, "/v1/stats/timeline", tl)
		add(6, "/v1/events/"+strconv.FormatInt(1+r.Int64N(events), 10), nil)
	}
	return qs, nil
}

// word picks a word of a title worth searching for: letters only, five or more of them.
func word(r *rand.Rand, title string) string {
	var words []string
	for _, w := range strings.FieldsFunc(title, func(c rune) bool { return !unicode.IsLetter(c) }) {
		if len([]rune(w)) >= 5 {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return "layoffs"
	}
	return words[r.IntN(len(words))]
}

func getJSON(ctx context.Context, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

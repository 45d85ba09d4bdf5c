package httpapi_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/model"
)

// walk follows next links from path and returns the ids of every event seen, in order.
func (s *apiServer) walk(path string, between func(page int)) []int64 {
	s.t.Helper()
	var ids []int64
	for page := 0; path != ""; page++ {
		res := s.get(path)
		if res.Status != http.StatusOK {
			s.t.Fatalf("GET %s: %d %s", path, res.Status, res.Body)
		}
		var body eventListBody
		res.JSON(s.t, &body)
		for _, e := range body.Data {
			ids = append(ids, e.ID)
		}
		path = ""
		if body.Next != nil {
			path = *body.Next
			if link := res.Header.Get("Link"); link != "<"+path+`>; rel="next"` {
				s.t.Errorf("Link %q does not match next %q", link, path)
			}
			if between != nil {
				between(page)
			}
		} else if res.Header.Get("Link") != "" {
			s.t.Errorf("last page has a Link header %q", res.Header.Get("Link"))
		}
		if page > 100 {
			s.t.Fatal("more than 100 pages")
		}
	}
	return ids
}

// TestPaginationEverySort walks every sort two events at a time and finds exactly the events
// of a single large page, in the same order.
func TestPaginationEverySort(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	for _, q := range []string{"sort=date", "sort=-date", "sort=updated", "sort=-updated",
		"type=layoff,closure,departure,ultimatum&sort=-date", "updated_since=2000-01-01", "actor=twitter&q=twitter",
		// windows: events started before from and still running come first (or last with -date)
		"from=2022-07-01&to=2022-11-30", "from=2022-07-01&to=2022-11-30&sort=-date", "from=2022-11-10",
		"from=2022-11-10&sort=-date", "from=2022-11-10&sort=-updated"} {
		all := s.walk("/v1/events?limit=500&"+q, nil)
		paged := s.walk("/v1/events?limit=2&"+q, nil)
		if len(all) == 0 || !slices.Equal(all, paged) {
			t.Errorf("%s: pages of 2 gave %v, one page %v", q, paged, all)
		}
	}
}

// TestPaginationStableUnderInserts inserts events while a client pages: events already passed
// are not seen again, no event is skipped, and new events after the position show up.
func TestPaginationStableUnderInserts(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	ctx := context.Background()
	before := s.walk("/v1/events?limit=100", nil)
	insert := func(date model.Date, title string) int64 {
		id, err := s.store.CreateEvent(ctx, model.NewEvent{Type: "layoff", Title: title, DateStart: date, DateEnd: date, DatePrecision: "day"})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	var early, late int64
	seen := s.walk("/v1/events?limit=3", func(page int) {
		if page == 0 {
			early = insert(model.NewDate(2020, 1, 1), "Before the position")
			late = insert(model.NewDate(2023, 1, 1), "After the position")
		}
	})
	counts := map[int64]int{}
	for _, id := range seen {
		counts[id]++
	}
	for _, id := range before {
		if counts[id] != 1 {
			t.Errorf("event %d seen %d times", id, counts[id])
		}
	}
	if counts[early] != 0 || counts[late] != 1 || len(seen) != len(before)+1 {
		t.Errorf("early %d seen %d times, late %d seen %d times; %d seen, want %d", early, counts[early], late, counts[late], len(seen), len(before)+1)
	}
}

// TestCursorErrors: cursors are opaque and checked.
func TestCursorIsOpaqueAndChecked(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	updated := s.nextCursor("/v1/events?limit=1&sort=updated")
	for _, q := range []string{"cursor=" + updated, "cursor=" + updated + "&sort=date", "cursor=e30", "cursor=eyJzIjoiZGF0ZSIsImkiOjF9"} {
		res := s.get("/v1/events?" + q)
		if q == "cursor="+updated {
			// Without sort, the listing is by date: the updated cursor does not fit.
			q = "default sort"
		}
		if res.Status != http.StatusBadRequest || !slices.Equal(problemParams(t, res), []string{"cursor"}) {
			t.Errorf("%s: %d %s, want 400 naming cursor", q, res.Status, res.Body)
		}
	}
	if res := s.get("/v1/events?sort=updated&cursor=" + updated); res.Status != http.StatusOK {
		t.Errorf("the cursor with its own sort: %d %s", res.Status, res.Body)
	}
	if strings.ContainsAny(updated, "+/=") {
		t.Errorf("cursor %q is not URL-safe", updated)
	}
}

// TestFigurePagination pages through figures, windows included, against one large page.
func TestFigurePagination(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	for _, q := range []string{"", "sort=-date", "from=2022-07-01&to=2022-11-30", "from=2022-10-15&sort=-date", "metric=employees_affected&from=2022-09-01"} {
		all := s.figures("/v1/figures?limit=500&" + q)
		paged := s.figures("/v1/figures?limit=2&" + q)
		ids := func(rows []model.FigureRow) []int64 {
			var out []int64
			for _, r := range rows {
				out = append(out, r.FigureID)
			}
			return out
		}
		if len(all) == 0 || !slices.Equal(ids(all), ids(paged)) {
			t.Errorf("%s: pages of 2 gave %v, one page %v", q, ids(paged), ids(all))
		}
	}
}

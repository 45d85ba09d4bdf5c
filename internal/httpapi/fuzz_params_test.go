package httpapi

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// FuzzQueryParams reads an arbitrary query string with every parameter reader: no panic, and
// any problem is an Invalid error naming the parameters at fault.
func FuzzQueryParams(f *testing.F) {
	for _, s := range []string{
		"", "from=2022-11-01&to=2022-11-30&limit=2", "limit=-1", "limit=99999999999999999999", "min=1e309&max=NaN",
		"type=layoff,resignation&type=closure", "q=%00", "q=%ff%fe", "updated_since=2022-11-18T09:30:00+01:00",
		"id=0&id=1", "format=csv&count=exact", "cursor=!!!", "x=1&x=2&x", "%", "a=%zz", ";;;&&&==",
		"sort=-date&cursor=eyJzIjoiZGF0ZSIsImQiOiIwMDAwLTAxLTAxIiwiaSI6MX0", strings.Repeat("q=x&", 200),
	} {
		f.Add(s)
	}
	allowed := []string{"from", "to", "limit", "cursor", "min", "max", "id", "type", "status", "q", "updated_since", "flag", "format", "count", "sort"}
	f.Fuzz(func(t *testing.T, raw string) {
		r := httptest.NewRequest("GET", "/v1/events", nil)
		r.URL.RawQuery = raw
		q := newQuery(r, allowed...)
		q.date("from")
		q.date("to")
		q.limit(50, 500)
		q.number("min")
		q.number("max")
		q.id("id")
		q.list("type")
		q.listOf("status", model.Statuses)
		q.text("q", maxQueryLength)
		q.timestamp("updated_since")
		q.boolean("flag")
		q.oneOf("sort", []string{"date", "-date"}, "date")
		fm := q.format(r, formatJSON, formatCSV, formatNDJSON)
		q.limitFor(fm, DefaultOptions())
		q.count(fm)
		var c eventCursor
		if q.cursor(&c) {
			c.position(q, store.SortDate)
		}
		checkInvalid(t, q.err())
	})
}

// FuzzCursor decodes an arbitrary cursor for every listing: no panic; it is accepted, or
// refused with an error naming cursor.
func FuzzCursor(f *testing.F) {
	for _, s := range []string{
		encodeCursor(eventCursor{Sort: store.SortDate, DateStart: &model.Date{}, ID: 1}),
		encodeCursor(actorCursor{Name: "Twitter", ID: 3}),
		encodeCursor(figureCursor{Sort: store.SortDateDesc, EventID: 2, FigureID: 9}),
		encodeCursor(historyCursor{ID: 4}),
		"", "AAAA", "e30", "bnVsbA", "W10", "eyJuIjoiXHUwMDAwIiwiaSI6MX0", "!!!",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cursor string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.RawQuery = url.Values{"cursor": {cursor}}.Encode()
		for _, sort := range []store.EventSort{store.SortDate, store.SortDateDesc, store.SortUpdated, store.SortUpdatedDesc} {
			q := newQuery(r, "cursor")
			var c eventCursor
			if q.cursor(&c) {
				if p := c.position(q, sort); p != nil && p.ID < 1 {
					t.Fatalf("position with id %d accepted", p.ID)
				}
			}
			checkInvalid(t, q.err())
		}
		for _, v := range []any{&actorCursor{}, &articleCursor{}, &figureCursor{}, &historyCursor{}} {
			q := newQuery(r, "cursor")
			q.cursor(v)
			checkInvalid(t, q.err())
		}
	})
}

// checkInvalid fails unless err is nil or an Invalid error whose every field names a parameter.
func checkInvalid(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var me *model.Error
	if !errors.As(err, &me) || me.Code != model.Invalid || len(me.Fields) == 0 {
		t.Fatalf("error %v: want an Invalid error with fields", err)
	}
	for _, fe := range me.Fields {
		if fe.Parameter == "" || fe.Detail == "" {
			t.Fatalf("field error %+v names no parameter", fe)
		}
	}
}

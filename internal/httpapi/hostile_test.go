package httpapi_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/httpapi"
)

// hostileValues are query and path values meant to break a parser or reach SQL: injections,
// NUL and invalid UTF-8, huge and negative numbers, overlong text, markup, traversal.
var hostileValues = []string{
	"' OR '1'='1", "1; DROP TABLE events; --", "'); DELETE FROM figures; --", "%' OR 1=1 --",
	"1 UNION SELECT passwd FROM pg_shadow", `\'`, `"`, "$1", "::text", "e.id",
	"\x00", "a\x00b", "\xff\xfe", "\xc3\x28",
	"-1", "0", "-9223372036854775809", "9223372036854775808", "99999999999999999999999999",
	"1e309", "-1e309", "1e-400", "NaN", "Infinity", "0x10", "1_000", "١٢٣",
	strings.Repeat("x", 5000), strings.Repeat("é", 300),
	"<script>alert(1)</script>", "../../etc/passwd", "%00", "%", " ", "\t\n", "🙂\u202e",
	"2022-02-30", "0000-01-01", "9999-12-31", "2022-13-01", "-2022-01-01", "275760-09-13",
	"2022-11-01T00:00:00+99:00", "1970-01-01T00:00:00Z",
}

// forgedCursors are cursors this server never issued: bad base64, JSON of the wrong shape,
// values out of every range, NUL characters, and cursors of other listings.
func forgedCursors() []string {
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	return []string{
		"!!!", "AAAA", enc("null"), enc("[]"), enc(`"x"`), enc("{"), enc(`{"x":1}`),
		enc(`{"s":"date","d":"0000-01-01","i":1}`), enc(`{"s":"date","d":"99999-01-01","i":1}`),
		enc(`{"s":"-date","d":"2022-11-01","i":-5}`), enc(`{"s":"updated","u":"9999-12-31T23:59:59Z","i":9223372036854775807}`),
		enc(`{"s":"drop table","i":1}`), enc(`{"s":"date","i":1}`), enc(`{"s":"updated","d":"2022-11-01","i":1}`),
		enc(`{"n":"\u0000","i":1}`), enc(`{"n":"a\u0000b","i":1}`), enc(`{"n":"x","i":1e300}`), enc(`{"n":"x","i":"1"}`),
		enc(`{"s":"published","p":"0001-01-01T00:00:00Z","i":1}`), enc(`{"s":"-published","p":"10000-01-01T00:00:00Z","i":1}`),
		enc(`{"s":"date","d":"2022-11-01","e":-1,"i":1}`), enc(`{"h":-1}`), enc(`{"h":1e20}`),
		enc(`{"s":"date","d":"2022-11-01","i":1,"s":"-date"}`), enc(strings.Repeat(`{"a":`, 10000)),
	}
}

// TestHostileQueries sends every hostile value as every query parameter of every GET
// operation of the spec (and as every path parameter), and every forged cursor to every
// listing: each answer is a whole 2xx, 304 or 4xx problem+json, never a 5xx; and the data is
// still all there afterwards.
func TestHostileQueries(t *testing.T) {
	s := newAPIWith(t, httpapi.DefaultOptions(), true)
	before := countRows(t, s)
	doc, _ := loadContract(t)
	paths := doc.Paths.Keys()
	sort.Strings(paths)
	requests := 0
	try := func(target string) {
		t.Helper()
		requests++
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL, _ = url.Parse(target)
		req.RequestURI = target
		rec := httptest.NewRecorder()
		s.handler.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Errorf("GET %.300q = %d %.300s", target, rec.Code, rec.Body)
			return
		}
		if rec.Code >= 400 && rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("GET %.300q = %d with Content-Type %q", target, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
	for _, path := range paths {
		op := doc.Paths.Value(path).Get
		if op == nil {
			continue
		}
		base := strings.NewReplacer("{id}", "1").Replace(path)
		for _, p := range op.Parameters {
			switch p.Value.In {
			case "query":
				for _, v := range hostileValues {
					try(base + "?" + p.Value.Name + "=" + url.QueryEscape(v))
				}
			case "path":
				for _, v := range hostileValues {
					try(strings.Replace(path, "{"+p.Value.Name+"}", url.PathEscape(v), 1))
				}
			}
			if p.Value.Name == "cursor" {
				for _, c := range forgedCursors() {
					try(base + "?cursor=" + url.QueryEscape(c))
				}
			}
		}
	}
	if requests < 1000 {
		t.Fatalf("only %d requests: the spec walk found too few parameters", requests)
	}
	if after := countRows(t, s); after != before {
		t.Errorf("hostile reads changed the database: %s, then %s", before, after)
	}
}

// TestCursorsOfOtherListings: a cursor issued by one listing, given to another, or to the same
// listing sorted otherwise, is refused with 400 naming cursor; a cursor whose record was
// deleted since still continues the listing (keyset cursors do not expire).
func TestCursorsOfOtherListings(t *testing.T) {
	s := newAPI(t)
	next := func(path string) string {
		t.Helper()
		var page struct {
			Next *string `json:"next"`
		}
		res := s.get(path)
		res.JSON(t, &page)
		if page.Next == nil {
			t.Fatalf("GET %s has no next page", path)
		}
		u, _ := url.Parse(*page.Next)
		return u.Query().Get("cursor")
	}
	events := next("/v1/events?limit=1&sort=date")
	actors := next("/v1/actors?limit=1")
	for _, target := range []string{
		"/v1/events?limit=1&sort=-updated&cursor=" + events,
		"/v1/actors?cursor=" + events,
		"/v1/events?cursor=" + actors,
		"/v1/figures?cursor=" + actors,
		"/v1/articles?cursor=" + events,
	} {
		res := s.get(target)
		if res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), `"parameter":"cursor"`) {
			t.Errorf("GET %s = %d %s, want 400 naming cursor", target, res.Status, res.Body)
		}
	}
	// Delete the event the cursor points past: the listing goes on from where it was.
	key := newKey(t, s.store, "cursor-deleter", "write")
	first := s.get("/v1/events?limit=1&sort=date")
	var page struct {
		Data []struct {
			ID int64 `json:"id"`
		} `json:"data"`
	}
	first.JSON(t, &page)
	if code, _, body := call(t, s.handler, "DELETE", fmt.Sprintf("/v1/events/%d", page.Data[0].ID), key, ""); code != http.StatusNoContent {
		t.Fatalf("delete: %d %s", code, body)
	}
	if res := s.get("/v1/events?limit=1&sort=date&cursor=" + events); res.Status != http.StatusOK {
		t.Errorf("a cursor past a deleted event = %d %s, want 200", res.Status, res.Body)
	}
}

// TestHostileBodies sends hostile JSON to every write route: deeply nested, NUL and invalid
// UTF-8 in strings, huge and tiny numbers, duplicate members, wrong types everywhere. Each
// answer is a 4xx problem+json (or a success when the body happens to be valid), never a 5xx.
func TestHostileBodies(t *testing.T) {
	s := newAPIWith(t, httpapi.DefaultOptions(), true)
	key := newKey(t, s.store, "hostile", "write")
	const ok = `"type":"layoff","title":"T","date_start":"2024-03-05"`
	bodies := []string{
		strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
		strings.Repeat(`{"a":`, 20000) + "1" + strings.Repeat("}", 20000),
		`{` + ok + `,"summary":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}`,
		`{"type":"layoff","title":"a\u0000b","date_start":"2024-03-05"}`,
		`{"name":"\u0000","kind":"organization"}`,
		"{\"type\":\"layoff\",\"title\":\"\xff\xfe\",\"date_start\":\"2024-03-05\"}",
		`{"url":"https://example.com/\u0000"}`,
		`{"type":"layoff","title":"\ud800","date_start":"2024-03-05"}`,
		`{` + ok + `,"confidence":1e400}`,
		`{` + ok + `,"confidence":-0}`,
		`{` + ok + `,"figures":[{"metric":"headcount","value":1e308,"unit":"person"}]}`,
		`{` + ok + `,"figures":[{"metric":"headcount","value":1e-320,"unit":"person"}]}`,
		`{` + ok + `,"figures":[{"metric":"headcount","value":123456789012345678901234567890,"unit":"person"}]}`,
		`{` + ok + `,"figures":[{"metric":"headcount","value":-1e308,"unit":"person","low":-1e308,"high":1e308,"qualifier":"range"}]}`,
		`{"event_id":99999999999999999999,"metric":"headcount","value":1,"unit":"person"}`,
		`{"event_id":-1,"metric":"headcount","value":1,"unit":"person"}`,
		`{"event_id":1.5,"metric":"headcount","value":1,"unit":"person"}`,
		`{` + ok + `,"date_start":"0000-01-01"}`,
		`{"type":"layoff","title":"T","date_start":"9999-12-31","date_end":"9999-12-31"}`,
		`{` + ok + `,"title":"dup"}`,
		`{` + ok + `,"actors":[{"id":9223372036854775807,"role":"employer"}]}`,
		`{` + ok + `,"actors":[{"name":"` + strings.Repeat("n", 100000) + `","kind":"organization","role":"employer"}]}`,
		`{` + ok + `,"sources":[{"article":{"url":"javascript:alert(1)"}}]}`,
		`{` + ok + `,"sources":[{"article":{"url":"https://example.com/a"},"evidence":{"text":"x","start":-1,"end":9223372036854775807}}]}`,
		`{` + ok + `,"links":[{"type":"led_to","event":{"id":1}},{"type":"led_to","event":{"id":1}}]}`,
		`{"title":"x","confidence":0.5,"status":"confirmed","merged_into":1}`,
		`{"title":null,"summary":null,"date_start":null}`,
		`{"wikidata_qid":"Q1\u0000","country":"\u0000\u0000"}`,
		`null`, `true`, `1`, `"x"`, `[]`, `{}`, ``, `   `, `{"a":1}{"a":1}`,
	}
	var routes [][2]string
	for _, rt := range routesOf(t, s.handler, "1") {
		if (rt[0] == http.MethodPost || rt[0] == http.MethodPatch) && rt[1] != "/v1/import" {
			routes = append(routes, rt)
		}
	}
	if len(routes) < 7 {
		t.Fatalf("only %d write routes", len(routes))
	}
	for _, rt := range routes {
		for i, b := range bodies {
			req := httptest.NewRequest(rt[0], rt[1], strings.NewReader(b))
			req.Header.Set("Authorization", "Bearer "+key)
			req.Header.Set("Content-Type", "application/json")
			if rt[0] == http.MethodPatch {
				req.Header.Set("Content-Type", "application/merge-patch+json")
			}
			rec := httptest.NewRecorder()
			s.handler.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Errorf("%s %s body %d (%.80q) = %d %.300s", rt[0], rt[1], i, b, rec.Code, rec.Body)
			} else if rec.Code >= 400 && rec.Header().Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s %s body %d = %d with Content-Type %q", rt[0], rt[1], i, rec.Code, rec.Header().Get("Content-Type"))
			}
			if strings.Contains(rec.Body.String(), key[4:]) {
				t.Errorf("%s %s: the API key is in the answer", rt[0], rt[1])
			}
		}
	}
}

package httpapi_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/seed"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

// newWriteServer is newDemoServer that also hands out the pool and a write key.
func newWriteServer(t *testing.T) (http.Handler, *pgxpool.Pool, string) {
	t.Helper()
	pool := testdb.New(t)
	st := store.New(pool)
	d, _ := seed.Demo()
	if _, err := seed.Load(context.Background(), st, d); err != nil {
		t.Fatal(err)
	}
	return httpapi.NewServer(slog.New(slog.DiscardHandler), st, httpapi.DefaultOptions()), pool, newKey(t, st, "curator", "write")
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestEventCreateRollsBack fails the last statement of a write (a figure the database refuses
// through a trigger only this test installs) and finds nothing of the request stored.
func TestEventCreateRollsBack(t *testing.T) {
	h, pool, key := newWriteServer(t)
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `
		CREATE FUNCTION refuse_figure() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF NEW.value = 666 THEN RAISE EXCEPTION 'refused' USING ERRCODE = 'check_violation'; END IF;
			RETURN NEW;
		END $$;
		CREATE TRIGGER refuse_figure BEFORE INSERT ON figures FOR EACH ROW EXECUTE FUNCTION refuse_figure();`); err != nil {
		t.Fatal(err)
	}
	before := map[string]int{}
	tables := []string{"events", "actors", "articles", "figures", "event_sources", "event_actors", "event_history"}
	for _, tb := range tables {
		before[tb] = count(t, pool, "SELECT count(*) FROM "+tb)
	}
	body := `{"type":"layoff","title":"Half written","date_start":"2024-03-05",
		"actors":[{"name":"Brand New Corp","kind":"organization","role":"employer"}],
		"sources":[{"article":{"url":"https://example.com/brand-new","title":"New"}}],
		"figures":[{"metric":"headcount","value":100,"unit":"person"},{"metric":"employees_affected","value":666,"unit":"person"}]}`
	code, _, out := call(t, h, "POST", "/v1/events", key, body)
	if code < 400 {
		t.Fatalf("POST = %d %s, want a failure", code, out)
	}
	for _, tb := range tables {
		if n := count(t, pool, "SELECT count(*) FROM "+tb); n != before[tb] {
			t.Errorf("%s: %d rows, %d before the failed request", tb, n, before[tb])
		}
	}
	// The same request without the refused figure goes through.
	body = strings.Replace(body, `,{"metric":"employees_affected","value":666,"unit":"person"}`, "", 1)
	if code, _, out := call(t, h, "POST", "/v1/events", key, body); code != 201 {
		t.Fatalf("POST = %d %s", code, out)
	}
}

func TestIdempotentPost(t *testing.T) {
	h, pool, key := newWriteServer(t)
	body := `{"type":"layoff","title":"Once","date_start":"2024-03-05","actors":[{"name":"Once Corp","kind":"organization","role":"employer"}]}`
	code1, hdr1, out1 := call(t, h, "POST", "/v1/events", key, body, "Idempotency-Key", "k-1")
	code2, hdr2, out2 := call(t, h, "POST", "/v1/events", key, body, "Idempotency-Key", "k-1")
	if code1 != 201 || code2 != 201 || string(out1) != string(out2) || hdr1.Get("Location") != hdr2.Get("Location") {
		t.Fatalf("first %d %s\nsecond %d %s", code1, out1, code2, out2)
	}
	if hdr2.Get("Idempotency-Replayed") != "true" || hdr1.Get("Idempotency-Replayed") != "" {
		t.Errorf("Idempotency-Replayed: first %q, second %q", hdr1.Get("Idempotency-Replayed"), hdr2.Get("Idempotency-Replayed"))
	}
	if n := count(t, pool, `SELECT count(*) FROM events WHERE title = 'Once'`); n != 1 {
		t.Errorf("%d events written, want 1", n)
	}
	// The same key with another body is refused; another key writes again.
	code, _, out := call(t, h, "POST", "/v1/events", key, strings.Replace(body, "Once", "Twice", 1), "Idempotency-Key", "k-1")
	if code != 422 || !strings.Contains(string(out), "Idempotency-Key") {
		t.Errorf("reused key = %d %s", code, out)
	}
	if code, _, _ := call(t, h, "POST", "/v1/events", key, body, "Idempotency-Key", "k-2"); code != 201 {
		t.Errorf("new key = %d", code)
	}
	if n := count(t, pool, `SELECT count(*) FROM events WHERE title = 'Once'`); n != 2 {
		t.Errorf("%d events, want 2", n)
	}
	// A request that failed is not remembered: fixing it and retrying with its key works.
	bad := `{"type":"layof","title":"Fixed","date_start":"2024-03-05"}`
	if code, _, _ := call(t, h, "POST", "/v1/events", key, bad, "Idempotency-Key", "k-3"); code != 422 {
		t.Errorf("bad = %d", code)
	}
	if code, _, out := call(t, h, "POST", "/v1/events", key, strings.Replace(bad, "layof", "layoff", 1), "Idempotency-Key", "k-3"); code != 201 {
		t.Errorf("fixed = %d %s", code, out)
	}
	// Keys are per API key: another key may use the same Idempotency-Key.
	other := newKey(t, store.New(pool), "other", "write")
	if code, hdr, _ := call(t, h, "POST", "/v1/events", other, body, "Idempotency-Key", "k-1"); code != 201 || hdr.Get("Idempotency-Replayed") != "" {
		t.Errorf("other API key = %d replayed %q", code, hdr.Get("Idempotency-Replayed"))
	}
}

// TestIdempotentPostConcurrent sends the same request with the same key from several clients
// at once: exactly one write happens and everyone gets its answer.
func TestIdempotentPostConcurrent(t *testing.T) {
	h, pool, key := newWriteServer(t)
	body := `{"type":"layoff","title":"Raced","date_start":"2024-03-05","actors":[{"name":"Race Corp","kind":"organization","role":"employer"}]}`
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		codes []int
		outs  = map[string]bool{}
	)
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, _, out := call(t, h, "POST", "/v1/events", key, body, "Idempotency-Key", "race")
			mu.Lock()
			defer mu.Unlock()
			codes = append(codes, code)
			outs[string(out)] = true
		}()
	}
	wg.Wait()
	for _, c := range codes {
		if c != 201 {
			t.Errorf("codes %v", codes)
			break
		}
	}
	if len(outs) != 1 {
		t.Errorf("%d different answers", len(outs))
	}
	if n := count(t, pool, `SELECT count(*) FROM events WHERE title = 'Raced'`); n != 1 {
		t.Errorf("%d events, want 1", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM actors WHERE name = 'Race Corp'`); n != 1 {
		t.Errorf("%d actors, want 1", n)
	}
}

func TestEventPatchAndHistory(t *testing.T) {
	h, _, key := newWriteServer(t)
	code, _, out := call(t, h, "POST", "/v1/events", key, issueBody)
	if code != 201 {
		t.Fatalf("POST = %d %s", code, out)
	}
	ev := decode[model.EventDetail](t, out)
	path := "/v1/events/" + itoa(ev.ID)
	figID := ev.Figures[0].ID

	// Change the title, drop the summary, correct the figure (kept by id) and add a source.
	patch := fmt.Sprintf(`{"title":"Example Corp cuts 150 jobs","confidence":0.9,
		"figures":[{"id":%d,"metric":"employees_affected","value":150,"unit":"person","qualifier":"approximate"}],
		"sources":[{"article":{"url":"https://example.com/news/cuts?utm_source=x","title":"Cuts"},"evidence":{"text":"150 jobs"}}]}`, figID)
	code, _, out = call(t, h, "PATCH", path, key, patch, "Content-Type", "application/merge-patch+json")
	if code != 200 {
		t.Fatalf("PATCH = %d %s", code, out)
	}
	got := decode[model.EventDetail](t, out)
	if got.Title != "Example Corp cuts 150 jobs" || got.Confidence == nil || *got.Confidence != 0.9 || got.Type != "layoff" {
		t.Errorf("patched event %+v", got.Event)
	}
	if len(got.Actors) != 1 || got.Actors[0].Slug != "example-corp" {
		t.Errorf("actors changed: %+v", got.Actors)
	}
	if len(got.Figures) != 1 || got.Figures[0].ID != figID || got.Figures[0].Value != 150 || got.Figures[0].Qualifier != "approximate" {
		t.Errorf("figures %+v", got.Figures)
	}
	if len(got.Sources) != 1 || got.Sources[0].Article.URL != "https://example.com/news/cuts" {
		t.Errorf("sources %+v", got.Sources)
	}
	// null removes an optional member; a required one cannot be removed.
	code, _, out = call(t, h, "PATCH", path, key, `{"confidence":null}`)
	if code != 200 || decode[model.EventDetail](t, out).Confidence != nil {
		t.Errorf("PATCH confidence null = %d %s", code, out)
	}
	code, _, out = call(t, h, "PATCH", path, key, `{"title":null,"id":4,"status":"gone"}`)
	if code != 400 || !strings.Contains(string(out), `"/id"`) {
		t.Errorf("PATCH read-only = %d %s", code, out)
	}
	code, _, out = call(t, h, "PATCH", path, key, `{"title":null,"status":"gone"}`)
	if p := decode[bodyProblem](t, out); code != 400 || strings.Join(p.pointers(), " ") != "/title /status" {
		t.Errorf("PATCH bad = %d %s", code, out)
	}
	if code, _, _ := call(t, h, "PATCH", "/v1/events/999999", key, `{"title":"x"}`); code != 404 {
		t.Errorf("PATCH unknown = %d", code)
	}

	code, _, out = get(t, h, path+"/history")
	if code != 200 {
		t.Fatalf("history = %d %s", code, out)
	}
	hist := decode[struct {
		Data []model.Change `json:"data"`
	}](t, out)
	var lines []string
	for _, c := range hist.Data {
		if c.ChangedBy != "curator" {
			t.Errorf("change %d by %q, want curator", c.ID, c.ChangedBy)
		}
		lines = append(lines, fmt.Sprintf("%s %s %s", c.Action, c.Entity, strings.Join(c.Fields, ",")))
	}
	want := []string{
		"create event ", "create actor ", "create figure ",
		"update event confidence,title", "update figure qualifier,value", "create source ",
		"update event confidence",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("history:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	for _, c := range hist.Data {
		if c.Entity == "event" && c.Action == "update" && strings.Contains(strings.Join(c.Fields, ","), "title") {
			if c.Before["title"] != "Example Corp cuts 120 jobs" || c.After["title"] != "Example Corp cuts 150 jobs" {
				t.Errorf("title change before %v after %v", c.Before["title"], c.After["title"])
			}
		}
		if c.Entity == "figure" && c.Action == "update" && (c.Before["value"] != 120.0 || c.After["value"] != 150.0) {
			t.Errorf("figure change before %v after %v", c.Before["value"], c.After["value"])
		}
	}
	// Pages of one.
	code, _, out = get(t, h, path+"/history?limit=1")
	if page := decode[struct {
		Data []model.Change `json:"data"`
		Next *string        `json:"next"`
	}](t, out); code != 200 || len(page.Data) != 1 || page.Next == nil {
		t.Errorf("history page = %d %s", code, out)
	}
	if code, _, _ := get(t, h, "/v1/events/999999/history"); code != 404 {
		t.Errorf("history of unknown event = %d", code)
	}
}

func TestEventDelete(t *testing.T) {
	h, _, key := newWriteServer(t)
	code, _, out := call(t, h, "POST", "/v1/events", key, issueBody)
	if code != 201 {
		t.Fatalf("POST = %d %s", code, out)
	}
	id := decode[model.EventDetail](t, out).ID
	path := "/v1/events/" + itoa(id)
	for range 2 { // deleting twice is fine
		if code, _, out := call(t, h, "DELETE", path, key, ""); code != 204 || len(out) != 0 {
			t.Fatalf("DELETE = %d %s", code, out)
		}
	}
	code, _, out = get(t, h, path)
	if code != 200 || decode[model.EventDetail](t, out).Status != "retracted" {
		t.Errorf("GET retracted = %d %s", code, out)
	}
	_, _, out = get(t, h, "/v1/events?from=2024-01-01")
	if strings.Contains(string(out), `"id":`+itoa(id)+`,`) {
		t.Errorf("retracted event listed: %s", out)
	}
	if code, _, _ := call(t, h, "DELETE", "/v1/events/999999", key, ""); code != 404 {
		t.Errorf("DELETE unknown = %d", code)
	}
}

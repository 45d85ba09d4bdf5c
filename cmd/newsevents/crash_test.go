package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// crashRows returns a CSV table of n layoffs, each with its company, two figures (people laid
// off, share of the workforce) and a source URL.
func crashRows(n int) string {
	var b strings.Builder
	b.WriteString("company,location,total_laid_off,date,percentage_laid_off,industry,source,country\n")
	day := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := day.AddDate(0, 0, i%1500)
		fmt.Fprintf(&b, "Crashco %05d,Springfield,%d,%d/%d/%d,0.1,Retail,https://example.org/crash/%d,United States\n",
			i, 100+i%900, int(d.Month()), d.Day(), d.Year(), i)
	}
	return b.String()
}

// post is one POST of the crash test's stream, and what it got.
type post struct {
	title, body string
	status      int
	location    string
	replayed    bool
	err         error
}

func postEvent(base, key string, p *post) {
	req, _ := http.NewRequest("POST", base+"/v1/events", strings.NewReader(p.body))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", p.title)
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		p.err = err
		return
	}
	defer resp.Body.Close()
	var v struct {
		ID int64 `json:"id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		p.err = err
		return
	}
	p.status, p.location = resp.StatusCode, resp.Header.Get("Location")
	p.replayed = resp.Header.Get("Idempotency-Replayed") == "true"
	if resp.StatusCode == http.StatusCreated && p.location != fmt.Sprintf("/v1/events/%d", v.ID) {
		p.err = fmt.Errorf("Location %q for event %d", p.location, v.ID)
	}
}

// TestKillDuringWrites kills the server process with SIGKILL in the middle of a large import
// and of a stream of POSTs, then crashes PostgreSQL too (immediate stop: no checkpoint), and
// restarts: every acknowledged write is there, whole; no event lacks its figures, actor or
// source and no figure lacks its event; Idempotency-Keys answered before the crash are
// replayed after it, and the keys of requests cut off are either replayed or done once; the
// import, run again, completes without duplicating anything.
func TestKillDuringWrites(t *testing.T) {
	data := tempDataDir(t)
	vars := map[string]string{"NEWSEVENTS_SEED": "never", "NEWSEVENTS_RATE_LIMIT_IP": "0", "NEWSEVENTS_RATE_LIMIT_KEY": "0", "LOG_LEVEL": "warn"}
	p := startProcess(t, data, vars)
	out, errOut, err := newsevents(t, map[string]string{"NEWSEVENTS_DATA_DIR": data, "LOG_LEVEL": "warn"}, "keys", "create", "--name", "crash", "--scope", "write")
	if err != nil {
		t.Fatalf("keys create: %v\n%s", err, errOut)
	}
	key := strings.TrimSpace(out)
	const rows = 8000
	table := crashRows(rows)

	c := cluster(t, data)
	db, err := pgx.Connect(context.Background(), c.URL(embeddedDB))
	if err != nil {
		t.Fatal(err)
	}
	imported := func() int {
		var n int
		if err := db.QueryRow(context.Background(), `SELECT count(*) FROM events WHERE title NOT LIKE 'crash-post-%'`).Scan(&n); err != nil {
			return -1
		}
		return n
	}

	// The import, streamed: the first 6,000 rows, then the rest only after the crash, so the
	// crash always comes in the middle of it whatever the machine's speed. And three workers
	// posting events until the crash.
	stop := make(chan struct{})
	body, bodyW := io.Pipe()
	go func() {
		cut := strings.Index(table, "Crashco 06000,")
		if _, err := io.WriteString(bodyW, table[:cut]); err != nil {
			return
		}
		<-stop
		_, _ = io.WriteString(bodyW, table[cut:])
		bodyW.Close()
	}()
	importDone := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest("POST", p.base+"/v1/import", body)
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "text/csv")
		resp, err := (&http.Client{Timeout: 10 * time.Minute}).Do(req)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			err = fmt.Errorf("the import finished before the kill: %d %.300s", resp.StatusCode, b)
		}
		importDone <- err
	}()
	var mu sync.Mutex
	var posts []*post
	acked := func() int {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for _, p := range posts {
			if p.status == http.StatusCreated {
				n++
			}
		}
		return n
	}
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				title := fmt.Sprintf("crash-post-%d-%d", w, i)
				ps := &post{title: title, body: `{"type":"layoff","title":"` + title + `","date_start":"2024-03-05",
					"actors":[{"name":"Crash Poster","kind":"organization","role":"employer"}],
					"figures":[{"metric":"employees_affected","value":10,"unit":"person","qualifier":"exact"},
					           {"metric":"workforce_share","value":0.1,"unit":"ratio","qualifier":"approximate"}]}`}
				mu.Lock()
				posts = append(posts, ps)
				mu.Unlock()
				postEvent(p.base, key, ps)
				if ps.err != nil {
					return // the server is gone
				}
			}
		}()
	}
	waitFor(t, 3*time.Minute, "the import and the posts to be under way", func() bool {
		return imported() >= 1000 && acked() >= 20
	})

	// Crash: the server, then PostgreSQL.
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.wait(time.Minute); err == nil {
		t.Fatal("the killed process exited cleanly")
	}
	close(stop)
	wg.Wait()
	if err := <-importDone; err == nil || strings.Contains(err.Error(), "finished before the kill") {
		t.Fatalf("import: %v", err)
	}
	db.Close(context.Background())
	if err := c.Kill(context.Background()); err != nil {
		t.Fatal(err)
	}

	p = startProcess(t, data, vars)
	c = cluster(t, data)
	db, err = pgx.Connect(context.Background(), c.URL(embeddedDB))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	n := imported()
	t.Logf("at the crash: %d of %d rows imported, %d posts acknowledged of %d sent", n, rows, acked(), len(posts))
	if n <= 0 || n >= rows {
		t.Fatalf("%d of %d rows imported after the crash: the kill was not in the middle", n, rows)
	}
	checkWhole(t, db)

	// Acknowledged writes are there and replay; cut-off ones are done at most once.
	for _, ps := range posts {
		again := &post{title: ps.title, body: ps.body}
		postEvent(p.base, key, again)
		if again.err != nil || again.status != http.StatusCreated {
			t.Errorf("%s sent again after the restart: %d %v", ps.title, again.status, again.err)
			continue
		}
		if ps.status == http.StatusCreated && (again.location != ps.location || !again.replayed) {
			t.Errorf("%s: acknowledged as %s before the crash; after it %s (replayed: %v), want the same answer replayed",
				ps.title, ps.location, again.location, again.replayed)
		}
	}
	var dup int
	if err := db.QueryRow(context.Background(), `SELECT count(*) FROM (SELECT title FROM events
		WHERE title LIKE 'crash-post-%' GROUP BY title HAVING count(*) > 1) d`).Scan(&dup); err != nil {
		t.Fatal(err)
	}
	if dup > 0 {
		t.Errorf("%d posts were written twice", dup)
	}
	var stored int
	if err := db.QueryRow(context.Background(), `SELECT count(*) FROM events WHERE title LIKE 'crash-post-%'`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != len(posts) {
		t.Errorf("%d posts stored for %d sent (each sent again after the restart)", stored, len(posts))
	}

	// The import again: it completes, and adds only what was missing.
	res := send(t, "POST", p.base+"/v1/import", key, "text/csv", table)
	if res.status != http.StatusOK {
		t.Fatalf("import after the restart: %d %.500s\nserver logs:\n%s", res.status, res.body, p.logs)
	}
	if n := imported(); n != rows {
		t.Errorf("%d imported events after the second import, want %d", n, rows)
	}
	checkWhole(t, db)
	if t.Failed() {
		t.Logf("server logs after the restart:\n%s", p.logs)
	}
}

// checkWhole fails the test for any partial record: an event without its two figures or its
// actor, an imported event without its source, a figure or a source without its event.
func checkWhole(t *testing.T, db *pgx.Conn) {
	t.Helper()
	checks := map[string]string{
		"events without their two figures": `SELECT count(*) FROM events e
			WHERE (SELECT count(*) FROM figures f WHERE f.event_id = e.id) <> 2`,
		"events without their actor": `SELECT count(*) FROM events e
			WHERE (SELECT count(*) FROM event_actors a WHERE a.event_id = e.id) <> 1`,
		"imported events without their source": `SELECT count(*) FROM events e WHERE e.title NOT LIKE 'crash-post-%'
			AND (SELECT count(*) FROM event_sources s WHERE s.event_id = e.id) <> 1`,
		"figures without their event": `SELECT count(*) FROM figures f WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = f.event_id)`,
		"sources without their event": `SELECT count(*) FROM event_sources s WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = s.event_id)`,
	}
	for what, q := range checks {
		var n int
		if err := db.QueryRow(context.Background(), q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if n > 0 {
			t.Errorf("%d %s", n, what)
		}
	}
}

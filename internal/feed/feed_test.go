package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// wait is how long a test waits for something that should happen at once: long, as the
// machine is shared and loaded.
const wait = time.Minute

// running is a hub running on a fresh database.
type running struct {
	pool *pgxpool.Pool
	st   *store.Store
	hub  *Hub
}

func startHub(t *testing.T, opts Options) *running {
	t.Helper()
	pool := testdb.New(t)
	st := store.New(pool)
	hub := New(slog.New(slog.NewTextHandler(io.Discard, nil)), st, opts)
	done := make(chan struct{})
	go func() {
		defer close(done)
		hub.Run(context.Background())
	}()
	t.Cleanup(func() {
		hub.Close()
		<-done
	})
	waitUntil(t, "the hub to listen", hub.Listening)
	return &running{pool: pool, st: st, hub: hub}
}

// waitUntil polls cond until it holds, failing the test after wait.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", wait, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (r *running) insert(t *testing.T, typ, title string) int64 {
	t.Helper()
	var id int64
	err := r.pool.QueryRow(context.Background(), `INSERT INTO events (type, title, date_start, date_end, date_precision)
		VALUES ($1, $2, '2024-03-05', '2024-03-05', 'day') RETURNING id`, typ, title).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (r *running) update(t *testing.T, id int64, title string) {
	t.Helper()
	if _, err := r.pool.Exec(context.Background(), `UPDATE events SET title = $2 WHERE id = $1`, id, title); err != nil {
		t.Fatal(err)
	}
}

// version is an event version as a stream sent it.
type version struct {
	ID    int64
	Title string
	At    time.Time
}

func (v version) String() string { return fmt.Sprintf("%d %q", v.ID, v.Title) }

// collect calls Next until the stream has sent n versions in all (failing after wait), and
// returns them.
func collect(t *testing.T, s *Stream, n int) []version {
	t.Helper()
	var out []version
	deadline := time.After(wait)
	for len(out) < n {
		events, err := s.Next(context.Background())
		if err != nil {
			t.Fatalf("after %d of %d versions: %v", len(out), n, err)
		}
		for _, e := range events {
			out = append(out, version{e.ID, e.Title, e.UpdatedAt})
		}
		if len(events) > 0 || s.Behind() {
			continue
		}
		select {
		case <-s.Ready():
		case <-deadline:
			t.Fatalf("waited %s for %d versions, got %v", wait, n, out)
		}
	}
	return out
}

// quiet fails when s has anything more to send now (after reading the database, if it must).
func quiet(t *testing.T, s *Stream) {
	t.Helper()
	for {
		events, err := s.Next(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(events) > 0 {
			t.Fatalf("unexpected %s", events[0].Title)
		}
		if !s.Behind() {
			return
		}
	}
}

func titles(vs []version) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Title
	}
	return out
}

// TestSwitchFromDatabaseToLive: changes committed after a stream subscribed but before it read
// the database are both read and heard; each is sent once. A later change is sent live.
func TestSwitchFromDatabaseToLive(t *testing.T) {
	t.Parallel()
	r := startHub(t, Options{})
	first := r.insert(t, "layoff", "before")
	head, _, err := r.st.EventHead(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s, err := Follow(r.st, r.hub, store.EventFilter{}, &Position{UpdatedAt: head.UpdatedAt, ID: head.ID})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	second := r.insert(t, "layoff", "during")
	r.update(t, first, "before, changed during")
	// The insert of the first event may be heard too (its notification may come after the
	// subscription): the queue then also holds its first version, which must not be sent.
	waitUntil(t, "both changes to be heard", func() bool {
		s.sub.mu.Lock()
		defer s.sub.mu.Unlock()
		heard := map[string]bool{}
		for _, e := range s.sub.queue {
			heard[e.Title] = true
		}
		return heard["during"] && heard["before, changed during"]
	})

	got := collect(t, s, 2)
	if fmt.Sprint(titles(got)) != `[during before, changed during]` {
		t.Fatalf("sent %v, want the two changes once, in position order", got)
	}
	quiet(t, s) // the same two versions, heard live, are not sent again
	r.update(t, second, "after")
	if got := collect(t, s, 1); got[0].ID != second || got[0].Title != "after" {
		t.Fatalf("live change: %v", got)
	}
	if p := s.Position(); p.ID != second {
		t.Errorf("position %s, want the last change's", p)
	}
}

// TestLateCommitIsSent: a transaction that started before another but commits after it has the
// smaller position; its change is sent all the same, and the position does not go back.
func TestLateCommitIsSent(t *testing.T) {
	t.Parallel()
	r := startHub(t, Options{})
	ctx := context.Background()
	s, err := Follow(r.st, r.hub, store.EventFilter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	quiet(t, s)
	early, err := r.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer early.Rollback(ctx) //nolint:errcheck // committed below
	var began time.Time
	if err := early.QueryRow(ctx, `SELECT now()`).Scan(&began); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the database clock to pass the early transaction's start", func() bool {
		var ok bool
		err := r.pool.QueryRow(ctx, `SELECT clock_timestamp() > $1`, began).Scan(&ok)
		return err == nil && ok
	})
	r.insert(t, "layoff", "started late, committed first")
	if got := collect(t, s, 1); got[0].Title != "started late, committed first" {
		t.Fatalf("got %v", got)
	}
	after := s.Position()
	if _, err := early.Exec(ctx, `INSERT INTO events (type, title, date_start, date_end, date_precision)
		VALUES ('layoff', 'started early, committed last', '2024-03-05', '2024-03-05', 'day')`); err != nil {
		t.Fatal(err)
	}
	if err := early.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	got := collect(t, s, 1)
	if got[0].Title != "started early, committed last" || !got[0].At.Before(after.UpdatedAt) {
		t.Fatalf("got %v at %s, want the early transaction's change, before %s", got, got[0].At, after)
	}
	if s.Position() != after {
		t.Errorf("position went from %s to %s", after, s.Position())
	}
}

// TestListenerRecovers: the listening connection is killed (pg_terminate_backend); the hub
// listens again by itself, and the stream gets every change, those made while nobody listened
// included, each once.
func TestListenerRecovers(t *testing.T) {
	t.Parallel()
	r := startHub(t, Options{MinBackoff: 10 * time.Millisecond})
	ctx := context.Background()
	s, err := Follow(r.st, r.hub, store.EventFilter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	quiet(t, s)
	r.insert(t, "layoff", "one")
	collect(t, s, 1)

	listener := func() (pid int) {
		_ = r.pool.QueryRow(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'newsevents feed'`).Scan(&pid)
		return pid
	}
	old := listener()
	var killed bool
	if err := r.pool.QueryRow(ctx, `SELECT pg_terminate_backend($1)`, old).Scan(&killed); err != nil || !killed {
		t.Fatalf("kill the listener %d: %v %v", old, killed, err)
	}
	for i := range 5 {
		r.insert(t, "layoff", fmt.Sprintf("while down %d", i))
	}
	waitUntil(t, "a new listener", func() bool { p := listener(); return p != 0 && p != old && r.hub.Listening() })
	r.insert(t, "layoff", "after")
	got := collect(t, s, 6)
	want := `[while down 0 while down 1 while down 2 while down 3 while down 4 after]`
	if fmt.Sprint(titles(got)) != want {
		t.Fatalf("after the listener was killed: %v, want %s", titles(got), want)
	}
	quiet(t, s)
}

// TestSlowSubscriberLags: a subscriber that takes nothing while more than Buffer changes arrive
// is cut off; one that keeps up gets them all, never waiting for the other.
func TestSlowSubscriberLags(t *testing.T) {
	t.Parallel()
	r := startHub(t, Options{Buffer: 5})
	fast, err := Follow(r.st, r.hub, store.EventFilter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer fast.Close()
	slow, err := Follow(r.st, r.hub, store.EventFilter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	quiet(t, fast)
	quiet(t, slow)
	for i := range 20 {
		r.insert(t, "layoff", fmt.Sprint(i))
		if got := collect(t, fast, 1); got[0].Title != fmt.Sprint(i) {
			t.Fatalf("fast subscriber got %v, want %d", got, i)
		}
	}
	if _, err := slow.Next(context.Background()); !errors.Is(err, ErrLagged) {
		t.Fatalf("slow subscriber: %v, want ErrLagged", err)
	}
}

// TestFilterAndClose: a stream gets only the changes its filter matches, tombstones included;
// closing the hub ends it with ErrClosed after what it had queued, and refuses new ones.
func TestFilterAndClose(t *testing.T) {
	t.Parallel()
	r := startHub(t, Options{})
	s, err := Follow(r.st, r.hub, store.EventFilter{Types: []string{"acquisition"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	quiet(t, s)
	r.insert(t, "layoff", "not this")
	deal := r.insert(t, "acquisition", "this")
	if _, err := r.pool.Exec(context.Background(), `UPDATE events SET status = 'retracted' WHERE id = $1`, deal); err != nil {
		t.Fatal(err)
	}
	// The insert and the retraction may be read in one go: then only the retracted version
	// is queued, as it is the event's version by then.
	waitUntil(t, "the retraction to be heard", func() bool {
		s.sub.mu.Lock()
		defer s.sub.mu.Unlock()
		q := s.sub.queue
		return len(q) > 0 && q[len(q)-1].Status == "retracted"
	})
	r.hub.Close()
	var got []*model.Event
	for {
		events, err := s.Next(context.Background())
		got = append(got, events...)
		if err != nil {
			if !errors.Is(err, ErrClosed) {
				t.Errorf("after Close: %v, want ErrClosed", err)
			}
			break
		}
	}
	if len(got) == 0 || len(got) > 2 || got[len(got)-1].ID != deal || got[len(got)-1].Status != "retracted" {
		t.Fatalf("got %d versions, want the acquisition (and its retraction, the last)", len(got))
	}
	if _, err := Follow(r.st, r.hub, store.EventFilter{}, nil); !errors.Is(err, ErrClosed) {
		t.Errorf("Follow after Close: %v, want ErrClosed", err)
	}
	if _, err := Follow(r.st, r.hub, store.EventFilter{Query: "layoff"}, nil); err == nil {
		t.Errorf("Follow with a text query: no error")
	}
}

// TestWithoutHub: without a hub, a stream sends what the database holds after its position,
// then ends with ErrNotLive.
func TestWithoutHub(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	r := &running{pool: pool, st: store.New(pool)}
	r.insert(t, "layoff", "a")
	r.insert(t, "layoff", "b")
	s, err := Follow(r.st, nil, store.EventFilter{}, &Position{})
	if err != nil {
		t.Fatal(err)
	}
	if got := collect(t, s, 2); fmt.Sprint(titles(got)) != "[a b]" {
		t.Fatalf("got %v", got)
	}
	if _, err := s.Next(context.Background()); !errors.Is(err, ErrNotLive) {
		t.Fatalf("then %v, want ErrNotLive", err)
	}
}

func TestPosition(t *testing.T) {
	p := Position{UpdatedAt: time.Date(2024, 3, 5, 10, 15, 30, 123456000, time.FixedZone("", 3600)), ID: 42}
	if s := p.String(); s != "2024-03-05T09:15:30.123456Z/42" {
		t.Errorf("String = %s", s)
	}
	q, err := ParsePosition(p.String())
	if err != nil || q != (Position{UpdatedAt: p.UpdatedAt.UTC(), ID: 42}) {
		t.Errorf("round trip: %v %v", q, err)
	}
	for _, bad := range []string{"", "42", "2024-03-05/42", "2024-03-05T09:15:30Z/-1", "2024-03-05T09:15:30Z/+1",
		"2024-03-05T09:15:30Z/x", "2024-03-05T09:15:30Z/99999999999999999999", "x/1", "2024-03-05T09:15:30Z/1/2"} {
		if _, err := ParsePosition(bad); err == nil {
			t.Errorf("ParsePosition(%q): no error", bad)
		}
	}
	if !(Position{ID: 1}).Before(Position{ID: 2}) || (Position{UpdatedAt: time.Unix(1, 0)}).Before(Position{ID: 9}) {
		t.Errorf("Before")
	}
}

func TestVersionsForgetOldest(t *testing.T) {
	v := newVersions(3)
	at := time.Unix(100, 0)
	for id := range int64(5) {
		v.put(id, at)
	}
	v.put(4, at.Add(time.Second))
	for id, want := range []bool{false, false, true, true, true} {
		if _, ok := v.get(int64(id)); ok != want {
			t.Errorf("event %d remembered %v, want %v", id, ok, want)
		}
	}
	if got, _ := v.get(4); !got.Equal(at.Add(time.Second)) {
		t.Errorf("event 4 at %s", got)
	}
}

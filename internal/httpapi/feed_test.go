package httpapi_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/feed"
	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/testdb"
)

// feedWait is how long a feed test waits for what should come at once: only a guard against
// a hang, as the machine is shared and may be slow.
const feedWait = time.Minute

// liveAPI is the real router, with a running hub, behind a real HTTP server.
type liveAPI struct {
	t    *testing.T
	srv  *httptest.Server
	hub  *feed.Hub
	st   *store.Store
	pool *pgxpool.Pool
	key  string // a write key
}

// newLiveAPI serves the API with opts and a running hub (built with hubOpts) on a fresh, empty
// database. Shutting the server down closes the hub, as newsevents serve does.
func newLiveAPI(t *testing.T, opts httpapi.Options, hubOpts feed.Options) *liveAPI {
	t.Helper()
	pool := testdb.New(t)
	st := store.New(pool)
	log := slog.New(slog.DiscardHandler)
	hub := feed.New(log, st, hubOpts)
	done := make(chan struct{})
	go func() {
		defer close(done)
		hub.Run(context.Background())
	}()
	opts.Feed = hub
	srv := httptest.NewUnstartedServer(httpapi.NewServer(log, st, opts))
	srv.Config.RegisterOnShutdown(hub.Close)
	srv.Start()
	t.Cleanup(func() {
		srv.Close()
		hub.Close()
		<-done
	})
	a := &liveAPI{t: t, srv: srv, hub: hub, st: st, pool: pool, key: newKey(t, st, "feeder", "write")}
	a.waitFor("the hub to listen", hub.Listening)
	return a
}

// waitFor polls cond until it holds, failing the test after feedWait.
func (a *liveAPI) waitFor(what string, cond func() bool) {
	a.t.Helper()
	deadline := time.Now().Add(feedWait)
	for !cond() {
		if time.Now().After(deadline) {
			a.t.Fatalf("waited %s for %s", feedWait, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// post creates an event through the API and returns its id.
func (a *liveAPI) post(typ, title string) int64 {
	a.t.Helper()
	body := fmt.Sprintf(`{"type":%q,"title":%q,"date_start":"2024-03-05"}`, typ, title)
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/v1/events", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+a.key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		a.t.Fatalf("POST /v1/events: %d %s", resp.StatusCode, out)
	}
	var e struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(out, &e); err != nil {
		a.t.Fatal(err)
	}
	return e.ID
}

// patch changes the title of an event through the API.
func (a *liveAPI) patch(id int64, title string) {
	a.t.Helper()
	req, _ := http.NewRequest(http.MethodPatch, fmt.Sprintf("%s/v1/events/%d", a.srv.URL, id), strings.NewReader(fmt.Sprintf(`{"title":%q}`, title)))
	req.Header.Set("Authorization", "Bearer "+a.key)
	req.Header.Set("Content-Type", "application/merge-patch+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		a.t.Fatalf("PATCH /v1/events/%d: %d %s", id, resp.StatusCode, out)
	}
}

// sseMessage is one Server-Sent Events message: fields, or a comment line alone.
type sseMessage struct {
	ID, Event, Data, Comment string
	Retry                    string
}

// sseStream is an open feed, read message by message.
type sseStream struct {
	t      *testing.T
	resp   *http.Response
	cancel context.CancelFunc
	msgs   chan sseMessage
	// done is closed when the body ends; err says how.
	done chan struct{}
	err  error
}

// openFeed opens GET path with headers given as name, value pairs. The response's status and
// headers are held to the spec.
func (a *liveAPI) openFeed(path string, header ...string) *sseStream {
	a.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, a.srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		a.t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		a.t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	check := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		check.Header.Set(header[i], header[i+1])
	}
	checkContract(a.t, check, &response{Status: resp.StatusCode, Header: resp.Header})
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") || resp.Header.Get("Content-Encoding") != "" {
		a.t.Errorf("feed Content-Type %q, Content-Encoding %q", ct, resp.Header.Get("Content-Encoding"))
	}
	s := &sseStream{t: a.t, resp: resp, cancel: cancel, msgs: make(chan sseMessage, 1000), done: make(chan struct{})}
	go s.read()
	a.t.Cleanup(s.close)
	return s
}

func (s *sseStream) read() {
	defer close(s.done)
	defer close(s.msgs)
	br := bufio.NewReader(s.resp.Body)
	var m sseMessage
	var any bool
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			s.err = err
			return
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			if any {
				s.msgs <- m
			}
			m, any = sseMessage{}, false
			continue
		}
		any = true
		name, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch name {
		case "":
			m.Comment = value
		case "id":
			m.ID = value
		case "event":
			m.Event = value
		case "data":
			m.Data = value
		case "retry":
			m.Retry = value
		}
	}
}

func (s *sseStream) close() {
	s.cancel()
	s.resp.Body.Close()
	<-s.done
}

// next returns the next message, failing the test when the stream ends or after feedWait.
func (s *sseStream) next() sseMessage {
	s.t.Helper()
	select {
	case m, ok := <-s.msgs:
		if !ok {
			s.t.Fatalf("the feed ended: %v", s.err)
		}
		return m
	case <-time.After(feedWait):
		s.t.Fatalf("waited %s for a feed message", feedWait)
	}
	return sseMessage{}
}

// nextData returns the next message with data, skipping comments and bare positions.
func (s *sseStream) nextData() sseMessage {
	s.t.Helper()
	for {
		if m := s.next(); m.Data != "" {
			return m
		}
	}
}

// started reads the messages that open a stream: the retry advice, then the client's position
// (an id without data), which it returns: once it came, the stream is subscribed.
func (s *sseStream) started() string {
	s.t.Helper()
	if m := s.next(); m.Retry != "3000" {
		s.t.Fatalf("first message %+v, want retry: 3000", m)
	}
	m := s.next()
	if m.ID == "" || m.Data != "" {
		s.t.Fatalf("second message %+v, want the position alone", m)
	}
	return m.ID
}

// feedEvent is the part of a feed message's event the tests look at.
type feedEvent struct {
	ID     int64  `json:"id"`
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status string `json:"status"`
}

func (s *sseStream) nextEvent() (feedEvent, sseMessage) {
	s.t.Helper()
	m := s.nextData()
	if m.Event != "" {
		s.t.Fatalf("message %+v, want an event change", m)
	}
	var e feedEvent
	if err := json.Unmarshal([]byte(m.Data), &e); err != nil {
		s.t.Fatalf("data %q: %v", m.Data, err)
	}
	return e, m
}

// nextTitles reads the next n event changes and returns their titles.
func (s *sseStream) nextTitles(n int) []string {
	s.t.Helper()
	var titles []string
	for range n {
		e, _ := s.nextEvent()
		titles = append(titles, e.Title)
	}
	return titles
}

// TestFeedLive: a client connected to the feed receives the changes POSTed and PATCHed after it
// connected, those its filter selects only, each as GET /v1/events lists the event, with its
// position as the message id.
func TestFeedLive(t *testing.T) {
	t.Parallel()
	a := newLiveAPI(t, httpapi.DefaultOptions(), feed.Options{})
	all := a.openFeed("/v1/feed")
	layoffs := a.openFeed("/v1/feed?type=layoff&from=2024-01-01")
	all.started()
	layoffs.started()

	a.post("resignation", "not a layoff")
	id := a.post("layoff", "a layoff")
	for _, want := range []string{"not a layoff", "a layoff"} {
		if e, _ := all.nextEvent(); e.Title != want {
			t.Fatalf("unfiltered feed: %q, want %q", e.Title, want)
		}
	}
	// In commit order: had the filter let the resignation through, it would come first.
	e, m := layoffs.nextEvent()
	if e.ID != id || e.Title != "a layoff" {
		t.Fatalf("filtered feed: %+v, want event %d, the layoff", e, id)
	}
	pos, err := feed.ParsePosition(m.ID)
	if err != nil || pos.ID != id {
		t.Fatalf("message id %q: %v, want the position of event %d", m.ID, err, id)
	}
	a.patch(id, "a layoff, corrected")
	if e, _ := all.nextEvent(); e.Title != "a layoff, corrected" {
		t.Fatalf("unfiltered feed: %q, want the correction", e.Title)
	}
	e, m = layoffs.nextEvent()
	if e.ID != id || e.Title != "a layoff, corrected" {
		t.Fatalf("then %+v, want the correction", e)
	}
	// The data is the event as the listing of changes shows it, byte for byte.
	pos, _ = feed.ParsePosition(m.ID)
	res, err := http.Get(a.srv.URL + "/v1/events?type=layoff&sort=updated&updated_since=" + url.QueryEscape(pos.UpdatedAt.Format(time.RFC3339Nano)))
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Data []json.RawMessage `json:"data"`
	}
	err = json.NewDecoder(res.Body).Decode(&page)
	res.Body.Close()
	if err != nil || len(page.Data) != 1 {
		t.Fatalf("listing of the change: %v, %d events", err, len(page.Data))
	}
	if !bytes.Equal(page.Data[0], []byte(m.Data)) {
		t.Errorf("feed data\n%s\nlisting item\n%s", m.Data, page.Data[0])
	}
}

// TestFeedResume: a client that comes back with the id of the last message it got
// (Last-Event-ID) receives exactly the changes it missed, those its filter selects, in order,
// then the live ones: none twice, none lost.
func TestFeedResume(t *testing.T) {
	t.Parallel()
	a := newLiveAPI(t, httpapi.DefaultOptions(), feed.Options{})
	first := a.openFeed("/v1/feed?type=layoff")
	first.started()
	kept := a.post("layoff", "one")
	_, m := first.nextEvent()
	last := m.ID
	first.close()

	a.post("layoff", "missed two")
	a.post("acquisition", "not followed")
	a.patch(kept, "one, changed while away")
	a.post("layoff", "missed three")

	again := a.openFeed("/v1/feed?type=layoff", "Last-Event-ID", last)
	if m := again.next(); m.Retry != "3000" {
		t.Fatalf("first message %+v", m)
	}
	got := again.nextTitles(3)
	if want := "[missed two one, changed while away missed three]"; fmt.Sprint(got) != want {
		t.Fatalf("replayed %v, want %s", got, want)
	}
	a.post("layoff", "live four")
	if e, _ := again.nextEvent(); e.Title != "live four" {
		t.Fatalf("after the replay: %q, want the live change (nothing sent twice)", e.Title)
	}

	// since, a position: the same replay, from a URL.
	bySince := a.openFeed("/v1/feed?type=layoff&since=" + url.QueryEscape(last))
	got = bySince.nextTitles(4)
	if want := "[missed two one, changed while away missed three live four]"; fmt.Sprint(got) != want {
		t.Fatalf("since %s: %v, want %s", last, got, want)
	}
}

// TestFeedHeartbeat: a quiet stream sends a comment every FeedHeartbeat.
func TestFeedHeartbeat(t *testing.T) {
	t.Parallel()
	opts := httpapi.DefaultOptions()
	opts.FeedHeartbeat = 20 * time.Millisecond
	a := newLiveAPI(t, opts, feed.Options{})
	s := a.openFeed("/v1/feed")
	s.started()
	for range 3 {
		if m := s.next(); m.Comment != "keep-alive" || m.Data != "" || m.ID != "" {
			t.Fatalf("on a quiet stream: %+v, want a keep-alive comment", m)
		}
	}
}

// TestFeedsAtOnce: past MaxFeeds open streams, another gets a 503 problem with Retry-After;
// once one closes, the next is served.
func TestFeedsAtOnce(t *testing.T) {
	t.Parallel()
	opts := httpapi.DefaultOptions()
	opts.MaxFeeds = 1
	a := newLiveAPI(t, opts, feed.Options{})
	first := a.openFeed("/v1/feed")
	first.started()
	res, _ := callOp(t, a.srv.Config.Handler, http.MethodGet, "/v1/feed?type=layoff", "", "")
	if res.Status != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Fatalf("second feed: %d, Retry-After %q: %s", res.Status, res.Header.Get("Retry-After"), res.Body)
	}
	first.close()
	a.waitFor("the first feed's slot to be free", func() bool {
		resp, err := http.Get(a.srv.URL + "/v1/feed")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

// TestFeedBadRequests: a bad filter, an unknown parameter, a bad since or Last-Event-ID is a
// 400 problem naming the parameter.
func TestFeedBadRequests(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	for _, tt := range []struct {
		path, header, want string
	}{
		{"/v1/feed?type=lay-off", "", "type"},
		{"/v1/feed?from=2022-13-01", "", "from"},
		{"/v1/feed?from=2022-11-30&to=2022-11-01", "", "to"},
		{"/v1/feed?actor=nobody-at-all", "", "actor"},
		{"/v1/feed?status=gone", "", "status"},
		{"/v1/feed?q=layoff", "", "q"},
		{"/v1/feed?since=yesterday", "", "since"},
		{"/v1/feed?since=2024-03-05T10:15:30Z/x", "", "since"},
		{"/v1/feed", "Last-Event-ID: 42", "Last-Event-ID"},
		{"/v1/feed?since=2024-01-01T00:00:00Z", "Last-Event-ID: 2024-03-05/42", "Last-Event-ID"},
	} {
		var headers []string
		if tt.header != "" {
			headers = append(headers, tt.header)
		}
		res := s.get(tt.path, headers...)
		var p problem
		res.JSON(t, &p)
		if res.Status != http.StatusBadRequest || len(p.Errors) == 0 || p.Errors[0].Parameter != tt.want {
			t.Errorf("GET %s (%s): %d %s, want 400 naming %s", tt.path, tt.header, res.Status, res.Body, tt.want)
		}
	}
}

// TestFeedSurvivesListenerLoss: the hub's listening backend is terminated; it listens again by
// itself and the open stream gets every change, those made while nobody listened included,
// once each.
func TestFeedSurvivesListenerLoss(t *testing.T) {
	t.Parallel()
	a := newLiveAPI(t, httpapi.DefaultOptions(), feed.Options{MinBackoff: 10 * time.Millisecond})
	s := a.openFeed("/v1/feed")
	s.started()
	a.post("layoff", "before")
	if e, _ := s.nextEvent(); e.Title != "before" {
		t.Fatalf("got %q", e.Title)
	}
	ctx := context.Background()
	listener := func() (pid int) {
		_ = a.pool.QueryRow(ctx, `SELECT pid FROM pg_stat_activity
			WHERE datname = current_database() AND application_name = 'newsevents feed'`).Scan(&pid)
		return pid
	}
	old := listener()
	var killed bool
	if err := a.pool.QueryRow(ctx, `SELECT pg_terminate_backend($1)`, old).Scan(&killed); err != nil || !killed {
		t.Fatalf("terminate the listener %d: %v %v", old, killed, err)
	}
	for i := range 3 {
		a.post("layoff", fmt.Sprintf("while down %d", i))
	}
	a.waitFor("a new listener", func() bool { p := listener(); return p != 0 && p != old && a.hub.Listening() })
	a.post("layoff", "after")
	got := s.nextTitles(4)
	if want := "[while down 0 while down 1 while down 2 after]"; fmt.Sprint(got) != want {
		t.Fatalf("after the listener was terminated: %v, want %s", got, want)
	}
	a.post("layoff", "last")
	if e, _ := s.nextEvent(); e.Title != "last" {
		t.Fatalf("then %q, want the next change, nothing twice", e.Title)
	}
}

// TestFeedEndsAtShutdown: shutting the server down ends every open stream at once with a last
// "reconnect" message saying so and where to resume, so Shutdown does not wait for them.
func TestFeedEndsAtShutdown(t *testing.T) {
	t.Parallel()
	a := newLiveAPI(t, httpapi.DefaultOptions(), feed.Options{})
	streams := []*sseStream{a.openFeed("/v1/feed"), a.openFeed("/v1/feed?type=layoff")}
	for _, s := range streams {
		s.started()
	}
	a.post("layoff", "one")
	streams[0].nextEvent()
	_, m := streams[1].nextEvent()

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	var shutdownErr error
	wg.Go(func() { shutdownErr = a.srv.Config.Shutdown(ctx) })
	for i, s := range streams {
		end := s.nextData()
		var data struct {
			Reason      string `json:"reason"`
			LastEventID string `json:"last_event_id"`
		}
		if err := json.Unmarshal([]byte(end.Data), &data); err != nil || end.Event != "reconnect" || data.Reason != "shutdown" {
			t.Errorf("stream %d ended with %+v (%v), want a reconnect message, reason shutdown", i, end, err)
		}
		if i == 1 && data.LastEventID != m.ID {
			t.Errorf("resume at %q, want %q", data.LastEventID, m.ID)
		}
		select {
		case <-s.done:
		case <-time.After(feedWait):
			t.Fatalf("stream %d still open after its last message", i)
		}
	}
	wg.Wait()
	if shutdownErr != nil {
		t.Errorf("Shutdown: %v, want the streams ended at once", shutdownErr)
	}
}

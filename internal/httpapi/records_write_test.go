package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/model"
)

func TestArticleCreate(t *testing.T) {
	h, pool, key := newWriteServer(t)
	body := `{"url":"HTTPS://Example.com/2024/03/cuts?utm_campaign=x#top","source":"Example","title":"Cuts","language":"en","published_at":"2024-03-05T08:00:00Z"}`
	code, hdr, out := call(t, h, "POST", "/v1/articles", key, body)
	if code != 201 {
		t.Fatalf("POST = %d %s", code, out)
	}
	a := decode[model.Article](t, out)
	if a.URL != "https://example.com/2024/03/cuts" || a.Title != "Cuts" || hdr.Get("Location") != "/v1/articles/"+itoa(a.ID) {
		t.Errorf("article %+v, Location %q", a, hdr.Get("Location"))
	}
	// The same article again, spelled differently: the stored one, unchanged.
	code, _, out = call(t, h, "POST", "/v1/articles", key, `{"url":"https://example.com/2024/03/cuts?fbclid=1","title":"Other title"}`)
	if b := decode[model.Article](t, out); code != 200 || b.ID != a.ID || b.Title != "Cuts" {
		t.Errorf("second POST = %d %s", code, out)
	}
	if n := count(t, pool, `SELECT count(*) FROM articles WHERE url LIKE 'https://example.com/2024/03/cuts%'`); n != 1 {
		t.Errorf("%d articles", n)
	}
	code, _, out = call(t, h, "POST", "/v1/articles", key, `{"url":"ftp://x","id":3,"language":"english"}`)
	if p := decode[bodyProblem](t, out); code != 400 || strings.Join(p.pointers(), " ") != "/id /url /language" {
		t.Errorf("bad article = %d %s", code, out)
	}
}

func TestActorCreateAndPatch(t *testing.T) {
	h, _, key := newWriteServer(t)
	code, hdr, out := call(t, h, "POST", "/v1/actors", key, `{"name":"Électricité de France","kind":"organization","aliases":["EDF"],"country":"FR","wikidata_qid":"Q274591"}`)
	if code != 201 {
		t.Fatalf("POST = %d %s", code, out)
	}
	a := decode[model.Actor](t, out)
	if a.Slug != "electricite-de-france" || hdr.Get("Location") != "/v1/actors/"+itoa(a.ID) {
		t.Errorf("actor %+v", a)
	}
	// A second actor with the same name gets the next slug.
	code, _, out = call(t, h, "POST", "/v1/actors", key, `{"name":"Electricite de France","kind":"group"}`)
	if code != 201 || decode[model.Actor](t, out).Slug != "electricite-de-france-2" {
		t.Errorf("second = %d %s", code, out)
	}
	code, _, out = call(t, h, "POST", "/v1/actors", key, `{"name":"Other","kind":"person","slug":"twitter"}`)
	if code != 409 {
		t.Errorf("taken slug = %d %s", code, out)
	}
	code, _, out = call(t, h, "POST", "/v1/actors", key, `{"name":"","kind":"robot"}`)
	if p := decode[bodyProblem](t, out); code != 422 || strings.Join(p.pointers(), " ") != "/name /kind" {
		t.Errorf("bad actor = %d %s", code, out)
	}
	path := "/v1/actors/" + itoa(a.ID)
	code, _, out = call(t, h, "PATCH", path, key, `{"aliases":["EDF","Électricité de France SA"],"country":null,"description":"French utility"}`)
	p := decode[model.Actor](t, out)
	if code != 200 || len(p.Aliases) != 2 || p.Country != nil || p.Description != "French utility" || p.Slug != a.Slug || p.Name != a.Name {
		t.Errorf("PATCH = %d %s", code, out)
	}
	// The new alias finds the actor when an event names it.
	code, _, out = call(t, h, "POST", "/v1/events", key, `{"type":"strike","title":"Strike","date_start":"2024-01-10","actors":[{"name":"electricite de france sa","role":"employer"}]}`)
	if ev := decode[model.EventDetail](t, out); code != 201 || len(ev.Actors) != 1 || ev.Actors[0].ID != a.ID {
		t.Errorf("event by alias = %d %s", code, out)
	}
	if code, _, _ := call(t, h, "PATCH", "/v1/actors/999999", key, `{"name":"x"}`); code != 404 {
		t.Errorf("PATCH unknown = %d", code)
	}
}

func TestFigureWrites(t *testing.T) {
	h, pool, key := newWriteServer(t)
	code, _, out := call(t, h, "POST", "/v1/events", key, issueBody)
	if code != 201 {
		t.Fatalf("POST event = %d %s", code, out)
	}
	ev := decode[model.EventDetail](t, out)
	code, hdr, out := call(t, h, "POST", "/v1/figures", key, fmt.Sprintf(`{"event_id":%d,"metric":"workforce_share","value":0.1,"unit":"ratio",
		"article_url":"https://example.com/share","text":"10%% of staff","start":0,"end":12}`, ev.ID))
	if code != 201 {
		t.Fatalf("POST figure = %d %s", code, out)
	}
	f := decode[model.Figure](t, out)
	if f.EventID != ev.ID || f.ArticleURL == nil || *f.ArticleURL != "https://example.com/share" || hdr.Get("Location") != "/v1/figures/"+itoa(f.ID) {
		t.Errorf("figure %+v", f)
	}
	path := "/v1/figures/" + itoa(f.ID)
	code, _, out = call(t, h, "PATCH", path, key, `{"value":0.12,"qualifier":"approximate"}`)
	if g := decode[model.Figure](t, out); code != 200 || g.Value != 0.12 || g.Qualifier != "approximate" || g.ArticleID == nil {
		t.Errorf("PATCH = %d %s", code, out)
	}
	code, _, out = call(t, h, "PATCH", path, key, `{"unit":"USD"}`)
	if code != 422 || !strings.Contains(string(out), `"/unit"`) {
		t.Errorf("PATCH wrong unit = %d %s", code, out)
	}
	code, _, out = call(t, h, "POST", "/v1/figures", key, `{"event_id":999999,"metric":"headcount","value":1,"unit":"person"}`)
	if code != 422 || !strings.Contains(string(out), `"/event_id"`) {
		t.Errorf("POST on unknown event = %d %s", code, out)
	}
	if code, _, out := call(t, h, "DELETE", path, key, ""); code != 204 {
		t.Errorf("DELETE = %d %s", code, out)
	}
	if code, _, _ := call(t, h, "DELETE", path, key, ""); code != 404 {
		t.Errorf("DELETE again = %d", code)
	}
	// The figure's whole life is in its event's history.
	got := count(t, pool, `SELECT count(*) FROM event_history WHERE entity = 'figure' AND entity_id = $1`, f.ID)
	if got != 3 {
		t.Errorf("%d history entries for the figure, want 3 (create, update, delete)", got)
	}
}

package httpapi_test

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/model"
)

// articleCreated is the body of POST /v1/articles.
type articleCreated struct {
	model.ArticleDetail
	Extraction *model.Extraction `json:"extraction"`
}

// extractionClient posts articles with extraction through the real router on a fresh, empty
// database.
type extractionClient struct {
	t   *testing.T
	s   *apiServer
	key string
}

func newExtractionClient(t *testing.T) *extractionClient {
	t.Helper()
	s := newAPIWith(t, httpapi.DefaultOptions(), false)
	return &extractionClient{t: t, s: s, key: newKey(t, s.store, "curator", "write")}
}

// call sends a request with the write key and returns the status and body.
func (c *extractionClient) call(method, path, body string) (int, []byte) {
	c.t.Helper()
	code, _, out := call(c.t, c.s.handler, method, path, c.key, body)
	return code, out
}

// postArticle posts the text of testdata file name as an article to extract, and wants status.
func (c *extractionClient) postArticle(name, url, published string, status int) articleCreated {
	c.t.Helper()
	text, err := os.ReadFile("testdata/" + name)
	if err != nil {
		c.t.Fatal(err)
	}
	doc, _ := json.Marshal(map[string]any{"url": url, "published_at": published, "body": string(text), "extract": true})
	code, out := c.call("POST", "/v1/articles", string(doc))
	if code != status {
		c.t.Fatalf("POST /v1/articles %s = %d, want %d: %s", name, code, status, out)
	}
	a := decode[articleCreated](c.t, out)
	if a.Extraction == nil {
		c.t.Fatalf("POST /v1/articles %s: no extraction in %s", name, out)
	}
	if a.Body != string(text) {
		c.t.Fatalf("stored body differs from the text sent")
	}
	return a
}

func (c *extractionClient) event(id int64) model.EventDetail {
	c.t.Helper()
	code, out := c.call("GET", fmt.Sprintf("/v1/events/%d", id), "")
	if code != 200 {
		c.t.Fatalf("GET event %d = %d %s", id, code, out)
	}
	return decode[model.EventDetail](c.t, out)
}

func (c *extractionClient) eventCount() int {
	c.t.Helper()
	return count(c.t, c.s.pool, `SELECT count(*) FROM events`)
}

// byType returns the extracted event of type typ, failing when there is not exactly one.
func byType(t *testing.T, x *model.Extraction, typ string) model.ExtractedEvent {
	t.Helper()
	var found []model.ExtractedEvent
	for _, e := range x.Events {
		if e.Candidate.Type == typ {
			found = append(found, e)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d extracted events of type %s in %+v", len(found), typ, x.Events)
	}
	return found[0]
}

// quote returns the code points [start, end) of body.
func quote(body string, start, end int) string {
	r := []rune(body)
	if start < 0 || end > len(r) || start > end {
		return fmt.Sprintf("<offsets %d..%d out of a body of %d>", start, end, len(r))
	}
	return string(r[start:end])
}

const (
	seedURL  = "https://www.7sur7.be/tech/twitter-est-il-vraiment-en-fin-de-vie-a-cause-delon-musk~a67e23ea/"
	seedDate = "2022-11-18"
)

// TestArticleExtraction posts the seed article with extraction, posts it again and extracts
// it again (no duplicates), then a second report of the same layoff in English (merged, with
// its figures beside), then a report of a later layoff (a new event).
func TestArticleExtraction(t *testing.T) {
	t.Parallel()
	c := newExtractionClient(t)
	// The company as a curator stored it: under its new name, the old one as an alias.
	code, out := c.call("POST", "/v1/actors", `{"name":"X Corp","kind":"organization","aliases":["TWITTER","Twitter, Inc."]}`)
	if code != 201 {
		t.Fatalf("POST actor = %d %s", code, out)
	}
	xcorp := decode[model.Actor](t, out)

	art := c.postArticle("seed_fr_twitter.txt", seedURL, seedDate, 201)
	x := art.Extraction
	if x.Language != "fr" || x.Published == nil || x.Published.String() != seedDate || x.CreatedBy != "curator" {
		t.Errorf("extraction: language %q, published %v, by %q", x.Language, x.Published, x.CreatedBy)
	}
	if art.Language == nil || *art.Language != "fr" {
		t.Errorf("article language %v: want the detected fr stored", art.Language)
	}
	var types []string
	for _, e := range x.Events {
		types = append(types, e.Candidate.Type)
		if e.Action != model.ExtractCreated || e.Event == nil || e.Reason != "" || e.Match != nil {
			t.Errorf("%s: action %s, event %v, reason %q; want a created event", e.Candidate.Type, e.Action, e.Event, e.Reason)
		}
	}
	slices.Sort(types)
	if want := []string{"acquisition", "closure", "departure", "layoff", "resignation", "social_media_trend", "ultimatum"}; !slices.Equal(types, want) {
		t.Fatalf("extracted %v, want %v", types, want)
	}
	if n := c.eventCount(); n != len(x.Events) {
		t.Errorf("%d events stored, want %d", n, len(x.Events))
	}

	// Actors: "Twitter" is the stored X Corp (by its alias, case ignored); Elon Musk is new.
	var musk int64
	for _, e := range x.Events {
		for _, a := range e.Candidate.Actors {
			switch {
			case a.Actor == nil:
				t.Errorf("%s: actor %q has no stored actor", e.Candidate.Type, a.Name)
			case a.Name == "Twitter":
				if a.Actor.ID != xcorp.ID || a.MatchedBy != model.MatchedByAlias || a.Matched != "TWITTER" {
					t.Errorf("%s: Twitter -> %+v by %s %q, want X Corp by alias TWITTER", e.Candidate.Type, a.Actor, a.MatchedBy, a.Matched)
				}
			case a.Name == "Elon Musk":
				if a.MatchedBy != model.MatchedByCreated || a.Actor.Slug != "elon-musk" || (musk != 0 && musk != a.Actor.ID) {
					t.Errorf("%s: Elon Musk -> %+v by %s", e.Candidate.Type, a.Actor, a.MatchedBy)
				}
				musk = a.Actor.ID
			}
		}
	}
	code, out = c.call("GET", "/v1/actors/elon-musk", "")
	if a := decode[model.Actor](t, out); code != 200 || a.ID != musk || a.Kind != "person" || !slices.Contains(a.Aliases, "Musk") {
		t.Errorf("GET /v1/actors/elon-musk = %d %s", code, out)
	}
	if n := count(t, c.s.pool, `SELECT count(*) FROM actors`); n != 2 {
		t.Errorf("%d actors, want X Corp and Elon Musk", n)
	}

	// Every stored event holds what its candidate said, quotes and offsets into the stored body.
	for _, e := range x.Events {
		ev := c.event(e.Event.ID)
		cand := e.Candidate
		if ev.Type != cand.Type || ev.Title != cand.Title || ev.Status != "extracted" || ev.Confidence == nil || *ev.Confidence != cand.Confidence {
			t.Errorf("event %d: %s %q %s %v; candidate %s %q %v", ev.ID, ev.Type, ev.Title, ev.Status, ev.Confidence, cand.Type, cand.Title, cand.Confidence)
		}
		if cand.Date == nil || ev.DateStart != *cand.Date.Start || ev.DateEnd != *cand.Date.End || ev.DatePrecision != cand.Date.Precision || ev.DateText != cand.Date.Text {
			t.Errorf("event %d dates %s..%s %s %q; candidate %+v", ev.ID, ev.DateStart, ev.DateEnd, ev.DatePrecision, ev.DateText, cand.Date)
		}
		if len(ev.Sources) != 1 || ev.Sources[0].Article.ID != art.ID || ev.Sources[0].Evidence == nil {
			t.Fatalf("event %d sources %+v", ev.ID, ev.Sources)
		}
		sp := ev.Sources[0].Evidence
		if *sp != cand.Evidence || quote(art.Body, sp.Start, sp.End) != sp.Text || sp.Text == "" {
			t.Errorf("event %d evidence %+v: body has %q there", ev.ID, sp, quote(art.Body, sp.Start, sp.End))
		}
		if main, ok := mainOf(cand); ok && (len(ev.Actors) == 0 || ev.Actors[0].ID != main) {
			t.Errorf("event %d actors %+v: want the main actor %d first", ev.ID, ev.Actors, main)
		}
		if len(ev.Figures) != len(cand.Figures) {
			t.Errorf("event %d: %d figures, candidate %d", ev.ID, len(ev.Figures), len(cand.Figures))
		}
		for _, cf := range cand.Figures {
			if cf.FigureID == nil {
				t.Errorf("event %d: figure %s %q not stored: %s", ev.ID, cf.Metric, cf.Text, cf.Skipped)
				continue
			}
			i := slices.IndexFunc(ev.Figures, func(f model.Figure) bool { return f.ID == *cf.FigureID })
			if i < 0 {
				t.Errorf("event %d: figure %d not among its figures", ev.ID, *cf.FigureID)
				continue
			}
			f := ev.Figures[i]
			v, _ := cf.Value.Float64()
			if f.Metric != cf.Metric || f.Value != v || f.Unit != cf.Unit || f.Qualifier != cf.Qualifier || f.Derived != cf.Derived ||
				f.ArticleID == nil || *f.ArticleID != art.ID || f.Start == nil || *f.Start != cf.Start || *f.End != cf.End ||
				f.Text != cf.Text || quote(art.Body, *f.Start, *f.End) != f.Text {
				t.Errorf("event %d figure %+v; candidate %+v", ev.ID, f, cf)
			}
		}
	}
	layoff := byType(t, x, "layoff")
	wantFigures(t, c.event(layoff.Event.ID), map[string]string{
		"headcount":          "7500 person exact",
		"employees_affected": "3750 person approximate 0.5 * 7500",
	})
	acq := byType(t, x, "acquisition")
	wantFigures(t, c.event(acq.Event.ID), map[string]string{
		"deal_value":            "44000000000 USD exact",
		"personal_contribution": "27000000000 USD exact",
	})

	// The same article again: its extraction back, nothing written.
	before := c.eventCount()
	again := c.postArticle("seed_fr_twitter.txt", seedURL+"?utm_source=x", seedDate, 200)
	if again.ID != art.ID || again.Extraction.ID != x.ID || len(again.Extraction.Events) != len(x.Events) {
		t.Errorf("second POST: article %d extraction %d, want %d and %d", again.ID, again.Extraction.ID, art.ID, x.ID)
	}
	// An explicit re-extraction: every candidate finds its event; a retracted one stays retracted.
	closure := byType(t, x, "closure")
	if code, out := c.call("DELETE", fmt.Sprintf("/v1/events/%d", closure.Event.ID), ""); code != 204 {
		t.Fatalf("DELETE closure = %d %s", code, out)
	}
	code, out = c.call("POST", fmt.Sprintf("/v1/articles/%d/extractions", art.ID), "")
	if code != 201 {
		t.Fatalf("re-extract = %d %s", code, out)
	}
	re := decode[model.Extraction](t, out)
	for i, e := range re.Events {
		if e.Action != model.ExtractUnchanged || e.Event == nil || e.Event.ID != x.Events[i].Event.ID || e.Match == nil ||
			e.Match.Rule != "same_evidence" || !strings.HasPrefix(e.Reason, "unchanged: this article is a source of event") {
			t.Errorf("re-extracted %s: %s %+v %q", e.Candidate.Type, e.Action, e.Event, e.Reason)
		}
	}
	if n := c.eventCount(); n != before {
		t.Errorf("%d events after posting and extracting again, want %d", n, before)
	}
	if ev := c.event(closure.Event.ID); ev.Status != "retracted" {
		t.Errorf("retracted closure is %s after re-extraction", ev.Status)
	}
	code, out = c.call("GET", fmt.Sprintf("/v1/articles/%d/extractions", art.ID), "")
	list := decode[struct{ Data []model.Extraction }](t, out)
	if code != 200 || len(list.Data) != 2 || list.Data[0].ID != re.ID || list.Data[1].ID != x.ID {
		t.Errorf("GET extractions = %d: %d extractions", code, len(list.Data))
	}

	// A second report of the layoff, in English: a new source of the same event.
	en := c.postArticle("en_twitter_layoff.txt", "https://news.example.com/twitter-layoffs", "2022-11-05T09:00:00Z", 201)
	if len(en.Extraction.Events) != 1 {
		t.Fatalf("English report: %+v", en.Extraction.Events)
	}
	m := en.Extraction.Events[0]
	if m.Action != model.ExtractMerged || m.Event == nil || m.Event.ID != layoff.Event.ID {
		t.Fatalf("English report: %s into %+v, want merged into %d: %s", m.Action, m.Event, layoff.Event.ID, m.Reason)
	}
	wantReason := fmt.Sprintf("matched event %d: same type layoff, same main actor x-corp (employer), dates overlap 2022-11-03..2022-11-05 "+
		`(report: 2022-11-04 "Friday, Nov. 4", day, window 2022-11-03..2022-11-05; event: 2022-11-04 "Il y a deux semaines", week, window 2022-11-01..2022-11-07)`, layoff.Event.ID)
	if m.Reason != wantReason {
		t.Errorf("reason\n got %s\nwant %s", m.Reason, wantReason)
	}
	if mm := m.Match; mm == nil || mm.Rule != "same_type_actor_dates" || mm.MainActor == nil || mm.MainActor.ID != xcorp.ID ||
		mm.Overlap == nil || mm.Overlap.Start.String() != "2022-11-03" || mm.Event.WindowEnd.String() != "2022-11-07" {
		t.Errorf("match %+v", m.Match)
	}
	ev := c.event(layoff.Event.ID)
	if len(ev.Sources) != 2 {
		t.Fatalf("layoff sources %+v", ev.Sources)
	}
	src := ev.Sources[slices.IndexFunc(ev.Sources, func(s model.Source) bool { return s.Article.ID == en.ID })]
	if src.Note != wantReason || src.Evidence == nil || quote(en.Body, src.Evidence.Start, src.Evidence.End) != src.Evidence.Text {
		t.Errorf("English source %+v", src)
	}
	// Its figures stand beside the first report's; one per metric is canonical.
	got := map[string][]string{}
	canonical := map[string]int{}
	for _, f := range ev.Figures {
		got[f.Metric] = append(got[f.Metric], fmt.Sprintf("%g@%d", f.Value, *f.ArticleID))
		if f.Canonical {
			canonical[f.Metric]++
		}
	}
	want := map[string][]string{
		"employees_affected": {fmt.Sprintf("3750@%d", art.ID), fmt.Sprintf("3700@%d", en.ID)},
		"headcount":          {fmt.Sprintf("7500@%d", art.ID)},
		"workforce_share":    {fmt.Sprintf("0.5@%d", en.ID)},
	}
	for metric, w := range want {
		if g := got[metric]; !slices.Equal(g, w) || canonical[metric] != 1 {
			t.Errorf("%s figures %v (%d canonical), want %v", metric, g, canonical[metric], w)
		}
	}
	if n := c.eventCount(); n != before {
		t.Errorf("%d events after the English report, want %d", n, before)
	}

	// A later layoff at the same company: a new event.
	later := c.postArticle("fr_twitter_layoff_2023.txt", "https://news.example.fr/twitter-200-postes", "2023-02-27", 201)
	nl := byType(t, later.Extraction, "layoff")
	if nl.Action != model.ExtractCreated || nl.Event == nil || nl.Event.ID == layoff.Event.ID {
		t.Errorf("later layoff: %s %+v %q", nl.Action, nl.Event, nl.Reason)
	}
	if n := count(t, c.s.pool, `SELECT count(*) FROM events e JOIN event_actors ea ON ea.event_id = e.id
		WHERE e.type = 'layoff' AND ea.actor_id = $1 AND ea.role = 'employer'`, xcorp.ID); n != 2 {
		t.Errorf("%d layoffs at X Corp, want 2", n)
	}
}

// mainOf returns the stored actor of a candidate's main actor by the extractor's rule, read
// through the candidate's roles: the employer of a layoff, the target of an acquisition.
func mainOf(c model.Candidate) (int64, bool) {
	prefer := []string{"person", "employer", "subject", "target", "acquirer", "decision_maker"}
	if c.Type == "acquisition" {
		prefer = append([]string{"target", "acquirer"}, prefer...)
	}
	for _, role := range prefer {
		for _, a := range c.Actors {
			if a.Role == role && a.Actor != nil {
				return a.Actor.ID, true
			}
		}
	}
	return 0, false
}

// wantFigures checks the figures of ev, one per metric: "value unit qualifier [derived]".
func wantFigures(t *testing.T, ev model.EventDetail, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	for _, f := range ev.Figures {
		got[f.Metric] = strings.TrimSpace(fmt.Sprintf("%.0f %s %s %s", f.Value, f.Unit, f.Qualifier, f.Derived))
	}
	for metric, w := range want {
		if got[metric] != w {
			t.Errorf("event %d %s: %q, want %q", ev.ID, metric, got[metric], w)
		}
	}
}

// TestArticleExtractionBadBodies holds POST /v1/articles with extraction, and the extraction
// endpoints, to problem+json naming the field, with nothing written.
func TestArticleExtractionBadBodies(t *testing.T) {
	t.Parallel()
	c := newExtractionClient(t)
	code, out := c.call("POST", "/v1/articles", `{"url":"https://example.com/stored","title":"Stored without text"}`)
	if code != 201 {
		t.Fatalf("POST = %d %s", code, out)
	}
	stored := decode[model.Article](t, out)
	cases := []struct {
		name, method, path, body string
		status                   int
		pointers                 string
	}{
		{"extract not a boolean", "POST", "/v1/articles", `{"url":"https://example.com/a","body":"Acme a licencié 10 salariés.","extract":"yes"}`, 400, "/extract"},
		{"no text", "POST", "/v1/articles", `{"url":"https://example.com/a","extract":true}`, 422, "/body"},
		{"stored without text", "POST", "/v1/articles", `{"url":"https://example.com/stored","extract":true}`, 422, "/body"},
		{"language not read", "POST", "/v1/articles", `{"url":"https://example.com/a","language":"de","body":"Acme entlässt 10 Mitarbeiter.","extract":true}`, 422, "/language"},
		{"body not a string", "POST", "/v1/articles", `{"url":"https://example.com/a","body":5,"extract":true}`, 400, "/body"},
		{"no url", "POST", "/v1/articles", `{"body":"Acme a licencié 10 salariés.","extract":true}`, 400, "/url"},
		{"unknown member", "POST", "/v1/articles", `{"url":"https://example.com/a","body":"x","extract":true,"extract_all":true}`, 400, "/extract_all"},
		{"re-extract with members", "POST", fmt.Sprintf("/v1/articles/%d/extractions", stored.ID), `{"language":"fr"}`, 400, "/language"},
		{"re-extract without text", "POST", fmt.Sprintf("/v1/articles/%d/extractions", stored.ID), ``, 422, ""},
		{"re-extract unknown article", "POST", "/v1/articles/999999/extractions", ``, 404, ""},
		{"extractions of unknown article", "GET", "/v1/articles/999999/extractions", ``, 404, ""},
		{"bad cursor", "GET", fmt.Sprintf("/v1/articles/%d/extractions?cursor=xyz", stored.ID), ``, 400, "cursor"},
	}
	for _, tc := range cases {
		code, out := c.call(tc.method, tc.path, tc.body)
		p := decode[bodyProblem](t, out)
		if code != tc.status || strings.Join(p.pointers(), " ") != tc.pointers {
			t.Errorf("%s: %d %s; want %d naming %q", tc.name, code, out, tc.status, tc.pointers)
		}
	}
	if n := count(t, c.s.pool, `SELECT count(*) FROM articles`); n != 1 {
		t.Errorf("%d articles after refused requests, want 1", n)
	}
	if n := count(t, c.s.pool, `SELECT count(*) FROM extractions`); n != 0 {
		t.Errorf("%d extractions after refused requests", n)
	}
	if code, _, out := call(t, c.s.handler, "POST", fmt.Sprintf("/v1/articles/%d/extractions", stored.ID), "", ""); code != 401 {
		t.Errorf("re-extract without a key = %d %s", code, out)
	}

	// An article stored by URL alone takes the text sent with extraction.
	code, out = c.call("POST", "/v1/articles", `{"url":"https://example.com/stored","published_at":"2024-03-06","body":"Acme a licencié 120 salariés mardi.","extract":true}`)
	a := decode[articleCreated](t, out)
	if code != 200 || a.ID != stored.ID || a.Title != "Stored without text" || a.Extraction == nil || len(a.Extraction.Events) != 1 ||
		a.Extraction.Events[0].Action != model.ExtractCreated || a.Extraction.Events[0].Event.DateStart.String() != "2024-03-05" {
		t.Errorf("filling a stored article = %d %s", code, out)
	}
}

// TestArticleExtractionWithoutDate: with no publication date, relative dates cannot be placed
// in time; such candidates are recorded as skipped, saying why, and nothing is stored of them.
func TestArticleExtractionWithoutDate(t *testing.T) {
	t.Parallel()
	c := newExtractionClient(t)
	text, err := os.ReadFile("testdata/seed_fr_twitter.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := json.Marshal(map[string]any{"url": seedURL, "body": string(text), "language": "fr", "extract": true})
	code, out := c.call("POST", "/v1/articles", string(doc))
	if code != 201 {
		t.Fatalf("POST = %d %s", code, out)
	}
	x := decode[articleCreated](t, out).Extraction
	skipped := 0
	for _, e := range x.Events {
		switch e.Action {
		case model.ExtractSkipped:
			skipped++
			if e.Event != nil || !strings.HasPrefix(e.Reason, "no date") {
				t.Errorf("skipped %s: %+v %q", e.Candidate.Type, e.Event, e.Reason)
			}
		case model.ExtractCreated:
		default:
			t.Errorf("%s: %s", e.Candidate.Type, e.Action)
		}
	}
	if skipped == 0 || x.Published != nil {
		t.Errorf("%d skipped, published %v", skipped, x.Published)
	}
	if n := c.eventCount(); n != len(x.Events)-skipped {
		t.Errorf("%d events stored, want %d", n, len(x.Events)-skipped)
	}
}

// TestArticleExtractionOnCuratedData posts the seed article onto the demo dataset, which holds
// the same article and the events a curator wrote from it: the text is read from the stored
// body, the extractor's candidates find the curated events, and nothing is duplicated.
func TestArticleExtractionOnCuratedData(t *testing.T) {
	t.Parallel()
	s := newAPI(t)
	c := &extractionClient{t: t, s: s, key: newKey(t, s.store, "curator", "write")}
	before := c.eventCount()
	text, err := os.ReadFile("testdata/seed_fr_twitter.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := json.Marshal(map[string]any{"url": seedURL, "body": string(text), "extract": true})
	code, out := c.call("POST", "/v1/articles", string(doc))
	if code != 200 {
		t.Fatalf("POST = %d %s", code, out)
	}
	a := decode[articleCreated](t, out)
	for _, e := range a.Extraction.Events {
		if e.Action != model.ExtractUnchanged || e.Match == nil || e.Event == nil || e.Event.Status != "confirmed" {
			t.Errorf("%s: %s %+v %q", e.Candidate.Type, e.Action, e.Event, e.Reason)
		}
		for _, ca := range e.Candidate.Actors {
			if ca.Actor == nil || ca.MatchedBy == model.MatchedByCreated {
				t.Errorf("%s: %q not matched to a demo actor: %+v", e.Candidate.Type, ca.Name, ca.Actor)
			}
		}
	}
	if n := c.eventCount(); n != before {
		t.Errorf("%d events, want the demo's %d", n, before)
	}
	// Another outlet's report of the layoff joins the curated event, whose actors carry roles
	// the extractor does not use (affected).
	en := c.postArticle("en_twitter_layoff.txt", "https://news.example.com/twitter-layoffs", "2022-11-05", 201)
	m := en.Extraction.Events[0]
	if m.Action != model.ExtractMerged || m.Event == nil || m.Event.Status != "confirmed" || m.Match.MainActor == nil || m.Match.MainActor.Slug != "twitter" {
		t.Errorf("English report on the demo: %s %+v %q", m.Action, m.Event, m.Reason)
	}
	if n := c.eventCount(); n != before {
		t.Errorf("%d events, want the demo's %d", n, before)
	}
}

// TestArticleExtractionConcurrent posts copies of one report under several URLs at once (a
// syndicated story): one event is created, the others attach to it, and its actor is created
// once.
func TestArticleExtractionConcurrent(t *testing.T) {
	t.Parallel()
	c := newExtractionClient(t)
	text, err := os.ReadFile("testdata/en_twitter_layoff.txt")
	if err != nil {
		t.Fatal(err)
	}
	const n = 5
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		actions []string
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc, _ := json.Marshal(map[string]any{"url": fmt.Sprintf("https://syndicated.example.com/%d", i),
				"published_at": "2022-11-05", "body": string(text), "extract": true})
			code, _, out := call(t, c.s.handler, "POST", "/v1/articles", c.key, string(doc))
			a := decode[articleCreated](t, out)
			mu.Lock()
			defer mu.Unlock()
			if code != 201 || a.Extraction == nil || len(a.Extraction.Events) != 1 {
				t.Errorf("POST %d = %d %s", i, code, out)
				return
			}
			actions = append(actions, a.Extraction.Events[0].Action)
		}()
	}
	wg.Wait()
	slices.Sort(actions)
	if want := []string{"created", "merged", "merged", "merged", "merged"}; !slices.Equal(actions, want) {
		t.Errorf("actions %v, want %v", actions, want)
	}
	if got := count(t, c.s.pool, `SELECT count(*) FROM events`); got != 1 {
		t.Errorf("%d events, want 1", got)
	}
	if got := count(t, c.s.pool, `SELECT count(*) FROM event_sources`); got != n {
		t.Errorf("%d sources, want %d", got, n)
	}
	if got := count(t, c.s.pool, `SELECT count(*) FROM actors WHERE name = 'Twitter'`); got != 1 {
		t.Errorf("%d actors named Twitter, want 1", got)
	}
}

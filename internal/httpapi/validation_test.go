package httpapi_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/httpapi"
)

// TestEventCreateValidation sends one bad body per case and checks the status and that every
// bad member is named by its JSON pointer.
func TestEventCreateValidation(t *testing.T) {
	h, st := newDemoServer(t, httpapi.DefaultOptions())
	key := newKey(t, st, "curator", "write")
	const ok = `"type":"layoff","title":"T","date_start":"2024-03-05"`
	tests := []struct {
		name   string
		body   string
		status int
		want   []string // pointers, in any order
	}{
		{"malformed JSON", `{"type": "layoff",`, 400, []string{""}},
		{"not an object", `[1,2]`, 400, []string{""}},
		{"empty body", ``, 400, []string{""}},
		{"trailing data", `{` + ok + `} {}`, 400, []string{""}},
		{"unknown member", `{` + ok + `,"titel":"x"}`, 400, []string{"/titel"}},
		{"nested unknown member", `{` + ok + `,"figures":[{"metric":"headcount","value":1,"unit":"person","valeu":2}]}`, 400, []string{"/figures/0/valeu"}},
		{"wrong types", `{"type":1,"title":true,"date_start":"2024-03-05","confidence":"high","actors":{}}`, 400, []string{"/type", "/title", "/confidence", "/actors"}},
		{"missing members", `{"summary":"s"}`, 400, []string{"/type", "/title", "/date_start"}},
		{"null required", `{"type":null,"title":"T","date_start":"2024-03-05"}`, 400, []string{"/type"}},
		{"malformed date", `{"type":"layoff","title":"T","date_start":"5/3/2024"}`, 400, []string{"/date_start"}},
		{"read-only id", `{` + ok + `,"id":7,"created_at":"2024-01-01T00:00:00Z"}`, 400, []string{"/id", "/created_at"}},
		{"actor named by nothing", `{` + ok + `,"actors":[{"role":"employer"}]}`, 400, []string{"/actors/0/name"}},
		{"figure members missing", `{` + ok + `,"figures":[{"metric":"headcount"}]}`, 400, []string{"/figures/0/value", "/figures/0/unit"}},
		{"structural and value problems together", `{` + ok + `,"confidence":2,"summary":7}`, 400, []string{"/confidence", "/summary"}},

		{"unknown type", `{"type":"layof","title":"T","date_start":"2024-03-05"}`, 422, []string{"/type"}},
		{"blank title", `{"type":"layoff","title":"  ","date_start":"2024-03-05"}`, 422, []string{"/title"}},
		{"confidence out of range", `{` + ok + `,"confidence":1.5}`, 422, []string{"/confidence"}},
		{"end before start", `{` + ok + `,"date_end":"2024-03-01"}`, 422, []string{"/date_end"}},
		{"unknown precision and status", `{` + ok + `,"date_precision":"decade","status":"deleted"}`, 422, []string{"/date_precision", "/status"}},
		{"unknown vocabulary codes", `{` + ok + `,"actors":[{"name":"Twitter","kind":"company","role":"boss"}],
			"figures":[{"metric":"jobs","value":1,"unit":"persons","qualifier":"roughly"}]}`, 422,
			[]string{"/actors/0/kind", "/actors/0/role", "/figures/0/metric", "/figures/0/unit", "/figures/0/qualifier"}},
		{"unit of the wrong kind", `{` + ok + `,"figures":[{"metric":"deal_value","value":44e9,"unit":"person"}]}`, 422, []string{"/figures/0/unit"}},
		{"values out of range", `{` + ok + `,"figures":[{"metric":"workforce_share","value":50,"unit":"ratio"},
			{"metric":"headcount","value":-3,"unit":"person"},{"metric":"headcount","value":3,"unit":"person","qualifier":"range"},
			{"metric":"headcount","value":3,"unit":"person","low":5,"high":4}]}`, 422,
			[]string{"/figures/0/value", "/figures/1/value", "/figures/2/qualifier", "/figures/3/low"}},
		{"offsets", `{` + ok + `,"sources":[{"article":{"url":"https://example.com/a"},"evidence":{"text":"x","start":9,"end":3}}]}`, 422, []string{"/sources/0/evidence/end"}},
		{"bad url and language", `{` + ok + `,"sources":[{"article":{"url":"Internal memo","language":"French"}}]}`, 422, []string{"/sources/0/article/url", "/sources/0/article/language"}},
		{"same article twice", `{` + ok + `,"sources":[{"article":{"url":"https://example.com/a"}},{"article":{"url":"HTTPS://EXAMPLE.com/a#x"}}]}`, 422, []string{"/sources/1"}},
		{"unknown actors", `{` + ok + `,"actors":[{"name":"Nobody Inc","role":"employer"},{"slug":"nobody","role":"employer"},{"id":999999,"role":"employer"}]}`, 422,
			[]string{"/actors/0/name", "/actors/1/slug", "/actors/2/id"}},
		{"unknown article id", `{` + ok + `,"sources":[{"article":{"id":999999}}]}`, 422, []string{"/sources/0/article/id"}},
		{"unknown linked event", `{` + ok + `,"links":[{"type":"led_to","event":{"id":999999}}]}`, 422, []string{"/links/0/event/id"}},
		{"bad actor details", `{` + ok + `,"actors":[{"name":"New Co","kind":"organization","role":"employer","country":"France","wikidata_qid":"918","slug":"New Co"}]}`, 422,
			[]string{"/actors/0/slug", "/actors/0/wikidata_qid", "/actors/0/country"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, hdr, body := call(t, h, "POST", "/v1/events", key, tt.body)
			if code != tt.status {
				t.Fatalf("status %d, want %d: %s", code, tt.status, body)
			}
			if ct := hdr.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q", ct)
			}
			p := decode[bodyProblem](t, body)
			got := p.pointers()
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("pointers %q, want %q\n%s", got, want, body)
			}
			for _, e := range p.Errors {
				if e.Detail == "" {
					t.Errorf("%s: empty detail", e.Pointer)
				}
			}
		})
	}
	// Nothing of the rejected bodies was written.
	code, _, body := get(t, h, "/v1/events?from=2024-01-01")
	if code != 200 || strings.Contains(string(body), `"id"`) {
		t.Errorf("events after rejected bodies: %d %s", code, body)
	}
}

func TestEventCreateConflictAndLimit(t *testing.T) {
	opts := httpapi.DefaultOptions()
	opts.MaxBodyBytes = 2048
	h, st := newDemoServer(t, opts)
	key := newKey(t, st, "curator", "write")
	doc := `{"type":"layoff","title":"T","date_start":"2024-03-05","external_id":"feed:1"}`
	if code, _, body := call(t, h, "POST", "/v1/events", key, doc); code != 201 {
		t.Fatalf("first = %d %s", code, body)
	}
	code, _, body := call(t, h, "POST", "/v1/events", key, doc)
	if code != http.StatusConflict || !strings.Contains(string(body), "/external_id") {
		t.Errorf("same external_id = %d %s, want 409 naming /external_id", code, body)
	}
	big := `{"type":"layoff","title":"T","date_start":"2024-03-05","summary":"` + strings.Repeat("x", 4096) + `"}`
	code, _, body = call(t, h, "POST", "/v1/events", key, big)
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("big body = %d %s, want 413", code, body)
	}
}

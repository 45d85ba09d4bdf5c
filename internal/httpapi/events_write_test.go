package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/model"
)

// issueBody is the example of issue 4, in the shape of DESIGN.md.
const issueBody = `{"type":"layoff","title":"Example Corp cuts 120 jobs","date_start":"2024-03-05","date_precision":"day",
 "actors":[{"name":"Example Corp","kind":"organization","role":"employer"}],
 "figures":[{"metric":"employees_affected","value":120,"unit":"person","qualifier":"exact"}]}`

func TestEventCreateIssueBody(t *testing.T) {
	h, st := newDemoServer(t, httpapi.DefaultOptions())
	key := newKey(t, st, "curator", "write")
	code, hdr, body := call(t, h, "POST", "/v1/events", key, issueBody)
	if code != http.StatusCreated {
		t.Fatalf("POST = %d %s", code, body)
	}
	ev := decode[model.EventDetail](t, body)
	if ev.ID == 0 || hdr.Get("Location") != "/v1/events/"+itoa(ev.ID) {
		t.Fatalf("id %d, Location %q", ev.ID, hdr.Get("Location"))
	}
	if ev.Type != "layoff" || ev.DateStart.String() != "2024-03-05" || ev.DateEnd.String() != "2024-03-05" || ev.Status != "extracted" {
		t.Errorf("event = %+v", ev.Event)
	}
	if len(ev.Actors) != 1 || ev.Actors[0].Name != "Example Corp" || ev.Actors[0].Slug != "example-corp" || ev.Actors[0].Role != "employer" {
		t.Errorf("actors = %+v", ev.Actors)
	}
	if len(ev.Figures) != 1 || ev.Figures[0].Value != 120 || !ev.Figures[0].Canonical {
		t.Errorf("figures = %+v", ev.Figures)
	}
	// The same actor is found again by name, case- and accent-insensitively, and by alias.
	code, _, body = call(t, h, "POST", "/v1/events", key, `{"type":"layoff","title":"Second round","date_start":"2024-06-01",
		"actors":[{"name":"EXAMPLE corp","role":"employer"},{"name":"X Corp","role":"mentioned"},{"slug":"elon-musk","role":"decision_maker"}]}`)
	if code != http.StatusCreated {
		t.Fatalf("second POST = %d %s", code, body)
	}
	ev2 := decode[model.EventDetail](t, body)
	var got []string
	for _, a := range ev2.Actors {
		got = append(got, a.Slug+"/"+a.Role)
	}
	if want := "example-corp/employer,twitter/mentioned,elon-musk/decision_maker"; strings.Join(got, ",") != want {
		t.Errorf("actors = %s, want %s", strings.Join(got, ","), want)
	}
	// Readable back through GET.
	code, _, body = get(t, h, "/v1/events/"+itoa(ev.ID))
	if code != http.StatusOK || decode[model.EventDetail](t, body).Title != "Example Corp cuts 120 jobs" {
		t.Errorf("GET = %d %s", code, body)
	}
}

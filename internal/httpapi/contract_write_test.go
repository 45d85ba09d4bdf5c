package httpapi_test

import (
	"fmt"
	"testing"

	"github.com/newsevents/newsevents/internal/model"
)

// writeOperations makes one successful request to each write operation (and to the reads of
// what they write) and returns the operation ids, for TestEveryOperation.
func writeOperations(t *testing.T, s *apiServer) []string {
	t.Helper()
	key := newKey(t, s.store, "contract", "write")
	var ops []string
	do := func(method, path, body string, header ...string) *response {
		t.Helper()
		res, op := callOp(t, s.handler, method, path, key, body, header...)
		if res.Status >= 300 {
			t.Errorf("%s %s: %d %s", method, path, res.Status, res.Body)
		}
		ops = append(ops, op)
		return res
	}
	var ev model.EventDetail
	do("POST", "/v1/events", issueBody, "Idempotency-Key", "contract-1").JSON(t, &ev)
	do("PATCH", fmt.Sprintf("/v1/events/%d", ev.ID), `{"summary":"Patched"}`, "Content-Type", "application/merge-patch+json")
	do("GET", fmt.Sprintf("/v1/events/%d/history", ev.ID), "")
	var a model.Actor
	do("POST", "/v1/actors", `{"name":"Contract Person","kind":"person"}`).JSON(t, &a)
	do("PATCH", fmt.Sprintf("/v1/actors/%d", a.ID), `{"aliases":["C. Person"]}`)
	do("POST", "/v1/articles", `{"url":"https://example.com/contract","title":"Contract"}`)
	var art model.ArticleDetail
	do("POST", "/v1/articles", `{"url":"https://example.com/contract-extract","published_at":"2024-03-06","extract":true,
		"body":"Example Corp a licencié 120 salariés mardi."}`).JSON(t, &art)
	do("POST", fmt.Sprintf("/v1/articles/%d/extractions", art.ID), "")
	do("GET", fmt.Sprintf("/v1/articles/%d/extractions", art.ID), "")
	var f model.Figure
	do("POST", "/v1/figures", fmt.Sprintf(`{"event_id":%d,"metric":"headcount","value":1000,"unit":"person"}`, ev.ID)).JSON(t, &f)
	do("PATCH", fmt.Sprintf("/v1/figures/%d", f.ID), `{"value":1100}`)
	do("GET", fmt.Sprintf("/v1/figures/%d", f.ID), "")
	do("DELETE", fmt.Sprintf("/v1/figures/%d", f.ID), "")
	do("DELETE", fmt.Sprintf("/v1/events/%d", ev.ID), "")
	do("POST", "/v1/import", layoffsCSV, "Content-Type", "text/csv")
	do("GET", "/v1/export?type=layoff", "")
	return ops
}

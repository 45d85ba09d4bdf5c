package httpapi

import (
	"context"
	"strings"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// eventFilterParams are the query parameters that select events, on every endpoint that takes
// "the event filters" (events, actor events, figures, stats).
var eventFilterParams = []string{"from", "to", "type", "actor", "role", "article", "status", "q",
	"metric", "min", "max", "updated_since"}

// maxQueryLength caps free-text search parameters.
const maxQueryLength = 200

// parseEventFilter reads the event filters of q, recording each bad parameter in q. Codes are
// checked against the vocabularies and references resolved, so an unknown type, role, metric,
// actor or article is reported by name. The error returned is a database failure.
func parseEventFilter(ctx context.Context, st *store.Store, q *query) (store.EventFilter, error) {
	f, err := parseEventScope(ctx, st, q)
	if err != nil {
		return f, err
	}
	if f.ArticleID, err = parseArticleRef(ctx, st, q); err != nil {
		return f, err
	}
	f.Metric = q.single("metric")
	f.Min, f.Max = parseBounds(q, f.Metric != "")
	var metrics []string
	if f.Metric != "" {
		metrics = []string{f.Metric}
	}
	return f, checkCodes(ctx, st, q, "metric", store.Metrics, metrics, "/v1/metrics")
}

// parseEventScope reads the filters that select events by their own fields and actors:
// from, to, type, actor, role, status, q, updated_since.
func parseEventScope(ctx context.Context, st *store.Store, q *query) (store.EventFilter, error) {
	f := store.EventFilter{
		From:         q.date("from"),
		To:           q.date("to"),
		Types:        q.list("type"),
		Roles:        q.list("role"),
		Statuses:     q.listOf("status", model.Statuses),
		Query:        q.text("q", maxQueryLength),
		UpdatedSince: q.timestamp("updated_since"),
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		q.errs.Param("to", "%s is before from (%s)", f.To, f.From)
	}
	if err := checkCodes(ctx, st, q, "type", store.EventTypes, f.Types, "/v1/event-types"); err != nil {
		return f, err
	}
	if err := checkCodes(ctx, st, q, "role", store.Roles, f.Roles, "/v1/roles"); err != nil {
		return f, err
	}
	for _, ref := range q.values["actor"] {
		ref = strings.TrimSpace(ref)
		if ref == "" {
			continue
		}
		ids, err := st.ResolveActor(ctx, ref)
		if err != nil {
			return f, err
		}
		if len(ids) == 0 {
			q.errs.Param("actor", "no actor has the id, slug, name or alias %q (GET /v1/actors?q=… finds actors)", ref)
			continue
		}
		f.Actors = append(f.Actors, ids)
	}
	return f, nil
}

// parseArticleRef reads the article parameter: the id of an existing article.
func parseArticleRef(ctx context.Context, st *store.Store, q *query) (*int64, error) {
	id := q.id("article")
	if id == nil {
		return nil, nil
	}
	if _, err := st.GetArticleRef(ctx, *id); err != nil {
		if model.ErrorCode(err) != model.NotFound {
			return nil, err
		}
		q.errs.Param("article", "no article with id %d", *id)
	}
	return id, nil
}

// parseBounds reads min and max; on events they bound a figure of metric, so they need it.
func parseBounds(q *query, haveMetric bool) (lo, hi *float64) {
	lo, hi = q.number("min"), q.number("max")
	if !haveMetric {
		if lo != nil {
			q.errs.Param("min", "needs metric: the bounds apply to the value of a figure of that metric")
		}
		if hi != nil {
			q.errs.Param("max", "needs metric: the bounds apply to the value of a figure of that metric")
		}
	}
	if lo != nil && hi != nil && *hi < *lo {
		q.errs.Param("max", "%v is less than min (%v)", *hi, *lo)
	}
	return lo, hi
}

// checkCodes records every code of param that vocabulary v lacks, listing the known ones.
func checkCodes(ctx context.Context, st *store.Store, q *query, param string, v store.Vocabulary, codes []string, listURL string) error {
	unknown, err := st.UnknownCodes(ctx, v, codes)
	if err != nil || len(unknown) == 0 {
		return err
	}
	known, err := st.Codes(ctx, v)
	if err != nil {
		return err
	}
	for _, c := range unknown {
		q.errs.Param(param, "unknown %s %q; known: %s (GET %s)", param, c, strings.Join(known, ", "), listURL)
	}
	return nil
}

// limitFor reads limit for listings that may stream: absent, it is 0 (no limit) for CSV and
// NDJSON, which stream every row, and the default page size for JSON.
func (q *query) limitFor(f format, opts Options) int {
	if f != formatJSON && !q.has("limit") {
		return 0
	}
	return q.limit(opts.DefaultLimit, opts.MaxLimit)
}

// count reads count=exact|estimated, which JSON listings answer with a total.
func (q *query) count(f format) string {
	c := q.oneOf("count", []string{"exact", "estimated"}, "")
	if c != "" && f != formatJSON {
		q.errs.Param("count", "totals come in the JSON body; with format %s, leave count out", f)
	}
	return c
}

// total is the optional total of a listing.
type total struct {
	Total     *int64 `json:"total,omitempty"`
	Estimated *bool  `json:"total_estimated,omitempty"`
}

func newTotal(n int64, mode string) total {
	est := mode == "estimated"
	return total{Total: &n, Estimated: &est}
}

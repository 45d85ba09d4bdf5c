package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// figureCursor is the opaque cursor of figure listings.
type figureCursor struct {
	Sort      store.EventSort `json:"s"`
	DateStart model.Date      `json:"d"`
	EventID   int64           `json:"e"`
	FigureID  int64           `json:"i"`
}

// figureTable is the CSV form of figure rows.
var figureTable = csvTable[model.FigureRow]{
	header: []string{"figure_id", "event_id", "event_type", "event_title", "event_status", "date_start", "date_end",
		"date_precision", "actors", "metric", "value", "unit", "qualifier", "low", "high", "derived", "canonical",
		"article_id", "article_url", "article_source", "published_at", "quote", "quote_start", "quote_end"},
	row: func(f *model.FigureRow) []string {
		return []string{strconv.FormatInt(f.FigureID, 10), strconv.FormatInt(f.EventID, 10), f.EventType,
			f.EventTitle, f.EventStatus, f.DateStart.String(), f.DateEnd.String(), f.DatePrecision,
			strings.Join(f.Actors, "; "), f.Metric, cellFloat(&f.Value), f.Unit, f.Qualifier, cellFloat(f.Low),
			cellFloat(f.High), f.Derived, strconv.FormatBool(f.Canonical), cellInt(f.ArticleID),
			cellString(f.ArticleURL), cellString(f.ArticleSource), cellTime(f.PublishedAt), f.Quote,
			cellIntp(f.QuoteStart), cellIntp(f.QuoteEnd)}
	},
}

// handleFigureList serves figures flat, one row per figure with its event and source, for
// analysts. The event filters select the events; metric, unit, min, max, article and
// canonical select the figures themselves.
func handleFigureList(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		q := newQuery(r, append([]string{"unit", "canonical", "sort", "limit", "cursor", "format"}, eventFilterParams...)...)
		ev, err := parseEventScope(ctx, st, q)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		f := store.FigureFilter{Events: ev, Metrics: q.list("metric"), Units: q.list("unit"), Canonical: q.boolean("canonical")}
		f.Min, f.Max = parseBounds(q, true)
		if f.ArticleID, err = parseArticleRef(ctx, st, q); err != nil {
			writeError(w, r, log, err)
			return
		}
		if err := checkCodes(ctx, st, q, "metric", store.Metrics, f.Metrics, "/v1/metrics"); err != nil {
			writeError(w, r, log, err)
			return
		}
		if err := checkCodes(ctx, st, q, "unit", store.Units, f.Units, "/v1/units"); err != nil {
			writeError(w, r, log, err)
			return
		}
		format := q.format(r, formatJSON, formatCSV, formatNDJSON)
		f.Sort = store.EventSort(q.oneOf("sort", []string{string(store.SortDate), string(store.SortDateDesc)}, string(store.SortDate)))
		f.Limit = q.limitFor(format, opts)
		var c figureCursor
		if q.cursor(&c) {
			if c.Sort != f.Sort || c.EventID < 1 || c.FigureID < 1 {
				q.errs.Param("cursor", "this cursor does not continue a listing sorted by %q: keep the parameters of the page that gave it", f.Sort)
			} else {
				f.After = &store.FigureCursor{Sort: c.Sort, DateStart: c.DateStart, EventID: c.EventID, FigureID: c.FigureID}
			}
		}
		if err := q.err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		if format != formatJSON && f.Limit == 0 {
			streamRecords(w, r, log, opts, format, figureTable, func(ctx context.Context, fn func(*model.FigureRow) error) error {
				return st.EachFigure(ctx, f, fn)
			})
			return
		}
		page, err := st.ListFigures(ctx, f)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		next := setNext(w, r, page.Next != nil, func() any {
			return figureCursor{Sort: page.Next.Sort, DateStart: page.Next.DateStart, EventID: page.Next.EventID, FigureID: page.Next.FigureID}
		})
		if format != formatJSON {
			writeRecords(w, r, format, figureTable, page.Figures)
			return
		}
		respond(w, r, newListPage(page.Figures, next))
	}
}

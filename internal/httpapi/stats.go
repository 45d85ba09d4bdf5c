package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strconv"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// statsParams are the parameters every stats endpoint takes besides its own.
var statsParams = []string{"from", "to", "type", "actor", "role", "article", "status", "q", "updated_since",
	"metric", "min", "max", "format"}

// timelineBody is the JSON body of GET /v1/stats/timeline.
type timelineBody struct {
	Interval string                 `json:"interval"`
	Metric   *string                `json:"metric"`
	Data     []model.TimelineBucket `json:"data"`
}

// topBody is the JSON body of GET /v1/stats/top.
type topBody struct {
	By     string          `json:"by"`
	Metric *string         `json:"metric"`
	Data   []model.TopItem `json:"data"`
}

// parseStatsFilter reads the event filters of a stats request. There metric names the metric
// to aggregate and selects no events by itself; min and max keep the events having a figure
// of that metric within bounds.
func parseStatsFilter(ctx context.Context, st *store.Store, q *query) (f store.EventFilter, metric string, err error) {
	if f, err = parseEventScope(ctx, st, q); err != nil {
		return f, "", err
	}
	if f.ArticleID, err = parseArticleRef(ctx, st, q); err != nil {
		return f, "", err
	}
	metric = q.single("metric")
	if metric != "" {
		if err := checkCodes(ctx, st, q, "metric", store.Metrics, []string{metric}, "/v1/metrics"); err != nil {
			return f, "", err
		}
	}
	f.Min, f.Max = parseBounds(q, metric != "")
	if f.Min != nil || f.Max != nil {
		f.Metric = metric
	}
	return f, metric, nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func handleStatsTimeline(log *slog.Logger, st *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r, append([]string{"interval"}, statsParams...)...)
		f, metric, err := parseStatsFilter(r.Context(), st, q)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		interval := q.oneOf("interval", model.Intervals, "month")
		format := q.format(r, formatJSON, formatCSV)
		if err := q.err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		buckets, err := st.Timeline(r.Context(), f, interval, metric)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		if format == formatCSV {
			writeRecords(w, r, formatCSV, timelineTable(buckets, metric), buckets)
			return
		}
		body := timelineBody{Interval: interval, Metric: optional(metric), Data: buckets}
		if b, ok := appendTimeline(make([]byte, 0, 256+200*len(buckets)), &body); ok {
			writeBody(w, r, "application/json", b)
			return
		}
		respond(w, r, body) // encoding/json refuses it too, and says why
	}
}

func handleStatsTop(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r, append([]string{"by", "limit"}, statsParams...)...)
		f, metric, err := parseStatsFilter(r.Context(), st, q)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		by := q.oneOf("by", []string{"type", "actor"}, "type")
		limit := q.limit(min(10, opts.MaxLimit), opts.MaxLimit)
		format := q.format(r, formatJSON, formatCSV)
		if err := q.err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		items, err := st.Top(r.Context(), f, by, metric, limit)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		if format == formatCSV {
			writeRecords(w, r, formatCSV, topTable(items, metric), items)
			return
		}
		respond(w, r, topBody{By: by, Metric: optional(metric), Data: items})
	}
}

// figureColumns are the CSV columns of figure aggregates: for each unit present, in order,
// <metric>_<unit>_count, _sum, _min and _max.
func figureColumns(metric string, stats [][]model.FigureStats) (units, header []string) {
	for _, list := range stats {
		for _, fs := range list {
			if !slices.Contains(units, fs.Unit) {
				units = append(units, fs.Unit)
			}
		}
	}
	slices.Sort(units)
	for _, u := range units {
		for _, agg := range []string{"count", "sum", "min", "max"} {
			header = append(header, metric+"_"+u+"_"+agg)
		}
	}
	return units, header
}

// figureCells writes the aggregates of stats in the columns of units (empty where a unit has
// no figure).
func figureCells(units []string, stats []model.FigureStats) []string {
	var cells []string
	for _, u := range units {
		i := slices.IndexFunc(stats, func(fs model.FigureStats) bool { return fs.Unit == u })
		if i < 0 {
			cells = append(cells, "0", "", "", "")
			continue
		}
		fs := stats[i]
		cells = append(cells, strconv.FormatInt(fs.Count, 10), cellFloat(&fs.Sum), cellFloat(&fs.Min), cellFloat(&fs.Max))
	}
	return cells
}

// timelineTable is the CSV form of a timeline: one row per bucket, with the event count, one
// events_<type> column per type present, and the figure aggregates.
func timelineTable(buckets []model.TimelineBucket, metric string) csvTable[model.TimelineBucket] {
	var types []string
	stats := make([][]model.FigureStats, len(buckets))
	for i, b := range buckets {
		for t := range b.ByType {
			if !slices.Contains(types, t) {
				types = append(types, t)
			}
		}
		stats[i] = b.Figures
	}
	slices.Sort(types)
	units, figHeader := figureColumns(metric, stats)
	header := []string{"start", "events"}
	for _, t := range types {
		header = append(header, "events_"+t)
	}
	return csvTable[model.TimelineBucket]{
		header: append(header, figHeader...),
		row: func(b *model.TimelineBucket) []string {
			row := []string{b.Start.String(), strconv.FormatInt(b.Events, 10)}
			for _, t := range types {
				row = append(row, strconv.FormatInt(b.ByType[t], 10))
			}
			return append(row, figureCells(units, b.Figures)...)
		},
	}
}

// topTable is the CSV form of a ranking: key, label, events and the figure aggregates.
func topTable(items []model.TopItem, metric string) csvTable[model.TopItem] {
	stats := make([][]model.FigureStats, len(items))
	for i, it := range items {
		stats[i] = it.Figures
	}
	units, figHeader := figureColumns(metric, stats)
	return csvTable[model.TopItem]{
		header: append([]string{"key", "label", "events"}, figHeader...),
		row: func(it *model.TopItem) []string {
			return append([]string{it.Key, it.Label, strconv.FormatInt(it.Events, 10)}, figureCells(units, it.Figures)...)
		},
	}
}

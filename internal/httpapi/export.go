package httpapi

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// exportParams are the parameters of GET /v1/export: the event filters and the format.
var exportParams = append([]string{"format"}, eventFilterParams...)

// recordTable writes exported events as CSV rows: the columns of GET /v1/events?format=csv.
var recordTable = csvTable[model.EventRecord]{
	header: eventTable.header,
	row:    func(r *model.EventRecord) []string { return eventTable.row(&r.Event) },
}

// parseExport reads the parameters of an export: every event matching the filters, whatever
// its status unless status is given (merged and retracted events included), as NDJSON (the
// default) or CSV.
func parseExport(ctx context.Context, st *store.Store, r *http.Request) (store.EventFilter, format, error) {
	q := newQuery(r, exportParams...)
	f, err := parseEventFilter(ctx, st, q)
	if err != nil {
		return f, "", err
	}
	f.AllStatuses = true
	fm := q.format(r, formatNDJSON, formatCSV)
	if fm == formatJSON {
		fm = formatNDJSON
	}
	return f, fm, q.err()
}

// handleExport serves GET /v1/export: every event (or those the filters select) streamed as
// NDJSON, one whole record per line in id order, or as CSV. Importing the NDJSON into an
// empty database gives the same export again.
func handleExport(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, fm, err := parseExport(r.Context(), st, r)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		if fm == formatNDJSON {
			w.Header().Set("Content-Disposition", `attachment; filename="newsevents.ndjson"`)
		} else {
			w.Header().Set("Content-Disposition", `attachment; filename="newsevents.csv"`)
		}
		streamRecords(w, r, log, opts, fm, recordTable, func(ctx context.Context, fn func(*model.EventRecord) error) error {
			return st.ExportEvents(ctx, f, fn)
		})
	}
}

// Export writes to w what GET /v1/export?params answers, for the export command: the same
// parameters, checked the same way, and the same bytes. It returns how many events it wrote.
func Export(ctx context.Context, st *store.Store, w io.Writer, params url.Values) (int, error) {
	r := (&http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/v1/export", RawQuery: params.Encode()}, Header: http.Header{}}).WithContext(ctx)
	f, fm, err := parseExport(ctx, st, r)
	if err != nil {
		return 0, err
	}
	enc := newRecordEncoder(w, fm, recordTable)
	if err := st.ExportEvents(ctx, f, func(rec *model.EventRecord) error { return enc.write(rec) }); err != nil {
		return enc.n, err
	}
	return enc.n, enc.flush()
}

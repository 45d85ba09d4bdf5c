package httpapi

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"

	"github.com/newsevents/newsevents/internal/model"
)

// format is a representation of a listing.
type format string

const (
	formatJSON   format = "json"
	formatCSV    format = "csv"
	formatNDJSON format = "ndjson"
)

// Media types of the formats.
const (
	contentTypeCSV    = "text/csv; charset=utf-8; header=present"
	contentTypeNDJSON = "application/x-ndjson"
)

// format returns the representation asked for: the format parameter, else the first of the
// Accept header's media types that names an allowed one, else JSON.
func (q *query) format(r *http.Request, allowed ...format) format {
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	if f := q.oneOf("format", names, ""); f != "" {
		return format(f)
	}
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		var f format
		switch mt {
		case "application/json", "application/*", "*/*":
			return formatJSON
		case "text/csv":
			f = formatCSV
		case "application/x-ndjson", "application/jsonl", "application/jsonlines":
			f = formatNDJSON
		default:
			continue
		}
		for _, a := range allowed {
			if a == f {
				return f
			}
		}
	}
	return formatJSON
}

// csvTable says how records of type T are written as CSV rows.
type csvTable[T any] struct {
	header []string
	row    func(*T) []string
}

// recordEncoder writes records of type T one at a time as CSV (header row first) or NDJSON.
type recordEncoder[T any] struct {
	format format
	table  csvTable[T]
	csv    *csv.Writer
	json   *json.Encoder
	dst    io.Writer
	n      int
}

func newRecordEncoder[T any](dst io.Writer, f format, table csvTable[T]) *recordEncoder[T] {
	e := &recordEncoder[T]{format: f, table: table, dst: dst}
	if f == formatCSV {
		e.csv = csv.NewWriter(dst)
		e.csv.UseCRLF = true // RFC 4180
	} else {
		e.json = json.NewEncoder(dst)
		e.json.SetEscapeHTML(false)
	}
	return e
}

func (e *recordEncoder[T]) write(rec *T) error {
	if e.csv != nil {
		if e.n == 0 {
			if err := e.csv.Write(e.table.header); err != nil {
				return err
			}
		}
		e.n++
		return e.csv.Write(e.table.row(rec))
	}
	e.n++
	return e.json.Encode(rec)
}

// flush pushes buffered CSV rows to the destination.
func (e *recordEncoder[T]) flush() error {
	if e.csv == nil {
		return nil
	}
	if e.n == 0 {
		// An empty table still has its header row.
		if err := e.csv.Write(e.table.header); err != nil {
			return err
		}
	}
	e.csv.Flush()
	return e.csv.Error()
}

func contentTypeOf(f format) string {
	if f == formatCSV {
		return contentTypeCSV
	}
	return contentTypeNDJSON
}

// writeRecords writes a complete, bounded set of records (one page) as CSV or NDJSON, with an
// ETag like any complete body.
func writeRecords[T any](w http.ResponseWriter, r *http.Request, f format, table csvTable[T], recs []T) {
	var buf bytes.Buffer
	enc := newRecordEncoder(&buf, f, table)
	for i := range recs {
		if err := enc.write(&recs[i]); err != nil {
			panic(fmt.Errorf("encode %s: %w", f, err)) // writes to a buffer only fail on a bug
		}
	}
	if err := enc.flush(); err != nil {
		panic(fmt.Errorf("encode %s: %w", f, err))
	}
	writeBody(w, r, contentTypeOf(f), buf.Bytes())
}

// streamRecords writes the records each produces as CSV or NDJSON while they arrive from the
// database, flushing as it goes: memory stays flat however many there are. An error before
// the first byte is sent becomes a problem response; after it, the connection is cut so the
// client sees a truncated body rather than a complete-looking one. A stream is bounded as
// Options says: it runs at most ExportTimeout (each gets ctx with that deadline), the client
// must accept each part within WriteTimeout, and at most MaxExports run at once.
func streamRecords[T any](w http.ResponseWriter, r *http.Request, log *slog.Logger, opts Options, f format, table csvTable[T],
	each func(ctx context.Context, fn func(*T) error) error) {
	if opts.exports != nil {
		select {
		case opts.exports <- struct{}{}:
			defer func() { <-opts.exports }()
		default:
			w.Header().Set("Retry-After", "30")
			writeError(w, r, log, &model.Error{Code: model.Unavailable, Message: fmt.Sprintf(
				"%d exports are running, the most this server runs at once: retry later, or ask for a page (limit)", cap(opts.exports))})
			return
		}
	}
	ctx, cancel, bounds := boundStream(w, r, opts)
	defer cancel()
	bounds.extend(0)
	w.Header().Set("Content-Type", contentTypeOf(f))
	w.Header().Set("Cache-Control", "no-cache")
	sw := &startedWriter{w: w}
	enc := newRecordEncoder(sw, f, table)
	err := each(ctx, func(rec *T) error {
		if err := enc.write(rec); err != nil {
			return fmt.Errorf("write %s: %w", f, err)
		}
		if enc.n%256 == 0 {
			if err := enc.flush(); err != nil {
				return fmt.Errorf("write %s: %w", f, err)
			}
			_ = bounds.rc.Flush()
			bounds.extend(0)
		}
		return nil
	})
	if err == nil {
		err = enc.flush()
	}
	if err == nil {
		if !sw.started {
			w.WriteHeader(http.StatusOK) // an empty NDJSON stream
		}
		return
	}
	if !sw.started {
		if ctx.Err() != nil && r.Context().Err() == nil {
			err = &model.Error{Code: model.Unavailable, Message: fmt.Sprintf("the export did not start within %s", opts.ExportTimeout), Err: err}
		}
		writeError(w, r, log, err)
		return
	}
	log.WarnContext(r.Context(), "stream cut short", "err", err, "rows", enc.n,
		"request_id", middleware.GetReqID(r.Context()), "path", r.URL.Path)
	panic(http.ErrAbortHandler)
}

// startedWriter records whether anything was written to w.
type startedWriter struct {
	w       io.Writer
	started bool
}

func (s *startedWriter) Write(p []byte) (int, error) {
	s.started = true
	return s.w.Write(p)
}

// Cell formatting: empty for null, numbers without exponent, timestamps in RFC 3339.
func cellFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func cellInt(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}

func cellIntp(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func cellString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func cellTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

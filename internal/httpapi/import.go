package httpapi

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"os"
	"strings"

	"github.com/newsevents/newsevents/internal/importer"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

// importProblem is the answer to an all-or-nothing import that rejected lines: a problem with
// the import's report as an extension member.
type importProblem struct {
	problem
	Report *importer.Report `json:"report"`
}

// handleImport serves POST /v1/import: the body is an NDJSON file of event records or a CSV
// table of layoffs or acquisitions, streamed into the database in batches. The answer is the
// import's report, every rejected line with its number and reason.
func handleImport(log *slog.Logger, st *store.Store, opts Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r, "format", "table", "map", "all_or_nothing")
		o := importer.Options{
			Format:       q.oneOf("format", []string{importer.FormatNDJSON, importer.FormatCSV}, ""),
			Table:        q.oneOf("table", []string{importer.TableLayoffs, importer.TableAcquisitions}, ""),
			AllOrNothing: q.boolean("all_or_nothing"),
			Map:          map[string]string{},
		}
		for _, m := range q.values["map"] {
			col, field, ok := strings.Cut(m, "=")
			if !ok || strings.TrimSpace(col) == "" || strings.TrimSpace(field) == "" {
				q.errs.Param("map", "%q: give COLUMN=FIELD, e.g. map=Company%%20Name=company", m)
				continue
			}
			o.Map[strings.TrimSpace(col)] = strings.TrimSpace(field)
		}
		if err := q.err(); err != nil {
			writeError(w, r, log, err)
			return
		}
		if o.Format == "" {
			if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil {
				switch mt {
				case "text/csv":
					o.Format = importer.FormatCSV
				case "application/x-ndjson", "application/jsonl", "application/jsonlines":
					o.Format = importer.FormatNDJSON
				}
			}
		}
		if r.ContentLength > opts.MaxImportBytes {
			writeError(w, r, log, importReadError(&http.MaxBytesError{Limit: opts.MaxImportBytes}, opts.MaxImportBytes))
			return
		}
		// The body is read as the import goes, for as long as it takes: the server's read and
		// write timeouts are lifted, and idleTimeout without a byte ends it.
		body := longBody(w, http.MaxBytesReader(w, r.Body, opts.MaxImportBytes))

		// With an Idempotency-Key the body is kept aside while its digest is taken: the digest
		// must be known before deciding to import or to replay.
		var sum []byte
		if r.Header.Get("Idempotency-Key") != "" {
			f, digest, err := spool(body)
			if err != nil {
				writeError(w, r, log, importReadError(err, opts.MaxImportBytes))
				return
			}
			defer os.Remove(f.Name())
			defer f.Close()
			body, sum = f, digest
		}
		runWrite(w, r, log, st, sum, func(ctx context.Context, _ *store.Store) (written, error) {
			o.Who = principalOf(ctx).Name
			rep, err := importer.Import(ctx, st, body, o)
			if err != nil {
				return written{}, importReadError(err, opts.MaxImportBytes)
			}
			if rep.RolledBack {
				p := importProblem{problem: problem{Type: "/problems/" + string(model.Unprocessable), Title: "Unprocessable content",
					Status: http.StatusUnprocessableEntity, Instance: r.URL.RequestURI(),
					Detail: fmt.Sprintf("%d of %d records were rejected, so nothing was imported (all_or_nothing)", rep.Rejected, rep.Read)}, Report: rep}
				return written{status: http.StatusUnprocessableEntity, body: p, contentType: "application/problem+json"}, nil
			}
			return written{status: http.StatusOK, body: rep}, nil
		})
	}
}

// spool copies body to a temporary file and returns it, rewound, with the body's SHA-256.
func spool(body io.Reader) (*os.File, []byte, error) {
	f, err := os.CreateTemp("", "newsevents-import-")
	if err != nil {
		return nil, nil, fmt.Errorf("keep the import body: %w", err)
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(f, h), body); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, nil, fmt.Errorf("keep the import body: %w", err)
	}
	return f, h.Sum(nil), nil
}

// importReadError turns a body over the limit into a TooLarge error, and a body that stopped
// arriving into an Invalid one (the client's doing, not a server error).
func importReadError(err error, limit int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errorf(model.TooLarge, "the file is over the limit of %d bytes (setting NEWSEVENTS_MAX_IMPORT_BYTES); import it with the newsevents import command", limit)
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return &model.Error{Code: model.Invalid, Err: err, Message: fmt.Sprintf("the file stopped arriving (nothing for %s); "+
			"the records before were imported: send the file again to import the rest (imports are idempotent)", idleTimeout)}
	}
	return err
}

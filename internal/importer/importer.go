// Package importer loads whole data sets into newsevents: NDJSON of event records (the shape
// GET /v1/events/{id} and the export return) and CSV tables of layoffs and acquisitions as
// public trackers publish them. Rows are validated one by one; every rejected line is reported
// with its number and the reason while the good ones load (or, with AllOrNothing, nothing
// loads). Records go to the database in batches of pipelined set-based statements, and
// importing the same file again changes nothing: events are matched by id (NDJSON) or by a
// key made from the row (tables), actors by slug or name, articles by normalised URL.
//
//	newsevents import layoffs.csv
//	curl -X POST localhost:8080/v1/import -H "Authorization: Bearer $KEY" --data-binary @layoffs.csv
package importer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"time"

	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/records"
	"github.com/newsevents/newsevents/internal/store"
)

// Formats of import files.
const (
	FormatNDJSON = "ndjson"
	FormatCSV    = "csv"
)

// Options tune an import.
type Options struct {
	// Format is ndjson or csv; empty to tell from the content.
	Format string
	// Table is the kind of CSV table, layoffs or acquisitions; empty to tell from the header.
	Table string
	// Map names the field of columns the header does not make clear: column -> field (or
	// "ignore").
	Map map[string]string
	// AllOrNothing loads nothing when any line is rejected.
	AllOrNothing bool
	// Who is recorded as the author of the changes (an API key name, "cli:import").
	Who string
	// BatchSize is the number of records written per batch (500 when zero).
	BatchSize int
	// Progress, when set, is called after each batch.
	Progress func(Progress)
}

// Progress tells how far an import is.
type Progress struct {
	// Records is the number of lines or rows read; Bytes the bytes of input read.
	Records int
	Bytes   int64
}

// Rejection is a line that was not imported, or, among warnings, a part of a line that was not.
type Rejection struct {
	Line   int                `json:"line"`
	Reason string             `json:"reason"`
	Errors []model.FieldError `json:"errors,omitempty"`
}

// maxRejections caps the rejections a report lists; all are counted.
const maxRejections = 10_000

// Report says what an import did.
type Report struct {
	Format string `json:"format"`
	// Table is the kind of CSV table; Columns how its columns were read (column -> field) and
	// Ignored the columns that were not.
	Table   string            `json:"table,omitempty"`
	Columns map[string]string `json:"columns,omitempty"`
	Ignored []string          `json:"ignored_columns,omitempty"`
	// Read counts the records read (NDJSON lines or table rows).
	Read       int         `json:"read"`
	Created    int         `json:"created"`
	Updated    int         `json:"updated"`
	Unchanged  int         `json:"unchanged"`
	Rejected   int         `json:"rejected"`
	Rejections []Rejection `json:"rejections"`
	Warnings   []Rejection `json:"warnings"`
	// RolledBack is set when AllOrNothing undid the import because of rejections.
	RolledBack bool `json:"rolled_back"`
	// KeptTimestamps is set when the import was a restore into an empty database: records kept
	// the created_at and updated_at of the file.
	KeptTimestamps bool    `json:"kept_timestamps"`
	Seconds        float64 `json:"seconds"`
}

func (r *Report) reject(line int, err error) {
	r.Rejected++
	if len(r.Rejections) >= maxRejections {
		return
	}
	rej := Rejection{Line: line, Reason: err.Error()}
	var me *model.Error
	if errors.As(err, &me) {
		rej.Reason = me.Message
		rej.Errors = me.Fields
		if me.Code == model.Internal || me.Code == "" {
			rej.Reason = err.Error()
		}
	}
	r.Rejections = append(r.Rejections, rej)
}

// item is one record read from the input: a document to save, or the reason it cannot be.
type item struct {
	line int
	doc  model.EventInput
	err  error
}

// source reads records one at a time; it returns io.EOF at the end.
type source interface {
	next() (item, error)
}

// errRolledBack ends the transaction of an all-or-nothing import that rejected lines.
var errRolledBack = errors.New("rolled back")

// Import reads r and writes its records through st. The error is a failure of the input as a
// whole (unreadable, a table whose columns cannot be told) or of the database; rejected lines
// are in the report.
func Import(ctx context.Context, st *store.Store, r io.Reader, opts Options) (*Report, error) {
	start := time.Now()
	if opts.BatchSize <= 0 {
		opts.BatchSize = 500
	}
	if opts.Who == "" {
		opts.Who = "import"
	}
	cr := &countingReader{r: r}
	br := bufio.NewReaderSize(cr, 1<<16)
	rep := &Report{Format: opts.Format, Rejections: []Rejection{}, Warnings: []Rejection{}}
	if rep.Format == "" {
		rep.Format = sniff(br)
	}
	voc, err := st.VocabularyCodes(ctx)
	if err != nil {
		return nil, err
	}
	save := store.SaveOptions{Mode: store.SaveMerge}
	var src source
	switch rep.Format {
	case FormatNDJSON:
		src = newNDJSON(br, voc)
		save = store.SaveOptions{Mode: store.SaveReplace, KeepIDs: true}
		has, err := st.HasEvents(ctx)
		if err != nil {
			return nil, err
		}
		save.KeepTimestamps = !has
		rep.KeptTimestamps = !has
	case FormatCSV:
		t, err := newTable(br, opts.Table, opts.Map)
		if err != nil {
			return nil, err
		}
		rep.Table, rep.Columns, rep.Ignored = t.kind, t.columns(), t.ignored()
		src = t
	default:
		return nil, model.Errorf(model.Invalid, "unknown format %q: use ndjson or csv", rep.Format)
	}

	l := &loader{opts: opts, save: save, rep: rep, lines: map[int64]int{}}
	run := func(tx *store.Store) error {
		if save.KeepTimestamps {
			if err := tx.KeepTimestamps(ctx); err != nil {
				return err
			}
		}
		return nil
	}
	if opts.AllOrNothing {
		err = st.WriteTx(ctx, opts.Who, func(tx *store.Store) error {
			if err := run(tx); err != nil {
				return err
			}
			if err := l.readAll(ctx, src, cr, func(batch []item) error { return l.batch(ctx, tx, batch) }); err != nil {
				return err
			}
			if err := l.relations(ctx, tx); err != nil {
				return err
			}
			if rep.Rejected > 0 {
				return errRolledBack
			}
			return tx.SyncSequences(ctx)
		})
		if errors.Is(err, errRolledBack) {
			rep.RolledBack = true
			err = nil
		}
	} else {
		err = l.readAll(ctx, src, cr, func(batch []item) error {
			return st.WriteTx(ctx, opts.Who, func(tx *store.Store) error {
				if err := run(tx); err != nil {
					return err
				}
				return l.batch(ctx, tx, batch)
			})
		})
		if err == nil {
			err = st.WriteTx(ctx, opts.Who, func(tx *store.Store) error {
				if err := run(tx); err != nil {
					return err
				}
				if err := l.relations(ctx, tx); err != nil {
					return err
				}
				return tx.SyncSequences(ctx)
			})
		}
	}
	rep.Seconds = time.Since(start).Seconds()
	if err != nil {
		return rep, err
	}
	return rep, nil
}

// sniff tells NDJSON (a first non-blank byte of "{") from CSV.
func sniff(br *bufio.Reader) string {
	b, _ := br.Peek(4096)
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(b) > 0 && b[0] == '{' {
		return FormatNDJSON
	}
	return FormatCSV
}

// loader writes batches and keeps the report.
type loader struct {
	opts  Options
	save  store.SaveOptions
	rep   *Report
	rels  []store.Relations
	lines map[int64]int  // event id -> line, for relation problems
	seen  map[uint64]int // digest of an id or external id -> first line
}

// readAll reads src in batches and calls write for each.
func (l *loader) readAll(ctx context.Context, src source, cr *countingReader, write func([]item) error) error {
	var batch []item
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := write(batch); err != nil {
			return err
		}
		batch = batch[:0]
		if l.opts.Progress != nil {
			l.opts.Progress(Progress{Records: l.rep.Read, Bytes: cr.n})
		}
		return nil
	}
	for {
		it, err := src.next()
		if errors.Is(err, io.EOF) {
			return flush()
		}
		if err != nil {
			return err
		}
		l.rep.Read++
		if it.err == nil {
			it.err = l.duplicate(it)
		}
		if it.err != nil {
			l.rep.reject(it.line, it.err)
			continue
		}
		batch = append(batch, it)
		if len(batch) >= l.opts.BatchSize {
			if err := flush(); err != nil {
				return err
			}
		}
	}
}

// duplicate returns an error when an earlier record of the input is the same record (same
// id or external id): saving both would make every import of the file change it twice.
func (l *loader) duplicate(it item) error {
	if l.seen == nil {
		l.seen = map[uint64]int{}
	}
	var keys []string
	if it.doc.ID != nil {
		keys = append(keys, fmt.Sprint("id:", *it.doc.ID))
	}
	if it.doc.ExternalID != nil {
		keys = append(keys, "ext:"+*it.doc.ExternalID)
	}
	for _, k := range keys {
		h := fnv.New64a()
		h.Write([]byte(k))
		sum := h.Sum64()
		if first, ok := l.seen[sum]; ok {
			what := "the same record"
			switch l.rep.Table {
			case TableLayoffs:
				what = "the same layoff (company, date, location and source)"
			case TableAcquisitions:
				what = "the same acquisition (acquirer, target and date)"
			}
			return model.Errorf(model.Unprocessable, "%s as line %d: only the first is imported", what, first)
		}
		l.seen[sum] = it.line
	}
	return nil
}

// batch saves one batch in a savepoint. When the database refuses the batch as a whole, each
// record is saved on its own, so one bad record does not sink the others.
func (l *loader) batch(ctx context.Context, tx *store.Store, batch []item) error {
	docs := make([]model.EventInput, len(batch))
	for i, it := range batch {
		docs[i] = it.doc
	}
	var (
		outs []records.Outcome
		rels []store.Relations
	)
	err := tx.InTx(ctx, func(sp *store.Store) error {
		var err error
		outs, rels, err = records.Save(ctx, sp, docs, l.save)
		return err
	})
	if err != nil && !retryAlone(err) {
		return err
	}
	if err != nil {
		for _, it := range batch {
			if err := l.batch1(ctx, tx, it); err != nil {
				return err
			}
		}
		return nil
	}
	l.record(batch, outs, rels)
	return nil
}

// batch1 saves one record in its own savepoint.
func (l *loader) batch1(ctx context.Context, tx *store.Store, it item) error {
	var (
		outs []records.Outcome
		rels []store.Relations
	)
	err := tx.InTx(ctx, func(sp *store.Store) error {
		var err error
		outs, rels, err = records.Save(ctx, sp, []model.EventInput{it.doc}, l.save)
		return err
	})
	if err != nil {
		if !retryAlone(err) {
			return err
		}
		l.rep.reject(it.line, err)
		return nil
	}
	l.record([]item{it}, outs, rels)
	return nil
}

// retryAlone reports whether err is about the records (a constraint they break), not about
// the database being unusable.
func retryAlone(err error) bool {
	switch model.ErrorCode(err) {
	case model.Unavailable:
		return false
	case model.Internal:
		return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
	}
	return true
}

func (l *loader) record(batch []item, outs []records.Outcome, rels []store.Relations) {
	for i, o := range outs {
		switch {
		case o.Err != nil:
			l.rep.reject(batch[i].line, o.Err)
		case o.Action == store.ActionCreated:
			l.rep.Created++
		case o.Action == store.ActionUpdated:
			l.rep.Updated++
		default:
			l.rep.Unchanged++
		}
		if o.Err == nil {
			l.lines[o.ID] = batch[i].line
		}
	}
	l.rels = append(l.rels, rels...)
}

// relations writes the links and merged_into of the imported events, once they all exist.
// A link to an event that exists nowhere is a warning: the event itself was imported.
func (l *loader) relations(ctx context.Context, tx *store.Store) error {
	for len(l.rels) > 0 {
		n := min(len(l.rels), 1000)
		problems, err := tx.SetRelations(ctx, l.rels[:n])
		if err != nil {
			return err
		}
		for i, p := range problems {
			if len(p) > 0 {
				l.rep.Warnings = append(l.rep.Warnings, Rejection{
					Line:   l.lines[l.rels[i].EventID],
					Reason: fmt.Sprintf("event %d was imported without these links", l.rels[i].EventID),
					Errors: p,
				})
			}
		}
		l.rels = l.rels[n:]
	}
	return nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

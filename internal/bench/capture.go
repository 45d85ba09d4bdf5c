package bench

import (
	"context"
	"sync"

	"github.com/jackc/pgx/v5"
)

// Statement is one SQL statement with its arguments, as the API handed it to pgx. Batch
// numbers the pgx batch the statement was sent in (statements of one batch go to the server
// in one round trip, and are replayed so); 0 for a statement of its own.
type Statement struct {
	SQL   string
	Args  []any
	Batch int
}

// Recorder is a pgx tracer that records the statements run under a context made by Record,
// so the SQL an API request runs can be replayed without the API.
type Recorder struct{}

type recordingKey struct{}

// Recording collects the statements of one request.
type Recording struct {
	mu      sync.Mutex
	stmts   []Statement
	batches int
	inBatch bool
}

// Record returns a context under which statements are recorded into the returned Recording.
func Record(ctx context.Context) (context.Context, *Recording) {
	r := &Recording{}
	return context.WithValue(ctx, recordingKey{}, r), r
}

// Statements returns what was recorded, in order.
func (r *Recording) Statements() []Statement {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Statement(nil), r.stmts...)
}

func (r *Recording) add(sql string, args []any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	st := Statement{SQL: sql, Args: append([]any(nil), args...)}
	if r.inBatch {
		st.Batch = r.batches
	}
	r.stmts = append(r.stmts, st)
}

func (r *Recording) batch(start bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.inBatch = start
	if start {
		r.batches++
	}
}

// TraceQueryStart implements pgx.QueryTracer.
func (Recorder) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	if r, ok := ctx.Value(recordingKey{}).(*Recording); ok {
		r.add(data.SQL, data.Args)
	}
	return ctx
}

// TraceQueryEnd implements pgx.QueryTracer.
func (Recorder) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// TraceBatchStart implements pgx.BatchTracer.
func (Recorder) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	if r, ok := ctx.Value(recordingKey{}).(*Recording); ok {
		r.batch(true)
	}
	return ctx
}

// TraceBatchQuery implements pgx.BatchTracer: the statements of a batch are recorded with its
// number, and replayed as one batch.
func (Recorder) TraceBatchQuery(ctx context.Context, _ *pgx.Conn, data pgx.TraceBatchQueryData) {
	if r, ok := ctx.Value(recordingKey{}).(*Recording); ok {
		r.add(data.SQL, data.Args)
	}
}

// TraceBatchEnd implements pgx.BatchTracer.
func (Recorder) TraceBatchEnd(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchEndData) {
	if r, ok := ctx.Value(recordingKey{}).(*Recording); ok {
		r.batch(false)
	}
}

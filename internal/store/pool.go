package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/model"
)

// Option tunes a Store made by New.
type Option func(*Store)

// AcquireTimeout bounds how long a call waits for a free connection of the pool: when every
// connection stays busy that long, the call fails with an Unavailable error (the API answers
// 503) instead of queueing without end. Zero keeps pgx's behaviour (wait as long as the
// caller's context allows).
func AcquireTimeout(d time.Duration) Option {
	return func(s *Store) {
		if pool, ok := s.db.(*pgxpool.Pool); ok && d > 0 {
			s.db = &timedPool{Pool: pool, timeout: d}
		}
	}
}

// poolOf returns the pool under db, or nil when db is a transaction.
func poolOf(db dbtx) *pgxpool.Pool {
	switch p := db.(type) {
	case *pgxpool.Pool:
		return p
	case *timedPool:
		return p.Pool
	}
	return nil
}

// timedPool is a pool whose callers wait at most timeout for a connection. Each method takes a
// connection with that bound, runs the statement on it with the caller's context, and gives the
// connection back when the statement's results are done with, as pgxpool does.
type timedPool struct {
	*pgxpool.Pool
	timeout time.Duration
}

// acquire takes a connection, waiting at most p.timeout.
func (p *timedPool) acquire(ctx context.Context) (*pgxpool.Conn, error) {
	actx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	c, err := p.Pool.Acquire(actx)
	if err == nil {
		return c, nil
	}
	if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		return nil, &model.Error{Code: model.Unavailable, Err: fmt.Errorf("acquire connection: %w", err),
			Message: fmt.Sprintf("the server is busy: no database connection came free within %s; retry", p.timeout)}
	}
	return nil, err
}

func (p *timedPool) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	c, err := p.acquire(ctx)
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	defer c.Release()
	return c.Exec(ctx, sql, args...)
}

func (p *timedPool) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	c, err := p.acquire(ctx)
	if err != nil {
		return errRows{err: err}, err
	}
	rows, err := c.Query(ctx, sql, args...)
	if err != nil {
		c.Release()
		return errRows{err: err}, err
	}
	return &releasingRows{Rows: rows, c: c}, nil
}

func (p *timedPool) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	c, err := p.acquire(ctx)
	if err != nil {
		return errRow{err: err}
	}
	return &releasingRow{row: c.QueryRow(ctx, sql, args...), c: c}
}

func (p *timedPool) Begin(ctx context.Context) (pgx.Tx, error) {
	return p.BeginTx(ctx, pgx.TxOptions{})
}

func (p *timedPool) BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error) {
	c, err := p.acquire(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := c.BeginTx(ctx, opts)
	if err != nil {
		c.Release()
		return nil, err
	}
	return &releasingTx{Tx: tx, c: c}, nil
}

func (p *timedPool) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	c, err := p.acquire(ctx)
	if err != nil {
		return errBatch{err: err}
	}
	return &releasingBatch{BatchResults: c.SendBatch(ctx, b), c: c}
}

func (p *timedPool) CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error) {
	c, err := p.acquire(ctx)
	if err != nil {
		return 0, err
	}
	defer c.Release()
	return c.CopyFrom(ctx, table, columns, src)
}

// releasingRows gives its connection back once the rows are closed, which Next does by itself
// after the last row or an error.
type releasingRows struct {
	pgx.Rows
	c *pgxpool.Conn
}

func (r *releasingRows) release() {
	if r.c != nil {
		r.c.Release()
		r.c = nil
	}
}

func (r *releasingRows) Close() {
	r.Rows.Close()
	r.release()
}

func (r *releasingRows) Next() bool {
	if r.Rows.Next() {
		return true
	}
	r.Close()
	return false
}

func (r *releasingRows) Scan(dest ...any) error {
	err := r.Rows.Scan(dest...)
	if err != nil {
		r.Close()
	}
	return err
}

func (r *releasingRows) Values() ([]any, error) {
	v, err := r.Rows.Values()
	if err != nil {
		r.Close()
	}
	return v, err
}

// releasingRow gives its connection back once scanned.
type releasingRow struct {
	row pgx.Row
	c   *pgxpool.Conn
}

func (r *releasingRow) Scan(dest ...any) error {
	defer r.c.Release()
	return r.row.Scan(dest...)
}

// releasingTx gives its connection back when the transaction ends.
type releasingTx struct {
	pgx.Tx
	c *pgxpool.Conn
}

func (t *releasingTx) release() {
	if t.c != nil {
		t.c.Release()
		t.c = nil
	}
}

func (t *releasingTx) Commit(ctx context.Context) error {
	err := t.Tx.Commit(ctx)
	t.release()
	return err
}

func (t *releasingTx) Rollback(ctx context.Context) error {
	err := t.Tx.Rollback(ctx)
	t.release()
	return err
}

// releasingBatch gives its connection back when the batch is closed.
type releasingBatch struct {
	pgx.BatchResults
	c *pgxpool.Conn
}

func (b *releasingBatch) Close() error {
	err := b.BatchResults.Close()
	if b.c != nil {
		b.c.Release()
		b.c = nil
	}
	return err
}

// errRows, errRow and errBatch carry the failure to get a connection to the caller.
type errRows struct {
	pgx.Rows
	err error
}

func (e errRows) Close()                                       {}
func (e errRows) Err() error                                   { return e.err }
func (e errRows) CommandTag() pgconn.CommandTag                { return pgconn.CommandTag{} }
func (e errRows) FieldDescriptions() []pgconn.FieldDescription { return nil }
func (e errRows) Next() bool                                   { return false }
func (e errRows) Scan(...any) error                            { return e.err }
func (e errRows) Values() ([]any, error)                       { return nil, e.err }
func (e errRows) RawValues() [][]byte                          { return nil }
func (e errRows) Conn() *pgx.Conn                              { return nil }

type errRow struct{ err error }

func (e errRow) Scan(...any) error { return e.err }

type errBatch struct {
	pgx.BatchResults
	err error
}

func (e errBatch) Exec() (pgconn.CommandTag, error) { return pgconn.CommandTag{}, e.err }
func (e errBatch) Query() (pgx.Rows, error)         { return errRows{err: e.err}, e.err }
func (e errBatch) QueryRow() pgx.Row                { return errRow{err: e.err} }
func (e errBatch) Close() error                     { return e.err }
func (e errBatch) Tx() pgx.Tx                       { return nil }

// PoolStat returns the statistics of the Store's connection pool, or nil inside a transaction.
func (s *Store) PoolStat() *pgxpool.Stat {
	if p := poolOf(s.db); p != nil {
		return p.Stat()
	}
	return nil
}

// Package store is the only place that speaks SQL: it reads and writes the newsevents records
// in PostgreSQL and turns database failures into model errors.
package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/model"
)

// dbtx is what both a pool and a transaction offer.
type dbtx interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Begin(ctx context.Context) (pgx.Tx, error)
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error)
}

// Store reads and writes records. Its methods run on the pool, or inside the transaction of
// the Store that InTx hands to its function.
type Store struct {
	db dbtx
}

// New returns a Store on pool.
func New(pool *pgxpool.Pool, opts ...Option) *Store {
	s := &Store{db: pool}
	for _, o := range opts {
		o(s)
	}
	return s
}

// InTx runs fn with a Store bound to one transaction, committed when fn returns nil and rolled
// back otherwise; nested calls use savepoints.
func (s *Store) InTx(ctx context.Context, fn func(tx *Store) error) error {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return mapError(fmt.Errorf("begin transaction: %w", err))
	}
	defer tx.Rollback(context.Background()) //nolint:errcheck // a no-op after Commit
	if err := fn(&Store{db: tx}); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return mapError(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.db.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil {
		return mapError(fmt.Errorf("ping database: %w", err))
	}
	return nil
}

// mapError turns database failures into model errors: missing rows are NotFound, broken
// constraints are Conflict or Unprocessable, cancelled or unreachable databases Unavailable.
// Anything else stays as it is and counts as Internal.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return &model.Error{Code: model.NotFound, Message: "not found", Err: err}
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &model.Error{Code: model.Unavailable, Message: "the database did not answer in time", Err: err}
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case pgErr.Code == "23505":
			return &model.Error{Code: model.Conflict, Message: "a record with the same key already exists (" + pgErr.ConstraintName + ")", Err: err}
		case pgErr.Code == "23503":
			return &model.Error{Code: model.Unprocessable, Message: "a referenced record or code does not exist (" + pgErr.ConstraintName + ")", Err: err}
		// Class 22 is data exceptions: a value out of range or not representable (a number too
		// large, a date out of range, a NUL in text) came from the request.
		case pgErr.Code == "23514" || pgErr.Code == "23502" || pgErr.Code[:2] == "22":
			return &model.Error{Code: model.Unprocessable, Message: "a value breaks a rule of the database: " + pgErr.Message, Err: err}
		case pgErr.Code == "57014": // query_canceled, statement_timeout included
			return &model.Error{Code: model.Unavailable, Message: "the query took too long and was cancelled", Err: err}
		case pgErr.Code == "40001" || pgErr.Code == "40P01":
			return &model.Error{Code: model.Unavailable, Message: "the database was busy; retry", Err: err}
		case pgErr.Code[:2] == "08" || pgErr.Code[:2] == "53" || pgErr.Code[:2] == "57":
			return &model.Error{Code: model.Unavailable, Message: "the database is unavailable", Err: err}
		}
		return err
	}
	if pgconn.SafeToRetry(err) || isConnError(err) {
		return &model.Error{Code: model.Unavailable, Message: "the database is unavailable", Err: err}
	}
	return err
}

// isConnError reports failures to reach the server or a connection lost mid-way.
func isConnError(err error) bool {
	var (
		connErr *pgconn.ConnectError
		netErr  net.Error
	)
	return errors.As(err, &connErr) || errors.As(err, &netErr) || pgconn.Timeout(err) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, net.ErrClosed)
}

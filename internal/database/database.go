// Package database opens connection pools to PostgreSQL and applies the schema migrations.
// It knows nothing of records: the store package owns every query.
package database

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrInvalidURL is returned for a connection string that cannot be parsed.
var ErrInvalidURL = errors.New("invalid database URL: expected postgres://user:password@host:port/dbname")

// PoolOptions tune a connection pool.
type PoolOptions struct {
	// MaxConns caps open connections; pgx's default (the larger of 4 and the CPU count) when zero.
	MaxConns int32
	// StatementTimeout cancels any statement running longer; none when zero.
	StatementTimeout time.Duration
	// ApplicationName shows in pg_stat_activity.
	ApplicationName string
}

// Open connects a pool to url and checks the server answers.
func Open(ctx context.Context, url string, opts PoolOptions) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message can echo the URL, password included: say only what is wrong.
		return nil, ErrInvalidURL
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	if opts.ApplicationName != "" {
		cfg.ConnConfig.RuntimeParams["application_name"] = opts.ApplicationName
	}
	if opts.StatementTimeout > 0 {
		cfg.ConnConfig.RuntimeParams["statement_timeout"] = fmt.Sprint(opts.StatementTimeout.Milliseconds())
	}
	cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database pool: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to database %s: %w", Redact(url), err)
	}
	return pool, nil
}

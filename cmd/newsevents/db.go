package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/config"
	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/pgembed"
)

// embeddedDB is the name of the database newsevents uses in its embedded cluster.
const embeddedDB = "newsevents"

// dbConn is an open database: the pool, and the embedded cluster when there is one.
type dbConn struct {
	Pool    *pgxpool.Pool
	Cluster *pgembed.Cluster
	log     *slog.Logger
}

// Embedded reports whether the database is the private embedded cluster.
func (d *dbConn) Embedded() bool { return d.Cluster != nil }

// Close closes the pool and stops the embedded cluster if this process started it.
func (d *dbConn) Close() {
	if d.Pool != nil {
		d.Pool.Close()
	}
	if d.Cluster != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := d.Cluster.Stop(ctx); err != nil {
			d.log.Error("stop embedded postgres", "err", err)
		}
	}
}

// openDatabase connects to DATABASE_URL, or starts (or attaches to) the embedded cluster in the
// data dir when no URL is set. A server that does not answer yet (as in docker compose) is
// waited for as long as the db-wait setting says.
func openDatabase(ctx context.Context, cfg *config.Config, log *slog.Logger, opts database.PoolOptions) (*dbConn, error) {
	d := &dbConn{log: log}
	url := cfg.DatabaseURL
	if url == "" {
		c, err := pgembed.Start(ctx, pgembed.Options{Dir: cfg.DataDir, Logger: log})
		if err != nil {
			return nil, fmt.Errorf("embedded database: %w", err)
		}
		d.Cluster = c
		if err := ensureDatabase(ctx, c.URL("postgres"), embeddedDB); err != nil {
			d.Close()
			return nil, err
		}
		url = c.URL(embeddedDB)
	}
	pool, err := connectWithRetry(ctx, url, opts, cfg.DBWait, log)
	if err != nil {
		d.Close()
		return nil, err
	}
	d.Pool = pool
	return d, nil
}

func connectWithRetry(ctx context.Context, url string, opts database.PoolOptions, wait time.Duration, log *slog.Logger) (*pgxpool.Pool, error) {
	deadline := time.Now().Add(wait)
	for attempt := 1; ; attempt++ {
		pool, err := database.Open(ctx, url, opts)
		if err == nil {
			return pool, nil
		}
		if time.Now().After(deadline) || !retryable(err) {
			return nil, err
		}
		log.Warn("database not ready; retrying", "attempt", attempt, "err", err)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// retryable reports connection failures worth waiting out (refused, server starting up).
func retryable(err error) bool {
	var pgErr interface{ SQLState() string }
	if errors.As(err, &pgErr) {
		return pgErr.SQLState() == "57P03" // cannot_connect_now: the server is starting
	}
	return !errors.Is(err, context.Canceled) && !errors.Is(err, database.ErrInvalidURL)
}

// ensureDatabase creates database name on the server of adminURL when it does not exist.
func ensureDatabase(ctx context.Context, adminURL, name string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connect to embedded postgres: %w", err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("look up database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		var pgErr interface{ SQLState() string }
		if errors.As(err, &pgErr) && pgErr.SQLState() == "42P04" { // created meanwhile by another process
			return nil
		}
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}

// migrateUp applies pending migrations and logs how many ran.
func migrateUp(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	m, err := database.NewMigrator(pool)
	if err != nil {
		return err
	}
	defer m.Close()
	n, err := m.Up(ctx)
	if err != nil {
		return err
	}
	v, err := m.Version(ctx)
	if err != nil {
		return err
	}
	log.Info("schema up to date", "applied", n, "version", v)
	return nil
}

// checkSchema refuses to serve a database whose schema is behind the binary's migrations.
func checkSchema(ctx context.Context, pool *pgxpool.Pool) error {
	m, err := database.NewMigrator(pool)
	if err != nil {
		return err
	}
	defer m.Close()
	pending, err := m.Pending(ctx)
	if err != nil {
		return err
	}
	if pending {
		v, _ := m.Version(ctx)
		return fmt.Errorf("the database schema (version %d) is behind this binary: run \"newsevents migrate up\" or start without --migrate=false", v)
	}
	return nil
}

package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"runtime/debug"
	"time"

	"github.com/newsevents/newsevents/internal/config"
	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/feed"
	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/seed"
	"github.com/newsevents/newsevents/internal/store"
)

// serveGCPercent is the garbage collector's target of serve when GOGC is not set.
const serveGCPercent = 400

func runServe(ctx context.Context, e env, args []string) error {
	var cfg config.Config
	fs := newFlagSet(e, "serve", "[flags]", "Start the HTTP API. With no database URL, a private PostgreSQL is started from the\nlocal server binaries, its data kept in the data dir, and the demo dataset loaded on first start.")
	cfg.BindDatabase(fs, e.getenv)
	cfg.BindServe(fs, e.getenv)
	if err := cfg.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("serve takes no arguments, got %q", fs.Args())
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(&cfg, e.stderr)
	log.Info("starting newsevents", "config", &cfg)
	if e.getenv("GOGC") == "" {
		// A request allocates what it sends and drops it when done: the live heap stays a few
		// MB, and with Go's default (collect at twice the live heap) the collector ran every
		// few requests. Collecting at five times the live heap cut the server's CPU per page of
		// events from 515 to about 400 µs at 32 clients (README, Performance), for a heap that
		// stays tens of MB. GOGC set in the environment wins.
		debug.SetGCPercent(serveGCPercent)
	}

	db, err := openDatabase(ctx, &cfg, log, database.PoolOptions{
		MaxConns:         int32(cfg.MaxConns),
		StatementTimeout: cfg.StatementTimeout,
		ApplicationName:  "newsevents",
	})
	if err != nil {
		return err
	}
	defer db.Close()

	if cfg.Migrate {
		if err := migrateUp(ctx, db.Pool, log); err != nil {
			return err
		}
	} else if err := checkSchema(ctx, db.Pool); err != nil {
		return err
	}
	st := store.New(db.Pool, store.AcquireTimeout(cfg.AcquireTimeout))
	if err := seedAtStart(ctx, &cfg, db, st, log); err != nil {
		return err
	}

	proxies, err := cfg.TrustedProxyList()
	if err != nil {
		return err
	}
	// The live feed: one listening connection for the whole process. It stops after the HTTP
	// server (Shutdown closes it, which ends every feed stream at once instead of holding the
	// shutdown), and before the pool and the database.
	hub := feed.New(log, st, feed.Options{Buffer: cfg.FeedBuffer})
	hubDone := make(chan struct{})
	go func() {
		defer close(hubDone)
		hub.Run(context.WithoutCancel(ctx))
	}()
	defer func() {
		hub.Close()
		<-hubDone
	}()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	// Requests run under baseCtx, cancelled when the shutdown timeout runs out: handlers still
	// waiting on the database then give up, so the pool and the database can be closed.
	baseCtx, cancelRequests := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRequests()
	srv := &http.Server{
		Handler: httpapi.NewServer(log, st, httpapi.Options{
			MaxLimit:       cfg.MaxLimit,
			CORSOrigins:    cfg.CORSOriginList(),
			RequireReadKey: cfg.RequireReadKey,
			MaxBodyBytes:   int64(cfg.MaxBodyBytes),
			MaxImportBytes: int64(cfg.MaxImportBytes),
			RateLimits: httpapi.RateLimits{PerIP: cfg.RateLimitIP, PerKey: cfg.RateLimitKey,
				Window: cfg.RateLimitWindow, TrustedProxies: proxies},
			ExportTimeout: cfg.ExportTimeout,
			WriteTimeout:  cfg.WriteTimeout,
			MaxExports:    cfg.MaxExports,
			Feed:          hub,
			FeedHeartbeat: cfg.FeedHeartbeat,
			MaxFeeds:      cfg.MaxFeeds,
		}),
		BaseContext:       func(net.Listener) context.Context { return baseCtx },
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
	if cfg.PprofAddr != "" {
		stopProfiler, err := startProfiler(cfg.PprofAddr, log)
		if err != nil {
			return err
		}
		defer stopProfiler()
	}
	// Feed streams never finish on their own: Shutdown (which first closes the listener, so
	// their clients reconnect elsewhere or once the server is back) ends them.
	srv.RegisterOnShutdown(hub.Close)
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	go purgeIdempotencyKeys(ctx, st, log, time.Hour)
	log.Info("listening", "addr", ln.Addr().String(), "url", "http://"+displayAddr(ln.Addr()))

	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Shutdown closes the listener at once (new connections are refused), closes idle
	// keep-alive connections, and waits for in-flight requests to finish.
	log.Info("shutting down: finishing in-flight requests", "timeout", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("shutdown timed out; cancelling the remaining requests and closing their connections", "err", err)
		cancelRequests()
		_ = srv.Close()
	}
	if err := <-serveErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// seedAtStart loads the demo dataset as the seed setting says: auto loads it into an embedded
// database that holds no events yet (its first start), always loads it (idempotent).
func seedAtStart(ctx context.Context, cfg *config.Config, db *dbConn, st *store.Store, log interface {
	Info(string, ...any)
}) error {
	switch cfg.Seed {
	case config.SeedNever:
		return nil
	case config.SeedAuto:
		if !db.Embedded() {
			return nil
		}
		has, err := st.HasEvents(ctx)
		if err != nil || has {
			return err
		}
	}
	d, err := seed.Demo()
	if err != nil {
		return err
	}
	res, err := seed.Load(ctx, st, d)
	if err != nil {
		return fmt.Errorf("load demo dataset: %w", err)
	}
	log.Info("demo dataset loaded", "articles", res.Articles, "actors", res.Actors, "events", res.Events, "links", res.Links)
	return nil
}

// displayAddr turns a listen address into one a browser can use (":8080" -> "localhost:8080").
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// purgeIdempotencyKeys deletes expired Idempotency-Key responses every interval until ctx ends.
func purgeIdempotencyKeys(ctx context.Context, st *store.Store, log *slog.Logger, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		n, err := st.PurgeIdempotencyKeys(ctx)
		if err != nil {
			log.Warn("purge idempotency keys", "err", err)
			continue
		}
		if n > 0 {
			log.Debug("purged expired idempotency keys", "count", n)
		}
	}
}

// startProfiler serves net/http/pprof on its own listener, apart from the API, and returns
// the function that stops it.
func startProfiler(addr string, log *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s for the profiler: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	log.Info("profiler listening", "url", "http://"+ln.Addr().String()+"/debug/pprof/")
	return func() { _ = srv.Close() }, nil
}

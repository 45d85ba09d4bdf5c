// Command newsevents-bench runs the benchmarks of "make bench": for each main query, the API's
// throughput and p50/p99 latency under load from wrk on loopback, beside the same SQL run
// directly over pgx at the same concurrency (the floor), in the same run; then the server's
// memory while it exports every figure as CSV and NDJSON. It prints a Markdown table and
// saves it under bench/results/.
//
// It starts the embedded PostgreSQL in the data dir with the settings of bench/postgresql.conf,
// fills a database with "newsevents gen" when it is not there yet, and starts "newsevents
// serve" on it. Only loopback addresses are used, and every load is bounded in time.
//
//	go run ./cmd/newsevents-bench --bin bin/newsevents --data-dir /work/benchdata --events 1000000
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/bench"
	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/pgembed"
	"github.com/newsevents/newsevents/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(os.Stderr, "newsevents-bench: %v\n", err)
		}
		os.Exit(1)
	}
}

type options struct {
	bin, dataDir, pgConf, outDir, wrk string
	events                            int64
	seed                              uint64
	clients, poolSize, rounds, paths  int
	duration, warmup                  time.Duration
	only                              string
	prepareOnly, skipMemory, regen    bool
	profile, label                    string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := flag.NewFlagSet("newsevents-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.bin, "bin", "bin/newsevents", "the newsevents binary to benchmark")
	fs.StringVar(&o.dataDir, "data-dir", os.Getenv("BENCH_DATA_DIR"), "directory of the benchmark PostgreSQL cluster, outside the repository (env BENCH_DATA_DIR)")
	fs.StringVar(&o.pgConf, "pg-conf", "bench/postgresql.conf", "PostgreSQL settings the cluster starts with")
	fs.StringVar(&o.outDir, "out", "bench/results", "where the results are saved")
	fs.StringVar(&o.wrk, "wrk", "wrk", "the wrk binary")
	fs.Int64Var(&o.events, "events", 1_000_000, "events in the benchmark database")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the generated corpus")
	fs.IntVar(&o.clients, "clients", 32, "concurrent clients, for the API and the floor alike")
	fs.IntVar(&o.poolSize, "pool", 0, "database connections of the API server and of the floor (0: the server's default)")
	fs.IntVar(&o.rounds, "rounds", 3, "rounds: each query is measured once per round, both ways, and the median is reported")
	fs.IntVar(&o.paths, "paths", 200, "parameter sets per query")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "length of each measurement")
	fs.DurationVar(&o.warmup, "warmup", 3*time.Second, "length of the warm-up of each query, before the first round")
	fs.StringVar(&o.only, "only", "", "comma-separated substrings: run only the queries whose names hold one")
	fs.BoolVar(&o.prepareOnly, "prepare-only", false, "start the cluster and generate the database, then stop")
	fs.BoolVar(&o.regen, "regenerate", false, "generate the database again even when it holds the corpus (after a schema or generator change)")
	fs.BoolVar(&o.skipMemory, "skip-memory", false, "skip the export memory measurement")
	fs.StringVar(&o.profile, "profile", "", "save 10 s CPU and allocation profiles of the server under load of the queries whose names hold one of these comma-separated substrings, into the results dir")
	fs.StringVar(&o.label, "label", "", "a prefix for the names of saved profiles (which binary they profile)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.dataDir == "" {
		return errors.New("set --data-dir or BENCH_DATA_DIR to a directory outside the repository (it will hold several GB)")
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	settings, err := pgembed.ParseSettings(o.pgConf)
	if err != nil {
		return err
	}
	cluster, err := pgembed.Start(ctx, pgembed.Options{Dir: o.dataDir, Settings: settings, Logger: log})
	if err != nil {
		return err
	}
	defer cluster.Stop(context.Background()) //nolint:errcheck // best effort at exit
	if !cluster.Owner() {
		log.Warn("the cluster was already running: bench/postgresql.conf applies only to a cluster the harness starts")
	}
	dbName := fmt.Sprintf("bench_%d_s%d", o.events, o.seed)
	dbURL := cluster.URL(dbName)
	if err := prepare(ctx, log, o, cluster.URL("postgres"), dbName, dbURL); err != nil {
		return err
	}
	if o.prepareOnly {
		return nil
	}

	srv, err := startServer(ctx, o, dbURL, stderr)
	if err != nil {
		return err
	}
	defer srv.stop()

	first, last := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	queries, err := bench.Workload(ctx, srv.base, o.events, o.paths, o.seed, first, last)
	if err != nil {
		return err
	}
	queries = selectQueries(queries, o.only)

	poolCfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return err
	}
	if o.poolSize > 0 {
		poolCfg.MaxConns = int32(o.poolSize)
	} else {
		poolCfg.MaxConns = int32(max(4, runtime.NumCPU())) // what the server's pool has by default
	}
	poolCfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	poolCfg.ConnConfig.Tracer = bench.Recorder{}
	pool, err := pgxpool.NewWithConfig(ctx, poolCfg)
	if err != nil {
		return err
	}
	defer pool.Close()
	stmts, err := capture(ctx, pool, queries)
	if err != nil {
		return err
	}

	work, err := os.MkdirTemp("", "newsevents-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	wrk := bench.Wrk{Path: o.wrk, Dir: work}

	log.Info("warming up", "queries", len(queries), "each", o.warmup)
	for i, q := range queries {
		if _, err := wrk.Run(ctx, srv.base, q.Paths, o.clients, o.warmup); err != nil {
			return fmt.Errorf("warm up %s: %w", q.Name, err)
		}
		if _, err := bench.RunSQL(ctx, pool, stmts[i], o.clients, o.warmup); err != nil {
			return fmt.Errorf("warm up %s: %w", q.Name, err)
		}
	}
	postmaster, err := bench.PostmasterPID(filepath.Join(o.dataDir, "pgdata"))
	if err != nil {
		return err
	}
	// cpuOf reads the CPU time used so far by the application side (pid) and PostgreSQL.
	cpuOf := func(pid int) (app, db time.Duration) {
		app, _ = bench.ProcessCPU(pid)
		db, _ = bench.PostgresCPU(postmaster)
		return app, db
	}
	load1 := loadAvg()
	rows := make([]bench.Row, len(queries))
	for round := range o.rounds {
		for i, q := range queries {
			rows[i].Query = q.Name
			// Alternate which side goes first, so a drift of the machine does not favour one.
			sides := []string{"api", "sql"}
			if round%2 == 1 {
				sides = []string{"sql", "api"}
			}
			for _, side := range sides {
				var (
					r   bench.Result
					err error
				)
				if side == "api" {
					a0, d0 := cpuOf(srv.cmd.Process.Pid)
					r, err = wrk.Run(ctx, srv.base, q.Paths, o.clients, o.duration)
					a1, d1 := cpuOf(srv.cmd.Process.Pid)
					r.AppCPU, r.DBCPU = a1-a0, d1-d0
					rows[i].API = append(rows[i].API, r)
				} else {
					a0, d0 := cpuOf(os.Getpid())
					r, err = bench.RunSQL(ctx, pool, stmts[i], o.clients, o.duration)
					a1, d1 := cpuOf(os.Getpid())
					r.AppCPU, r.DBCPU = a1-a0, d1-d0
					rows[i].SQL = append(rows[i].SQL, r)
				}
				if err != nil {
					return fmt.Errorf("%s (%s): %w", q.Name, side, err)
				}
				app, db := r.CPUPerRequest()
				log.Info("measured", "round", round+1, "query", q.Name, "side", side, "req/s", fmt.Sprintf("%.0f", r.PerSecond()),
					"p50", r.P50, "p99", r.P99, "errors", r.Errors, "cpu/req app", app, "cpu/req db", db)
			}
		}
	}
	load2 := loadAvg()

	var profiles []string
	if o.profile != "" {
		for _, q := range selectQueries(queries, o.profile) {
			p, err := profileServer(ctx, srv, wrk, q, o, work)
			if err != nil {
				return err
			}
			profiles = append(profiles, p...)
		}
	}

	var mem []memResult
	if !o.skipMemory {
		for _, format := range []string{"csv", "ndjson"} {
			m, err := measureExport(ctx, srv, format)
			if err != nil {
				return err
			}
			log.Info("export", "format", format, "rows", m.rows, "MB", m.bytes>>20, "elapsed", m.elapsed, "peak RSS MB", m.peakRSS>>20)
			mem = append(mem, m)
		}
	}
	return report(stdout, o, rows, mem, profiles, settings, load1, load2)
}

// prepare creates the benchmark database and fills it with newsevents gen, unless it already
// holds the corpus.
func prepare(ctx context.Context, log *slog.Logger, o options, adminURL, dbName, dbURL string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connect to the benchmark cluster: %w", err)
	}
	var exists bool
	err = conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, dbName).Scan(&exists)
	if err == nil && !exists {
		_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{dbName}.Sanitize())
	}
	conn.Close(ctx)
	if err != nil {
		return fmt.Errorf("create database %s: %w", dbName, err)
	}
	if exists && !o.regen {
		db, err := pgx.Connect(ctx, dbURL)
		if err != nil {
			return err
		}
		var n int64
		err = db.QueryRow(ctx, `SELECT count(*) FROM events`).Scan(&n)
		db.Close(ctx)
		if err == nil && n == o.events {
			log.Info("benchmark database ready", "database", dbName, "events", n)
			return nil
		}
	}
	log.Info("generating the benchmark database (minutes for a million events)", "database", dbName, "events", o.events)
	cmd := exec.CommandContext(ctx, o.bin, "gen", "--events", strconv.FormatInt(o.events, 10),
		"--seed", strconv.FormatUint(o.seed, 10), "--reset", "--log-format", "text")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("newsevents gen: %w", err)
	}
	return nil
}

// server is a running "newsevents serve".
type server struct {
	cmd   *exec.Cmd
	base  string
	pprof string
	done  chan error
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func startServer(ctx context.Context, o options, dbURL string, stderr io.Writer) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	pprofAddr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, o.bin, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "ADDR="+addr, "NEWSEVENTS_SEED=never",
		"NEWSEVENTS_MIGRATE=false", "NEWSEVENTS_PPROF_ADDR="+pprofAddr,
		// wrk is one client IP making thousands of requests a second: the rate limit is off.
		"NEWSEVENTS_RATE_LIMIT_IP=0")
	if o.poolSize > 0 {
		cmd.Env = append(cmd.Env, "DB_MAX_CONNS="+strconv.Itoa(o.poolSize))
	}
	// The server logs one line per request at info, as in production; the lines go nowhere.
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start newsevents serve: %w", err)
	}
	s := &server{cmd: cmd, base: "http://" + addr, pprof: "http://" + pprofAddr, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get(s.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			return s, nil
		}
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("newsevents serve exited: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, errors.New("newsevents serve did not answer /healthz within 2 minutes")
		}
	}
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
	}
}

func selectQueries(qs []bench.Query, only string) []bench.Query {
	if only == "" {
		return qs
	}
	var out []bench.Query
	for _, q := range qs {
		for _, s := range strings.Split(only, ",") {
			if s != "" && strings.Contains(q.Name, s) {
				out = append(out, q)
				break
			}
		}
	}
	return out
}

// capture runs each path once through the API in this process, on a pool that records its
// statements, and returns them per query: the floor runs exactly the SQL the API runs. Each
// path is asked twice and the second time recorded, so caches are warm as in a running server.
func capture(ctx context.Context, pool *pgxpool.Pool, queries []bench.Query) ([][][]bench.Statement, error) {
	h := httpapi.NewServer(slog.New(slog.DiscardHandler), store.New(pool), httpapi.DefaultOptions())
	out := make([][][]bench.Statement, len(queries))
	for i, q := range queries {
		for _, p := range q.Paths {
			var rec *bench.Recording
			for range 2 {
				var rctx context.Context
				rctx, rec = bench.Record(ctx)
				req := httptest.NewRequestWithContext(rctx, http.MethodGet, p, nil)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					return nil, fmt.Errorf("capture %s: GET %s: %d %s", q.Name, p, w.Code, w.Body.String())
				}
			}
			out[i] = append(out[i], rec.Statements())
		}
	}
	return out, nil
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// profileServer saves a CPU profile and an allocation profile (what was allocated during the
// same 10 s) of the server while wrk loads it with q, named after the query and the --label.
func profileServer(ctx context.Context, s *server, wrk bench.Wrk, q bench.Query, o options, work string) ([]string, error) {
	base := strings.NewReplacer(" ", "-", ",", "", "(", "", ")", "").Replace(q.Name)
	if o.label != "" {
		base = o.label + "-" + base
	}
	dir := filepath.Join(o.outDir, "profiles")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	errc := make(chan error, 1)
	go func() {
		_, err := wrk.Run(ctx, s.base, q.Paths, o.clients, 12*time.Second)
		errc <- err
	}()
	time.Sleep(time.Second)
	kinds := []struct{ path, file string }{
		{"/debug/pprof/profile?seconds=10", filepath.Join(dir, base+".cpu.pprof")},
		{"/debug/pprof/allocs?seconds=10", filepath.Join(dir, base+".allocs.pprof")},
	}
	saved := make(chan error, len(kinds))
	for _, k := range kinds {
		go func() { saved <- fetchTo(ctx, s.pprof+k.path, k.file) }()
	}
	var names []string
	for _, k := range kinds {
		if err := <-saved; err != nil {
			return nil, fmt.Errorf("profile %s: %w", q.Name, err)
		}
		names = append(names, k.file)
	}
	return names, <-errc
}

// fetchTo saves the body of GET url into file.
func fetchTo(ctx context.Context, url, file string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Package config reads newsevents settings from command-line flags and environment variables:
// every setting has both, the flag wins, and the documented default applies when neither is set.
package config

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"
	"time"

	"github.com/newsevents/newsevents/internal/database"
)

// Config holds every setting. Commands bind the groups they use.
type Config struct {
	// Database
	DatabaseURL string
	DataDir     string
	DBWait      time.Duration

	// Logging
	LogLevel  string
	LogFormat string

	// Serving
	Addr             string
	Migrate          bool
	Seed             string
	MaxConns         int
	StatementTimeout time.Duration
	AcquireTimeout   time.Duration
	ShutdownTimeout  time.Duration
	ReadTimeout      time.Duration
	WriteTimeout     time.Duration
	IdleTimeout      time.Duration
	MaxLimit         int
	PprofAddr        string
	CORSOrigins      string
	ExportTimeout    time.Duration
	MaxExports       int

	// Live feed (GET /v1/feed): open streams at most, heartbeat interval, and how many changes
	// a client may fall behind by before it is cut off.
	MaxFeeds      int
	FeedHeartbeat time.Duration
	FeedBuffer    int

	// serving is set by BindServe: the serve settings are then checked by Validate (other
	// commands leave them zero).
	serving bool

	// Rate limits: requests per window, per client IP (requests without a valid key) and per
	// API key; 0 turns a limit off. TrustedProxies are the proxies whose X-Forwarded-For
	// names the client.
	RateLimitIP     int
	RateLimitKey    int
	RateLimitWindow time.Duration
	TrustedProxies  string

	// Writes
	RequireReadKey bool
	MaxBodyBytes   int
	MaxImportBytes int

	getenv   func(string) string
	bindings []binding
}

// Seed modes.
const (
	SeedAuto   = "auto"
	SeedAlways = "always"
	SeedNever  = "never"
)

// BindDatabase registers the database and logging settings, used by every command that needs
// the database.
func (c *Config) BindDatabase(fs *flag.FlagSet, getenv func(string) string) {
	c.str(fs, getenv, &c.DatabaseURL, "database-url", "DATABASE_URL", "",
		"PostgreSQL URL (postgres://user:pass@host:5432/db); when empty, a private PostgreSQL is started from the local binaries")
	c.str(fs, getenv, &c.DataDir, "data-dir", "NEWSEVENTS_DATA_DIR", "./.data",
		"directory of the embedded PostgreSQL cluster (used when no database URL is set)")
	c.duration(fs, getenv, &c.DBWait, "db-wait", "DB_WAIT", 30*time.Second,
		"how long to wait for a database server that does not answer yet (as in docker compose)")
	c.BindLogging(fs, getenv)
}

// BindLogging registers the logging settings.
func (c *Config) BindLogging(fs *flag.FlagSet, getenv func(string) string) {
	c.str(fs, getenv, &c.LogLevel, "log-level", "LOG_LEVEL", "info", "log level: debug, info, warn or error")
	c.str(fs, getenv, &c.LogFormat, "log-format", "LOG_FORMAT", "json", "log format: json or text")
}

// BindServe registers the settings of the serve command.
func (c *Config) BindServe(fs *flag.FlagSet, getenv func(string) string) {
	c.serving = true
	c.str(fs, getenv, &c.Addr, "addr", "ADDR", ":8080", "listen address, host:port")
	c.boolean(fs, getenv, &c.Migrate, "migrate", "NEWSEVENTS_MIGRATE", true, "apply pending migrations at start")
	c.str(fs, getenv, &c.Seed, "seed", "NEWSEVENTS_SEED", SeedAuto,
		"load the demo dataset at start: auto (when the embedded database holds no events), always (idempotent) or never")
	c.integer(fs, getenv, &c.MaxConns, "db-max-conns", "DB_MAX_CONNS", 0, "maximum database connections (0: pgx default, max(4, CPUs))")
	c.duration(fs, getenv, &c.StatementTimeout, "db-statement-timeout", "DB_STATEMENT_TIMEOUT", 10*time.Second, "cancel any SQL statement running longer (0: never)")
	c.duration(fs, getenv, &c.AcquireTimeout, "db-acquire-timeout", "DB_ACQUIRE_TIMEOUT", 5*time.Second,
		"how long a request waits for a free database connection before it gets 503 (0: as long as the request lasts)")
	c.duration(fs, getenv, &c.ShutdownTimeout, "shutdown-timeout", "SHUTDOWN_TIMEOUT", 15*time.Second, "how long in-flight requests may finish after SIGINT/SIGTERM")
	c.duration(fs, getenv, &c.ReadTimeout, "read-timeout", "HTTP_READ_TIMEOUT", 15*time.Second, "maximum time to read a request, body included")
	c.duration(fs, getenv, &c.WriteTimeout, "write-timeout", "HTTP_WRITE_TIMEOUT", 60*time.Second, "maximum time to write a response")
	c.duration(fs, getenv, &c.IdleTimeout, "idle-timeout", "HTTP_IDLE_TIMEOUT", 120*time.Second, "how long an idle keep-alive connection stays open")
	c.integer(fs, getenv, &c.MaxLimit, "max-limit", "NEWSEVENTS_MAX_LIMIT", 500, "largest page size clients may ask for with limit")
	c.str(fs, getenv, &c.CORSOrigins, "cors-allowed-origins", "CORS_ALLOWED_ORIGINS", "*",
		"origins browsers may call the API from: * (any), a comma-separated list such as https://dash.example.org, or none")
	c.boolean(fs, getenv, &c.RequireReadKey, "require-read-key", "NEWSEVENTS_REQUIRE_READ_KEY", false, "make reads need an API key too (writes always do)")
	c.integer(fs, getenv, &c.MaxBodyBytes, "max-body-bytes", "NEWSEVENTS_MAX_BODY_BYTES", 1<<20, "largest body a write request may send")
	c.integer(fs, getenv, &c.MaxImportBytes, "max-import-bytes", "NEWSEVENTS_MAX_IMPORT_BYTES", 256<<20, "largest file POST /v1/import accepts")
	c.integer(fs, getenv, &c.RateLimitIP, "rate-limit-ip", "NEWSEVENTS_RATE_LIMIT_IP", 1200,
		"requests per window a client IP may make without an API key (0: no limit)")
	c.integer(fs, getenv, &c.RateLimitKey, "rate-limit-key", "NEWSEVENTS_RATE_LIMIT_KEY", 6000,
		"requests per window an API key may make (0: no limit)")
	c.duration(fs, getenv, &c.RateLimitWindow, "rate-limit-window", "NEWSEVENTS_RATE_LIMIT_WINDOW", time.Minute,
		"the window of the rate limits (a sliding window)")
	c.str(fs, getenv, &c.TrustedProxies, "trusted-proxies", "NEWSEVENTS_TRUSTED_PROXIES", "",
		"comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For header names the client (empty: the client is the TCP peer)")
	c.duration(fs, getenv, &c.ExportTimeout, "export-timeout", "NEWSEVENTS_EXPORT_TIMEOUT", 30*time.Minute,
		"longest a stream may run (CSV or NDJSON without limit, /v1/export, /v1/feed); each of its queries still has the statement timeout (0: no bound)")
	c.integer(fs, getenv, &c.MaxExports, "max-exports", "NEWSEVENTS_MAX_EXPORTS", 2,
		"streams (exports) running at once, each holding a database connection; more get 503")
	c.integer(fs, getenv, &c.MaxFeeds, "max-feeds", "NEWSEVENTS_MAX_FEEDS", 500,
		"live feed streams (GET /v1/feed) open at once; more get 503")
	c.duration(fs, getenv, &c.FeedHeartbeat, "feed-heartbeat", "NEWSEVENTS_FEED_HEARTBEAT", 15*time.Second,
		"how often a quiet feed stream sends a comment, so proxies keep it open")
	c.integer(fs, getenv, &c.FeedBuffer, "feed-buffer", "NEWSEVENTS_FEED_BUFFER", 1000,
		"changes a feed client may fall behind by before it is cut off (it then reconnects and reads what it missed from the database)")
	c.str(fs, getenv, &c.PprofAddr, "pprof-addr", "NEWSEVENTS_PPROF_ADDR", "",
		"listen address of the Go profiler (net/http/pprof), such as 127.0.0.1:6060; empty: off")
}

// Validate reports every bad setting, from flags or environment.
func (c *Config) Validate() error {
	var errs []error
	if _, err := c.Level(); err != nil {
		errs = append(errs, err)
	}
	if c.LogFormat != "" && c.LogFormat != "json" && c.LogFormat != "text" {
		errs = append(errs, fmt.Errorf("log format %q: use json or text", c.LogFormat))
	}
	if c.Seed != "" && c.Seed != SeedAuto && c.Seed != SeedAlways && c.Seed != SeedNever {
		errs = append(errs, fmt.Errorf("seed %q: use auto, always or never", c.Seed))
	}
	if c.MaxBodyBytes < 0 || c.MaxImportBytes < 0 {
		errs = append(errs, fmt.Errorf("max-body-bytes and max-import-bytes must be 0 (the default) or more"))
	}
	if c.RateLimitIP < 0 || c.RateLimitKey < 0 {
		errs = append(errs, fmt.Errorf("rate-limit-ip and rate-limit-key must be 0 (no limit) or more"))
	}
	if (c.RateLimitIP > 0 || c.RateLimitKey > 0) && c.RateLimitWindow < time.Second {
		errs = append(errs, fmt.Errorf("rate-limit-window %s: must be at least 1s", c.RateLimitWindow))
	}
	if _, err := c.TrustedProxyList(); err != nil {
		errs = append(errs, err)
	}
	if c.AcquireTimeout < 0 || c.StatementTimeout < 0 {
		errs = append(errs, fmt.Errorf("db-acquire-timeout and db-statement-timeout must be 0 or more"))
	}
	// A request that waits for a connection, then for a slow statement, must still get its 503
	// before the write timeout cuts the connection without an answer.
	if c.WriteTimeout > 0 && c.StatementTimeout+c.AcquireTimeout >= c.WriteTimeout {
		errs = append(errs, fmt.Errorf("db-statement-timeout (%s) plus db-acquire-timeout (%s) must be less than write-timeout (%s), or slow requests would be cut off without an answer",
			c.StatementTimeout, c.AcquireTimeout, c.WriteTimeout))
	}
	if c.ExportTimeout < 0 || c.MaxExports < 0 {
		errs = append(errs, fmt.Errorf("export-timeout must be 0 (no bound) or more, max-exports 1 or more"))
	}
	if c.serving && (c.MaxFeeds < 1 || c.FeedBuffer < 1) {
		errs = append(errs, fmt.Errorf("max-feeds (%d) and feed-buffer (%d) must be 1 or more", c.MaxFeeds, c.FeedBuffer))
	}
	if c.serving && c.FeedHeartbeat < time.Second {
		errs = append(errs, fmt.Errorf("feed-heartbeat %s: must be at least 1s", c.FeedHeartbeat))
	}
	if c.MaxConns < 0 {
		errs = append(errs, fmt.Errorf("db-max-conns %d: must be 0 or more", c.MaxConns))
	}
	if c.PprofAddr != "" && !strings.Contains(c.PprofAddr, ":") {
		errs = append(errs, fmt.Errorf("pprof-addr %q: use host:port", c.PprofAddr))
	}
	if c.Addr != "" && !strings.Contains(c.Addr, ":") {
		errs = append(errs, fmt.Errorf("addr %q: use host:port or :port", c.Addr))
	}
	if c.DatabaseURL == "" && c.DataDir == "" {
		errs = append(errs, errors.New("data-dir is empty: set it, or set a database URL"))
	}
	for _, o := range c.CORSOriginList() {
		if o != "*" && !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") {
			errs = append(errs, fmt.Errorf("cors-allowed-origins %q: use *, none, or origins such as https://dash.example.org", o))
		}
	}
	return errors.Join(errs...)
}

// CORSOriginList returns the origins of the CORS setting; none for "none" or an empty setting.
func (c *Config) CORSOriginList() []string {
	if strings.TrimSpace(c.CORSOrigins) == "none" {
		return nil
	}
	var out []string
	for _, o := range strings.Split(c.CORSOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, strings.TrimSuffix(o, "/"))
		}
	}
	return out
}

// TrustedProxyList returns the trusted proxies as CIDR prefixes (a bare address is a /32 or
// /128).
func (c *Config) TrustedProxyList() ([]string, error) {
	var out []string
	for _, p := range strings.Split(c.TrustedProxies, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if a, err := netip.ParseAddr(p); err == nil {
			p = netip.PrefixFrom(a, a.BitLen()).String()
		}
		if _, err := netip.ParsePrefix(p); err != nil {
			return nil, fmt.Errorf("trusted-proxies %q: use addresses or CIDR ranges such as 10.0.0.0/8", p)
		}
		out = append(out, p)
	}
	return out, nil
}

// Level returns the log level.
func (c *Config) Level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return 0, fmt.Errorf("log level %q: use debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}

// LogValue shows the configuration in logs, with the database password masked.
func (c *Config) LogValue() slog.Value {
	db := "embedded (" + c.DataDir + ")"
	if c.DatabaseURL != "" {
		db = database.Redact(c.DatabaseURL)
	}
	return slog.GroupValue(
		slog.String("database", db),
		slog.String("addr", c.Addr),
		slog.Bool("migrate", c.Migrate),
		slog.String("seed", c.Seed),
		slog.Int("db_max_conns", c.MaxConns),
		slog.String("cors_allowed_origins", c.CORSOrigins),
		slog.Bool("require_read_key", c.RequireReadKey),
		slog.Duration("db_statement_timeout", c.StatementTimeout),
		slog.Duration("db_acquire_timeout", c.AcquireTimeout),
		slog.Int("rate_limit_ip", c.RateLimitIP),
		slog.Int("rate_limit_key", c.RateLimitKey),
		slog.Duration("rate_limit_window", c.RateLimitWindow),
		slog.String("trusted_proxies", c.TrustedProxies),
		slog.Duration("export_timeout", c.ExportTimeout),
		slog.Int("max_exports", c.MaxExports),
		slog.Int("max_feeds", c.MaxFeeds),
		slog.Duration("feed_heartbeat", c.FeedHeartbeat),
		slog.Int("feed_buffer", c.FeedBuffer),
		slog.Duration("shutdown_timeout", c.ShutdownTimeout),
		slog.String("log_level", c.LogLevel),
	)
}

// Parse parses args into fs, then fills each setting not given as a flag from its environment
// variable, parsed like the flag. Bad values, from either place, are reported together.
func (c *Config) Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	for _, b := range c.bindings {
		if given[b.flag] {
			continue
		}
		v := c.getenv(b.env)
		if v == "" {
			continue
		}
		if err := fs.Set(b.flag, v); err != nil {
			shown := v
			if b.secret {
				shown = "…"
			}
			errs = append(errs, fmt.Errorf("environment %s=%q: %w", b.env, shown, err))
		}
	}
	return errors.Join(errs...)
}

// EnvVars returns the environment variables of the settings bound so far.
func (c *Config) EnvVars() []string {
	names := make([]string, len(c.bindings))
	for i, b := range c.bindings {
		names[i] = b.env
	}
	return names
}

// binding ties a flag to its environment variable.
type binding struct {
	flag, env string
	secret    bool
}

func (c *Config) bind(getenv func(string) string, name, env string, secret bool) string {
	c.getenv = getenv
	c.bindings = append(c.bindings, binding{flag: name, env: env, secret: secret})
	return " (env " + env + ")"
}

func (c *Config) str(fs *flag.FlagSet, getenv func(string) string, p *string, name, env, def, usage string) {
	fs.StringVar(p, name, def, usage+c.bind(getenv, name, env, name == "database-url"))
}

func (c *Config) boolean(fs *flag.FlagSet, getenv func(string) string, p *bool, name, env string, def bool, usage string) {
	fs.BoolVar(p, name, def, usage+c.bind(getenv, name, env, false))
}

func (c *Config) integer(fs *flag.FlagSet, getenv func(string) string, p *int, name, env string, def int, usage string) {
	fs.IntVar(p, name, def, usage+c.bind(getenv, name, env, false))
}

func (c *Config) duration(fs *flag.FlagSet, getenv func(string) string, p *time.Duration, name, env string, def time.Duration, usage string) {
	fs.DurationVar(p, name, def, usage+c.bind(getenv, name, env, false))
}

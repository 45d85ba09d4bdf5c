// Package testdb gives each test its own fresh, migrated PostgreSQL database.
//
// A test package calls Main from TestMain. When TEST_DATABASE_URL is set (a URL of a role that
// may create databases), databases are made on that server; otherwise a throwaway cluster is
// started with the embedded launcher when a test first asks for a database, and removed after
// the tests. Its URL is then put in TEST_DATABASE_URL, so the worker processes of
// "go test -fuzz" use the same server. Tests never skip for want of a database.
//
// The schema is migrated once into a template database named after a hash of the migrations;
// each test then gets a copy (CREATE DATABASE … TEMPLATE, about 0.1 s), so tests may run in
// parallel, and the copy is dropped when the test ends.
package testdb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/pgembed"
	"github.com/newsevents/newsevents/migrations"
)

// server is where test databases are made; set by Main.
var server struct {
	adminURL string
	cluster  *pgembed.Cluster

	startOnce sync.Once
	startErr  error

	once     sync.Once
	template string
	err      error
}

// Main runs the package's tests against a PostgreSQL server: the one of TEST_DATABASE_URL, or a
// throwaway embedded cluster started on first use. Call it from TestMain: func TestMain(m *testing.M) { testdb.Main(m) }.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		server.adminURL = u
		return m.Run()
	}
	code := m.Run()
	if c := server.cluster; c != nil {
		if err := c.Stop(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, "testdb:", err)
		}
		os.RemoveAll(c.Dir())
	}
	return code
}

// start starts the throwaway cluster the first time a test asks for a database, so tests that
// need none (and fuzz workers of pure functions) start no server. Its URL is put in
// TEST_DATABASE_URL, so processes this one starts (the workers of go test -fuzz) share it.
func start() error {
	server.startOnce.Do(func() {
		if server.adminURL != "" {
			return
		}
		dir, err := os.MkdirTemp("", "newsevents-test-")
		if err != nil {
			server.startErr = fmt.Errorf("create cluster dir: %w", err)
			return
		}
		c, err := pgembed.Start(context.Background(), pgembed.Options{Dir: dir, NoSync: true, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			os.RemoveAll(dir)
			server.startErr = fmt.Errorf("start throwaway PostgreSQL (set TEST_DATABASE_URL to use a running server): %w", err)
			return
		}
		server.cluster = c
		server.adminURL = c.URL("postgres")
		os.Setenv("TEST_DATABASE_URL", server.adminURL)
	})
	return server.startErr
}

// Cluster returns the throwaway cluster, or nil when none was started (TEST_DATABASE_URL is used, or no test asked for a database yet).
func Cluster() *pgembed.Cluster { return server.cluster }

// New returns a pool on a fresh database holding the migrated schema, dropped after the test.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	u := NewURL(t)
	pool, err := database.Open(context.Background(), u, database.PoolOptions{MaxConns: 8})
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// NewURL returns the URL of a fresh database holding the migrated schema, dropped after the test.
func NewURL(t testing.TB) string {
	t.Helper()
	if err := start(); err != nil {
		t.Fatalf("testdb: %v", err)
	}
	tmpl, err := template()
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	return create(t, tmpl)
}

// Empty returns the URL of a fresh database with no schema at all, dropped after the test.
func Empty(t testing.TB) string {
	t.Helper()
	return create(t, "template0")
}

func create(t testing.TB, tmpl string) string {
	t.Helper()
	if err := start(); err != nil {
		t.Fatalf("testdb: %v", err)
	}
	name := "t_" + randomHex(8)
	ctx := context.Background()
	if err := adminExec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, tmpl)); err != nil {
		t.Fatalf("testdb: create database: %v", err)
	}
	t.Cleanup(func() {
		if err := adminExec(context.Background(), fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
			t.Errorf("testdb: drop database %s: %v", name, err)
		}
	})
	return withDatabase(server.adminURL, name)
}

// template returns the name of the migrated template database, creating it on first use.
func template() (string, error) {
	server.once.Do(func() {
		server.template, server.err = makeTemplate(context.Background())
	})
	return server.template, server.err
}

func makeTemplate(ctx context.Context) (string, error) {
	sum, err := migrationsHash()
	if err != nil {
		return "", err
	}
	name := "newsevents_tmpl_" + sum
	conn, err := pgx.Connect(ctx, server.adminURL)
	if err != nil {
		return "", fmt.Errorf("connect to test server: %w", err)
	}
	defer conn.Close(ctx)
	// Test binaries of several packages may share a server: one builds the template, the others wait.
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(hashtext('newsevents_testdb_template'))"); err != nil {
		return "", fmt.Errorf("lock template: %w", err)
	}
	defer conn.Exec(ctx, "SELECT pg_advisory_unlock(hashtext('newsevents_testdb_template'))")
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", fmt.Errorf("look up template: %w", err)
	}
	if exists {
		return name, nil
	}
	building := name + "_build"
	if _, err := conn.Exec(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", building)); err != nil {
		return "", fmt.Errorf("clear template: %w", err)
	}
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE template0", building)); err != nil {
		return "", fmt.Errorf("create template: %w", err)
	}
	pool, err := database.Open(ctx, withDatabase(server.adminURL, building), database.PoolOptions{MaxConns: 2})
	if err != nil {
		return "", err
	}
	err = migrate(ctx, pool)
	pool.Close()
	if err != nil {
		return "", err
	}
	if _, err := conn.Exec(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", building, name)); err != nil {
		return "", fmt.Errorf("publish template: %w", err)
	}
	return name, nil
}

func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	m, err := database.NewMigrator(pool)
	if err != nil {
		return err
	}
	defer m.Close()
	_, err = m.Up(ctx)
	return err
}

// migrationsHash names the schema: a new or edited migration gives a new template.
func migrationsHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hash migrations: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

func adminExec(ctx context.Context, sql string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, server.adminURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// withDatabase returns u with its database name replaced.
func withDatabase(u, name string) string {
	parsed, err := url.Parse(u)
	if err != nil || parsed.Scheme == "" {
		// key=value connection string
		return strings.TrimSpace(u) + " dbname=" + name
	}
	parsed.Path = "/" + name
	return parsed.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

package pgembed_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/newsevents/newsevents/internal/pgembed"
)

// TestClusterLifecycle starts a cluster, writes to it, attaches a second user, stops it, and
// starts it again to find the data kept.
func TestClusterLifecycle(t *testing.T) {
	ctx := context.Background()
	// When the tests run as root, the server runs as the postgres user, who must reach the
	// directory: t.TempDir's parent is private, so make one in the system temp dir, open to all.
	parent, err := os.MkdirTemp("", "pgembed-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(parent) })
	if err := os.Chmod(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(parent, "data")
	c, err := pgembed.Start(ctx, pgembed.Options{Dir: dir, NoSync: true, Settings: []string{"work_mem=7MB"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Stop(context.Background()) })
	if !c.Owner() {
		t.Fatal("first Start did not start the server")
	}
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	var workMem string
	err = conn.QueryRow(ctx, "SHOW work_mem").Scan(&workMem)
	conn.Close(ctx)
	if err != nil || workMem != "7MB" {
		t.Fatalf("work_mem %q (%v), want the 7MB of Settings", workMem, err)
	}
	exec(t, c.URL("postgres"), "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('hello')")

	// A second process on the same directory attaches instead of starting another server.
	other, err := pgembed.Start(ctx, pgembed.Options{Dir: dir, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if other.Owner() || other.Port() != c.Port() {
		t.Fatalf("second Start: owner=%v port=%d, want attach to port %d", other.Owner(), other.Port(), c.Port())
	}
	if err := other.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if got := query(t, c.URL("postgres"), "SELECT v FROM kept"); got != "hello" {
		t.Fatalf("after a non-owner Stop: got %q", got)
	}

	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "pgdata", "postmaster.pid")); !os.IsNotExist(err) {
		t.Fatalf("postmaster.pid still there after Stop: %v", err)
	}
	again, err := pgembed.Start(ctx, pgembed.Options{Dir: dir, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = again.Stop(context.Background()) })
	if got := query(t, again.URL("postgres"), "SELECT v FROM kept"); got != "hello" {
		t.Fatalf("after restart: got %q, want the row written before", got)
	}
	// The password is required: a wrong one is refused.
	bad := "postgres://" + pgembed.Superuser + ":wrong@127.0.0.1:" + itoa(again.Port()) + "/postgres?sslmode=disable"
	if conn, err := pgx.Connect(ctx, bad); err == nil {
		conn.Close(ctx)
		t.Fatal("connected with a wrong password")
	}
}

func exec(t *testing.T, url, sql string) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		t.Fatal(err)
	}
}

func query(t *testing.T, url, sql string) string {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var s string
	if err := conn.QueryRow(context.Background(), sql).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func itoa(n int) string { return fmt.Sprint(n) }

func TestParseSettings(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pg.conf")
	if err := os.WriteFile(path, []byte("# comment\nshared_buffers = 2GB  # memory\n\njit = 'off'\nmax_wal_size=16GB\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := pgembed.ParseSettings(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"shared_buffers=2GB", "jit=off", "max_wal_size=16GB"}; !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if err := os.WriteFile(path, []byte("search_path = 'a, b'\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := pgembed.ParseSettings(path); err == nil {
		t.Fatal("a value with a space was accepted")
	}
}

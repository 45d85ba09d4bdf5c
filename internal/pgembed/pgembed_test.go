package pgembed_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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
	c, err := pgembed.Start(ctx, pgembed.Options{Dir: dir, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Stop(context.Background()) })
	if !c.Owner() {
		t.Fatal("first Start did not start the server")
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

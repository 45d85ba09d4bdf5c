package database_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// TestMigrationsUpDownUp applies every migration, rolls all of them back to an empty database,
// and applies them again: each Down must undo its Up completely.
func TestMigrationsUpDownUp(t *testing.T) {
	ctx := context.Background()
	pool, err := database.Open(ctx, testdb.Empty(t), database.PoolOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	m, err := database.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()

	n, err := m.Up(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("Up applied no migration")
	}
	top, err := m.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	schema := dumpSchema(t, pool)
	if !strings.Contains(schema, "table events.date_start") || !strings.Contains(schema, "trigger figures figures_unit_kind") {
		t.Fatalf("schema after up lacks the events table or its triggers:\n%s", schema)
	}

	// Down one step at a time, then check nothing of ours is left.
	for i := 0; i < n; i++ {
		done, err := m.Down(ctx)
		if err != nil {
			t.Fatalf("down step %d: %v", i+1, err)
		}
		if !done {
			t.Fatalf("down step %d: nothing to roll back", i+1)
		}
	}
	if v, _ := m.Version(ctx); v != 0 {
		t.Fatalf("version after all downs = %d, want 0", v)
	}
	if left := dumpSchema(t, pool); left != "" {
		t.Fatalf("objects left after migrating down to zero:\n%s", left)
	}

	if _, err := m.Up(ctx); err != nil {
		t.Fatalf("up again: %v", err)
	}
	if v, _ := m.Version(ctx); v != top {
		t.Fatalf("version after up again = %d, want %d", v, top)
	}
	if again := dumpSchema(t, pool); again != schema {
		t.Fatalf("schema differs after down and up again:\nfirst:\n%s\nsecond:\n%s", schema, again)
	}
	if err := m.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if pending, err := m.Pending(ctx); err != nil || pending {
		t.Fatalf("pending after redo = %v, %v", pending, err)
	}
}

// dumpSchema lists the tables, columns, constraints, indexes, triggers, functions and
// extensions of the database (goose's own version table excepted), one per line.
func dumpSchema(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	const q = `
SELECT 'table ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'goose_db_version'
UNION ALL
SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid <> 0 AND conrelid::regclass::text <> 'goose_db_version'
UNION ALL
SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'goose_db_version'
UNION ALL
SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
UNION ALL
SELECT 'function ' || p.oid::regprocedure FROM pg_proc p
WHERE p.pronamespace = 'public'::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
ORDER BY 1`
	rows, err := pool.Query(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

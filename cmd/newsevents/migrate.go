package main

import (
	"context"
	"fmt"

	"github.com/newsevents/newsevents/internal/config"
	"github.com/newsevents/newsevents/internal/database"
)

func runMigrate(ctx context.Context, e env, args []string) error {
	var cfg config.Config
	fs := newFlagSet(e, "migrate", "[flags] up|down|status|redo|reset",
		`Apply or roll back the schema migrations embedded in the binary.
  up      apply every pending migration (serve does this at start)
  down    roll back the latest migration
  status  list migrations and when each was applied
  redo    roll back the latest migration and apply it again
  reset   roll back every migration (drops all data)`)
	cfg.BindDatabase(fs, e.getenv)
	if err := cfg.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("migrate needs one of up, down, status, redo, reset: %w", errUsage)
	}
	action := fs.Arg(0)
	switch action {
	case "up", "down", "status", "redo", "reset":
	default:
		return fmt.Errorf("migrate %q: use up, down, status, redo or reset: %w", action, errUsage)
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(&cfg, e.stderr)
	db, err := openDatabase(ctx, &cfg, log, database.PoolOptions{MaxConns: 2, ApplicationName: "newsevents migrate"})
	if err != nil {
		return err
	}
	defer db.Close()
	m, err := database.NewMigrator(db.Pool)
	if err != nil {
		return err
	}
	defer m.Close()

	switch action {
	case "up":
		n, err := m.Up(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "applied %d migration(s)\n", n)
	case "down":
		done, err := m.Down(ctx)
		if err != nil {
			return err
		}
		if !done {
			fmt.Fprintln(e.stdout, "no migration to roll back")
		}
	case "redo":
		if err := m.Redo(ctx); err != nil {
			return err
		}
	case "reset":
		if err := m.DownTo(ctx, 0); err != nil {
			return err
		}
	case "status":
		return m.WriteStatus(ctx, e.stdout)
	}
	v, err := m.Version(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "schema version %d\n", v)
	return nil
}

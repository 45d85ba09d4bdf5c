package main

import (
	"context"
	"fmt"

	"github.com/newsevents/newsevents/internal/config"
	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/seed"
	"github.com/newsevents/newsevents/internal/store"
)

func runSeed(ctx context.Context, e env, args []string) error {
	var cfg config.Config
	fs := newFlagSet(e, "seed", "[flags]",
		"Load the demo dataset: the 7sur7 article of 18 November 2022 on Twitter under Elon Musk,\nits actors, events, figures and evidence. Records already present are kept, so running it\ntwice adds nothing. Pending migrations are applied first.")
	cfg.BindDatabase(fs, e.getenv)
	if err := cfg.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("seed takes no arguments, got %q: %w", fs.Args(), errUsage)
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(&cfg, e.stderr)
	db, err := openDatabase(ctx, &cfg, log, database.PoolOptions{MaxConns: 2, ApplicationName: "newsevents seed"})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := migrateUp(ctx, db.Pool, log); err != nil {
		return err
	}
	d, err := seed.Demo()
	if err != nil {
		return err
	}
	res, err := seed.Load(ctx, store.New(db.Pool), d)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "demo dataset: added %d article(s), %d actor(s), %d event(s), %d link(s)\n",
		res.Articles, res.Actors, res.Events, res.Links)
	return nil
}

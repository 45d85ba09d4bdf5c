package main

import (
	"context"
	"fmt"
	"time"

	"github.com/newsevents/newsevents/internal/config"
	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/gen"
	"github.com/newsevents/newsevents/internal/store"
)

func runGen(ctx context.Context, e env, args []string) error {
	var cfg config.Config
	fs := newFlagSet(e, "gen", "--events N [--seed S] [flags]",
		"Fill the database with a synthetic corpus for load tests and benchmarks: actors with aliases,\n"+
			"events over 20 years (skewed types and actors), 2-4 figures and 1-3 sources each, and\n"+
			"articles in English and French quoting them. The same seed gives the same records.\n"+
			"Rows are written with COPY while triggers, foreign-key checks and secondary indexes are\n"+
			"off (indexes are rebuilt at the end), so it needs a superuser role (the embedded database\n"+
			"has one) and is meant for test and benchmark databases, not live ones.")
	cfg.BindDatabase(fs, e.getenv)
	events := fs.Int("events", 0, "number of events to generate (required)")
	seed := fs.Uint64("seed", 1, "seed of the corpus")
	actors := fs.Int("actors", 0, "number of actors (0: events/20, at least 50)")
	reset := fs.Bool("reset", false, "delete every record (articles, actors, events and what hangs off them) first")
	if err := cfg.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("gen takes no arguments, got %q: %w", fs.Args(), errUsage)
	}
	if *events < 1 {
		return fmt.Errorf("--events must be at least 1: %w", errUsage)
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(&cfg, e.stderr)
	db, err := openDatabase(ctx, &cfg, log, database.PoolOptions{MaxConns: 10, ApplicationName: "newsevents gen"})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := migrateUp(ctx, db.Pool, log); err != nil {
		return err
	}
	st := store.New(db.Pool)
	if *reset {
		if err := st.DeleteAllRecords(ctx); err != nil {
			return err
		}
	}
	next, err := st.NextIDs(ctx)
	if err != nil {
		return err
	}
	corpus, err := gen.New(gen.Config{Events: *events, Seed: *seed, Actors: *actors,
		FirstActorID: next.Actor, FirstEventID: next.Event, FirstArticleID: next.Article, FirstFigureID: next.Figure})
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := st.LoadCorpus(ctx, store.CorpusLoad{
		Actors:  corpus.Actors(),
		Batches: corpus.Batches(2000),
		Progress: func(n int64) {
			log.Info("generating", "events", n, "of", *events, "elapsed", time.Since(start).Round(time.Second).String())
		},
	})
	if err != nil {
		return fmt.Errorf("load corpus: %w", err)
	}
	fmt.Fprintf(e.stdout, "generated %d events, %d actors, %d articles, %d event actors, %d sources, %d figures, %d links (seed %d) in %s: copy %s, indexes %s, vacuum %s\n",
		res.Events, res.Actors, res.Articles, res.EventActors, res.Sources, res.Figures, res.Links, *seed,
		time.Since(start).Round(100*time.Millisecond), res.Copy.Round(100*time.Millisecond),
		res.Index.Round(100*time.Millisecond), res.Vacuum.Round(100*time.Millisecond))
	return nil
}

package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/newsevents/newsevents/internal/config"
	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/ingest"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
	"github.com/newsevents/newsevents/internal/urlnorm"
)

// storeExtraction stores article a and the events it reports, as POST /v1/articles with
// "extract": true does, in one transaction authored "cli:extract", and prints the extraction
// as JSON (the shape of GET /v1/articles/{id}/extractions items) and a summary on stderr.
// An article stored already gets its latest extraction printed, nothing written.
func storeExtraction(ctx context.Context, e env, cfg *config.Config, a model.ArticleInput) error {
	if a.URL == "" {
		return fmt.Errorf("--store needs the article's --url: %w", errUsage)
	}
	u, err := urlnorm.Normalize(a.URL)
	if err != nil {
		return fmt.Errorf("--url: %w: %w", err, errUsage)
	}
	a.URL = u
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	db, err := openDatabase(ctx, cfg, log, database.PoolOptions{MaxConns: 2, ApplicationName: "newsevents extract"})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := migrateUp(ctx, db.Pool, log); err != nil {
		return err
	}
	var (
		id      int64
		created bool
		x       model.Extraction
	)
	err = store.New(db.Pool).WriteTx(ctx, "cli:extract", func(tx *store.Store) error {
		var err error
		id, created, x, err = ingest.Article(ctx, tx, a)
		return err
	})
	if err != nil {
		return fmt.Errorf("store %s: %w", a.URL, err)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		return fmt.Errorf("write result: %w", err)
	}
	counts := map[string]int{}
	for _, ev := range x.Events {
		counts[ev.Action]++
	}
	what := "stored"
	if !created {
		what = "known already"
	}
	fmt.Fprintf(e.stderr, "article %d (%s), extraction %d: %d events: %d created, %d merged, %d unchanged, %d skipped\n",
		id, what, x.ID, len(x.Events), counts[model.ExtractCreated], counts[model.ExtractMerged],
		counts[model.ExtractUnchanged], counts[model.ExtractSkipped])
	return nil
}

package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"

	"github.com/newsevents/newsevents/internal/config"
	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/httpapi"
	"github.com/newsevents/newsevents/internal/store"
)

func runExport(ctx context.Context, e env, args []string) error {
	var (
		cfg    config.Config
		output string
		params = map[string]*string{}
	)
	fs := newFlagSet(e, "export", "[flags]",
		`Write every event (or those the filters select) to standard output or --output, streamed:
  --format ndjson  one whole event record per line, in id order: the shape of GET
                   /v1/events/{id}, with the full actors and articles, so that "newsevents
                   import" of it into an empty database gives the same export again;
  --format csv     one row per event, the columns of GET /v1/events?format=csv.
Retracted and merged events are included (status narrows). The same as GET /v1/export.`)
	for _, p := range []struct{ name, usage string }{
		{"format", "ndjson (default) or csv"},
		{"from", "events whose date range ends on or after this date (YYYY-MM-DD)"},
		{"to", "events whose date range starts on or before this date"},
		{"type", "event types, comma-separated"},
		{"actor", "events involving this actor (id, slug or name)"},
		{"role", "roles of that actor, comma-separated"},
		{"status", "statuses, comma-separated"},
		{"q", "full-text search over titles, summaries and quotes"},
		{"metric", "events having a figure of this metric"},
		{"updated-since", "events changed since this RFC 3339 time"},
	} {
		v := new(string)
		params[p.name] = v
		fs.StringVar(v, p.name, "", p.usage)
	}
	fs.StringVar(&output, "output", "", "file to write (default: standard output)")
	cfg.BindDatabase(fs, e.getenv)
	pos, err := parseInterleaved(&cfg, fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("export takes no arguments, got %q: %w", pos, errUsage)
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	values := url.Values{}
	for name, v := range params {
		if *v != "" {
			key := name
			if name == "updated-since" {
				key = "updated_since"
			}
			values.Set(key, *v)
		}
	}

	log := newLogger(&cfg, e.stderr)
	db, err := openDatabase(ctx, &cfg, log, database.PoolOptions{MaxConns: 2, ApplicationName: "newsevents export"})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := checkSchema(ctx, db.Pool); err != nil {
		return err
	}
	var out io.Writer = e.stdout
	var f *os.File
	if output != "" && output != "-" {
		if f, err = os.Create(output); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer f.Close()
		out = f
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	n, err := httpapi.Export(ctx, store.New(db.Pool), bw, values)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(e.stderr, "exported %d events to %s\n", n, output)
	}
	return nil
}

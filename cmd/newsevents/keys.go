package main

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/newsevents/newsevents/internal/apikey"
	"github.com/newsevents/newsevents/internal/config"
	"github.com/newsevents/newsevents/internal/database"
	"github.com/newsevents/newsevents/internal/model"
	"github.com/newsevents/newsevents/internal/store"
)

func runKeys(ctx context.Context, e env, args []string) error {
	var (
		cfg   config.Config
		name  string
		scope string
	)
	fs := newFlagSet(e, "keys", "create --name NAME --scope read|write|admin | list | revoke NAME [flags]",
		`Manage the API keys of the HTTP API.
  create  make a key and print it on stdout, once: only its SHA-256 is stored, so it cannot
          be shown again. Scopes: read (reads, when the server requires a key for them),
          write (reads and writes), admin (everything). The name is recorded as the author of
          every change made with the key, and is never reused.
  list    list the keys: name, scope, prefix, when created, last used and revoked
  revoke  revoke the key with that name (or id); requests with it get 401 from then on`)
	fs.StringVar(&name, "name", "", "name of the key to create, e.g. the person or pipeline holding it")
	fs.StringVar(&scope, "scope", "write", "scope of the key to create: "+strings.Join(model.Scopes, ", "))
	cfg.BindDatabase(fs, e.getenv)
	pos, err := parseInterleaved(&cfg, fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return fmt.Errorf("keys needs one of create, list, revoke: %w", errUsage)
	}
	action, pos := pos[0], pos[1:]
	switch {
	case action == "create" && len(pos) == 0:
		if name == "" {
			return fmt.Errorf("keys create needs --name: %w", errUsage)
		}
		if !slices.Contains(model.Scopes, scope) {
			return fmt.Errorf("scope %q: use %s: %w", scope, strings.Join(model.Scopes, ", "), errUsage)
		}
	case action == "list" && len(pos) == 0:
	case action == "revoke" && len(pos) == 1:
	case action == "create" || action == "list" || action == "revoke":
		return fmt.Errorf("keys %s: unexpected arguments %q: %w", action, pos, errUsage)
	default:
		return fmt.Errorf("keys %q: use create, list or revoke: %w", action, errUsage)
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(&cfg, e.stderr)
	db, err := openDatabase(ctx, &cfg, log, database.PoolOptions{MaxConns: 2, ApplicationName: "newsevents keys"})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := migrateUp(ctx, db.Pool, log); err != nil {
		return err
	}
	st := store.New(db.Pool)

	switch action {
	case "create":
		key, prefix, hash, err := apikey.New()
		if err != nil {
			return err
		}
		k, err := st.CreateAPIKey(ctx, name, scope, prefix, hash)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, key)
		fmt.Fprintf(e.stderr, "created API key %q with %s scope (prefix %s). It is shown only now: keep it somewhere safe.\n"+
			"Use it as: curl -H 'Authorization: Bearer <key>' …\n", k.Name, k.Scope, k.Prefix)
	case "list":
		keys, err := st.ListAPIKeys(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tSCOPE\tPREFIX\tCREATED\tLAST USED\tREVOKED")
		for _, k := range keys {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s…\t%s\t%s\t%s\n", k.ID, k.Name, k.Scope, k.Prefix,
				stamp(&k.CreatedAt), stamp(k.LastUsedAt), stamp(k.RevokedAt))
		}
		return tw.Flush()
	case "revoke":
		k, err := st.RevokeAPIKey(ctx, pos[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "revoked API key %q (revoked at %s)\n", k.Name, stamp(k.RevokedAt))
	}
	return nil
}

func stamp(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05Z")
}

// parseInterleaved parses flags that may come before, between or after the positional
// arguments ("keys revoke bot --data-dir d"), and returns the positional ones.
func parseInterleaved(cfg *config.Config, fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := cfg.Parse(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
		if len(args) == 0 {
			return pos, nil
		}
	}
}

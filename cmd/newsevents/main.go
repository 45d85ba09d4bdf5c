// Command newsevents turns news reports into structured, sourced event records and serves them
// over a REST API backed by PostgreSQL. Run "newsevents --help" for the subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	if err := run(context.Background(), os.Args, os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(os.Stderr, "newsevents: %v\n", err)
		}
		os.Exit(exitCode(err))
	}
}

// env is what a command may touch of the outside world.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand of the binary.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "start the HTTP API (and, with no DATABASE_URL, a private PostgreSQL)", runServe},
		{"migrate", "apply or roll back schema migrations: up, down, status, redo, reset", runMigrate},
		{"seed", "load the demo dataset (idempotent)", runSeed},
		{"keys", "manage API keys: create, list, revoke", runKeys},
		{"import", "load NDJSON event records or CSV tables of layoffs and acquisitions (idempotent)", runImport},
		{"export", "write every event (or a filtered set) as NDJSON or CSV", runExport},
		{"gen", "fill the database with a synthetic corpus for benchmarks (--events N --seed S)", runGen},
		{"healthcheck", "probe a running server (for container health checks)", runHealthcheck},
		{"extract", "print the events, actors, dates and figures found in a news text (no database)", runExtract},
	}
}

// run is the whole program: it picks the subcommand and runs it until ctx is cancelled or
// SIGINT/SIGTERM arrives.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := env{getenv: getenv, stdin: os.Stdin, stdout: stdout, stderr: stderr}
	if len(args) < 2 {
		usage(stderr)
		return errUsage
	}
	name := args[1]
	switch name {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, e, args[2:])
		}
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", name)
}

var errUsage = errors.New("no command given")

func usage(w io.Writer) {
	fmt.Fprint(w, `newsevents turns news reports into structured, sourced records (events, actors,
figures, articles) and serves them over a REST API backed by PostgreSQL.

Usage:
  newsevents <command> [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run "newsevents <command> --help" for a command's flags. Every flag can also be set by the
environment variable named in its help.
`)
}

// newFlagSet returns a flag set for a subcommand, printing its usage on --help.
func newFlagSet(e env, name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: newsevents %s %s\n\n%s\n\nFlags:\n", name, synopsis, description)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(e.stderr)
	}
	return fs
}

// exitCode is 2 for usage errors, 1 for the rest.
func exitCode(err error) int {
	if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	return 1
}

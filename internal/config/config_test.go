package config

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func parse(t *testing.T, vars map[string]string, args ...string) (Config, error) {
	t.Helper()
	var c Config
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	getenv := func(k string) string { return vars[k] }
	c.BindDatabase(fs, getenv)
	c.BindServe(fs, getenv)
	if err := c.Parse(fs, args); err != nil {
		return c, err
	}
	return c, c.Validate()
}

func TestDefaults(t *testing.T) {
	c, err := parse(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DataDir != "./.data" || c.DatabaseURL != "" || !c.Migrate || c.Seed != SeedAuto ||
		c.LogLevel != "info" || c.StatementTimeout != 10*time.Second || c.MaxLimit != 500 {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestEnvironmentAndFlags(t *testing.T) {
	vars := map[string]string{
		"ADDR": "127.0.0.1:9000", "DATABASE_URL": "postgres://a:b@h/db", "NEWSEVENTS_MIGRATE": "false",
		"DB_STATEMENT_TIMEOUT": "2s", "LOG_LEVEL": "debug",
	}
	c, err := parse(t, vars, "--addr", ":7000")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":7000" {
		t.Errorf("flag should win over environment: addr %q", c.Addr)
	}
	if c.DatabaseURL != vars["DATABASE_URL"] || c.Migrate || c.StatementTimeout != 2*time.Second || c.LogLevel != "debug" {
		t.Errorf("environment not applied: %+v", c)
	}
}

func TestBadValuesAreAllReported(t *testing.T) {
	vars := map[string]string{"DB_STATEMENT_TIMEOUT": "soon", "NEWSEVENTS_MIGRATE": "maybe", "DATABASE_URL": "postgres://u:topsecret@h/db", "DB_MAX_CONNS": "many"}
	_, err := parse(t, vars)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"DB_STATEMENT_TIMEOUT", "NEWSEVENTS_MIGRATE", "DB_MAX_CONNS"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	if _, err := parse(t, nil, "--seed", "sometimes", "--log-level", "loud"); err == nil ||
		!strings.Contains(err.Error(), "seed") || !strings.Contains(err.Error(), "log level") {
		t.Errorf("invalid values: %v", err)
	}
}

func TestLogValueMasksPassword(t *testing.T) {
	c, err := parse(t, map[string]string{"DATABASE_URL": "postgres://user:topsecret@db:5432/news"})
	if err != nil {
		t.Fatal(err)
	}
	if s := c.LogValue().String(); strings.Contains(s, "topsecret") || !strings.Contains(s, "db:5432") {
		t.Fatalf("LogValue = %s", s)
	}
}

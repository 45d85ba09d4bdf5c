package main

import (
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/newsevents/newsevents/internal/config"
)

// No Docker engine runs where the tests run, so these tests hold the container files and the
// README to the binary by reading them.

// settingsEnv returns every environment variable the serve command reads.
func settingsEnv(t *testing.T) map[string]bool {
	t.Helper()
	var c config.Config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	getenv := func(string) string { return "" }
	c.BindDatabase(fs, getenv)
	c.BindServe(fs, getenv)
	known := map[string]bool{}
	for _, name := range c.EnvVars() {
		known[name] = true
	}
	return known
}

func TestComposeFile(t *testing.T) {
	b, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Image       string            `yaml:"image"`
			Build       string            `yaml:"build"`
			Environment map[string]string `yaml:"environment"`
			DependsOn   map[string]struct {
				Condition string `yaml:"condition"`
			} `yaml:"depends_on"`
			Healthcheck struct {
				Test []string `yaml:"test"`
			} `yaml:"healthcheck"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(b, &compose); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	db, ok := compose.Services["db"]
	if !ok || !strings.HasPrefix(db.Image, "postgres:") || len(db.Healthcheck.Test) == 0 {
		t.Fatalf("db service: %+v, want a postgres image with a health check", db)
	}
	app, ok := compose.Services["newsevents"]
	if !ok || app.Build != "." {
		t.Fatalf("newsevents service: %+v, want build: .", app)
	}
	if app.DependsOn["db"].Condition != "service_healthy" {
		t.Errorf("newsevents must wait for a healthy db, depends_on = %+v", app.DependsOn)
	}
	known := settingsEnv(t)
	for name := range app.Environment {
		if !known[name] {
			t.Errorf("compose sets %s, which newsevents does not read", name)
		}
	}
	if url := app.Environment["DATABASE_URL"]; !strings.Contains(url, "@db:5432/"+db.Environment["POSTGRES_DB"]) ||
		!strings.Contains(url, db.Environment["POSTGRES_USER"]+":"+db.Environment["POSTGRES_PASSWORD"]+"@") {
		t.Errorf("DATABASE_URL %q does not match the db service's user, password and database", url)
	}
	hc := app.Healthcheck.Test
	if len(hc) < 3 || hc[0] != "CMD" || hc[1] != "/usr/local/bin/newsevents" || !isCommand(hc[2]) {
		t.Errorf("newsevents health check %v must run a subcommand of the binary", hc)
	}
}

func isCommand(name string) bool {
	for _, c := range commands() {
		if c.name == name {
			return true
		}
	}
	return false
}

func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	stages := regexp.MustCompile(`(?m)^FROM\s+(\S+)`).FindAllStringSubmatch(text, -1)
	if len(stages) < 2 {
		t.Fatalf("want a multi-stage build, found %d FROM lines", len(stages))
	}
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(string(gomod))
	if goVersion == nil || !strings.HasPrefix(stages[0][1], "golang:"+goVersion[1]) {
		t.Errorf("build stage %s does not use the Go version of go.mod (%v)", stages[0][1], goVersion)
	}
	if !strings.Contains(text, "CGO_ENABLED=0") {
		t.Error("the binary must be static: CGO_ENABLED=0")
	}
	final := text[strings.LastIndex(text, "\nFROM "):]
	user := regexp.MustCompile(`(?m)^USER\s+(\S+)`).FindStringSubmatch(final)
	if user == nil || strings.HasPrefix(user[1], "root") || strings.HasPrefix(user[1], "0") {
		t.Errorf("the final stage must run as a non-root user, USER = %v", user)
	}
	if !strings.Contains(final, `ENTRYPOINT ["/usr/local/bin/newsevents"]`) || !strings.Contains(final, "COPY --from=build /out/newsevents /usr/local/bin/newsevents") {
		t.Error("the final stage must copy the built binary to /usr/local/bin/newsevents and run it")
	}
	for _, env := range regexp.MustCompile(`(?m)^ENV\s+(.+)$`).FindAllStringSubmatch(final, -1) {
		for _, kv := range strings.Fields(env[1]) {
			if name := strings.SplitN(kv, "=", 2)[0]; !settingsEnv(t)[name] {
				t.Errorf("the image sets %s, which newsevents does not read", name)
			}
		}
	}
}

// TestREADMEConfigurationTable keeps the README's table in step with the settings.
func TestREADMEConfigurationTable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for name := range settingsEnv(t) {
		if !strings.Contains(string(b), "| `"+name+"` |") {
			t.Errorf("README configuration table lacks %s", name)
		}
	}
}

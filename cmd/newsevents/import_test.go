package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsevents/newsevents/internal/testdb"
)

const acquisitionsCSV = `ID,Parent Company,Acquisition Year,Acquisition Month,Acquired Company,Business,Country,Acquisition Price,Category,Derived Products
124,Twitter,2008,Jul,Summize,Social search,United States,-,-,-
169,Twitter,2015,Mar,Periscope,Live-video streaming,-,50100000000,-,-
384,Hp,-,-,Polyserve,Computer software,-,-,-,-
`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestImportExportCommands imports a table, exports the database, imports the export into an
// empty database and exports that: the same bytes.
func TestImportExportCommands(t *testing.T) {
	vars := map[string]string{"DATABASE_URL": testdb.Empty(t), "LOG_LEVEL": "warn"}
	file := writeFile(t, "acquisitions.csv", acquisitionsCSV)
	out, errOut, err := newsevents(t, vars, "import", file)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	for _, want := range []string{"CSV table of acquisitions", "Parent Company → acquirer", "3 records read", "2 created, 0 updated, 0 unchanged, 1 rejected",
		`line 4: rejected: year: empty ("-")`} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(errOut, "\r") {
		t.Errorf("a progress bar was drawn on a non-terminal: %q", errOut)
	}
	out, _, err = newsevents(t, vars, "import", "--json", file)
	var rep struct{ Unchanged, Created int }
	if err != nil || json.Unmarshal([]byte(out), &rep) != nil || rep.Unchanged != 2 || rep.Created != 0 {
		t.Errorf("second import: %v %s", err, out)
	}
	if _, _, err := newsevents(t, vars, "import", "--all-or-nothing", file); err == nil || !strings.Contains(err.Error(), "nothing was imported") {
		t.Errorf("all or nothing: %v", err)
	}

	dump := filepath.Join(t.TempDir(), "dump.ndjson")
	if _, errOut, err := newsevents(t, vars, "export", "--output", dump); err != nil || !strings.Contains(errOut, "exported 2 events") {
		t.Fatalf("export: %v %s", err, errOut)
	}
	first, _ := os.ReadFile(dump)
	other := map[string]string{"DATABASE_URL": testdb.Empty(t), "LOG_LEVEL": "warn"}
	if out, errOut, err := newsevents(t, other, "import", dump); err != nil || !strings.Contains(out, "2 created") {
		t.Fatalf("import of the export: %v\n%s%s", err, out, errOut)
	}
	second, _, err := newsevents(t, other, "export")
	if err != nil || second != string(first) {
		t.Errorf("export -> import -> export differs (%v):\n%s\n%s", err, first, second)
	}
	csv, _, err := newsevents(t, other, "export", "--format", "csv", "--from", "2015-01-01")
	if err != nil || strings.Count(csv, "\r\n") != 2 || !strings.Contains(csv, "Twitter acquires Periscope") {
		t.Errorf("CSV export: %v\n%s", err, csv)
	}
	if _, _, err := newsevents(t, other, "export", "--from", "soon"); err == nil || !strings.Contains(err.Error(), "from") {
		t.Errorf("bad filter: %v", err)
	}
	if _, _, err := newsevents(t, vars, "import", "/nonexistent.csv"); err == nil {
		t.Errorf("missing file imported")
	}
}

// TestCommandsShareRunningServer runs import, export and keys against the embedded cluster of
// a running server: they attach to it instead of starting another one.
func TestCommandsShareRunningServer(t *testing.T) {
	dir, err := os.MkdirTemp("", "newsevents-share-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"NEWSEVENTS_DATA_DIR": dir + "/data", "LOG_LEVEL": "warn"}
	base, stop, logs := startServe(t, map[string]string{"NEWSEVENTS_DATA_DIR": dir + "/data"})
	file := writeFile(t, "acquisitions.csv", acquisitionsCSV)
	if out, errOut, err := newsevents(t, vars, "import", file); err != nil || !strings.Contains(out, "2 created") {
		t.Fatalf("import while serving: %v\n%s%s", err, out, errOut)
	}
	key, _, err := newsevents(t, vars, "keys", "create", "--name", "shared")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(base + "/v1/events?type=acquisition&from=2000-01-01&to=2020-01-01")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "Twitter acquires Periscope") {
		t.Errorf("the server does not see the import: %s", body)
	}
	req, _ := http.NewRequest("DELETE", base+"/v1/events/1", nil)
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(key))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 204 {
		t.Errorf("DELETE with the key made while serving = %d", resp.StatusCode)
	}
	out, _, err := newsevents(t, vars, "export", "--status", "retracted")
	if err != nil || strings.Count(out, "\n") != 1 {
		t.Errorf("export while serving: %v\n%s", err, out)
	}
	if err := stop(); err != nil {
		t.Fatalf("stop: %v\n%s", err, logs)
	}
}
